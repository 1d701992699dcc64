import { MAX_EPOCH_MS } from '../../model/time.js';
import type { IncidentFacts } from '../incident-facts.js';
import {
  epochOf,
  fail,
  MAX_LIST,
  need,
  type Options,
  type RawMilestones,
  readStringSet,
  readTime,
  readTyped,
} from './validate.js';

// The filter every calculator applies: checked once per call, then a cheap test per incident.

export const FILTER_KEYS = [
  'since',
  'until',
  'severity',
  'services',
  'category',
  'source',
  'filter',
  'includeDrills',
  'includeCancelled',
];

/** The filter of a call, read from its options. */
export interface IncidentFilter {
  readonly since: number;
  readonly until: number;
  readonly drills: boolean | undefined;
  readonly cancelled: boolean | undefined;
  readonly match: ((incident: IncidentFacts, i: number) => boolean) | undefined;
}

/** Checks the filter options of `o` and builds the predicate once. */
export function readIncidentFilter(o: Options, path: string): IncidentFilter {
  const since = readTime(o, 'since', path) ?? -Infinity;
  const until = readTime(o, 'until', path) ?? Infinity;
  need(since <= until, `${path}.since`, 'a time at or before until');

  // Compared without type checks, which cannot throw: a value of another type matches no string.
  const lists: [keyof IncidentFacts, ReadonlySet<unknown>][] = [];
  for (const key of ['severity', 'services', 'category', 'source'] as const) {
    const set = readStringSet(o, key, path);
    if (set) lists.push([key, set]);
  }
  const custom = readTyped<(incident: IncidentFacts) => unknown>(o, 'filter', path, 'function');
  return {
    since,
    until,
    drills: readTyped<boolean>(o, 'includeDrills', path, 'boolean'),
    cancelled: readTyped<boolean>(o, 'includeCancelled', path, 'boolean'),
    match:
      lists.length > 0 || custom
        ? (incident, i) =>
            lists.every(([key, set]) => {
              const value = incident[key] ?? (key === 'severity' ? 'unclassified' : undefined);
              if (!Array.isArray(value)) return set.has(value);
              if (value.length > MAX_LIST) fail(`incidents[${i}].${key}`, `an array of at most ${MAX_LIST}`);
              for (let k = 0; k < value.length; k++) if (set.has(value[k])) return true;
              return false;
            }) &&
            (!custom || Boolean(custom(incident)))
        : undefined,
  };
}

/** True for a cancelled incident (by phase, or by milestone for incident facts without a phase). */
export function isCancelled(incident: IncidentFacts, m: RawMilestones): boolean {
  return incident.phase === 'cancelled' || m.cancelledAt !== undefined;
}

/** Whether the filter counts the incident. Also checks `detectedAt`, which every metric reads. */
export function admits(f: IncidentFilter, incident: IncidentFacts, m: RawMilestones, i: number): boolean {
  const detectedAt = detectedOf(m, i);
  return !(
    detectedAt >= f.until ||
    detectedAt < f.since ||
    (!f.drills && incident.drill === true) ||
    (!f.cancelled && isCancelled(incident, m)) ||
    (f.match && !f.match(incident, i))
  );
}

/**
 * An incident's `detectedAt` in epoch ms. A number is returned as the object holds it (the filter
 * checked it), so the hot loops allocate nothing; anything else is parsed.
 */
export function detectedOf(m: RawMilestones, i: number): number {
  const value = m.detectedAt;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_EPOCH_MS
    ? value
    : epochOf(value, i, 'detectedAt', true)!;
}
