import {
  type Incident,
  type IncidentEvent,
  type IncidentEventInput,
  IncidentKitError,
  type Phase,
  withErrorContext,
} from '../model/index.js';
import type { SeverityPolicy } from '../severity/index.js';
import { GUARDS, type GuardName } from './guards.js';
import { normalizeEvent } from './normalize-event.js';
import { latestMilestoneAt, referenceProblem } from './record-event.js';

/** One edge of the lifecycle: where an event leads from a phase, and the guard it must pass. */
export interface Transition {
  /** The phase the event leads to; `undefined` keeps the phase. */
  readonly target: Phase | undefined;
  /** The policy guard, if any. */
  readonly guard: GuardName | undefined;
}

/** The verdict on one event: apply it, ignore it (already applied), or reject it. */
export type Decision =
  | { readonly kind: 'apply'; readonly event: IncidentEvent }
  | { readonly kind: 'duplicate'; readonly event: IncidentEvent }
  | { readonly kind: 'reject'; readonly error: IncidentKitError };

/** Whether the incident already holds an event with this id (a linear scan; replay keeps a Set). */
export function hasEvent(incident: Incident, eventId: string): boolean {
  const timeline = incident.timeline;
  for (let i = timeline.length - 1; i >= 0; i--) if (timeline[i]!.eventId === eventId) return true;
  return false;
}

function invalidTransition(incident: Incident, type: string, allowed: readonly string[]): IncidentKitError {
  const hint =
    allowed.length > 0
      ? `; allowed: ${allowed.join(', ')}`
      : incident.phase === 'cancelled'
        ? '; a cancelled incident is final'
        : '';
  return new IncidentKitError(
    'INVALID_TRANSITION',
    `cannot ${type} ${incident.id} in phase ${incident.phase}${hint}`,
    {
      incidentId: incident.id,
      phase: incident.phase,
      eventType: type,
      allowed,
    },
  );
}

/**
 * An input error restated for the incident it was meant for: `INVALID_INPUT: cannot NOTE INC-1
 * (phase triage): event.at …`, with the incident, phase and event type as fields.
 */
export function inContext(error: IncidentKitError, incident: Incident, input: unknown): IncidentKitError {
  const raw = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  const type = typeof raw === 'string' && raw.length > 0 && raw.length <= 40 ? raw : 'event';
  return withErrorContext(error, { incidentId: incident.id, phase: incident.phase, eventType: type });
}

/**
 * Why `event` (already normalised, not a duplicate) may not be applied to `incident` now, checked
 * in a fixed order: allowed in this phase, not timed before the latest milestone (`latest`, passed
 * in so a replay can keep it as it goes), references exist, the policy guard passes.
 */
export function rejectionOf(
  incident: Incident,
  event: IncidentEvent,
  policy: SeverityPolicy,
  transitions: Readonly<Record<string, Transition>>,
  latest: number,
): IncidentKitError | undefined {
  const transition = Object.hasOwn(transitions, event.type) ? transitions[event.type] : undefined;
  if (transition === undefined) return invalidTransition(incident, event.type, Object.keys(transitions));
  if (event.at < latest) {
    return new IncidentKitError(
      'OUT_OF_ORDER',
      `cannot ${event.type} ${incident.id} (phase ${incident.phase}): at ${new Date(event.at).toISOString()} is before the latest milestone ${new Date(latest).toISOString()}`,
      {
        incidentId: incident.id,
        phase: incident.phase,
        eventType: event.type,
        latestAt: latest,
        at: event.at,
      },
    );
  }
  const problem = referenceProblem(incident, event);
  if (problem) return problem;
  return transition.guard === undefined ? undefined : GUARDS[transition.guard](incident, event, policy);
}

/**
 * Decides whether `input` may be applied to `incident`: valid input, not already applied (same
 * id), then {@link rejectionOf}. `transitions` is the phase's row of the transition table.
 */
export function decide(
  incident: Incident,
  input: IncidentEventInput | IncidentEvent,
  policy: SeverityPolicy,
  transitions: Readonly<Record<string, Transition>>,
): Decision {
  let event: IncidentEvent;
  try {
    event = normalizeEvent(input, incident, policy);
  } catch (error) {
    return { kind: 'reject', error: inContext(error as IncidentKitError, incident, input) };
  }
  if (hasEvent(incident, event.id)) return { kind: 'duplicate', event };
  const error = rejectionOf(incident, event, policy, transitions, latestMilestoneAt(incident));
  return error ? { kind: 'reject', error } : { kind: 'apply', event };
}
