/**
 * `npm run demo`: incidentkit running whole incidents on an embedded PostgreSQL (PGlite; the server
 * in `DATABASE_URL` when it is set), with a local webhook receiver on 127.0.0.1 standing in for
 * Slack. An Alertmanager alert declares an incident, the policy classifies it, roles are assigned,
 * updates go out on cadence, a reminder fires for an overdue one, the receiver fails for a while
 * and nothing is lost or sent twice, then mitigation, resolution and a blameless postmortem
 * (drafted, linted, corrected, published) before the close. Then a seeded year of history (520
 * incidents) is stored and reported on: out/postmortem.md, out/report.html, out/lifecycle.md.
 *
 * The clock is fixed (the manager takes `clock`), so every line printed is the same on every run.
 */
import { execFile } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  type Clock,
  classify,
  createIncidentManager,
  decide,
  draftPostmortem,
  fromAlertmanager,
  type IdGenerator,
  type Incident,
  type IncidentStore,
  isIncidentKitError,
  lifecycleDiagram,
  lintPostmortem,
  mttr,
  type PgQueryable,
  postgresStore,
  publishPostmortem,
  renderPostmortem,
  slackNotifier,
} from '../src/index.js';
import { seededHistory } from './seeded-history.js';

const started = performance.now();
const run = promisify(execFile);
const OUT = process.env.INCIDENTKIT_DEMO_OUT ?? 'out';
const log = (line = '') => console.log(line);
const heading = (text: string) => log(`\n── ${text} ${'─'.repeat(Math.max(3, 92 - text.length))}`);
const t0 = Date.parse('2026-11-24T09:00:00Z');
const hhmm = (ms: number) => new Date(ms).toISOString().slice(5, 16).replace('T', ' ');

// ── The store: a real PostgreSQL, embedded unless DATABASE_URL names a server ──────────────────
async function openDatabase(): Promise<{ client: PgQueryable; name: string; close: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const where = new URL(url);
    return {
      client: pool,
      name: `PostgreSQL server at ${where.hostname}:${where.port || 5432}${where.pathname} (DATABASE_URL, through pg)`,
      close: () => pool.end(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite();
  return {
    client: db,
    name: 'PGlite (embedded PostgreSQL, in-process; set DATABASE_URL to use a server)',
    close: () => db.close(),
  };
}

// ── A local stand-in for a Slack incoming webhook that can be told to fail ─────────────────────
interface Receiver {
  readonly url: string;
  readonly received: string[];
  failing: boolean;
  refused: number;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += chunk;
  return body;
}

async function slackReceiver(): Promise<Receiver> {
  const receiver: Receiver = { url: '', received: [], failing: false, refused: 0, close: async () => {} };
  const server = createServer(async (request, response) => {
    const body = JSON.parse(await readBody(request)) as { text: string };
    if (receiver.failing) {
      receiver.refused++;
      response.writeHead(503, { 'content-type': 'text/plain' }).end('service_unavailable');
      return;
    }
    receiver.received.push(body.text);
    log(`    slack ◂ ${body.text.split('\n')[0]!.slice(0, 96)}`);
    response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/services/T0DEMO/B0DEMO/demo`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

// ── A fixed clock and readable ids, so the run is the same every time ──────────────────────────
let now = t0;
const clock: Clock = { now: () => now, setTimeout: () => 0, clearTimeout: () => {} };
const counters = new Map<string, number>();
const ids: IdGenerator = {
  newId: (prefix) => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return `${prefix}_demo${String(n).padStart(4, '0')}`;
  },
};
const minutes = (m: number) => {
  now += m * 60_000;
};

const db = await openDatabase();
log(`incidentkit demo — store: ${db.name}`);
const receiver = await slackReceiver();
try {
  // A schema of its own on a server, emptied first, so the demo can run again and again.
  if (process.env.DATABASE_URL) await db.client.query('DROP SCHEMA IF EXISTS incidentkit_demo CASCADE');
  const store: IncidentStore = postgresStore({ client: db.client, schema: 'incidentkit_demo' });
  await store.migrate();
  const manager = createIncidentManager({
    store,
    clock,
    ids,
    notifiers: [slackNotifier({ webhookUrl: receiver.url })],
    delivery: { backoff: { baseMs: 30_000, factor: 2, jitter: 0 } },
  });
  // Each delivery round prints what it did; the totals prove nothing was lost or sent twice.
  const totals = { queued: 0, delivered: 0, retried: 0, dead: 0 };
  const deliver = async (label = 'deliver') => {
    const report = await manager.deliver();
    totals.delivered += report.delivered;
    totals.retried += report.retried;
    totals.dead += report.dead;
    if (report.attempted > 0)
      log(
        `    ${label}: ${report.attempted} attempted, ${report.delivered} delivered, ${report.retried} to retry, ${report.dead} dead`,
      );
    return report;
  };
  const show = (incident: Incident, note: string) =>
    log(
      `  ${hhmm(now)}  [${incident.phase.padEnd(8)}] v${String(incident.version).padStart(2)} ${incident.severity}  ${note}`,
    );

  heading('1. An Alertmanager alert declares an incident; the policy classifies it');
  const alert = {
    version: '4',
    status: 'firing',
    receiver: 'incidentkit',
    groupKey: '{}:{alertname="CheckoutHighErrorRate"}',
    alerts: [
      {
        status: 'firing',
        labels: { alertname: 'CheckoutHighErrorRate', service: 'checkout-api', severity: 'page' },
        annotations: { summary: 'Checkout API returning 502s' },
        startsAt: new Date(t0 - 4 * 60_000).toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        fingerprint: 'c6eadffa33fcdf37',
      },
    ],
  };
  const [signal] = fromAlertmanager(alert);
  // The alert carries the measured blast radius; the policy turns it into a severity.
  const impact = { customerFacing: true, degraded: true, usersAffectedPct: 12 };
  const declared = await manager.signal({ ...signal!, impact });
  let incident = declared.incident!;
  const id = incident.id;
  show(incident, `${declared.action} from Alertmanager alert ${signal!.dedupKey}`);
  const classification = classify(impact, { policy: manager.policy });
  log(`    ${JSON.stringify(impact)} → ${classification.severity} (${classification.reasons[0]})`);
  minutes(1);
  const repeat = await manager.signal(fromAlertmanager(alert)[0]!);
  log(`    the same alert again → ${repeat.action} to ${repeat.incident?.id} (no second incident)`);
  await deliver();

  heading('2. Roles are assigned; the policy guards triage');
  minutes(1);
  incident = await manager.acknowledge(id, { by: 'alice' });
  show(incident, 'acknowledged by alice');
  incident = await manager.assignRole(id, { role: 'commander', assignee: 'alice' });
  show(incident, 'commander: alice');
  try {
    await manager.triage(id, { severity: 'SEV2' });
  } catch (error) {
    if (!isIncidentKitError(error)) throw error;
    log(`  ${hhmm(now)}  triage refused — ${error.code}: ${error.message}`);
  }
  incident = await manager.assignRole(id, { role: 'commsLead', assignee: 'bob' });
  show(incident, 'comms lead: bob');
  incident = await manager.triage(id, { severity: 'SEV2' });
  show(incident, 'triaged SEV2');
  await deliver();

  heading('3. Status updates on the SEV2 cadence (every 30 min), and a reminder when one is late');
  minutes(8);
  incident = await manager.postUpdate(id, {
    audience: 'stakeholders',
    message: 'Investigating elevated 502s on checkout; deploys paused.',
  });
  show(incident, 'status update to stakeholders');
  await deliver();
  minutes(28);
  incident = await manager.postUpdate(id, {
    audience: 'stakeholders',
    message: 'The 502s started with release 2026.11.24-3; rolling it back.',
  });
  show(incident, 'status update to stakeholders (on time)');
  await deliver();
  minutes(35); // bob is heads-down on the rollback: the next update is 5 minutes late
  const due = (await manager.due()).filter((item) => item.incidentId === id);
  log(`  ${hhmm(now)}  due: ${due.map((item) => `${item.kind} (due ${hhmm(item.dueAt)})`).join(', ')}`);
  const reminded = await manager.remind();
  log(
    `  ${hhmm(now)}  remind → ${reminded.reminded.length} reminder(s); again → ${(await manager.remind()).reminded.length} (once per due item)`,
  );
  await deliver();
  incident = await manager.postUpdate(id, {
    audience: 'stakeholders',
    message: 'Rollback at 60%; error rate falling.',
  });
  show(incident, 'status update to stakeholders (after the reminder)');
  await deliver();

  heading('4. The Slack webhook goes down for a while; nothing is lost or sent twice');
  receiver.failing = true;
  log(`  ${hhmm(now)}  receiver now answers 503`);
  minutes(4);
  incident = await manager.mitigate(id, { summary: 'Rolled back release 2026.11.24-3; 502s stopped' });
  show(incident, 'mitigated');
  incident = await manager.postUpdate(id, {
    audience: 'public',
    message: 'Checkout is working again; we are monitoring.',
  });
  show(incident, 'public status-page update');
  for (let round = 1; round <= 3; round++) {
    await deliver(`round ${round} (Slack down)`);
    minutes(2);
  }
  receiver.failing = false;
  log(`  ${hhmm(now)}  receiver healthy again`);
  for (let round = 0; round < 6; round++) {
    const report = await deliver('after the outage');
    if (report.attempted === 0) break;
    minutes(2);
  }

  heading('5. Resolution');
  minutes(40);
  incident = await manager.resolve(id, { summary: 'Pool limit restored to 200 and a config check added' });
  show(incident, 'resolved');
  await deliver();

  heading('6. A blameless postmortem: drafted, linted, corrected, published; then closed');
  const blameful = draftPostmortem(
    incident,
    {
      authors: ['alice'],
      summary: 'Checkout failed for 12% of customers for an hour.',
      rootCause: 'Bob deployed bad code without testing it, and the on-call engineer ignored the alert.',
      actionItems: [{ title: 'Be more careful with deploys' }],
    },
    { policy: manager.policy },
  );
  const findings = lintPostmortem(blameful);
  log(`  first draft: ${findings.length} lint finding(s)`);
  for (const finding of findings) log(`    ${finding.level.padEnd(7)} ${finding.rule}: ${finding.message}`);
  const draft = draftPostmortem(
    incident,
    {
      authors: ['alice'],
      reviewers: ['carol'],
      summary:
        'A release lowered the checkout connection-pool limit; 12% of checkouts failed for 81 minutes until the rollback.',
      rootCause:
        'Release 2026.11.24-3 lowered the connection-pool limit from 200 to 20, and the config schema accepts any positive value, so nothing stopped it.',
      trigger: 'The release reached all regions at 08:54 UTC.',
      wentWell: ['The 502 alert declared the incident by itself; nobody had to notice first.'],
      couldImprove: ['The third status update was five minutes late.'],
      actionItems: [
        {
          id: 'act_pool_floor',
          title: 'Reject checkout configs with a pool limit below 100 in CI',
          owner: 'carol',
          dueAt: t0 + 14 * 86_400_000,
          kind: 'prevent',
        },
      ],
    },
    { policy: manager.policy },
  );
  const remaining = lintPostmortem(draft);
  log(
    `  corrected draft: ${remaining.filter((f) => f.level === 'error').length} errors, ${remaining.length} finding(s) in all`,
  );
  minutes(26 * 60);
  const { postmortem } = publishPostmortem(draft, {
    at: now,
    url: `https://wiki.example.com/pm/${id}`,
    by: 'alice',
  });
  incident = await manager.publishPostmortem(id, { url: `https://wiki.example.com/pm/${id}`, by: 'alice' });
  show(incident, `postmortem ${postmortem.metadata.status} at ${incident.postmortem?.url ?? ''}`);
  await deliver();
  minutes(10);
  incident = await manager.close(id, { by: 'alice' });
  show(incident, 'closed');

  heading('Delivery totals');
  const deadLetters = (await manager.deadLetters()).items.length;
  const unique = new Set(receiver.received).size;
  log(
    `  delivered ${totals.delivered}, retried ${totals.retried} (${receiver.refused} refused by the receiver while down), dead ${totals.dead + deadLetters}`,
  );
  log(
    `  Slack received ${receiver.received.length} message(s), ${unique} distinct: ${receiver.received.length === unique && unique === totals.delivered ? 'none lost, none doubled' : 'MISMATCH'}`,
  );
  await mkdir(OUT, { recursive: true });
  const postmortemPath = join(OUT, 'postmortem.md');
  await writeFile(postmortemPath, renderPostmortem(postmortem, 'markdown'));

  heading('7. A year of history (seeded), stored and reported on');
  const logs = seededHistory({ until: t0 - 86_400_000 });
  let stored = 0;
  for (const events of logs) {
    let current: Incident | undefined;
    const decided = [];
    for (const input of events) {
      const decision = decide(current, input, { policy: manager.policy });
      decided.push(...decision.events);
      current = decision.incident;
    }
    await store.append(current!.id, decided, { expectedVersion: 0, now: t0 });
    if (++stored % 130 === 0) log(`  stored ${stored} of ${logs.length} incidents`);
  }
  const incidents: Incident[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list({ limit: 500, ...(cursor === undefined ? {} : { cursor }) });
    incidents.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  const first = Math.min(...incidents.map((i) => i.milestones.detectedAt));
  log(
    `  ${incidents.length} incidents in the store, detected ${new Date(first).toISOString().slice(0, 10)} – ${new Date(t0).toISOString().slice(0, 10)}`,
  );
  const stats = mttr(incidents);
  log(
    `  MTTR median ${Math.round(stats.medianMs! / 60_000)} min, p90 ${Math.round(stats.p90Ms! / 60_000)} min over ${stats.count} resolved`,
  );
  const historyPath = join(OUT, 'incidents.json');
  await writeFile(historyPath, JSON.stringify(incidents));

  const reportPath = join(OUT, 'report.html');
  await run(process.execPath, [
    '--import',
    'tsx',
    'src/cli/main.ts',
    'report',
    historyPath,
    '--out',
    reportPath,
    '--until',
    new Date(t0).toISOString(),
    '--now',
    new Date(t0).toISOString(),
    '--quiet',
  ]);
  const lifecyclePath = join(OUT, 'lifecycle.md');
  await writeFile(
    lifecyclePath,
    `# The incident lifecycle\n\nGenerated from the state machine by \`lifecycleDiagram()\`.\n\n\`\`\`mermaid\n${lifecycleDiagram().trimEnd()}\n\`\`\`\n`,
  );

  heading('Written');
  for (const path of [postmortemPath, historyPath, reportPath, lifecyclePath]) {
    const { size } = await stat(path);
    log(`  ${path} (${Math.ceil(size / 1024)} KB)`);
  }
} finally {
  await receiver.close();
  await db.close();
}
log(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s`);
