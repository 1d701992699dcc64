import { invalidInput } from '../model/errors.js';
import type { IncidentSource } from '../model/index.js';
import { type ImportContext, type MilestoneDraft, uniqueStrings } from './import-context.js';
import { readTime } from './read-time.js';
import type { CsvMapping, ImportedIncident, ImportedTimestamp } from './types.js';

// The generic CSV: a mapping names the column of each field. Checked once; each row then reads
// only the mapped columns.

const TIMESTAMPS: readonly ImportedTimestamp[] = [
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
const FIELDS = [
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
] as const;
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

/** Checks a mapping: an object of known field → column name, with `detectedAt`. */
export function readMapping(mapping: unknown): CsvMapping {
  if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping))
    throw invalidInput(
      'mapping',
      'expected an object of field → column name, e.g. { id: "number", detectedAt: "created" }',
    );
  const known: readonly string[] = [...TIMESTAMPS, ...FIELDS];
  for (const [field, column] of Object.entries(mapping)) {
    if (!known.includes(field)) throw invalidInput(`mapping.${field}`, `expected one of ${known.join(', ')}`);
    if (typeof column !== 'string' || column.trim() === '')
      throw invalidInput(`mapping.${field}`, 'expected a column name');
  }
  if (!Object.hasOwn(mapping, 'detectedAt'))
    throw invalidInput('mapping.detectedAt', 'is required: the column with the creation (detection) time');
  return mapping as CsvMapping;
}

/** Throws `INVALID_INPUT` naming the first mapped column the header lacks. */
export function checkHeader(mapping: CsvMapping, header: readonly string[]): void {
  const columns = new Set(header);
  for (const [field, column] of Object.entries(mapping)) {
    if (!columns.has(column as string)) {
      const shown = header.slice(0, 30).join(', ');
      throw invalidInput(
        `mapping.${field}`,
        `column "${column}" is not in the CSV header (its columns: ${shown})`,
      );
    }
  }
}

function cell(
  row: Readonly<Record<string, string | undefined>>,
  column: string | undefined,
): string | undefined {
  if (column === undefined || !Object.hasOwn(row, column)) return undefined;
  const value = row[column];
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  return t === '' ? undefined : t;
}

function listCell(value: string | undefined): string[] {
  return value === undefined ? [] : uniqueStrings(value.split(LIST_SEPARATOR));
}

/** Reads one mapped row; `undefined` when it is skipped. */
export function readCsvRow(
  ctx: ImportContext,
  mapping: CsvMapping,
  row: Readonly<Record<string, string | undefined>>,
  line: number,
): ImportedIncident | undefined {
  let id: string | undefined;
  if (mapping.id === undefined) id = `line-${line}`;
  else {
    id = cell(row, mapping.id);
    if (id === undefined) {
      ctx.skip(line, `${mapping.id} (the id) is missing`);
      return undefined;
    }
  }
  const value = cell(row, mapping.detectedAt);
  const created = readTime(value, ctx.timeZone);
  if (!('ms' in created)) {
    ctx.skip(
      line,
      'error' in created
        ? `${mapping.detectedAt} (the creation time): ${created.error}`
        : `${mapping.detectedAt} (the creation time) is missing`,
      id,
    );
    return undefined;
  }
  const m: MilestoneDraft = { detectedAt: created.ms };
  for (const target of TIMESTAMPS) {
    const column = mapping[target];
    if (column === undefined || target === 'detectedAt') continue;
    ctx.time(m, target, cell(row, column), line, column);
  }
  let source: IncidentSource | undefined;
  const sourceValue = cell(row, mapping.source);
  if (sourceValue !== undefined) {
    const s = sourceValue.toLowerCase() as IncidentSource;
    if (SOURCES.includes(s)) source = s;
    else
      ctx.warn(
        'source',
        `${mapping.source} is not one of ${SOURCES.join(', ')}; the default source used`,
        line,
        sourceValue,
      );
  }
  const status = cell(row, mapping.status)?.toLowerCase();
  const phase =
    status === undefined
      ? undefined
      : CANCELLED.has(status)
        ? 'cancelled'
        : CLOSED.has(status)
          ? 'closed'
          : undefined;
  if (status !== undefined && phase === undefined && !OPEN.has(status))
    ctx.warn(
      'phase',
      `${mapping.status} is not a status this importer knows; imported as open`,
      line,
      status,
    );
  const drill = cell(row, mapping.drill);
  return ctx.finish(line, {
    id,
    externalId: cell(row, mapping.externalId) ?? id,
    title: mapping.title === undefined ? undefined : cell(row, mapping.title),
    severity:
      mapping.severity === undefined
        ? undefined
        : ctx.severity(cell(row, mapping.severity), line, mapping.severity),
    source,
    drill: drill !== undefined && /^(true|yes|y|1|t|drill)$/i.test(drill),
    services: listCell(cell(row, mapping.services)),
    tags: listCell(cell(row, mapping.tags)),
    category: cell(row, mapping.category),
    phase,
    milestones: m,
  });
}
