import { invalidInput } from '../model/errors.js';
import type { IncidentSource } from '../model/index.js';
import { snapshotInput } from '../model/validate.js';
import { type ImportContext, type MilestoneDraft, uniqueStrings } from './import-context.js';
import { readTime } from './read-time.js';
import type { CsvMapping, ImportedIncident, ImportedTimestamp } from './types.js';
import { trimmedText } from './whitespace.js';

// The generic CSV: a mapping names the column of each field. Checked once; each row then reads
// only the mapped columns.

const TIMESTAMPS: ImportedTimestamp[] = [
  'startedAt',
  'detectedAt',
  'acknowledgedAt',
  'triagedAt',
  'mitigatedAt',
  'resolvedAt',
  'reviewedAt',
  'closedAt',
  'cancelledAt',
  'postmortemPublishedAt',
];
const FIELDS: (keyof CsvMapping)[] = [
  'id',
  'externalId',
  'title',
  'severity',
  'services',
  'tags',
  'source',
  'category',
  'drill',
  'status',
];
const SOURCES: readonly IncidentSource[] = ['monitoring', 'synthetic', 'anomaly', 'customer', 'internal'];
const CANCELLED = new Set([
  'cancelled',
  'canceled',
  'declined',
  'merged',
  'duplicate',
  'false-alarm',
  'false alarm',
]);
const CLOSED = new Set(['closed', 'resolved', 'done', 'complete', 'completed']);
const OPEN = new Set([
  'open',
  'new',
  'active',
  'ongoing',
  'triggered',
  'acknowledged',
  'investigating',
  'identified',
  'triage',
  'mitigating',
  'mitigated',
  'monitoring',
  'in progress',
  'in_progress',
  'live',
]);
const LIST_SEPARATOR = /[,;|]/;
const DRILL_WORDS = new Set(['true', 'yes', 'y', '1', 't', 'drill']);
/** The longest column name a mapping may give. */
const COLUMN_NAME_MAX = 1_000;

/**
 * The fields a {@link CsvMapping} may name: the milestone timestamps (and the postmortem's
 * publication), then the other fields. What `fromCsv` and `createCsvRowImporter` accept, for
 * tools that build a mapping from user input.
 *
 * @example
 * ```ts
 * import { CSV_MAPPING_FIELDS } from 'incidentkit/importers';
 * CSV_MAPPING_FIELDS.includes('resolvedAt'); // true
 * ```
 */
export const CSV_MAPPING_FIELDS: readonly (keyof CsvMapping)[] = /*#__PURE__*/ (
  TIMESTAMPS as (keyof CsvMapping)[]
).concat(FIELDS);

/** A checked mapping, read once: which column holds what, and the skip reasons it implies. */
export interface CsvPlan {
  readonly mapping: CsvMapping;
  /** The distinct columns the mapping names; a row's cells are read in this order. */
  readonly columns: readonly string[];
  /** Field → index into `columns` (−1: not mapped). */
  readonly at: Readonly<Record<keyof CsvMapping, number>>;
  /** The mapped timestamps other than detectedAt, with their cell index. */
  readonly times: readonly (readonly [ImportedTimestamp, number, string])[];
  readonly missingId: string;
  readonly missingCreated: string;
  readonly unknownSource: string;
  readonly unknownStatus: string;
}

/**
 * Checks a mapping (an object of known field → column name, with `detectedAt`), copied once with
 * `snapshotInput`, and plans the reading of rows through it.
 */
export function readMapping(mapping: unknown): CsvPlan {
  const copy = snapshotInput(mapping, 'mapping');
  if (typeof copy !== 'object' || copy === null || Array.isArray(copy))
    throw invalidInput(
      'mapping',
      'expected an object of field → column name, e.g. { id: "number", detectedAt: "created" }',
    );
  const known: readonly string[] = CSV_MAPPING_FIELDS;
  const checked = copy as Record<string, unknown>;
  for (const [field, column] of Object.entries(checked)) {
    if (!known.includes(field))
      throw invalidInput(
        `mapping.${field.length > 40 ? `${field.slice(0, 40)}…` : field}`,
        `expected one of ${known.join(', ')}`,
      );
    if (typeof column !== 'string' || column.trim() === '' || column.length > COLUMN_NAME_MAX)
      throw invalidInput(
        `mapping.${field}`,
        `expected a column name (at most ${COLUMN_NAME_MAX} characters)`,
      );
  }
  if (!Object.hasOwn(checked, 'detectedAt'))
    throw invalidInput('mapping.detectedAt', 'is required: the column with the creation (detection) time');
  const m = checked as unknown as CsvMapping;
  const columns: string[] = [];
  const at = {} as Record<keyof CsvMapping, number>;
  for (const field of CSV_MAPPING_FIELDS) {
    const column = m[field];
    if (column === undefined) {
      at[field] = -1;
      continue;
    }
    let k = columns.indexOf(column);
    if (k < 0) k = columns.push(column) - 1;
    at[field] = k;
  }
  return {
    mapping: m,
    columns,
    at,
    times: TIMESTAMPS.filter((t) => t !== 'detectedAt' && at[t] >= 0).map((t) => [t, at[t], m[t]!] as const),
    missingId: `${m.id} (the id) is missing`,
    missingCreated: `${m.detectedAt} (the creation time) is missing`,
    unknownSource: `${m.source} is not one of ${SOURCES.join(', ')}; the default source used`,
    unknownStatus: `${m.status} is not a status this importer knows; imported as open`,
  };
}

/** Throws `INVALID_INPUT` naming the first mapped column the header lacks. */
export function checkHeader(plan: CsvPlan, header: readonly string[]): void {
  const columns = new Set(header);
  // In the mapping's own order, so the first column the caller named that is missing is reported.
  for (const field of Object.keys(plan.mapping) as (keyof CsvMapping)[]) {
    const column = plan.mapping[field];
    if (column !== undefined && !columns.has(column)) {
      const shown = header
        .slice(0, 30)
        .map((name) => (name.length > 40 ? `${name.slice(0, 40)}…` : name))
        .join(', ');
      throw invalidInput(
        `mapping.${field}`,
        `column "${column}" is not in the CSV header (its columns: ${shown})`,
      );
    }
  }
}

/**
 * Reads the mapped cells of `row` into `cells` (a trimmed non-blank string, or `undefined`), each
 * own property read once. The caller guards the reads of a row it did not build itself.
 */
export function readMappedCells(
  plan: CsvPlan,
  row: Readonly<Record<string, unknown>>,
  cells: (string | undefined)[],
): void {
  const { columns } = plan;
  for (let k = 0; k < columns.length; k++) {
    const column = columns[k]!;
    const value = Object.hasOwn(row, column) ? row[column] : undefined;
    cells[k] = typeof value === 'string' ? trimmedText(value) : undefined;
  }
}

function listCell(value: string | undefined): string[] {
  return value === undefined ? [] : uniqueStrings(value.split(LIST_SEPARATOR));
}

/** Reads one row from its mapped cells ({@link readMappedCells}); `undefined` when it is skipped. */
export function readCsvCells(
  ctx: ImportContext,
  plan: CsvPlan,
  cells: readonly (string | undefined)[],
  line: number,
): ImportedIncident | undefined {
  const { at, mapping } = plan;
  const get = (k: number) => (k < 0 ? undefined : cells[k]);
  let id: string | undefined;
  if (at.id < 0) id = `line-${line}`;
  else {
    id = get(at.id);
    if (id === undefined) {
      ctx.skip(line, plan.missingId);
      return undefined;
    }
  }
  const created = readTime(get(at.detectedAt), ctx.timeZone);
  if (!('ms' in created)) {
    ctx.skip(
      line,
      'error' in created
        ? `${mapping.detectedAt} (the creation time): ${created.error}`
        : plan.missingCreated,
      id,
    );
    return undefined;
  }
  const m: MilestoneDraft = { detectedAt: created.ms };
  for (const [target, k, column] of plan.times) ctx.time(m, target, cells[k], line, column);
  let source: IncidentSource | undefined;
  const sourceValue = get(at.source);
  if (sourceValue !== undefined) {
    const s = sourceValue.toLowerCase() as IncidentSource;
    if (SOURCES.includes(s)) source = s;
    else ctx.warn('source', plan.unknownSource, line, sourceValue);
  }
  const status = get(at.status)?.toLowerCase();
  const phase =
    status === undefined
      ? undefined
      : CANCELLED.has(status)
        ? 'cancelled'
        : CLOSED.has(status)
          ? 'closed'
          : undefined;
  if (status !== undefined && phase === undefined && !OPEN.has(status))
    ctx.warn('phase', plan.unknownStatus, line, status);
  const drill = get(at.drill);
  return ctx.finish(line, {
    id,
    externalId: get(at.externalId) ?? id,
    title: get(at.title),
    severity: at.severity < 0 ? undefined : ctx.severity(get(at.severity), line, mapping.severity),
    source,
    drill: drill !== undefined && DRILL_WORDS.has(drill.toLowerCase()),
    services: listCell(get(at.services)),
    tags: listCell(get(at.tags)),
    category: get(at.category),
    phase,
    milestones: m,
  });
}

/** Reads one plain row (built by the importers) through the plan; `undefined` when it is skipped. */
export function readCsvRow(
  ctx: ImportContext,
  plan: CsvPlan,
  row: Readonly<Record<string, unknown>>,
  line: number,
): ImportedIncident | undefined {
  const cells = new Array<string | undefined>(plan.columns.length);
  readMappedCells(plan, row, cells);
  return readCsvCells(ctx, plan, cells, line);
}
