import { decide } from '../lifecycle/index.js';
import {
  type Incident,
  type IncidentEvent,
  type IncidentEventOf,
  IncidentKitError,
  isIncidentKitError,
} from '../model/index.js';
import type { SeverityPolicy } from '../severity/index.js';

/** What deciding one command gives: the events to append (none for a repeat) and the incident after them. */
export interface CommandDecision {
  readonly events: readonly IncidentEvent[];
  readonly incident: Incident;
}

/** The lifecycle options the manager decides with. */
export interface DecideCommandOptions {
  readonly policy: SeverityPolicy;
  readonly now: number;
  readonly maxClockSkewMs: number | undefined;
}

const settings = (options: DecideCommandOptions) => ({
  policy: options.policy,
  now: options.now,
  ...(options.maxClockSkewMs === undefined ? {} : { maxClockSkewMs: options.maxClockSkewMs }),
});

/**
 * Judges `event` against the incident and the policy with the clock's `now` (so an event timed
 * too far ahead of the clock is refused); throws the lifecycle's error when it may not apply.
 */
export function decideCommand(
  incident: Incident,
  event: IncidentEvent,
  options: DecideCommandOptions,
): CommandDecision {
  try {
    return decide(incident, event, settings(options));
  } catch (error) {
    throw asPayloadError(error);
  }
}

/** Judges a DECLARE: the incident it starts and its normalised event. */
export function decideDeclare(
  event: IncidentEventOf<'DECLARE'>,
  options: DecideCommandOptions,
): { readonly event: IncidentEventOf<'DECLARE'>; readonly incident: Incident } {
  let decided: CommandDecision;
  try {
    decided = decide(undefined, event, settings(options));
  } catch (error) {
    throw asPayloadError(error);
  }
  return { event: decided.events[0] as IncidentEventOf<'DECLARE'>, incident: decided.incident };
}

/** A path into the event the lifecycle judged, as the field of the command's payload it came from. */
function payloadPath(path: string): string {
  if (path === 'event' || path.startsWith('event.') || path.startsWith('event['))
    return `payload${path.slice('event'.length)}`;
  return path;
}

/**
 * The lifecycle's bad-input error with its `event.*` paths named as the `payload.*` fields the host
 * sent (the payload's fields are the event's), in `issues` and where the reason names them. Any
 * other error is returned as it is.
 */
function asPayloadError(error: unknown): unknown {
  if (!isIncidentKitError(error, 'INVALID_INPUT')) return error;
  if (error.issues.every((issue) => payloadPath(issue.path) === issue.path)) return error;
  let reason = error.reason;
  for (const { path } of error.issues) reason = reason.replace(`${path}:`, `${payloadPath(path)}:`);
  const issues = error.issues.map((issue) => ({ path: payloadPath(issue.path), message: issue.message }));
  return new IncidentKitError('INVALID_INPUT', reason, { ...error.details, issues, cause: error });
}
