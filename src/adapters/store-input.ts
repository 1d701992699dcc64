// What both stores share: validation of append arguments and list filters, cursors, the outbox
// row ids derived for rows given without one, and the list filter itself.
import * as z from 'zod/mini';
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
import type {
  AppendOptions,
  DeliveryOutcome,
  IncidentListFilter,
  OutboxMessageInput,
  SignalKey,
} from './incident-store.js';

const KeyText = /*#__PURE__*/ z.string().check(z.minLength(1), z.maxLength(500));

const OutboxInputSchema = /*#__PURE__*/ z.object({
  id: z.optional(KeyText),
  notifier: KeyText,
  message: z.looseObject({ kind: z.string(), incidentId: z.string() }),
  incident: z.object({
    id: z.string(),
    severity: z.optional(z.string()),
    phase: z.enum(PHASES),
    page: z.enum(['all-hands', 'team', 'on-call', 'none']),
  }),
  dueAt: z.optional(EpochMsSchema),
});

const AppendOptionsSchema = /*#__PURE__*/ z.object({
  expectedVersion: z.number().check(z.int(), z.nonnegative()),
  now: EpochMsSchema,
  outbox: z.optional(z.array(OutboxInputSchema).check(z.maxLength(1_000))),
  commandId: z.optional(KeyText),
  signalKeys: z.optional(z.array(z.object({ source: KeyText, dedupKey: KeyText })).check(z.maxLength(100))),
});

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
}

/** Validates an append; throws INVALID_INPUT naming the field. */
export function checkAppend(incidentId: unknown, events: unknown, options: unknown): CheckedAppend {
  const id = parseWith(IncidentIdSchema, incidentId, 'incidentId');
  if (!Array.isArray(events)) throw invalidInput('events', 'expected an array of events');
  if (events.length > 10_000) throw invalidInput('events', 'must have at most 10000 entries');
  const opts = parseWith(AppendOptionsSchema, options, 'options') as AppendOptions;
  const parsed: IncidentEvent[] = [];
  for (let i = 0; i < events.length; i++) {
    const event = parseWith(IncidentEventSchema, events[i], `events[${i}]`) as IncidentEvent;
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

/** Checks the incident id a read names (a string of 1 to 200 characters). */
export function checkStreamId(incidentId: unknown): string {
  if (typeof incidentId !== 'string' || incidentId === '' || incidentId.length > 200) {
    throw invalidInput('incidentId', 'expected an incident id');
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

const PhaseListSchema = /*#__PURE__*/ z.union([
  z.enum(PHASES),
  z.array(z.enum(PHASES)).check(z.maxLength(10)),
]);
const StringListSchema = /*#__PURE__*/ z.union([KeyText, z.array(KeyText).check(z.maxLength(100))]);

const ListFilterSchema = /*#__PURE__*/ z.strictObject({
  phase: z.optional(PhaseListSchema),
  severity: z.optional(StringListSchema),
  services: z.optional(z.array(KeyText).check(z.maxLength(100))),
  category: z.optional(KeyText),
  since: z.optional(EpochMsSchema),
  until: z.optional(EpochMsSchema),
  includeDrills: z.optional(z.boolean()),
  limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(500))),
  cursor: z.optional(z.string().check(z.maxLength(1_000))),
});

/** A validated list filter with its cursor decoded. */
export interface CheckedListFilter {
  readonly phases?: readonly Phase[] | undefined;
  readonly severities?: readonly string[] | undefined;
  readonly services?: readonly string[] | undefined;
  readonly category?: string | undefined;
  readonly since?: number | undefined;
  readonly until?: number | undefined;
  readonly includeDrills: boolean;
  readonly limit: number;
  /** The last item of the previous page: the next page starts strictly after it. */
  readonly after?: { readonly detectedAt: number; readonly id: string };
}

const asList = <T>(value: T | readonly T[] | undefined): readonly T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? (value as readonly T[]) : [value as T];

/** Validates a list filter; throws INVALID_INPUT naming the field. */
export function checkListFilter(filter: unknown): CheckedListFilter {
  const f = parseWith(ListFilterSchema, filter ?? {}, 'filter') as IncidentListFilter;
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

const ClaimSchema = /*#__PURE__*/ z.object({
  now: EpochMsSchema,
  limit: z.number().check(z.int(), z.minimum(1), z.maximum(1_000)),
  leaseMs: z.number().check(z.int(), z.minimum(1)),
  owner: KeyText,
  notifiers: z.optional(z.array(KeyText).check(z.maxLength(100))),
});

/** Validates claim options. */
export function checkClaim(options: unknown): {
  now: number;
  limit: number;
  leaseMs: number;
  owner: string;
  notifiers?: string[] | undefined;
} {
  return parseWith(ClaimSchema, options, 'options');
}

const OutcomeSchema = /*#__PURE__*/ z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('delivered'), at: EpochMsSchema }),
  z.object({ kind: z.literal('retry'), at: EpochMsSchema, dueAt: EpochMsSchema, error: z.string() }),
  z.object({ kind: z.literal('dead'), at: EpochMsSchema, error: z.string() }),
]);

/** Validates a delivery outcome; the error text is clipped to 2000 characters. */
export function checkOutcome(outcome: unknown): DeliveryOutcome {
  const parsed = parseWith(OutcomeSchema, outcome, 'outcome') as DeliveryOutcome;
  return parsed.kind === 'delivered' ? parsed : { ...parsed, error: parsed.error.slice(0, 2_000) };
}

/** Validates a row id. */
export function checkRowId(rowId: unknown, path = 'rowId'): string {
  return parseWith(KeyText, rowId, path);
}

/** Validates a state key (and value). */
export function checkStateKey(key: unknown): string {
  return parseWith(KeyText, key, 'key');
}

const PageSchema = /*#__PURE__*/ z.object({
  limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(500))),
  cursor: z.optional(z.string().check(z.maxLength(1_000))),
});

/** Validates dead-letter paging: `{ limit (default 100), after? }` (rows after `after` in (createdAt, id) order). */
export function checkPage(options: unknown): { limit: number; after?: { createdAt: number; id: string } } {
  const p = parseWith(PageSchema, options ?? {}, 'options');
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
