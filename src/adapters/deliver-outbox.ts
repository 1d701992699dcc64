import * as z from 'zod/mini';
import { parseWith, readOptions } from '../internal/validate.js';
import { randomSymbols } from '../model/ids.js';
import { EpochMsSchema, IncidentKitError, invalidInput, isIncidentKitError } from '../model/index.js';
import { built, lazy } from '../model/lazy.js';
import { type BackoffOptions, BackoffSchema, delayOf, draw } from './backoff.js';
import type { DeliveryOutcome, IncidentStore, OutboxRow } from './incident-store.js';
import type { Notifier, NotifyContext } from './notifier.js';
import { type AbortSignalLike, type AbortWatch, readMembers, watchSignal } from './web.js';

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

const DeliverOptionsSchema = /*#__PURE__*/ lazy(() =>
  z.strictObject({
    now: built(EpochMsSchema),
    limit: z.optional(z.number().check(z.int(), z.positive(), z.lte(Number.MAX_SAFE_INTEGER))),
    owner: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    // A timer cannot wait longer than 2³¹−1 ms, and 80 % of the lease is one.
    leaseMs: z.optional(z.number().check(z.int(), z.positive(), z.lte(2_147_483_647))),
    maxAttempts: z.optional(z.number().check(z.int(), z.positive(), z.lte(1_000_000))),
    backoff: z.optional(BackoffSchema()),
    random: z.optional(z.custom<() => number>((v) => typeof v === 'function', 'expected a function')),
    concurrency: z.optional(z.number().check(z.int(), z.positive(), z.lte(1_000))),
  }),
);

/** A deliverer's default lease owner: 84 random bits, as the ids incidentkit makes. */
function randomOwner(): string {
  return `deliverer_${randomSymbols(14)}`;
}

const NOTIFIERS_MAX = 1_000;

/** A notifier read once: its name, and its `send` called on the caller's own object. */
interface BoundNotifier {
  readonly name: string;
  send(message: OutboxRow['message'], context: NotifyContext): Promise<void>;
}

function readNotifiers(value: unknown): BoundNotifier[] {
  let list: unknown[];
  try {
    if (!Array.isArray(value)) throw invalidInput('notifiers', 'expected an array of notifiers');
    const length = value.length;
    if (length > NOTIFIERS_MAX) throw invalidInput('notifiers', `must have at most ${NOTIFIERS_MAX} entries`);
    list = [];
    for (let i = 0; i < length; i++) list.push(value[i]);
  } catch (error) {
    if (isIncidentKitError(error)) throw error;
    throw unreadableList(error);
  }
  const seen = new Set<string>();
  return list.map((notifier, i) => {
    const path = `notifiers[${i}]`;
    const m = readMembers(notifier, path, ['name', 'send'], 'a notifier');
    const { name, send } = m;
    if (typeof name !== 'string' || name === '' || name.length > 100)
      throw invalidInput(`${path}.name`, 'expected a name of 1 to 100 characters');
    if (typeof send !== 'function') throw invalidInput(`${path}.send`, 'expected a function');
    if (seen.has(name)) throw invalidInput(`${path}.name`, `two notifiers are named ${name}`);
    seen.add(name);
    return { name, send: (message, context) => send.call(notifier, message, context) };
  });
}

function unreadableList(cause: unknown) {
  return new IncidentKitError('INVALID_INPUT', 'notifiers: reading it threw', {
    issues: [{ path: 'notifiers', message: 'reading it threw' }],
    cause,
  });
}

/** The store's methods, read once and called on the store itself. */
function readStore(value: unknown): Pick<IncidentStore, 'claim' | 'settle' | 'getState' | 'setState'> {
  const m = readMembers(value, 'store', ['claim', 'settle', 'getState', 'setState'], 'an IncidentStore');
  for (const key of ['claim', 'settle', 'getState', 'setState'] as const)
    if (typeof m[key] !== 'function') throw invalidInput(`store.${key}`, 'expected a function');
  const call =
    <K extends 'claim' | 'settle' | 'getState' | 'setState'>(key: K) =>
    (...args: Parameters<IncidentStore[K]>) =>
      (m[key] as (...a: unknown[]) => ReturnType<IncidentStore[K]>).apply(value, args);
  return {
    claim: call('claim'),
    settle: call('settle'),
    getState: call('getState'),
    setState: call('setState'),
  };
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
  const raw = readOptions(options, 'options');
  if (raw === undefined || Array.isArray(raw))
    throw invalidInput('options', 'expected an options object with now');
  // The signal is live (its `aborted` flips later): it is watched, not copied.
  const { signal: outerSignal, ...rest } = raw;
  const o = parseWith(DeliverOptionsSchema(), rest, 'options');
  const now = o.now;
  const limit = o.limit ?? 100;
  const leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
  const maxAttempts = o.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const concurrency = o.concurrency ?? 8;
  const random = o.random ?? Math.random;
  const backoff = o.backoff ?? {};
  const owner = o.owner ?? randomOwner();
  const db = readStore(store);
  const byName = new Map(readNotifiers(notifiers).map((n) => [n.name, n] as const));
  const attempts: DeliveryAttempt[] = [];
  const outer = watchSignal(outerSignal, 'options.signal');
  const names = [...byName.keys()];
  const state: NotifyContext['state'] = {
    get: (key) => db.getState(key),
    set: (key, value) => db.setState(key, value),
  };

  try {
    if (byName.size > 0) await deliverRounds();
  } finally {
    outer?.dispose();
  }
  return report(attempts);

  async function deliverRounds(): Promise<void> {
    while (attempts.length < limit && !outer?.aborted) {
      const rows = await db.claim({
        now,
        limit: Math.min(limit - attempts.length, 100),
        leaseMs,
        owner,
        notifiers: names,
      });
      if (!Array.isArray(rows)) throw invalidInput('store.claim', 'must resolve to a list of outbox rows');
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
  }

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
      settled = await db.settle(row.id, owner, outcome);
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
    const leaseGuard = abortAfter(Math.floor(leaseMs * 0.8), outer);
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
      const cap = backoff.maxMs ?? 3_600_000;
      const delay =
        failure.retryAfterMs === undefined
          ? delayOf(row.attempts, backoff, draw(random))
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

/** A signal that aborts after `ms` or when `outer` does; without AbortController, the caller's own. */
function abortAfter(
  ms: number,
  outer: AbortWatch | undefined,
): { signal: AbortSignalLike; dispose(): void } | undefined {
  const g = globalThis as unknown as TimerGlobals;
  if (g.AbortController === undefined)
    return outer === undefined ? undefined : { signal: outer.original, dispose() {} };
  const controller = new g.AbortController();
  const timer = g.setTimeout(() => controller.abort(), ms);
  const stop = outer?.onAbort(() => controller.abort(outer.reason));
  return {
    signal: controller.signal,
    dispose() {
      g.clearTimeout(timer);
      stop?.();
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

const FAILURE_TEXT_MAX = 2_000;

/**
 * What a notifier's thrown value says: its text (at most 2,000 characters), whether it is
 * permanent, and a requested delay. A host's notifier may throw anything, even a value whose
 * properties throw when read; that reads as an unnamed failure, retried.
 */
function describeFailure(error: unknown): {
  text: string;
  permanent: boolean;
  retryAfterMs?: number | undefined;
} {
  try {
    if (isIncidentKitError(error)) {
      const details = error.details as { permanent?: unknown; retryAfterMs?: unknown };
      const permanent = details.permanent === true || error.code === 'INVALID_INPUT';
      return {
        text: `${error.code}: ${error.message}`.slice(0, FAILURE_TEXT_MAX),
        permanent,
        ...(typeof details.retryAfterMs === 'number' && Number.isFinite(details.retryAfterMs)
          ? { retryAfterMs: details.retryAfterMs }
          : {}),
      };
    }
    // `permanent` and `retryAfterMs` are read off whatever was thrown.
    const shape = (typeof error === 'object' && error !== null ? error : {}) as {
      name?: unknown;
      message?: unknown;
      permanent?: unknown;
      retryAfterMs?: unknown;
    };
    const name = typeof shape.name === 'string' ? shape.name.slice(0, 100) : 'Error';
    const message =
      typeof shape.message === 'string'
        ? shape.message.slice(0, FAILURE_TEXT_MAX)
        : typeof error === 'object' && error !== null
          ? 'a thrown object without a message'
          : String(error).slice(0, FAILURE_TEXT_MAX);
    return {
      text: `${name}: ${message}`.slice(0, FAILURE_TEXT_MAX),
      permanent: shape.permanent === true,
      ...(typeof shape.retryAfterMs === 'number' && Number.isFinite(shape.retryAfterMs)
        ? { retryAfterMs: shape.retryAfterMs }
        : {}),
    };
  } catch {
    return { text: 'Error: a thrown value that cannot be read', permanent: false };
  }
}
