import { declareIncident, safeApplyEvent } from '../lifecycle/index.js';
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

/** Judges `event` against the incident and the policy; throws the lifecycle's error when it may not apply. */
export function decideCommand(
  incident: Incident,
  event: IncidentEvent,
  options: DecideCommandOptions,
): CommandDecision {
  const result = safeApplyEvent(incident, event, { policy: options.policy });
  if (!result.ok) throw result.error;
  if (result.duplicate) return { events: [], incident };
  return { events: [result.event], incident: result.incident };
}

/** Judges a DECLARE: the incident it starts and its normalised event. */
export function decideDeclare(
  event: IncidentEventOf<'DECLARE'>,
  options: DecideCommandOptions,
): { readonly event: IncidentEventOf<'DECLARE'>; readonly incident: Incident } {
  return declareIncident(event, { policy: options.policy });
}
