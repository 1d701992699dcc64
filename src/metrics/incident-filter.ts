import type { IncidentSource } from '../model/index.js';
import type { TimeInput } from '../model/time.js';
import {
  epochOf,
  type Options,
  type RawMilestones,
  readStringSet,
  readTime,
  readTyped,
} from './engine/validate.js';
import type { IncidentFacts } from './incident-facts.js';

/**
 * Which incidents a metric counts. `since` / `until` apply to `detectedAt` (since inclusive, until
 * exclusive); list options match any of their values (`services` matches an incident that names any
 * of them; `severity: 'unclassified'` matches incidents without one). Drills and cancelled incidents
 * are left out unless `includeDrills` / `includeCancelled`.
 *
 * @example
 * ```ts
 * import { mttr, type IncidentFilterOptions } from 'incidentkit/metrics';
 * const lastQuarter: IncidentFilterOptions = {
 *   since: '2026-07-01T00:00:00Z',
 *   until: '2026-10-01T00:00:00Z',
 *   severity: ['SEV1', 'SEV2'],
 *   services: 'checkout-api',
 * };
 * mttr([], lastQuarter).count; // 0
 * ```
 */
export interface IncidentFilterOptions<T extends IncidentFacts = IncidentFacts> {
  since?: TimeInput;
  until?: TimeInput;
  severity?: string | readonly string[];
  services?: string | readonly string[];
  category?: string | readonly string[];
  source?: IncidentSource | readonly IncidentSource[];
  filter?: (incident: T) => boolean;
  includeDrills?: boolean;
  includeCancelled?: boolean;
}

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
        ? (incident) =>
            lists.every(([key, set]) => {
              const value = incident[key] ?? (key === 'severity' ? 'unclassified' : undefined);
              return Array.isArray(value) ? value.some((v) => set.has(v)) : set.has(value);
            }) &&
            (!custom || Boolean(custom(incident)))
        : undefined,
  };
}

/** True for a cancelled incident (by phase, or by milestone for incident facts without a phase). */
export function isCancelled(incident: IncidentFacts, m: RawMilestones): boolean {
  return incident.phase === 'cancelled' || m.cancelledAt !== undefined;
}

/** True for a closed or cancelled incident: a milestone it lacks will not come. */
export function isFinished(incident: IncidentFacts, m: RawMilestones): boolean {
  return incident.phase === 'closed' || m.closedAt !== undefined || isCancelled(incident, m);
}

/** Whether the filter counts the incident. Also checks `detectedAt`, which every metric reads. */
export function admits(f: IncidentFilter, incident: IncidentFacts, m: RawMilestones, i: number): boolean {
  const detectedAt = epochOf(m.detectedAt, i, 'detectedAt', true);
  return !(
    detectedAt! >= f.until ||
    detectedAt! < f.since ||
    (!f.drills && incident.drill === true) ||
    (!f.cancelled && isCancelled(incident, m)) ||
    (f.match && !f.match(incident, i))
  );
}
