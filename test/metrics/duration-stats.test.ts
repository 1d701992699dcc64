import { describe, expect, it } from 'vitest';
import { replay } from '../../src/lifecycle/index.js';
import { defineDurationMetric, durationStats, mttr, mttrMetric } from '../../src/metrics/index.js';
import type { Incident, IncidentEventInput } from '../../src/model/index.js';
import { expectInvalid, METRICS_T0, MS_HOUR, MS_MINUTE, metricsIncident } from './helpers.js';

const at = (minutes: number) => METRICS_T0 + minutes * MS_MINUTE;
const h = (hours: number) => hours * MS_HOUR;

function resolvedAfter(hours: number): Incident {
  return metricsIncident({ phase: 'review', milestones: { detectedAt: 0, resolvedAt: h(hours) } });
}
function openFor(hours: number, now: number): Incident {
  return metricsIncident({ phase: 'mitigate', milestones: { detectedAt: now - h(hours) } });
}

describe('durationStats', () => {
  it('measures between any two milestones, with the stamp of the definition', () => {
    const stats = durationStats(
      [
        metricsIncident({ milestones: { detectedAt: 0, acknowledgedAt: 60_000, mitigatedAt: 600_000 } }),
        metricsIncident({ milestones: { detectedAt: 0, acknowledgedAt: 120_000 } }),
      ],
      { id: 'ack-to-mitigate', from: 'acknowledgedAt', to: 'mitigatedAt' },
    );
    expect(stats).toMatchObject({ count: 1, excluded: 1, open: 1, medianMs: 540_000 });
    expect(stats.definition).toBe(
      'ack-to-mitigate[acknowledgedAt→mitigatedAt;mean,p50,p90,p95;open=exclude;reopen=last;wall]',
    );
  });

  it('takes a definition spread in, and matches the named metric for mttr', () => {
    const incidents = [1, 2, 5, 9].map(resolvedAfter);
    expect(durationStats(incidents, { ...mttrMetric })).toEqual(mttr(incidents));
  });

  it('reports the definition’s own aggregates by canonical name', () => {
    const incidents = Array.from({ length: 101 }, (_, k) => resolvedAfter(k));
    const stats = durationStats(incidents, {
      id: 'tail',
      from: 'impactStart',
      to: 'resolvedAt',
      aggregate: ['median', 'p99', 'p99.9', 'count', 'min', 'max', 'p0', 'p100', 'median'],
    });
    expect(stats.aggregates).toEqual({
      p50: h(50),
      p99: h(99),
      'p99.9': h(99.9),
      count: 101,
      min: 0,
      max: h(100),
      p0: 0,
      p100: h(100),
    });
    expect(stats.definition).toBe(
      'tail[impactStart→resolvedAt;p50,p99,p99.9,count,min,max,p0,p100;open=exclude;reopen=last;wall]',
    );
  });

  describe('open incidents', () => {
    const now = h(10);
    const incidents = [
      resolvedAfter(1),
      resolvedAfter(3),
      resolvedAfter(4),
      openFor(2, now),
      openFor(5, now),
    ];
    const metric = { ...mttrMetric, now };

    it('are left out by default, and counted as open', () => {
      expect(durationStats(incidents, metric)).toMatchObject({
        count: 3,
        excluded: 2,
        open: 2,
        medianMs: h(3),
      });
    });

    it('end at now with open: "now"', () => {
      const stats = durationStats(incidents, { ...metric, open: 'now' });
      expect(stats).toMatchObject({
        count: 5,
        excluded: 0,
        open: 2,
        medianMs: h(3),
        meanMs: h(3),
        maxMs: h(5),
      });
      expect(stats.definition).toContain(';open=now;');
    });

    it('are right-censored at now with open: "censor" (Kaplan–Meier, step percentiles)', () => {
      const stats = durationStats(incidents, { ...metric, open: 'censor' });
      // S(1 h) = 4/5; the 2 h incident leaves the risk set open; S(3 h) = 4/5 · 2/3 = 0.53,
      // S(4 h) = 0.53 · 1/2 = 0.27. The median is the first t with S(t) ≤ 0.5: 4 h, no midpoint.
      expect(stats.count).toBe(5);
      expect(stats.medianMs).toBe(h(4));
      expect(stats.minMs).toBe(h(1));
      // The longest incident is still open: its end, and the tail above the estimate, are unknown.
      expect(stats.maxMs).toBeNull();
      expect(stats.p90Ms).toBeNull();
      // Restricted mean: 0.2·1 + (0.8/3)·(3 + 4) + (0.8/3)·5 (mass left at the longest observation).
      expect(stats.meanMs).toBeCloseTo(h(3.4), 3);
      expect(stats.lowSample).toBe(true);
    });

    it('follow the step rule under censoring even when nothing is open', () => {
      const closed = [1, 2, 3, 7, 11].map(resolvedAfter);
      const censoring = durationStats(closed, { ...metric, open: 'censor' });
      const plain = durationStats(closed, metric);
      // Same mean, min and max; percentiles are completed durations, not interpolations:
      // p90 is 11 h (S(7 h) = 0.2 > 0.1), where the interpolating rule says 9.4 h.
      expect(censoring).toMatchObject({ meanMs: plain.meanMs, minMs: h(1), maxMs: h(11), medianMs: h(3) });
      expect(censoring.p90Ms).toBe(h(11));
      expect(plain.p90Ms).toBeCloseTo(h(9.4), 3);
      expect(censoring.definition).toContain(';open=censor(km-step);');
    });

    it('give the median of one resolved after 1 h and one open at 10 h as 1 h', () => {
      const stats = durationStats([resolvedAfter(1), openFor(10, now)], { ...metric, open: 'censor' });
      expect(stats).toMatchObject({
        count: 2,
        open: 1,
        medianMs: h(1),
        minMs: h(1),
        maxMs: null,
        p90Ms: null,
      });
    });

    it('need now for censor and now', () => {
      expectInvalid(() => durationStats(incidents, { ...mttrMetric, open: 'censor' }), 'options.now');
      expectInvalid(() => durationStats(incidents, { ...mttrMetric, open: 'now' }), 'options.now');
    });

    it('give null figures when every incident is still open', () => {
      const stats = durationStats([openFor(1, now), openFor(2, now)], { ...metric, open: 'censor' });
      expect(stats).toMatchObject({ count: 2, medianMs: null, minMs: null, maxMs: null, meanMs: h(2) });
    });

    it('exclude incidents that started after now', () => {
      const future = metricsIncident({ milestones: { detectedAt: now + h(1) } });
      expect(durationStats([future], { ...metric, open: 'now' })).toMatchObject({
        count: 0,
        excluded: 1,
        open: 1,
      });
    });
  });

  describe('reopened incidents', () => {
    const events: IncidentEventInput[] = [
      { type: 'DECLARE', title: 'Queue backlog', at: at(0), startedAt: at(-5), severity: 'SEV4' },
      { type: 'ACKNOWLEDGE', at: at(1) },
      { type: 'TRIAGE', at: at(2), severity: 'SEV4' },
      { type: 'MITIGATE', at: at(10) },
      { type: 'RESOLVE', at: at(20) },
      { type: 'REOPEN', at: at(50), reason: 'backlog grew again' },
      { type: 'MITIGATE', at: at(55) },
      { type: 'RESOLVE', at: at(70) },
    ];
    const incident = replay(events);
    const minutes = (stats: { medianMs: number | null }) => (stats.medianMs ?? Number.NaN) / MS_MINUTE;

    it('measure to the first resolution, the last, or the summed unresolved time', () => {
      expect(minutes(durationStats([incident], { ...mttrMetric, reopened: 'first' }))).toBe(25);
      expect(minutes(durationStats([incident], { ...mttrMetric, reopened: 'last' }))).toBe(75);
      // −5 → 20, then 50 → 70: the half hour it looked fixed does not count.
      expect(minutes(durationStats([incident], { ...mttrMetric, reopened: 'active-time' }))).toBe(45);
    });

    it('restart a cycle at the milestone again when the REOPEN cleared it too', () => {
      const metric = { id: 'fix', from: 'mitigatedAt', to: 'resolvedAt' } as const;
      expect(minutes(durationStats([incident], { ...metric, reopened: 'active-time' }))).toBe(25);
      expect(minutes(durationStats([incident], { ...metric, reopened: 'first' }))).toBe(10);
      expect(minutes(durationStats([incident], { ...metric, reopened: 'last' }))).toBe(15);
    });

    it('know the first resolution even while reopened, and censor the active time at now', () => {
      const open = replay(events.slice(0, 6));
      const now = at(100);
      expect(minutes(durationStats([open], { ...mttrMetric, reopened: 'first' }))).toBe(25);
      const active = durationStats([open], { ...mttrMetric, reopened: 'active-time', open: 'now', now });
      expect(minutes(active)).toBe(25 + 50);
      expect(active.definition).toBe(
        'mttr[impactStart→resolvedAt;mean,p50,p90,p95;open=now;reopen=active-time;wall]',
      );
    });

    it('ignore reopens for milestones a REOPEN does not clear', () => {
      const ack = { id: 'ack', from: 'detectedAt', to: 'acknowledgedAt' } as const;
      expect(minutes(durationStats([incident], { ...ack, reopened: 'active-time' }))).toBe(1);
    });

    it('reject malformed reopen records', () => {
      const broken = { ...incident, reopens: [{ at: 'later', previous: {} }] } as unknown as Incident;
      expectInvalid(
        () => durationStats([broken], { ...mttrMetric, reopened: 'active-time' }),
        'incidents[0].reopens[0].at',
      );
      const noPrevious = { ...incident, reopens: [{ at: at(50), previous: 3 }] } as unknown as Incident;
      expectInvalid(
        () => durationStats([noPrevious], { ...mttrMetric, reopened: 'first' }),
        'incidents[0].reopens[0].previous',
      );
    });
  });

  describe('business hours', () => {
    const berlin = defineDurationMetric({
      id: 'mttr-bh',
      from: 'impactStart',
      to: 'resolvedAt',
      clock: { timeZone: 'Europe/Berlin' },
    });

    it('count only working time, across the spring-forward weekend', () => {
      // Friday 27 March 2026 16:00 CET → Monday 30 March 10:00 CEST: 65 h of wall time.
      const incident = metricsIncident({
        milestones: {
          detectedAt: Date.parse('2026-03-27T15:00:00Z'),
          resolvedAt: Date.parse('2026-03-30T08:00:00Z'),
        },
      });
      expect(mttr([incident]).medianMs).toBe(h(65));
      expect(durationStats([incident], berlin).medianMs).toBe(h(2));
      expect(berlin.stamp).toBe(
        'mttr-bh[impactStart→resolvedAt;mean,p50,p90,p95;open=exclude;reopen=last;business(Europe/Berlin,Mon+Tue+Wed+Thu+Fri,09:00-17:00)]',
      );
    });

    it('follow the local day through the autumn change', () => {
      // Sunday 25 October 2026 is 25 h long in Berlin; Monday 09:00 CET is 08:00Z.
      const incident = metricsIncident({
        milestones: {
          detectedAt: Date.parse('2026-10-24T12:00:00Z'),
          resolvedAt: Date.parse('2026-10-26T08:30:00Z'),
        },
      });
      expect(durationStats([incident], berlin).medianMs).toBe(30 * MS_MINUTE);
    });

    it('use custom days and hours', () => {
      const weekend = defineDurationMetric({
        id: 'weekend',
        from: 'detectedAt',
        to: 'resolvedAt',
        clock: { timeZone: 'UTC', days: [6, 0], start: '10:00', end: '24:00' },
      });
      const incident = metricsIncident({
        milestones: {
          detectedAt: Date.parse('2026-03-27T12:00:00Z'),
          resolvedAt: Date.parse('2026-03-30T12:00:00Z'),
        },
      });
      expect(durationStats([incident], weekend).medianMs).toBe(h(28));
      expect(weekend.stamp).toContain('business(UTC,Sun+Sat,10:00-24:00)');
    });

    it('count open incidents up to now on the same clock', () => {
      // Detected Monday 18:00 CEST, after hours; now is Tuesday 12:00 CEST: 09:00–12:00 counts.
      const now = Date.parse('2026-03-31T10:00:00Z');
      const incident = metricsIncident({ milestones: { detectedAt: Date.parse('2026-03-30T16:00:00Z') } });
      expect(durationStats([incident], { ...berlin, open: 'now', now }).medianMs).toBe(h(3));
    });
  });

  it('rejects bad definitions with the path of the field', () => {
    expectInvalid(() => durationStats([], undefined as never), 'options.from');
    expectInvalid(() => durationStats([], { from: 'startedAt', to: 'fixedAt' } as never), 'options.to');
    expectInvalid(() => durationStats([], { from: 'detectedAt', to: 'detectedAt' }), 'options.to');
    expectInvalid(
      () => durationStats([], { from: 'detectedAt', to: 'resolvedAt', aggregate: ['p101'] } as never),
      'options.aggregate',
    );
    expectInvalid(
      () => durationStats([], { from: 'detectedAt', to: 'resolvedAt', aggregate: [] }),
      'options.aggregate',
    );
    expectInvalid(
      () => durationStats([], { from: 'detectedAt', to: 'resolvedAt', open: 'drop' } as never),
      'options.open',
    );
    expectInvalid(
      () => durationStats([], { from: 'detectedAt', to: 'resolvedAt', reopened: 'all' } as never),
      'options.reopened',
    );
    expectInvalid(() => durationStats([], { from: 'detectedAt', to: 'resolvedAt', id: '1st' }), 'options.id');
    expectInvalid(
      () => durationStats([], { from: 'detectedAt', to: 'resolvedAt', clock: 'business' } as never),
      'options.clock',
    );
    expectInvalid(
      () => durationStats([], { from: 'detectedAt', to: 'resolvedAt', clock: { timeZone: 'Mars/Olympus' } }),
      'options.clock.timeZone',
    );
    expectInvalid(
      () =>
        durationStats([], {
          from: 'detectedAt',
          to: 'resolvedAt',
          clock: { timeZone: 'UTC', start: '18:00', end: '09:00' },
        }),
      'options.clock.end',
    );
    expectInvalid(
      () =>
        durationStats([], { from: 'detectedAt', to: 'resolvedAt', clock: { timeZone: 'UTC', days: [7] } }),
      'options.clock.days',
    );
    expectInvalid(
      () => durationStats([], { from: 'detectedAt', to: 'resolvedAt', since: '2026-01-01' }),
      'options.since',
      /no offset/,
    );
  });
});

describe('defineDurationMetric', () => {
  it('returns plain data with a stamp, and reads back its own output', () => {
    const metric = defineDurationMetric({
      id: 'mttr',
      from: 'impactStart',
      to: 'resolvedAt',
      aggregate: ['mean', 'median', 'p90'],
      open: 'censor',
      reopened: 'last',
    });
    expect(metric).toEqual({
      id: 'mttr',
      from: 'impactStart',
      to: 'resolvedAt',
      aggregate: ['mean', 'p50', 'p90'],
      open: 'censor',
      reopened: 'last',
      clock: 'wall',
      stamp: 'mttr[impactStart→resolvedAt;mean,p50,p90;open=censor(km-step);reopen=last;wall]',
    });
    expect(defineDurationMetric(JSON.parse(JSON.stringify(metric)))).toEqual(metric);
  });

  it('recomputes a stamp that does not match', () => {
    expect(defineDurationMetric({ ...mttrMetric, open: 'now', stamp: 'forged' } as never).stamp).toContain(
      'open=now',
    );
  });

  it('needs an id and rejects unknown fields', () => {
    expectInvalid(() => defineDurationMetric({ from: 'detectedAt', to: 'resolvedAt' } as never), 'metric.id');
    expectInvalid(() => defineDurationMetric({ ...mttrMetric, reopen: 'first' } as never), 'metric.reopen');
  });
});
