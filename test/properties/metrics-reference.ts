/**
 * Straightforward reference implementations of the metrics, written the obvious way (full sorts,
 * date-fns with @date-fns/tz for calendars, quadratic scans), for the property suites to compare
 * the single-pass calculators against.
 */
import { TZDate, tz } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { addWeeks } from 'date-fns/addWeeks';
import { format } from 'date-fns/format';
import { startOfDay } from 'date-fns/startOfDay';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfWeek } from 'date-fns/startOfWeek';
import type { DurationMilestone, IncidentFilterOptions } from '../../src/metrics/index.js';
import type { Incident, Milestones } from '../../src/model/index.js';

type Ms = Partial<Record<string, number>>;

/** Linear interpolation between closest ranks, h = (n − 1)·p, on a sorted copy. */
export function refQuantile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const k = Math.floor(h);
  return k + 1 < sorted.length ? sorted[k]! + (sorted[k + 1]! - sorted[k]!) * (h - k) : sorted[k]!;
}

export function refMean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Whether the filter options count an incident. */
export function refAdmits(i: Incident, o: IncidentFilterOptions<Incident>): boolean {
  const d = i.milestones.detectedAt;
  const list = (v: string | readonly string[] | undefined) => (v === undefined ? undefined : [v].flat());
  if (!o.includeDrills && i.drill) return false;
  if (!o.includeCancelled && (i.phase === 'cancelled' || i.milestones.cancelledAt !== undefined))
    return false;
  if (o.until !== undefined && d >= Number(o.until)) return false;
  if (o.since !== undefined && d < Number(o.since)) return false;
  const severity = list(o.severity);
  if (severity && !severity.includes(i.severity ?? 'unclassified')) return false;
  const services = list(o.services);
  if (services && !i.services.some((s) => services.includes(s))) return false;
  const category = list(o.category);
  if (category && (i.category === undefined || !category.includes(i.category))) return false;
  const source = list(o.source as string | string[] | undefined);
  if (source && !source.includes(i.source)) return false;
  return true;
}

const finished = (i: Incident) =>
  i.phase === 'closed' ||
  i.phase === 'cancelled' ||
  i.milestones.closedAt !== undefined ||
  i.milestones.cancelledAt !== undefined;
const CLEARED = ['mitigatedAt', 'resolvedAt', 'reviewedAt', 'closedAt'];
const value = (m: Ms | Milestones, key: DurationMilestone): number | undefined =>
  key === 'impactStart' ? (m.startedAt ?? m.detectedAt) : (m as Ms)[key];

export interface RefDurations {
  done: number[];
  censored: number[];
  excluded: number;
  open: number;
  invalid: number;
  invalidIds: string[];
}

const CHAIN = ['startedAt', 'detectedAt', 'acknowledgedAt', 'triagedAt', 'mitigatedAt', 'resolvedAt'];

/** Whether the milestones break the monotone chain, by comparing every pair the chain orders. */
export function refBrokenChain(m: Ms | Milestones): boolean {
  const ms = m as Ms;
  const before = (a: string, b: string) => ms[a] !== undefined && ms[b] !== undefined && ms[a]! > ms[b]!;
  for (let x = 0; x < CHAIN.length; x++) {
    for (let y = x + 1; y < CHAIN.length; y++) if (before(CHAIN[x]!, CHAIN[y]!)) return true;
    if (before(CHAIN[x]!, 'reviewedAt') || before(CHAIN[x]!, 'closedAt')) return true;
    if (x < 3 && before(CHAIN[x]!, 'cancelledAt')) return true;
  }
  return false;
}

/** The order an incident moves through: a later milestone set, or a later phase, means it passed. */
const ORDER = [
  'startedAt',
  'detectedAt',
  'acknowledgedAt',
  'triagedAt',
  'mitigatedAt',
  'resolvedAt',
  'reviewedAt',
  'closedAt',
];
const PHASE_REACHED: Record<string, number> = { detect: 1, triage: 2, mitigate: 3, resolve: 4, review: 5 };

/** Whether an incident that lacks `to` has moved past it (so it will never set it). */
export function refPassed(i: Incident, to: DurationMilestone): boolean {
  if (finished(i)) return true;
  const at = to === 'impactStart' ? 0 : ORDER.indexOf(to);
  if (at < 0) return false;
  const ms = i.milestones as Ms;
  if (ORDER.slice(at + 1).some((k) => ms[k] !== undefined)) return true;
  return (PHASE_REACHED[i.phase] ?? -1) > at;
}

/**
 * Durations by reopen policy, as intervals: cycle k runs between REOPENs; in it the metric is active
 * from `from` (or the REOPEN, for a `from` no REOPEN clears) until `to` or the cycle's end.
 */
export function refDurations(
  incidents: readonly Incident[],
  o: IncidentFilterOptions<Incident>,
  from: DurationMilestone,
  to: DurationMilestone,
  reopened: 'first' | 'last' | 'active-time' = 'last',
  open: 'exclude' | 'censor' | 'now' = 'exclude',
  now = 0,
  clock: (a: number, b: number) => number = (a, b) => b - a,
): RefDurations {
  const r: RefDurations = { done: [], censored: [], excluded: 0, open: 0, invalid: 0, invalidIds: [] };
  const invalid = (i: Incident) => {
    r.invalid++;
    if (r.invalidIds.length < 100) r.invalidIds.push(i.id);
  };
  for (const i of incidents) {
    if (!refAdmits(i, o)) continue;
    if (refBrokenChain(i.milestones)) {
      invalid(i);
      continue;
    }
    const reopens = CLEARED.includes(to) && reopened !== 'last' ? i.reopens : [];
    const cycleMilestones = [...reopens.map((x) => x.previous as Ms), i.milestones as Ms];
    let start: number | undefined;
    let end: number | undefined;
    let accumulated = 0;
    let active = false;
    if (reopened === 'active-time' && reopens.length > 0) {
      const fromCleared = CLEARED.includes(from);
      if (!fromCleared && value(i.milestones, from) === undefined) {
        r.excluded++;
        continue;
      }
      for (let k = 0; k < cycleMilestones.length - 1; k++) {
        const s = fromCleared
          ? value(cycleMilestones[k]!, from)
          : k === 0
            ? value(i.milestones, from)
            : reopens[k - 1]!.at;
        if (s === undefined) continue;
        accumulated += clock(s, value(cycleMilestones[k]!, to) ?? reopens[k]!.at);
        active = true;
      }
      start = fromCleared ? value(i.milestones, from) : reopens[reopens.length - 1]!.at;
      end = value(i.milestones, to);
    } else {
      const first = (key: DurationMilestone) =>
        reopened === 'first'
          ? cycleMilestones.map((c) => value(c, key)).find((v) => v !== undefined)
          : value(i.milestones, key);
      start = CLEARED.includes(from) ? first(from) : value(i.milestones, from);
      end = first(to);
    }
    if (start === undefined && !active) r.excluded++;
    else if (end !== undefined) {
      const duration = accumulated + (start === undefined ? 0 : clock(start, end));
      if (duration < 0) invalid(i);
      else r.done.push(duration);
    } else if (refPassed(i, to)) r.excluded++;
    else if (open === 'exclude' || (start !== undefined && start > now)) {
      r.open++;
      r.excluded++;
    } else {
      const duration = accumulated + (start === undefined ? 0 : clock(start, now));
      if (duration < 0) invalid(i);
      else {
        r.open++;
        (open === 'censor' ? r.censored : r.done).push(duration);
      }
    }
  }
  return r;
}

/**
 * Kaplan–Meier by brute force, in exact rational arithmetic (BigInt numerator and denominator):
 * S(t) = ∏ (1 − d_j / n_j) over completion times t_j ≤ t, n_j counting every duration ≥ t_j (an
 * incident censored at t_j was still at risk then), d_j the completions at t_j. The percentile at
 * `percent` (0–100) is the smallest completion time with S(t) ≤ 1 − percent/100, `null` if none
 * (lifelines' `qth_survival_time`). `ambiguous` flags an S within 1e-9 above the threshold, where a
 * float implementation may round either way. The mean is ∫ S from 0 to the longest observation.
 */
export function refKaplanMeier(done: readonly number[], censored: readonly number[], percent: number) {
  const all = [...done, ...censored];
  const times = [...new Set(done)].sort((a, b) => a - b);
  let num = 1n;
  let den = 1n;
  let quantile: number | null = null;
  let ambiguous = false;
  const target = BigInt(Math.round(percent * 1e6));
  const scale = 100_000_000n; // percent·1e6 against 100·1e6
  // Mean: Σ over completion times of (S before − S after)·t, plus S at the end times the longest
  // observation, accumulated as a rational with the running denominator.
  let meanNum = 0n;
  let meanDen = 1n;
  for (const t of times) {
    const d = BigInt(done.filter((x) => x === t).length);
    const n = BigInt(all.filter((x) => x >= t).length);
    const nextNum = num * (n - d);
    const nextDen = den * n;
    // drop = num/den − nextNum/nextDen = num·d / (den·n)
    const dropNum = num * d * BigInt(t);
    const dropDen = den * n;
    meanNum = meanNum * dropDen + dropNum * meanDen;
    meanDen *= dropDen;
    num = nextNum;
    den = nextDen;
    // S ≤ 1 − percent/100  ⇔  num·100e6 ≤ (100e6 − percent·1e6)·den
    const lhs = num * scale;
    const rhs = (scale - target) * den;
    if (quantile === null && lhs <= rhs) quantile = t;
    if (quantile === null && Number(lhs - rhs) / Number(den * scale) < 1e-9) ambiguous = true;
  }
  const longest = all.length ? Math.max(...all) : 0;
  meanNum = meanNum * den + num * BigInt(longest) * meanDen;
  meanDen *= den;
  const mean = all.length === 0 ? null : Number((meanNum * 1_000_000n) / meanDen) / 1_000_000;
  return { quantile, ambiguous, mean };
}

/** Working time between two instants, local day by local day with TZDate. */
export function refBusinessMs(
  a: number,
  b: number,
  zone: string,
  days: readonly number[],
  start: string,
  end: string,
): number {
  if (b < a) return 0 - refBusinessMs(b, a, zone, days, start, end);
  const [sh, sm] = start.split(':').map(Number) as [number, number];
  const [eh, em] = end.split(':').map(Number) as [number, number];
  let total = 0;
  // startOfDay after addDays: across a midnight that daylight saving skips, addDays keeps 01:00.
  const nextDay = (day: Date): Date => startOfDay(addDays(day, 1));
  for (let day: Date = startOfDay(new TZDate(a, zone)); day.getTime() <= b; day = nextDay(day)) {
    if (!days.includes(day.getDay())) continue;
    const y = day.getFullYear();
    const mo = day.getMonth();
    const d = day.getDate();
    const open = new TZDate(y, mo, d, sh, sm, zone).getTime();
    const close = eh === 24 ? nextDay(day).getTime() : new TZDate(y, mo, d, eh, em, zone).getTime();
    total += Math.max(0, Math.min(b, close) - Math.max(a, open));
  }
  return total;
}

/** Calendar buckets with date-fns in the time zone, counted by a linear scan. */
export function refFrequency(
  detections: readonly number[],
  interval: 'day' | 'week' | 'month',
  since: number,
  until: number,
  zone: string,
  weekStartsOn: 0 | 1 | 2 | 3 | 4 | 5 | 6,
) {
  const inZone = { in: tz(zone) };
  let cursor =
    interval === 'day'
      ? startOfDay(since, inZone)
      : interval === 'week'
        ? startOfWeek(since, { ...inZone, weekStartsOn })
        : startOfMonth(since, inZone);
  // Back to the start of the period after adding: across a midnight that daylight saving skips,
  // addDays and addWeeks keep the 01:00 the skipped midnight became.
  const next = (date: Date) =>
    interval === 'day'
      ? startOfDay(addDays(date, 1, inZone), inZone)
      : interval === 'week'
        ? startOfWeek(addWeeks(date, 1, inZone), { ...inZone, weekStartsOn })
        : startOfMonth(addMonths(date, 1, inZone), inZone);
  const buckets: { start: number; end: number; label: string; count: number }[] = [];
  while (since < until && cursor.getTime() < until) {
    const following = next(cursor);
    buckets.push({
      start: cursor.getTime(),
      end: following.getTime(),
      label: format(cursor, interval === 'month' ? 'yyyy-MM' : 'yyyy-MM-dd', inZone),
      count: detections.filter(
        (t) => t >= since && t < until && t >= cursor.getTime() && t < following.getTime(),
      ).length,
    });
    cursor = following;
  }
  return buckets;
}

/** Interruption kind of a page in a zone: 0 business (Mon–Fri 08–18), 1 evening/weekend, 2 sleep (22–08). */
export function refInterruption(at: number, zone: string): 0 | 1 | 2 {
  const local = new TZDate(at, zone);
  const minute = local.getHours() * 60 + local.getMinutes();
  const weekday = local.getDay();
  if (weekday >= 1 && weekday <= 5 && minute >= 480 && minute < 1080) return 0;
  return minute >= 1320 || minute < 480 ? 2 : 1;
}

/** Theil–Sen by sorting every pairwise slope. */
export function refTheilSen(series: readonly (number | null)[]): number | null {
  const points = series.flatMap((y, x) => (y === null ? [] : [[x, y] as const]));
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++)
    for (let j = i + 1; j < points.length; j++)
      slopes.push((points[j]![1] - points[i]![1]) / (points[j]![0] - points[i]![0]));
  return refQuantile(slopes, 0.5);
}
