import { describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../src/adapters/index.js';
import { slackApiNotifier } from '../../src/adapters/slack-api-notifier.js';
import { errorOf } from '../errors.js';
import { drainOutbox, localVendor, managerWith, minutes, T0, walkWholeIncident } from './helpers.js';
import { blockKitProblems, slackWebApi } from './slack-server.js';
import { jsonOf } from './vendor-server.js';

const TOKEN = 'xoxb-test-token';
const local = localVendor(() => slackWebApi({ token: TOKEN, channels: { '#incidents': 'C0INCIDENTS' } }));

function setup(channel = '#incidents', token = TOKEN) {
  const slack = slackApiNotifier({ token, channel, baseUrl: `${local.server.url}/api` });
  return { ...managerWith(slack), slack };
}

const methods = () => local.server.processed().map((r) => r.path.replace('/api/', ''));

describe('slackApiNotifier (Web API, one live card per incident)', () => {
  it('posts one card per incident and updates it with every later message, through 429s and internal errors', async () => {
    const env = setup();
    const { store } = env;
    const id = await walkWholeIncident({ ...env, notifier: env.slack }, local.server, {
      update: 'Rolling back',
      faults: [
        { status: 429, headers: { 'retry-after': '3' }, body: { ok: false, error: 'ratelimited' } },
        { status: 200, body: { ok: false, error: 'internal_error' } },
      ],
      laterFaults: [{ status: 503, body: 'upstream unavailable' }],
    });

    const rows = await store.outbox(id);
    expect(rows.every((r) => r.status === 'delivered')).toBe(true);
    const channel = local.vendor.channels.get('C0INCIDENTS')!;
    expect(channel).toHaveLength(1);
    expect(channel[0]!.edits).toBe(rows.length - 1);
    expect(methods()).toEqual(['chat.postMessage', ...rows.slice(1).map(() => 'chat.update')]);
    expect(local.server.processed().map((r) => r.headers['idempotency-key'])).toEqual(rows.map((r) => r.id));
    const lastUpdate = jsonOf(local.server.processed().at(-1)!);
    expect(lastUpdate).toMatchObject({ channel: 'C0INCIDENTS', ts: channel[0]!.ts });
    expect(channel[0]!.text).toBe(lastUpdate.text);
    for (const request of local.server.processed()) {
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(blockKitProblems(jsonOf(request))).toEqual([]);
    }
    expect(await store.getState('slack-api:#incidents:INC-1')).toBe(
      JSON.stringify({ channel: 'C0INCIDENTS', ts: channel[0]!.ts }),
    );
  });

  it('keeps a separate card for each incident', async () => {
    const { clock, store, slack, manager } = setup();
    await manager.declare({ incidentId: 'INC-A', title: 'Search slow', severity: 'SEV3', at: T0 });
    await manager.declare({ incidentId: 'INC-B', title: 'Login errors', severity: 'SEV3', at: T0 });
    clock.set(minutes(1));
    await manager.acknowledge('INC-A');
    await manager.acknowledge('INC-B');
    await drainOutbox(store, [slack], clock, ['INC-A', 'INC-B']);
    const channel = local.vendor.channels.get('C0INCIDENTS')!;
    expect(channel).toHaveLength(2);
    expect(channel.map((m) => m.edits)).toEqual([1, 1]);
  });

  it('posts reminders as replies in the card’s thread', async () => {
    const { clock, store, slack, manager } = setup();
    await manager.declare({ incidentId: 'INC-R', title: 'Queue backlog', severity: 'SEV3', at: T0 });
    await drainOutbox(store, [slack], clock, ['INC-R']);
    clock.set(minutes(90));
    await manager.remind();
    await drainOutbox(store, [slack], clock, ['INC-R']);
    const [card, ...replies] = local.vendor.channels.get('C0INCIDENTS')!;
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((r) => r.thread_ts === card!.ts)).toBe(true);
    expect(card!.edits).toBe(0);
  });

  it('posts a fresh card when the old one was deleted (message_not_found), and remembers it', async () => {
    const { clock, store, slack, manager } = setup();
    await manager.declare({ incidentId: 'INC-D', title: 'Search slow', severity: 'SEV3', at: T0 });
    await drainOutbox(store, [slack], clock, ['INC-D']);
    local.vendor.channels.get('C0INCIDENTS')!.length = 0;
    clock.set(minutes(1));
    await manager.acknowledge('INC-D');
    await drainOutbox(store, [slack], clock, ['INC-D']);
    expect(methods()).toEqual(['chat.postMessage', 'chat.update', 'chat.postMessage']);
    const [fresh] = local.vendor.channels.get('C0INCIDENTS')!;
    expect(await store.getState('slack-api:#incidents:INC-D')).toContain(fresh!.ts);
  });

  it('keeps one card when an update reached Slack but its answer was lost (the retry edits the same card)', async () => {
    const { clock, store, slack, manager } = setup();
    await manager.declare({ incidentId: 'INC-U', title: 'Search slow', severity: 'SEV3', at: T0 });
    await drainOutbox(store, [slack], clock, ['INC-U']);
    clock.set(minutes(1));
    await manager.acknowledge('INC-U');
    local.server.loseAnswers(1);
    await drainOutbox(store, [slack], clock, ['INC-U']);
    expect(methods()).toEqual(['chat.postMessage', 'chat.update', 'chat.update']);
    expect(local.vendor.channels.get('C0INCIDENTS')).toHaveLength(1);
  });

  it.each([
    ['channel_not_found', '#nowhere', TOKEN],
    ['invalid_auth', '#incidents', 'xoxb-wrong'],
  ])('dead-letters at once on %s, naming the error', async (error, channel, token) => {
    const { store, slack, manager } = setup(channel, token);
    const { id } = await manager.declare({
      incidentId: 'INC-X',
      title: 'Search slow',
      severity: 'SEV3',
      at: T0,
    });
    const report = await deliverOutbox(store, [slack], { now: T0 });
    expect(report.dead).toBe(1);
    const [row] = await store.outbox(id);
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
    expect(row?.lastError).toContain(`chat.postMessage failed with ${error}`);
  });

  it('retries a ratelimited answer after its Retry-After', async () => {
    const { store, slack, manager } = setup();
    await manager.declare({ incidentId: 'INC-L', title: 'Search slow', severity: 'SEV3', at: T0 });
    local.server.inject({
      status: 200,
      headers: { 'retry-after': '20' },
      body: { ok: false, error: 'ratelimited' },
    });
    const report = await deliverOutbox(store, [slack], { now: T0, random: () => 0 });
    expect(report.attempts[0]).toMatchObject({ outcome: 'retry', dueAt: T0 + 20_000 });
  });

  it('rejects a missing token or channel, naming the option', () => {
    expect(errorOf(() => slackApiNotifier({ token: '', channel: '#x' })).issues[0]?.path).toBe(
      'options.token',
    );
    expect(errorOf(() => slackApiNotifier({ token: 'xoxb', channel: ' ' })).issues[0]?.path).toBe(
      'options.channel',
    );
  });
});
