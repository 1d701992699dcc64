/**
 * What `clock.setTimeout` returns. Platforms type timer handles differently (Node returns an
 * object, browsers a number), so any value that converts to a number will do.
 *
 * @example
 * ```ts
 * import type { TimerId } from 'incidentkit/manager';
 * const id: TimerId = 42;
 * ```
 */
export type TimerId = number | { [Symbol.toPrimitive]: () => number };

/**
 * The manager's source of time and timers: `now()` is the `at` of every command that gives none,
 * and the `now` of every decision, reminder and delivery round; `setTimeout` paces `run()`.
 * Tests pass their own (a fixed or hand-advanced clock) so nothing sleeps.
 *
 * @example
 * ```ts
 * import type { Clock } from 'incidentkit/manager';
 * let now = Date.parse('2026-11-24T09:00:00Z');
 * const timers: (() => void)[] = [];
 * const clock: Clock = {
 *   now: () => now,
 *   setTimeout: (callback) => timers.push(callback),
 *   clearTimeout: () => {},
 * };
 * now += 60_000;
 * clock.now(); // 1795510860000
 * ```
 */
export interface Clock {
  readonly now: () => number;
  readonly setTimeout: (callback: () => void, delayMs: number) => TimerId;
  readonly clearTimeout: (id: TimerId | undefined) => void;
}

interface TimerGlobals {
  setTimeout(callback: () => void, delayMs: number): TimerId;
  clearTimeout(id: TimerId | undefined): void;
}

// The globals are looked up on every call, not captured at import, so a test that replaces
// `Date.now` or the timers (fake timers) is honoured, as TanStack's default timeout provider does.
const timers = (): TimerGlobals => globalThis as unknown as TimerGlobals;

/**
 * The default {@link Clock}: `Date.now()` and the global timers, looked up on every call.
 *
 * @example
 * ```ts
 * import { systemClock } from 'incidentkit/manager';
 * typeof systemClock.now(); // 'number'
 * ```
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => timers().setTimeout(callback, delayMs),
  clearTimeout: (id) => timers().clearTimeout(id),
};
