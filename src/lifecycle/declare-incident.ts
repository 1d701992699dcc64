import { type DeclareInput, type Incident, type IncidentEventOf, invalidInput } from '../model/index.js';
import { snapshotInput } from '../model/validate.js';
import { type DecideOptions, decide } from './decide.js';

/**
 * Starts an incident: returns it (phase `detect`) and the normalised DECLARE event to store as the
 * first entry of its log (ids filled in, times in epoch ms, the classified severity and the
 * policy stamp written in). Without a `severity`, the impact is classified by the policy — the
 * `uncertain` severity when the impact says nothing yet.
 *
 * @example
 * ```ts
 * import { declareIncident } from 'incidentkit/lifecycle';
 * const { incident, event } = declareIncident({
 *   title: 'Checkout errors', at: '2026-11-24T09:00:00Z', impact: { customerFacing: true, degraded: true },
 * });
 * incident.severity; // 'SEV2'
 * event.incidentId === incident.id; // true
 * ```
 */
export function declareIncident(
  input: DeclareInput,
  options?: DecideOptions,
): { incident: Incident; event: IncidentEventOf<'DECLARE'> } {
  // Read once (a throwing getter or a revoked Proxy is INVALID_INPUT with it as the cause).
  const payload = snapshotInput(input, 'event');
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    throw invalidInput('event', 'expected the DECLARE payload (an object with title and at)');
  const { events, incident } = decide(undefined, { ...(payload as DeclareInput), type: 'DECLARE' }, options);
  return { incident, event: events[0] as IncidentEventOf<'DECLARE'> };
}
