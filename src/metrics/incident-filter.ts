import type { IncidentSource } from '../model/index.js';
import type { TimeInput } from '../model/time.js';
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
  /** Counts incidents detected at or after this time; must not be after `until`. */
  since?: TimeInput | undefined;
  /** Counts incidents detected before this time. */
  until?: TimeInput | undefined;
  severity?: string | readonly string[] | undefined;
  services?: string | readonly string[] | undefined;
  category?: string | readonly string[] | undefined;
  source?: IncidentSource | readonly IncidentSource[] | undefined;
  filter?: (incident: T) => boolean;
  includeDrills?: boolean | undefined;
  includeCancelled?: boolean | undefined;
}
