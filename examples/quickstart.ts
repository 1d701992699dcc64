import { createIncidentManager, type Notifier, renderMessage } from '../src/index.js';

// Where messages go: the terminal here; slackNotifier, teamsNotifier or pagerDutyNotifier in real life.
const terminal: Notifier = {
  name: 'terminal',
  send: async (message) => console.log(`→ ${renderMessage(message, 'text').split('\n')[0]}`),
};
// The default severity policy and an in-memory store; pass `store: postgresStore(…)` for real use.
const manager = createIncidentManager({ notifiers: [terminal] });

const incident = await manager.declare({
  title: 'Checkout API returning 502s',
  impact: { customerFacing: true, degraded: true, usersAffectedPct: 12 },
});
console.log(`${incident.id} declared as ${incident.severity}`); // SEV2: customer-facing and degraded
await manager.acknowledge(incident.id, { by: 'alice' });
await manager.assignRole(incident.id, { role: 'commander', assignee: 'alice' });
await manager.assignRole(incident.id, { role: 'commsLead', assignee: 'bob' }); // SEV2 needs both
await manager.triage(incident.id, { severity: 'SEV2' });
await manager.postUpdate(incident.id, { audience: 'stakeholders', message: 'Rolling back release 41.' });

/*
 * The rest of an incident's life: mitigate, resolve, and the queued messages delivered (at least
 * once each, retried with backoff when a notifier is down). A host runs `manager.run()` to do
 * the delivering and the cadence reminders on a timer instead of calling `deliver()` itself.
 */
await manager.mitigate(incident.id, { summary: 'Rolled back release 41' });
const resolved = await manager.resolve(incident.id, { summary: 'Pool limit restored' });
const report = await manager.deliver();
console.log(`${resolved.id} is ${resolved.phase}: ${report.delivered} messages delivered`);

// What the policy asks for next: a SEV2 postmortem within 72 hours (and published before CLOSE).
const inFourDays = Date.now() + 4 * 24 * 3_600_000;
for (const item of await manager.due({ now: inFourDays })) console.log(`overdue by then: ${item.kind}`);
