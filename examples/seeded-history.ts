/**
 * A seeded, realistic year of incidents as event logs (what a store holds), for the demo's report.
 * The same seed gives the same history: severities skewed towards the minor ones, durations
 * log-normal per severity and shrinking over the year as the team improves, most detected by
 * monitoring, some by customers, a few false alarms and duplicates, a few that came back, and
 * postmortems with action items for the serious ones (most done, some overdue).
 */
import type { IncidentEventInput } from '../src/index.js';

/** Options of {@link seededHistory}. */
export interface SeededHistoryOptions {
  /** How many incidents (default 520). */
  readonly count?: number;
  /** The end of the year covered (epoch ms); the history covers the 365 days before it. */
  readonly until: number;
  /** The seed (default 2026). */
  readonly seed?: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** mulberry32: small, fast and good enough to make a history look varied. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SERVICES = ['checkout-api', 'payments', 'search', 'auth', 'notifications', 'inventory', 'web-frontend'];
const CATEGORIES = [
  'deploy-regression',
  'deploy-regression',
  'capacity',
  'dependency-outage',
  'config-change',
  'database',
  'certificate-expiry',
  'network',
];
const PEOPLE = ['alice', 'bob', 'carol', 'dev', 'erin', 'farid', 'grace', 'hiro'];

/** Event logs of `count` incidents detected over the 365 days before `until`, oldest first. */
export function seededHistory(options: SeededHistoryOptions): IncidentEventInput[][] {
  const rand = random(options.seed ?? 2026);
  const count = options.count ?? 520;
  const from = options.until - 365 * DAY;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  // Box–Muller: a normal deviate for the log-normal durations.
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const starts = Array.from({ length: count }, () => from + Math.floor(rand() * 364.9 * DAY)).sort(
    (a, b) => a - b,
  );

  return starts.map((detectedAt, k) => {
    const id = `INC-${1000 + k}`;
    const r = rand();
    const severity = r < 0.04 ? 'SEV1' : r < 0.18 ? 'SEV2' : r < 0.55 ? 'SEV3' : 'SEV4';
    const rank = Number(severity.slice(3));
    // The team gets faster over the year: a quarter off the typical duration by the end.
    const progress = (detectedAt - from) / (365 * DAY);
    const typical = [0, 95, 70, 150, 240][rank]! * (1 - 0.25 * progress);
    const lasting = Math.max(8, Math.round(typical * Math.exp(0.7 * normal())));
    const detectionDelay = Math.max(0, Math.round(Math.exp(1.6 + 0.8 * normal())));
    const source = pick([
      'monitoring',
      'monitoring',
      'monitoring',
      'monitoring',
      'monitoring',
      'synthetic',
      'anomaly',
      'customer',
      'customer',
      'internal',
    ] as const);
    const service = pick(SERVICES);
    const category = pick(CATEGORIES);
    const commander = pick(PEOPLE);
    const comms = pick(PEOPLE.filter((p) => p !== commander));
    const at = (minutes: number) => detectedAt + Math.round(minutes * MINUTE);
    const log: IncidentEventInput[] = [
      {
        type: 'DECLARE',
        incidentId: id,
        title: `${service}: ${category.replaceAll('-', ' ')}`,
        at: detectedAt,
        startedAt: detectedAt - detectionDelay * MINUTE,
        severity,
        source,
        services: [service],
        category,
      },
    ];
    // Some alerts were nothing, or another incident already open.
    if (rand() < 0.03) {
      log.push({ type: 'CANCEL', at: at(6), reason: rand() < 0.5 ? 'false-alarm' : 'not-an-incident' });
      return log;
    }
    const ackAfter = Math.min(lasting / 4, Math.max(1, Math.exp(0.8 + 0.9 * normal())));
    log.push({ type: 'ACKNOWLEDGE', at: at(ackAfter), by: commander });
    if (rank <= 3)
      log.push({ type: 'ASSIGN_ROLE', at: at(ackAfter + 0.5), role: 'commander', assignee: commander });
    if (rank <= 2)
      log.push({ type: 'ASSIGN_ROLE', at: at(ackAfter + 1), role: 'commsLead', assignee: comms });
    log.push({ type: 'TRIAGE', at: at(ackAfter + 1.5), severity });
    const mitigatedAfter = Math.max(ackAfter + 2, lasting * (0.3 + 0.4 * rand()));
    if (rank <= 2) {
      for (let m = 20; m < mitigatedAfter; m += rank === 1 ? 15 : 30) {
        log.push({
          type: 'POST_UPDATE',
          at: at(m),
          audience: 'stakeholders',
          message: 'Still investigating.',
        });
      }
    }
    // The most recent few are still being worked on.
    if (detectedAt + lasting * MINUTE > options.until - 2 * DAY) return log;
    log.push({ type: 'MITIGATE', at: at(mitigatedAfter), summary: 'Impact stopped' });
    log.push({ type: 'RESOLVE', at: at(lasting), summary: 'Fixed' });
    let end = lasting;
    if (rand() < 0.04) {
      end = lasting + 90;
      log.push({ type: 'REOPEN', at: at(lasting + 45), reason: 'The errors came back' });
      log.push({ type: 'MITIGATE', at: at(lasting + 70), summary: 'Rolled back again' });
      log.push({ type: 'RESOLVE', at: at(lasting + 90), summary: 'Fixed for good' });
    }
    if (rank <= 2 || rand() < 0.1) {
      const reviewed = at(end + 60 * (20 + 40 * rand()));
      const items = 1 + Math.floor(rand() * 3);
      // Items are finished after the review, so their updates come after the close.
      const later: IncidentEventInput[] = [];
      for (let i = 0; i < items; i++) {
        const itemId = `act_${id.slice(4)}_${i}`;
        const dueAt = reviewed + (7 + Math.floor(rand() * 21)) * DAY;
        log.push({
          type: 'ADD_ACTION_ITEM',
          at: reviewed - 60 * MINUTE,
          item: {
            id: itemId,
            title: `Follow-up ${i + 1} for ${id}`,
            owner: pick(PEOPLE),
            dueAt,
            kind: pick(['prevent', 'detect', 'mitigate', 'process'] as const),
          },
        });
        const doneAt = dueAt + (rand() - 0.6) * 20 * DAY;
        if (rand() < 0.75 && doneAt < options.until) {
          later.push({
            type: 'UPDATE_ACTION_ITEM',
            at: Math.max(reviewed + 10 * MINUTE, Math.round(doneAt)),
            itemId,
            changes: { status: 'done' },
          });
        }
      }
      if (reviewed < options.until) {
        log.push({ type: 'PUBLISH_POSTMORTEM', at: reviewed, url: `https://wiki.example.com/pm/${id}` });
        log.push({ type: 'CLOSE', at: reviewed + 5 * MINUTE });
      }
      log.push(...later.sort((a, b) => Number(a.at) - Number(b.at)));
    } else {
      log.push({ type: 'CLOSE', at: at(end + 30) });
    }
    return log;
  });
}
