import { invalidInput } from '../model/errors.js';
import type { IncidentSource } from '../model/index.js';
import {
  createImportContext,
  type ImportContext,
  type MilestoneDraft,
  readImportOptions,
  uniqueStrings,
} from './import-context.js';
import { at, isRecord, list, listIn, own, readJsonInput, text } from './json-input.js';
import {
  type AnalyticsField,
  analyticsScore,
  CELL_COUNT,
  cellKeys,
  readAnalyticsCells,
  readAnalyticsRecord,
  readCells,
  resolveColumns,
} from './pagerduty-analytics.js';
import { parseCsvText } from './parse-csv.js';
import { readTime } from './read-time.js';
import type { ImportedIncident, ImportOptions, ImportResult } from './types.js';

/**
 * Options of {@link fromPagerDuty}.
 *
 * @example
 * ```ts
 * import type { PagerDutyImportOptions } from 'incidentkit/importers';
 * const options: PagerDutyImportOptions = { severityMap: { P1: 'SEV1', P2: 'SEV1' }, defaultSource: 'monitoring' };
 * ```
 */
export interface PagerDutyImportOptions extends ImportOptions {}

const JSON_START = /^\s*[[{]/;

/** The earliest readable time among `values`. */
function earliest(values: Iterable<unknown>, timeZone: string | undefined): number | undefined {
  let first: number | undefined;
  for (const value of values) {
    const read = readTime(value, timeZone);
    if ('ms' in read && (first === undefined || read.ms < first)) first = read.ms;
  }
  return first;
}

/** Who triggered it, from a full `first_trigger_log_entry` (a bare reference says nothing). */
function detectionSource(entry: unknown): IncidentSource | undefined {
  const agent = text(at(entry, 'agent', 'type'));
  const channel = text(at(entry, 'channel', 'type'));
  if (agent === undefined && channel === undefined) return undefined;
  if (agent === 'user_reference' || channel === 'web_trigger' || channel === 'mobile' || channel === 'slack')
    return 'internal';
  return 'monitoring';
}

function readRestIncident(ctx: ImportContext, entry: unknown, row: number): ImportedIncident | undefined {
  const id = text(own(entry, 'id'));
  if (id === undefined) {
    ctx.skip(row, isRecord(entry) ? 'id is missing' : 'not an incident object');
    return undefined;
  }
  const created = readTime(own(entry, 'created_at'), ctx.timeZone);
  if (!('ms' in created)) {
    ctx.skip(row, 'error' in created ? `created_at: ${created.error}` : 'created_at is missing', id);
    return undefined;
  }
  const m: MilestoneDraft = { detectedAt: created.ms };
  const status = text(own(entry, 'status'));
  const logEntries = list(own(entry, 'log_entries'));
  const logTimes = (type: string) =>
    logEntries.filter((e) => own(e, 'type') === type).map((e) => own(e, 'created_at'));

  // PagerDuty empties `acknowledgements` once an incident resolves; log entries, when the export
  // carries them, still have the acknowledgement.
  const acknowledged =
    earliest(
      list(own(entry, 'acknowledgements')).map((a) => own(a, 'at')),
      ctx.timeZone,
    ) ?? earliest(logTimes('acknowledge_log_entry'), ctx.timeZone);
  if (acknowledged !== undefined) m.acknowledgedAt = acknowledged;
  else if (status !== 'triggered')
    ctx.warn(
      'acknowledgedAt',
      'no acknowledgement in the export (PagerDuty empties acknowledgements once resolved); acknowledgedAt left out',
      row,
    );

  ctx.time(m, 'resolvedAt', own(entry, 'resolved_at'), row, 'resolved_at');
  if (m.resolvedAt === undefined && status === 'resolved') {
    const resolved =
      earliest(logTimes('resolve_log_entry'), ctx.timeZone) ??
      earliest([own(entry, 'last_status_change_at')], ctx.timeZone);
    if (resolved !== undefined) m.resolvedAt = resolved;
    else
      ctx.warn('resolvedAt', 'status is resolved but no resolution time is given; resolvedAt left out', row);
  }

  const priority = own(entry, 'priority');
  const tags: unknown[] = list(own(entry, 'teams')).map((t) => {
    const name = text(own(t, 'summary')) ?? text(own(t, 'name'));
    return name === undefined ? undefined : `team:${name}`;
  });
  const urgency = text(own(entry, 'urgency'));
  if (urgency !== undefined) tags.push(`urgency:${urgency}`);
  const service = text(at(entry, 'service', 'summary')) ?? text(at(entry, 'service', 'name'));
  if (service === undefined) ctx.warn('services', 'no service; services left empty', row);
  return ctx.finish(row, {
    id,
    externalId: text(own(entry, 'incident_number')) ?? id,
    title: text(own(entry, 'title')) ?? text(own(entry, 'summary')) ?? text(own(entry, 'description')),
    severity: ctx.severity(
      priority === null || priority === undefined
        ? undefined
        : (text(own(priority, 'summary')) ?? text(own(priority, 'name'))),
      row,
      'priority',
    ),
    source: detectionSource(own(entry, 'first_trigger_log_entry')),
    drill: false,
    services: service === undefined ? [] : [service],
    tags: uniqueStrings(tags),
    category: text(own(entry, 'incident_key')),
    phase: status === 'resolved' ? 'closed' : undefined,
    milestones: m,
  });
}

/** Whether a JSON entry is an analytics raw incident rather than a REST incident. */
function isAnalyticsEntry(entry: unknown): boolean {
  if (!isRecord(entry)) return false;
  if (own(entry, 'type') === 'incident' || Object.hasOwn(entry, 'acknowledgements')) return false;
  return (
    analyticsScore(Object.keys(entry)) > 0 ||
    (!Object.hasOwn(entry, 'title') && Object.hasOwn(entry, 'description'))
  );
}

/**
 * Imports a PagerDuty export. Three shapes:
 *
 * - the REST incidents list (`GET /incidents`: `{ incidents: [...] }`, or an array of incidents):
 *   `title` → title, `created_at` → detectedAt, the earliest `acknowledgements[].at` (else an
 *   `acknowledge_log_entry` in `log_entries`) → acknowledgedAt, `resolved_at` (else a
 *   `resolve_log_entry`, else `last_status_change_at` of a resolved incident) → resolvedAt,
 *   `priority.summary` → severity, `service.summary` → services, `incident_key` → category;
 * - the analytics raw incidents as JSON (`{ data: [...] }`) or
 * - as CSV text: `description` → title, `created_at` → detectedAt, `created_at +
 *   seconds_to_first_ack` → acknowledgedAt, `resolved_at` → resolvedAt, `priority_name` →
 *   severity, `service_name` → services, `team_name`, `urgency` and `major` → tags. Header names
 *   are matched loosely (`Created At`, `created_on`).
 *
 * @param jsonOrCsv - the parsed JSON export, its JSON text, or the analytics CSV text
 * @param options - severity mapping, time zone for offset-less CSV times, default detection source
 * @returns the incidents, the skipped rows (CSV line numbers, or positions in the JSON list) and the warnings
 * @throws `INVALID_INPUT` when the input is none of these shapes, or an option is malformed
 *
 * @example
 * ```ts
 * import { fromPagerDuty } from 'incidentkit/importers';
 * const csv = 'id,description,created_at,seconds_to_first_ack,resolved_at,priority_name,service_name\n' +
 *   'Q1,Disk full,2026-11-24T09:00:00Z,60,2026-11-24T10:00:00Z,P1,storage\n';
 * const { incidents } = fromPagerDuty(csv);
 * incidents[0]?.severity; // 'SEV1'
 * ```
 */
export function fromPagerDuty(jsonOrCsv: unknown, options?: PagerDutyImportOptions): ImportResult {
  const ctx = createImportContext(readImportOptions(options));
  if (typeof jsonOrCsv === 'string' && !JSON_START.test(jsonOrCsv.replace(/^\uFEFF/, '')))
    return pagerDutyCsv(ctx, jsonOrCsv);
  return pagerDutyIncidents(ctx, readJsonInput(jsonOrCsv));
}

/** The analytics CSV: columns found once from the header, which must name an id and a creation time. */
export function pagerDutyCsv(ctx: ImportContext, csv: string): ImportResult {
  const incidents: ImportedIncident[] = [];
  let columns: Partial<Record<AnalyticsField, string>> = {};
  let keys = cellKeys(columns);
  const cells = new Array<unknown>(CELL_COUNT);
  parseCsvText(
    csv,
    (row, line) => {
      // The parser's own rows: plain strings under the header's names.
      readCells(row, keys, cells);
      const incident = readAnalyticsCells(ctx, cells, columns, line);
      if (incident !== undefined) incidents.push(incident);
    },
    (line, reason) => ctx.skip(line, reason),
    (header) => {
      columns = resolveColumns(header);
      keys = cellKeys(columns);
      // No row of such a file could be imported: say so once instead of skipping every row.
      const missing =
        columns.id === undefined && columns.number === undefined
          ? 'id column (id or incident_number)'
          : columns.created === undefined
            ? 'creation time column (created_at or an alias)'
            : undefined;
      if (missing !== undefined) {
        const shown = header
          .slice(0, 30)
          .map((name) => (name.length > 40 ? `${name.slice(0, 40)}…` : name))
          .join(', ');
        throw invalidInput(
          'input',
          `is not a PagerDuty analytics CSV: its header has no ${missing} (its columns: ${shown})`,
        );
      }
    },
  );
  return { incidents, skipped: ctx.skipped, warnings: ctx.warnings() };
}

/** {@link fromPagerDuty} over a JSON export already read once (parsed JSON or a snapshot). */
export function pagerDutyIncidents(ctx: ImportContext, data: unknown): ImportResult {
  const incidents: ImportedIncident[] = [];
  const entries = listIn(
    data,
    ['incidents', 'data'],
    'a PagerDuty incidents list ({ incidents: [...] }), analytics raw incidents ({ data: [...] }) or their CSV',
  );
  const analytics = Array.isArray(own(data, 'data')) || entries.some(isAnalyticsEntry);
  for (let row = 0; row < entries.length; row++) {
    const entry = entries[row];
    if (analytics) {
      if (!isRecord(entry)) {
        ctx.skip(row, 'not an incident object');
        continue;
      }
      const incident = readAnalyticsRecord(ctx, entry, resolveColumns(Object.keys(entry)), row);
      if (incident !== undefined) incidents.push(incident);
    } else {
      const incident = readRestIncident(ctx, entry, row);
      if (incident !== undefined) incidents.push(incident);
    }
  }
  return { incidents, skipped: ctx.skipped, warnings: ctx.warnings() };
}
