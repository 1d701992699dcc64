import { declareIncident, type Incident, type LifecycleOptions } from '../../src/index.js';

import { min, T0, walk } from '../support.js';

export { min, T0, walk };

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
