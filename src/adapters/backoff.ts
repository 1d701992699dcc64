import * as z from 'zod/mini';
import { parseWith } from '../internal/validate.js';
import { IncidentKitError, invalidInput } from '../model/index.js';
import { lazy } from '../model/lazy.js';

// Exponential backoff with jitter: the delay deliverOutbox waits before retrying a row, and the
// public backoffDelay that computes it for hosts.

/**
 * Exponential backoff between attempts: the delay before attempt n + 1 is
 * `min(maxMs, baseMs × factor^(n − 1))`, scaled by a random factor in `[1 − jitter, 1]` so that
 * replicas retrying the same outage spread out.
 *
 * @example
 * ```ts
 * import type { BackoffOptions } from 'incidentkit/adapters';
 * const backoff: BackoffOptions = { baseMs: 2_000, factor: 2, maxMs: 600_000, jitter: 0.5 };
 * ```
 */
export interface BackoffOptions {
  /** The first retry's delay (default 1 000 ms). */
  readonly baseMs?: number | undefined;
  /** Growth per attempt (default 2). */
  readonly factor?: number | undefined;
  /** The longest delay, also the cap on a `Retry-After` (default 3 600 000 ms: one hour). */
  readonly maxMs?: number | undefined;
  /** The share of the delay that is random (default 0.5: between half and all of it). */
  readonly jitter?: number | undefined;
}

// Built on first use: import-time work is every host's cold start.
export const BackoffSchema = /*#__PURE__*/ lazy(() =>
  z.strictObject({
    baseMs: z.optional(z.number().check(z.int(), z.nonnegative(), z.lte(Number.MAX_SAFE_INTEGER))),
    factor: z.optional(z.number().check(z.gte(1), z.lte(1_000))),
    maxMs: z.optional(z.number().check(z.int(), z.nonnegative(), z.lte(Number.MAX_SAFE_INTEGER))),
    jitter: z.optional(z.number().check(z.gte(0), z.lte(1))),
  }),
);
export type Backoff = z.output<ReturnType<typeof BackoffSchema>>;

// The trusted core of backoffDelay: every argument is already checked.
export function delayOf(attempt: number, backoff: Backoff, jitterDraw: number): number {
  const base = backoff.baseMs ?? 1_000;
  const factor = backoff.factor ?? 2;
  const max = backoff.maxMs ?? 3_600_000;
  const jitter = backoff.jitter ?? 0.5;
  const raw = Math.min(max, base * factor ** Math.max(0, attempt - 1));
  return Math.max(1, Math.round(raw * (1 - jitter * jitterDraw)));
}

/** One draw of the caller's `random`: anything but a number in [0, 1] is INVALID_INPUT. */
export function draw(random: () => number): number {
  let value: unknown;
  try {
    value = random();
  } catch (error) {
    throw new IncidentKitError('INVALID_INPUT', 'random: calling it threw', {
      issues: [{ path: 'random', message: 'calling it threw' }],
      cause: error,
    });
  }
  if (typeof value !== 'number' || !(value >= 0 && value <= 1))
    throw invalidInput('random', 'must return a number from 0 to 1');
  return value;
}

/**
 * The delay before the next attempt after `attempt` failed, per {@link BackoffOptions}.
 *
 * @throws IncidentKitError `INVALID_INPUT` when `attempt` is not a non-negative integer, a backoff
 * field is out of range (`baseMs`, `maxMs` non-negative integers, `factor` from 1 to 1,000,
 * `jitter` from 0 to 1), or `random` is not a function returning a number from 0 to 1.
 *
 * @example
 * ```ts
 * import { backoffDelay } from 'incidentkit/adapters';
 * backoffDelay(3, { baseMs: 1_000, jitter: 0 }); // 4000
 * ```
 */
export function backoffDelay(
  attempt: number,
  backoff: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  if (typeof attempt !== 'number' || !Number.isSafeInteger(attempt) || attempt < 0)
    throw invalidInput('attempt', 'expected a non-negative integer');
  const b = parseWith(BackoffSchema(), backoff === undefined ? {} : backoff, 'backoff');
  if (typeof random !== 'function') throw invalidInput('random', 'expected a function');
  return delayOf(attempt, b, draw(random));
}
