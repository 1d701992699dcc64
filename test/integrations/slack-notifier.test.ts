import { describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../src/adapters/index.js';
import { slackNotifier } from '../../src/adapters/slack-notifier.js';
import { errorOf } from '../errors.js';
import { localVendor, managerWith, T0, walkWholeIncident } from './helpers.js';
import { blockKitProblems, slackWebhook, type WebhookMode } from './slack-server.js';
import { jsonOf } from './vendor-server.js';

const local = localVendor(slackWebhook);

function setup() {
  const slack = slackNotifier({ webhookUrl: `${local.server.url}/services/T000/B000/XXXX` });
  return { ...managerWith(slack), slack };
}

describe('slackNotifier (incoming webhook)', () => {
  it('carries a whole incident to the channel once per message, in order, through injected 429s and 500s', async () => {
    const env = setup();
    const { store } = env;
    const id = await walkWholeIncident({ ...env, notifier: env.slack }, local.server, {
      update: 'Rolling back the deploy <!channel>',
      faults: [
        { status: 429, headers: { 'retry-after': '30' }, body: 'rate_limited' },
        { status: 500, body: 'rollup_error' },
      ],
      laterFaults: [{ status: 503, body: 'service unavailable' }],
    });

    const rows = await store.outbox(id);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.every((r) => r.status === 'delivered')).toBe(true);
    const processed = local.server.processed();
    const keys = processed.map((r) => r.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(rows.map((r) => r.id));
    expect(local.vendor.posted.map((p) => p.text)).toEqual(
      rows.map((r) => (jsonOf(processed[rows.indexOf(r)]!) as { text: string }).text),
    );
    expect(local.server.requests.filter((r) => r.injected)).toHaveLength(3);
    for (const request of processed) {
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/services/T000/B000/XXXX');
      expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
      const body = jsonOf(request);
      expect(Object.keys(body).sort()).toEqual(['blocks', 'text', 'unfurl_links', 'unfurl_media']);
      expect(body).toMatchObject({ unfurl_links: false, unfurl_media: false });
      expect(blockKitProblems(body)).toEqual([]);
    }
    expect(JSON.stringify(local.vendor.posted)).not.toContain('<!channel>');
  });

  it('waits the Retry-After seconds Slack names before trying a rate-limited message again', async () => {
    const { store, slack, manager } = setup();
    await manager.declare({
      incidentId: 'INC-2',
      title: 'Search slow',
      severity: 'SEV3',
      at: T0,
    });
    local.server.inject({ status: 429, headers: { 'retry-after': '30' }, body: 'rate_limited' });
    const first = await deliverOutbox(store, [slack], { now: T0 });
    expect(first.attempts[0]).toMatchObject({ outcome: 'retry', dueAt: T0 + 30_000 });
    expect((await deliverOutbox(store, [slack], { now: T0 + 29_999 })).attempted).toBe(0);
    expect((await deliverOutbox(store, [slack], { now: T0 + 30_000 })).delivered).toBe(1);
    expect(local.vendor.posted).toHaveLength(1);
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
    local.vendor.state.mode = mode;
    const report = await deliverOutbox(store, [slack], { now: T0 });
    expect(report.dead).toBe(1);
    const [row] = await store.outbox(id);
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
    expect(row?.lastError).toContain(`Slack answered ${status} ${mode}`);
    expect(local.server.requests).toHaveLength(1);
  });

  it('rejects a webhook URL that is not http(s)', () => {
    expect(errorOf(() => slackNotifier({ webhookUrl: 'hooks.slack.com/x' })).issues[0]?.path).toBe(
      'options.webhookUrl',
    );
  });
});
