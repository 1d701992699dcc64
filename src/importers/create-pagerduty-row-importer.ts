import { rowContext, rowImporter, UNREADABLE_ROW } from './create-row-importer.js';
import {
  type AnalyticsField,
  CELL_COUNT,
  cellKeys,
  readAnalyticsCells,
  resolveColumns,
} from './pagerduty-analytics.js';
import type { RowImporter, RowImporterOptions } from './types.js';

/**
 * A {@link RowImporter} for PagerDuty's analytics raw-incidents CSV, fed one row at a time by a
 * streaming CSV parser (`csv-parse` with `columns: true`), so a 10⁶-row export never sits in memory.
 * Columns are found from the rows' keys (once per key not seen before), among the documented names and common
 * aliases (`created_at`, `Created At`, `created_on`, …); the mapping is that of
 * {@link fromPagerDuty}'s analytics shape. Each cell a row is read for is read once; a row whose
 * getter or Proxy trap throws is skipped with that reason.
 *
 * @param options - severity mapping, the time zone of offset-less times, and `maxSkipped`
 * @returns the row importer
 * @throws `INVALID_INPUT` for a malformed option
 *
 * @example
 * ```ts
 * import { createPagerDutyRowImporter } from 'incidentkit/importers';
 * const importer = createPagerDutyRowImporter({ maxSkipped: 1000 });
 * const incident = importer.push(
 *   { id: 'Q1', description: 'Disk full', created_at: '2026-11-24T09:00:00Z', seconds_to_first_ack: '120', priority_name: 'P2' },
 *   2,
 * );
 * incident?.milestones.acknowledgedAt; // 1795510920000
 * ```
 */
export function createPagerDutyRowImporter(options?: RowImporterOptions): RowImporter {
  const { ctx } = rowContext(options);
  let columns: Partial<Record<AnalyticsField, string>> = {};
  let keys = cellKeys(columns);
  const seen = new Set<string>();
  // The keys of the last row whose keys were listed, in order, and for each of them the cell it
  // fills (−1: none). Rows of one CSV share their keys (a short row has a prefix of them), so a row
  // whose keys come in that order is read without listing them again.
  let known: string[] = [];
  let cellAt: number[] = [];
  const cells = new Array<unknown>(CELL_COUNT);

  /**
   * Fills the cells from the row's keys as long as they come in the order of `known` (reading each
   * value inside the key loop, where the engine reads it fastest), and returns how many did: all of
   * them (`-1`) for a row with those keys or a prefix of them, else the position of the first other
   * key. The values read so far stay valid: the columns of the keys already seen never change.
   */
  const readKnownKeys = (row: Readonly<Record<string, unknown>>): number => {
    cells.fill(undefined);
    let j = 0;
    for (const key in row) {
      if (key !== known[j]) return j;
      const f = cellAt[j++]!;
      if (f >= 0) cells[f] = row[key];
    }
    return -1;
  };

  /** A key not seen before resolves the columns again, over every key seen. */
  const learnKeys = (rowKeys: readonly string[]): void => {
    let fresh = false;
    for (const key of rowKeys) {
      if (!seen.has(key)) {
        seen.add(key);
        fresh = true;
      }
    }
    if (fresh) {
      // Columns already found keep their key; only fields still without one get a new key.
      columns = { ...resolveColumns([...seen]), ...columns };
      keys = cellKeys(columns);
    }
    known = [...rowKeys];
    cellAt = known.map((key) => keys.indexOf(key));
  };

  return rowImporter(ctx, (context, row, line) => {
    // Only the reads of the row are guarded: a getter or Proxy trap of a row built by hand that
    // throws makes the row unreadable; anything else thrown here is a bug and goes on up.
    let read: number;
    let rowKeys: string[] | undefined;
    try {
      read = readKnownKeys(row);
      if (read >= 0) rowKeys = Object.keys(row);
    } catch {
      context.skip(line, UNREADABLE_ROW);
      return undefined;
    }
    if (rowKeys !== undefined) {
      learnKeys(rowKeys);
      try {
        // The rest of its own keys (the first `read` were read above, each value once).
        for (let p = read; p < rowKeys.length; p++) {
          const f = cellAt[p]!;
          if (f >= 0) cells[f] = row[rowKeys[p]!];
        }
      } catch {
        context.skip(line, UNREADABLE_ROW);
        return undefined;
      }
    }
    return readAnalyticsCells(context, cells, columns, line);
  });
}
