import type { DeclareInput, Incident, IncidentEventOf } from '../model/index.js';
import { resolvePolicy } from '../severity/index.js';
import type { LifecycleOptions } from './machine.js';
import { normalizeEvent } from './normalize-event.js';
import { createIncident } from './record-event.js';

/**
 * Starts an incident: returns it (phase `detect`) and the normalised DECLARE event to store as the
 * first entry of its log (ids filled in, times in epoch ms). Without a `severity`, the impact is
 * classified by the policy — the `uncertain` severity when the impact says nothing yet.
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
  options: LifecycleOptions = {},
): { incident: Incident; event: IncidentEventOf<'DECLARE'> } {
  const policy = resolvePolicy(options.policy);
  const payload =
    typeof input === 'object' && input !== null ? { ...input, type: 'DECLARE' as const } : input;
  const event = normalizeEvent(payload as never, undefined, policy) as IncidentEventOf<'DECLARE'>;
  return { incident: createIncident(event, policy), event };
}
