import { resolveMetric } from '../define-duration-metric.js';
import { DURATION_MILESTONES, type ResolvedMetric } from '../duration-metric.js';
import type { IncidentFacts } from '../incident-facts.js';
import { type DurationStats, plainFigures } from './duration-core.js';
import { kaplanMeier } from './kaplan-meier.js';
import { BROKEN, fillRow, newRow, noteInvalid, passed } from './milestone-row.js';
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
  type RawMilestones,
  readTime,
} from './validate.js';

// The full duration metric: reopen policies, open incidents censored or ended at `now`, any clock,
// and per-period figures for reports. The named metrics take the lean path in duration-core.ts.

/** Milestones a REOPEN clears (the lifecycle keeps them in `reopens[k].previous`). */
const CLEARED_BY_REOPEN = ['mitigatedAt', 'resolvedAt', 'reviewedAt', 'closedAt'];

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

/** Excluded, open and invalid incidents, and the ids of the invalid ones: overall or in one bucket. */
interface Tally {
  excluded: number;
  open: number;
  invalid: number;
  readonly invalidIds: string[];
}

const tally = (): Tally => ({ excluded: 0, open: 0, invalid: 0, invalidIds: [] });

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
  const overall = tally();
  // Per bucket, made when first needed.
  const perBucket: Tally[] = [];
  let bucket = -1;
  // The bucket's own tally (made when first needed), or undefined outside a report's periods.
  const own = (): Tally | undefined => {
    if (bucket < 0) return undefined;
    const t = perBucket[bucket] ?? tally();
    perBucket[bucket] = t;
    return t;
  };
  const tick = (which: 'excluded' | 'open') => {
    overall[which]++;
    const t = own();
    if (t) t[which]++;
  };
  const invalid = (id: unknown, i: number) => {
    overall.invalid++;
    noteInvalid(overall.invalidIds, id, i);
    const t = own();
    if (t) {
      t.invalid++;
      noteInvalid(t.invalidIds, id, i);
    }
  };
  const measure = (start: number, end: number) => (clock ? clock(start, end) : end - start);
  const fromAt = DURATION_MILESTONES.indexOf(from);
  const toAt = DURATION_MILESTONES.indexOf(to);
  const add = (incident: IncidentFacts, _m: RawMilestones, row: Float64Array, i: number, b = -1) => {
    bucket = b;
    if (row[BROKEN]) return invalid(incident.id, i);
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
          const record = reopens[k];
          if (!isObject(record)) fail(`incidents[${i}].${where}`, 'an object');
          const at = epochOf(record.at, i, 'at', true, where)!;
          const previous = record.previous;
          const s = clearsFrom ? epochIn(previous, from, i, `${where}.previous`) : start;
          if (s !== undefined) {
            before += measure(s, epochIn(previous, to, i, `${where}.previous`) ?? at);
            seen = true;
          }
          if (!clearsFrom) start = at;
        }
      }
    }
    if (start === undefined && !seen) return tick('excluded');
    let value: number;
    if (end !== undefined) value = before + (start === undefined ? 0 : measure(start, end));
    // Past the end milestone without setting it (closed, cancelled, resolved without an
    // acknowledgement, for MTTA): it will never come, so the incident lacks it; it is not open.
    else if (passed(incident.phase, row, toAt)) return tick('excluded');
    else if (policy === 'exclude' || (start !== undefined && start > now)) {
      tick('open');
      return tick('excluded');
    } else value = before + (start === undefined ? 0 : measure(start, now));
    // A negative duration (REOPEN records out of order, `from` after `to`) is no duration at all.
    if (!(value >= 0)) return invalid(incident.id, i);
    if (end === undefined) {
      tick('open');
      if (policy === 'censor') {
        censored.push(value);
        censoredTags.push(bucket);
        return;
      }
    }
    if (tags) tags[count] = bucket;
    done[count++] = value;
  };

  return {
    metric,
    add,
    result: () => summarizeDurations(done.subarray(0, count), Float64Array.from(censored), metric, overall),
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
          perBucket[k] ?? tally(),
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
 * Figures from completed and censored durations (both reordered in place). Under `open: 'censor'`
 * the percentiles, min and max come from the Kaplan–Meier curve (see kaplan-meier.ts) whether or not
 * anything is censored, so a figure's rule follows its definition stamp, not the data; the mean is
 * the restricted mean when something is censored (and the plain mean, which it equals, when not).
 */
export function summarizeDurations(
  done: Float64Array,
  censored: Float64Array,
  metric: ResolvedMetric,
  t: Tally,
): DurationStats {
  const ps = probabilities(metric.aggregate);
  const count = done.length + censored.length;
  let [mean, min, max, quantiles] = plainFigures(done, ps);
  if (metric.open === 'censor') {
    const estimate = kaplanMeier(done, censored, [0, ...ps, 1]);
    quantiles = estimate.quantiles;
    min = quantiles.shift() ?? null;
    max = quantiles.pop() ?? null;
    if (censored.length > 0) mean = estimate.mean;
  }
  const at = (p: number) => quantiles[ps.indexOf(p)] ?? null;
  const figures: Record<string, number | null> = { mean, min, max, count };
  const aggregates: Record<string, number | null> = {};
  for (const name of metric.aggregate)
    aggregates[name] = name in figures ? figures[name]! : at(Number(name.slice(1)) / 100);
  return {
    count,
    excluded: t.excluded,
    open: t.open,
    invalid: t.invalid,
    invalidIds: t.invalidIds,
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
    const row = newRow();
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
