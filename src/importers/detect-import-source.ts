import { isRecord, own } from './json-input.js';
import { analyticsScore } from './pagerduty-analytics.js';
import type { ImportSource } from './types.js';

// The shape of each vendor's export: the list's key, and keys only its incidents have.

function entryKind(entry: unknown): ImportSource | undefined {
  if (!isRecord(entry)) return undefined;
  const has = (key: string) => Object.hasOwn(entry, key);
  if (
    has('incident_updates') ||
    has('shortlink') ||
    (has('page_id') && has('impact')) ||
    has('scheduled_for')
  )
    return 'statuspage';
  if (has('incident_timestamp_values') || has('incident_status') || (has('reference') && has('mode')))
    return 'incident-io';
  if (
    has('tinyId') ||
    has('impactStartDate') ||
    has('impactedServices') ||
    (has('message') && has('createdAt'))
  )
    return 'opsgenie';
  if (
    own(entry, 'type') === 'incident' ||
    has('acknowledgements') ||
    has('incident_key') ||
    has('first_trigger_log_entry')
  )
    return 'pagerduty';
  if (analyticsScore(Object.keys(entry)) > 0) return 'pagerduty-analytics';
  if (has('incident_number') && has('urgency')) return 'pagerduty';
  return undefined;
}

function objectKind(value: unknown): ImportSource | undefined {
  if (Array.isArray(value)) {
    for (const entry of value.slice(0, 20)) {
      const kind = entryKind(entry);
      if (kind !== undefined) return kind;
    }
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const has = (key: string) => Object.hasOwn(value, key);
  for (const key of ['incidents', 'data', 'scheduled_maintenances']) {
    const list = own(value, key);
    if (Array.isArray(list) && list.length > 0) {
      const kind = objectKind(list);
      if (kind !== undefined) return kind;
    }
  }
  // Empty lists: the envelope still tells.
  if (has('scheduled_maintenances') || (has('page') && has('incidents'))) return 'statuspage';
  if (has('incidents') && (has('pagination_meta') || has('pagination'))) return 'incident-io';
  if (has('incidents') && (has('limit') || has('offset') || has('more'))) return 'pagerduty';
  if (has('data') && (has('took') || has('requestId'))) return 'opsgenie';
  if (
    has('data') &&
    (has('filters') || has('order_by') || has('aggregate_unit') || has('first') || has('last'))
  )
    return 'pagerduty-analytics';
  return undefined;
}

// Keys sniffed from JSON text too long to parse whole (the first 64 KB of a file).
const TEXT_MARKS: readonly [RegExp, ImportSource][] = [
  [
    /"incident_updates"\s*:|"shortlink"\s*:|"scheduled_maintenances"\s*:|"page"\s*:\s*\{[^}]*"time_zone"/,
    'statuspage',
  ],
  [/"incident_timestamp_values"\s*:|"incident_status"\s*:|"pagination_meta"\s*:/, 'incident-io'],
  [/"tinyId"\s*:|"impactStartDate"\s*:|"impactedServices"\s*:/, 'opsgenie'],
  [/"seconds_to_first_ack"\s*:|"priority_name"\s*:|"service_name"\s*:/, 'pagerduty-analytics'],
  [/"acknowledgements"\s*:|"incident_key"\s*:|"type"\s*:\s*"incident"/, 'pagerduty'],
];

function headerOf(text: string): string[] {
  const end = text.search(/\r?\n/);
  const line = end < 0 ? text : text.slice(0, end);
  return line.split(/[,;\t]/).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

/**
 * Tells which export `input` is, from its shape: a parsed JSON value, JSON text (whole, or the
 * first part of a file), or CSV text (its header line). A CSV with PagerDuty's analytics columns is
 * `pagerduty-analytics`; any other CSV is `csv` (it needs a mapping). `undefined` when nothing
 * tells. Never throws.
 *
 * @param input - the export, parsed or as text (the first 64 KB of a file are enough)
 * @returns the source, or `undefined`
 *
 * @example
 * ```ts
 * import { detectImportSource } from 'incidentkit/importers';
 * detectImportSource({ data: [{ tinyId: '7', message: 'Payments down', createdAt: '2026-11-24T09:00:00Z' }] }); // 'opsgenie'
 * detectImportSource('id,description,created_at,seconds_to_first_ack\n'); // 'pagerduty-analytics'
 * ```
 */
export function detectImportSource(input: string | unknown): ImportSource | undefined {
  try {
    if (typeof input !== 'string') return objectKind(input);
    const text = input.replace(/^\uFEFF/, '');
    if (/^\s*[[{]/.test(text)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        for (const [mark, kind] of TEXT_MARKS) if (mark.test(text)) return kind;
        return undefined;
      }
      return objectKind(parsed);
    }
    if (text.trim() === '') return undefined;
    return analyticsScore(headerOf(text)) >= 2 ? 'pagerduty-analytics' : 'csv';
  } catch {
    return undefined;
  }
}
