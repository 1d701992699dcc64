import {
  applyEvent,
  declareIncident,
  type Incident,
  type IncidentEventInput,
  type LifecycleOptions,
} from '../../src/index.js';

export const T0 = Date.UTC(2026, 10, 24, 9);
export const min = (n: number) => T0 + n * 60_000;

/** Applies events in order (throws on the first rejection). */
export function walk(incident: Incident, events: IncidentEventInput[], options?: LifecycleOptions): Incident {
  return events.reduce((current, event) => applyEvent(current, event, options), incident);
}

/** A SEV2 incident walked to `review`, roles held, no postmortem yet. */
export function inReview(options?: LifecycleOptions): Incident {
  const { incident } = declareIncident(
    { incidentId: 'INC-42', title: 'Checkout errors', at: T0, severity: 'SEV2' },
    options,
  );
  return walk(
    incident,
    [
      { type: 'ACKNOWLEDGE', at: min(2), by: 'alice' },
      { type: 'ASSIGN_ROLE', at: min(3), role: 'commander', assignee: 'alice' },
      { type: 'ASSIGN_ROLE', at: min(3), role: 'commsLead', assignee: 'bob' },
      { type: 'TRIAGE', at: min(5), severity: 'SEV2' },
      { type: 'MITIGATE', at: min(20), summary: 'rolled back' },
      { type: 'RESOLVE', at: min(60), summary: 'pool size restored' },
    ],
    options,
  );
}
