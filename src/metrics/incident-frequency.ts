import type { TimeInput } from '../model/time.js';
import { fromWallClock, toWallClock } from '../model/wall-clock.js';
import { detectedOf } from './engine/filter.js';
import { DAY, dateLabel, readTimeZone, weekday } from './engine/local-time.js';
import { type Part, runPart } from './engine/run-part.js';
import {
  fieldOf,
  need,
  type Options,
  type RawMilestones,
  readChoice,
  readList,
  readNumber,
  readTyped,
} from './engine/validate.js';
import type { IncidentFacts } from './incident-facts.js';
import type { IncidentFilterOptions } from './incident-filter.js';

/**
 * The width of a frequency bucket: a calendar day, week or month in the report's time zone.
 *
 * @example
 * ```ts
 * import type { FrequencyInterval } from 'incidentkit/metrics';
 * const interval: FrequencyInterval = 'week';
 * ```
 */
export type FrequencyInterval = 'day' | 'week' | 'month';

/**
 * Options of {@link incidentFrequency}. `since` and `until` are required (they bound the buckets);
 * `timeZone` (default `UTC`) sets where days begin; weeks start on Monday (ISO) unless
 * `weekStartsOn` (0 = Sunday … 6). `bySeverity` splits each bucket by severity: zero-filled for
 * every level of `scale` (or `policy.scale`) when given, `unclassified` for incidents without one.
 *
 * @example
 * ```ts
 * import type { IncidentFrequencyOptions } from 'incidentkit/metrics';
 * const options: IncidentFrequencyOptions = {
 *   interval: 'month', since: '2026-01-01T00:00:00+01:00', until: '2027-01-01T00:00:00+01:00',
 *   timeZone: 'Europe/Berlin', bySeverity: true,
 * };
 * ```
 */
export interface IncidentFrequencyOptions<T extends IncidentFacts = IncidentFacts>
  extends IncidentFilterOptions<T> {
  interval: FrequencyInterval;
  since: TimeInput;
  until: TimeInput;
  timeZone?: string | undefined;
  weekStartsOn?: number | undefined;
  bySeverity?: boolean | undefined;
  scale?: readonly { readonly key: string }[] | undefined;
  policy?: { readonly scale: readonly { readonly key: string }[] } | undefined;
}

/**
 * One bucket: `[start, end)` in epoch ms (the whole calendar period, so the first and last may
 * reach outside `since`–`until`, which still bound what is counted), its local `label`
 * (`2026-11-23` for a day or a week, `2026-11` for a month), the count, and per severity when asked.
 *
 * @example
 * ```ts
 * import type { FrequencyBucket } from 'incidentkit/metrics';
 * const bucket: FrequencyBucket = { start: 1795392000000, end: 1795996800000, label: '2026-11-23', count: 4 };
 * ```
 */
export interface FrequencyBucket {
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly count: number;
  readonly bySeverity?: Readonly<Record<string, number>> | undefined;
}

/**
 * The result of {@link incidentFrequency}: zero-filled buckets in time order and the `total`. With
 * `bySeverity`, each bucket's counts are keyed by severity: the scale's levels in order and
 * `unclassified` first, then other severities as they were met.
 *
 * @example
 * ```ts
 * import { incidentFrequency } from 'incidentkit/metrics';
 * const f = incidentFrequency([], { interval: 'day', since: '2026-11-01T00:00:00Z', until: '2026-11-08T00:00:00Z' });
 * f.buckets.length; // 7
 * f.total; // 0
 * ```
 */
export interface IncidentFrequency {
  readonly total: number;
  readonly buckets: readonly FrequencyBucket[];
}

export const FREQUENCY_KEYS = ['interval', 'timeZone', 'weekStartsOn', 'bySeverity', 'scale', 'policy'];

/**
 * The buckets of a frequency (or report) covering [since, until), in the interval, zone and week
 * start of the options: `starts[b]` is bucket b's first instant, `starts[labels.length]` ends the
 * last.
 */
export interface Calendar {
  readonly starts: readonly number[];
  readonly labels: readonly string[];
}

export function readCalendar(o: Options, path: string, since: number, until: number): Calendar {
  const interval = readChoice<FrequencyInterval>(o, 'interval', path, ['day', 'week', 'month']);
  need(since > -Infinity, `${path}.since`, 'a time');
  need(until < Infinity, `${path}.until`, 'a time');
  const timeZone = o.timeZone === undefined ? 'UTC' : readTimeZone(o.timeZone, `${path}.timeZone`);
  const weekStartsOn = readNumber(o, 'weekStartsOn', path, 0, 6, true) ?? 1;
  // Local calendar days are whole DAYs of wall-clock time; each bucket starts at a local midnight.
  let day = Math.floor(toWallClock(timeZone, since) / DAY);
  if (interval === 'week') day -= (weekday(day) - weekStartsOn + 7) % 7;
  const first = new Date(day * DAY);
  const starts: number[] = [];
  const labels: string[] = [];
  for (let k = 0; since < until; k++) {
    const wallDay =
      interval === 'month'
        ? Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + k, 1) / DAY
        : day + k * (interval === 'week' ? 7 : 1);
    const start = fromWallClock(timeZone, wallDay * DAY);
    starts.push(start);
    if (start >= until) break;
    need(k < 10_000, `${path}.interval`, 'at most 10000 buckets');
    labels.push(interval === 'month' ? dateLabel(wallDay).slice(0, -3) : dateLabel(wallDay));
  }
  return { starts, labels };
}

/** The severity keys a scale (or a policy's scale) lists, in order. */
export function readScaleKeys(o: Options, path: string): string[] | undefined {
  const scale = o.scale ?? (o.policy as Options | undefined)?.scale;
  if (scale === undefined) return undefined;
  const keys = readList(scale, `${path}.scale`, 1_000).map((level) => (level as Options | null)?.key);
  need(
    keys.every((key) => typeof key === 'string'),
    `${path}.scale`,
    'levels with a key',
  );
  return keys as string[];
}

/** Counts incidents per bucket (and per severity) as they come. */
export interface FrequencyCounter extends Part<IncidentFrequency> {
  readonly periods: number;
  /** Counts an admitted incident; returns its bucket, or -1 when none holds it. */
  add(incident: IncidentFacts, m: RawMilestones, i: number): number;
}

export function frequencyCounter(
  calendar: Calendar,
  bySeverity: boolean,
  scaleKeys: readonly string[] | undefined,
): FrequencyCounter {
  const { starts, labels } = calendar;
  const n = labels.length;
  const counts = new Int32Array(n);
  // Severity → counts per bucket; a scale's levels (and `unclassified`) are there from the start.
  const rows = new Map<string, Int32Array>();
  for (const key of scaleKeys ? [...scaleKeys, 'unclassified'] : []) rows.set(key, new Int32Array(n));
  let total = 0;
  return {
    periods: n,
    add(incident, m, i) {
      const detectedAt = detectedOf(m, i);
      if (!(detectedAt >= starts[0]! && detectedAt < starts[n]!)) return -1;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (starts[mid]! <= detectedAt) lo = mid;
        else hi = mid - 1;
      }
      counts[lo]!++;
      total++;
      if (bySeverity) {
        const key = fieldOf<string>(incident.severity, i, 'severity', 'string') ?? 'unclassified';
        const row = rows.get(key) ?? new Int32Array(n);
        rows.set(key, row);
        row[lo]!++;
      }
      return lo;
    },
    result() {
      const severities = bySeverity ? [...rows.keys()] : undefined;
      return {
        total,
        buckets: labels.map((label, b) => ({
          start: starts[b]!,
          end: starts[b + 1]!,
          label,
          count: counts[b]!,
          // fromEntries defines own properties, so a severity named "__proto__" stays data.
          ...(severities && { bySeverity: Object.fromEntries(severities.map((k) => [k, rows.get(k)![b]!])) }),
        })),
      };
    },
  };
}

/**
 * How many incidents were detected per day, week or month between `since` and `until`,
 * zero-filled so quiet periods show as 0. Buckets follow the calendar of `timeZone` (UTC by
 * default; daylight-saving days are 23 or 25 hours long), weeks start on Monday (ISO) unless
 * `weekStartsOn` says otherwise. The usual filters apply; drills and cancelled incidents are left
 * out unless asked for.
 *
 * @example
 * ```ts
 * import { incidentFrequency } from 'incidentkit/metrics';
 * const incidents = [
 *   { severity: 'SEV2', milestones: { detectedAt: Date.parse('2026-11-24T09:00:00Z') } },
 *   { milestones: { detectedAt: Date.parse('2026-11-26T22:30:00Z') } },
 * ];
 * const weekly = incidentFrequency(incidents, {
 *   interval: 'week', since: '2026-11-16T00:00:00Z', until: '2026-12-07T00:00:00Z',
 *   bySeverity: true, scale: [{ key: 'SEV1' }, { key: 'SEV2' }],
 * });
 * weekly.buckets.map((b) => b.count); // [0, 2, 0]
 * weekly.buckets[1]?.bySeverity; // { SEV1: 0, SEV2: 1, unclassified: 1 }
 * ```
 */
export function incidentFrequency<T extends IncidentFacts>(
  incidents: readonly T[],
  options: IncidentFrequencyOptions<T>,
): IncidentFrequency {
  return runPart(incidents, options, FREQUENCY_KEYS, (o, { since, until }) => {
    return frequencyCounter(
      readCalendar(o, 'options', since, until),
      readTyped<boolean>(o, 'bySeverity', 'options', 'boolean') === true,
      readScaleKeys(o, 'options'),
    );
  });
}
