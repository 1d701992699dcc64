import { detectedOf } from './engine/filter.js';
import { type Part, runPart } from './engine/run-part.js';
import { giveBack, takeBuffer } from './engine/select.js';
import { need, type Options, ratio, readNumber } from './engine/validate.js';
import type { IncidentFacts } from './incident-facts.js';
import type { IncidentFilterOptions } from './incident-filter.js';

/**
 * Options of {@link recurrenceRate}: what makes two incidents "the same problem" (`key`: the
 * `category` fingerprint by default, or a function of the incident; no key, or an empty one, means
 * the incident cannot recur), and how far back an earlier incident counts (`windowDays`, unlimited
 * by default), plus the usual filters.
 *
 * @example
 * ```ts
 * import type { RecurrenceOptions } from 'incidentkit/metrics';
 * const options: RecurrenceOptions = { key: (i) => i.services?.[0], windowDays: 90 };
 * ```
 */
export interface RecurrenceOptions<T extends IncidentFacts = IncidentFacts> extends IncidentFilterOptions<T> {
  key?: 'category' | ((incident: T) => string | undefined);
  windowDays?: number | undefined;
}

/**
 * A key that recurred: how many counted incidents had it and how many of those were recurrences.
 *
 * @example
 * ```ts
 * import type { RecurringKey } from 'incidentkit/metrics';
 * const k: RecurringKey = { key: 'db-failover', incidents: 3, recurrences: 2 };
 * ```
 */
export interface RecurringKey {
  readonly key: string;
  readonly incidents: number;
  readonly recurrences: number;
}

/**
 * The result of {@link recurrenceRate}. `rate` = `recurrences` ÷ `incidents` (counted incidents
 * with a key; `null` when none); `withoutKey` counts the others; `repeated` lists the keys that
 * recurred, most recurrences first.
 *
 * @example
 * ```ts
 * import { recurrenceRate } from 'incidentkit/metrics';
 * recurrenceRate([]).rate; // null
 * ```
 */
export interface RecurrenceSummary {
  readonly incidents: number;
  readonly withoutKey: number;
  readonly recurrences: number;
  readonly rate: number | null;
  readonly repeated: readonly RecurringKey[];
}

export const RECURRENCE_KEYS = ['key', 'windowDays'];

/** The key function and window of recurrence options. */
export function readRecurrence(
  o: Options,
  path: string,
): { keyOf: (incident: IncidentFacts) => unknown; windowDays: number | null } {
  const { key = 'category' } = o;
  need(key === 'category' || typeof key === 'function', `${path}.key`, '"category" or a function');
  return {
    keyOf:
      key === 'category' ? (incident) => incident.category : (key as (incident: IncidentFacts) => unknown),
    windowDays: readNumber(o, 'windowDays', path, 0, 36_600) ?? null,
  };
}

/**
 * Collects (key, detection time) of incidents in one pass, then finds, per key, the incidents that
 * had an earlier one (strictly earlier: incidents detected at the same instant do not recur from
 * each other) within the window.
 */
export function recurrenceCounter(
  keyOf: (incident: IncidentFacts) => unknown,
  windowDays: number | null,
  capacity: number,
): Part<RecurrenceSummary> {
  const ids = new Map<string, number>();
  const names: string[] = [];
  // Key id of each collected incident.
  const keyIds = takeBuffer(capacity);
  const times = takeBuffer(capacity);
  let n = 0;
  let withoutKey = 0;
  let sorted = true;
  return {
    add(incident, m, i) {
      const detectedAt = detectedOf(m, i);
      // Only a non-empty string is a key: anything else cannot recur.
      const key = keyOf(incident);
      if (typeof key !== 'string' || !key) {
        withoutKey++;
        return;
      }
      let id = ids.get(key);
      if (id === undefined) {
        id = names.length;
        ids.set(key, id);
        names.push(key);
      }
      if (n > 0 && detectedAt < times[n - 1]!) sorted = false;
      keyIds[n] = id;
      times[n++] = detectedAt;
    },
    result() {
      // Incidents usually arrive in detection order; otherwise sort an index by time.
      const order = sorted
        ? undefined
        : Uint32Array.from({ length: n }, (_, j) => j).sort((a, b) => times[a]! - times[b]!);
      const window = windowDays === null ? Infinity : windowDays * 86_400_000;
      // Per key: the latest detection time so far, and the latest one strictly before it.
      const latest = new Float64Array(names.length).fill(Number.NaN);
      const before = new Float64Array(names.length).fill(Number.NaN);
      const incidents = new Int32Array(names.length);
      const recurrences = new Int32Array(names.length);
      let recurring = 0;
      for (let j = 0; j < n; j++) {
        const at = order ? order[j]! : j;
        const id = keyIds[at]!;
        const t = times[at]!;
        if (!(t <= latest[id]!)) {
          before[id] = latest[id]!;
          latest[id] = t;
        }
        incidents[id]!++;
        // NaN (no earlier incident) fails the comparison.
        if (t - before[id]! <= window) {
          recurrences[id]!++;
          recurring++;
        }
      }
      giveBack(keyIds);
      giveBack(times);
      return {
        incidents: n,
        withoutKey,
        recurrences: recurring,
        rate: ratio(recurring, n),
        repeated: names
          .map((key, id) => ({ key, incidents: incidents[id]!, recurrences: recurrences[id]! }))
          .filter((k) => k.recurrences > 0)
          .sort((a, b) => b.recurrences - a.recurrences || (a.key < b.key ? -1 : 1)),
      };
    },
  };
}

/**
 * The share of incidents that repeat an earlier one: an incident recurs when an incident with the
 * same key (the `category` fingerprint by default) was detected strictly earlier — within
 * `windowDays` when given. The denominator is the counted incidents that have a key; incidents
 * detected at the same instant are not recurrences of each other. Earlier means earlier among the
 * incidents the filters admit (with `since`, within the period).
 *
 * @example
 * ```ts
 * import { recurrenceRate } from 'incidentkit/metrics';
 * const day = 86_400_000;
 * const r = recurrenceRate(
 *   [
 *     { category: 'db-failover', milestones: { detectedAt: 0 } },
 *     { category: 'db-failover', milestones: { detectedAt: 10 * day } },
 *     { category: 'cert-expiry', milestones: { detectedAt: 20 * day } },
 *     { milestones: { detectedAt: 30 * day } },
 *   ],
 *   { windowDays: 30 },
 * );
 * r.rate; // 1 of 3 incidents with a key: 0.333…
 * r.repeated; // [{ key: 'db-failover', incidents: 2, recurrences: 1 }]
 * ```
 */
export function recurrenceRate<T extends IncidentFacts>(
  incidents: readonly T[],
  options?: RecurrenceOptions<T>,
): RecurrenceSummary {
  return runPart(incidents, options, RECURRENCE_KEYS, (o, _filter, capacity) => {
    const { keyOf, windowDays } = readRecurrence(o, 'options');
    return recurrenceCounter(keyOf, windowDays, capacity);
  });
}
