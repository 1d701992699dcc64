import { invalidInput } from '../model/errors.js';
import { rowContext, rowImporter, UNREADABLE_ROW } from './create-row-importer.js';
import {
  type CsvPlan,
  checkHeader,
  readCsvCells,
  readCsvRow,
  readMappedCells,
  readMapping,
} from './csv-row.js';
import type { ImportContext } from './import-context.js';
import { readingThrew } from './json-input.js';
import { parseCsvText } from './parse-csv.js';
import type { CsvMapping, ImportedIncident, ImportResult, RowImporter, RowImporterOptions } from './types.js';

/**
 * Options of {@link fromCsv}.
 *
 * @example
 * ```ts
 * import type { CsvImportOptions } from 'incidentkit/importers';
 * const options: CsvImportOptions = { timeZone: 'Europe/Berlin', delimiter: ';' };
 * ```
 */
export interface CsvImportOptions extends RowImporterOptions {
  /** The field delimiter of CSV text (default `,`). */
  readonly delimiter?: string | undefined;
}

/**
 * Options of {@link createCsvRowImporter}.
 *
 * @example
 * ```ts
 * import type { CsvRowImporterOptions } from 'incidentkit/importers';
 * const options: CsvRowImporterOptions = { header: ['id', 'created', 'resolved'], maxSkipped: 1000 };
 * ```
 */
export interface CsvRowImporterOptions extends RowImporterOptions {
  /**
   * The header's column names (at most 10,000), to check the mapping against at once. Without it
   * the mapping is checked against the first row's keys, which a parser that lets rows be short
   * (`relax_column_count`) may leave incomplete: pass the header then.
   */
  readonly header?: readonly string[] | undefined;
}

/**
 * A {@link RowImporter} for a generic CSV read through `mapping`, fed one row at a time by a
 * streaming parser (`csv-parse` with `columns: true`). The mapping is checked at once, and
 * against `options.header` (else the first row's columns).
 *
 * @param mapping - which column holds what ({@link CsvMapping}); `detectedAt` is required
 * @param options - severity mapping, the time zone of offset-less times, `maxSkipped`, `header`
 * @returns the row importer
 * @throws `INVALID_INPUT` for a malformed mapping or option, and (from `push`) for a mapped column the rows lack
 *
 * @example
 * ```ts
 * import { createCsvRowImporter } from 'incidentkit/importers';
 * const importer = createCsvRowImporter({ id: 'key', detectedAt: 'opened', resolvedAt: 'closed' }, { timeZone: 'America/Chicago' });
 * importer.push({ key: 'OPS-1', opened: '2026-11-24 03:00', closed: '2026-11-24 04:30' }, 2)?.milestones.detectedAt; // 1795510800000
 * ```
 */
export function createCsvRowImporter(mapping: CsvMapping, options?: CsvRowImporterOptions): RowImporter {
  const plan = readMapping(mapping);
  const { ctx, options: o } = rowContext(options, ['header']);
  let headerChecked = false;
  if (o.header !== undefined) {
    // readImportOptions copied it (its length read once and bounded before anything walks it).
    const header = o.header;
    if (!Array.isArray(header) || header.length > HEADER_COLUMNS_MAX)
      throw invalidInput(
        'options.header',
        `expected the column names of the CSV header (at most ${HEADER_COLUMNS_MAX})`,
      );
    if (!header.every((h) => typeof h === 'string'))
      throw invalidInput('options.header', 'expected the column names of the CSV header (strings)');
    checkHeader(
      plan,
      header.map((h: string) => h.trim()),
    );
    headerChecked = true;
  }
  return rowImporter(ctx, guardedCsvReader(plan, headerChecked));
}

/** The most column names `options.header` may list. */
const HEADER_COLUMNS_MAX = 10_000;

/**
 * Reads rows a caller hands in through `plan`: the header is checked against the first row's keys
 * unless `headerChecked` (an `options.header` was checked already), and each row's cells are read
 * once with its reads guarded (a getter or Proxy trap that throws makes the row a skipped one).
 */
function guardedCsvReader(
  plan: CsvPlan,
  headerChecked: boolean,
): (
  ctx: ImportContext,
  row: Readonly<Record<string, unknown>>,
  line: number,
) => ImportedIncident | undefined {
  const cells = new Array<string | undefined>(plan.columns.length);
  return (context, row, line) => {
    let keys: string[] | undefined;
    try {
      if (!headerChecked) keys = Object.keys(row);
      else readMappedCells(plan, row, cells);
    } catch {
      context.skip(line, UNREADABLE_ROW);
      return undefined;
    }
    if (keys !== undefined) {
      checkHeader(plan, keys);
      headerChecked = true;
      try {
        readMappedCells(plan, row, cells);
      } catch {
        context.skip(line, UNREADABLE_ROW);
        return undefined;
      }
    }
    return readCsvCells(context, plan, cells, line);
  };
}

/** The async iterator method of `value`, read once (a getter or trap that throws is `INVALID_INPUT`). */
function asyncIteratorOf(value: unknown): (() => AsyncIterator<unknown>) | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  let method: unknown;
  try {
    method = (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator];
  } catch (cause) {
    throw readingThrew('input', cause);
  }
  return typeof method === 'function' ? (method as () => AsyncIterator<unknown>).bind(value) : undefined;
}

/**
 * Imports a generic CSV through a column mapping. Over CSV text it is synchronous; over an
 * `AsyncIterable` of rows (a streaming parser with `columns: true`) it returns a Promise, and row
 * *n* counts as line *n* + 1 (the header is line 1). Times carry an offset, or are read in
 * `options.timeZone`. A row is skipped only when its id or creation time cannot be read.
 *
 * @param input - CSV text (header first), or an AsyncIterable of rows keyed by column name
 * @param mapping - which column holds what ({@link CsvMapping})
 * @param options - severity mapping, time zone, delimiter, `maxSkipped`
 * @returns the incidents, the skipped rows by line number, and the warnings
 * @throws `INVALID_INPUT` for a malformed mapping or option, or a mapped column the header lacks
 *
 * @example
 * ```ts
 * import { fromCsv } from 'incidentkit/importers';
 * const csv = 'ref,impact_start,created,resolved,sev\nINC-1,2026-11-24T08:55:00Z,2026-11-24T09:00:00Z,2026-11-24T10:00:00Z,SEV2\n';
 * const { incidents } = fromCsv(csv, { id: 'ref', startedAt: 'impact_start', detectedAt: 'created', resolvedAt: 'resolved', severity: 'sev' });
 * incidents[0]?.milestones.startedAt; // 1795510500000
 * ```
 */
export function fromCsv(input: string, mapping: CsvMapping, options?: CsvImportOptions): ImportResult;
export function fromCsv(
  input: AsyncIterable<Readonly<Record<string, string | undefined>>>,
  mapping: CsvMapping,
  options?: CsvImportOptions,
): Promise<ImportResult>;
export function fromCsv(
  input: string | AsyncIterable<Readonly<Record<string, string | undefined>>>,
  mapping: CsvMapping,
  options?: CsvImportOptions,
): ImportResult | Promise<ImportResult>;
export function fromCsv(
  input: unknown,
  mapping: CsvMapping,
  options?: CsvImportOptions,
): ImportResult | Promise<ImportResult> {
  const plan = readMapping(mapping);
  const { ctx, options: o } = rowContext(options, ['delimiter']);
  const delimiter = o.delimiter ?? ',';
  if (
    typeof delimiter !== 'string' ||
    delimiter.length === 0 ||
    delimiter.length > 8 ||
    /["\r\n]/.test(delimiter)
  )
    throw invalidInput('options.delimiter', 'expected one or a few characters, not a quote or a line break');
  const incidents: ImportedIncident[] = [];
  if (typeof input === 'string') {
    parseCsvText(
      input,
      (row, line) => {
        const incident = readCsvRow(ctx, plan, row, line);
        if (incident !== undefined) incidents.push(incident);
      },
      (line, reason) => ctx.skip(line, reason),
      (header) => checkHeader(plan, header),
      delimiter,
    );
    return { incidents, skipped: ctx.skipped, warnings: ctx.warnings() };
  }
  const iterate = asyncIteratorOf(input);
  if (iterate === undefined) throw invalidInput('input', 'expected CSV text or an AsyncIterable of rows');
  const rows: AsyncIterable<unknown> = { [Symbol.asyncIterator]: iterate };
  return (async () => {
    const importer = rowImporter(ctx, guardedCsvReader(plan, false));
    let line = 1;
    for await (const row of rows) {
      line++;
      const incident = importer.push(row as Readonly<Record<string, string | undefined>>, line);
      if (incident !== undefined) incidents.push(incident);
    }
    return { incidents, skipped: ctx.skipped, warnings: ctx.warnings() };
  })();
}
