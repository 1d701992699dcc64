import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kaplanMeier } from '../../src/metrics/engine/kaplan-meier.js';
import { quantilesInPlace, selectInPlace } from '../../src/metrics/engine/select.js';

const sorted = (values: readonly number[]) => Float64Array.from(values).sort();

describe('selectInPlace', () => {
  it('puts the k-th smallest at k with nothing larger before and nothing smaller after', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 300 }),
        fc.nat(),
        (values, pick) => {
          const a = Float64Array.from(values);
          const k = pick % a.length;
          selectInPlace(a, 0, a.length - 1, k);
          expect(a[k]).toBe(sorted(values)[k]);
          for (let j = 0; j < k; j++) expect(a[j]!).toBeLessThanOrEqual(a[k]!);
          for (let j = k + 1; j < a.length; j++) expect(a[j]!).toBeGreaterThanOrEqual(a[k]!);
          expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from(sorted(values)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stays fast on inputs that defeat a naive pivot (sorted, reversed, organ pipe, all equal)', () => {
    const n = 200_000;
    const shapes = [
      Float64Array.from({ length: n }, (_, i) => i),
      Float64Array.from({ length: n }, (_, i) => n - i),
      Float64Array.from({ length: n }, (_, i) => Math.min(i, n - i)),
      new Float64Array(n).fill(7),
      Float64Array.from({ length: n }, (_, i) => i % 3),
    ];
    for (const a of shapes) {
      const expected = sorted(Array.from(a));
      const q = quantilesInPlace(a, [0.5, 0.9, 0.95]);
      expect(q[0]).toBe(
        expected[Math.floor((n - 1) * 0.5)]! +
          ((n - 1) * 0.5 - Math.floor((n - 1) * 0.5)) *
            (expected[Math.floor((n - 1) * 0.5) + 1]! - expected[Math.floor((n - 1) * 0.5)]!),
      );
    }
  });
});

describe('kaplanMeier', () => {
  it('takes, with nothing censored, the smallest value with at most 1 − p still above it (no midpoints)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 60 }), (values) => {
        const ps = [0, 0.25, 0.5, 0.9, 0.95, 1];
        const sorted = [...values].sort((a, b) => a - b);
        const n = values.length;
        const km = kaplanMeier(Float64Array.from(values), new Float64Array(0), ps);
        // S after the k-th smallest is (n − k)/n: the first k with (n − k)/n ≤ 1 − p, i.e. k ≥ n·p.
        expect(km.quantiles).toEqual(ps.map((p) => sorted[Math.max(0, Math.ceil(n * p - 1e-9) - 1)]));
        expect(km.mean).toBeCloseTo(values.reduce((s, v) => s + v, 0) / values.length, 6);
      }),
      { numRuns: 300 },
    );
  });

  it('reaches no percentile the curve never falls to, and counts the rest at the longest observation', () => {
    const km = kaplanMeier(Float64Array.from([1]), Float64Array.from([5, 6, 7]), [0, 0.25, 0.5]);
    expect(km.quantiles).toEqual([1, 1, null]);
    // Mass 1/4 at 1, the rest at the longest observation: a lower bound of the mean.
    expect(km.mean).toBeCloseTo(0.25 + 0.75 * 7, 12);
  });

  it('gives the median of one resolved after 1 h and one still open at 10 h as 1 h', () => {
    expect(kaplanMeier(Float64Array.from([1]), Float64Array.from([10]), [0.5]).quantiles).toEqual([1]);
  });

  it('keeps an incident censored at a completion time at risk at that time', () => {
    const km = kaplanMeier(Float64Array.from([1, 2]), Float64Array.from([2]), [0.5, 0.6, 1]);
    // Two are at risk at t = 2 (the completed one and the censored one): S(1) = 2/3,
    // S(2) = 2/3 · 1/2 = 1/3, so the median is 2, and S never reaches 0.
    expect(km.quantiles).toEqual([2, 2, null]);
  });
});
