import type { ImportContext, MilestoneDraft } from './import-context.js';
import { readTime } from './read-time.js';
import type { ImportedIncident } from './types.js';
import { isBlank, trimmedText } from './whitespace.js';

// PagerDuty's analytics raw incidents (`POST /analytics/raw/incidents`, and the CSV the analytics
// pages export): one flat record per incident. CSV headers vary (`created_at`, `Created At`,
// `Incident ID`), so a column is found by its normalised name among the documented one and its
// common aliases, once per header.

/** The fields read, in the order of a record's cells (see {@link readCells}). */
const FIELDS = [
  'id',
  'number',
  'title',
  'created',
  'acknowledged',
  'secondsToAck',
  'resolved',
  'secondsToResolve',
  'priority',
  'service',
  'team',
  'urgency',
  'major',
  'status',
  'incidentKey',
  'incidentType',
] as const;

export type AnalyticsField = (typeof FIELDS)[number];

/** The fields read, each with the normalised column names that may hold it, preferred first. */
const ANALYTICS_COLUMNS: Readonly<Record<AnalyticsField, readonly string[]>> = {
  id: ['id', 'incident_id'],
  number: ['incident_number', 'number', 'incident_num'],
  title: ['description', 'title', 'incident_description', 'summary', 'name', 'incident_title'],
  created: [
    'created_at',
    'created_on',
    'created',
    'incident_created_at',
    'triggered_at',
    'created_date',
    'opened_at',
  ],
  acknowledged: ['acknowledged_at', 'first_acknowledged_at', 'first_ack_at', 'acked_at'],
  secondsToAck: ['seconds_to_first_ack', 'time_to_first_ack_seconds', 'seconds_to_ack', 'tta_seconds'],
  resolved: ['resolved_at', 'resolved_on', 'resolved', 'incident_resolved_at', 'resolved_date', 'closed_at'],
  secondsToResolve: ['seconds_to_resolve', 'time_to_resolve_seconds', 'ttr_seconds'],
  priority: ['priority_name', 'priority', 'incident_priority', 'priority_summary'],
  service: ['service_name', 'service', 'incident_service_name', 'service_summary'],
  team: ['team_name', 'team', 'incident_team_name'],
  urgency: ['urgency', 'incident_urgency'],
  major: ['major', 'is_major', 'major_incident'],
  status: ['status', 'incident_status'],
  incidentKey: ['incident_key', 'dedup_key'],
  incidentType: ['incident_type_name', 'incident_type'],
};

/** `Created At`, `created-at`, ` CREATED_AT ` → `created_at`. */
function normaliseColumn(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** For each field, the actual key of `keys` that holds it (first alias present wins). */
export function resolveColumns(keys: readonly string[]): Partial<Record<AnalyticsField, string>> {
  const byName = new Map<string, string>();
  for (const key of keys) {
    const name = normaliseColumn(key);
    if (!byName.has(name)) byName.set(name, key);
  }
  const columns: Partial<Record<AnalyticsField, string>> = {};
  for (const field of FIELDS) {
    for (const alias of ANALYTICS_COLUMNS[field]) {
      const key = byName.get(alias);
      if (key !== undefined) {
        columns[field] = key;
        break;
      }
    }
  }
  return columns;
}

/** How many of the analytics-only columns a header has (to tell the shape from others). */
export function analyticsScore(keys: readonly string[]): number {
  const names = new Set(keys.map(normaliseColumn));
  let score = 0;
  // PagerDuty's own duration columns tell on their own; the others only together.
  for (const name of [
    'seconds_to_first_ack',
    'seconds_to_resolve',
    'seconds_to_engage',
    'seconds_to_mobilize',
  ]) {
    if (names.has(name)) score += 2;
  }
  for (const name of [
    'priority_name',
    'service_name',
    'team_name',
    'major',
    'escalation_policy_name',
    'total_notifications',
  ]) {
    if (names.has(name)) score++;
  }
  if (names.has('urgency') && (names.has('incident_number') || names.has('description'))) score++;
  return score;
}

/** How many cells {@link readCells} fills: one per field, at the field's index in {@link FIELDS}. */
export const CELL_COUNT = FIELDS.length;
const ID = 0;
const NUMBER = 1;
const TITLE = 2;
const CREATED = 3;
const ACKNOWLEDGED = 4;
const SECONDS_TO_ACK = 5;
const RESOLVED = 6;
const SECONDS_TO_RESOLVE = 7;
const PRIORITY = 8;
const SERVICE = 9;
const TEAM = 10;
const URGENCY = 11;
const MAJOR = 12;
const STATUS = 13;
const INCIDENT_KEY = 14;
const INCIDENT_TYPE = 15;

/** For each field (in cell order), the key of the record that holds it. */
export function cellKeys(columns: Partial<Record<AnalyticsField, string>>): (string | undefined)[] {
  return FIELDS.map((field) => columns[field]);
}

/**
 * Reads the cells of `record` (its own properties named by `keys`, each read once) into `cells`.
 * The caller guards the reads when the record is not plain data it made itself.
 */
export function readCells(
  record: Readonly<Record<string, unknown>>,
  keys: readonly (string | undefined)[],
  cells: unknown[],
): void {
  for (let f = 0; f < CELL_COUNT; f++) {
    const key = keys[f];
    cells[f] = key !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
  }
}

/** A cell, with a blank string read as absent; other values as they are. */
function present(value: unknown): unknown {
  return typeof value === 'string' && isBlank(value) ? undefined : value;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return trimmedText(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Seconds as a number or numeric text (`"125"`, `"125.0"`), ≥ 0; `undefined` when blank. */
function secondsOf(value: unknown): number | 'bad' | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    if (isBlank(value)) return undefined;
    const n = Number(value);
    return Number.isFinite(n) && n >= 0 ? n : 'bad';
  }
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 'bad';
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 't']);

function truthy(value: unknown): boolean {
  if (value === true || value === 'true') return true;
  // `false` as exports write it needs no lower-cased copy.
  if (typeof value !== 'string' || value === 'false' || value === '') return false;
  return TRUE_WORDS.has(value.trim().toLowerCase());
}

/** `status` in lower case (exports write it so: no copy then). */
function statusOf(value: unknown): string | undefined {
  const status = textOf(value);
  if (status === undefined || status === 'resolved' || status === 'triggered' || status === 'acknowledged')
    return status;
  return status.toLowerCase();
}

/**
 * Reads one analytics record from its cells ({@link readCells}) with `columns` resolved for its
 * keys; `undefined` when it is skipped (no id, no readable creation time).
 */
export function readAnalyticsCells(
  ctx: ImportContext,
  cells: readonly unknown[],
  columns: Partial<Record<AnalyticsField, string>>,
  row: number,
): ImportedIncident | undefined {
  const number = textOf(cells[NUMBER]);
  const id = textOf(cells[ID]) ?? number;
  if (id === undefined) {
    ctx.skip(
      row,
      columns.id === undefined && columns.number === undefined
        ? 'no id column (id or incident_number)'
        : 'id is missing',
    );
    return undefined;
  }
  const created = readTime(cells[CREATED], ctx.timeZone);
  if (!('ms' in created)) {
    const column = columns.created ?? 'created_at';
    ctx.skip(row, 'error' in created ? `${column}: ${created.error}` : `${column} is missing`, id);
    return undefined;
  }
  const m: MilestoneDraft = { detectedAt: created.ms };
  const status = statusOf(cells[STATUS]);

  // An acknowledgement time the export gives wins over one rebuilt from seconds_to_first_ack.
  const acknowledged = cells[ACKNOWLEDGED];
  if (acknowledged !== undefined)
    ctx.time(m, 'acknowledgedAt', acknowledged, row, columns.acknowledged ?? 'acknowledged_at');
  if (m.acknowledgedAt === undefined) {
    const seconds = secondsOf(cells[SECONDS_TO_ACK]);
    if (seconds === 'bad')
      ctx.warn(
        'acknowledgedAt',
        'seconds_to_first_ack is not a number; acknowledgedAt left out',
        row,
        cells[SECONDS_TO_ACK],
      );
    else if (seconds !== undefined) m.acknowledgedAt = created.ms + Math.round(seconds * 1000);
    else if (status !== 'triggered')
      ctx.warn('acknowledgedAt', 'no acknowledgement; acknowledgedAt left out', row);
  }
  const resolved = cells[RESOLVED];
  if (resolved !== undefined) ctx.time(m, 'resolvedAt', resolved, row, columns.resolved ?? 'resolved_at');
  if (m.resolvedAt === undefined) {
    const seconds = secondsOf(cells[SECONDS_TO_RESOLVE]);
    if (typeof seconds === 'number') m.resolvedAt = created.ms + Math.round(seconds * 1000);
    else if (status === 'resolved')
      ctx.warn('resolvedAt', 'status is resolved but no resolution time is given; resolvedAt left out', row);
  }

  // Each tag has its own prefix, so they are distinct without a check.
  const tags: string[] = [];
  const team = textOf(cells[TEAM]);
  if (team !== undefined) tags.push(`team:${team}`);
  const urgency = textOf(cells[URGENCY]);
  if (urgency !== undefined) tags.push(`urgency:${urgency}`);
  if (truthy(cells[MAJOR])) tags.push('major');
  const type = textOf(cells[INCIDENT_TYPE]);
  if (type !== undefined) tags.push(`type:${type}`);
  const service = textOf(cells[SERVICE]);
  if (service === undefined) ctx.warn('services', 'no service; services left empty', row);

  return ctx.finish(row, {
    id,
    externalId: number ?? id,
    title: textOf(cells[TITLE]),
    severity: ctx.severity(present(cells[PRIORITY]), row, 'priority'),
    drill: false,
    services: service === undefined ? [] : [service],
    tags,
    category: textOf(cells[INCIDENT_KEY]),
    phase: status === 'resolved' ? 'closed' : undefined,
    milestones: m,
  });
}

/** Reads one plain analytics record (a JSON entry, or a row the importers built) by its own keys. */
export function readAnalyticsRecord(
  ctx: ImportContext,
  record: Readonly<Record<string, unknown>>,
  columns: Partial<Record<AnalyticsField, string>>,
  row: number,
): ImportedIncident | undefined {
  const cells = new Array<unknown>(CELL_COUNT);
  readCells(record, cellKeys(columns), cells);
  return readAnalyticsCells(ctx, cells, columns, row);
}
