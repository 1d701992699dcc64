import type { DurationStats } from './engine/duration-core.js';
import { quantilesInPlace } from './engine/select.js';
import {
  fail,
  guarded,
  isObject,
  need,
  readList,
  readNumber,
  readOptions,
  readTyped,
} from './engine/validate.js';

/**
 * Which way a metric is going. `insufficient-data` below two values.
 *
 * @example
 * ```ts
 * import type { TrendDirection } from 'incidentkit/metrics';
 * const direction: TrendDirection = 'improving';
 * ```
 */
export type TrendDirection = 'improving' | 'worsening' | 'flat' | 'insufficient-data';

/**
 * Options of {@link trend}: whether lower is better (true by default: durations, incident counts)
 * and the relative change still called `flat` (0.05 = 5 % by default).
 *
 * @example
 * ```ts
 * import type { TrendOptions } from 'incidentkit/metrics';
 * const automationShare: TrendOptions = { lowerIsBetter: false, tolerance: 0.02 };
 * ```
 */
export interface TrendOptions {
  lowerIsBetter?: boolean | undefined;
  tolerance?: number | undefined;
}

/**
 * The result of {@link trend}. `slopePerPeriod` is the Theil–Sen slope (the median of the slopes
 * between every pair of values, so one terrible month does not swing it); `relativeChange` is that
 * slope over the series' span relative to where the fitted line starts (−0.2: down 20 % over the
 * series; `[60, 30]` gives −0.5); `last`,
 * `previous`, `change` and `changeRatio` compare the last two values (period over period);
 * `definition` is the stamp shared by duration results (`null` for plain numbers).
 *
 * @example
 * ```ts
 * import { trend } from 'incidentkit/metrics';
 * trend([5, 4, 3]).direction; // 'improving'
 * ```
 */
export interface TrendSummary {
  readonly slopePerPeriod: number | null;
  readonly relativeChange: number | null;
  readonly direction: TrendDirection;
  readonly last: number | null;
  readonly previous: number | null;
  readonly change: number | null;
  readonly changeRatio: number | null;
  readonly definition: string | null;
}

function median(values: Float64Array): number {
  return quantilesInPlace(values, [0.5])[0]!;
}

/**
 * Is a metric getting better? Takes one value per period, oldest first — numbers, or duration
 * results (their median) — with `null` for a period without data (it keeps its
 * place), and fits a robust Theil–Sen slope. The direction says `improving` when the fitted change
 * over the series is down by more than `tolerance` of the series' median (where lower is better),
 * `worsening` when up, `flat` otherwise. Two values compare period over period. Duration results
 * must share one definition stamp (`INVALID_INPUT` otherwise): a median that excluded open
 * incidents and one that censored them are different numbers, and comparing them says nothing.
 *
 * @example
 * ```ts
 * import { mttr, trend } from 'incidentkit/metrics';
 * const hour = 3_600_000;
 * // Median MTTR per month; March had no incidents.
 * const t = trend([6 * hour, 5 * hour, null, 4 * hour, 3.5 * hour]);
 * t.direction; // 'improving'
 * (t.slopePerPeriod ?? 0) / hour; // -0.5625 (h per month)
 * t.changeRatio; // -0.125 (April → May)
 *
 * // Quarter over quarter, from duration results.
 * const q3 = mttr([{ milestones: { detectedAt: 0, resolvedAt: 4 * hour } }]);
 * const q4 = mttr([{ milestones: { detectedAt: 0, resolvedAt: 3 * hour } }]);
 * trend([q3, q4]).changeRatio; // -0.25
 * ```
 */
export function trend(
  series: readonly (number | DurationStats | null | undefined)[],
  options?: TrendOptions,
): TrendSummary {
  return guarded(
    () => fitTrend(series, options),
    () => 'series',
  );
}

function fitTrend(series: unknown, options: unknown): TrendSummary {
  const o = readOptions(options, 'options', ['lowerIsBetter', 'tolerance']);
  const lowerIsBetter = readTyped<boolean>(o, 'lowerIsBetter', 'options', 'boolean') ?? true;
  const tolerance = readNumber(o, 'tolerance', 'options', 0, 1e6) ?? 0.05;
  const values = readList(series, 'series', 2_000);
  let definition: string | null = null;
  const xs: number[] = [];
  const ys: number[] = [];
  values.forEach((entry, x) => {
    let y: unknown = entry;
    if (isObject(entry)) {
      need(
        typeof entry.definition === 'string' && (definition ?? entry.definition) === entry.definition,
        `series[${x}].definition`,
        `the definition ${definition} (others are not comparable)`,
      );
      definition = entry.definition as string;
      y = entry.medianMs;
    }
    if (y === null || y === undefined) return;
    // Bounded, so slopes and changes stay finite: ±1e308 would print Infinity.
    if (typeof y !== 'number' || !(Math.abs(y) <= Number.MAX_SAFE_INTEGER))
      fail(`series[${x}]`, 'a number of at most 2^53 in size');
    xs.push(x);
    ys.push(y as number);
  });
  const n = ys.length;
  const last = ys[n - 1] ?? null;
  const previous = ys[n - 2] ?? null;
  const change = n > 1 ? last! - previous! : null;
  let slope: number | null = null;
  let relativeChange: number | null = null;
  if (n > 1) {
    const slopes = new Float64Array((n * (n - 1)) / 2);
    let k = 0;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) slopes[k++] = (ys[j]! - ys[i]!) / (xs[j]! - xs[i]!);
    slope = median(slopes);
    // Relative to where the fitted line starts (its Theil–Sen intercept at the first period), so
    // 3.5 → 1 reads −71 % and a halving −50 %; a change from a level of 0 is ±Infinity, none is 0.
    const fitted = slope * (xs[n - 1]! - xs[0]!);
    const residuals = new Float64Array(n);
    for (let i = 0; i < n; i++) residuals[i] = ys[i]! - slope * xs[i]!;
    const start = median(residuals) + slope * xs[0]!;
    relativeChange = fitted && fitted / Math.abs(start);
  }
  return {
    slopePerPeriod: slope,
    relativeChange,
    direction:
      relativeChange === null
        ? 'insufficient-data'
        : Math.abs(relativeChange) <= tolerance
          ? 'flat'
          : relativeChange < 0 === lowerIsBetter
            ? 'improving'
            : 'worsening',
    last,
    previous,
    change,
    changeRatio: change === null || previous === 0 ? null : change / Math.abs(previous!),
    definition,
  };
}
