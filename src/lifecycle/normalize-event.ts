import { parseWith } from '../internal/validate.js';
import {
  derivedEventId,
  type Incident,
  type IncidentEvent,
  type IncidentEventInput,
  IncidentEventSchema,
  IncidentKitError,
  newId,
} from '../model/index.js';
import { type SeverityPolicy, severityKey } from '../severity/index.js';

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
  const parsed = parseWith(IncidentEventSchema, input, 'event');
  const event = parsed as IncidentEvent;
  switch (event.type) {
    case 'DECLARE': {
      if (event.severity !== undefined)
        event.severity = severityKey(policy, event.severity, 'event.severity');
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
    case 'TRIAGE':
    case 'SET_SEVERITY':
      event.severity = severityKey(policy, event.severity, 'event.severity');
      break;
    default:
      break;
  }
  if (event.id === undefined) event.id = derivedEventId(incident?.id ?? 'new', (incident?.version ?? 0) + 1);
  return event;
}
