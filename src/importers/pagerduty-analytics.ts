import { type ImportContext, type MilestoneDraft, uniqueStrings } from './import-context.js';
import { readTime } from './read-time.js';
import type { ImportedIncident } from './types.js';

// PagerDuty's analytics raw incidents (`POST /analytics/raw/incidents`, and the CSV the analytics
// pages export): one flat record per incident. CSV headers vary (`created_at`, `Created At`,
// `Incident ID`), so a column is found by its normalised name among the documented one and its
// common aliases, once per header.

/** The fields read, each with the normalised column names that may hold it, preferred first. */
const ANALYTICS_COLUMNS = {
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
} as const;

export type AnalyticsField = keyof typeof ANALYTICS_COLUMNS;

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
  for (const field of Object.keys(ANALYTICS_COLUMNS) as AnalyticsField[]) {
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

function cell(row: Readonly<Record<string, unknown>>, key: string | undefined): unknown {
  if (key === undefined || !Object.hasOwn(row, key)) return undefined;
  const value = row[key];
  if (typeof value !== 'string') return value;
  // Only a cell that starts or ends with a space can be blank after trimming; most never do.
  if (value.length === 0) return undefined;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  return (first <= 32 || last <= 32) && value.trim() === '' ? undefined : value;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') {
    if (value.length > 0 && value.charCodeAt(0) > 32 && value.charCodeAt(value.length - 1) > 32) return value;
    return value.trim() || undefined;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Seconds as a number or numeric text (`"125"`, `"125.0"`), ≥ 0; `undefined` when blank. */
function secondsOf(value: unknown): number | 'bad' | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  return Number.isFinite(n) && n >= 0 ? n : 'bad';
}

function truthy(value: unknown): boolean {
  if (value === true) return true;
  return typeof value === 'string' && /^(true|yes|y|1|t)$/i.test(value.trim());
}

/**
 * Reads one analytics record (a CSV row or a JSON object) with `columns` resolved for its keys;
 * `undefined` when it is skipped (no id, no readable creation time).
 */
export function readAnalyticsRecord(
  ctx: ImportContext,
  record: Readonly<Record<string, unknown>>,
  columns: Partial<Record<AnalyticsField, string>>,
  row: number,
): ImportedIncident | undefined {
  const number = textOf(cell(record, columns.number));
  const id = textOf(cell(record, columns.id)) ?? number;
  if (id === undefined) {
    ctx.skip(
      row,
      columns.id === undefined && columns.number === undefined
        ? 'no id column (id or incident_number)'
        : 'id is missing',
    );
    return undefined;
  }
  const createdValue = cell(record, columns.created);
  const created = readTime(createdValue, ctx.timeZone);
  if (!('ms' in created)) {
    const column = columns.created ?? 'created_at';
    ctx.skip(row, 'error' in created ? `${column}: ${created.error}` : `${column} is missing`, id);
    return undefined;
  }
  const m: MilestoneDraft = { detectedAt: created.ms };
  const status = textOf(cell(record, columns.status))?.toLowerCase();

  // An acknowledgement time the export gives wins over one rebuilt from seconds_to_first_ack.
  ctx.time(
    m,
    'acknowledgedAt',
    cell(record, columns.acknowledged),
    row,
    columns.acknowledged ?? 'acknowledged_at',
  );
  if (m.acknowledgedAt === undefined) {
    const seconds = secondsOf(cell(record, columns.secondsToAck));
    if (seconds === 'bad')
      ctx.warn(
        'acknowledgedAt',
        'seconds_to_first_ack is not a number; acknowledgedAt left out',
        row,
        cell(record, columns.secondsToAck),
      );
    else if (seconds !== undefined) m.acknowledgedAt = created.ms + Math.round(seconds * 1000);
    else if (status !== 'triggered')
      ctx.warn('acknowledgedAt', 'no acknowledgement; acknowledgedAt left out', row);
  }
  ctx.time(m, 'resolvedAt', cell(record, columns.resolved), row, columns.resolved ?? 'resolved_at');
  if (m.resolvedAt === undefined) {
    const seconds = secondsOf(cell(record, columns.secondsToResolve));
    if (typeof seconds === 'number') m.resolvedAt = created.ms + Math.round(seconds * 1000);
    else if (status === 'resolved')
      ctx.warn('resolvedAt', 'status is resolved but no resolution time is given; resolvedAt left out', row);
  }

  const tags: string[] = [];
  const team = textOf(cell(record, columns.team));
  if (team !== undefined) tags.push(`team:${team}`);
  const urgency = textOf(cell(record, columns.urgency));
  if (urgency !== undefined) tags.push(`urgency:${urgency}`);
  if (truthy(cell(record, columns.major))) tags.push('major');
  const type = textOf(cell(record, columns.incidentType));
  if (type !== undefined) tags.push(`type:${type}`);
  const service = textOf(cell(record, columns.service));
  if (service === undefined) ctx.warn('services', 'no service; services left empty', row);

  return ctx.finish(row, {
    id,
    externalId: number ?? id,
    title: textOf(cell(record, columns.title)),
    severity: ctx.severity(cell(record, columns.priority), row, 'priority'),
    drill: false,
    services: service === undefined ? [] : [service],
    tags: uniqueStrings(tags),
    category: textOf(cell(record, columns.incidentKey)),
    phase: status === 'resolved' ? 'closed' : undefined,
    milestones: m,
  });
}
