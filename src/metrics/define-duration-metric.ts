import {
  DURATION_MILESTONES,
  type DurationAggregate,
  type DurationMetricDefinition,
  type DurationMetricInput,
  METRIC_KEYS,
  type ResolvedMetric,
} from './duration-metric.js';
import { businessClock, businessHoursStamp, readBusinessHours } from './engine/business-hours.js';
import { guarded, need, type Options, readChoice, readList, readOptions } from './engine/validate.js';
import type { DurationMilestone } from './incident-facts.js';

/** The canonical name of an aggregate (`median` → `p50`, `p90.0` → `p90`), or `undefined`. */
function canonicalAggregate(name: unknown): string | undefined {
  if (name === 'mean' || name === 'min' || name === 'max' || name === 'count') return name;
  if (name === 'median') return 'p50';
  const match = typeof name === 'string' ? /^p(\d{1,3}(?:\.\d{1,6})?)$/.exec(name) : null;
  const value = match ? Number(match[1]) : Number.NaN;
  return value <= 100 ? `p${value}` : undefined;
}

/** Reads a whole metric from `o`: checks it, computes its stamp, and makes its clock a function. */
export function resolveMetric(o: Options, path: string): ResolvedMetric {
  const { id = 'duration', from, to, aggregate = ['mean', 'p50', 'p90', 'p95'], clock = 'wall' } = o;
  need(
    typeof id === 'string' && /^[A-Za-z][\w.-]{0,63}$/.test(id),
    `${path}.id`,
    'letters, digits, _ . - (a letter first)',
  );
  for (const key of ['from', 'to']) {
    need(
      DURATION_MILESTONES.includes(o[key] as DurationMilestone),
      `${path}.${key}`,
      `one of ${DURATION_MILESTONES}`,
    );
  }
  // Chain order (impact start, detection, …, closure, cancellation): a metric runs forwards, so a
  // valid incident never gives it a negative duration.
  need(
    DURATION_MILESTONES.indexOf(to as DurationMilestone) >
      DURATION_MILESTONES.indexOf(from as DurationMilestone),
    `${path}.to`,
    `a milestone after from (in the order ${DURATION_MILESTONES})`,
  );
  const names = [...new Set(readList(aggregate, `${path}.aggregate`, 100).map(canonicalAggregate))];
  need(
    names.length > 0 && names.length <= 20 && !names.includes(undefined),
    `${path}.aggregate`,
    '1 to 20 of mean, median, min, max, count, p0…p100',
  );
  const open = readChoice(o, 'open', path, ['exclude', 'censor', 'now'], 'exclude');
  const reopened = readChoice(o, 'reopened', path, ['first', 'last', 'active-time'], 'last');
  const hours = clock === 'wall' ? undefined : readBusinessHours(clock, `${path}.clock`);
  return {
    id: id as string,
    from: from as DurationMilestone,
    to: to as DurationMilestone,
    aggregate: names as DurationAggregate[],
    open,
    reopened,
    clock: hours ?? 'wall',
    // `censor(km-step)`: Kaplan–Meier with step percentiles (see kaplan-meier.ts); figures from the
    // earlier interpolating rule were stamped `censor`, so the two never compare as equal.
    stamp: `${id}[${from}→${to};${names.join(',')};open=${open === 'censor' ? 'censor(km-step)' : open};reopen=${reopened};${hours ? businessHoursStamp(hours) : 'wall'}]`,
    measure: hours && businessClock(hours),
  };
}

/**
 * Defines a duration metric as data: between which milestones, which figures, how open incidents
 * (`open`) and reopened ones (`reopened`) count, and on which clock. The result is plain JSON with
 * its printable `stamp`; pass it (spread, with filters) to `durationStats`, or to `metricsReport`'s
 * `metrics`. A stored definition can be passed back in: the stamp is recomputed.
 *
 * @example
 * ```ts
 * import { defineDurationMetric, durationStats } from 'incidentkit/metrics';
 * const mttrBusinessHours = defineDurationMetric({
 *   id: 'mttr-bh',
 *   from: 'impactStart',
 *   to: 'resolvedAt',
 *   aggregate: ['mean', 'median', 'p90'],
 *   open: 'censor',
 *   clock: { timeZone: 'Europe/Berlin' },
 * });
 * mttrBusinessHours.stamp;
 * // 'mttr-bh[impactStart→resolvedAt;mean,p50,p90;open=censor(km-step);reopen=last;business(Europe/Berlin,Mon+Tue+Wed+Thu+Fri,09:00-17:00)]'
 * durationStats([], { ...mttrBusinessHours, severity: 'SEV4', now: '2026-12-01T00:00:00Z' }).count; // 0
 * ```
 */
export function defineDurationMetric(input: DurationMetricInput): DurationMetricDefinition {
  // A getter or Proxy trap of the caller's that throws is INVALID_INPUT at `metric`, its cause kept.
  return guarded(
    () => {
      const o = readOptions(input, 'metric', METRIC_KEYS);
      need(o.id !== undefined, 'metric.id', 'an id');
      const { measure, ...definition } = resolveMetric(o, 'metric');
      return definition;
    },
    () => 'metric',
  );
}
