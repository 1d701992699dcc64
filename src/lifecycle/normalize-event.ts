import {
  derivedEventId,
  type Incident,
  type IncidentEvent,
  type IncidentEventInput,
  IncidentKitError,
  newId,
} from '../model/index.js';
import { type SeverityPolicy, severityKey } from '../severity/index.js';
import { parseEvent } from './parse-event.js';

/**
 * Validates an event and brings it to its stored form: timestamps in epoch ms, severity aliases
 * resolved to keys, `id` derived from the incident and the version it creates when absent.
 * `incident` is undefined only for the DECLARE that starts one.
 */
export function normalizeEvent(
  input: IncidentEventInput | IncidentEvent,
  incident: Incident | undefined,
  policy: SeverityPolicy,
): IncidentEvent {
  let event = parseEvent(input) as IncidentEvent;
  if (event.type === 'DECLARE') {
    // DECLARE always comes from zod, a fresh object this function may complete in place.
    if (event.severity !== undefined) event.severity = severityKey(policy, event.severity, 'event.severity');
    if (event.startedAt !== undefined && event.startedAt > event.at) {
      const message = 'impact cannot start after the incident was detected (startedAt > at)';
      throw new IncidentKitError('INVALID_INPUT', `event.startedAt: ${message}`, {
        issues: [{ path: 'event.startedAt', message }],
        eventType: 'DECLARE',
      });
    }
    if (event.incidentId === undefined) event.incidentId = incident?.id ?? newId('inc');
    if (event.id === undefined) event.id = derivedEventId(event.incidentId, 1);
    return event;
  }
  // Other events may be the caller's own object (fast path): copy before completing them.
  if (event.type === 'TRIAGE' || event.type === 'SET_SEVERITY') {
    const key = severityKey(policy, event.severity, 'event.severity');
    if (key !== event.severity) event = { ...event, severity: key };
  }
  if (event.id === undefined)
    event = { ...event, id: derivedEventId(incident?.id ?? 'new', (incident?.version ?? 0) + 1) };
  return event;
}
