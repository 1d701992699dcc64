import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classify,
  compareSeverity,
  defaultSeverityPolicy,
  defineSeverityPolicy,
  type Impact,
  isImpactUnknown,
} from '../../src/index.js';
import { impactArb, RUNS } from '../arbitraries.js';

const FLAGS = ['customerFacing', 'coreFunctionalityDown', 'degraded', 'dataLoss', 'securityBreach'] as const;

/** An impact and a "worse" one: flags only turn on, figures only rise, regions only grow. */
const worseningArb = fc
  .tuple(
    impactArb,
    fc.record({
      flags: fc.subarray([...FLAGS]),
      usersUp: fc.double({ min: 0, max: 100, noNaN: true }),
      revenueUp: fc.integer({ min: 0, max: 1_000_000 }),
      moreRegions: fc.subarray(['eu-west-1', 'us-east-1', 'ap-south-1']),
    }),
  )
  .map(([base, more]) => {
    const worse: Impact = { ...base };
    for (const flag of more.flags) worse[flag] = true;
    if (base.usersAffectedPct !== undefined || more.usersUp > 50)
      worse.usersAffectedPct = Math.min(100, (base.usersAffectedPct ?? 0) + more.usersUp);
    if (base.revenueImpact !== undefined) worse.revenueImpact = base.revenueImpact + more.revenueUp;
    if (more.moreRegions.length > 0)
      worse.regions = [...new Set([...(base.regions ?? []), ...more.moreRegions])];
    return [base, worse] as const;
  });

describe('classify properties', () => {
  it('is monotone under the default policy: more impact never classifies less severe', () => {
    fc.assert(
      fc.property(worseningArb, ([base, worse]) => {
        fc.pre(!isImpactUnknown(base));
        const a = classify(defaultSeverityPolicy, base).severity;
        const b = classify(defaultSeverityPolicy, worse).severity;
        expect(compareSeverity(b, a)).toBeLessThanOrEqual(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('is monotone for any policy built from eq true, gt, gte and in (the ones marked monotone)', () => {
    const leafArb = fc.oneof(
      fc.constantFrom(...FLAGS).map((field) => ({ field, eq: true as const })),
      fc.record({
        field: fc.constantFrom('usersAffectedPct', 'revenueImpact'),
        gte: fc.integer({ min: 0, max: 100 }),
      }),
      fc.record({
        field: fc.constantFrom('usersAffectedPct', 'revenueImpact'),
        gt: fc.integer({ min: 0, max: 100 }),
      }),
      fc.record({
        field: fc.constant('regions'),
        in: fc.subarray(['eu-west-1', 'us-east-1'], { minLength: 1 }),
      }),
    );
    const whenArb = fc.oneof(
      leafArb,
      fc.array(leafArb, { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
      fc.array(leafArb, { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    );
    const policyArb = fc
      .array(fc.record({ severity: fc.constantFrom('SEV1', 'SEV2', 'SEV3'), when: whenArb }), {
        maxLength: 6,
      })
      .map((rules) => defineSeverityPolicy({ rules: rules.map((r, i) => ({ id: `r${i}`, ...r })) }));
    fc.assert(
      fc.property(policyArb, worseningArb, (policy, [base, worse]) => {
        fc.pre(!isImpactUnknown(base));
        expect(policy.monotone).toBe(true);
        expect(
          compareSeverity(classify(policy, worse).severity, classify(policy, base).severity),
        ).toBeLessThanOrEqual(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('always explains itself: the winning severity is the most severe matched rule, or the default', () => {
    fc.assert(
      fc.property(impactArb, (impact) => {
        const result = classify(undefined, impact);
        expect(result.reasons.length).toBeGreaterThan(0);
        const ranks = result.matched.map(
          (id) => defaultSeverityPolicy.rules.find((r) => r.id === id)!.severity,
        );
        if (ranks.length > 0)
          expect(result.severity).toBe([...ranks].sort((a, b) => compareSeverity(a, b))[0]);
        else expect(result.severity).toBe(isImpactUnknown(impact) ? 'SEV2' : 'SEV4');
      }),
      { numRuns: RUNS },
    );
  });
});
