/**
 * The end-to-end demo: declare an incident, walk it through the lifecycle to `closed` with the
 * default severity policy, printing each phase, the policy's requirements and the timeline.
 * Every line below is computed by the library; nothing is canned.
 */
import {
  allowedEvents,
  applyEvent,
  classify,
  declareIncident,
  defaultSeverityPolicy,
  type Incident,
  type IncidentEventInput,
  isIncidentKitError,
  nextUpdateDue,
  requirementsFor,
} from '../src/index.js';

const t0 = Date.parse('2026-11-24T09:00:00Z');
const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
const show = (incident: Incident, note = '') =>
  console.log(
    `  [${incident.phase.padEnd(9)}] v${incident.version} ${incident.severity ?? '-'}${note ? `  ${note}` : ''}`,
  );

const impact = { customerFacing: true, degraded: true, usersAffectedPct: 12 };
const classification = classify(defaultSeverityPolicy, impact);
console.log(`Classified ${JSON.stringify(impact)} as ${classification.severity}:`);
for (const reason of classification.reasons) console.log(`  - ${reason}`);

let { incident } = declareIncident({
  incidentId: 'INC-2041',
  title: 'Checkout API returning 502s',
  at: at(0),
  startedAt: at(-6),
  impact,
  source: 'monitoring',
  services: ['checkout-api'],
  category: 'deploy-regression',
});
console.log(`\nDeclared ${incident.id} "${incident.title}"`);
show(incident, `next update due ${new Date(nextUpdateDue(incident, defaultSeverityPolicy)!).toISOString()}`);

const steps: IncidentEventInput[] = [
  { type: 'ACKNOWLEDGE', at: at(2), by: 'alice' },
  { type: 'ASSIGN_ROLE', at: at(3), role: 'commander', assignee: 'alice' },
  { type: 'TRIAGE', at: at(4), severity: 'SEV2' }, // rejected: SEV2 needs a comms lead too
  { type: 'ASSIGN_ROLE', at: at(4), role: 'commsLead', assignee: 'bob' },
  { type: 'TRIAGE', at: at(5), severity: 'SEV2' },
  {
    type: 'POST_UPDATE',
    at: at(10),
    audience: 'stakeholders',
    message: 'Investigating elevated 502s on checkout.',
  },
  { type: 'NOTE', at: at(14), text: 'Roll back release 2026.11.24-3', kind: 'decision', by: 'alice' },
  { type: 'MITIGATE', at: at(21), summary: 'Rolled back release 2026.11.24-3' },
  { type: 'RESOLVE', at: at(80), summary: 'Connection-pool limit restored and alert added' },
  {
    type: 'ADD_ACTION_ITEM',
    at: at(90),
    item: { id: 'act_canary', title: 'Add a canary stage for checkout-api', kind: 'prevent' },
  },
  { type: 'CLOSE', at: at(95) }, // rejected: SEV2 requires a postmortem; the action item has no owner
  {
    type: 'UPDATE_ACTION_ITEM',
    at: at(96),
    itemId: 'act_canary',
    changes: { owner: 'carol', dueAt: at(60 * 24 * 14) },
  },
  { type: 'PUBLISH_POSTMORTEM', at: at(60 * 26), url: 'https://wiki.example.com/pm/INC-2041' },
  { type: 'CLOSE', at: at(60 * 27) },
];

for (const event of steps) {
  try {
    incident = applyEvent(incident, event);
    show(incident, event.type);
  } catch (error) {
    if (!isIncidentKitError(error)) throw error;
    console.log(`  rejected ${event.type}: ${error.message}`);
    console.log(`    allowed now: ${allowedEvents(incident).join(', ')}`);
  }
}

const req = requirementsFor(defaultSeverityPolicy, incident.severity);
console.log(
  `\n${incident.severity} requires: roles ${req.requiredRoles.join(' + ')}, updates every ${req.updateEveryMinutes} min, postmortem within ${req.postmortemDueHours} h`,
);
console.log('\nTimeline:');
for (const entry of incident.timeline) {
  console.log(
    `  ${new Date(entry.at).toISOString().slice(11, 16)}Z ${entry.decision ? '[decision] ' : ''}${entry.text}`,
  );
}
if (incident.phase !== 'closed') {
  console.error('demo failed: the incident did not reach closed');
  process.exit(1);
}
