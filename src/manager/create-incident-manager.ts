import * as z from 'zod/mini';
import {
  type ActionItemTracker,
  type DeliverOutboxOptions,
  type DeliveryReport,
  deliverOutbox,
  type IncidentListFilter,
  type IncidentStore,
  memoryStore,
  type Notifier,
  type NotifierRoute,
  type OutboxRow,
} from '../adapters/index.js';
import { MESSAGE_KINDS } from '../comms/index.js';
import { parseWith, readList, readOptions } from '../internal/validate.js';
import {
  AudienceSchema,
  checkTimeZone,
  type Incident,
  IncidentKitError,
  invalidInput,
  type TimeInput,
  TimestampSchema,
} from '../model/index.js';
import { built, lazy } from '../model/lazy.js';
import { resolvePolicy, type SeverityPolicy, type SeverityPolicyConfig } from '../severity/index.js';
import { applyCommand, declareCommand } from './apply-command.js';
import { type Clock, systemClock } from './clock.js';
import type { CommandPayload, DeclareCommand } from './command-input.js';
import { parseIncidentId } from './command-input.js';
import type { DueItem } from './due-items.js';
import { type IdGenerator, randomIds } from './ids.js';
import { keyedLock } from './keyed-lock.js';
import { type ManagerListFilter, storeListFilter } from './list-filter.js';
import { dueNow, type RemindResult, remindDue } from './reminders.js';
import { type RunOptions, type RunSummary, runLoop } from './run-loop.js';
import { intakeSignal, type SignalResult } from './signal-intake.js';
import { type SyncResult, syncActionItems } from './sync-action-items.js';
import { jitteredBackoff, type ManagerContext } from './transact.js';

/**
 * Options of {@link createIncidentManager}.
 *
 * @example
 * ```ts
 * import { memoryStore } from 'incidentkit/adapters';
 * import type { IncidentManagerOptions } from 'incidentkit/manager';
 * const options: IncidentManagerOptions = { store: memoryStore(), maxAttempts: 10 };
 * ```
 */
export interface IncidentManagerOptions {
  /** Where events, projections and the outbox live; default a new `memoryStore()` (same policy). */
  readonly store?: IncidentStore | undefined;
  /** The severity policy commands are decided under; default `defaultSeverityPolicy`. */
  readonly policy?: SeverityPolicy | SeverityPolicyConfig | undefined;
  /** Where messages go; each gets an outbox row per routed message. */
  readonly notifiers?: readonly Notifier[] | undefined;
  /** Which notifier gets which messages; without routes every notifier gets every message. */
  readonly routes?: readonly NotifierRoute[] | undefined;
  /** Trackers for action items; new items go to the first. */
  readonly trackers?: readonly ActionItemTracker[] | undefined;
  /** Time and timers; default {@link systemClock}. */
  readonly clock?: Clock | undefined;
  /** Random ids; default {@link randomIds}. */
  readonly ids?: IdGenerator | undefined;
  /**
   * Attempts per command when another replica changed the incident between load and append
   * (default 20; commands of one manager on one incident queue instead of racing).
   */
  readonly maxAttempts?: number | undefined;
  /**
   * The pause before retry `attempt` after a conflict (default: a random 0…2^attempt ms, at most
   * 100 ms, on the clock's timer), so writers that lost a race do not race again in lockstep.
   */
  readonly conflictBackoffMs?: (attempt: number) => number;
  /** How far an event's `at` may lie ahead of the clock (the lifecycle's default when absent). */
  readonly maxClockSkewMs?: number | undefined;
  /** IANA time zone every message the manager writes shows times in, and reminders and review windows are computed in (default UTC). */
  readonly timeZone?: string | undefined;
  /** Delivery settings for `deliver` and `run` (attempts, backoff, lease, concurrency; see `deliverOutbox`). */
  readonly delivery?: Omit<DeliverOutboxOptions, 'now' | 'signal' | 'limit'> | undefined;
}

/**
 * Options of the scheduler calls (`due`, `remind`, `deliver`, `syncActionItems`).
 *
 * @example
 * ```ts
 * import type { ScheduleOptions } from 'incidentkit/manager';
 * const options: ScheduleOptions = { now: '2026-11-24T09:20:00Z' };
 * ```
 */
export interface ScheduleOptions {
  /** The scheduler's time; default `clock.now()`. */
  readonly now?: TimeInput | undefined;
}

/**
 * The orchestration facade: every command validates its payload (an `IncidentKitError` naming the
 * field, store unchanged), loads the incident, decides with the clock's `now`, and appends the
 * event with the expected version together with the messages the policy asks for; it retries on
 * `CONCURRENCY_CONFLICT` while the command still applies and returns the updated incident.
 *
 * @example
 * ```ts
 * import { createIncidentManager, type IncidentManager } from 'incidentkit/manager';
 * const manager: IncidentManager = createIncidentManager();
 * const { id } = await manager.declare({ title: 'Checkout errors', severity: 'SEV3' });
 * await manager.note(id, { text: 'Error rate back to baseline after the rollback', kind: 'decision' });
 * ```
 */
export interface IncidentManager {
  /** The store the manager writes to. */
  readonly store: IncidentStore;
  /** The policy commands are decided under. */
  readonly policy: SeverityPolicy;
  /** Starts an incident (DECLARE); the initial notification and status page when its severity asks. */
  declare(payload: DeclareCommand): Promise<Incident>;
  /** A responder has it (detect → triage); paging notifiers hear it is acknowledged. */
  acknowledge(incidentId: string, payload?: CommandPayload<'ACKNOWLEDGE'>): Promise<Incident>;
  /** Severity confirmed (triage → mitigate). */
  triage(incidentId: string, payload: CommandPayload<'TRIAGE'>): Promise<Incident>;
  /** User impact stopped (mitigate → resolve). */
  mitigate(incidentId: string, payload?: CommandPayload<'MITIGATE'>): Promise<Incident>;
  /** The underlying problem fixed (resolve → review); sends the resolution notice. */
  resolve(incidentId: string, payload?: CommandPayload<'RESOLVE'>): Promise<Incident>;
  /** Review done (review → closed). */
  close(incidentId: string, payload?: CommandPayload<'CLOSE'>): Promise<Incident>;
  /** It came back (→ mitigate). */
  reopen(incidentId: string, payload: CommandPayload<'REOPEN'>): Promise<Incident>;
  /** Not an incident after all. */
  cancel(incidentId: string, payload: CommandPayload<'CANCEL'>): Promise<Incident>;
  assignRole(incidentId: string, payload: CommandPayload<'ASSIGN_ROLE'>): Promise<Incident>;
  unassignRole(incidentId: string, payload: CommandPayload<'UNASSIGN_ROLE'>): Promise<Incident>;
  setSeverity(incidentId: string, payload: CommandPayload<'SET_SEVERITY'>): Promise<Incident>;
  updateImpact(incidentId: string, payload: CommandPayload<'UPDATE_IMPACT'>): Promise<Incident>;
  /** Records a status update and sends it to its audience (`public` = the status page). */
  postUpdate(incidentId: string, payload: CommandPayload<'POST_UPDATE'>): Promise<Incident>;
  note(incidentId: string, payload: CommandPayload<'NOTE'>): Promise<Incident>;
  amendMilestone(incidentId: string, payload: CommandPayload<'AMEND_MILESTONE'>): Promise<Incident>;
  addActionItem(incidentId: string, payload: CommandPayload<'ADD_ACTION_ITEM'>): Promise<Incident>;
  updateActionItem(incidentId: string, payload: CommandPayload<'UPDATE_ACTION_ITEM'>): Promise<Incident>;
  /** The postmortem is out; sends the postmortem-published notice. */
  publishPostmortem(incidentId: string, payload?: CommandPayload<'PUBLISH_POSTMORTEM'>): Promise<Incident>;
  /** An alert from monitoring: declares, attaches a repeat, or notes a resolved alert. */
  signal(signal: unknown): Promise<SignalResult>;
  /** The current incident (from the store's projection); `NOT_FOUND` when unknown. */
  get(incidentId: string): Promise<Incident>;
  /** Incidents newest first, paged; severities are read on the manager's policy (aliases too). */
  list(
    filter?: ManagerListFilter,
  ): Promise<{ readonly items: Incident[]; readonly nextCursor?: string | undefined }>;
  /** What is past due: updates per cadence, acknowledgement and mitigation deadlines, roles, postmortems. */
  due(options?: ScheduleOptions): Promise<DueItem[]>;
  /** Enqueues a reminder per due item and due time (and re-pages an unacknowledged incident once per deadline). */
  remind(options?: ScheduleOptions): Promise<RemindResult>;
  /** One delivery round over the outbox. */
  deliver(options?: ScheduleOptions & { readonly limit?: number | undefined }): Promise<DeliveryReport>;
  /** Pushes action items to the trackers and pulls completion back. */
  syncActionItems(options?: ScheduleOptions): Promise<SyncResult>;
  /** Messages that ran out of attempts (or failed permanently). */
  deadLetters(options?: {
    readonly limit?: number | undefined;
    readonly cursor?: string | undefined;
  }): Promise<{
    readonly items: OutboxRow[];
    readonly nextCursor?: string | undefined;
  }>;
  /** Puts a dead letter back in the outbox, due now. */
  redrive(rowId: string): Promise<void>;
  /** The scheduler loop (remind + deliver every `intervalMs`) until `signal` aborts. */
  run(options?: RunOptions): Promise<RunSummary>;
}

const fn = () => z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function');
const name = () => z.string().check(z.minLength(1), z.maxLength(100));
const methods = <K extends string>(...keys: K[]) =>
  Object.fromEntries(keys.map((key) => [key, fn()])) as Record<K, ReturnType<typeof fn>>;

// Built on first use: import-time work is every host's cold start.
const OptionsSchema = /*#__PURE__*/ lazy(() =>
  z.strictObject({
    store: z.optional(
      z.looseObject(
        methods(
          'append',
          'load',
          'get',
          'list',
          'findCommand',
          'findSignal',
          'claim',
          'settle',
          'deadLetters',
          'redrive',
          'getState',
          'setState',
        ),
      ),
    ),
    policy: z.optional(z.unknown()),
    notifiers: z.optional(
      z.array(z.looseObject({ name: name(), ...methods('send') })).check(z.maxLength(100)),
    ),
    routes: z.optional(
      z
        .array(
          z.strictObject({
            notifier: name(),
            kinds: z.optional(z.array(z.enum(MESSAGE_KINDS))),
            audiences: z.optional(z.array(built(AudienceSchema))),
            severities: z.optional(z.array(z.string().check(z.maxLength(32)))),
            pages: z.optional(z.array(z.enum(['all-hands', 'team', 'on-call', 'none']))),
          }),
        )
        .check(z.maxLength(1_000)),
    ),
    trackers: z.optional(
      z
        .array(z.looseObject({ name: name(), ...methods('create', 'update', 'status') }))
        .check(z.maxLength(20)),
    ),
    clock: z.optional(z.looseObject(methods('now', 'setTimeout', 'clearTimeout'))),
    ids: z.optional(z.looseObject(methods('newId'))),
    maxAttempts: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(100))),
    conflictBackoffMs: z.optional(fn()),
    maxClockSkewMs: z.optional(z.number().check(z.int(), z.nonnegative())),
    timeZone: z.optional(z.string()),
    delivery: z.optional(z.record(z.string(), z.unknown())),
  }),
);

function uniqueNames(list: readonly { readonly name: string }[], path: string): void {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (seen.has(item.name)) throw invalidInput(`${path}[${i}].name`, `"${item.name}" is used twice`);
    seen.add(item.name);
  });
}

const ScheduleSchema = /*#__PURE__*/ lazy(() =>
  z.strictObject({
    now: z.optional(built(TimestampSchema)),
    limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(1_000))),
  }),
);

const RunSchema = /*#__PURE__*/ lazy(() =>
  z.strictObject({
    signal: z.optional(
      z.looseObject({ aborted: z.boolean(), ...methods('addEventListener', 'removeEventListener') }),
    ),
    intervalMs: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(86_400_000))),
    onError: z.optional(fn()),
  }),
);

/**
 * The manager's options read once: each field once, and the notifier and tracker lists copied
 * once (their entries kept as given); anything that is not an options object is left to the
 * schema to refuse.
 */
function readManagerOptions(options: unknown): IncidentManagerOptions {
  const given = readOptions(options ?? {}, 'options');
  if (given === undefined || Array.isArray(given)) return (given ?? {}) as IncidentManagerOptions;
  for (const key of ['notifiers', 'trackers'] as const)
    if (given[key] !== undefined) given[key] = readList(given[key], `options.${key}`);
  return given as IncidentManagerOptions;
}

/**
 * Creates the incident manager: the facade a host's Slack bot, portal or HTTP API calls. Every
 * command is async, takes `(incidentId, payload)` (`declare` takes the DECLARE payload), defaults
 * `at` to the clock's now, accepts a `commandId` idempotency key, and returns the updated incident.
 *
 * @param options - store, policy, notifiers and routes, trackers, clock and ids; all optional.
 * @returns an {@link IncidentManager}.
 * @throws IncidentKitError `INVALID_INPUT` for malformed options (naming the option).
 *
 * @example
 * ```ts
 * import { createIncidentManager } from 'incidentkit/manager';
 * const manager = createIncidentManager();
 * const incident = await manager.declare({ title: 'Checkout errors', severity: 'SEV2', commandId: 'req-1' });
 * await manager.acknowledge(incident.id, { by: 'alice' });
 * (await manager.get(incident.id)).phase; // 'triage'
 * ```
 */
export function createIncidentManager(options: IncidentManagerOptions = {}): IncidentManager {
  // Each option read once (a getter or trap that throws is INVALID_INPUT), and the lists copied
  // once, so what is checked is what is used.
  const opts = readManagerOptions(options);
  const checked = parseWith(OptionsSchema(), opts, 'options');
  const policy = resolvePolicy(opts.policy);
  // Checked above, but used as given: a class-based notifier keeps its prototype and `this`.
  const notifiers: readonly Notifier[] = opts.notifiers ?? [];
  const trackers: readonly ActionItemTracker[] = opts.trackers ?? [];
  uniqueNames(notifiers, 'options.notifiers');
  uniqueNames(trackers, 'options.trackers');
  const routes = checked.routes as readonly NotifierRoute[] | undefined;
  routes?.forEach((route, i) => {
    if (!notifiers.some((n) => n.name === route.notifier))
      throw invalidInput(`options.routes[${i}].notifier`, `no notifier is named "${route.notifier}"`);
  });
  const timeZone =
    checked.timeZone === undefined ? undefined : checkTimeZone(checked.timeZone, 'options.timeZone');
  const ctx: ManagerContext = {
    store: opts.store ?? memoryStore({ policy }),
    policy,
    clock: opts.clock ?? systemClock,
    ids: opts.ids ?? randomIds,
    notifiers,
    routes,
    trackers,
    maxAttempts: checked.maxAttempts ?? 20,
    conflictBackoffMs: opts.conflictBackoffMs ?? jitteredBackoff,
    maxClockSkewMs: checked.maxClockSkewMs,
    timeZone,
    locks: keyedLock(),
  };
  const delivery = opts.delivery ?? {};

  const nowOf = (value: unknown, path: string): { now: number; limit?: number | undefined } => {
    const parsed = parseWith(ScheduleSchema(), value ?? {}, path);
    return {
      now: parsed.now ?? ctx.clock.now(),
      ...(parsed.limit === undefined ? {} : { limit: parsed.limit }),
    };
  };

  const command =
    <T extends Parameters<typeof applyCommand>[1]>(type: T, optional = false) =>
    async (incidentId: string, payload?: unknown): Promise<Incident> =>
      applyCommand(ctx, type, incidentId, payload, optional);

  const deliver = async (value?: unknown): Promise<DeliveryReport> => {
    const { now, limit } = nowOf(value, 'options');
    return deliverOutbox(ctx.store, ctx.notifiers, {
      ...delivery,
      now,
      ...(limit === undefined ? {} : { limit }),
    });
  };

  return {
    store: ctx.store,
    policy,
    declare: async (payload) => declareCommand(ctx, payload),
    acknowledge: command('ACKNOWLEDGE', true),
    triage: command('TRIAGE'),
    mitigate: command('MITIGATE', true),
    resolve: command('RESOLVE', true),
    close: command('CLOSE', true),
    reopen: command('REOPEN'),
    cancel: command('CANCEL'),
    assignRole: command('ASSIGN_ROLE'),
    unassignRole: command('UNASSIGN_ROLE'),
    setSeverity: command('SET_SEVERITY'),
    updateImpact: command('UPDATE_IMPACT'),
    postUpdate: command('POST_UPDATE'),
    note: command('NOTE'),
    amendMilestone: command('AMEND_MILESTONE'),
    addActionItem: command('ADD_ACTION_ITEM'),
    updateActionItem: command('UPDATE_ACTION_ITEM'),
    publishPostmortem: command('PUBLISH_POSTMORTEM', true),
    signal: async (signal) => intakeSignal(ctx, signal),
    async get(incidentId) {
      const id = parseIncidentId(incidentId);
      const incident = await ctx.store.get(id);
      if (incident === undefined)
        throw new IncidentKitError('NOT_FOUND', `no incident ${id}`, {
          incidentId: id,
          resource: 'incident',
          key: id,
        });
      return incident;
    },
    // Every method is async, so even an error found before any I/O arrives as a rejection.
    list: async (filter) => ctx.store.list(storeListFilter(ctx, filter) as IncidentListFilter),
    due: async (value) => dueNow(ctx, nowOf(value, 'options').now),
    remind: async (value) => remindDue(ctx, nowOf(value, 'options').now),
    deliver,
    syncActionItems: async (value) => syncActionItems(ctx, nowOf(value, 'options').now),
    deadLetters: async (page) => ctx.store.deadLetters(page),
    redrive: async (rowId) => ctx.store.redrive(rowId, { now: ctx.clock.now() }),
    async run(value) {
      parseWith(RunSchema(), value ?? {}, 'options');
      // The signal is read live (its `aborted` flips later), so the caller's object is used.
      const runOptions: RunOptions = value ?? {};
      return runLoop(
        ctx.clock,
        async (now) => {
          // Messages already queued go out even when reminding failed this round.
          const reminding = remindDue(ctx, now).then(
            () => undefined,
            (error: unknown) => error,
          );
          const failure = await reminding;
          await deliverOutbox(ctx.store, ctx.notifiers, {
            ...delivery,
            now,
            ...(runOptions.signal === undefined ? {} : { signal: runOptions.signal }),
          });
          if (failure !== undefined) throw failure;
        },
        runOptions,
      );
    },
  };
}
