import { resolveMetric } from '../define-duration-metric.js';
import { DURATION_MILESTONES, type ResolvedMetric } from '../duration-metric.js';
import type { IncidentFacts } from '../incident-facts.js';
import { isFinished } from '../incident-filter.js';
import { type DurationStats, plainFigures } from './duration-core.js';
import { censoredSummary } from './kaplan-meier.js';
import { runPart } from './run-part.js';
import { giveBack, takeBuffer } from './select.js';
import {
  epochIn,
  epochOf,
  fail,
  fieldOf,
  firstCleared,
  isObject,
  need,
  type Options,
  type RawMilestones,
  readTime,
} from './validate.js';

// The full duration metric: reopen policies, open incidents censored or ended at `now`, any clock,
// and per-period figures for reports. The named metrics take the lean path in duration-core.ts.

/** Milestones a REOPEN clears (the lifecycle keeps them in `reopens[k].previous`). */
const CLEARED_BY_REOPEN = ['mitigatedAt', 'resolvedAt', 'reviewedAt', 'closedAt'];

/** A milestone for the row: NaN when absent. (Module level: no closure allocated per incident.) */
function rowValue(value: unknown, i: number, k: number): number {
  return epochOf(value, i, DURATION_MILESTONES[k]!) ?? Number.NaN;
}

/**
 * Reads an incident's milestones once into `row` (NaN when absent), so the duration metrics of a
 * report share one read, each a constant-name load, instead of each metric reading its own.
 */
export function fillRow(m: RawMilestones, i: number, row: Float64Array): Float64Array {
  row[1] = rowValue(m.startedAt, i, 1);
  row[2] = rowValue(m.detectedAt, i, 2);
  row[3] = rowValue(m.acknowledgedAt, i, 3);
  row[4] = rowValue(m.triagedAt, i, 4);
  row[5] = rowValue(m.mitigatedAt, i, 5);
  row[6] = rowValue(m.resolvedAt, i, 6);
  row[7] = rowValue(m.reviewedAt, i, 7);
  row[8] = rowValue(m.closedAt, i, 8);
  row[9] = rowValue(m.cancelledAt, i, 9);
  row[0] = Number.isNaN(row[1]) ? row[2]! : row[1]!;
  return row;
}

/** Collects one metric's durations from incidents handed to it one at a time. */
export interface DurationAccumulator {
  readonly metric: ResolvedMetric;
  /** Adds an incident, its milestones read by {@link fillRow}; `bucket`: its period in a report. */
  add(incident: IncidentFacts, m: RawMilestones, row: Float64Array, i: number, bucket?: number): void;
  /** The figures over everything added; with `buckets`, per bucket (the periods of a report). */
  result(): DurationStats;
  bucketResults(): DurationStats[];
  /** Gives pooled buffers back; call after the results. */
  release(): void;
}

/**
 * Durations go into one pooled Float64Array of `capacity` (the number of incidents); censored ones,
 * rare, into a plain array. With `buckets`, each duration's bucket goes into a second array.
 * Nothing is allocated per incident.
 */
export function durationAccumulator(
  metric: ResolvedMetric,
  now: number,
  capacity: number,
  buckets = 0,
): DurationAccumulator {
  const { from, to, reopened, open: policy, measure: clock } = metric;
  const clearsFrom = CLEARED_BY_REOPEN.includes(from);
  const reopensMatter = reopened !== 'last' && CLEARED_BY_REOPEN.includes(to);
  const done = takeBuffer(capacity);
  const tags = buckets ? takeBuffer(capacity) : undefined;
  let count = 0;
  const censored: number[] = [];
  const censoredTags: number[] = [];
  // Excluded and open incidents: overall, then per bucket.
  const tally = new Int32Array(2 * buckets + 2);
  let bucket = -1;
  const tick = (which: 0 | 1) => {
    tally[which]!++;
    if (bucket >= 0) tally[2 * bucket + 2 + which]!++;
  };
  const push = (value: number) => {
    if (tags) tags[count] = bucket;
    done[count++] = value;
  };
  const measure = (start: number, end: number) => (clock ? clock(start, end) : end - start);
  const fromAt = DURATION_MILESTONES.indexOf(from);
  const toAt = DURATION_MILESTONES.indexOf(to);
  const add = (incident: IncidentFacts, m: RawMilestones, row: Float64Array, i: number, b = -1): void => {
    bucket = b;
    let start: number | undefined = row[fromAt]!;
    let end: number | undefined = row[toAt]!;
    // NaN: the milestone is absent.
    if (Number.isNaN(start)) start = undefined;
    if (Number.isNaN(end)) end = undefined;
    // With `active-time`: the time of the cycles before the last REOPEN.
    let before = 0;
    let seen = false;
    const reopens = reopensMatter
      ? fieldOf<readonly unknown[]>(incident.reopens, i, 'reopens', 'array')
      : undefined;
    if (reopens?.length) {
      if (reopened === 'first') {
        // The earliest value of a milestone: the first REOPEN that cleared it, else the current one.
        if (clearsFrom) start = firstCleared(incident, i, 'previous', from) ?? start;
        end = firstCleared(incident, i, 'previous', to) ?? end;
      } else if (clearsFrom || start !== undefined) {
        // A cycle runs from `from` (or, when the REOPEN did not clear `from`, from the REOPEN) to
        // `to`, or to the REOPEN when that came first; the quiet time after `to` does not count.
        for (let k = 0; k < reopens.length; k++) {
          const where = `reopens[${k}]`;
          if (!isObject(reopens[k])) fail(`incidents[${i}].${where}`, 'an object');
          const at = epochOf((reopens[k] as Options).at, i, 'at', true, where)!;
          const previous = (reopens[k] as Options).previous;
          const s = clearsFrom ? epochIn(previous, from, i, `${where}.previous`) : start;
          if (s !== undefined) {
            before += measure(s, epochIn(previous, to, i, `${where}.previous`) ?? at);
            seen = true;
          }
          if (!clearsFrom) start = at;
        }
      }
    }
    if (start === undefined && !seen) tick(0);
    else if (end !== undefined) push(before + (start === undefined ? 0 : measure(start, end)));
    // A closed or cancelled incident will never reach the milestone: it lacks it, it is not open.
    else if (isFinished(incident, m)) tick(0);
    else {
      tick(1);
      if (policy === 'exclude' || (start !== undefined && start > now)) tick(0);
      else {
        const value = before + (start === undefined ? 0 : measure(start, now));
        if (policy === 'censor') {
          censored.push(value);
          censoredTags.push(bucket);
        } else push(value);
      }
    }
  };

  return {
    metric,
    add,
    result: () =>
      summarizeDurations(done.subarray(0, count), Float64Array.from(censored), metric, tally[0]!, tally[1]!),
    bucketResults() {
      if (!tags) return [];
      // Counting sort of the durations by bucket, then each bucket's run.
      const starts = new Int32Array(buckets + 1);
      for (let j = 0; j < count; j++) starts[tags[j]! + 1]!++;
      for (let k = 0; k < buckets; k++) starts[k + 1]! += starts[k]!;
      const next = starts.slice();
      const sorted = takeBuffer(count);
      for (let j = 0; j < count; j++) sorted[next[tags[j]!]!++] = done[j]!;
      const results = Array.from({ length: buckets }, (_, k) =>
        summarizeDurations(
          sorted.subarray(starts[k], starts[k + 1]),
          Float64Array.from(censored.filter((_, j) => censoredTags[j] === k)),
          metric,
          tally[2 * k + 2]!,
          tally[2 * k + 3]!,
        ),
      );
      giveBack(sorted);
      return results;
    },
    release: () => {
      giveBack(done);
      if (tags) giveBack(tags);
    },
  };
}

/** The probabilities a result needs, ascending: median, p90, p95 and the definition's percentiles. */
function probabilities(aggregate: readonly string[]): number[] {
  const ps = new Set([0.5, 0.9, 0.95]);
  for (const name of aggregate) if (name[0] === 'p') ps.add(Number(name.slice(1)) / 100);
  return [...ps].sort((a, b) => a - b);
}

/**
 * Figures from completed and censored durations (both reordered in place): plain figures when
 * nothing is censored, else from the Kaplan–Meier estimate (see kaplan-meier.ts).
 */
export function summarizeDurations(
  done: Float64Array,
  censored: Float64Array,
  metric: ResolvedMetric,
  excluded: number,
  open: number,
): DurationStats {
  const ps = probabilities(metric.aggregate);
  const count = done.length + censored.length;
  let [mean, min, max, quantiles] = plainFigures(done, ps);
  if (censored.length > 0) {
    const estimate = censoredSummary(done, censored, [0, 1, ...ps]);
    [min = null, max = null, ...quantiles] = estimate.quantiles;
    mean = estimate.mean;
  }
  const at = (p: number) => quantiles[ps.indexOf(p)] ?? null;
  const figures: Record<string, number | null> = { mean, min, max, count };
  const aggregates: Record<string, number | null> = {};
  for (const name of metric.aggregate)
    aggregates[name] = name in figures ? figures[name]! : at(Number(name.slice(1)) / 100);
  return {
    count,
    excluded,
    open,
    meanMs: mean,
    medianMs: at(0.5),
    p90Ms: at(0.9),
    p95Ms: at(0.95),
    minMs: min,
    maxMs: max,
    aggregates,
    lowSample: count < 10,
    definition: metric.stamp,
  };
}

/** Runs one duration metric over `incidents` with the filters and `now` of the options. */
export function runDuration(incidents: unknown, options: unknown, keys: readonly string[]): DurationStats {
  return runPart(incidents, options, keys, (o, _filter, capacity) => {
    const metric = resolveMetric(o, 'options');
    const now = readTime(o, 'now', 'options');
    need(metric.open === 'exclude' || now !== undefined, 'options.now', 'a time');
    const accumulator = durationAccumulator(metric, now!, capacity);
    const row = new Float64Array(10);
    return {
      add: (incident, m, i) => accumulator.add(incident, m, fillRow(m, i, row), i),
      result() {
        const stats = accumulator.result();
        accumulator.release();
        return stats;
      },
    };
  });
}
