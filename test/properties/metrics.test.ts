import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actionItemCompletion,
  type DurationMilestone,
  type DurationStats,
  defineDurationMetric,
  detectionSources,
  durationStats,
  type IncidentFilterOptions,
  incidentFrequency,
  metricsReport,
  mtta,
  mttd,
  mttm,
  mttr,
  onCallLoad,
  postmortemCoverage,
  recurrenceRate,
  trend,
} from '../../src/metrics/index.js';
import type { Incident } from '../../src/model/index.js';
import { defaultSeverityPolicy } from '../../src/severity/index.js';
import {
  METRICS_SERVICES,
  METRICS_SEVERITIES,
  METRICS_T0,
  MS_DAY,
  MS_HOUR,
  metricsFactsSetArb,
  metricsIncidentsArb,
  metricsPagesArb,
  metricsTimeZoneArb,
  sameInstantIncidentsArb,
} from '../arbitraries/metrics.js';
import {
  refAdmits,
  refBusinessMs,
  refDurations,
  refFrequency,
  refInterruption,
  refKaplanMeier,
  refMean,
  refQuantile,
  refTheilSen,
} from './metrics-reference.js';

const RUNS = Number(process.env.FC_RUNS ?? 1000);
/** Suites that call Intl for every time-zone conversion in the reference: fewer runs by default. */
const TZ_RUNS = Number(process.env.FC_RUNS ?? 150);

const MILESTONES: DurationMilestone[] = [
  'impactStart',
  'startedAt',
  'detectedAt',
  'acknowledgedAt',
  'triagedAt',
  'mitigatedAt',
  'resolvedAt',
  'reviewedAt',
  'closedAt',
];

const filterArb: fc.Arbitrary<IncidentFilterOptions<Incident>> = fc.record(
  {
    since: fc.integer({ min: METRICS_T0, max: METRICS_T0 + 200 * MS_DAY }),
    until: fc.integer({ min: METRICS_T0 + 200 * MS_DAY, max: METRICS_T0 + 400 * MS_DAY }),
    severity: fc.oneof(
      fc.constantFrom(...METRICS_SEVERITIES, 'unclassified'),
      fc.subarray([...METRICS_SEVERITIES]),
    ),
    services: fc.subarray([...METRICS_SERVICES], { minLength: 1 }),
    includeDrills: fc.boolean(),
    includeCancelled: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** A stats result from reference values (plain figures; exact, as both sides do the same arithmetic). */
function plainExpectation(values: readonly number[]) {
  return {
    count: values.length,
    meanMs: refMean(values),
    medianMs: refQuantile(values, 0.5),
    p90Ms: refQuantile(values, 0.9),
    p95Ms: refQuantile(values, 0.95),
    minMs: values.length ? Math.min(...values) : null,
    maxMs: values.length ? Math.max(...values) : null,
    lowSample: values.length < 10,
  };
}

/** Consistent incident sets, and warehouse-like ones with milestones missing or out of order. */
const incidentSetsArb = fc.oneof(metricsIncidentsArb, metricsFactsSetArb);

describe('duration metrics against a sort-based reference', () => {
  it('mttd, mtta, mttm and mttr match on random incident sets and filters', () => {
    fc.assert(
      fc.property(incidentSetsArb, filterArb, (incidents, filter) => {
        const cases = [
          [mttd, 'startedAt', 'detectedAt'],
          [mtta, 'detectedAt', 'acknowledgedAt'],
          [mttm, 'impactStart', 'mitigatedAt'],
          [mttr, 'impactStart', 'resolvedAt'],
        ] as const;
        for (const [metric, from, to] of cases) {
          const ref = refDurations(incidents, filter, from, to);
          expect(metric(incidents, filter)).toMatchObject({
            ...plainExpectation(ref.done),
            excluded: ref.excluded,
            open: ref.open,
            invalid: ref.invalid,
            invalidIds: ref.invalidIds,
          });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('durationStats matches between any two milestones in chain order, for every reopen policy', () => {
    fc.assert(
      fc.property(
        incidentSetsArb,
        fc.uniqueArray(fc.constantFrom(...MILESTONES), { minLength: 2, maxLength: 2 }),
        fc.constantFrom('first', 'last', 'active-time') as fc.Arbitrary<'first' | 'last' | 'active-time'>,
        fc.constantFrom('exclude', 'now') as fc.Arbitrary<'exclude' | 'now'>,
        (incidents, pair, reopened, open) => {
          const [from, to] = [...pair].sort((a, b) => MILESTONES.indexOf(a) - MILESTONES.indexOf(b)) as [
            DurationMilestone,
            DurationMilestone,
          ];
          const now = METRICS_T0 + 380 * MS_DAY;
          const stats = durationStats(incidents, { from, to, reopened, open, now, includeCancelled: true });
          const ref = refDurations(incidents, { includeCancelled: true }, from, to, reopened, open, now);
          expect(stats).toMatchObject({
            ...plainExpectation(ref.done),
            excluded: ref.excluded,
            open: ref.open,
            invalid: ref.invalid,
            invalidIds: ref.invalidIds,
          });
          // Backwards, every duration would be negative: the definition itself is refused.
          expect(() => durationStats(incidents, { from: to, to: from })).toThrow(/after from/);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never reports a negative duration, and counts every admitted incident exactly once', () => {
    fc.assert(
      fc.property(incidentSetsArb, fc.integer({ min: 0, max: 400 }), (incidents, nowDay) => {
        const now = METRICS_T0 + nowDay * MS_DAY;
        for (const open of ['exclude', 'now', 'censor'] as const) {
          const stats = durationStats(incidents, { from: 'detectedAt', to: 'acknowledgedAt', open, now });
          const admitted = incidents.filter((i) => refAdmits(i, {})).length;
          // `open` incidents are also in `excluded` (under exclude) or in `count` (otherwise).
          expect(stats.count + stats.excluded + stats.invalid).toBe(admitted);
          expect(stats.minMs ?? 0).toBeGreaterThanOrEqual(0);
          expect(stats.invalidIds.length).toBe(Math.min(stats.invalid, 100));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('censoring matches a brute-force exact Kaplan–Meier estimator, censored or not', () => {
    fc.assert(
      fc.property(
        incidentSetsArb,
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom('first', 'last', 'active-time') as fc.Arbitrary<'first' | 'last' | 'active-time'>,
        (incidents, nowDay, reopened) => {
          const now = METRICS_T0 + nowDay * MS_DAY;
          const stats = durationStats(incidents, {
            from: 'impactStart',
            to: 'resolvedAt',
            open: 'censor',
            now,
            reopened,
          });
          const ref = refDurations(incidents, {}, 'impactStart', 'resolvedAt', reopened, 'censor', now);
          expect(stats.count).toBe(ref.done.length + ref.censored.length);
          expect(stats).toMatchObject({ excluded: ref.excluded, open: ref.open, invalid: ref.invalid });
          for (const [percent, field] of [
            [50, 'medianMs'],
            [90, 'p90Ms'],
            [95, 'p95Ms'],
            [0, 'minMs'],
            [100, 'maxMs'],
          ] as const) {
            const exact = refKaplanMeier(ref.done, ref.censored, percent);
            // Exactly a completed duration (a step), or null: never a value between two.
            if (!exact.ambiguous) expect(stats[field]).toBe(exact.quantile);
          }
          const mean = refKaplanMeier(ref.done, ref.censored, 50).mean;
          if (mean === null || mean === 0) expect(stats.meanMs).toBe(mean);
          else expect(stats.meanMs! / mean).toBeCloseTo(1, 9);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('gives the same figures whatever the order of the incidents', () => {
    fc.assert(
      fc.property(metricsIncidentsArb, fc.integer(), (incidents, seed) => {
        const shuffled = [...incidents].sort(
          (a, b) => ((a.milestones.detectedAt ^ seed) % 7) - ((b.milestones.detectedAt ^ seed) % 7),
        );
        expect(mttr(shuffled)).toEqual(mttr(incidents));
        expect(recurrenceRate(shuffled)).toEqual(recurrenceRate(incidents));
      }),
      { numRuns: RUNS },
    );
  });

  it('handles identical timestamps: zero durations, no recurrence among twins', () => {
    fc.assert(
      fc.property(sameInstantIncidentsArb, (incidents) => {
        const ref = refDurations(incidents, {}, 'detectedAt', 'acknowledgedAt');
        expect(mtta(incidents)).toMatchObject(plainExpectation(ref.done));
        expect(recurrenceRate(incidents).recurrences).toBe(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('never mutates the incidents', () => {
    fc.assert(
      fc.property(metricsIncidentsArb, (incidents) => {
        const before = structuredClone(incidents);
        metricsReport(incidents, { now: METRICS_T0 + 400 * MS_DAY, open: 'censor', reopened: 'active-time' });
        expect(incidents).toEqual(before);
      }),
      { numRuns: Math.min(RUNS, 300) },
    );
  });
});

describe('business hours against TZDate day by day', () => {
  it('counts the same working time in zones with daylight saving', () => {
    const dayArb = fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 });
    fc.assert(
      fc.property(
        metricsTimeZoneArb,
        dayArb,
        fc.constantFrom('00:00', '06:30', '09:00'),
        fc.constantFrom('12:00', '17:00', '24:00'),
        fc.integer({ min: METRICS_T0, max: METRICS_T0 + 360 * MS_DAY }),
        fc.integer({ min: 0, max: 10 * MS_DAY }),
        (timeZone, days, start, end, a, span) => {
          const metric = defineDurationMetric({
            id: 'bh',
            from: 'detectedAt',
            to: 'resolvedAt',
            clock: { timeZone, days, start, end },
          });
          const incident = { milestones: { detectedAt: a, resolvedAt: a + span } };
          expect(durationStats([incident], metric).medianMs).toBe(
            refBusinessMs(a, a + span, timeZone, days, start, end),
          );
        },
      ),
      { numRuns: TZ_RUNS },
    );
  });
});

describe('incidentFrequency against date-fns bucketing', () => {
  it('builds the same buckets and counts in any zone, interval and week start', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: METRICS_T0, max: METRICS_T0 + 400 * MS_DAY }), { maxLength: 30 }),
        metricsTimeZoneArb,
        fc.constantFrom('day', 'week', 'month') as fc.Arbitrary<'day' | 'week' | 'month'>,
        fc.integer({ min: 0, max: 6 }) as fc.Arbitrary<0 | 1 | 2 | 3 | 4 | 5 | 6>,
        fc.integer({ min: METRICS_T0, max: METRICS_T0 + 300 * MS_DAY }),
        fc.integer({ min: 0, max: 60 * MS_DAY }),
        (detections, timeZone, interval, weekStartsOn, since, length) => {
          const until = since + (interval === 'day' ? Math.floor(length / 4) : length);
          const incidents = detections.map((detectedAt) => ({ milestones: { detectedAt } }));
          const f = incidentFrequency(incidents, { interval, since, until, timeZone, weekStartsOn });
          expect(f.buckets).toEqual(refFrequency(detections, interval, since, until, timeZone, weekStartsOn));
          expect(f.total).toBe(detections.filter((t) => t >= since && t < until).length);
        },
      ),
      { numRuns: TZ_RUNS },
    );
  });

  it('splits by severity with the scale zero-filled, adding up to the counts', () => {
    fc.assert(
      fc.property(metricsIncidentsArb, (incidents) => {
        const f = incidentFrequency(incidents, {
          interval: 'month',
          since: METRICS_T0,
          until: METRICS_T0 + 400 * MS_DAY,
          bySeverity: true,
          policy: defaultSeverityPolicy,
        });
        for (const bucket of f.buckets) {
          expect(Object.keys(bucket.bySeverity!)).toEqual(['SEV1', 'SEV2', 'SEV3', 'SEV4', 'unclassified']);
          expect(Object.values(bucket.bySeverity!).reduce((a, b) => a + b, 0)).toBe(bucket.count);
        }
      }),
      { numRuns: Math.min(RUNS, 300) },
    );
  });
});

describe('the other calculators against quadratic references', () => {
  it('recurrenceRate', () => {
    fc.assert(
      fc.property(
        metricsIncidentsArb,
        fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
        fc.option(fc.integer({ min: METRICS_T0, max: METRICS_T0 + 300 * MS_DAY }), { nil: undefined }),
        (incidents, windowDays, since) => {
          const options = {
            ...(windowDays === undefined ? {} : { windowDays }),
            ...(since === undefined ? {} : { since }),
          };
          const counted = incidents.filter((i) => refAdmits(i, options) && i.category);
          const recurs = (i: Incident) =>
            counted.some(
              (j) =>
                j.category === i.category &&
                j.milestones.detectedAt < i.milestones.detectedAt &&
                i.milestones.detectedAt - j.milestones.detectedAt <= (windowDays ?? Infinity) * MS_DAY,
            );
          const r = recurrenceRate(incidents, options);
          expect(r.incidents).toBe(counted.length);
          expect(r.recurrences).toBe(counted.filter(recurs).length);
          expect(r.rate).toBe(counted.length ? counted.filter(recurs).length / counted.length : null);
          expect(r.repeated.reduce((a, k) => a + k.recurrences, 0)).toBe(r.recurrences);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('actionItemCompletion', () => {
    fc.assert(
      fc.property(metricsIncidentsArb, fc.integer({ min: 0, max: 400 }), (incidents, day) => {
        const now = METRICS_T0 + day * MS_DAY;
        const items = incidents.filter((i) => refAdmits(i, {})).flatMap((i) => i.actionItems);
        const done = items.filter((x) => x.status === 'done');
        const wontfix = items.filter((x) => x.status === 'wontfix').length;
        const overdue = items.filter((x) => x.status === 'open' && x.dueAt !== undefined && x.dueAt < now);
        const dated = done.filter((x) => x.dueAt !== undefined && x.completedAt !== undefined);
        const onTime = dated.filter((x) => x.completedAt! <= x.dueAt!).length;
        const r = actionItemCompletion(incidents, { now });
        expect(r).toMatchObject({ total: items.length, done: done.length, wontfix, overdue: overdue.length });
        expect(r.completionRate).toBe(items.length - wontfix ? done.length / (items.length - wontfix) : null);
        expect(r.onTimeRate).toBe(
          dated.length + overdue.length ? onTime / (dated.length + overdue.length) : null,
        );
        expect(r.overdueItems.map((x) => x.overdueByMs)).toEqual(
          overdue.map((x) => now - x.dueAt!).sort((a, b) => b - a),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('detectionSources and postmortemCoverage', () => {
    fc.assert(
      fc.property(metricsIncidentsArb, fc.integer({ min: 0, max: 400 }), (incidents, day) => {
        const admitted = incidents.filter((i) => refAdmits(i, {}));
        const automated = admitted.filter((i) =>
          ['monitoring', 'synthetic', 'anomaly'].includes(i.source),
        ).length;
        expect(detectionSources(incidents)).toMatchObject({ total: admitted.length, automated });

        const now = METRICS_T0 + day * MS_DAY;
        const firstResolved = (i: Incident) =>
          i.reopens.find((r) => r.previous.resolvedAt !== undefined)?.previous.resolvedAt ??
          i.milestones.resolvedAt;
        const required = admitted.filter((i) => {
          const key = i.severity ?? defaultSeverityPolicy.uncertain;
          return (
            firstResolved(i) !== undefined && defaultSeverityPolicy.requirements[key]?.postmortemRequired
          );
        });
        const due = (i: Incident) =>
          firstResolved(i)! +
          (defaultSeverityPolicy.requirements[i.severity ?? 'SEV2']!.postmortemDueHours ?? Infinity) *
            MS_HOUR;
        const published = required.filter((i) => i.postmortem);
        const coverage = postmortemCoverage(incidents, { policy: defaultSeverityPolicy, now });
        expect(coverage).toMatchObject({
          required: required.length,
          published: published.length,
          publishedOnTime: published.filter((i) => i.postmortem!.publishedAt <= due(i)).length,
          overdue: required.filter((i) => !i.postmortem && now > due(i)).length,
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('onCallLoad', () => {
    fc.assert(
      fc.property(
        metricsPagesArb,
        metricsTimeZoneArb,
        fc.integer({ min: 1, max: 12 }),
        (pages, timeZone, weeks) => {
          const now = METRICS_T0 + 300 * MS_DAY;
          const from = now - weeks * 7 * MS_DAY;
          const inWindow = pages.filter((p) => p.at >= from && p.at < now);
          const load = onCallLoad(pages, { now, weeks, timeZone, timeZones: { dmitri: 'Asia/Kolkata' } });
          expect(load.totalPages).toBe(inWindow.length);
          const kinds = inWindow.map((p) =>
            refInterruption(p.at, p.responder === 'dmitri' ? 'Asia/Kolkata' : timeZone),
          );
          expect(load.interruptions).toEqual({
            business: kinds.filter((k) => k === 0).length,
            eveningsAndWeekends: kinds.filter((k) => k === 1).length,
            sleep: kinds.filter((k) => k === 2).length,
          });
          for (const r of load.responders) {
            const own = inWindow.filter((p) => p.responder === r.responder);
            expect(r.pages).toBe(own.length);
            expect(r.overThreshold).toBe(own.length / weeks > 2);
          }
        },
      ),
      { numRuns: TZ_RUNS },
    );
  });

  it('trend', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null }), { maxLength: 30 }),
        (series) => {
          const t = trend(series);
          const values = series.filter((v): v is number => v !== null);
          expect(t.slopePerPeriod).toBe(values.length > 1 ? refTheilSen(series) : null);
          if (values.length > 1) expect(t.last! - t.previous!).toBe(t.change);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('metricsReport', () => {
  it('agrees with the calculators run one by one, periods included', () => {
    fc.assert(
      fc.property(metricsIncidentsArb, filterArb, (incidents, filter) => {
        const now = METRICS_T0 + 400 * MS_DAY;
        const report = metricsReport(incidents, {
          since: METRICS_T0,
          until: METRICS_T0 + 400 * MS_DAY,
          ...filter,
          now,
          interval: 'month',
        });
        expect(report.durations.mttr).toEqual(mttr(incidents, filter));
        expect(report.durations.mttd).toEqual(mttd(incidents, filter));
        expect(report.recurrence).toEqual(recurrenceRate(incidents, filter));
        expect(report.actionItems).toEqual(actionItemCompletion(incidents, { ...filter, now }));
        for (const period of report.periods!) {
          const inPeriod: DurationStats = mttr(incidents, {
            ...filter,
            since: Math.max(period.start, Number(filter.since ?? METRICS_T0)),
            until: Math.min(period.end, Number(filter.until ?? METRICS_T0 + 400 * MS_DAY)),
          });
          expect(period.durations.mttr).toEqual(inPeriod);
        }
      }),
      { numRuns: Math.min(RUNS, 300) },
    );
  });
});
