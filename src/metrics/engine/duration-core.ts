import { DURATION_MILESTONES, type DurationMetricDefinition } from '../duration-metric.js';
import type { DurationMilestone } from '../incident-facts.js';
import { admits, FILTER_KEYS, readIncidentFilter } from './filter.js';
import { BROKEN, fillRow, newRow, noteInvalid, passed } from './milestone-row.js';
import { quantilesInPlace } from './select.js';
import { milestonesOf, readIncidents, readOptions, unreadable } from './validate.js';

// The lean path of the named metrics (mttd … mttr): wall clock, open incidents excluded, current
// milestones. Censoring, reopen policies, business hours and periods live in duration-accumulator.ts,
// so `import { mttr }` carries none of them.

/**
 * The result of a duration metric. `count` durations went into the figures; `excluded` incidents
 * lacked a milestone (or were open under `open: 'exclude'`), and were never counted as 0; `open` of
 * the incidents looked at had not reached the end milestone and still may (one that moved past it
 * without setting it — resolved, never acknowledged, for MTTA — is excluded, not open); `invalid`
 * incidents have milestones that break the monotone chain (resolved before impact start, say) and
 * are in no other figure: not a negative duration, not excluded (`invalidIds` lists up to 100). Figures are in milliseconds and `null`
 * when there is nothing to compute them from (or, with censoring, when the estimate does not reach
 * them yet). `aggregates` holds the definition's own figures by canonical name (`p50`, `p99`, …);
 * `definition` is the metric's stamp: two results are comparable when their stamps are equal.
 *
 * @example
 * ```ts
 * import { mttr } from 'incidentkit/metrics';
 * const stats = mttr([]);
 * stats.count; // 0
 * stats.invalid; // 0
 * stats.medianMs; // null
 * stats.lowSample; // true
 * ```
 */
export interface DurationStats {
  readonly count: number;
  readonly excluded: number;
  readonly open: number;
  readonly invalid: number;
  readonly invalidIds: readonly string[];
  readonly meanMs: number | null;
  readonly medianMs: number | null;
  readonly p90Ms: number | null;
  readonly p95Ms: number | null;
  readonly minMs: number | null;
  readonly maxMs: number | null;
  readonly aggregates: Readonly<Record<string, number | null>>;
  /** Fewer than 10 durations: treat the figures as anecdotes. */
  readonly lowSample: boolean;
  readonly definition: string;
}

/** A predefined metric: wall clock, open incidents excluded, last resolution; mean, p50, p90, p95. */
export function namedMetric(
  id: string,
  from: DurationMilestone,
  to: DurationMilestone,
): DurationMetricDefinition {
  return {
    id,
    from,
    to,
    aggregate: ['mean', 'p50', 'p90', 'p95'],
    open: 'exclude',
    reopened: 'last',
    clock: 'wall',
    stamp: namedStamp(id, from, to),
  };
}

function namedStamp(id: string, from: string, to: string): string {
  return `${id}[${from}→${to};mean,p50,p90,p95;open=exclude;reopen=last;wall]`;
}

/**
 * Runs a predefined metric: durations from `from` to `to` of the incidents the filter options
 * admit, and their mean, median, p90, p95, min and max.
 */
export function runNamed(
  id: string,
  from: DurationMilestone,
  to: DurationMilestone,
  incidents: unknown,
  options: unknown,
): DurationStats {
  let i = -1;
  try {
    const filter = readIncidentFilter(readOptions(options, 'options', FILTER_KEYS), 'options');
    const [list, n] = readIncidents(incidents);
    const fromAt = DURATION_MILESTONES.indexOf(from);
    const toAt = DURATION_MILESTONES.indexOf(to);
    // One number array per call and nothing per incident. (The report's pooled scratch buffers
    // would cost this bundle more bytes than a fresh array costs time.)
    const values = new Float64Array(n);
    const row = newRow();
    const invalidIds: string[] = [];
    let count = 0;
    let excluded = 0;
    let open = 0;
    let invalid = 0;
    for (i = 0; i < n; i++) {
      const incident = list[i]!;
      const m = milestonesOf(incident, i);
      if (!admits(filter, incident, m, i)) continue;
      fillRow(m, i, row);
      const start = row[fromAt]!;
      const end = row[toAt]!;
      // NaN (absent) fails every comparison.
      if (row[BROKEN] || end < start) {
        invalid++;
        noteInvalid(invalidIds, incident.id, i);
      } else if (end >= start) values[count++] = end - start;
      else {
        excluded++;
        if (start >= 0 && !passed(incident.phase, row, toAt)) open++;
      }
    }
    i = -1;
    const [mean, min, max, [p50 = null, p90 = null, p95 = null]] = plainFigures(
      values.subarray(0, count),
      [0.5, 0.9, 0.95],
    );
    return {
      count,
      excluded,
      open,
      invalid,
      invalidIds,
      meanMs: mean,
      medianMs: p50,
      p90Ms: p90,
      p95Ms: p95,
      minMs: min,
      maxMs: max,
      aggregates: { mean, p50, p90, p95 },
      lowSample: count < 10,
      definition: namedStamp(id, from, to),
    };
  } catch (error) {
    return unreadable(error, i < 0 ? 'options' : `incidents[${i}]`);
  }
}

/** Mean, min, max and the quantiles at ascending `ps` of `values` (reordered); `null`s when empty. */
export function plainFigures(
  values: Float64Array,
  ps: readonly number[],
): [number | null, number | null, number | null, (number | null)[]] {
  const n = values.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let j = 0; j < n; j++) {
    const v = values[j]!;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return n ? [sum / n, min, max, quantilesInPlace(values, ps)] : [null, null, null, []];
}
