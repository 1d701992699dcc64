/**
 * `npm run demo`: one incident end to end with the default severity policy — declare, walk the
 * lifecycle (showing the guards at work), keep stakeholders informed, write and lint a blameless
 * postmortem, publish it and close. Every line printed is computed by the library.
 */
import {
  allowedEvents,
  applyEvent,
  classify,
  declareIncident,
  defaultSeverityPolicy,
  draftPostmortem,
  type Incident,
  type IncidentEventInput,
  isIncidentKitError,
  lintPostmortem,
  metricsReport,
  mttr,
  publishPostmortem,
  renderMessage,
  renderPostmortem,
  replay,
  resolutionNotice,
  reviewWindow,
  type SlackMessage,
  statusUpdate,
} from '../src/index.js';

const t0 = Date.parse('2026-11-24T09:00:00Z');
const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
const heading = (text: string) => console.log(`\n── ${text} ${'─'.repeat(Math.max(0, 70 - text.length))}`);
const show = (incident: Incident, note: string) =>
  console.log(
    `  [${incident.phase.padEnd(8)}] v${String(incident.version).padStart(2)} ${incident.severity}  ${note}`,
  );

function step(incident: Incident, event: IncidentEventInput): Incident {
  try {
    const next = applyEvent(incident, event);
    show(next, event.type);
    return next;
  } catch (error) {
    if (!isIncidentKitError(error)) throw error;
    console.log(`  rejected ${event.type} — ${error.message}`);
    console.log(`    allowed now: ${allowedEvents(incident).join(', ')}`);
    return incident;
  }
}

heading('Classify and declare');
const impact = { customerFacing: true, degraded: true, usersAffectedPct: 12 };
const classification = classify(impact, { policy: defaultSeverityPolicy });
console.log(`  ${JSON.stringify(impact)} → ${classification.severity} (${classification.reasons[0]})`);
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
show(incident, 'DECLARE');

heading('Respond (the policy guards the lifecycle)');
for (const event of [
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
] satisfies IncidentEventInput[]) {
  incident = step(incident, event);
}

heading('Status update to stakeholders, as Slack Block Kit');
const update = statusUpdate(
  incident,
  {
    status: 'We traced the 502s to release 2026.11.24-3 and are rolling it back.',
    actionsTaken: ['Paused deploys'],
  },
  { at: at(16) },
);
const slack = renderMessage(update, 'slack') as SlackMessage;
console.log(`  fallback text: ${slack.text}`);
console.log(
  `  ${slack.blocks.length} blocks: ${slack.blocks.map((b) => b.type).join(', ')}; next update ${new Date(update.nextUpdateAt!).toISOString()}`,
);

heading('Mitigate and resolve');
for (const event of [
  { type: 'MITIGATE', at: at(21), summary: 'Rolled back release 2026.11.24-3' },
  { type: 'RESOLVE', at: at(80), summary: 'Connection-pool limit restored and an alert added' },
] satisfies IncidentEventInput[]) {
  incident = step(incident, event);
}
console.log(renderMessage(resolutionNotice(incident), 'text').replace(/^/gm, '  '));

heading('Blameless postmortem');
const window = reviewWindow(incident, defaultSeverityPolicy, { timeZone: 'Europe/London' });
console.log(
  `  review between ${new Date(window.earliest).toISOString()} and ${new Date(window.latest).toISOString()}`,
);
const blameful = draftPostmortem(incident, {
  authors: ['alice'],
  rootCause: 'Bob deployed bad code without testing it.',
  actionItems: [{ title: 'Be more careful with deploys' }],
});
for (const f of lintPostmortem(blameful)) console.log(`  lint ${f.level} ${f.rule}: ${f.message}`);
const draft = draftPostmortem(incident, {
  authors: ['alice'],
  reviewers: ['carol'],
  summary: 'A release lowered the checkout connection-pool limit; 12% of checkouts failed for 27 minutes.',
  rootCause:
    'Release 2026.11.24-3 lowered the connection-pool limit from 200 to 20, and the config schema accepts any positive value.',
  trigger: 'The release reached all regions at 08:54 UTC.',
  wentWell: ['The 502 alert paged within six minutes.'],
  couldImprove: ['Finding the responsible release took eight minutes.'],
  actionItems: [
    {
      id: 'act_pool_floor',
      title: 'Reject checkout configs with a pool limit below 100 in CI',
      owner: 'carol',
      dueAt: at(60 * 24 * 14),
      kind: 'prevent',
    },
  ],
});
console.log(
  `  clean draft: ${lintPostmortem(draft).filter((f) => f.level === 'error').length} lint errors, ${draft.sections.length} sections`,
);
const { postmortem, event: published } = publishPostmortem(draft, {
  at: at(60 * 26),
  url: 'https://wiki.example.com/pm/INC-2041',
  by: 'alice',
});
console.log(
  `  ${renderPostmortem(postmortem, 'markdown').split('\n').length} lines of markdown, status ${postmortem.metadata.status}`,
);

heading('Close');
incident = step(incident, { type: 'CLOSE', at: at(60 * 25) }); // rejected: SEV2 needs the postmortem first
incident = step(incident, published);
incident = step(incident, { type: 'CLOSE', at: at(60 * 27) });

heading('Metrics over this quarter');
// Earlier incidents, folded from their (minimal) event logs as a store would hand them back.
const history = [3, 9, 17, 33, 41, 58].map((day, i) => {
  const start = t0 - (90 - day) * 24 * 60 * 60_000;
  const m = (minutes: number) => start + minutes * 60_000;
  const lasting = [45, 200, 70, 30, 150, 25][i]!;
  return replay([
    {
      type: 'DECLARE',
      incidentId: `INC-19${i}0`,
      title: 'Earlier incident',
      at: m(5),
      startedAt: m(0),
      severity: 'SEV4',
      source: i % 3 ? 'monitoring' : 'customer',
      category: i % 2 ? 'deploy-regression' : 'capacity',
    },
    { type: 'ACKNOWLEDGE', at: m(8) },
    { type: 'TRIAGE', at: m(10), severity: 'SEV4' },
    { type: 'MITIGATE', at: m(lasting / 2) },
    { type: 'RESOLVE', at: m(lasting) },
  ]);
});
const all = [...history, incident];
const stats = mttr(all);
console.log(
  `  MTTR median ${Math.round(stats.medianMs! / 60_000)} min, p90 ${Math.round(stats.p90Ms! / 60_000)} min over ${stats.count} incidents${stats.lowSample ? ' (low sample)' : ''}`,
);
console.log(`  definition ${stats.definition}`);
const report = metricsReport(all, {
  now: at(60 * 27),
  since: t0 - 90 * 24 * 60 * 60_000,
  until: at(60 * 27),
  interval: 'month',
  policy: defaultSeverityPolicy,
});
console.log(
  `  recurrence ${(report.recurrence.rate! * 100).toFixed(0)}% (${report.recurrence.repeated.map((r) => `${r.key} ×${r.incidents}`).join(', ')})`,
);
console.log(
  `  detected by our own monitoring: ${report.detection.automated} of ${report.detection.total}, by customers: ${report.detection.customer}; MTTR trend: ${report.trends?.durations.mttr?.direction ?? 'n/a'}`,
);

heading('Timeline');
for (const entry of incident.timeline) {
  console.log(
    `  ${new Date(entry.at).toISOString().slice(0, 16).replace('T', ' ')}Z ${entry.decision ? '[decision] ' : ''}${entry.text}`,
  );
}
if (incident.phase !== 'closed') {
  console.error('demo failed: the incident did not reach closed');
  process.exit(1);
}
