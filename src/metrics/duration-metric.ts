import type { DurationMilestone } from './incident-facts.js';

/**
 * A figure a duration metric reports: `mean`, `median` (= `p50`), `min`, `max`, `count`, or any
 * percentile `p0`…`p100` (`p99.9` too).
 *
 * @example
 * ```ts
 * import type { DurationAggregate } from 'incidentkit/metrics';
 * const figures: DurationAggregate[] = ['median', 'p90', 'p99'];
 * ```
 */
export type DurationAggregate = 'mean' | 'median' | 'min' | 'max' | 'count' | `p${number}`;

/**
 * How a metric counts incidents that have not reached its end milestone: leave them out
 * (`exclude`, the default), treat them as right-censored at `now` (`censor`: Kaplan–Meier), or
 * pretend they ended at `now` (`now`).
 *
 * @example
 * ```ts
 * import type { OpenIncidentPolicy } from 'incidentkit/metrics';
 * const open: OpenIncidentPolicy = 'censor';
 * ```
 */
export type OpenIncidentPolicy = 'exclude' | 'censor' | 'now';

/**
 * Which resolution of a reopened incident a metric measures to: the `first`, the `last` (the
 * default: the incident's current milestones), or the summed time the incident was not at its end
 * milestone (`active-time`: the quiet spell between a resolution and the REOPEN does not count).
 *
 * @example
 * ```ts
 * import type { ReopenPolicy } from 'incidentkit/metrics';
 * const reopened: ReopenPolicy = 'active-time';
 * ```
 */
export type ReopenPolicy = 'first' | 'last' | 'active-time';

/**
 * A working-hours clock: durations count only the time inside working hours of `timeZone` on
 * working `days` (0 = Sunday … 6 = Saturday). Daylight-saving changes are handled: a working day
 * is always `start`–`end` local time.
 *
 * @example
 * ```ts
 * import type { BusinessHoursClock } from 'incidentkit/metrics';
 * const berlin: BusinessHoursClock = {
 *   timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00',
 * };
 * ```
 */
export interface BusinessHoursClock {
  readonly timeZone: string;
  readonly days: readonly number[];
  readonly start: string;
  readonly end: string;
}

/**
 * What {@link defineDurationMetric} accepts for a business-hours clock: only `timeZone` is needed
 * (Monday–Friday, 09:00–17:00 by default).
 *
 * @example
 * ```ts
 * import type { BusinessHoursInput } from 'incidentkit/metrics';
 * const clock: BusinessHoursInput = { timeZone: 'America/New_York', start: '08:00', end: '18:00' };
 * ```
 */
export interface BusinessHoursInput {
  timeZone: string;
  days?: readonly number[] | undefined;
  start?: string | undefined;
  end?: string | undefined;
}

/**
 * A duration metric as plain data: where it starts and ends, the figures it reports, how open and
 * reopened incidents count, and the clock. `stamp` prints all of it
 * (`mttr[impactStart→resolvedAt;mean,p50,p90,p95;open=exclude;reopen=last;wall]`) and comes back
 * with every result, so two figures are comparable exactly when their stamps are equal.
 *
 * @example
 * ```ts
 * import { mttrMetric } from 'incidentkit/metrics';
 * mttrMetric.stamp; // 'mttr[impactStart→resolvedAt;mean,p50,p90,p95;open=exclude;reopen=last;wall]'
 * ```
 */
export interface DurationMetricDefinition {
  readonly id: string;
  readonly from: DurationMilestone;
  readonly to: DurationMilestone;
  readonly aggregate: readonly DurationAggregate[];
  readonly open: OpenIncidentPolicy;
  readonly reopened: ReopenPolicy;
  readonly clock: 'wall' | BusinessHoursClock;
  readonly stamp: string;
}

/**
 * What {@link defineDurationMetric} accepts: `from` and `to` are needed; the rest defaults to
 * `aggregate: ['mean', 'median', 'p90', 'p95']`, `open: 'exclude'`, `reopened: 'last'`,
 * `clock: 'wall'`.
 *
 * @example
 * ```ts
 * import type { DurationMetricInput } from 'incidentkit/metrics';
 * const timeToTriage: DurationMetricInput = { id: 'mttt', from: 'detectedAt', to: 'triagedAt' };
 * ```
 */
export interface DurationMetricInput {
  id: string;
  from: DurationMilestone;
  to: DurationMilestone;
  aggregate?: readonly DurationAggregate[] | undefined;
  open?: OpenIncidentPolicy | undefined;
  reopened?: ReopenPolicy | undefined;
  clock?: 'wall' | BusinessHoursInput | undefined;
}

export const DURATION_MILESTONES: readonly DurationMilestone[] = [
  'impactStart',
  'startedAt',
  'detectedAt',
  'acknowledgedAt',
  'triagedAt',
  'mitigatedAt',
  'resolvedAt',
  'reviewedAt',
  'closedAt',
  'cancelledAt',
];

export const METRIC_KEYS = ['id', 'from', 'to', 'aggregate', 'open', 'reopened', 'clock', 'stamp'];

/** A definition ready to run: checked, aggregates canonical, and the clock as a function. */
export interface ResolvedMetric extends DurationMetricDefinition {
  readonly measure?: ((from: number, to: number) => number) | undefined;
}
