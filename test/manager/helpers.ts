import type { IncidentStore, Notifier, NotifyContext } from '../../src/adapters/index.js';
import type { Message } from '../../src/comms/index.js';
import type { Clock, IdGenerator, TimerId } from '../../src/manager/index.js';
import { type IncidentKitError, isIncidentKitError } from '../../src/model/index.js';

export const T0 = Date.UTC(2026, 10, 24, 9);
export const min = (n: number) => T0 + n * 60_000;

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

/** Awaits `promise`, which must reject with an `IncidentKitError`; returns the error. */
export async function rejection(promise: Promise<unknown>): Promise<IncidentKitError> {
  try {
    await promise;
  } catch (error) {
    if (!isIncidentKitError(error)) throw error;
    return error;
  }
  throw new Error('expected an IncidentKitError, but the promise resolved');
}
