import type { TimeInput } from '../model/time.js';
import { type ActionItemCompletion, actionItemCounter } from './action-item-completion.js';
import { resolveMetric } from './define-duration-metric.js';
import { type DetectionSources, sourceCounter } from './detection-sources.js';
import {
  type DurationMetricDefinition,
  METRIC_KEYS,
  type OpenIncidentPolicy,
  type ReopenPolicy,
} from './duration-metric.js';
import { type DurationAccumulator, durationAccumulator } from './engine/duration-accumulator.js';
import type { DurationStats } from './engine/duration-core.js';
import { admits, FILTER_KEYS, readIncidentFilter } from './engine/filter.js';
import { fillRow, newRow } from './engine/milestone-row.js';
import type { Part } from './engine/run-part.js';
import {
  milestonesOf,
  need,
  type Options,
  readIncidents,
  readList,
  readNow,
  readOptions,
  readTyped,
  unreadable,
} from './engine/validate.js';
import type { IncidentFacts } from './incident-facts.js';
import type { IncidentFilterOptions } from './incident-filter.js';
import {
  FREQUENCY_KEYS,
  type FrequencyCounter,
  type FrequencyInterval,
  frequencyCounter,
  type IncidentFrequency,
  readCalendar,
  readScaleKeys,
} from './incident-frequency.js';
import {
  type PostmortemCoverage,
  type PostmortemPolicy,
  postmortemCounter,
  readRequirements,
} from './postmortem-coverage.js';
import {
  RECURRENCE_KEYS,
  type RecurrenceOptions,
  type RecurrenceSummary,
  readRecurrence,
  recurrenceCounter,
} from './recurrence-rate.js';
import { mttaMetric, mttdMetric, mttmMetric, mttrMetric } from './standard-metrics.js';
import { type TrendSummary, trend } from './trend.js';

/**
 * Options of {@link metricsReport}: the filters (applied once, to every part), `now`, and the
 * options of each part. `metrics` defaults to MTTD, MTTA, MTTM and MTTR; `open` / `reopened`
 * override every metric's (and show in their stamps). With `interval` (and `since` / `until`) the
 * report adds the frequency, the same metrics per period, and their trends. `policy` (any severity
 * policy) supplies the postmortem requirements and the scale for `bySeverity`.
 *
 * @example
 * ```ts
 * import type { MetricsReportOptions } from 'incidentkit/metrics';
 * const options: MetricsReportOptions = {
 *   now: '2026-12-01T00:00:00Z',
 *   since: '2026-06-01T00:00:00Z',
 *   until: '2026-12-01T00:00:00Z',
 *   interval: 'month',
 *   recurrence: { windowDays: 90 },
 * };
 * ```
 */
export interface MetricsReportOptions<T extends IncidentFacts = IncidentFacts>
  extends IncidentFilterOptions<T> {
  now: TimeInput;
  metrics?: readonly DurationMetricDefinition[] | undefined;
  open?: OpenIncidentPolicy | undefined;
  reopened?: ReopenPolicy | undefined;
  interval?: FrequencyInterval | undefined;
  timeZone?: string | undefined;
  weekStartsOn?: number | undefined;
  bySeverity?: boolean | undefined;
  scale?: readonly { readonly key: string }[] | undefined;
  policy?: Partial<PostmortemPolicy> & { readonly scale?: readonly { readonly key: string }[] };
  recurrence?: Pick<RecurrenceOptions<T>, 'key' | 'windowDays'> | undefined;
}

/**
 * One period of a report: its bucket, how many incidents were detected in it, and every duration
 * metric over those incidents.
 *
 * @example
 * ```ts
 * import type { ReportPeriod } from 'incidentkit/metrics';
 * declare const period: ReportPeriod;
 * period.durations.mttr?.medianMs;
 * ```
 */
export interface ReportPeriod {
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly incidents: number;
  readonly durations: Readonly<Record<string, DurationStats>>;
}

/**
 * Everything {@link metricsReport} computes. `durations` are keyed by metric id (`mttd`, `mtta`,
 * `mttm`, `mttr` by default); `frequency`, `periods` and `trends` are there with an `interval`,
 * `postmortems` with a policy's requirements. On-call load comes from pages, not incidents: see
 * {@link onCallLoad}.
 *
 * @example
 * ```ts
 * import { metricsReport } from 'incidentkit/metrics';
 * const report = metricsReport([], { now: 0 });
 * report.durations.mttr?.count; // 0
 * ```
 */
export interface MetricsReport {
  readonly incidents: number;
  readonly durations: Readonly<Record<string, DurationStats>>;
  readonly frequency?: IncidentFrequency | undefined;
  readonly periods?: readonly ReportPeriod[] | undefined;
  readonly trends?: {
    readonly incidents: TrendSummary;
    readonly durations: Readonly<Record<string, TrendSummary>>;
  };
  readonly recurrence: RecurrenceSummary;
  readonly actionItems: ActionItemCompletion;
  readonly detection: DetectionSources;
  readonly postmortems?: PostmortemCoverage | undefined;
}

const KEYS = /*#__PURE__*/ FILTER_KEYS.concat(
  FREQUENCY_KEYS,
  'now',
  'metrics',
  'open',
  'reopened',
  'recurrence',
);

/**
 * Every metric at once, in one pass over the incidents: the duration metrics (MTTD, MTTA, MTTM,
 * MTTR or your definitions), frequency per period with the durations per period and their trends,
 * recurrence, action-item follow-through, detection sources and postmortem coverage. The filters apply to every part alike, so the numbers describe the same incidents.
 *
 * @example
 * ```ts
 * import { metricsReport } from 'incidentkit/metrics';
 * const h = 3_600_000;
 * const at = (day: number) => Date.parse('2026-09-01T00:00:00Z') + day * 24 * h;
 * const incidents = [
 *   { id: 'INC-1', severity: 'SEV2', source: 'monitoring' as const, category: 'deploy',
 *     milestones: { startedAt: at(3), detectedAt: at(3) + 0.1 * h, acknowledgedAt: at(3) + 0.2 * h, mitigatedAt: at(3) + h, resolvedAt: at(3) + 5 * h } },
 *   { id: 'INC-2', severity: 'SEV2', source: 'customer' as const, category: 'deploy',
 *     milestones: { startedAt: at(40), detectedAt: at(40) + h, acknowledgedAt: at(40) + 1.1 * h, mitigatedAt: at(40) + 2 * h, resolvedAt: at(40) + 3 * h } },
 * ];
 * const report = metricsReport(incidents, {
 *   now: at(90), since: at(0), until: at(90), interval: 'month',
 *   policy: { requirements: { SEV2: { postmortemRequired: true, postmortemDueHours: 72 } } },
 * });
 * report.durations.mttr?.medianMs; // 14400000 (4 h)
 * report.periods?.map((p) => p.durations.mttr?.medianMs); // [18000000, 10800000, null]
 * report.trends?.durations.mttr?.direction; // 'improving'
 * report.recurrence.rate; // 0.5
 * report.postmortems?.overdue; // 2
 * ```
 */
export function metricsReport<T extends IncidentFacts>(
  incidents: readonly T[],
  options: MetricsReportOptions<T>,
): MetricsReport {
  let i = -1;
  try {
    const path = 'options';
    const o = readOptions(options, path, KEYS);
    const now = readNow(o);
    const filter = readIncidentFilter(o, path);
    const [list, n] = readIncidents(incidents);

    let frequency: FrequencyCounter | undefined;
    if (o.interval !== undefined) {
      frequency = frequencyCounter(
        readCalendar(o, path, filter.since, filter.until),
        readTyped<boolean>(o, 'bySeverity', path, 'boolean') === true,
        readScaleKeys(o, path),
      );
    }
    const definitions =
      o.metrics === undefined
        ? [mttdMetric, mttaMetric, mttmMetric, mttrMetric]
        : readList(o.metrics, `${path}.metrics`, 50);
    const metrics = definitions.map((definition, k) => {
      const where = `${path}.metrics[${k}]`;
      const d = readOptions(definition, where, METRIC_KEYS);
      return resolveMetric({ ...d, open: o.open ?? d.open, reopened: o.reopened ?? d.reopened }, where);
    });
    const ids = metrics.map((metric) => metric.id);
    need(new Set(ids).size === ids.length, `${path}.metrics`, 'metrics with distinct ids');
    const periods = frequency?.periods ?? 0;
    const durations = metrics.map((metric) => durationAccumulator(metric, now, n, periods));
    const row = newRow();

    const { keyOf, windowDays } = readRecurrence(
      readOptions(o.recurrence, `${path}.recurrence`, RECURRENCE_KEYS),
      `${path}.recurrence`,
    );
    const recurrence = recurrenceCounter(keyOf, windowDays, n);
    const actions = actionItemCounter(now);
    const sources = sourceCounter();
    // A policy with requirements (any severity policy) adds postmortem coverage.
    const postmortems =
      (o.policy as Options | undefined)?.requirements === undefined
        ? undefined
        : postmortemCounter(readRequirements(o.policy, `${path}.policy`), now);

    let counted = 0;
    // One pass: each incident goes to every part. (A plain loop rather than `scan`, so the calls
    // to the parts stay monomorphic in the hot path.)
    for (i = 0; i < n; i++) {
      const incident = list[i]!;
      const m = milestonesOf(incident, i);
      if (!admits(filter, incident, m, i)) continue;
      recurrence.add(incident, m, i);
      counted++;
      const bucket = frequency ? frequency.add(incident, m, i) : -1;
      if (durations.length > 0) fillRow(m, i, row);
      for (let k = 0; k < durations.length; k++) durations[k]!.add(incident, m, row, i, bucket);
      actions.add(incident, m, i);
      sources.add(incident, m, i);
      postmortems?.add(incident, m, i);
    }
    i = -1;
    return assemble(counted, ids, durations, frequency, recurrence, actions, sources, postmortems);
  } catch (error) {
    return unreadable(error, i < 0 ? 'options' : `incidents[${i}]`);
  }
}

/** The report from its parts, once every incident went through them. */
function assemble(
  counted: number,
  ids: readonly string[],
  durations: readonly DurationAccumulator[],
  frequency: FrequencyCounter | undefined,
  recurrence: Part<RecurrenceSummary>,
  actions: Part<ActionItemCompletion>,
  sources: Part<DetectionSources>,
  postmortems: Part<PostmortemCoverage> | undefined,
): MetricsReport {
  const periods = frequency?.periods ?? 0;
  const byId = <V>(values: readonly V[]) => Object.fromEntries(ids.map((id, k) => [id, values[k]!]));
  // Per period first: the overall figures reorder the durations the periods are grouped from.
  const byMetric = durations.map((d) => d.bucketResults());
  const report: { -readonly [K in keyof MetricsReport]: MetricsReport[K] } = {
    incidents: counted,
    durations: byId(durations.map((d) => d.result())),
    recurrence: recurrence.result(),
    actionItems: actions.result(),
    detection: sources.result(),
  };
  if (frequency) {
    const f = frequency.result();
    report.frequency = f;
    const perPeriod = f.buckets.map((_, b) => byMetric.map((stats) => stats[b]!));
    report.periods = f.buckets.map((bucket, b) => ({
      start: bucket.start,
      end: bucket.end,
      label: bucket.label,
      incidents: bucket.count,
      durations: byId(perPeriod[b]!),
    }));
    // Theil–Sen compares every pair of periods: beyond 2000 periods the trends are left out.
    if (periods <= 2_000) {
      report.trends = {
        incidents: trend(f.buckets.map((bucket) => bucket.count)),
        durations: byId(ids.map((_, k) => trend(perPeriod.map((stats) => stats[k]!)))),
      };
    }
  }
  for (const d of durations) d.release();
  if (postmortems) report.postmortems = postmortems.result();
  return report;
}
