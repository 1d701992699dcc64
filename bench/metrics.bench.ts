/**
 * Metrics speed at 10⁴, 10⁵ and 10⁶ incidents, built once per size. For `mttr` (mean, median, p90,
 * p95) and `metricsReport`, prints the time per call and two ratios measured in the same run,
 * candidates interleaved round by round so machine noise hits each alike:
 *
 * - careful: what a careful engineer writes by hand — one loop over the same incident objects into
 *   a Float64Array, a typed-array sort for the percentiles;
 * - naive: what users commonly write — date-fns `differenceInMilliseconds`, `.filter().map()`, an
 *   array sort with a comparator, one pass per metric.
 *
 * Targets at 10⁶: mttr / careful ≤ 1.0, naive / metricsReport ≥ 10.
 */
import { differenceInMilliseconds } from 'date-fns/differenceInMilliseconds';
import { type IncidentFacts, metricsReport, mttr } from '../src/metrics/index.js';
import type { IncidentSource } from '../src/model/index.js';
import { defaultSeverityPolicy } from '../src/severity/index.js';

const SIZES = [10_000, 100_000, 1_000_000];
const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const SPAN_DAYS = 360;
const SOURCES: IncidentSource[] = ['monitoring', 'synthetic', 'anomaly', 'customer', 'internal'];
const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];
const CATEGORIES = Array.from({ length: 200 }, (_, k) => `category-${k}`);
const NOW = T0 + SPAN_DAYS * DAY;
export const REPORT = {
  now: NOW,
  since: T0,
  until: NOW,
  interval: 'month',
  policy: defaultSeverityPolicy,
} as const;
const PM_DUE_HOURS: Record<string, number | undefined> = { SEV1: 48, SEV2: 72 };

type Bench = IncidentFacts & {
  id: string;
  severity: string;
  source: IncidentSource;
  drill: boolean;
  category: string;
  milestones: {
    startedAt: number;
    detectedAt: number;
    acknowledgedAt?: number;
    mitigatedAt?: number;
    resolvedAt?: number;
  };
  actionItems: NonNullable<IncidentFacts['actionItems']>;
};

/** A deterministic generator, so every run measures the same data. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const NO_ITEMS: Bench['actionItems'] = [];
const NO_REOPENS: NonNullable<IncidentFacts['reopens']> = [];
const SERVICES = [['checkout-api'], ['search'], ['payments'], []];

/** Incident facts in detection order (as a store returns them): lean enough for 10⁶ in memory. */
export function build(n: number): Bench[] {
  const rnd = random(n);
  const out: Bench[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const detectedAt = T0 + Math.floor((k / n) * SPAN_DAYS * DAY);
    const startedAt = detectedAt - Math.floor(rnd() * 30 * 60_000);
    const roll = rnd();
    const acknowledgedAt = detectedAt + Math.floor(rnd() * 20 * 60_000);
    const mitigatedAt = acknowledgedAt + Math.floor(rnd() * 4 * 3_600_000);
    const resolvedAt = mitigatedAt + Math.floor(rnd() * 24 * 3_600_000);
    const open = roll < 0.05;
    const severity = SEVERITIES[Math.floor(rnd() * 4)]!;
    out[k] = {
      id: `INC-${k}`,
      phase: open ? 'mitigate' : roll < 0.06 ? 'cancelled' : 'review',
      severity,
      source: SOURCES[Math.floor(rnd() * 5)]!,
      drill: roll > 0.99,
      services: SERVICES[k & 3]!,
      category: CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]!,
      milestones: open
        ? { startedAt, detectedAt, acknowledgedAt }
        : { startedAt, detectedAt, acknowledgedAt, mitigatedAt, resolvedAt },
      reopens: NO_REOPENS,
      actionItems:
        rnd() < 0.1
          ? [
              {
                id: `act-${k}`,
                title: 'Follow up',
                status: rnd() < 0.5 ? 'done' : 'open',
                dueAt: resolvedAt + 7 * DAY,
                completedAt: resolvedAt + 5 * DAY,
              },
            ]
          : NO_ITEMS,
      ...(rnd() < 0.3 && !open
        ? { postmortem: { publishedAt: resolvedAt + Math.floor(rnd() * 96) * 3_600_000 } }
        : {}),
    };
  }
  return out;
}

const counted = (i: Bench) => !i.drill && i.phase !== 'cancelled';

function percentileOfSorted(sorted: ArrayLike<number>, n: number, p: number): number | null {
  if (n === 0) return null;
  const h = (n - 1) * p;
  const k = Math.floor(h);
  return k + 1 < n ? sorted[k]! + (sorted[k + 1]! - sorted[k]!) * (h - k) : sorted[k]!;
}

function figuresOf(values: Float64Array) {
  values.sort();
  const n = values.length;
  let sum = 0;
  for (let j = 0; j < n; j++) sum += values[j]!;
  return {
    mean: n ? sum / n : null,
    p50: percentileOfSorted(values, n, 0.5),
    p90: percentileOfSorted(values, n, 0.9),
    p95: percentileOfSorted(values, n, 0.95),
  };
}

/** Careful mttr: one loop into a Float64Array, typed-array sort. */
function carefulMttr(incidents: readonly Bench[]) {
  const values = new Float64Array(incidents.length);
  let n = 0;
  for (let k = 0; k < incidents.length; k++) {
    const i = incidents[k]!;
    if (i.drill || i.phase === 'cancelled') continue;
    const m = i.milestones;
    if (m.resolvedAt === undefined) continue;
    values[n++] = m.resolvedAt - (m.startedAt ?? m.detectedAt);
  }
  return figuresOf(values.subarray(0, n));
}

/** Naive mttr: date-fns differences, filter/map, a comparator sort. */
function naiveMttr(incidents: readonly Bench[]) {
  const values = incidents
    .filter((i) => counted(i) && i.milestones.resolvedAt !== undefined)
    .map((i) =>
      differenceInMilliseconds(
        new Date(i.milestones.resolvedAt!),
        new Date(i.milestones.startedAt ?? i.milestones.detectedAt),
      ),
    )
    .sort((a, b) => a - b);
  return {
    mean: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
    p50: percentileOfSorted(values, values.length, 0.5),
    p90: percentileOfSorted(values, values.length, 0.9),
    p95: percentileOfSorted(values, values.length, 0.95),
  };
}

type Key = 'startedAt' | 'detectedAt' | 'acknowledgedAt' | 'mitigatedAt' | 'resolvedAt';
const DURATIONS: [string, Key | 'impactStart', Key][] = [
  ['mttd', 'startedAt', 'detectedAt'],
  ['mtta', 'detectedAt', 'acknowledgedAt'],
  ['mttm', 'impactStart', 'mitigatedAt'],
  ['mttr', 'impactStart', 'resolvedAt'],
];
const MONTHS = Array.from({ length: 13 }, (_, k) => Date.UTC(2026, k, 1));
const monthOf = (t: number) => new Date(t).getUTCMonth() + (new Date(t).getUTCFullYear() - 2026) * 12;

/** Careful report: one loop filling typed arrays and counters, typed-array sorts at the end. */
function carefulReport(incidents: readonly Bench[]) {
  const n = incidents.length;
  const values = DURATIONS.map(() => new Float64Array(n));
  const months = DURATIONS.map(() => new Int8Array(n));
  const filled = DURATIONS.map(() => 0);
  const perMonth = new Int32Array(12);
  const sources = new Map<string, number>();
  const lastSeen = new Map<string, number>();
  let recurring = 0;
  let withKey = 0;
  let items = 0;
  let done = 0;
  let overdue = 0;
  let required = 0;
  let published = 0;
  for (let k = 0; k < n; k++) {
    const i = incidents[k]!;
    if (!counted(i)) continue;
    const m = i.milestones;
    const month = monthOf(m.detectedAt);
    perMonth[month]!++;
    for (let d = 0; d < DURATIONS.length; d++) {
      const [, from, to] = DURATIONS[d]!;
      const start = from === 'impactStart' ? (m.startedAt ?? m.detectedAt) : m[from];
      const end = m[to];
      if (start === undefined || end === undefined) continue;
      values[d]![filled[d]!] = end - start;
      months[d]![filled[d]!++] = month;
    }
    sources.set(i.source, (sources.get(i.source) ?? 0) + 1);
    withKey++;
    const before = lastSeen.get(i.category);
    if (before !== undefined && before < m.detectedAt) recurring++;
    lastSeen.set(i.category, m.detectedAt);
    for (const item of i.actionItems) {
      items++;
      if (item.status === 'done') done++;
      else if (item.dueAt !== undefined && item.dueAt < NOW) overdue++;
    }
    const due = PM_DUE_HOURS[i.severity];
    if (due !== undefined && m.resolvedAt !== undefined) {
      required++;
      if (i.postmortem) published++;
    }
  }
  return {
    durations: DURATIONS.map(([id], d) => {
      const all = values[d]!.subarray(0, filled[d]);
      // Group by month with a counting sort, then sort each month's run.
      const starts = new Int32Array(13);
      for (let j = 0; j < all.length; j++) starts[months[d]![j]! + 1]!++;
      for (let k = 0; k < 12; k++) starts[k + 1]! += starts[k]!;
      const next = starts.slice();
      const grouped = new Float64Array(all.length);
      for (let j = 0; j < all.length; j++) grouped[next[months[d]![j]!]!++] = all[j]!;
      const byMonth = Array.from({ length: 12 }, (_, month) =>
        figuresOf(grouped.subarray(starts[month], starts[month + 1])),
      );
      return [id, figuresOf(all), byMonth] as const;
    }),
    perMonth,
    sources,
    recurring,
    withKey,
    items,
    done,
    overdue,
    required,
    published,
  };
}

/** Naive report: one pass (or more) per metric, date-fns, filter/map/sort with a comparator. */
function naiveReport(incidents: readonly Bench[]) {
  const live = incidents.filter(counted);
  const durationOf = (from: Key | 'impactStart', to: Key) => (list: readonly Bench[]) => {
    const values = list
      .filter(
        (i) => i.milestones[to] !== undefined && (from === 'impactStart' || i.milestones[from] !== undefined),
      )
      .map((i) =>
        differenceInMilliseconds(
          new Date(i.milestones[to]!),
          new Date(
            from === 'impactStart'
              ? (i.milestones.startedAt ?? i.milestones.detectedAt)
              : i.milestones[from]!,
          ),
        ),
      )
      .sort((a, b) => a - b);
    return {
      mean: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
      p50: percentileOfSorted(values, values.length, 0.5),
      p90: percentileOfSorted(values, values.length, 0.9),
      p95: percentileOfSorted(values, values.length, 0.95),
    };
  };
  const durations = DURATIONS.map(([id, from, to]) => {
    const stats = durationOf(from, to);
    const byMonth = MONTHS.slice(0, 12).map((start, k) =>
      stats(live.filter((i) => i.milestones.detectedAt >= start && i.milestones.detectedAt < MONTHS[k + 1]!)),
    );
    return [id, stats(live), byMonth] as const;
  });
  const perMonth = MONTHS.slice(0, 12).map(
    (start, k) =>
      live.filter((i) => i.milestones.detectedAt >= start && i.milestones.detectedAt < MONTHS[k + 1]!).length,
  );
  const automated = live.filter((i) => ['monitoring', 'synthetic', 'anomaly'].includes(i.source)).length;
  const sorted = [...live].sort((a, b) => a.milestones.detectedAt - b.milestones.detectedAt);
  const recurring = sorted.filter((i, k) =>
    sorted
      .slice(Math.max(0, k - 50), k)
      .some((j) => j.category === i.category && j.milestones.detectedAt < i.milestones.detectedAt),
  ).length;
  const items = live.flatMap((i) => i.actionItems);
  const done = items.filter((x) => x.status === 'done').length;
  const overdue = items.filter((x) => x.status === 'open' && x.dueAt !== undefined && x.dueAt < NOW).length;
  const required = live.filter(
    (i) => PM_DUE_HOURS[i.severity] !== undefined && i.milestones.resolvedAt !== undefined,
  );
  const published = required.filter((i) => i.postmortem).length;
  return {
    durations,
    perMonth,
    automated,
    recurring,
    items: items.length,
    done,
    overdue,
    required: required.length,
    published,
  };
}

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * The median sample of each candidate. Candidates run in blocks (warm-up, then all its rounds), not
 * round-robin: the naive version leaves hundreds of megabytes of garbage at 10⁶ incidents, and
 * round-robin would charge its collection to whichever candidate runs next.
 */
function measure(
  candidates: Record<string, () => unknown>,
  rounds: number,
  warmups = 1,
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [name, fn] of Object.entries(candidates)) {
    for (let w = 0; w < warmups; w++) fn();
    const samples: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const t = performance.now();
      fn();
      samples.push(performance.now() - t);
    }
    result[name] = median(samples);
  }
  return result;
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));

export async function run(): Promise<void> {
  const rows: string[][] = [];
  for (const size of SIZES) {
    const incidents = build(size);
    // The three mttr versions must agree before their times mean anything.
    const ours = mttr(incidents);
    const careful = carefulMttr(incidents);
    const naive = naiveMttr(incidents);
    const pairs: [number | null, number | null][] = [
      [ours.meanMs, careful.mean],
      [ours.medianMs, careful.p50],
      [ours.p90Ms, careful.p90],
      [ours.p95Ms, naive.p95],
    ];
    for (const [a, b] of pairs) {
      if (a === null || b === null || Math.abs(a - b) > 1e-6 * Math.abs(b))
        throw new Error(`mttr disagrees: ${a} vs ${b}`);
    }
    const rounds = size >= 1_000_000 ? 5 : size >= 100_000 ? 9 : 25;
    const m = measure(
      {
        ours: () => mttr(incidents),
        careful: () => carefulMttr(incidents),
        naive: () => naiveMttr(incidents),
      },
      rounds,
    );
    rows.push([
      size.toLocaleString('en'),
      'mttr',
      ms(m.ours!),
      ms(m.careful!),
      ms(m.naive!),
      (m.ours! / m.careful!).toFixed(2),
      (m.naive! / m.ours!).toFixed(1),
    ]);
    const r = measure(
      {
        ours: () => metricsReport(incidents, REPORT),
        careful: () => carefulReport(incidents),
        naive: () => naiveReport(incidents),
      },
      size >= 1_000_000 ? 5 : rounds,
      size >= 1_000_000 ? 2 : 1,
    );
    rows.push([
      size.toLocaleString('en'),
      'metricsReport',
      ms(r.ours!),
      ms(r.careful!),
      ms(r.naive!),
      (r.ours! / r.careful!).toFixed(2),
      (r.naive! / r.ours!).toFixed(1),
    ]);
  }
  const header = ['incidents', 'subject', 'ours ms', 'careful ms', 'naive ms', 'ours/careful', 'naive/ours'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  console.log('\ntargets at 1,000,000: mttr ours/careful ≤ 1.0; metricsReport naive/ours ≥ 10');
}
