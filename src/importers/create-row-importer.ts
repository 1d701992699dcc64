import { invalidInput } from '../model/errors.js';
import { createImportContext, type ImportContext, readImportOptions } from './import-context.js';
import type { ImportedIncident, RowImporter } from './types.js';

/** The reason a row is skipped when reading it threw (a getter or Proxy trap of a row built by hand). */
export const UNREADABLE_ROW = 'the row could not be read (a getter or Proxy trap threw)';

/** Reads one row with the import's context; `undefined` when the row was skipped. */
export type RowReader = (
  ctx: ImportContext,
  row: Readonly<Record<string, string | undefined>>,
  line: number,
) => ImportedIncident | undefined;

/** Checks `maxSkipped` and the common options, and the `extra` keys the caller reads itself. */
export function rowContext(
  options: unknown,
  extra: readonly string[] = [],
): {
  ctx: ImportContext;
  options: Readonly<Record<string, unknown>>;
} {
  const o = readImportOptions(options, ['maxSkipped', ...extra]);
  const { maxSkipped = Infinity } = o;
  if (
    typeof maxSkipped !== 'number' ||
    !(maxSkipped >= 0) ||
    (maxSkipped !== Infinity && !Number.isInteger(maxSkipped))
  )
    throw invalidInput('options.maxSkipped', 'expected a whole number ≥ 0');
  return { ctx: createImportContext(o, maxSkipped), options: o };
}

/** A {@link RowImporter} around `read`: counts rows, keeps the context's warnings and skipped rows. */
export function rowImporter(ctx: ImportContext, read: RowReader): RowImporter {
  let rows = 0;
  let imported = 0;
  return {
    push(row, line) {
      rows++;
      if (typeof row !== 'object' || row === null) {
        ctx.skip(line, 'not a row object');
        return undefined;
      }
      const incident = read(ctx, row, line);
      if (incident !== undefined) imported++;
      return incident;
    },
    skip(line, reason) {
      rows++;
      ctx.skip(line, typeof reason === 'string' ? reason : 'unreadable CSV record');
    },
    result() {
      return {
        rows,
        imported,
        skippedCount: ctx.skippedCount,
        skipped: [...ctx.skipped],
        warnings: ctx.warnings(),
      };
    },
  };
}
