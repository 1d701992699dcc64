import { describe, expect, it } from 'vitest';
import { replay } from '../../src/lifecycle/index.js';
import {
  defineDurationMetric,
  mtta,
  mttaMetric,
  mttd,
  mttdMetric,
  mttm,
  mttmMetric,
  mttr,
  mttrMetric,
} from '../../src/metrics/index.js';
import type { Incident } from '../../src/model/index.js';
import { expectInvalid, METRICS_T0, MS_HOUR, MS_MINUTE, metricsIncident } from './helpers.js';

const at = (minutes: number) => METRICS_T0 + minutes * MS_MINUTE;

/** An incident with impact starting at `start` minutes and the given milestones (minutes). */
function incident(minutes: Record<string, number>, extra: Partial<Incident> = {}): Incident {
  const milestones = Object.fromEntries(Object.entries(minutes).map(([k, v]) => [k, at(v)]));
  return metricsIncident({ milestones: milestones as Incident['milestones'], ...extra });
}

describe('the named duration metrics', () => {
  const incidents = [
    incident({ startedAt: -10, detectedAt: 0, acknowledgedAt: 5, mitigatedAt: 30, resolvedAt: 60 }),
    incident({ startedAt: -20, detectedAt: 0, acknowledgedAt: 1, mitigatedAt: 10, resolvedAt: 100 }),
    incident({ detectedAt: 0, acknowledgedAt: 3 }, { phase: 'mitigate' }),
  ];

  it('measure between the milestones their definitions name', () => {
    expect(mttd(incidents)).toMatchObject({ count: 2, excluded: 1, meanMs: 15 * MS_MINUTE });
    expect(mtta(incidents)).toMatchObject({ count: 3, excluded: 0, medianMs: 3 * MS_MINUTE });
    expect(mttm(incidents)).toMatchObject({ count: 2, meanMs: 35 * MS_MINUTE, minMs: 30 * MS_MINUTE });
    expect(mttr(incidents)).toMatchObject({ count: 2, meanMs: 95 * MS_MINUTE, maxMs: 120 * MS_MINUTE });
  });

  it('start impact at detection when startedAt is unknown', () => {
    const stats = mttr([incident({ detectedAt: 0, resolvedAt: 45 })]);
    expect(stats.medianMs).toBe(45 * MS_MINUTE);
  });

  it('count incidents missing a milestone as excluded, never as 0, and say how many were open', () => {
    const stats = mttr(incidents);
    expect(stats).toMatchObject({ count: 2, excluded: 1, open: 1 });
    expect(stats.minMs).toBe(70 * MS_MINUTE);
    // An incident without startedAt is excluded from MTTD rather than given a detection time of 0.
    expect(mttd([incident({ detectedAt: 0 })])).toMatchObject({
      count: 0,
      excluded: 1,
      open: 0,
      meanMs: null,
    });
  });

  it('interpolate percentiles between the closest ranks at h = (n − 1)·p', () => {
    const list = [10, 20, 30, 40].map((m) => incident({ detectedAt: 0, resolvedAt: m }));
    const stats = mttr(list);
    // h = 1.5 for the median: 20 + 0.5 · 10; p90: h = 2.7 → 30 + 0.7 · 10; p95: h = 2.85.
    expect(stats.medianMs).toBe(25 * MS_MINUTE);
    expect(stats.p90Ms).toBeCloseTo(37 * MS_MINUTE, 6);
    expect(stats.p95Ms).toBeCloseTo(38.5 * MS_MINUTE, 6);
    expect(stats.aggregates).toEqual({
      mean: stats.meanMs,
      p50: stats.medianMs,
      p90: stats.p90Ms,
      p95: stats.p95Ms,
    });
  });

  it('return null figures and a low-sample flag when nothing is counted', () => {
    expect(mttr([])).toEqual({
      count: 0,
      excluded: 0,
      open: 0,
      invalid: 0,
      invalidIds: [],
      meanMs: null,
      medianMs: null,
      p90Ms: null,
      p95Ms: null,
      minMs: null,
      maxMs: null,
      aggregates: { mean: null, p50: null, p90: null, p95: null },
      lowSample: true,
      definition: mttrMetric.stamp,
    });
    const ten = Array.from({ length: 10 }, (_, k) => incident({ detectedAt: 0, resolvedAt: k }));
    expect(mttr(ten).lowSample).toBe(false);
    expect(mttr(ten.slice(1)).lowSample).toBe(true);
  });

  it('stamp every result with the definition', () => {
    expect(mttr([]).definition).toBe(
      'mttr[impactStart→resolvedAt;mean,p50,p90,p95;open=exclude;reopen=last;wall]',
    );
    expect(mttd([]).definition).toBe(mttdMetric.stamp);
    expect(mtta([]).definition).toBe(mttaMetric.stamp);
    expect(mttm([]).definition).toBe(mttmMetric.stamp);
  });

  it('are predefined definitions, equal to what defineDurationMetric makes of them', () => {
    for (const metric of [mttdMetric, mttaMetric, mttmMetric, mttrMetric]) {
      expect(defineDurationMetric(metric)).toEqual(metric);
      expect(JSON.parse(JSON.stringify(metric))).toEqual(metric);
    }
  });

  it('leave drills and cancelled incidents out, unless asked', () => {
    const drill = incident({ detectedAt: 0, resolvedAt: 10 }, { drill: true });
    const cancelled = incident({ detectedAt: 0, acknowledgedAt: 2, cancelledAt: 3 }, { phase: 'cancelled' });
    expect(mttr([drill]).count).toBe(0);
    expect(mttr([drill], { includeDrills: true }).count).toBe(1);
    expect(mtta([cancelled]).count).toBe(0);
    expect(mtta([cancelled], { includeCancelled: true }).count).toBe(1);
    // A cancelled incident never resolves: it is excluded, not open.
    expect(mttr([cancelled], { includeCancelled: true })).toMatchObject({ count: 0, excluded: 1, open: 0 });
  });

  it('measure to the last resolution of a reopened incident', () => {
    const events = [
      { type: 'DECLARE', title: 'Queue backlog', at: at(0), startedAt: at(-5), severity: 'SEV4' },
      { type: 'ACKNOWLEDGE', at: at(1) },
      { type: 'TRIAGE', at: at(2), severity: 'SEV4' },
      { type: 'MITIGATE', at: at(10) },
      { type: 'RESOLVE', at: at(20) },
      { type: 'REOPEN', at: at(50), reason: 'backlog grew again' },
      { type: 'MITIGATE', at: at(55) },
      { type: 'RESOLVE', at: at(70) },
    ] as const;
    const reopened = replay(events as never);
    expect(reopened.reopens[0]?.previous.resolvedAt).toBe(at(20));
    expect(mttr([reopened]).medianMs).toBe(75 * MS_MINUTE);
    // While reopened and unresolved, the last resolution is yet to come: open, excluded.
    const open = replay(events.slice(0, 6) as never);
    expect(mttr([open])).toMatchObject({ count: 0, excluded: 1, open: 1 });
  });

  it('take Incident objects straight from the lifecycle', () => {
    const declared = replay([
      { type: 'DECLARE', title: 'DB failover', at: at(0), severity: 'SEV4', source: 'monitoring' },
      { type: 'ACKNOWLEDGE', at: at(4) },
    ] as never);
    expect(mtta([declared]).medianMs).toBe(4 * MS_MINUTE);
    // DECLARE without startedAt records impact from detection.
    expect(mttd([declared]).medianMs).toBe(0);
  });

  it('accept the filters, and reject options they do not know', () => {
    const sev1 = incident({ detectedAt: 0, resolvedAt: 10 }, { severity: 'SEV1' });
    expect(mttr([sev1, incident({ detectedAt: 0, resolvedAt: 99 })], { severity: 'SEV1' }).count).toBe(1);
    expectInvalid(() => mttr([], { open: 'censor' } as never), 'options.open', /one of since,until/);
    expectInvalid(() => mttr([], { severities: ['SEV1'] } as never), 'options.severities');
    expectInvalid(() => mttr([], 'fast' as never), 'options');
    expectInvalid(() => mttr({} as never), 'incidents');
  });

  it('reject malformed incidents with the path of the bad field', () => {
    expectInvalid(() => mttr([null] as never), 'incidents[0].milestones');
    expectInvalid(() => mttr([{ milestones: 5 }] as never), 'incidents[0].milestones');
    expectInvalid(() => mttr([{ milestones: {} }] as never), 'incidents[0].milestones.detectedAt');
    expectInvalid(
      () => mttr([incident({ detectedAt: 0 }), { milestones: { detectedAt: 0, resolvedAt: '1h' } }] as never),
      'incidents[1].milestones.resolvedAt',
    );
    expectInvalid(
      () => mttr([{ milestones: { detectedAt: 0, resolvedAt: Number.NaN } }] as never),
      'incidents[0].milestones.resolvedAt',
    );
  });

  it('never mutate their input', () => {
    const list = [incident({ detectedAt: 0, resolvedAt: 3 }), incident({ detectedAt: 0, resolvedAt: 1 })];
    const copy = structuredClone(list);
    mttr(list);
    expect(list).toEqual(copy);
  });

  it('work on incident facts lighter than an Incident', () => {
    const facts = [
      { milestones: { detectedAt: 0, resolvedAt: MS_HOUR } },
      { milestones: { detectedAt: 0, resolvedAt: 3 * MS_HOUR } },
    ];
    expect(mttr(facts).meanMs).toBe(2 * MS_HOUR);
  });
});
