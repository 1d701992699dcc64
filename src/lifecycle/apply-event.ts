import { checkIncident } from '../internal/incident-input.js';
import type { Incident, IncidentEvent, IncidentEventInput, IncidentKitError } from '../model/index.js';
import { resolvePolicy } from '../severity/index.js';
import { decide } from './decide.js';
import type { LifecycleOptions } from './machine.js';
import { draftOf, recordEvent } from './record-event.js';
import { transitionTable } from './transition-table.js';

/** The result of {@link safeApplyEvent}. */
export type ApplyResult =
  | { ok: true; incident: Incident; event: IncidentEvent; duplicate: boolean }
  | { ok: false; error: IncidentKitError };

/**
 * Applies one event and returns the new incident, or a result saying why not. Never throws for
 * bad input. An event whose id the incident already holds is a no-op (`duplicate: true`, same
 * incident object).
 *
 * @example
 * ```ts
 * import { declareIncident, safeApplyEvent } from 'incidentkit/lifecycle';
 * const { incident } = declareIncident({ title: 'Checkout errors', at: 0 });
 * const result = safeApplyEvent(incident, { type: 'CLOSE', at: 1 });
 * if (!result.ok) result.error.code; // 'INVALID_TRANSITION'
 * ```
 */
export function safeApplyEvent(
  incident: Incident,
  event: IncidentEventInput | IncidentEvent,
  options: LifecycleOptions = {},
): ApplyResult {
  try {
    const current = checkIncident(incident);
    const policy = resolvePolicy(options.policy);
    const row = transitionTable()[current.phase];
    const decision = decide(current, event, policy, row);
    if (decision.kind === 'reject') return { ok: false, error: decision.error };
    if (decision.kind === 'duplicate')
      return { ok: true, incident: current, event: decision.event, duplicate: true };
    const draft = draftOf(current);
    recordEvent(draft, decision.event, row[decision.event.type]!.target);
    return { ok: true, incident: draft, event: decision.event, duplicate: false };
  } catch (error) {
    return { ok: false, error: error as IncidentKitError };
  }
}

/**
 * Applies one event to an incident and returns the new incident (the argument is not changed).
 * Throws `IncidentKitError`: `INVALID_INPUT`, `INVALID_TRANSITION`, `OUT_OF_ORDER`, `NOT_FOUND` or
 * `GUARD_REJECTED`, naming the incident, phase, event and failed requirement.
 *
 * @example
 * ```ts
 * import { applyEvent, declareIncident } from 'incidentkit/lifecycle';
 * const { incident } = declareIncident({ title: 'Checkout errors', at: '2026-11-24T09:00:00Z' });
 * const acked = applyEvent(incident, { type: 'ACKNOWLEDGE', at: '2026-11-24T09:02:00Z', by: 'alice' });
 * acked.phase; // 'triage'
 * ```
 */
export function applyEvent(
  incident: Incident,
  event: IncidentEventInput | IncidentEvent,
  options: LifecycleOptions = {},
): Incident {
  const result = safeApplyEvent(incident, event, options);
  if (!result.ok) throw result.error;
  return result.incident;
}
