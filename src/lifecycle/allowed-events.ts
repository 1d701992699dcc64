import { checkIncident } from '../internal/incident-input.js';
import { readOptions } from '../internal/validate.js';
import type { Incident, IncidentEventType } from '../model/index.js';
import { invalidInput } from '../model/index.js';
import { policyForIncident } from '../severity/index.js';
import { closeRequirementsMet } from './guards.js';
import type { LifecycleOptions } from './machine.js';
import { transitionTable } from './transition-table.js';

/**
 * The event types the incident's phase accepts now. CLOSE is listed only when its guard passes;
 * guards that depend on the event's payload (TRIAGE's severity) are not evaluated.
 *
 * @example
 * ```ts
 * import { allowedEvents, declareIncident } from 'incidentkit/lifecycle';
 * const { incident } = declareIncident({ title: 'Checkout errors', at: 0 });
 * allowedEvents(incident).includes('ACKNOWLEDGE'); // true
 * ```
 */
export function allowedEvents(incident: Incident, options?: LifecycleOptions): IncidentEventType[] {
  if (options !== undefined && (typeof options !== 'object' || options === null))
    throw invalidInput('options', 'expected an options object or nothing');
  const given = readOptions(options) as LifecycleOptions | undefined;
  const current = checkIncident(incident);
  const row = transitionTable()[current.phase];
  const policy = policyForIncident(current, { policy: given?.policy });
  return (Object.keys(row) as IncidentEventType[]).filter(
    (type) => type !== 'CLOSE' || closeRequirementsMet(current, { type }, policy) === undefined,
  );
}
