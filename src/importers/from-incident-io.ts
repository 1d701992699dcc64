import { invalidInput } from '../model/errors.js';
import {
  createImportContext,
  type ImportContext,
  type MilestoneDraft,
  readImportOptions,
  uniqueStrings,
} from './import-context.js';
import { at, isRecord, list, listIn, own, readJsonInput, text } from './json-input.js';
import { readTime } from './read-time.js';
import { rankOf } from './severity-rank.js';
import type { ImportedIncident, ImportedTimestamp, ImportOptions, ImportResult } from './types.js';

/**
 * Options of {@link fromIncidentIo}.
 *
 * @example
 * ```ts
 * import type { IncidentIoImportOptions } from 'incidentkit/importers';
 * const options: IncidentIoImportOptions = { timestamps: { startedAt: 'Customer impact began' } };
 * ```
 */
export interface IncidentIoImportOptions extends ImportOptions {
  /**
   * Which incident timestamp (by name, ignoring case) fills which milestone, besides the defaults:
   * "Impact started" → startedAt, "Reported at" → detectedAt, "Accepted at" → acknowledgedAt,
   * "Fixed at" → mitigatedAt, "Resolved at" → resolvedAt, "Closed at" → closedAt, "Declined at" /
   * "Canceled at" / "Merged at" → cancelledAt. For renamed timestamps.
   */
  readonly timestamps?: Readonly<Partial<Record<ImportedTimestamp, string | readonly string[]>>> | undefined;
  /** The custom field whose values are the affected services (default: the first whose name mentions a service, system or component). */
  readonly servicesField?: string | undefined;
}

const DEFAULT_TIMESTAMPS: Readonly<Partial<Record<ImportedTimestamp, readonly string[]>>> = {
  startedAt: ['Impact started'],
  detectedAt: ['Reported at'],
  acknowledgedAt: ['Accepted at'],
  mitigatedAt: ['Fixed at'],
  resolvedAt: ['Resolved at'],
  closedAt: ['Closed at'],
  cancelledAt: ['Declined at', 'Canceled at', 'Cancelled at', 'Merged at'],
};
const TARGETS: readonly ImportedTimestamp[] = [
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
const CANCELLED = new Set(['declined', 'merged', 'canceled', 'cancelled']);
const KNOWN_CATEGORIES = new Set([
  ...CANCELLED,
  'triage',
  'live',
  'learning',
  'closed',
  'paused',
  'post-incident',
]);
const DRILL_MODES = new Set(['test', 'tutorial']);
const SERVICES_FIELD = /service|system|component/i;

/** Timestamp name (lower case) → milestone, from the defaults and `options.timestamps`. */
function timestampTargets(option: unknown): Map<string, ImportedTimestamp> {
  const names = new Map<string, ImportedTimestamp>();
  if (option !== undefined && !isRecord(option))
    throw invalidInput('options.timestamps', 'expected an object of milestone → timestamp name');
  const custom = (option ?? {}) as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(custom)) {
    if (!TARGETS.includes(key as ImportedTimestamp))
      throw invalidInput(`options.timestamps.${key}`, `expected one of ${TARGETS.join(', ')}`);
    const value = custom[key];
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list) || !list.every((n) => typeof n === 'string' && n.trim() !== ''))
      throw invalidInput(`options.timestamps.${key}`, 'expected a timestamp name or a list of names');
    for (const name of list as string[]) {
      names.set(name.trim().toLowerCase(), key as ImportedTimestamp);
    }
  }
  // The defaults stay: an export renames a timestamp, it does not reuse an old name for another one.
  for (const [target, defaults] of Object.entries(DEFAULT_TIMESTAMPS)) {
    for (const name of defaults!)
      if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), target as ImportedTimestamp);
  }
  return names;
}

/** The readable values of a custom field entry (option, catalog entry, text, number, link). */
function customValues(entry: unknown): string[] {
  return list(own(entry, 'values'))
    .map(
      (v) =>
        text(at(v, 'value_option', 'value')) ??
        text(at(v, 'value_catalog_entry', 'name')) ??
        text(own(v, 'value_text')) ??
        text(own(v, 'value_numeric')) ??
        text(own(v, 'value_link')),
    )
    .filter((v): v is string => v !== undefined && v.length <= 200);
}

/**
 * Imports incident.io incidents (API v2 `GET /v2/incidents`: `{ incidents: [...] }`, or an array).
 * `name` → title, `reference` → externalId, `severity` → severity (by name: "Critical", "SEV1",
 * "P2"…, else by its `rank` among the export's severities, highest rank most severe), the
 * `incident_timestamp_values` by name → milestones (see {@link IncidentIoImportOptions.timestamps};
 * a timestamp left unset — absent, `null` or `{}` — is left out), `created_at` → detectedAt when
 * "Reported at" is unset. Status category declined / merged / canceled → a cancelled incident;
 * closed → closed. Mode test and tutorial → drills. A retrospective incident has no real detection
 * or acknowledgement: its detectedAt is the impact start (else the report time), and it has no
 * startedAt or acknowledgedAt, so it counts in MTTR and MTTM and stays out of MTTD and MTTA.
 * Custom fields: the services field → services; other option, catalog and short text values →
 * tags `Field: value`. `duration_metrics` are not read (the timestamps they come from are).
 *
 * @param json - the parsed export, or its JSON text (copied once before it is read: at most 10⁶
 *   incidents, nesting at most 64 deep; a getter or Proxy trap that throws is `INVALID_INPUT`)
 * @param options - severity mapping, timestamp names, the services custom field
 * @returns the incidents, the skipped entries (by position in the list) and the warnings
 * @throws `INVALID_INPUT` when the input is not an incident.io incident list, or an option is malformed
 *
 * @example
 * ```ts
 * import { fromIncidentIo } from 'incidentkit/importers';
 * const { incidents } = fromIncidentIo({ incidents: [{
 *   id: '01FDAG4SAP5TYPT98WGR2N7W91', reference: 'INC-42', name: 'Database is sad', mode: 'standard',
 *   created_at: '2026-11-24T09:02:00Z', severity: { name: 'Major', rank: 2 },
 *   incident_status: { category: 'closed' },
 *   incident_timestamp_values: [
 *     { incident_timestamp: { name: 'Impact started' }, value: { value: '2026-11-24T08:50:00Z' } },
 *     { incident_timestamp: { name: 'Resolved at' }, value: { value: '2026-11-24T10:00:00Z' } },
 *   ],
 * }] });
 * incidents[0]?.externalId; // 'INC-42'
 * ```
 */
export function fromIncidentIo(json: unknown, options?: IncidentIoImportOptions): ImportResult {
  const o = readImportOptions(options, INCIDENT_IO_OPTION_KEYS);
  return incidentIoIncidents(createImportContext(o), o, readJsonInput(json));
}

/** The options {@link fromIncidentIo} takes besides the common ones. */
export const INCIDENT_IO_OPTION_KEYS: readonly string[] = ['timestamps', 'servicesField'];

/**
 * {@link fromIncidentIo} over an export already read once (parsed JSON or a snapshot), with its
 * options read by `readImportOptions(…, INCIDENT_IO_OPTION_KEYS)`.
 */
export function incidentIoIncidents(
  ctx: ImportContext,
  o: Readonly<Record<string, unknown>>,
  data: unknown,
): ImportResult {
  const targets = timestampTargets(o.timestamps);
  const servicesField = o.servicesField;
  if (
    servicesField !== undefined &&
    (typeof servicesField !== 'string' || servicesField.trim() === '' || servicesField.length > 1_000)
  )
    throw invalidInput('options.servicesField', 'expected a custom field name (at most 1000 characters)');
  const entries = listIn(
    data,
    ['incidents'],
    'an incident.io incident list ({ incidents: [...] }) or an array of incidents',
  );

  // Vendor ranks (higher = more severe) → 1-based ranks among the export's distinct severities, for
  // severities whose names say nothing.
  const vendorRanks = new Map(
    [
      ...new Set(
        entries
          .map((e) => at(e, 'severity', 'rank'))
          .filter((r): r is number => typeof r === 'number' && Number.isFinite(r)),
      ),
    ]
      .sort((a, b) => b - a)
      .map((r, k) => [r, k + 1] as const),
  );

  const incidents: ImportedIncident[] = [];
  for (let row = 0; row < entries.length; row++) {
    const entry = entries[row];
    const id = text(own(entry, 'id'));
    if (id === undefined) {
      ctx.skip(row, isRecord(entry) ? 'id is missing' : 'not an incident object');
      continue;
    }
    const created = readTime(own(entry, 'created_at'), ctx.timeZone);
    if (!('ms' in created)) {
      ctx.skip(row, 'error' in created ? `created_at: ${created.error}` : 'created_at is missing', id);
      continue;
    }
    const m: MilestoneDraft = {};
    for (const value of list(own(entry, 'incident_timestamp_values'))) {
      const name = text(at(value, 'incident_timestamp', 'name'));
      if (name === undefined) continue;
      const target = targets.get(name.toLowerCase());
      if (target === undefined || m[target] !== undefined) continue;
      ctx.time(m, target, at(value, 'value', 'value'), row, `"${name}"`);
    }
    const mode = text(own(entry, 'mode'))?.toLowerCase();
    const tags: string[] = [];
    if (mode === 'retrospective') {
      // No real detection or acknowledgement: the earliest true time stands in for detection.
      const detected = m.startedAt ?? m.detectedAt ?? created.ms;
      delete m.startedAt;
      delete m.acknowledgedAt;
      m.detectedAt = detected;
      tags.push('retrospective');
      ctx.warn(
        'detectedAt',
        'retrospective incident: detectedAt is the impact start; startedAt and acknowledgedAt left out',
        row,
      );
    } else if (m.detectedAt === undefined) {
      m.detectedAt = created.ms;
    }
    const category = (
      text(at(entry, 'incident_status', 'category')) ?? text(own(entry, 'status'))
    )?.toLowerCase();
    const phase =
      category === undefined
        ? undefined
        : CANCELLED.has(category)
          ? 'cancelled'
          : category === 'closed'
            ? 'closed'
            : undefined;
    if (category === undefined)
      ctx.warn(
        'phase',
        'no incident_status.category; imported as open unless its milestones say otherwise',
        row,
      );
    else if (!KNOWN_CATEGORIES.has(category))
      ctx.warn('phase', 'unknown incident_status.category; imported as open', row, category);

    const services: string[] = [];
    let servicesSeen = false;
    for (const field of list(own(entry, 'custom_field_entries'))) {
      const name = text(at(field, 'custom_field', 'name'));
      if (name === undefined) continue;
      const values = customValues(field);
      const isServices =
        servicesField === undefined ? !servicesSeen && SERVICES_FIELD.test(name) : name === servicesField;
      if (isServices) {
        servicesSeen = true;
        services.push(...values);
      } else for (const value of values) tags.push(`${name}: ${value}`);
    }
    if (servicesSeen === false) ctx.warn('services', 'no services custom field; services left empty', row);
    const type = text(at(entry, 'incident_type', 'name'));
    if (type !== undefined) tags.push(`type:${type}`);

    const severity = own(entry, 'severity');
    const severityName = text(own(severity, 'name'));
    const vendorRank = own(severity, 'rank');
    const rank =
      (severityName === undefined ? undefined : rankOf(severityName)) ??
      (typeof vendorRank === 'number' ? vendorRanks.get(vendorRank) : undefined);
    incidents.push(
      ctx.finish(row, {
        id,
        externalId: text(own(entry, 'reference')) ?? id,
        title: text(own(entry, 'name')),
        severity: ctx.severity(severityName, row, 'severity', rank),
        drill: mode !== undefined && DRILL_MODES.has(mode),
        services: uniqueStrings(services),
        tags: uniqueStrings(tags),
        phase,
        milestones: m,
      }),
    );
  }
  return { incidents, skipped: ctx.skipped, warnings: ctx.warnings() };
}
