import {
  type Incident,
  type IncidentEvent,
  type IncidentEventInput,
  IncidentKitError,
  withErrorContext,
} from '../model/index.js';
import { resolvePolicy } from '../severity/index.js';
import { inContext, rejectionOf } from './decide.js';
import type { LifecycleOptions } from './machine.js';
import { normalizeEvent } from './normalize-event.js';
import { createIncident, latestMilestoneAt, recordEvent } from './record-event.js';
import { transitionTable } from './transition-table.js';

/**
 * Folds an event log (DECLARE first) into the incident. Equivalent to applying the events one by
 * one, but linear: one accumulator, a Set of seen ids. Throws on the first event the lifecycle
 * rejects, saying which one (`events[i]`); events already applied (same id) are skipped.
 *
 * @example
 * ```ts
 * import { replay } from 'incidentkit/lifecycle';
 * const incident = replay([
 *   { type: 'DECLARE', id: 'e1', incidentId: 'INC-1', title: 'Checkout errors', at: 0, severity: 'SEV3' },
 *   { type: 'ACKNOWLEDGE', id: 'e2', at: 60_000 },
 * ]);
 * incident.phase; // 'triage'
 * ```
 */
export function replay(
  events: readonly (IncidentEventInput | IncidentEvent)[],
  options: LifecycleOptions = {},
): Incident {
  if (!Array.isArray(events) || events.length === 0) {
    throw new IncidentKitError('INVALID_INPUT', 'events: expected a non-empty array starting with DECLARE', {
      issues: [{ path: 'events', message: 'expected a non-empty array starting with DECLARE' }],
    });
  }
  const policy = resolvePolicy(options.policy);
  const table = transitionTable();
  const first = events[0] as { type?: unknown } | undefined;
  if (typeof first !== 'object' || first === null || first.type !== 'DECLARE') {
    throw new IncidentKitError('INVALID_TRANSITION', 'events[0]: an incident starts with DECLARE', {
      eventType: String(first?.type),
      allowed: ['DECLARE'],
    });
  }
  const declared = normalizeEvent(events[0]!, undefined, policy);
  const incident = createIncident(declared as Extract<IncidentEvent, { type: 'DECLARE' }>, policy);
  const seen = new Set<string>([declared.id]);
  let latest = latestMilestoneAt(incident);
  for (let i = 1; i < events.length; i++) {
    let event: IncidentEvent;
    try {
      event = normalizeEvent(events[i]!, incident, policy);
    } catch (error) {
      throw locate(inContext(error as IncidentKitError, incident, events[i]), i);
    }
    // One hash lookup for "seen before?" and "remember it": a rejection ends the replay anyway.
    const before = seen.size;
    if (seen.add(event.id).size === before) continue;
    const row = table[incident.phase];
    const rejected = rejectionOf(incident, event, policy, row, latest);
    if (rejected) throw locate(rejected, i);
    const transition = row[event.type]!;
    recordEvent(incident, event, transition.target);
    // Only phase changes, REOPEN and PUBLISH_POSTMORTEM move a milestone.
    if (transition.target !== undefined || event.type === 'PUBLISH_POSTMORTEM')
      latest = latestMilestoneAt(incident);
  }
  return incident;
}

function locate(error: IncidentKitError, index: number): IncidentKitError {
  return withErrorContext(error, { at: `events[${index}]` });
}
