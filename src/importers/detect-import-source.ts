import { isSpace } from '../model/white-space.js';
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

// Keys sniffed from JSON text too long to parse whole (the first 64 KB of a file): `"key"` then
// a colon (spaces allowed between), found with `indexOf` and a scan of the spaces after each hit,
// so the search is linear in the text whatever it holds (a regex with `\s*` between two literals
// backtracks over every run of spaces).
const TEXT_MARKS: readonly (readonly [readonly string[], ImportSource])[] = [
  [['incident_updates', 'shortlink', 'scheduled_maintenances'], 'statuspage'],
  [['incident_timestamp_values', 'incident_status', 'pagination_meta'], 'incident-io'],
  [['tinyId', 'impactStartDate', 'impactedServices'], 'opsgenie'],
  [['seconds_to_first_ack', 'priority_name', 'service_name'], 'pagerduty-analytics'],
  [['acknowledgements', 'incident_key'], 'pagerduty'],
];

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Calls `found(i)` with the position after the colon of each `"key":` in `text` until it returns
 * true. Each hit scans only the spaces after it, and the next search starts past them (a space is
 * never a quote), so the whole walk reads each character a bounded number of times.
 */
function eachKey(text: string, key: string, found: (after: number) => boolean): boolean {
  const token = `"${key}"`;
  for (let at = text.indexOf(token); at >= 0; ) {
    const i = skipSpaces(text, at + token.length);
    if (text.charCodeAt(i) === 58 && found(i + 1)) return true;
    at = text.indexOf(token, Math.max(i, at + 1));
  }
  return false;
}

/** `"type": "incident"` somewhere in the text. */
function hasIncidentType(text: string): boolean {
  return eachKey(text, 'type', (after) => text.startsWith('"incident"', skipSpaces(text, after)));
}

/** `"page": { …"time_zone"` with no `}` between the brace and the key (a Statuspage page object). */
function hasPageTimeZone(text: string): boolean {
  // The next `}` and the next `"time_zone"` at or after a position only move forward as the
  // position does, so each is searched for again only once the walk has passed it.
  let close = -2;
  let zone = -2;
  return eachKey(text, 'page', (after) => {
    const brace = skipSpaces(text, after);
    if (text.charCodeAt(brace) !== 123) return false;
    if (close !== -1 && close <= brace) close = text.indexOf('}', brace + 1);
    if (zone !== -1 && zone <= brace) zone = text.indexOf('"time_zone"', brace + 1);
    return zone >= 0 && (close < 0 || zone < close);
  });
}

/** The source the keys of JSON text name, for text that does not parse (a file's first part). */
function sourceOfText(text: string): ImportSource | undefined {
  for (const [keys, kind] of TEXT_MARKS) {
    if (keys.some((key) => eachKey(text, key, () => true))) return kind;
    if (kind === 'statuspage' && hasPageTimeZone(text)) return kind;
    if (kind === 'pagerduty' && hasIncidentType(text)) return kind;
  }
  return undefined;
}

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
        return sourceOfText(text);
      }
      return objectKind(parsed);
    }
    if (text.trim() === '') return undefined;
    return analyticsScore(headerOf(text)) >= 2 ? 'pagerduty-analytics' : 'csv';
  } catch {
    return undefined;
  }
}
