// The trackers driven by the manager through whole incidents: `syncActionItems` pushes items out,
// pulls completion back, and `actionItemCompletion` reflects what the tracker says.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { githubIssuesTracker } from '../../src/adapters/github-issues-tracker.js';
import { memoryStore } from '../../src/adapters/index.js';
import { jiraTracker } from '../../src/adapters/jira-tracker.js';
import { createIncidentManager } from '../../src/manager/index.js';
import { actionItemCompletion } from '../../src/metrics/index.js';
import { githubApi } from './github-server.js';
import { counterIds, minutes, T0, testClock } from './helpers.js';
import { jiraApi } from './jira-server.js';
import { startVendorServer, type VendorServer } from './vendor-server.js';

let github: ReturnType<typeof githubApi>;
let jira: ReturnType<typeof jiraApi>;
let githubServer: VendorServer;
let jiraServer: VendorServer;
beforeAll(async () => {
  githubServer = await startVendorServer((req) => github.handler(req));
  jiraServer = await startVendorServer((req) => jira.handler(req));
});
afterAll(async () => {
  await githubServer.close();
  await jiraServer.close();
});
beforeEach(() => {
  github = githubApi({ repo: 'acme/platform', token: 'ghp_test', now: () => minutes(60 * 24) });
  jira = jiraApi({
    email: 'bot@acme.example',
    token: 'jira-token',
    project: 'OPS',
    now: () => minutes(60 * 48),
  });
  githubServer.reset();
  jiraServer.reset();
});

const trackers = {
  github: () =>
    githubIssuesTracker({
      repo: 'acme/platform',
      token: 'ghp_test',
      baseUrl: githubServer.url,
      now: () => T0,
    }),
  jira: () =>
    jiraTracker({
      baseUrl: jiraServer.url,
      email: 'bot@acme.example',
      apiToken: 'jira-token',
      projectKey: 'OPS',
      now: () => T0,
    }),
};

async function incidentWithItems(tracker: ReturnType<(typeof trackers)['github']>) {
  const clock = testClock();
  const manager = createIncidentManager({
    store: memoryStore(),
    clock,
    ids: counterIds(),
    trackers: [tracker],
  });
  const { id } = await manager.declare({
    incidentId: 'INC-1',
    title: 'Checkout errors',
    severity: 'SEV3',
    at: T0,
  });
  clock.set(minutes(1));
  await manager.acknowledge(id);
  await manager.assignRole(id, { role: 'commander', assignee: 'alice' });
  await manager.triage(id, { severity: 'SEV3' });
  clock.set(minutes(30));
  await manager.mitigate(id);
  await manager.resolve(id, { summary: 'Reverted' });
  const due = minutes(60 * 24 * 14);
  await manager.addActionItem(id, {
    item: { id: 'act_1', title: 'Alert on queue depth', owner: 'alice', dueAt: due, kind: 'detect' },
  });
  await manager.addActionItem(id, {
    item: { id: 'act_2', title: 'Rewrite the config loader', owner: 'bob', dueAt: due, kind: 'prevent' },
  });
  return { clock, manager, id };
}

describe('trackers driven by manager.syncActionItems', () => {
  it('GitHub: creates one issue per item through a 500 and a 429, links it, and pulls completed / not_planned back', async () => {
    const { clock, manager, id } = await incidentWithItems(trackers.github());
    githubServer.inject({ status: 500, body: { message: 'Server Error' } });
    const first = await manager.syncActionItems({ now: minutes(61) });
    expect(first.failed).toHaveLength(1);
    githubServer.inject({ status: 429, headers: { 'retry-after': '1' }, body: { message: 'slow down' } });
    await manager.syncActionItems({ now: minutes(62) });
    await manager.syncActionItems({ now: minutes(63) });
    await manager.syncActionItems({ now: minutes(64) });
    expect(github.issues.size).toBe(2);
    expect([...github.issues.values()].map((i) => i.title).sort()).toEqual([
      'Alert on queue depth',
      'Rewrite the config loader',
    ]);
    const creates = githubServer.processed().filter((r) => r.method === 'POST');
    expect(creates).toHaveLength(2);
    const linked = (await manager.get(id)).actionItems;
    expect(linked.map((i) => i.external?.tracker)).toEqual(['github', 'github']);

    // People work the issues in GitHub; the next round brings their state back.
    const byTitle = (title: string) => [...github.issues.values()].find((i) => i.title === title)!;
    Object.assign(byTitle('Alert on queue depth'), {
      state: 'closed',
      state_reason: 'completed',
      closed_at: '2026-11-30T12:00:00Z',
    });
    Object.assign(byTitle('Rewrite the config loader'), {
      state: 'closed',
      state_reason: 'not_planned',
      closed_at: '2026-12-01T08:00:00Z',
    });
    clock.set(minutes(60 * 24 * 8));
    const pulled = await manager.syncActionItems();
    expect(pulled.completed).toBe(2);
    const incident = await manager.get(id);
    expect(incident.actionItems.map((i) => [i.id, i.status, i.completedAt])).toEqual([
      ['act_1', 'done', Date.parse('2026-11-30T12:00:00Z')],
      ['act_2', 'wontfix', undefined],
    ]);
    const completion = actionItemCompletion([incident], { now: clock.now() });
    expect(completion).toMatchObject({ total: 2, done: 1, wontfix: 1, completionRate: 1 });
    expect((await manager.syncActionItems()).created).toBe(0);
    expect(githubServer.processed().filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('Jira: creates one issue per item, pushes a title change, and pulls Done / Won’t Do back through a 503', async () => {
    const { clock, manager, id } = await incidentWithItems(trackers.jira());
    await manager.syncActionItems({ now: minutes(61) });
    expect([...jira.issues.keys()]).toEqual(['OPS-1', 'OPS-2']);
    await manager.updateActionItem(id, {
      itemId: 'act_1',
      changes: { title: 'Alert on queue depth and age' },
    });
    await manager.syncActionItems({ now: minutes(62) });
    expect(jira.issues.get('OPS-1')?.fields.summary).toBe('Alert on queue depth and age');

    Object.assign(jira.issues.get('OPS-1')!, {
      status: { name: 'Done', category: 'done' },
      resolution: 'Done',
      resolutiondate: '2026-11-30T12:00:00.000+0000',
    });
    Object.assign(jira.issues.get('OPS-2')!, {
      status: { name: 'Closed', category: 'done' },
      resolution: "Won't Do",
      resolutiondate: '2026-12-01T08:00:00.000+0000',
    });
    jiraServer.inject({ status: 503, body: 'Service Unavailable' });
    clock.set(minutes(60 * 24 * 8));
    const first = await manager.syncActionItems();
    const second = await manager.syncActionItems();
    expect(first.completed + second.completed).toBe(2);
    const incident = await manager.get(id);
    expect(incident.actionItems.map((i) => [i.id, i.status])).toEqual([
      ['act_1', 'done'],
      ['act_2', 'wontfix'],
    ]);
    expect(incident.actionItems[0]?.completedAt).toBe(Date.parse('2026-11-30T12:00:00Z'));
    expect(actionItemCompletion([incident], { now: clock.now() })).toMatchObject({ done: 1, wontfix: 1 });
    expect(
      jiraServer.processed().filter((r) => r.method === 'POST' && r.path === '/rest/api/3/issue'),
    ).toHaveLength(2);
  });
});
