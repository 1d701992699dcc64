import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverOutbox, memoryStore } from '../../src/adapters/index.js';
import { slackNotifier } from '../../src/adapters/slack-notifier.js';
import { createIncidentManager } from '../../src/manager/index.js';
import { errorOf } from '../errors.js';
import { counterIds, drainOutbox, minutes, T0, testClock } from './helpers.js';
import { blockKitProblems, slackWebhook, type WebhookMode } from './slack-server.js';
import { jsonOf, startVendorServer, type VendorServer } from './vendor-server.js';

let hook: ReturnType<typeof slackWebhook>;
let server: VendorServer;
beforeAll(async () => {
  server = await startVendorServer((req) => hook.handler(req));
});
afterAll(() => server.close());
beforeEach(() => {
  hook = slackWebhook();
  server.reset();
});

function setup() {
  const clock = testClock();
  const store = memoryStore();
  const slack = slackNotifier({ webhookUrl: `${server.url}/services/T000/B000/XXXX` });
  const manager = createIncidentManager({ store, clock, ids: counterIds(), notifiers: [slack] });
  return { clock, store, slack, manager };
}

describe('slackNotifier (incoming webhook)', () => {
  it('carries a whole incident to the channel once per message, in order, through injected 429s and 500s', async () => {
    const { clock, store, slack, manager } = setup();
    const { id } = await manager.declare({
      incidentId: 'INC-1',
      title: 'Checkout errors',
      severity: 'SEV2',
      at: T0,
    });
    server.inject(
      { status: 429, headers: { 'retry-after': '30' }, body: 'rate_limited' },
      { status: 500, body: 'rollup_error' },
    );
    await drainOutbox(store, [slack], clock, [id]);
    clock.set(minutes(2));
    await manager.acknowledge(id, { by: 'alice' });
    await manager.assignRole(id, { role: 'commander', assignee: 'alice' });
    await manager.assignRole(id, { role: 'commsLead', assignee: 'bob' });
    clock.set(minutes(5));
    await manager.triage(id, { severity: 'SEV2' });
    await manager.postUpdate(id, { audience: 'stakeholders', message: 'Rolling back the deploy <!channel>' });
    clock.set(minutes(30));
    await manager.mitigate(id, { summary: 'Rolled back' });
    server.inject({ status: 503, body: 'service unavailable' });
    clock.set(minutes(60));
    await manager.resolve(id, { summary: 'Bad config reverted' });
    await drainOutbox(store, [slack], clock, [id]);

    const rows = await store.outbox(id);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.every((r) => r.status === 'delivered')).toBe(true);
    const processed = server.processed();
    const keys = processed.map((r) => r.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(rows.map((r) => r.id));
    expect(hook.posted.map((p) => p.text)).toEqual(
      rows.map((r) => (jsonOf(processed[rows.indexOf(r)]!) as { text: string }).text),
    );
    expect(server.requests.filter((r) => r.injected)).toHaveLength(3);
    for (const request of processed) {
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/services/T000/B000/XXXX');
      expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
      const body = jsonOf(request);
      expect(Object.keys(body).sort()).toEqual(['blocks', 'text', 'unfurl_links', 'unfurl_media']);
      expect(body).toMatchObject({ unfurl_links: false, unfurl_media: false });
      expect(blockKitProblems(body)).toEqual([]);
    }
    expect(JSON.stringify(hook.posted)).not.toContain('<!channel>');
  });

  it('waits the Retry-After seconds Slack names before trying a rate-limited message again', async () => {
    const { store, slack, manager } = setup();
    await manager.declare({
      incidentId: 'INC-2',
      title: 'Search slow',
      severity: 'SEV3',
      at: T0,
    });
    server.inject({ status: 429, headers: { 'retry-after': '30' }, body: 'rate_limited' });
    const first = await deliverOutbox(store, [slack], { now: T0 });
    expect(first.attempts[0]).toMatchObject({ outcome: 'retry', dueAt: T0 + 30_000 });
    expect((await deliverOutbox(store, [slack], { now: T0 + 29_999 })).attempted).toBe(0);
    expect((await deliverOutbox(store, [slack], { now: T0 + 30_000 })).delivered).toBe(1);
    expect(hook.posted).toHaveLength(1);
  });

  it.each<[WebhookMode, number]>([
    ['invalid_payload', 400],
    ['action_prohibited', 403],
    ['channel_not_found', 404],
    ['channel_is_archived', 410],
  ])('dead-letters at once on %s (HTTP %i), naming the error', async (mode, status) => {
    const { store, slack, manager } = setup();
    const { id } = await manager.declare({
      incidentId: 'INC-3',
      title: 'Queue backlog',
      severity: 'SEV3',
      at: T0,
    });
    hook.state.mode = mode;
    const report = await deliverOutbox(store, [slack], { now: T0 });
    expect(report.dead).toBe(1);
    const [row] = await store.outbox(id);
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
    expect(row?.lastError).toContain(`Slack answered ${status} ${mode}`);
    expect(server.requests).toHaveLength(1);
  });

  it('rejects a webhook URL that is not http(s)', () => {
    expect(errorOf(() => slackNotifier({ webhookUrl: 'hooks.slack.com/x' })).issues[0]?.path).toBe(
      'options.webhookUrl',
    );
  });
});
