import { describe, expect, it } from 'vitest';
import { deliverOutbox, type NotifyContext } from '../../src/adapters/index.js';
import { pagerDutyEventAction, pagerDutyNotifier } from '../../src/adapters/pagerduty-notifier.js';
import { initialNotification } from '../../src/comms/index.js';
import { declareIncident } from '../../src/lifecycle/index.js';
import { errorOf } from '../errors.js';
import { drainOutbox, localVendor, managerWith, minutes, T0 } from './helpers.js';
import { pagerDutyEvents } from './pagerduty-server.js';
import { jsonOf } from './vendor-server.js';

const KEY = 'R0123456789ABCDEF0123456789ABCDE';
const local = localVendor(() => pagerDutyEvents({ routingKey: KEY }));

function setup(routingKey = KEY) {
  const pager = pagerDutyNotifier({ routingKey, url: `${local.server.url}/v2/enqueue` });
  return { ...managerWith(pager), pager };
}

const actions = () => local.server.processed().map((r) => jsonOf(r).event_action);

describe('pagerDutyNotifier (Events API v2)', () => {
  it('triggers, acknowledges and resolves one alert per incident through a whole SEV1, once each under 429s and 500s', async () => {
    const { clock, store, pager, manager } = setup();
    const { id } = await manager.declare({
      incidentId: 'INC-1',
      title: 'Checkout down',
      severity: 'SEV1',
      at: T0,
    });
    local.server.inject(
      {
        status: 429,
        body: { status: 'throttle event', message: 'Requests for this service are arriving too quickly' },
      },
      { status: 500, body: '' },
    );
    await drainOutbox(store, [pager], clock, [id]);
    clock.set(minutes(3));
    await manager.acknowledge(id, { by: 'alice' });
    await manager.assignRole(id, { role: 'commander', assignee: 'alice' });
    await manager.assignRole(id, { role: 'commsLead', assignee: 'bob' });
    await manager.triage(id, { severity: 'SEV1' });
    await manager.postUpdate(id, { audience: 'stakeholders', message: 'Rolling back' });
    local.server.inject(
      { status: 503, body: '' },
      { status: 429, headers: { 'retry-after': '10' }, body: '' },
    );
    clock.set(minutes(30));
    await manager.mitigate(id, { summary: 'Rolled back' });
    await manager.resolve(id, { summary: 'Config reverted' });
    await drainOutbox(store, [pager], clock, [id]);

    expect((await store.outbox(id)).every((r) => r.status === 'delivered')).toBe(true);
    expect(actions()).toEqual(['trigger', 'acknowledge', 'resolve']);
    expect(local.vendor.alerts).toEqual([
      expect.objectContaining({ dedupKey: 'INC-1', status: 'resolved', severity: 'critical', triggers: 1 }),
    ]);
    const keys = local.server.processed().map((r) => r.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(keys.length);
    const [trigger, ack, resolve] = local.server.processed().map(jsonOf);
    expect(trigger).toMatchObject({
      routing_key: KEY,
      event_action: 'trigger',
      dedup_key: 'INC-1',
      client: 'incidentkit',
      payload: { source: 'incidentkit', severity: 'critical', timestamp: new Date(T0).toISOString() },
    });
    expect(String((trigger!.payload as { summary: string }).summary)).toContain('Checkout down');
    expect(ack).toEqual({ routing_key: KEY, event_action: 'acknowledge', dedup_key: 'INC-1' });
    expect(resolve).toEqual({ routing_key: KEY, event_action: 'resolve', dedup_key: 'INC-1' });
    for (const r of local.server.processed()) expect(r.headers['content-type']).toBe('application/json');
  });

  it('re-pages an unacknowledged incident once per deadline with a trigger on the same dedup key', async () => {
    const { clock, store, pager, manager } = setup();
    const { id } = await manager.declare({
      incidentId: 'INC-2',
      title: 'Login errors',
      severity: 'SEV2',
      at: T0,
    });
    await drainOutbox(store, [pager], clock, [id]);
    clock.set(minutes(16));
    await manager.remind();
    await manager.remind();
    await drainOutbox(store, [pager], clock, [id]);
    clock.set(minutes(17));
    await manager.acknowledge(id);
    await drainOutbox(store, [pager], clock, [id]);
    expect(actions()).toEqual(['trigger', 'trigger', 'acknowledge']);
    expect(local.vendor.alerts).toEqual([
      expect.objectContaining({ dedupKey: 'INC-2', triggers: 2, status: 'acknowledged' }),
    ]);
    expect(jsonOf(local.server.processed()[1]!)).toMatchObject({
      payload: { class: 'incident re-page', severity: 'error' },
    });
  });

  it('keeps one alert when a trigger reached PagerDuty but its answer was lost (the retry has the same dedup_key)', async () => {
    const { clock, store, pager, manager } = setup();
    const { id } = await manager.declare({
      incidentId: 'INC-L',
      title: 'Checkout down',
      severity: 'SEV1',
      at: T0,
    });
    local.server.loseAnswers(1);
    await drainOutbox(store, [pager], clock, [id]);
    expect(actions()).toEqual(['trigger', 'trigger']);
    expect(local.vendor.alerts).toEqual([
      expect.objectContaining({ dedupKey: 'INC-L', triggers: 2, status: 'triggered' }),
    ]);
    const keys = local.server.processed().map((r) => r.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(1);
  });

  it('does not page a severity whose requirements do not page', async () => {
    const { clock, store, pager, manager } = setup();
    const { id } = await manager.declare({ incidentId: 'INC-3', title: 'Typo', severity: 'SEV4', at: T0 });
    await drainOutbox(store, [pager], clock, [id]);
    expect(local.server.requests).toHaveLength(0);
  });

  it('dead-letters an event PagerDuty calls invalid (400) at once', async () => {
    const { store, pager, manager } = setup('too-short');
    const { id } = await manager.declare({
      incidentId: 'INC-4',
      title: 'Checkout down',
      severity: 'SEV1',
      at: T0,
    });
    const report = await deliverOutbox(store, [pager], { now: T0 });
    expect(report.dead).toBeGreaterThanOrEqual(1);
    const [row] = await store.outbox(id);
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
    expect(row?.lastError).toContain('routing_key');
  });

  it('maps SEV1–SEV4 onto critical, error, warning, info and keeps the summary within 1,024 characters', async () => {
    const sent: Record<string, unknown>[] = [];
    const notifier = pagerDutyNotifier({
      routingKey: KEY,
      fetch: async (_url, init) => {
        sent.push(JSON.parse(init?.body ?? '{}'));
        return { status: 202, ok: true, headers: { get: () => null }, text: async () => '{}' };
      },
    });
    const { incident } = declareIncident({
      incidentId: 'INC-5',
      title: 'x'.repeat(500),
      severity: 'SEV1',
      at: T0,
    });
    const message = { ...initialNotification(incident), title: 'y'.repeat(1_000) };
    const context = (severity: string): NotifyContext => ({
      idempotencyKey: `row_${severity}`,
      attempt: 1,
      incident: { id: 'INC-5', severity, phase: 'detect', page: 'on-call' },
      state: { get: async () => undefined, set: async () => {} },
    });
    for (const severity of ['SEV1', 'SEV2', 'SEV3', 'SEV4', 'P0'])
      await notifier.send(message, context(severity));
    expect(sent.map((e) => (e.payload as { severity: string }).severity)).toEqual([
      'critical',
      'error',
      'warning',
      'info',
      'critical',
    ]);
    for (const e of sent)
      expect((e.payload as { summary: string }).summary.length).toBeLessThanOrEqual(1_024);
  });

  it('links the alert to the host’s incident page when given one, and leaves out a URL that is not http(s)', async () => {
    const sent: Record<string, unknown>[] = [];
    const fetch = async (_url: string, init?: { body?: string }) => {
      sent.push(JSON.parse(init?.body ?? '{}'));
      return { status: 202, ok: true, headers: { get: () => null }, text: async () => '{}' };
    };
    const { incident } = declareIncident({
      incidentId: 'INC-6',
      title: 'Checkout down',
      severity: 'SEV1',
      at: T0,
    });
    const context: NotifyContext = {
      idempotencyKey: 'row_6',
      attempt: 1,
      incident: { id: 'INC-6', severity: 'SEV1', phase: 'detect', page: 'all-hands' },
      state: { get: async () => undefined, set: async () => {} },
    };
    const linked = pagerDutyNotifier({
      routingKey: KEY,
      fetch,
      incidentUrl: (id) => `https://incidents.acme.example/${id}`,
    });
    await linked.send(initialNotification(incident), context);
    const unsafe = pagerDutyNotifier({ routingKey: KEY, fetch, incidentUrl: () => 'javascript:alert(1)' });
    await unsafe.send(initialNotification(incident), context);
    expect(sent[0]).toMatchObject({
      client_url: 'https://incidents.acme.example/INC-6',
      links: [{ href: 'https://incidents.acme.example/INC-6', text: 'Incident INC-6' }],
    });
    expect(sent[1]).not.toHaveProperty('links');
    expect(sent[1]).not.toHaveProperty('client_url');
  });

  it('names the action for each message kind', () => {
    const paging = { page: 'team' as const, phase: 'triage' as const };
    expect(pagerDutyEventAction({ kind: 'initial-notification' }, paging)).toBe('trigger');
    expect(
      pagerDutyEventAction({ kind: 'initial-notification' }, { ...paging, page: 'none' }),
    ).toBeUndefined();
    expect(pagerDutyEventAction({ kind: 'reminder', reason: 'acknowledge-overdue' }, paging)).toBe('trigger');
    expect(pagerDutyEventAction({ kind: 'reminder', reason: 'update-overdue' }, paging)).toBeUndefined();
    expect(pagerDutyEventAction({ kind: 'acknowledged' }, { ...paging, page: 'none' })).toBe('acknowledge');
    expect(pagerDutyEventAction({ kind: 'resolution-notice' }, paging)).toBe('resolve');
    expect(pagerDutyEventAction({ kind: 'status-update' }, { ...paging, phase: 'cancelled' })).toBe(
      'resolve',
    );
    expect(pagerDutyEventAction({ kind: 'status-update' }, paging)).toBeUndefined();
  });

  it('rejects a missing routing key, naming it', () => {
    expect(errorOf(() => pagerDutyNotifier({ routingKey: '' })).issues[0]?.path).toBe('options.routingKey');
  });
});
