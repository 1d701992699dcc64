import {
  type Incident,
  type IncidentEvent,
  type IncidentEventOf,
  type IncidentEventType,
  IncidentKitError,
} from '../model/index.js';
import { parseCommand, parseIncidentId } from './command-input.js';
import { decideCommand, decideDeclare } from './decide-command.js';
import { derivedId } from './derived-id.js';
import { messagesFor } from './outbox-plan.js';
import { outboxRows } from './route-messages.js';
import { type CommandEvent, type ManagerContext, type StepResult, transact } from './transact.js';

/** Whether the incident's log holds an event with this id (its timeline has one entry per event). */
export function holdsEvent(incident: Incident, eventId: string): boolean {
  const timeline = incident.timeline;
  for (let i = timeline.length - 1; i >= 0; i--) if (timeline[i]!.eventId === eventId) return true;
  return false;
}

/**
 * The step that appends one already-built event with the messages the policy asks for. With
 * `atDefaulted`, the event is timed at each attempt's now: a command that waited behind other
 * writers happened when it was applied, not when it was first read (a NOTE parsed before another
 * writer's MITIGATE would otherwise be rejected as out of order on its retry).
 */
export function appendEventStep(
  ctx: ManagerContext,
  incidentId: string,
  event: IncidentEvent,
  flags: { readonly atDefaulted?: boolean | undefined; readonly randomId?: boolean | undefined } = {},
) {
  const { atDefaulted = false, randomId = false } = flags;
  let retry = false;
  return (current: Incident | undefined, now: number): StepResult => {
    if (current === undefined) throw notFound(incidentId, event.type);
    // A random id of this invocation already stored can only be ours: an earlier attempt
    // committed though its answer was lost. (A host's own id goes to the lifecycle's check.)
    // Before the first attempt nothing can hold it, so only retries scan the timeline.
    if (randomId && retry && holdsEvent(current, event.id)) return { kind: 'done', incident: current };
    retry = true;
    const timed = atDefaulted ? ({ ...event, at: Math.max(event.at, now) } as IncidentEvent) : event;
    const decided = decideCommand(current, timed, {
      policy: ctx.policy,
      now,
      maxClockSkewMs: ctx.maxClockSkewMs,
    });
    if (decided.events.length === 0) return { kind: 'done', incident: current };
    const messages = decided.events.flatMap((e) => messagesFor(current, decided.incident, e, ctx));
    return {
      kind: 'append',
      events: decided.events,
      incident: decided.incident,
      outbox: outboxRows(messages, decided.incident, ctx.notifiers, ctx.routes, ctx.policy),
    };
  };
}

/** `NOT_FOUND` for a command on an incident the store does not have. */
export function notFound(incidentId: string, eventType: string): IncidentKitError {
  return new IncidentKitError('NOT_FOUND', `no incident ${incidentId}: declare it first`, {
    incidentId,
    eventType,
    resource: 'incident',
    key: incidentId,
  });
}

/**
 * Runs one command: validates the payload (store untouched on bad input), gives the event an id
 * (the caller's, one derived from `commandId`, or a random one kept across retries), then
 * {@link transact}s it.
 */
export async function applyCommand(
  ctx: ManagerContext,
  type: Exclude<IncidentEventType, 'DECLARE'>,
  incidentId: unknown,
  payload: unknown,
  optional: boolean,
): Promise<Incident> {
  const id = parseIncidentId(incidentId);
  const { commandId, event, atDefaulted, fingerprint } = parseCommand(type, payload, ctx.clock.now(), {
    optional,
  });
  const given = 'id' in event && event.id !== undefined ? event.id : undefined;
  const randomId = given === undefined && commandId === undefined;
  const eventId =
    given ?? (commandId !== undefined ? commandEventId(commandId, fingerprint) : ctx.ids.newId('evt'));
  const withId = { ...event, id: eventId } as IncidentEvent;
  const result = await transact(
    ctx,
    id,
    commandId === undefined ? undefined : { commandId, event: commandEvent(type, eventId, commandId, given) },
    appendEventStep(ctx, id, withId, { atDefaulted, randomId }),
  );
  return result.incident;
}

/**
 * The event id of a command under `commandId`: derived from the key and the request's fingerprint,
 * so a retry of one request names the same event and another request under the key does not.
 */
function commandEventId(commandId: string, fingerprint: string): string {
  return derivedId('evt', 'c', [commandId, fingerprint]);
}

/**
 * What a later use of `commandId` is compared with: the event type, and the ids the command's event
 * may be stored under (this one, and the key-only id events were derived with before requests had
 * a fingerprint, so a retry across that upgrade still finds its first result).
 */
function commandEvent(
  type: IncidentEventType,
  eventId: string,
  commandId: string,
  given: string | undefined,
): CommandEvent {
  return given === undefined
    ? { type, eventIds: [eventId, derivedId('evt', 'c', [commandId])] }
    : { type, eventIds: [eventId] };
}

/** Runs `declare`: a new incident id (given, derived from `commandId`, or random) and its DECLARE. */
export async function declareCommand(ctx: ManagerContext, payload: unknown): Promise<Incident> {
  const { commandId, event, fingerprint } = parseCommand('DECLARE', payload, ctx.clock.now());
  const declared = event as Omit<IncidentEventOf<'DECLARE'>, 'id'> & { id?: string | undefined };
  // The incident id comes from the key alone, so another request under it finds the same
  // incident and is refused there, instead of opening a second one.
  const incidentId =
    declared.incidentId ??
    (commandId !== undefined ? derivedId('inc', 'c', [commandId]) : ctx.ids.newId('inc'));
  const eventId =
    declared.id ?? (commandId !== undefined ? commandEventId(commandId, fingerprint) : ctx.ids.newId('evt'));
  const input = { ...declared, incidentId, id: eventId } as IncidentEventOf<'DECLARE'>;
  const command =
    commandId === undefined
      ? undefined
      : { commandId, event: commandEvent('DECLARE', eventId, commandId, declared.id) };
  const result = await transact(ctx, incidentId, command, declareStep(ctx, input));
  return result.incident;
}

/** The step that starts an incident (with signal keys for `signal`). */
export function declareStep(
  ctx: ManagerContext,
  input: IncidentEventOf<'DECLARE'>,
  signalKeys?: readonly { readonly source: string; readonly dedupKey: string }[],
) {
  return (current: Incident | undefined, now: number): StepResult => {
    const incidentId = input.incidentId!;
    if (current !== undefined) {
      // Our own DECLARE already stored (a lost response, retried): done. Anything else is a clash.
      if (holdsEvent(current, input.id)) return { kind: 'done', incident: current };
      const message = `incident ${incidentId} already exists`;
      throw new IncidentKitError('INVALID_INPUT', `payload.incidentId: ${message}`, {
        issues: [{ path: 'payload.incidentId', message: 'already exists' }],
        incidentId,
        eventType: 'DECLARE',
      });
    }
    const { event, incident } = decideDeclare(input, {
      policy: ctx.policy,
      now,
      maxClockSkewMs: ctx.maxClockSkewMs,
    });
    const messages = messagesFor(undefined, incident, event, ctx);
    return {
      kind: 'append',
      events: [event],
      incident,
      outbox: outboxRows(messages, incident, ctx.notifiers, ctx.routes, ctx.policy),
      ...(signalKeys === undefined ? {} : { signalKeys }),
    };
  };
}
