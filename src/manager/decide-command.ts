import { decide } from '../lifecycle/index.js';
import type { Incident, IncidentEvent, IncidentEventOf } from '../model/index.js';
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
  return decide(incident, event, settings(options));
}

/** Judges a DECLARE: the incident it starts and its normalised event. */
export function decideDeclare(
  event: IncidentEventOf<'DECLARE'>,
  options: DecideCommandOptions,
): { readonly event: IncidentEventOf<'DECLARE'>; readonly incident: Incident } {
  const decided = decide(undefined, event, settings(options));
  return { event: decided.events[0] as IncidentEventOf<'DECLARE'>, incident: decided.incident };
}
