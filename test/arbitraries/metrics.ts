import fc from 'fast-check';
import type {
  ActionItem,
  Incident,
  IncidentSource,
  Milestones,
  Phase,
  ReopenRecord,
} from '../../src/model/index.js';

/** Metrics tests' base time, 2026-01-05T00:00:00Z (a Monday); generated incidents span 2026. */
export const METRICS_T0 = Date.UTC(2026, 0, 5);
export const MS_MINUTE = 60_000;
export const MS_HOUR = 60 * MS_MINUTE;
export const MS_DAY = 24 * MS_HOUR;

export const METRICS_SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export const METRICS_SOURCES: readonly IncidentSource[] = [
  'monitoring',
  'synthetic',
  'anomaly',
  'customer',
  'internal',
];
export const METRICS_SERVICES = ['checkout-api', 'search', 'payments'] as const;
export const METRICS_CATEGORIES = ['deploy', 'db-failover', 'cert-expiry'] as const;
/** Zones with and without daylight saving, a half-hour one, and one whose clocks change at midnight. */
export const METRICS_TIME_ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'America/Santiago',
] as const;

/**
 * A complete `Incident` for metrics tests: everything the calculators do not read gets a neutral
 * default, so a test states only what matters to it.
 */
export function metricsIncident(overrides: Partial<Incident> & { milestones: Milestones }): Incident {
  return {
    id: 'INC-1',
    title: 'Test incident',
    phase: 'detect',
    impact: {},
    source: 'monitoring',
    drill: false,
    services: [],
    tags: [],
    roles: {},
    timeline: [],
    updates: [],
    actionItems: [],
    reopens: [],
    reopenCount: overrides.reopens?.length ?? 0,
    version: 1,
    ...overrides,
  };
}

/** Gaps between steps: often zero (identical timestamps), usually minutes, sometimes days. */
const gapArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 240 }).map((m) => m * MS_MINUTE) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 * MS_DAY }) },
);

const LATER = ['acknowledgedAt', 'triagedAt', 'mitigatedAt', 'resolvedAt', 'reviewedAt', 'closedAt'] as const;
const PHASE_AFTER: Record<number, Phase> = {
  0: 'detect',
  1: 'triage',
  2: 'mitigate',
  3: 'resolve',
  4: 'review',
  5: 'review',
  6: 'closed',
};

/**
 * One lifecycle-consistent incident: milestones in order with random gaps (identical timestamps
 * included), a phase that matches the last milestone, sometimes cancelled, sometimes without a
 * known start of impact, sometimes reopened (each REOPEN keeping the milestones it cleared in
 * `reopens[k].previous`, as the lifecycle does), with severity (or none), source, services,
 * category, drill flag, action items and a postmortem.
 */
export const metricsIncidentArb: fc.Arbitrary<Incident> = fc
  .record({
    id: fc.integer({ min: 1, max: 99_999 }).map((n) => `INC-${n}`),
    detectedAt: fc.integer({ min: METRICS_T0, max: METRICS_T0 + 360 * MS_DAY }),
    startedBefore: fc.option(gapArb, { nil: undefined }),
    reached: fc.integer({ min: 0, max: 6 }),
    gaps: fc.array(gapArb, { minLength: 6, maxLength: 6 }),
    cancelled: fc.boolean(),
    reopenCycles: fc.array(
      fc.record({
        reached: fc.integer({ min: 2, max: 6 }),
        gaps: fc.array(gapArb, { minLength: 5, maxLength: 5 }),
      }),
      { maxLength: 2 },
    ),
    severity: fc.option(fc.constantFrom(...METRICS_SEVERITIES), { nil: undefined }),
    source: fc.constantFrom(...METRICS_SOURCES),
    services: fc.uniqueArray(fc.constantFrom(...METRICS_SERVICES), { maxLength: 2 }),
    category: fc.option(fc.constantFrom(...METRICS_CATEGORIES), { nil: undefined }),
    drill: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    items: fc.array(
      fc.record({
        status: fc.constantFrom('open', 'done', 'wontfix'),
        due: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
        completed: fc.integer({ min: 0, max: 40 }),
        owner: fc.option(fc.constantFrom('alice', 'bob'), { nil: undefined }),
      }),
      { maxLength: 3 },
    ),
    postmortemAfterHours: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
  })
  .map((g) => {
    const m: Record<string, number> = { detectedAt: g.detectedAt };
    if (g.startedBefore !== undefined) m.startedAt = g.detectedAt - g.startedBefore;
    let t = g.detectedAt;
    const reopens: ReopenRecord[] = [];
    const cancel = g.cancelled && g.reached <= 1;
    const reachTo = (reached: number, gaps: readonly number[], from: number) => {
      for (let k = from; k < reached; k++) {
        t += gaps[(k - from) % gaps.length]!;
        m[LATER[k]!] = t;
      }
    };
    reachTo(cancel ? g.reached : Math.max(g.reached, g.reopenCycles.length > 0 ? 2 : 0), g.gaps, 0);
    let reached = Math.max(g.reached, g.reopenCycles.length > 0 ? 2 : 0);
    if (!cancel) {
      // A REOPEN (from resolve, review or closed) clears mitigation onwards; the incident restarts
      // in `mitigate` and runs to its next point.
      for (const cycle of g.reopenCycles) {
        if (reached < 3) break;
        const previous: Partial<Milestones> = {};
        for (const key of ['mitigatedAt', 'resolvedAt', 'reviewedAt', 'closedAt'] as const) {
          if (m[key] !== undefined) {
            previous[key] = m[key];
            delete m[key];
          }
        }
        t += cycle.gaps[0]!;
        reopens.push({ at: t, reason: 'it came back', previous });
        reached = cycle.reached;
        reachTo(reached, cycle.gaps, 2);
      }
    }
    let phase: Phase = PHASE_AFTER[reached]!;
    if (cancel) {
      t += g.gaps[5]!;
      m.cancelledAt = t;
      phase = 'cancelled';
    }
    const resolvedAt =
      reopens.find((r) => r.previous.resolvedAt !== undefined)?.previous.resolvedAt ?? m.resolvedAt;
    const actionItems: ActionItem[] = g.items.map((item, k) => ({
      id: `act_${k}`,
      title: `Follow-up ${k}`,
      status: item.status,
      ...(item.owner === undefined ? {} : { owner: item.owner }),
      ...(item.due === undefined ? {} : { dueAt: g.detectedAt + item.due * MS_DAY }),
      ...(item.status === 'done' ? { completedAt: g.detectedAt + item.completed * MS_DAY } : {}),
    }));
    const incident = metricsIncident({
      id: g.id,
      phase,
      source: g.source,
      drill: g.drill,
      services: g.services,
      milestones: m as Milestones,
      reopens,
      actionItems,
      ...(g.severity === undefined ? {} : { severity: g.severity }),
      ...(g.category === undefined ? {} : { category: g.category }),
      ...(g.postmortemAfterHours !== undefined && resolvedAt !== undefined && reached >= 4
        ? { postmortem: { publishedAt: resolvedAt + g.postmortemAfterHours * MS_HOUR } }
        : {}),
    });
    return incident;
  });

/** Incident sets: empty, one, or many (with duplicate ids and identical times allowed). */
export const metricsIncidentsArb: fc.Arbitrary<Incident[]> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Incident[]>([]) },
  { weight: 2, arbitrary: fc.array(metricsIncidentArb, { minLength: 1, maxLength: 1 }) },
  { weight: 8, arbitrary: fc.array(metricsIncidentArb, { maxLength: 40 }) },
);

/**
 * Incidents that all share one detection instant (identical timestamps everywhere): each incident's
 * times shifted together, so its chain stays monotone.
 */
export const sameInstantIncidentsArb: fc.Arbitrary<Incident[]> = fc
  .array(metricsIncidentArb, { minLength: 2, maxLength: 8 })
  .map((list) =>
    list.map((incident) => {
      const shift = METRICS_T0 + MS_DAY - incident.milestones.detectedAt;
      const milestones = Object.fromEntries(
        Object.entries(incident.milestones).map(([k, v]) => [k, v === undefined ? v : v + shift]),
      ) as Milestones;
      return { ...incident, milestones, reopens: [], actionItems: [] };
    }),
  );

export const metricsTimeZoneArb = fc.constantFrom(...METRICS_TIME_ZONES);

/** Pages for on-call load: a few responders, times over several weeks around DST changes. */
export const metricsPagesArb = fc.array(
  fc.record({
    responder: fc.constantFrom('alice', 'bob', 'carol', 'dmitri'),
    at: fc.integer({ min: METRICS_T0 + 60 * MS_DAY, max: METRICS_T0 + 320 * MS_DAY }),
  }),
  { maxLength: 60 },
);

const SKIPPABLE = ['startedAt', 'acknowledgedAt', 'triagedAt', 'mitigatedAt', 'reviewedAt'] as const;
const SWAPPABLE = [
  ['startedAt', 'detectedAt'],
  ['detectedAt', 'acknowledgedAt'],
  ['acknowledgedAt', 'resolvedAt'],
  ['mitigatedAt', 'resolvedAt'],
  ['resolvedAt', 'closedAt'],
] as const;

/**
 * Incidents as a warehouse may hold them: most lifecycle-consistent, some with a milestone never
 * recorded (resolved without an acknowledgement), some whose chain is broken (two milestones swapped:
 * resolved before impact start), the phase kept.
 */
export const metricsFactsArb: fc.Arbitrary<Incident> = fc
  .record({
    incident: metricsIncidentArb,
    damage: fc.oneof(
      { weight: 6, arbitrary: fc.constant(undefined) },
      { weight: 2, arbitrary: fc.constantFrom(...SKIPPABLE).map((skip) => ({ skip })) },
      { weight: 1, arbitrary: fc.constantFrom(...SWAPPABLE).map((swap) => ({ swap })) },
    ),
  })
  .map(({ incident, damage }) => {
    if (!damage) return incident;
    const m: Record<string, number | undefined> = { ...incident.milestones };
    if ('skip' in damage) delete m[damage.skip];
    else {
      const [a, b] = damage.swap;
      if (m[a] === undefined || m[b] === undefined || m[a] === m[b]) return incident;
      [m[a], m[b]] = [m[b], m[a]];
    }
    return { ...incident, milestones: m as Milestones };
  });

/** Sets of {@link metricsFactsArb}. */
export const metricsFactsSetArb: fc.Arbitrary<Incident[]> = fc.array(metricsFactsArb, { maxLength: 40 });
