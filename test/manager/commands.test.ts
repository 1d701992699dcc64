import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../src/adapters/index.js';
import { renderMessage } from '../../src/comms/index.js';
import { replay } from '../../src/lifecycle/index.js';
import { derivedId } from '../../src/manager/derived-id.js';
import { createIncidentManager, type IncidentManager } from '../../src/manager/index.js';
import { autoClock, counterIds, min, recordingNotifier, rejection, snapshot, T0 } from './helpers.js';

function setup() {
  const clock = autoClock();
  const store = memoryStore();
  const pager = recordingNotifier('pager');
  const manager = createIncidentManager({ store, clock, ids: counterIds(), notifiers: [pager] });
  return { clock, store, pager, manager };
}

const kindsOf = async (manager: IncidentManager, id: string) =>
  (await manager.store.outbox(id)).map((row) => row.message.kind);

describe('manager commands', () => {
  it('declares with at defaulted to the clock and enqueues the page and the status page a SEV1 asks for', async () => {
    const { manager, clock } = setup();
    clock.set(min(3));
    const incident = await manager.declare({ title: 'Checkout errors', severity: 'SEV1' });
    expect(incident.milestones.detectedAt).toBe(min(3));
    expect(incident.version).toBe(1);
    expect(await kindsOf(manager, incident.id)).toEqual(['initial-notification', 'status-page-update']);
    const rows = await manager.store.outbox(incident.id);
    expect(rows[0]!.incident).toEqual({
      id: incident.id,
      severity: 'SEV1',
      phase: 'detect',
      page: 'all-hands',
    });
  });

  it("shows times in the manager's time zone in every message it writes, not only reminders", async () => {
    const clock = autoClock();
    const store = memoryStore();
    const manager = createIncidentManager({
      store,
      clock,
      timeZone: 'America/New_York',
      notifiers: [recordingNotifier('pager')],
    });
    clock.set(min(0));
    const { id } = await manager.declare({ title: 'Checkout errors', severity: 'SEV1' });
    await manager.acknowledge(id);
    const texts = (await store.outbox(id)).map((row) => renderMessage(row.message, 'text'));
    expect(texts.length).toBeGreaterThanOrEqual(3);
    for (const text of texts.filter((t) => / (UTC|EST) /.test(t))) expect(text).not.toMatch(/ UTC /);
    expect(texts[0]).toMatch(/Detected: \d{4}-\d\d-\d\d \d\d:\d\d EST/);
  });

  it('tells whoever was paged when the incident is cancelled, so a pager can resolve its alert', async () => {
    const { manager } = setup();
    const incident = await manager.declare({ title: 'Checkout errors', severity: 'SEV1' });
    await manager.cancel(incident.id, { reason: 'false-alarm' });
    const rows = await manager.store.outbox(incident.id);
    const told = rows.find((row) => row.message.kind === 'status-update')!;
    expect(told.incident.phase).toBe('cancelled');
    expect(JSON.stringify(told.message)).toContain('false alarm');
    // The public page closes the entry too.
    expect(rows.at(-1)!.message).toMatchObject({ kind: 'status-page-update', status: 'resolved' });
    // A severity that never paged tells nobody.
    const quiet = await manager.declare({ title: 'Typo on the pricing page', severity: 'SEV4' });
    await manager.cancel(quiet.id, { reason: 'not-an-incident' });
    expect(await kindsOf(manager, quiet.id)).toEqual([]);
  });

  it('enqueues nothing for a severity that neither pages nor needs a status page', async () => {
    const { manager } = setup();
    const incident = await manager.declare({ title: 'Typo on the pricing page', severity: 'SEV4' });
    expect(await kindsOf(manager, incident.id)).toEqual([]);
  });

  it('walks a whole incident and enqueues each message the policy asks for, in order', async () => {
    const { manager, clock } = setup();
    const { id } = await manager.declare({
      incidentId: 'INC-1',
      title: 'Checkout errors',
      severity: 'SEV2',
      at: T0,
    });
    clock.set(min(2));
    expect((await manager.acknowledge(id, { by: 'alice' })).phase).toBe('triage');
    await manager.assignRole(id, { role: 'commander', assignee: 'alice' });
    await manager.assignRole(id, { role: 'commsLead', assignee: 'bob' });
    clock.set(min(5));
    expect((await manager.triage(id, { severity: 'SEV2' })).phase).toBe('mitigate');
    await manager.postUpdate(id, { audience: 'stakeholders', message: 'Rolling back the deploy' });
    await manager.postUpdate(id, { audience: 'public', message: 'Checkout is failing for some customers' });
    await manager.note(id, { text: 'Rollback chosen over a hotfix', kind: 'decision' });
    await manager.updateImpact(id, { impact: { usersAffectedPct: 12 } });
    clock.set(min(20));
    await manager.mitigate(id, { summary: 'rolled back' });
    clock.set(min(60));
    await manager.resolve(id, { summary: 'pool size restored' });
    const withItem = await manager.addActionItem(id, {
      item: { id: 'act_1', title: 'Alert on pool saturation', owner: 'carol', dueAt: min(60 * 24 * 7) },
    });
    expect(withItem.actionItems).toHaveLength(1);
    await manager.updateActionItem(id, { itemId: 'act_1', changes: { owner: 'dave' } });
    clock.set(min(60 * 30));
    await manager.publishPostmortem(id, { url: 'https://wiki.example.com/pm/INC-1' });
    const closed = await manager.close(id);
    expect(closed.phase).toBe('closed');
    expect(closed).toEqual(await manager.get(id));
    expect(await kindsOf(manager, id)).toEqual([
      'initial-notification',
      'status-page-update', // investigating
      'acknowledged',
      'status-page-update', // identified (triage → mitigate)
      'status-update',
      'status-page-update', // the public update
      'status-page-update', // monitoring (mitigated)
      'resolution-notice',
      'status-page-update', // resolved
      'postmortem-published',
    ]);
    const rows = await manager.store.outbox(id);
    expect(rows.every((r) => r.notifier === 'pager')).toBe(true);
    expect(rows.map((r) => r.sequence)).toEqual(rows.map((_, i) => i + 1));
  });

  it('records reopen, cancel, severity changes, role handoffs and milestone amendments', async () => {
    const { manager, clock } = setup();
    const a = await manager.declare({ title: 'Disk filling', severity: 'SEV3', at: T0 });
    clock.set(min(1));
    await manager.setSeverity(a.id, { severity: 'SEV2', reason: 'two regions now' });
    await manager.assignRole(a.id, { role: 'commander', assignee: 'alice' });
    await manager.unassignRole(a.id, { role: 'commander' });
    const cancelled = await manager.cancel(a.id, { reason: 'false-alarm' });
    expect(cancelled.phase).toBe('cancelled');

    const b = await manager.declare({ title: 'Latency', severity: 'SEV3', at: min(2) });
    clock.set(min(3));
    await manager.acknowledge(b.id);
    await manager.assignRole(b.id, { role: 'commander', assignee: 'alice' });
    await manager.triage(b.id, { severity: 'SEV3' });
    await manager.mitigate(b.id);
    await manager.resolve(b.id);
    const reopened = await manager.reopen(b.id, { reason: 'latency is back' });
    expect(reopened.phase).toBe('mitigate');
    expect(reopened.reopenCount).toBe(1);
    const amended = await manager.amendMilestone(b.id, {
      milestone: 'startedAt',
      to: min(1),
      reason: 'the dashboards show it began a minute earlier',
    });
    expect(amended.milestones.startedAt).toBe(min(1));
  });

  it('a command on an unknown incident is NOT_FOUND and writes nothing', async () => {
    const { manager } = setup();
    const error = await rejection(manager.acknowledge('INC-404'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.incidentId).toBe('INC-404');
    expect(await manager.store.load('INC-404')).toEqual({ events: [], version: 0 });
  });

  it('a command the phase does not allow is the lifecycle error, and the store is unchanged', async () => {
    const { manager } = setup();
    const { id } = await manager.declare({ title: 'Checkout errors', severity: 'SEV2' });
    const before = await snapshot(manager.store, id);
    const error = await rejection(manager.close(id));
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.details).toMatchObject({ incidentId: id, phase: 'detect', eventType: 'CLOSE' });
    expect(await snapshot(manager.store, id)).toEqual(before);
  });

  it('decides with the clock: an at far ahead of it is refused (a time-zone bug), store unchanged', async () => {
    const { manager, clock } = setup();
    clock.set(min(0));
    const { id } = await manager.declare({ title: 'Checkout errors', severity: 'SEV3' });
    const before = await snapshot(manager.store, id);
    const error = await rejection(manager.acknowledge(id, { at: min(60) }));
    expect(error.code).toBe('INVALID_INPUT');
    // Named as the field the host sent, in the issue and in the message.
    expect(error.issues[0]?.path).toBe('payload.at');
    expect(error.message).toMatch(/: payload\.at: /);
    expect(await snapshot(manager.store, id)).toEqual(before);
    const unknown = await rejection(manager.declare({ title: 'Checkout errors', severity: 'SEV9' }));
    expect(unknown.issues[0]?.path).toBe('payload.severity');
    const lenient = createIncidentManager({ store: manager.store, clock, maxClockSkewMs: 2 * 60 * 60_000 });
    expect((await lenient.acknowledge(id, { at: min(60) })).phase).toBe('triage');
  });

  it('get and list read the store; get of an unknown incident is NOT_FOUND', async () => {
    const { manager } = setup();
    await manager.declare({ incidentId: 'INC-1', title: 'One', at: T0 });
    await manager.declare({ incidentId: 'INC-2', title: 'Two', at: min(1) });
    expect((await manager.list()).items.map((i) => i.id)).toEqual(['INC-2', 'INC-1']);
    expect((await rejection(manager.get('INC-3'))).code).toBe('NOT_FOUND');
    expect((await rejection(manager.get('no spaces allowed'))).code).toBe('INVALID_INPUT');
  });

  it('list reads severities on the policy (aliases too) and since / until as any time input', async () => {
    const { manager, clock } = setup();
    clock.set(min(20));
    await manager.declare({ incidentId: 'INC-1', title: 'One', severity: 'P0', at: T0 });
    await manager.declare({ incidentId: 'INC-2', title: 'Two', severity: 'SEV3', at: min(10) });
    const ids = async (filter: Parameters<IncidentManager['list']>[0]) =>
      (await manager.list(filter)).items.map((i) => i.id);
    expect(await ids({ severity: 'P0' })).toEqual(['INC-1']);
    expect(await ids({ severity: 'sev1' })).toEqual(['INC-1']);
    expect(await ids({ severity: ['P0', 'P2'] })).toEqual(['INC-2', 'INC-1']);
    expect(await ids({ since: new Date(min(5)) })).toEqual(['INC-2']);
    expect(await ids({ until: new Date(min(5)).toISOString() })).toEqual(['INC-1']);
    expect(await ids({ since: min(5) })).toEqual(['INC-2']);
    for (const [filter, path] of [
      [{ severity: 'SEV9' }, 'filter.severity'],
      [{ severity: ['SEV1', 'nope'] }, 'filter.severity[1]'],
      [{ since: '2026-11-24T10:00:00' }, 'filter.since'],
      [{ until: 'yesterday' }, 'filter.until'],
      [{ sevrity: 'SEV1' }, 'filter'],
    ] as const) {
      const error = await rejection(manager.list(filter as never));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.issues[0]?.path).toContain(path);
    }
  });

  it('a declare of an existing incident id is INVALID_INPUT naming payload.incidentId', async () => {
    const { manager } = setup();
    await manager.declare({ incidentId: 'INC-1', title: 'One' });
    const error = await rejection(manager.declare({ incidentId: 'INC-1', title: 'Again' }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues[0]?.path).toBe('payload.incidentId');
  });

  it('routes send each notifier only the kinds, audiences and severities it asks for', async () => {
    const clock = autoClock();
    const pager = recordingNotifier('pager');
    const chat = recordingNotifier('chat');
    const manager = createIncidentManager({
      clock,
      notifiers: [pager, chat],
      routes: [
        {
          notifier: 'pager',
          kinds: ['initial-notification', 'acknowledged', 'resolution-notice'],
          severities: ['SEV1'],
        },
        { notifier: 'chat', audiences: ['responders', 'stakeholders'] },
      ],
    });
    const sev1 = await manager.declare({ title: 'Down', severity: 'SEV1' });
    const sev2 = await manager.declare({ title: 'Slow', severity: 'SEV2' });
    const rows = [...(await manager.store.outbox(sev1.id)), ...(await manager.store.outbox(sev2.id))];
    expect(rows.map((r) => [r.incidentId === sev1.id ? 'SEV1' : 'SEV2', r.notifier, r.message.kind])).toEqual(
      [
        ['SEV1', 'chat', 'initial-notification'],
        ['SEV1', 'pager', 'initial-notification'],
        ['SEV2', 'chat', 'initial-notification'],
      ],
    );
  });

  it('rejects malformed options naming the option', () => {
    const cases: [unknown, string][] = [
      [{ maxAttempts: 0 }, 'options.maxAttempts'],
      [{ notifiers: [{ name: 'a' }] }, 'options.notifiers[0].send'],
      [{ notifiers: [recordingNotifier('a'), recordingNotifier('a')] }, 'options.notifiers[1].name'],
      [{ routes: [{ notifier: 'missing' }] }, 'options.routes[0].notifier'],
      [{ timeZone: 'Mars/Olympus' }, 'options.timeZone'],
      [{ store: {} }, 'options.store.append'],
      [{ colour: 'red' }, 'options'],
    ];
    for (const [options, path] of cases) {
      let caught: unknown;
      try {
        createIncidentManager(options as never);
      } catch (error) {
        caught = error;
      }
      expect(caught, path).toMatchObject({ code: 'INVALID_INPUT' });
      expect((caught as { issues: { path: string }[] }).issues[0]?.path, path).toBe(path);
    }
  });

  it('get equals replay of the stored log after a walk', async () => {
    const { manager } = setup();
    const { id } = await manager.declare({ title: 'Checkout errors', severity: 'SEV3', at: T0 });
    await manager.acknowledge(id, { at: min(1) });
    await manager.note(id, { text: 'looking', at: min(2) });
    const { events } = await manager.store.load(id);
    expect(await manager.get(id)).toEqual(replay(events));
  });
});

type CommandName = Exclude<
  keyof IncidentManager,
  | 'store'
  | 'policy'
  | 'declare'
  | 'signal'
  | 'get'
  | 'list'
  | 'due'
  | 'remind'
  | 'deliver'
  | 'syncActionItems'
  | 'deadLetters'
  | 'redrive'
  | 'run'
>;

/** Each command with a payload it accepts on an incident in `triage`. */
const GOOD: Record<CommandName, Record<string, unknown> | undefined> = {
  acknowledge: undefined,
  triage: { severity: 'SEV3' },
  mitigate: {},
  resolve: {},
  close: {},
  reopen: { reason: 'back' },
  cancel: { reason: 'false-alarm' },
  assignRole: { role: 'commander', assignee: 'alice' },
  unassignRole: { role: 'commander' },
  setSeverity: { severity: 'SEV2' },
  updateImpact: { impact: { degraded: true } },
  postUpdate: { audience: 'stakeholders', message: 'still looking' },
  note: { text: 'hello' },
  amendMilestone: { milestone: 'detectedAt', to: T0, reason: 'typo' },
  addActionItem: { item: { title: 'Fix it' } },
  updateActionItem: { itemId: 'act_x', changes: { owner: 'bob' } },
  publishPostmortem: {},
};
const COMMANDS = Object.keys(GOOD) as CommandName[];

/** Payloads every command must reject as input errors, with the field they must name. */
const BAD: [string, (good: Record<string, unknown>) => unknown, string][] = [
  ['a string', () => 'ACKNOWLEDGE', 'payload'],
  ['an array', () => [], 'payload'],
  ['null', () => null, 'payload'],
  ['an unknown field', (g) => ({ ...g, colour: 'red' }), 'payload'],
  ['a type of its own', (g) => ({ ...g, type: 'CLOSE' }), 'payload.type'],
  ['an at without offset', (g) => ({ ...g, at: '2026-11-24T09:00:00' }), 'payload.at'],
  ['a negative at', (g) => ({ ...g, at: -1 }), 'payload.at'],
  ['a commandId with spaces', (g) => ({ ...g, commandId: 'two words' }), 'payload.commandId'],
  ['a by that is not text', (g) => ({ ...g, by: 42 }), 'payload.by'],
  ['a class instance', () => new Date(0), 'payload'],
  [
    'a throwing getter',
    (g) =>
      Object.defineProperty({ ...g }, 'by', {
        enumerable: true,
        get: () => {
          throw new Error('boom');
        },
      }),
    'payload',
  ],
];

describe('bad input at every manager command', () => {
  for (const name of COMMANDS) {
    it(`${name} rejects malformed payloads and ids with INVALID_INPUT naming the field, store unchanged`, async () => {
      const { manager } = setup();
      const { id } = await manager.declare({
        incidentId: 'INC-1',
        title: 'Checkout errors',
        severity: 'SEV3',
        at: T0,
      });
      await manager.acknowledge(id, { at: min(1) });
      const before = await snapshot(manager.store, id);
      const command = manager[name] as (incidentId: unknown, payload?: unknown) => Promise<unknown>;
      for (const [label, make, path] of BAD) {
        const error = await rejection(command(id, make(GOOD[name] ?? {})));
        expect(error.code, `${name}: ${label}`).toBe('INVALID_INPUT');
        expect(error.issues[0]?.path.startsWith(path), `${name}: ${label} → ${error.issues[0]?.path}`).toBe(
          true,
        );
      }
      for (const badId of [undefined, 42, '', 'has space', 'x'.repeat(200), { id }]) {
        const error = await rejection(command(badId, GOOD[name]));
        expect(error.code).toBe('INVALID_INPUT');
        expect(error.issues[0]?.path).toBe('incidentId');
      }
      expect(await snapshot(manager.store, id)).toEqual(before);
    });
  }

  it('declare rejects malformed payloads naming the field, and writes nothing', async () => {
    const { manager } = setup();
    const good = { title: 'Checkout errors' };
    for (const [label, make, path] of BAD) {
      const error = await rejection(manager.declare(make(good) as never));
      expect(error.code, label).toBe('INVALID_INPUT');
      expect(error.issues[0]?.path.startsWith(path), `${label} → ${error.issues[0]?.path}`).toBe(true);
    }
    expect((await rejection(manager.declare({ title: 'x', severity: 'SEV9' }))).code).toBe('INVALID_INPUT');
    expect((await manager.store.list({ includeDrills: true })).items).toEqual([]);
  });

  fcTest.prop(
    {
      name: fc.constantFrom(...COMMANDS),
      payload: fc.oneof(
        fc.anything({ maxDepth: 3 }),
        fc.dictionary(
          fc.constantFrom(
            'at',
            'by',
            'commandId',
            'severity',
            'text',
            'role',
            'item',
            'changes',
            '__proto__',
            'type',
          ),
          fc.anything({ maxDepth: 2 }),
        ),
      ),
    },
    { numRuns: 300 },
  )(
    'any payload: an IncidentKitError or an accepted command; a rejected one leaves the store as it was',
    async ({ name, payload }) => {
      const { manager } = setup();
      const { id } = await manager.declare({
        incidentId: 'INC-1',
        title: 'Checkout errors',
        severity: 'SEV3',
        at: T0,
      });
      await manager.acknowledge(id, { at: min(1) });
      const before = await snapshot(manager.store, id);
      const command = manager[name] as (incidentId: unknown, payload?: unknown) => Promise<unknown>;
      try {
        await command(id, payload);
      } catch (error) {
        expect(error).toMatchObject({ name: 'IncidentKitError' });
        expect(await snapshot(manager.store, id)).toEqual(before);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );
});

describe('commandId idempotency', () => {
  it('a retried command applies once and returns the first result, even when its defaulted at differs', async () => {
    const { manager, clock } = setup();
    const first = await manager.declare({ title: 'Checkout errors', severity: 'SEV2', commandId: 'req-1' });
    clock.advance(60_000);
    const again = await manager.declare({ title: 'Checkout errors', severity: 'SEV2', commandId: 'req-1' });
    expect(again).toEqual(first);
    expect((await manager.list()).items).toHaveLength(1);

    const noted = await manager.note(first.id, { text: 'rolled back', commandId: 'req-2' });
    clock.advance(60_000);
    await manager.note(first.id, { text: 'second note' });
    clock.advance(60_000);
    const retried = await manager.note(first.id, { text: 'rolled back', commandId: 'req-2' });
    expect(retried).toEqual(noted);
    const { events } = await manager.store.load(first.id);
    expect(events.filter((e) => e.type === 'NOTE')).toHaveLength(2);
    expect(await kindsOf(manager, first.id)).toEqual(['initial-notification', 'status-page-update']);
  });

  it('twin requests with one commandId racing each other apply once', async () => {
    const { manager } = setup();
    const { id } = await manager.declare({ title: 'Checkout errors', severity: 'SEV3' });
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        manager.postUpdate(id, { audience: 'stakeholders', message: 'update', commandId: 'req-9' }),
      ),
    );
    const { events } = await manager.store.load(id);
    expect(events.filter((e) => e.type === 'POST_UPDATE')).toHaveLength(1);
    for (const r of results) expect(r).toEqual(results[0]);
  });

  it('a retry that lands on another replica applies once, declare included', async () => {
    const store = memoryStore();
    const replicas = Array.from({ length: 4 }, () =>
      createIncidentManager({ store, clock: autoClock(), ids: counterIds() }),
    );
    const declared = await Promise.all(
      replicas.map((r) => r.declare({ title: 'Checkout errors', commandId: 'req-d' })),
    );
    expect(new Set(declared.map((i) => i.id)).size).toBe(1);
    expect((await store.list()).items).toHaveLength(1);
    const id = declared[0]!.id;
    const noted = await Promise.all(
      replicas.map((r) => r.note(id, { text: 'rolled back', commandId: 'req-n' })),
    );
    for (const n of noted) expect(n).toEqual(noted[0]);
    const { events } = await store.load(id);
    expect(events.map((e) => e.type)).toEqual(['DECLARE', 'NOTE']);
    // Without a commandId each replica's event has its own random id (counter ids here).
    await replicas[1]!.note(id, { text: 'plain' });
    expect((await store.load(id)).events.at(-1)!.id).toMatch(/^evt_\d+$/);
  });

  it('a commandId reused for another incident is INVALID_INPUT naming payload.commandId', async () => {
    const { manager } = setup();
    const a = await manager.declare({ title: 'A' });
    const b = await manager.declare({ title: 'B' });
    await manager.note(a.id, { text: 'x', commandId: 'req-1' });
    const before = await snapshot(manager.store, b.id);
    const error = await rejection(manager.note(b.id, { text: 'x', commandId: 'req-1' }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues[0]?.path).toBe('payload.commandId');
    expect(await snapshot(manager.store, b.id)).toEqual(before);
  });

  it('a commandId reused on the same incident for another command is INVALID_INPUT, not the first result', async () => {
    const { manager } = setup();
    const { id } = await manager.declare({ title: 'A', severity: 'SEV3' });
    await manager.acknowledge(id);
    await manager.assignRole(id, { role: 'commander', assignee: 'alice' });
    await manager.triage(id, { severity: 'SEV3', commandId: 'req-42' });
    const before = await snapshot(manager.store, id);
    const error = await rejection(manager.cancel(id, { reason: 'false-alarm', commandId: 'req-42' }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues[0]?.path).toBe('payload.commandId');
    expect(error.reason).toContain('a retry must repeat the request');
    expect(error.eventType).toBe('CANCEL');
    expect(await snapshot(manager.store, id)).toEqual(before);
    // Another event id under the same key is another command too.
    await manager.note(id, { text: 'x', commandId: 'req-43' });
    const other = await rejection(manager.note(id, { text: 'x', id: 'evt_other', commandId: 'req-43' }));
    expect(other.issues[0]?.path).toBe('payload.commandId');
    // The same command again still answers with its first result, after later commands too.
    await manager.note(id, { text: 'later' });
    const again = await manager.triage(id, { severity: 'SEV3', commandId: 'req-42' });
    expect(again.version).toBe(4);
    expect(again.phase).toBe('mitigate');
  });

  it('a commandId reused for the same kind of command with other fields is INVALID_INPUT; a true retry is not', async () => {
    const { manager, clock } = setup();
    const first = await manager.declare({ title: 'Checkout errors', severity: 'SEV3', commandId: 'req-d' });
    clock.advance(min(1));
    // The same request again (its defaulted at is a minute later): the first result.
    expect(
      (await manager.declare({ title: 'Checkout errors', severity: 'SEV3', commandId: 'req-d' })).id,
    ).toBe(first.id);
    const declared = await rejection(manager.declare({ title: 'Payments down', commandId: 'req-d' }));
    expect(declared.issues[0]?.path).toBe('payload.commandId');
    await manager.note(first.id, { text: 'Investigating', commandId: 'req-n' });
    clock.advance(min(1));
    expect((await manager.note(first.id, { text: 'Investigating', commandId: 'req-n' })).version).toBe(2);
    const noted = await rejection(
      manager.note(first.id, { text: 'Totally different text', commandId: 'req-n' }),
    );
    expect(noted.code).toBe('INVALID_INPUT');
    expect(noted.issues[0]?.path).toBe('payload.commandId');
    expect((await manager.get(first.id)).timeline.filter((e) => e.type === 'NOTE')).toHaveLength(1);
  });

  it('finds the first result of a command stored before requests had a fingerprint (event id from the key alone)', async () => {
    const { manager, store, clock } = setup();
    const { id } = await manager.declare({ title: 'Checkout errors', severity: 'SEV3' });
    // What an earlier version wrote for note(id, { text, commandId: 'req-old' }).
    const legacyId = derivedId('evt', 'c', ['req-old']);
    await store.append(id, [{ type: 'NOTE', id: legacyId, at: clock.now(), text: 'Rolled back' }], {
      expectedVersion: 1,
      now: clock.now(),
      commandId: 'req-old',
    });
    const retried = await manager.note(id, { text: 'Rolled back', commandId: 'req-old' });
    expect(retried.version).toBe(2);
    expect((await manager.get(id)).version).toBe(2);
  });

  it('a rejected command records no commandId, so a corrected retry with the same key applies', async () => {
    const { manager } = setup();
    const { id } = await manager.declare({ title: 'A', severity: 'SEV3' });
    expect((await rejection(manager.triage(id, { severity: 'SEV3', commandId: 'req-1' }))).code).toBe(
      'INVALID_TRANSITION',
    );
    await manager.acknowledge(id);
    await manager.assignRole(id, { role: 'commander', assignee: 'alice' });
    expect((await manager.triage(id, { severity: 'SEV3', commandId: 'req-1' })).phase).toBe('mitigate');
  });
});
