import { describe, expect, it } from 'vitest';
import { replay } from '../../src/lifecycle/index.js';
import { postmortemCoverage } from '../../src/metrics/index.js';
import type { Incident } from '../../src/model/index.js';
import { defaultSeverityPolicy, defineSeverityPolicy } from '../../src/severity/index.js';
import { expectInvalid, MS_HOUR, metricsIncident } from './helpers.js';

function resolved(id: string, severity: string | undefined, publishedAfterHours?: number): Incident {
  return metricsIncident({
    id,
    phase: 'review',
    milestones: { detectedAt: 0, resolvedAt: MS_HOUR },
    ...(severity === undefined ? {} : { severity }),
    ...(publishedAfterHours === undefined
      ? {}
      : { postmortem: { publishedAt: MS_HOUR + publishedAfterHours * MS_HOUR } }),
  });
}

describe('postmortemCoverage', () => {
  it('covers resolved incidents whose severity requires a postmortem, by the default policy', () => {
    const incidents = [
      resolved('INC-1', 'SEV1', 30), // due in 48 h: on time
      resolved('INC-2', 'SEV1', 60), // late
      resolved('INC-3', 'SEV2'), // due in 72 h: overdue at 100 h
      resolved('INC-4', 'SEV3'), // not required
      resolved('INC-5', undefined), // uncertain → SEV2: required, not yet due at 50 h…
    ];
    expect(postmortemCoverage(incidents, { policy: defaultSeverityPolicy, now: 100 * MS_HOUR })).toEqual({
      required: 4,
      published: 2,
      publishedOnTime: 1,
      overdue: 2,
      coverage: 0.5,
      onTimeRate: 0.25,
      missing: ['INC-3', 'INC-5'],
    });
    expect(postmortemCoverage(incidents, { policy: defaultSeverityPolicy, now: 50 * MS_HOUR }).overdue).toBe(
      0,
    );
    expect(postmortemCoverage(incidents, { policy: defaultSeverityPolicy }).overdue).toBeNull();
  });

  it('takes any policy-shaped plain data, e.g. a custom policy read from JSON', () => {
    const policy = JSON.parse(
      JSON.stringify(defineSeverityPolicy({ requirements: { SEV3: { postmortemRequired: true } } })),
    );
    const result = postmortemCoverage([resolved('INC-9', 'SEV3', 500)], { policy });
    // No due window for SEV3: any published postmortem is on time.
    expect(result).toMatchObject({ required: 1, published: 1, publishedOnTime: 1 });
  });

  it('leaves unresolved incidents out: nobody owes a postmortem yet', () => {
    const open = metricsIncident({ severity: 'SEV1', milestones: { detectedAt: 0 } });
    expect(postmortemCoverage([open], { policy: defaultSeverityPolicy }).required).toBe(0);
  });

  it('runs the due window from the first resolution of a reopened incident', () => {
    const h = (n: number) => n * MS_HOUR;
    const incident = replay([
      { type: 'DECLARE', title: 'Payments down', at: 0, severity: 'SEV4' },
      { type: 'ACKNOWLEDGE', at: h(0.1) },
      { type: 'TRIAGE', at: h(0.2), severity: 'SEV4' },
      { type: 'MITIGATE', at: h(1) },
      { type: 'RESOLVE', at: h(2) },
      { type: 'PUBLISH_POSTMORTEM', at: h(40) },
      { type: 'REOPEN', at: h(45), reason: 'errors again' },
      { type: 'MITIGATE', at: h(46) },
      { type: 'RESOLVE', at: h(100) },
    ]);
    const policy = { requirements: { SEV4: { postmortemRequired: true, postmortemDueHours: 48 } } };
    expect(postmortemCoverage([incident], { policy, now: h(200) })).toMatchObject({
      published: 1,
      publishedOnTime: 1,
    });
  });

  it('needs a policy with requirements', () => {
    expectInvalid(() => postmortemCoverage([], {} as never), 'options.policy');
    expectInvalid(() => postmortemCoverage([], { policy: { requirements: 3 } } as never), 'options.policy');
    expectInvalid(
      () =>
        postmortemCoverage([resolved('x', 'SEV1')], {
          policy: { requirements: { SEV1: { postmortemRequired: true, postmortemDueHours: -1 } } },
        }),
      'options.policy.requirements.SEV1.postmortemDueHours',
    );
  });
});
