import type {
  ActionItemTracker,
  AppendOptions,
  IncidentStore,
  Notifier,
  NotifierRoute,
  OutboxMessageInput,
  SignalKey,
} from '../adapters/index.js';
import { vouchAppend } from '../adapters/store-input.js';
import { replay } from '../lifecycle/index.js';
import { type Incident, type IncidentEvent, IncidentKitError, isIncidentKitError } from '../model/index.js';
import type { SeverityPolicy } from '../severity/index.js';
import type { Clock } from './clock.js';
import type { IdGenerator } from './ids.js';
import type { KeyedLock } from './keyed-lock.js';

/** What every part of the manager shares: the store, the policy, time, ids and the adapters. */
export interface ManagerContext {
  readonly store: IncidentStore;
  readonly policy: SeverityPolicy;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly notifiers: readonly Notifier[];
  readonly routes: readonly NotifierRoute[] | undefined;
  readonly trackers: readonly ActionItemTracker[];
  readonly maxAttempts: number;
  /** The pause before retry `attempt` (1-based) after a conflict; 0 retries at once. */
  readonly conflictBackoffMs: (attempt: number) => number;
  readonly maxClockSkewMs: number | undefined;
  readonly timeZone: string | undefined;
  /** Queues this process's own transactions per incident. */
  readonly locks: KeyedLock;
}

/** What one attempt decided: append these events (and rows), or nothing is left to do. */
export type StepResult =
  | {
      readonly kind: 'append';
      readonly events: readonly IncidentEvent[];
      /** The incident after the events, as decided (what the store's fold of them comes to). */
      readonly incident: Incident;
      readonly outbox: readonly OutboxMessageInput[];
      readonly signalKeys?: readonly SignalKey[] | undefined;
    }
  | { readonly kind: 'done'; readonly incident: Incident };

/**
 * One attempt's decision from the incident as stored (undefined before its DECLARE) and the
 * clock's `now`. It may throw the lifecycle's error: the command no longer applies.
 */
export type Step = (current: Incident | undefined, now: number) => StepResult;

/** Per-call overrides of {@link transact}. */
export interface TransactOptions {
  /** The decision time (a scheduler's `now`); default `clock.now()` per attempt. */
  readonly now?: number | undefined;
  /** Attempts before a conflict is thrown; default the manager's. */
  readonly maxAttempts?: number | undefined;
}

/** How a transaction ended. */
export interface TransactResult {
  readonly incident: Incident;
  /** False when nothing was written (a repeat, or a step that found nothing to do). */
  readonly appended: boolean;
}

/** The command a `commandId` came with: its event's type and the ids its event may be stored under. */
export interface CommandEvent {
  readonly type: IncidentEvent['type'];
  readonly eventIds: readonly string[];
}

/**
 * The incident as the first application of `commandId` left it, if the store remembers that
 * command. A command id reused for another incident, or on the same incident for another command
 * (another event type, or another event id), is `INVALID_INPUT`: it is a host bug, and answering
 * with the first result would leak the other incident or drop this command without a word.
 */
export async function firstResult(
  ctx: ManagerContext,
  commandId: string,
  incidentId: string,
  command: CommandEvent,
): Promise<Incident | undefined> {
  const found = await ctx.store.findCommand(commandId);
  if (found === undefined) return undefined;
  if (found.incidentId !== incidentId)
    throw commandIdReused(
      commandId,
      `was already used for incident ${found.incidentId}`,
      incidentId,
      command,
    );
  const current = await ctx.store.get(incidentId);
  // Later commands moved it on: the first result is the log up to that command's version.
  const first =
    current !== undefined && current.version === found.version
      ? current
      : replay((await ctx.store.load(incidentId)).events.slice(0, found.version), { policy: ctx.policy });
  const entry = first.timeline.find((e) => command.eventIds.includes(e.eventId));
  if (entry === undefined || entry.type !== command.type) {
    const what =
      entry === undefined ? 'another request (other fields or another event id)' : `a ${entry.type}`;
    throw commandIdReused(
      commandId,
      `was already used on this incident for ${what}; a retry must repeat the request`,
      incidentId,
      command,
    );
  }
  return first;
}

function commandIdReused(
  commandId: string,
  message: string,
  incidentId: string,
  command: CommandEvent,
): IncidentKitError<'INVALID_INPUT'> {
  return new IncidentKitError('INVALID_INPUT', `payload.commandId: ${commandId} ${message}`, {
    issues: [{ path: 'payload.commandId', message }],
    incidentId,
    eventType: command.type,
  });
}

/**
 * Waits before a retry. Without it, writers that lost a race re-read together and race again in
 * lockstep: with 8 writers on one incident, a writer loses 9 rounds in a row about a third of the
 * time. A random pause (full jitter) spreads them out so most retries find the incident quiet.
 */
async function backoff(ctx: ManagerContext, attempt: number): Promise<void> {
  const ms = ctx.conflictBackoffMs(attempt);
  if (!(ms > 0)) return;
  await new Promise<void>((resolve) => {
    ctx.clock.setTimeout(resolve, ms);
  });
}

/** The default conflict backoff: full jitter over 2^attempt ms, at most 100 ms. */
export function jitteredBackoff(attempt: number): number {
  return Math.floor(Math.random() * Math.min(100, 2 ** attempt));
}

/**
 * Load → decide → append with the expected version, retried on `CONCURRENCY_CONFLICT` while the
 * step still decides to write (each retry re-reads the incident and decides anew, so a command
 * that no longer applies fails with the lifecycle's error instead of being forced in). With a
 * `commandId`, every attempt first asks the store whether the command was already applied, so a
 * retried request or a concurrent twin returns the first result instead of applying again.
 */
export async function transact(
  ctx: ManagerContext,
  incidentId: string,
  command: { readonly commandId: string; readonly event: CommandEvent } | undefined,
  step: Step,
  options: TransactOptions = {},
): Promise<TransactResult> {
  return ctx.locks.run(incidentId, () => attemptAll(ctx, incidentId, command, step, options));
}

async function attemptAll(
  ctx: ManagerContext,
  incidentId: string,
  command: { readonly commandId: string; readonly event: CommandEvent } | undefined,
  step: Step,
  options: TransactOptions,
): Promise<TransactResult> {
  const commandId = command?.commandId;
  const maxAttempts = options.maxAttempts ?? ctx.maxAttempts;
  // The first attempt may decide on the head the store remembers (no read): the append's version
  // check verifies it. Whatever else it comes to (a conflict, a refusal, nothing to do) may stem
  // from a stale head, so it does not count as an attempt and the command is decided again on a
  // head the database gave during this command: a read, or the head a conflict reported.
  let optimistic = true;
  let confirmed: number | undefined;
  for (let attempt = 1; ; ) {
    if (command !== undefined) {
      const prior = await firstResult(ctx, command.commandId, incidentId, command.event);
      if (prior !== undefined) return { incident: prior, appended: false };
    }
    const remembered = ctx.store.peek?.(incidentId);
    const fresh =
      remembered !== undefined && confirmed !== undefined && remembered.version >= confirmed
        ? remembered
        : undefined;
    const unverified = fresh === undefined && optimistic ? remembered : undefined;
    optimistic = false;
    const current = fresh ?? unverified ?? (await ctx.store.get(incidentId));
    const now = options.now ?? ctx.clock.now();
    let decided: StepResult;
    try {
      decided = step(current, now);
    } catch (error) {
      if (unverified !== undefined && isIncidentKitError(error)) continue;
      // Our derived event id stored with other content: a twin of this command won the race
      // between our findCommand and our read; the next round finds its result.
      if (
        commandId !== undefined &&
        isIncidentKitError(error, 'DUPLICATE_EVENT_ID') &&
        attempt++ < maxAttempts
      )
        continue;
      throw error;
    }
    if (decided.kind === 'done') {
      if (unverified !== undefined) continue;
      return { incident: decided.incident, appended: false };
    }
    const appendOptions: AppendOptions = {
      expectedVersion: current?.version ?? 0,
      now,
      outbox: decided.outbox,
      ...(commandId === undefined ? {} : { commandId }),
      ...(decided.signalKeys === undefined ? {} : { signalKeys: decided.signalKeys }),
    };
    // The events are decide's, the rows our builders': checked already (frozen, for one append).
    vouchAppend(decided.events, appendOptions, { before: current, after: decided.incident });
    try {
      const result = await ctx.store.append(incidentId, decided.events, appendOptions);
      return { incident: result.incident, appended: result.appended.length > 0 };
    } catch (error) {
      if (!isIncidentKitError(error, 'CONCURRENCY_CONFLICT')) throw error;
      // The store remembers the head the refusal saw; one at least that new is as good as a read.
      const actual = error.details.actualVersion;
      confirmed = typeof actual === 'number' ? actual : undefined;
      if (unverified !== undefined) continue;
      if (attempt++ >= maxAttempts) throw error;
      await backoff(ctx, attempt - 1);
    }
  }
}
