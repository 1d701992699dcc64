import { shortHash } from '../internal/canonical-json.js';
import {
  derivedEventId,
  type Incident,
  type IncidentEvent,
  type IncidentEventInput,
  type IncidentEventOf,
  IncidentKitError,
  newId,
} from '../model/index.js';
import { classify, type SeverityPolicy, severityKey } from '../severity/index.js';
import { parseEvent } from './parse-event.js';

/**
 * Validates an event and brings it to the form `evolve` folds: timestamps in epoch ms, `id`
 * derived from the incident and the version it creates when absent. No policy is read here, so a
 * stored log folds the same under any policy. `incident` is undefined only for a DECLARE.
 */
export function parseForFold(
  input: IncidentEventInput | IncidentEvent,
  incident: Incident | undefined,
): IncidentEvent {
  let event = parseEvent(input) as IncidentEvent;
  if (event.type === 'DECLARE') {
    if (event.startedAt !== undefined && event.startedAt > event.at) {
      const message = 'impact cannot start after the incident was detected (startedAt > at)';
      throw new IncidentKitError('INVALID_INPUT', `event.startedAt: ${message}`, {
        issues: [{ path: 'event.startedAt', message }],
        eventType: 'DECLARE',
      });
    }
    if (event.incidentId === undefined || event.id === undefined) {
      // DECLARE always comes from zod: a fresh object this function may complete in place.
      if (event.incidentId === undefined) event.incidentId = incident?.id ?? newId('inc');
      if (event.id === undefined) event.id = derivedEventId(event.incidentId, 1);
    }
    return event;
  }
  // Other events may be the caller's own object (fast path): copy before completing them.
  if (event.id === undefined)
    event = { ...event, id: derivedEventId(incident?.id ?? 'new', (incident?.version ?? 0) + 1) };
  return event;
}

/**
 * {@link parseForFold}, then everything the policy derives written into the event, so that folding
 * it never needs the policy again: severity aliases resolved to scale keys, a DECLARE's classified
 * severity and its policy stamp, an action item's id (derived from the event id, so a retried
 * command with the same event id names the same item).
 */
export function normalizeForDecide(
  input: IncidentEventInput | IncidentEvent,
  incident: Incident | undefined,
  policy: SeverityPolicy,
): IncidentEvent {
  const event = parseForFold(input, incident);
  switch (event.type) {
    case 'DECLARE': {
      const declared: IncidentEventOf<'DECLARE'> = event;
      if (declared.severity === undefined) {
        declared.severity = classify(policy, declared.impact ?? {}).severity;
        declared.classified = true;
      } else if (declared.classified !== true) {
        declared.severity = severityKey(policy, declared.severity, 'event.severity');
      }
      if (declared.policy !== undefined && declared.policy.id !== policy.id) {
        throw new IncidentKitError(
          'POLICY_MISMATCH',
          `the DECLARE carries policy "${declared.policy.id}", but it is being decided under "${policy.id}"`,
          { expectedPolicyId: declared.policy.id, actualPolicyId: policy.id, eventType: 'DECLARE' },
        );
      }
      declared.policy = { id: policy.id, version: policy.version };
      return declared;
    }
    case 'TRIAGE':
    case 'SET_SEVERITY': {
      const key = severityKey(policy, event.severity, 'event.severity');
      return key === event.severity ? event : { ...event, severity: key };
    }
    case 'ADD_ACTION_ITEM':
      return event.item.id !== undefined
        ? event
        : { ...event, item: { ...event.item, id: `act_${shortHash(event.id)}` } };
    default:
      return event;
  }
}
