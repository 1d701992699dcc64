import { nanoid } from 'nanoid';
import { invalidInput, isIncidentKitError } from '../model/index.js';
import type { DeliveryOutcome, IncidentStore, OutboxRow } from './incident-store.js';
import type { Notifier, NotifyContext } from './notifier.js';
import type { AbortSignalLike } from './web.js';

/**
 * Default attempts before a row is dead-lettered (the first send and 7 retries).
 *
 * @example
 * ```ts
 * import { DEFAULT_MAX_ATTEMPTS } from 'incidentkit/adapters';
 * DEFAULT_MAX_ATTEMPTS; // 8
 * ```
 */
export const DEFAULT_MAX_ATTEMPTS = 8;
/**
 * Default lease on a claimed row: 60 s, six times the HTTP helper's 10 s send timeout.
 *
 * @example
 * ```ts
 * import { DEFAULT_LEASE_MS } from 'incidentkit/adapters';
 * DEFAULT_LEASE_MS; // 60000
 * ```
 */
export const DEFAULT_LEASE_MS = 60_000;

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

/**
 * Options of {@link deliverOutbox}.
 *
 * @example
 * ```ts
 * import type { DeliverOutboxOptions } from 'incidentkit/adapters';
 * const options: DeliverOutboxOptions = { now: Date.UTC(2026, 10, 24, 9), limit: 50 };
 * ```
 */
export interface DeliverOutboxOptions {
  /** The scheduler's clock (epoch ms): due times, backoff, Retry-After and leases use only this. */
  readonly now: number;
  /** The most rows to attempt in this call (default 100). */
  readonly limit?: number | undefined;
  /** The deliverer's id on its leases (default: a random id per call). */
  readonly owner?: string | undefined;
  /** How long a claim holds a row (default {@link DEFAULT_LEASE_MS}); keep it longer than a send's timeout. */
  readonly leaseMs?: number | undefined;
  /** Attempts before a row is dead-lettered (default {@link DEFAULT_MAX_ATTEMPTS}). */
  readonly maxAttempts?: number | undefined;
  readonly backoff?: BackoffOptions | undefined;
  /** Random numbers in [0, 1) for the jitter (default `Math.random`); tests pass a seeded one. */
  readonly random?: () => number;
  /** Sends in flight at once, each for a different (incident, notifier) (default 8). */
  readonly concurrency?: number | undefined;
  /**
   * Stops claiming more rows, and aborts sends in flight, when aborted. Each send's
   * `context.signal` also aborts at 80 % of `leaseMs` (wall clock), before another deliverer may
   * take the row over.
   */
  readonly signal?: AbortSignalLike | undefined;
}

/**
 * What happened to one row in a {@link deliverOutbox} call.
 *
 * @example
 * ```ts
 * import type { DeliveryAttempt } from 'incidentkit/adapters';
 * const attempt: DeliveryAttempt = { id: 'obx_1', incidentId: 'INC-1', notifier: 'slack', attempt: 1, outcome: 'delivered' };
 * ```
 */
export interface DeliveryAttempt {
  readonly id: string;
  readonly incidentId: string;
  readonly notifier: string;
  readonly attempt: number;
  /**
   * `lost`: the outcome could not be recorded — the lease ran out (another deliverer has the row)
   * or the store failed (`error` says how); the row is sent again when its lease expires.
   */
  readonly outcome: 'delivered' | 'retry' | 'dead' | 'lost';
  readonly error?: string | undefined;
  /** When a retried row is due again (epoch ms). */
  readonly dueAt?: number | undefined;
}

/**
 * The result of a {@link deliverOutbox} call.
 *
 * @example
 * ```ts
 * import type { DeliveryReport } from 'incidentkit/adapters';
 * const report: DeliveryReport = { attempted: 0, delivered: 0, retried: 0, dead: 0, lost: 0, attempts: [] };
 * ```
 */
export interface DeliveryReport {
  readonly attempted: number;
  readonly delivered: number;
  readonly retried: number;
  readonly dead: number;
  readonly lost: number;
  readonly attempts: readonly DeliveryAttempt[];
}

/**
 * The delay before the next attempt after `attempt` failed, per {@link BackoffOptions}.
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
  const base = backoff.baseMs ?? 1_000;
  const factor = backoff.factor ?? 2;
  const max = backoff.maxMs ?? 3_600_000;
  const jitter = Math.min(1, Math.max(0, backoff.jitter ?? 0.5));
  const raw = Math.min(max, base * factor ** Math.max(0, attempt - 1));
  return Math.max(1, Math.round(raw * (1 - jitter * random())));
}

/**
 * Delivers what is due in the outbox: claims due rows (at most the head row per incident and
 * notifier, so one incident's messages to one notifier arrive in order), sends each through its
 * notifier with the row id as idempotency key, and records the outcome. A failure is retried
 * with exponential backoff and jitter (or after the `Retry-After` the error asks for, capped at
 * `backoff.maxMs`) until `maxAttempts`, then dead-lettered with the last error; an error with
 * `permanent: true` is dead-lettered at once. Delivery is at least once: a deliverer that dies
 * between a send and its acknowledgement leaves the row leased until the lease runs out, and the
 * next deliverer sends it again with the same idempotency key.
 *
 * Defaults: 100 rows per call, a 60 s lease, 8 attempts, backoff 1 s × 2^(n−1) up to 1 h with 50 %
 * jitter (about 1, 2, 4, 8, 16, 32, 64 s between the 8 attempts), 8 sends at once. Only the
 * given `now` is used for due times, backoff, Retry-After and leases; a row delivered unlocks
 * the next row of its incident and notifier within the same call.
 *
 * @param store - where the outbox lives.
 * @param notifiers - the notifiers this deliverer can send through (rows for others are left alone).
 * @param options - `now` and the tuning above.
 * @returns counts and one entry per attempt.
 *
 * @example
 * ```ts
 * import { deliverOutbox, memoryStore } from 'incidentkit/adapters';
 * const store = memoryStore();
 * const report = await deliverOutbox(store, [], { now: Date.UTC(2026, 10, 24, 9) });
 * report.attempted; // 0
 * ```
 */
export async function deliverOutbox(
  store: IncidentStore,
  notifiers: readonly Notifier[],
  options: DeliverOutboxOptions,
): Promise<DeliveryReport> {
  const now = options?.now;
  if (typeof now !== 'number' || !Number.isSafeInteger(now) || now < 0) {
    throw invalidInput('options.now', 'expected epoch ms (a non-negative integer)');
  }
  const limit = positiveInt(options.limit, 100, 'options.limit');
  const leaseMs = positiveInt(options.leaseMs, DEFAULT_LEASE_MS, 'options.leaseMs');
  const maxAttempts = positiveInt(options.maxAttempts, DEFAULT_MAX_ATTEMPTS, 'options.maxAttempts');
  const concurrency = positiveInt(options.concurrency, 8, 'options.concurrency');
  const random = options.random ?? Math.random;
  const owner = options.owner ?? `deliverer_${nanoid(10)}`;
  if (!Array.isArray(notifiers)) throw invalidInput('notifiers', 'expected an array of notifiers');
  const byName = new Map<string, Notifier>();
  for (const notifier of notifiers) {
    if (typeof notifier?.name !== 'string' || typeof notifier.send !== 'function') {
      throw invalidInput('notifiers', 'each notifier needs a name and a send function');
    }
    if (byName.has(notifier.name))
      throw invalidInput('notifiers', `two notifiers are named ${notifier.name}`);
    byName.set(notifier.name, notifier);
  }
  const attempts: DeliveryAttempt[] = [];
  if (byName.size === 0) return report(attempts);
  const names = [...byName.keys()];
  const state: NotifyContext['state'] = {
    get: (key) => store.getState(key),
    set: (key, value) => store.setState(key, value),
  };

  while (attempts.length < limit && !options.signal?.aborted) {
    const rows = await store.claim({
      now,
      limit: Math.min(limit - attempts.length, 100),
      leaseMs,
      owner,
      notifiers: names,
    });
    if (rows.length === 0) break;
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        attempts.push(await attemptRow(row));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
  }
  return report(attempts);

  async function attemptRow(row: OutboxRow): Promise<DeliveryAttempt> {
    const base = { id: row.id, incidentId: row.incidentId, notifier: row.notifier, attempt: row.attempts };
    let outcome: DeliveryOutcome;
    if (row.attempts > maxAttempts) {
      // Earlier deliverers claimed it and never reported back (they died mid-send).
      outcome = {
        kind: 'dead',
        at: now,
        error: `${row.lastError ?? 'no outcome recorded'} (gave up: ${row.attempts - 1} attempts without a result)`,
      };
    } else {
      outcome = await send(row);
    }
    let settled: boolean;
    try {
      settled = await store.settle(row.id, owner, outcome);
    } catch (error) {
      // The store is unreachable: the outcome is unrecorded, the lease will expire, and the row
      // is sent again then (at least once). The other rows of this round still get their turn.
      return { ...base, outcome: 'lost', error: describeFailure(error).text };
    }
    if (!settled) return { ...base, outcome: 'lost' };
    switch (outcome.kind) {
      case 'delivered':
        return { ...base, outcome: 'delivered' };
      case 'retry':
        return { ...base, outcome: 'retry', error: outcome.error, dueAt: outcome.dueAt };
      case 'dead':
        return { ...base, outcome: 'dead', error: outcome.error };
    }
  }

  async function send(row: OutboxRow): Promise<DeliveryOutcome> {
    const notifier = byName.get(row.notifier)!;
    // The send is told to stop before its lease runs out (at 80 % of it, on the wall clock), so a
    // slow far side cannot keep it going while another deliverer takes the row over.
    const leaseGuard = abortAfter(Math.floor(leaseMs * 0.8), options.signal);
    const context: NotifyContext = {
      idempotencyKey: row.id,
      attempt: row.attempts,
      incident: row.incident,
      state,
      now,
      ...(leaseGuard === undefined ? {} : { signal: leaseGuard.signal }),
    };
    try {
      await notifier.send(row.message, context);
      return { kind: 'delivered', at: now };
    } catch (error) {
      const failure = describeFailure(error);
      if (failure.permanent) return { kind: 'dead', at: now, error: failure.text };
      if (row.attempts >= maxAttempts) {
        return { kind: 'dead', at: now, error: `${failure.text} (after ${row.attempts} attempts)` };
      }
      const cap = options.backoff?.maxMs ?? 3_600_000;
      const delay =
        failure.retryAfterMs === undefined
          ? backoffDelay(row.attempts, options.backoff, random)
          : Math.max(1, Math.min(cap, failure.retryAfterMs));
      return { kind: 'retry', at: now, dueAt: now + delay, error: failure.text };
    } finally {
      leaseGuard?.dispose();
    }
  }
}

interface TimerGlobals {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  AbortController?: new () => { readonly signal: AbortSignalLike; abort(reason?: unknown): void };
}

/** A signal that aborts after `ms` or when `outer` does; undefined where AbortController is missing. */
function abortAfter(
  ms: number,
  outer: AbortSignalLike | undefined,
): { signal: AbortSignalLike; dispose(): void } | undefined {
  const g = globalThis as unknown as TimerGlobals;
  if (g.AbortController === undefined)
    return outer === undefined ? undefined : { signal: outer, dispose() {} };
  const controller = new g.AbortController();
  const timer = g.setTimeout(() => controller.abort(), ms);
  const onAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) onAbort();
  else outer?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      g.clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    },
  };
}

function report(attempts: readonly DeliveryAttempt[]): DeliveryReport {
  let delivered = 0;
  let retried = 0;
  let dead = 0;
  let lost = 0;
  for (const a of attempts) {
    if (a.outcome === 'delivered') delivered++;
    else if (a.outcome === 'retry') retried++;
    else if (a.outcome === 'dead') dead++;
    else lost++;
  }
  return { attempted: attempts.length, delivered, retried, dead, lost, attempts };
}

function positiveInt(value: number | undefined, fallback: number, path: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw invalidInput(path, 'expected a positive integer');
  return value;
}

/** What a notifier's thrown value says: its text, whether it is permanent, and a requested delay. */
function describeFailure(error: unknown): {
  text: string;
  permanent: boolean;
  retryAfterMs?: number | undefined;
} {
  if (isIncidentKitError(error)) {
    const details = error.details as { permanent?: unknown; retryAfterMs?: unknown };
    const permanent = details.permanent === true || error.code === 'INVALID_INPUT';
    return {
      text: `${error.code}: ${error.message}`,
      permanent,
      ...(typeof details.retryAfterMs === 'number' ? { retryAfterMs: details.retryAfterMs } : {}),
    };
  }
  // A host's own notifier may throw anything; `permanent` and `retryAfterMs` are read off it.
  const shape = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    message?: unknown;
    permanent?: unknown;
    retryAfterMs?: unknown;
  };
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const message = typeof shape.message === 'string' ? shape.message : String(error);
  return {
    text: `${name}: ${message}`.slice(0, 2_000),
    permanent: shape.permanent === true,
    ...(typeof shape.retryAfterMs === 'number' && Number.isFinite(shape.retryAfterMs)
      ? { retryAfterMs: shape.retryAfterMs }
      : {}),
  };
}
