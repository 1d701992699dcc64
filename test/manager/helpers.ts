import type { IncidentStore, Notifier, NotifyContext } from '../../src/adapters/index.js';
import type { Message } from '../../src/comms/index.js';
import type { Clock, IdGenerator, TimerId } from '../../src/manager/index.js';

import { min, rejectionOf, T0 } from '../support.js';

export { min, T0 };

/** A clock tests move by hand: `advance` fires the timers that fall due, in order; nothing sleeps. */
export interface ManualClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
  /** Timers waiting to fire. */
  pending(): number;
  /** Resolves once a timer is waiting (the loop under test reached its pause). */
  nextTimer(): Promise<void>;
}

export function manualClock(start = T0): ManualClock {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  let waiters: (() => void)[] = [];
  const clock: ManualClock = {
    now: () => now,
    setTimeout(callback, delayMs) {
      const id = ++seq;
      timers.set(id, { at: now + delayMs, callback });
      const w = waiters;
      waiters = [];
      for (const wake of w) wake();
      return id as TimerId;
    },
    clearTimeout(id) {
      if (id !== undefined) timers.delete(Number(id));
    },
    set(ms) {
      now = ms;
    },
    advance(ms) {
      const target = now + ms;
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= target)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (due === undefined) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].callback();
      }
      now = target;
    },
    pending: () => timers.size,
    nextTimer: () =>
      timers.size > 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)),
  };
  return clock;
}

/**
 * A clock whose timers fire by themselves in virtual time: each turn of the event loop is one
 * millisecond, so a 40 ms backoff waits 40 turns while other writers' store calls complete.
 * With `busy`, time jumps to the next timer only while no store call is in flight. For code that
 * backs off (conflict retries) in tests that do not drive the timers; nothing sleeps.
 */
export function autoClock(
  start = T0,
  /** When given, timers wait while it says the store is busy: backoffs outlast transactions, as with real time. */
  busy?: () => boolean,
): Clock & { set(ms: number): void; advance(ms: number): void; idle(): void } {
  let now = start;
  let seq = 0;
  let scheduled = false;
  const timers: { at: number; seq: number; callback: () => void }[] = [];
  const schedule = () => {
    if (scheduled || timers.length === 0) return;
    // While the store is busy, wait for its idle() call instead of polling (polling would compete
    // with the store for the one thread).
    if (busy?.()) return;
    scheduled = true;
    setImmediate(tick);
  };
  const tick = () => {
    scheduled = false;
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    if (busy === undefined) {
      now += 1;
      while (timers.length > 0 && timers[0]!.at <= now) timers.shift()!.callback();
    } else if (!busy()) {
      const next = timers.shift()!;
      now = Math.max(now, next.at);
      next.callback();
    }
    schedule();
  };
  return {
    now: () => now,
    setTimeout(callback, delayMs) {
      timers.push({ at: now + delayMs, seq: ++seq, callback });
      schedule();
      return seq;
    },
    clearTimeout(id) {
      const i = timers.findIndex((t) => t.seq === Number(id));
      if (i >= 0) timers.splice(i, 1);
    },
    set(ms) {
      now = ms;
    },
    advance(ms) {
      now += ms;
    },
    idle: schedule,
  };
}

/** Readable, repeatable ids. */
export function counterIds(): IdGenerator {
  let n = 0;
  return { newId: (prefix) => `${prefix}_${++n}` };
}

/** A notifier that records what it was sent. */
export function recordingNotifier(name: string): Notifier & {
  sent: { message: Message; context: NotifyContext }[];
  kinds(): string[];
} {
  const sent: { message: Message; context: NotifyContext }[] = [];
  return {
    name,
    sent,
    kinds: () => sent.map((s) => s.message.kind),
    async send(message, context) {
      sent.push({ message, context });
    },
  };
}

/** Everything a store holds about one incident, to compare before and after a rejected command. */
export async function snapshot(store: IncidentStore, incidentId: string) {
  return {
    log: await store.load(incidentId),
    incident: await store.get(incidentId),
    outbox: await store.outbox(incidentId),
    list: await store.list({ includeDrills: true, limit: 500 }),
  };
}

/** Awaits `promise`, which must reject with an `IncidentKitError`; returns the error (`rejectionOf`). */
export const rejection = rejectionOf;
