/**
 * Routing an incident's messages to Slack incoming webhooks: one webhook per channel (Slack's
 * incoming webhooks each post to the channel they were created for), a routing table that says
 * which messages go where, and what happens when a channel was archived (Slack answers 410
 * `channel_is_archived`: no retry can fix it, so the message is dead-lettered at once for a
 * person to re-route, while the other channels carry on).
 *
 * The webhooks here are a local receiver on 127.0.0.1 that answers as Slack's do; set
 * SLACK_INCIDENTS_WEBHOOK_URL to post the #incidents messages to a real channel instead.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createIncidentManager, slackNotifier } from '../src/index.js';

/** A stand-in for hooks.slack.com: `/archived/...` answers 410 as an archived channel's webhook does. */
async function slackWebhooks(): Promise<{ base: string; close: () => Promise<void> }> {
  const server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    const channel = request.url?.split('/')[2] ?? '?';
    if (channel === 'archived') {
      response.writeHead(410, { 'content-type': 'text/plain' }).end('channel_is_archived');
      return;
    }
    const payload = JSON.parse(body) as { text?: string; blocks?: unknown[] };
    if (typeof payload.text !== 'string') {
      response.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_payload');
      return;
    }
    console.log(
      `#${channel.padEnd(10)} ◂ ${payload.text.split('\n')[0]} (${payload.blocks?.length ?? 0} blocks)`,
    );
    response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/services`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const hooks = await slackWebhooks();
try {
  const manager = createIncidentManager({
    notifiers: [
      slackNotifier({
        name: 'incidents',
        webhookUrl: process.env.SLACK_INCIDENTS_WEBHOOK_URL || `${hooks.base}/incidents/B01`,
      }),
      slackNotifier({ name: 'leadership', webhookUrl: `${hooks.base}/leadership/B02` }),
      slackNotifier({ name: 'old-status', webhookUrl: `${hooks.base}/archived/B03` }),
    ],
    routes: [
      // Responders and stakeholders follow the incident in #incidents.
      { notifier: 'incidents', audiences: ['responders', 'stakeholders'] },
      // Leadership hears about the serious ones only: declared, resolved, and the postmortem.
      {
        notifier: 'leadership',
        severities: ['SEV1', 'SEV2'],
        kinds: ['initial-notification', 'resolution-notice', 'postmortem-published'],
      },
      // Public status-page updates still point at a channel that was archived.
      { notifier: 'old-status', audiences: ['public'] },
    ],
  });

  const incident = await manager.declare({
    title: 'Payments API timing out',
    severity: 'SEV1',
    services: ['payments'],
  });
  await manager.acknowledge(incident.id, { by: 'alice' });
  await manager.assignRole(incident.id, { role: 'commander', assignee: 'alice' });
  await manager.assignRole(incident.id, { role: 'commsLead', assignee: 'bob' });
  await manager.triage(incident.id, { severity: 'SEV1' });
  await manager.postUpdate(incident.id, {
    audience: 'stakeholders',
    message: 'Failing over to the secondary region.',
  });
  await manager.mitigate(incident.id, { summary: 'Failed over' });
  await manager.resolve(incident.id, { summary: 'Primary region healthy again' });

  const report = await manager.deliver();
  console.log(`delivered ${report.delivered}, dead-lettered ${report.dead}, to retry ${report.retried}`);
  for (const row of (await manager.deadLetters()).items) {
    console.log(`dead letter: ${row.message.kind} for ${row.notifier} — ${row.lastError ?? ''}`);
  }
} finally {
  await hooks.close();
}
