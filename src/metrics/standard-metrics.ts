import type { DurationMetricDefinition } from './duration-metric.js';
import { type DurationStats, namedMetric, runNamed } from './engine/duration-core.js';
import type { IncidentFacts } from './incident-facts.js';
import type { IncidentFilterOptions } from './incident-filter.js';

/**
 * Options of {@link mttd}, {@link mtta}, {@link mttm} and {@link mttr}: the filters. The named
 * metrics are fixed definitions (open incidents excluded, last resolution, wall clock); to count
 * open or reopened incidents differently, derive a definition and use `durationStats`, e.g.
 * `durationStats(incidents, { ...mttrMetric, open: 'censor', now })`, whose stamp says so.
 *
 * @example
 * ```ts
 * import { mttr, type NamedDurationOptions } from 'incidentkit/metrics';
 * const options: NamedDurationOptions = { severity: 'SEV1', since: '2026-10-01T00:00:00Z' };
 * mttr([], options).definition; // 'mttr[impactStart→resolvedAt;mean,p50,p90,p95;open=exclude;reopen=last;wall]'
 * ```
 */
export type NamedDurationOptions<T extends IncidentFacts = IncidentFacts> = IncidentFilterOptions<T>;

/**
 * Mean time to detect: `startedAt` → `detectedAt`.
 *
 * @example
 * ```ts
 * import { mttdMetric } from 'incidentkit/metrics';
 * mttdMetric.stamp; // 'mttd[startedAt→detectedAt;mean,p50,p90,p95;open=exclude;reopen=last;wall]'
 * ```
 */
export const mttdMetric: DurationMetricDefinition = /*#__PURE__*/ namedMetric(
  'mttd',
  'startedAt',
  'detectedAt',
);

/**
 * Mean time to acknowledge: `detectedAt` → `acknowledgedAt`.
 *
 * @example
 * ```ts
 * import { mttaMetric } from 'incidentkit/metrics';
 * mttaMetric.from; // 'detectedAt'
 * ```
 */
export const mttaMetric: DurationMetricDefinition = /*#__PURE__*/ namedMetric(
  'mtta',
  'detectedAt',
  'acknowledgedAt',
);

/**
 * Mean time to mitigate: impact start (`startedAt ?? detectedAt`) → `mitigatedAt`.
 *
 * @example
 * ```ts
 * import { mttmMetric } from 'incidentkit/metrics';
 * mttmMetric.to; // 'mitigatedAt'
 * ```
 */
export const mttmMetric: DurationMetricDefinition = /*#__PURE__*/ namedMetric(
  'mttm',
  'impactStart',
  'mitigatedAt',
);

/**
 * Mean time to resolve: impact start (`startedAt ?? detectedAt`) → `resolvedAt` (the last
 * resolution of a reopened incident, unless `reopened` says otherwise).
 *
 * @example
 * ```ts
 * import { mttrMetric } from 'incidentkit/metrics';
 * mttrMetric.from; // 'impactStart'
 * ```
 */
export const mttrMetric: DurationMetricDefinition = /*#__PURE__*/ namedMetric(
  'mttr',
  'impactStart',
  'resolvedAt',
);

/**
 * Time to detect (`startedAt` → `detectedAt`) over `incidents`: count, excluded, mean, median,
 * p90, p95, min, max and the definition stamp. Percentiles interpolate linearly between the closest
 * ranks at h = (n − 1)·p (NumPy's default, Excel's PERCENTILE.INC).
 *
 * @example
 * ```ts
 * import { mttd } from 'incidentkit/metrics';
 * mttd([{ milestones: { startedAt: 0, detectedAt: 300_000 } }]).meanMs; // 300000
 * ```
 */
export function mttd<T extends IncidentFacts>(
  incidents: readonly T[],
  options?: NamedDurationOptions<T>,
): DurationStats {
  return runNamed('mttd', 'startedAt', 'detectedAt', incidents, options);
}

/**
 * Time to acknowledge (`detectedAt` → `acknowledgedAt`); see {@link mttd} for the figures.
 *
 * @example
 * ```ts
 * import { mtta } from 'incidentkit/metrics';
 * mtta([{ milestones: { detectedAt: 0, acknowledgedAt: 120_000 } }]).medianMs; // 120000
 * ```
 */
export function mtta<T extends IncidentFacts>(
  incidents: readonly T[],
  options?: NamedDurationOptions<T>,
): DurationStats {
  return runNamed('mtta', 'detectedAt', 'acknowledgedAt', incidents, options);
}

/**
 * Time to mitigate (impact start → `mitigatedAt`); see {@link mttd} for the figures.
 *
 * @example
 * ```ts
 * import { mttm } from 'incidentkit/metrics';
 * mttm([{ milestones: { startedAt: 0, detectedAt: 60_000, mitigatedAt: 900_000 } }]).medianMs; // 900000
 * ```
 */
export function mttm<T extends IncidentFacts>(
  incidents: readonly T[],
  options?: NamedDurationOptions<T>,
): DurationStats {
  return runNamed('mttm', 'impactStart', 'mitigatedAt', incidents, options);
}

/**
 * Time to resolve (impact start → `resolvedAt`, the last resolution of a reopened incident); see
 * {@link mttd} for the figures. Incidents still open are excluded (and counted in `excluded` and
 * `open`); `durationStats(incidents, { ...mttrMetric, open: 'censor', now })` estimates the median
 * and percentiles with Kaplan–Meier instead, so a bad month's open incidents are not dropped.
 *
 * @example
 * ```ts
 * import { durationStats, mttr, mttrMetric } from 'incidentkit/metrics';
 * const h = 3_600_000;
 * const incidents = [
 *   { milestones: { detectedAt: 0, resolvedAt: 1 * h } },
 *   { milestones: { detectedAt: 0, resolvedAt: 3 * h } },
 *   { milestones: { detectedAt: 0 } }, // still open
 * ];
 * mttr(incidents).medianMs; // 7200000 (2 h); excluded: 1, open: 1
 * durationStats(incidents, { ...mttrMetric, open: 'censor', now: 10 * h }).medianMs; // 10800000 (3 h)
 * ```
 */
export function mttr<T extends IncidentFacts>(
  incidents: readonly T[],
  options?: NamedDurationOptions<T>,
): DurationStats {
  return runNamed('mttr', 'impactStart', 'resolvedAt', incidents, options);
}
