import type { TimeInput } from '../model/time.js';
import {
  type BusinessHoursInput,
  type DurationAggregate,
  METRIC_KEYS,
  type OpenIncidentPolicy,
  type ReopenPolicy,
} from './duration-metric.js';
import { runDuration } from './engine/duration-accumulator.js';
import type { DurationStats } from './engine/duration-core.js';
import type { DurationMilestone, IncidentFacts } from './incident-facts.js';
import type { IncidentFilterOptions } from './incident-filter.js';

/**
 * Options of {@link durationStats}: the metric's fields (as in `defineDurationMetric`; a
 * definition can be spread in, its `stamp` is recomputed), the filters, and `now` for open
 * incidents under `open: 'censor'` or `open: 'now'`.
 *
 * @example
 * ```ts
 * import type { DurationStatsOptions } from 'incidentkit/metrics';
 * const options: DurationStatsOptions = { from: 'acknowledgedAt', to: 'mitigatedAt', severity: 'SEV1' };
 * ```
 */
export interface DurationStatsOptions<T extends IncidentFacts = IncidentFacts>
  extends IncidentFilterOptions<T> {
  id?: string | undefined;
  from: DurationMilestone;
  to: DurationMilestone;
  aggregate?: readonly DurationAggregate[] | undefined;
  open?: OpenIncidentPolicy | undefined;
  reopened?: ReopenPolicy | undefined;
  clock?: 'wall' | BusinessHoursInput | undefined;
  now?: TimeInput | undefined;
  /** Ignored (recomputed), so a definition can be spread in as it is. */
  stamp?: string | undefined;
}

const KEYS = /*#__PURE__*/ METRIC_KEYS.concat('now');

/**
 * Statistics of the time between two milestones (or from `impactStart` = `startedAt ?? detectedAt`)
 * over the incidents the filters admit: count, excluded, open, mean, median, p90, p95, min, max, the
 * definition's own aggregates, a `lowSample` flag under 10, and the definition stamp. Incidents
 * missing either milestone are counted in `excluded`, never as 0. Percentiles interpolate linearly
 * between the closest ranks at h = (n − 1)·p (NumPy's default, Excel's PERCENTILE.INC), found by
 * selection rather than a full sort. Durations on a business-hours clock count only working time.
 *
 * @example
 * ```ts
 * import { durationStats } from 'incidentkit/metrics';
 * const stats = durationStats(
 *   [
 *     { milestones: { detectedAt: 0, acknowledgedAt: 60_000, mitigatedAt: 600_000 } },
 *     { milestones: { detectedAt: 0, acknowledgedAt: 120_000 } },
 *   ],
 *   { id: 'ack-to-mitigate', from: 'acknowledgedAt', to: 'mitigatedAt' },
 * );
 * stats.medianMs; // 540000
 * stats.excluded; // 1
 * stats.definition; // 'ack-to-mitigate[acknowledgedAt→mitigatedAt;mean,p50,p90,p95;open=exclude;reopen=last;wall]'
 * ```
 */
export function durationStats<T extends IncidentFacts>(
  incidents: readonly T[],
  options: DurationStatsOptions<T>,
): DurationStats {
  return runDuration(incidents, options, KEYS);
}
