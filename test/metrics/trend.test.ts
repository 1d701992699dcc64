import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { durationStats, mttr, mttrMetric, trend } from '../../src/metrics/index.js';
import { expectInvalid, MS_HOUR, metricsIncident } from './helpers.js';

const resolvedAfter = (hours: number) =>
  metricsIncident({ milestones: { detectedAt: 0, resolvedAt: hours * MS_HOUR } });

describe('trend', () => {
  it('gives relativeChange from where the fitted line starts: a halving is −50 %, never below −100 % for a series that stays positive', () => {
    expect(trend([60, 30]).relativeChange).toBeCloseTo(-0.5, 12);
    expect(trend([3.5, 1]).relativeChange).toBeCloseTo(-2.5 / 3.5, 12);
    expect(trend([5, 5, 5]).relativeChange).toBe(0);
    expect(trend([0, 5]).relativeChange).toBe(Number.POSITIVE_INFINITY);
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.integer({ min: 2, max: 20 }),
        (start, perPeriod, n) => {
          // A straight line that stays positive: the fit is exact, the change is the line's.
          const step = (perPeriod * start) / n;
          const ys = Array.from({ length: n }, (_, i) => start + step * i);
          const expected = (step * (n - 1)) / start;
          expect(trend(ys).relativeChange).toBeCloseTo(expected, 9);
          expect(trend(ys).relativeChange!).toBeGreaterThan(-1);
        },
      ),
    );
  });

  it('fits a Theil–Sen slope and says which way a lower-is-better metric goes', () => {
    const t = trend([6, 5, null, 4, 3.5]);
    expect(t.slopePerPeriod).toBeCloseTo(-0.5625, 12);
    expect(t).toMatchObject({
      direction: 'improving',
      last: 3.5,
      previous: 4,
      change: -0.5,
      changeRatio: -0.125,
    });
    expect(trend([1, 2, 3]).direction).toBe('worsening');
    expect(trend([1, 2, 3], { lowerIsBetter: false }).direction).toBe('improving');
  });

  it('calls small changes flat, within the tolerance', () => {
    expect(trend([100, 101, 102]).direction).toBe('flat');
    expect(trend([100, 101, 102], { tolerance: 0.01 }).direction).toBe('worsening');
  });

  it('resists one terrible period, unlike a mean slope', () => {
    expect(trend([10, 9, 8, 100, 7, 6]).direction).toBe('improving');
  });

  it('needs two values', () => {
    expect(trend([]).direction).toBe('insufficient-data');
    expect(trend([null, 5, null])).toMatchObject({
      slopePerPeriod: null,
      direction: 'insufficient-data',
      last: 5,
      change: null,
    });
  });

  it('compares duration results period over period when their definitions match', () => {
    const q3 = mttr([resolvedAfter(4)]);
    const q4 = mttr([resolvedAfter(3)]);
    expect(trend([q3, q4])).toMatchObject({
      change: -MS_HOUR,
      changeRatio: -0.25,
      direction: 'improving',
      definition: q4.definition,
    });
    expect(trend([q3, mttr([])]).direction).toBe('insufficient-data');
  });

  it('refuses to compare figures of different definitions', () => {
    const excluded = mttr([resolvedAfter(4)]);
    const censored = durationStats([resolvedAfter(3)], { ...mttrMetric, open: 'censor', now: 10 * MS_HOUR });
    expectInvalid(() => trend([excluded, censored]), 'series[1].definition', /not comparable/);
  });

  it('rejects what is not a series', () => {
    expectInvalid(() => trend([1, 'two'] as never), 'series[1]');
    expectInvalid(() => trend([1, Number.NaN]), 'series[1]');
    expectInvalid(() => trend('1,2' as never), 'series');
    expectInvalid(() => trend(new Array(2001).fill(1)), 'series');
    expectInvalid(() => trend([1, 2], { tolerance: -1 }), 'options.tolerance');
  });
});
