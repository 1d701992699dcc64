import { deliverOutbox, type IncidentStore, type Notifier } from '../../src/adapters/index.js';
import type { Clock, TimerId } from '../../src/manager/index.js';

export { rejectionOf } from '../support.js';

import { T0 } from '../support.js';

export { T0 };
export const minutes = (n: number) => T0 + n * 60_000;

/** A clock tests set by hand; its timers (the manager's conflict backoff) fire on the next turn, nothing sleeps. */
export function testClock(start = T0): Clock & { set(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    setTimeout: (callback) => setImmediate(callback) as unknown as TimerId,
    clearTimeout: (id) => {
      if (id !== undefined) clearImmediate(id as unknown as NodeJS.Immediate);
    },
    set: (ms) => {
      now = ms;
    },
  };
}

/** Sequential ids, so runs are deterministic. */
export function counterIds() {
  let n = 0;
  return { newId: (prefix: string) => `${prefix}_${String(++n).padStart(6, '0')}` };
}

/**
 * Delivers the outbox through `deliverOutbox` until nothing is pending: when a round attempts
 * nothing, moves the clock to the earliest pending row's due time (a Retry-After or a backoff) and
 * goes again. Returns the times each round ran at.
 */
export async function drainOutbox(
  store: IncidentStore,
  notifiers: readonly Notifier[],
  clock: { now(): number; set(ms: number): void },
  incidentIds: readonly string[],
  options: { readonly maxRounds?: number } = {},
): Promise<{ rounds: number[]; delivered: number; dead: number }> {
  const rounds: number[] = [];
  let delivered = 0;
  let dead = 0;
  for (let i = 0; i < (options.maxRounds ?? 50); i++) {
    const report = await deliverOutbox(store, notifiers, { now: clock.now(), random: () => 0 });
    rounds.push(clock.now());
    delivered += report.delivered;
    dead += report.dead;
    if (report.attempted > 0) continue;
    const pending = (await Promise.all(incidentIds.map((id) => store.outbox(id))))
      .flat()
      .filter((row) => row.status === 'pending');
    if (pending.length === 0) break;
    // Rows due already wait behind their incident's head row; the head's due time is the next event.
    const later = pending.map((row) => row.dueAt).filter((at) => at > clock.now());
    if (later.length === 0) break;
    clock.set(Math.min(...later));
  }
  return { rounds, delivered, dead };
}
