// What both stores share: validation of append arguments and list filters, cursors, the outbox
// row ids derived for rows given without one, and the list filter itself. The schemas are built
// on first use (import-time work is every host's cold start).
import * as z from 'zod/mini';
import { canonicalJson } from '../internal/canonical-json.js';
import { parseWith } from '../internal/validate.js';
import {
  derivedEventId,
  EpochMsSchema,
  type Incident,
  type IncidentEvent,
  IncidentEventSchema,
  IncidentIdSchema,
  IncidentKitError,
  invalidInput,
  PHASES,
  type Phase,
} from '../model/index.js';
import { built, lazy } from '../model/lazy.js';
import { LIMITS } from '../model/limits.js';
import type {
  AppendOptions,
  DeliveryOutcome,
  IncidentListFilter,
  OutboxMessageInput,
  SignalKey,
} from './incident-store.js';

const keyText = () => z.string().check(z.minLength(1), z.maxLength(500));
const epochMs = () => built(EpochMsSchema);

/** What an append's options hold besides the outbox: the part checked even for the manager's own. */
const appendScalars = () => ({
  expectedVersion: z.number().check(z.int(), z.nonnegative()),
  now: epochMs(),
  commandId: z.optional(keyText()),
});

const AppendOptionsSchema = /*#__PURE__*/ lazy(() =>
  z.strictObject({
    ...appendScalars(),
    outbox: z.optional(
      z
        .array(
          z.object({
            id: z.optional(keyText()),
            notifier: keyText(),
            message: z.looseObject({ kind: z.string(), incidentId: z.string() }),
            incident: z.object({
              id: z.string(),
              severity: z.optional(z.string()),
              phase: z.enum(PHASES),
              page: z.enum(['all-hands', 'team', 'on-call', 'none']),
            }),
            dueAt: z.optional(epochMs()),
          }),
        )
        .check(z.maxLength(1_000)),
    ),
    signalKeys: z.optional(
      z.array(z.object({ source: keyText(), dedupKey: keyText() })).check(z.maxLength(100)),
    ),
  }),
);

const AppendScalarsSchema = /*#__PURE__*/ lazy(() => z.object(appendScalars()));

// Appends the incident manager built itself (events its decide produced, outbox rows of its own
// builders, no caller's object among them): checked already, so a store skips checking them
// again. The store may be host code wrapping ours (for tracing, say), so what is vouched for is
// frozen (an edit on the way throws instead of slipping past the check) and the mark is good for
// one append only.
const vouched = new WeakMap<object, OwnDecision>();

/** What the manager decided: the incident it decided on (as the store handed it out) and the one after. */
export interface OwnDecision {
  readonly before: Incident | undefined;
  readonly after: Incident;
}

/**
 * Marks the events and options of an append incidentkit built and checked itself, so the store
 * it goes to takes the events and outbox rows as they are (its scalar options are still checked),
 * and, when `decision.before` is the copy it handed out of the head the append lands on, takes
 * `decision.after` as the projection instead of folding the events again.
 */
export function vouchAppend(
  events: readonly IncidentEvent[],
  options: AppendOptions,
  decision: OwnDecision,
): void {
  for (const event of events) Object.freeze(event);
  for (const row of options.outbox ?? []) Object.freeze(row);
  Object.freeze(options.outbox);
  Object.freeze(options.signalKeys);
  vouched.set(Object.freeze(events), decision);
  vouched.set(Object.freeze(options), decision);
}

/** An append's arguments, validated, with events completed (ids, DECLARE's incident id). */
export interface CheckedAppend {
  readonly incidentId: string;
  readonly events: IncidentEvent[];
  readonly options: {
    readonly expectedVersion: number;
    readonly now: number;
    readonly outbox: readonly OutboxMessageInput[];
    readonly commandId?: string | undefined;
    readonly signalKeys: readonly SignalKey[];
  };
  /** For an append the manager vouched for: what it decided (see {@link vouchAppend}). */
  readonly decided?: OwnDecision | undefined;
}

/** Validates an append; throws INVALID_INPUT naming the field. */
export function checkAppend(incidentId: unknown, events: unknown, options: unknown): CheckedAppend {
  const id = parseWith(built(IncidentIdSchema), incidentId, 'incidentId');
  if (!Array.isArray(events)) throw invalidInput('events', 'expected an array of events');
  if (events.length > 10_000) throw invalidInput('events', 'must have at most 10000 entries');
  const decided = vouched.get(events);
  if (
    decided !== undefined &&
    typeof options === 'object' &&
    options !== null &&
    vouched.get(options) === decided
  ) {
    vouched.delete(events);
    vouched.delete(options);
    const own = options as AppendOptions;
    const scalars = parseWith(
      AppendScalarsSchema(),
      { expectedVersion: own.expectedVersion, now: own.now, commandId: own.commandId },
      'options',
    );
    return {
      incidentId: id,
      events: [...(events as IncidentEvent[])],
      options: { ...scalars, outbox: own.outbox ?? [], signalKeys: own.signalKeys ?? [] },
      decided,
    };
  }
  const opts = parseWith(AppendOptionsSchema(), options, 'options') as AppendOptions;
  const parsed: IncidentEvent[] = [];
  const eventSchema = built(IncidentEventSchema);
  for (let i = 0; i < events.length; i++) {
    const event = parseWith(eventSchema, events[i], `events[${i}]`) as IncidentEvent;
    parsed.push(event);
  }
  return {
    incidentId: id,
    events: parsed,
    options: {
      expectedVersion: opts.expectedVersion,
      now: opts.now,
      outbox: opts.outbox ?? [],
      ...(opts.commandId === undefined ? {} : { commandId: opts.commandId }),
      signalKeys: opts.signalKeys ?? [],
    },
  };
}

/**
 * The events of a batch that are new, completed ({@link completeEvent}, versions counted from
 * `version + 1`), each with its canonical JSON (what the hash chain covers). An event whose id
 * `stored` (or an earlier event of the batch) already holds with the same content is left out;
 * with other content it is `DUPLICATE_EVENT_ID`.
 */
export function newEvents(
  incidentId: string,
  events: readonly IncidentEvent[],
  version: number,
  stored: (eventId: string) => string | undefined,
): { readonly added: IncidentEvent[]; readonly bodies: string[] } {
  const added: IncidentEvent[] = [];
  const bodies: string[] = [];
  const batch = new Map<string, string>();
  for (let i = 0; i < events.length; i++) {
    const event = completeEvent(incidentId, events[i]!, version + added.length + 1, `events[${i}]`);
    const body = canonicalJson(event);
    const known = stored(event.id) ?? batch.get(event.id);
    if (known !== undefined) {
      if (known !== body) throw duplicateEventId(incidentId, event.id, `events[${i}]`);
      continue;
    }
    batch.set(event.id, body);
    added.push(event);
    bodies.push(body);
  }
  return { added, bodies };
}

/**
 * The outbox rows of an append at `version`, each with its id (given, or derived) and its place
 * among the batch's rows for the same notifier (1, 2, …); a row id given twice is kept once.
 */
export function outboxEntries(
  incidentId: string,
  version: number,
  outbox: readonly OutboxMessageInput[],
): { readonly id: string; readonly input: OutboxMessageInput; readonly nth: number }[] {
  const ids = new Set<string>();
  const perNotifier = new Map<string, number>();
  const out: { id: string; input: OutboxMessageInput; nth: number }[] = [];
  outbox.forEach((input, index) => {
    const id = input.id ?? outboxRowId(incidentId, version, index, input.notifier);
    if (ids.has(id)) return;
    ids.add(id);
    const nth = (perNotifier.get(input.notifier) ?? 0) + 1;
    perNotifier.set(input.notifier, nth);
    out.push({ id, input, nth });
  });
  return out;
}

/**
 * Completes one event as the lifecycle would (an event without `id` gets the id derived from the
 * incident and the version it creates; a DECLARE gets the stream's incident id), and refuses a
 * DECLARE that names another incident or that does not come first.
 */
export function completeEvent(
  incidentId: string,
  event: IncidentEvent,
  version: number,
  at: string,
): IncidentEvent {
  if (event.type === 'DECLARE') {
    if (version !== 1) {
      throw new IncidentKitError('INVALID_TRANSITION', `${at}: ${incidentId} is already declared`, {
        incidentId,
        eventType: 'DECLARE',
        allowed: [],
      });
    }
    if (event.incidentId !== undefined && event.incidentId !== incidentId) {
      throw invalidInput(`${at}.incidentId`, `is ${event.incidentId}, but the stream is ${incidentId}`);
    }
  } else if (version === 1) {
    throw new IncidentKitError('INVALID_TRANSITION', `${at}: an incident starts with DECLARE`, {
      incidentId,
      eventType: event.type,
      allowed: ['DECLARE'],
    });
  }
  let out = event;
  if (out.id === undefined) out = { ...out, id: derivedEventId(incidentId, version) };
  if (out.type === 'DECLARE' && out.incidentId === undefined) out = { ...out, incidentId };
  return out;
}

/** Checks the incident id a read names (1 to `LIMITS.incidentId` characters, as appends allow). */
export function checkStreamId(incidentId: unknown): string {
  if (typeof incidentId !== 'string' || incidentId === '' || incidentId.length > LIMITS.incidentId) {
    throw invalidInput('incidentId', `expected an incident id (1 to ${LIMITS.incidentId} characters)`);
  }
  return incidentId;
}

/** The id of an outbox row given without one: the same for a retried append of the same events. */
export function outboxRowId(incidentId: string, version: number, index: number, notifier: string): string {
  return `obx_${incidentId}_${version}_${index}_${notifier}`;
}

/** The thrown error for a stale expected version. */
export function versionConflict(incidentId: string, expected: number, actual: number): IncidentKitError {
  return new IncidentKitError(
    'CONCURRENCY_CONFLICT',
    `${incidentId} is at version ${actual}, not ${expected}: load it again and decide anew`,
    { incidentId, expectedVersion: expected, actualVersion: actual },
  );
}

/** The thrown error for a command id already recorded with an earlier append. */
export function commandConflict(
  incidentId: string,
  commandId: string,
  expected: number,
  actual: number,
): IncidentKitError {
  return new IncidentKitError(
    'CONCURRENCY_CONFLICT',
    `command ${commandId} was already applied; look it up with findCommand`,
    { incidentId, eventId: commandId, expectedVersion: expected, actualVersion: actual },
  );
}

/** The thrown error for a signal key another open incident holds. */
export function signalConflict(
  incidentId: string,
  key: SignalKey,
  holder: string,
  version: number,
): IncidentKitError {
  return new IncidentKitError(
    'CONCURRENCY_CONFLICT',
    `signal ${key.source}/${key.dedupKey} already belongs to open incident ${holder}`,
    { incidentId, expectedVersion: version, actualVersion: version },
  );
}

/** The thrown error for an event id stored with other content. */
export function duplicateEventId(incidentId: string, eventId: string, at: string): IncidentKitError {
  return new IncidentKitError(
    'DUPLICATE_EVENT_ID',
    `${at}: event ${eventId} is already stored for ${incidentId} with different content`,
    { incidentId, eventId },
  );
}

const ListFilterSchema = /*#__PURE__*/ lazy(() =>
  z.strictObject({
    phase: z.optional(z.union([z.enum(PHASES), z.array(z.enum(PHASES)).check(z.maxLength(10))])),
    severity: z.optional(z.union([keyText(), z.array(keyText()).check(z.maxLength(100))])),
    services: z.optional(z.array(keyText()).check(z.maxLength(100))),
    category: z.optional(keyText()),
    since: z.optional(epochMs()),
    until: z.optional(epochMs()),
    includeDrills: z.optional(z.boolean()),
    limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(500))),
    cursor: z.optional(z.string().check(z.maxLength(1_000))),
  }),
);

/** A validated list filter with its cursor decoded. */
export type CheckedListFilter = Pick<IncidentListFilter, 'services' | 'category' | 'since' | 'until'> & {
  readonly phases?: readonly Phase[] | undefined;
  readonly severities?: readonly string[] | undefined;
  readonly includeDrills: boolean;
  readonly limit: number;
  /** The last item of the previous page: the next page starts strictly after it. */
  readonly after?: { readonly detectedAt: number; readonly id: string };
};

const asList = <T>(value: T | readonly T[] | undefined): readonly T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? (value as readonly T[]) : [value as T];

/** Validates a list filter; throws INVALID_INPUT naming the field. */
export function checkListFilter(filter: unknown): CheckedListFilter {
  const f = parseWith(ListFilterSchema(), filter ?? {}, 'filter') as IncidentListFilter;
  const phases = asList(f.phase);
  const severities = asList(f.severity);
  return {
    ...(phases === undefined ? {} : { phases }),
    ...(severities === undefined ? {} : { severities }),
    ...(f.services === undefined ? {} : { services: f.services }),
    ...(f.category === undefined ? {} : { category: f.category }),
    ...(f.since === undefined ? {} : { since: f.since }),
    ...(f.until === undefined ? {} : { until: f.until }),
    includeDrills: f.includeDrills ?? false,
    limit: f.limit ?? 50,
    ...(f.cursor === undefined ? {} : { after: decodeCursor(f.cursor) }),
  };
}

/** An opaque cursor naming the last item of a page (newest first: detection time, then id). */
export function encodeCursor(incident: {
  readonly id: string;
  readonly milestones: { readonly detectedAt: number };
}): string {
  return `${incident.milestones.detectedAt.toString(36)}.${incident.id}`;
}

function decodeCursor(cursor: string): { detectedAt: number; id: string } {
  const dot = cursor.indexOf('.');
  const at = dot > 0 ? Number.parseInt(cursor.slice(0, dot), 36) : Number.NaN;
  const id = cursor.slice(dot + 1);
  if (!Number.isSafeInteger(at) || at < 0 || id === '' || !/^[0-9a-z]+$/.test(cursor.slice(0, dot))) {
    throw invalidInput('filter.cursor', 'is not a cursor this store returned');
  }
  return { detectedAt: at, id };
}

/** Newest first: later detection first, then the greater id first. Negative when `a` comes first. */
export function compareNewestFirst(
  a: { readonly detectedAt: number; readonly id: string },
  b: { readonly detectedAt: number; readonly id: string },
): number {
  if (a.detectedAt !== b.detectedAt) return b.detectedAt - a.detectedAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Whether an incident passes a list filter (the cursor aside). */
export function matchesFilter(incident: Incident, filter: CheckedListFilter): boolean {
  if (!filter.includeDrills && incident.drill) return false;
  if (filter.phases !== undefined && !filter.phases.includes(incident.phase)) return false;
  if (
    filter.severities !== undefined &&
    (incident.severity === undefined || !filter.severities.includes(incident.severity))
  )
    return false;
  if (filter.services !== undefined && !filter.services.some((s) => incident.services.includes(s)))
    return false;
  if (filter.category !== undefined && incident.category !== filter.category) return false;
  const detectedAt = incident.milestones.detectedAt;
  if (filter.since !== undefined && detectedAt < filter.since) return false;
  if (filter.until !== undefined && detectedAt >= filter.until) return false;
  return true;
}

/** Whether an incident still holds its signal keys (closed and cancelled ones release them). */
export function holdsSignals(phase: Phase): boolean {
  return phase !== 'closed' && phase !== 'cancelled';
}

const ClaimSchema = /*#__PURE__*/ lazy(() =>
  z.object({
    now: epochMs(),
    limit: z.number().check(z.int(), z.minimum(1), z.maximum(1_000)),
    leaseMs: z.number().check(z.int(), z.minimum(1)),
    owner: keyText(),
    notifiers: z.optional(z.array(keyText()).check(z.maxLength(100))),
  }),
);

/** Validates claim options. */
export function checkClaim(options: unknown): {
  now: number;
  limit: number;
  leaseMs: number;
  owner: string;
  notifiers?: string[] | undefined;
} {
  return parseWith(ClaimSchema(), options, 'options');
}

const OutcomeSchema = /*#__PURE__*/ lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('delivered'), at: epochMs() }),
    z.object({ kind: z.literal('retry'), at: epochMs(), dueAt: epochMs(), error: z.string() }),
    z.object({ kind: z.literal('dead'), at: epochMs(), error: z.string() }),
  ]),
);

/** Validates a delivery outcome; the error text is clipped to 2000 characters. */
export function checkOutcome(outcome: unknown): DeliveryOutcome {
  const parsed = parseWith(OutcomeSchema(), outcome, 'outcome') as DeliveryOutcome;
  return parsed.kind === 'delivered' ? parsed : { ...parsed, error: parsed.error.slice(0, 2_000) };
}

const KeyTextSchema = /*#__PURE__*/ lazy(keyText);

/** Validates a row id. */
export function checkRowId(rowId: unknown, path = 'rowId'): string {
  return parseWith(KeyTextSchema(), rowId, path);
}

/** Validates a state key (and value). */
export function checkStateKey(key: unknown): string {
  return parseWith(KeyTextSchema(), key, 'key');
}

const PageSchema = /*#__PURE__*/ lazy(() =>
  z.object({
    limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(500))),
    cursor: z.optional(z.string().check(z.maxLength(1_000))),
  }),
);

/** Validates dead-letter paging: `{ limit (default 100), after? }` (rows after `after` in (createdAt, id) order). */
export function checkPage(options: unknown): { limit: number; after?: { createdAt: number; id: string } } {
  const p = parseWith(PageSchema(), options ?? {}, 'options');
  if (p.cursor === undefined) return { limit: p.limit ?? 100 };
  const dot = p.cursor.indexOf('.');
  const head = p.cursor.slice(0, dot);
  const createdAt = Number.parseInt(head, 36);
  if (
    dot <= 0 ||
    !/^[0-9a-z]+$/.test(head) ||
    !Number.isSafeInteger(createdAt) ||
    dot === p.cursor.length - 1
  ) {
    throw invalidInput('options.cursor', 'is not a cursor this store returned');
  }
  return { limit: p.limit ?? 100, after: { createdAt, id: p.cursor.slice(dot + 1) } };
}

/** The cursor after an outbox row in (createdAt, id) order. */
export function rowCursor(row: { readonly createdAt: number; readonly id: string }): string {
  return `${row.createdAt.toString(36)}.${row.id}`;
}

/** The error for an unknown outbox row. */
export function rowNotFound(rowId: string): IncidentKitError {
  return new IncidentKitError('NOT_FOUND', `no outbox row ${rowId}`, { resource: 'outbox row', key: rowId });
}
