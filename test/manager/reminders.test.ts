import { describe, expect, it } from 'vitest';
import { createIncidentManager } from '../../src/manager/index.js';
import { autoClock, min, recordingNotifier } from './helpers.js';

function setup() {
  const clock = autoClock();
  const pager = recordingNotifier('pager');
  const chat = recordingNotifier('chat');
  const manager = createIncidentManager({
    clock,
    notifiers: [pager, chat],
    routes: [
      { notifier: 'pager', kinds: ['initial-notification', 'acknowledged', 'resolution-notice', 'reminder'] },
      { notifier: 'chat' },
    ],
  });
  /** Moves the clock to minute m and returns that time: a command's at is the clock's now, as live. */
  const at = (m: number) => {
    clock.set(min(m));
    return min(m);
  };
  return { clock, pager, chat, manager, at };
}

const reminderRows = async (manager: ReturnType<typeof setup>['manager'], id: string) =>
  (await manager.store.outbox(id)).filter((r) => r.message.kind === 'reminder');

describe('due', () => {
  it('lists overdue updates, missed acknowledgement and mitigation deadlines, missing roles and due postmortems', async () => {
    const { manager, at } = setup();
    await manager.declare({ incidentId: 'INC-1', title: 'Down', severity: 'SEV1', at: at(0) });
    const sev2 = await manager.declare({ incidentId: 'INC-2', title: 'Slow', severity: 'SEV2', at: at(0) });
    await manager.acknowledge(sev2.id, { at: at(1) });
    await manager.assignRole(sev2.id, { role: 'commander', assignee: 'alice', at: at(1) });
    await manager.assignRole(sev2.id, { role: 'commsLead', assignee: 'bob', at: at(1) });
    await manager.triage(sev2.id, { severity: 'SEV2', at: at(2) });
    await manager.mitigate(sev2.id, { at: at(10) });
    await manager.resolve(sev2.id, { at: at(20) });

    expect(await manager.due({ now: min(1) })).toEqual([]);
    const at20 = await manager.due({ now: min(20) });
    expect(at20.map((d) => [d.incidentId, d.kind, d.reason])).toEqual([
      ['INC-1', 'acknowledge', 'acknowledge-overdue'],
      ['INC-1', 'roles', 'roles-missing'],
      ['INC-1', 'update', 'update-overdue'],
    ]);
    expect(at20.find((d) => d.kind === 'roles')?.missingRoles).toEqual(['commander', 'commsLead']);
    expect(at20[0]).toMatchObject({ dueAt: min(5), overdueByMs: 15 * 60_000 });

    // Four days on: SEV1 past its mitigation deadline, SEV2's postmortem past its review window.
    const later = await manager.due({ now: min(60 * 24 * 4) });
    expect(later.map((d) => `${d.incidentId}:${d.kind}`).sort()).toEqual([
      'INC-1:acknowledge',
      'INC-1:mitigate',
      'INC-1:roles',
      'INC-1:update',
      'INC-2:postmortem',
    ]);
  });

  it('takes its time from the clock when none is given, and rejects a bad now', async () => {
    const { manager, clock, at } = setup();
    await manager.declare({ incidentId: 'INC-1', title: 'Down', severity: 'SEV1', at: at(0) });
    clock.set(min(30));
    expect((await manager.due()).length).toBeGreaterThan(0);
    await expect(manager.due({ now: '2026-11-24T09:00:00' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describe('remind', () => {
  it('sends one reminder per due item and due time, however often the scheduler runs', async () => {
    const { manager, chat, at } = setup();
    const { id } = await manager.declare({ incidentId: 'INC-1', title: 'Down', severity: 'SEV1', at: at(0) });
    await manager.acknowledge(id, { at: at(1) });
    await manager.assignRole(id, { role: 'commander', assignee: 'alice', at: at(1) });
    await manager.assignRole(id, { role: 'commsLead', assignee: 'bob', at: at(1) });

    // Every minute for an hour: the SEV1 cadence (15 min) falls due at 09:15, and stays due.
    let reminded = 0;
    for (let m = 2; m <= 40; m++) reminded += (await manager.remind({ now: min(m) })).reminded.length;
    expect(reminded).toBe(1);
    expect((await reminderRows(manager, id)).map((r) => [r.notifier, r.message.kind])).toEqual([
      ['chat', 'reminder'],
      ['pager', 'reminder'],
    ]);
    const rows = await reminderRows(manager, id);
    expect(rows[0]!.message).toMatchObject({
      kind: 'reminder',
      reason: 'update-overdue',
      audience: 'responders',
    });

    // An update restarts the cadence: the next due time gets its own single reminder.
    await manager.postUpdate(id, { audience: 'stakeholders', message: 'Rolling back', at: at(41) });
    const kinds: string[] = [];
    for (let m = 42; m <= 70; m++)
      kinds.push(...(await manager.remind({ now: min(m) })).reminded.map((r) => r.kind));
    // The next update falls due at 09:56; the SEV1 mitigation deadline (60 min) passes at 10:00.
    expect(kinds).toEqual(['update', 'mitigate']);
    const timeline = (await manager.get(id)).timeline.filter((t) =>
      t.text.startsWith('Reminder sent: status'),
    );
    expect(timeline.map((t) => t.text)).toEqual([
      'Reminder sent: status update overdue since 2026-11-24T09:15:00.000Z',
      'Reminder sent: status update overdue since 2026-11-24T09:56:00.000Z',
    ]);
    expect(chat.sent).toEqual([]); // enqueued only; delivery is deliver()'s job
  });

  it('two replicas reminding at once send one reminder', async () => {
    const { manager, at } = setup();
    const other = createIncidentManager({
      store: manager.store,
      clock: autoClock(),
      notifiers: [recordingNotifier('chat')],
    });
    const { id } = await manager.declare({ incidentId: 'INC-1', title: 'Down', severity: 'SEV1', at: at(0) });
    const results = await Promise.all([
      manager.remind({ now: min(20) }),
      other.remind({ now: min(20) }),
      manager.remind({ now: min(21) }),
      other.remind({ now: min(21) }),
    ]);
    const total = results.reduce((n, r) => n + r.reminded.length, 0);
    // acknowledge (the re-page), roles and update: each once.
    expect(total).toBe(3);
    const notes = (await manager.get(id)).timeline.filter((t) => t.by === 'incidentkit');
    expect(notes).toHaveLength(3);
  });

  it('re-pages an unacknowledged incident once per deadline and says so in the timeline', async () => {
    const { manager, pager, at } = setup();
    const { id } = await manager.declare({ incidentId: 'INC-1', title: 'Down', severity: 'SEV1', at: at(0) });
    for (let m = 1; m <= 30; m++) await manager.remind({ now: min(m) });
    const incident = await manager.get(id);
    const repages = incident.timeline.filter((t) => t.text.startsWith('Re-paged'));
    expect(repages.map((t) => t.text)).toEqual([
      'Re-paged: not acknowledged by the deadline (2026-11-24T09:05:00.000Z)',
    ]);
    expect(repages[0]!.at).toBe(min(6)); // the first run after the 5-minute deadline
    const pages = (await manager.store.outbox(id)).filter(
      (r) =>
        r.notifier === 'pager' && r.message.kind === 'reminder' && r.message.reason === 'acknowledge-overdue',
    );
    expect(pages).toHaveLength(1);
    expect(pages[0]!.incident.page).toBe('all-hands');

    // Delivered through the paging notifier, with the incident's paging level in the context.
    await manager.deliver({ now: min(31) });
    const sentPages = pager.sent.filter(
      (s) => s.message.kind === 'reminder' && s.message.reason === 'acknowledge-overdue',
    );
    expect(sentPages).toHaveLength(1);
    expect(sentPages[0]!.context.incident.page).toBe('all-hands');

    // A severity change moves the deadline: the new deadline gets its own single re-page.
    await manager.setSeverity(id, { severity: 'SEV2', reason: 'one region only', at: at(31) });
    for (let m = 32; m <= 40; m++) await manager.remind({ now: min(m) });
    const after = (await manager.get(id)).timeline.filter((t) => t.text.startsWith('Re-paged'));
    expect(after.map((t) => t.text)).toEqual([
      'Re-paged: not acknowledged by the deadline (2026-11-24T09:05:00.000Z)',
      'Re-paged: not acknowledged by the deadline (2026-11-24T09:15:00.000Z)',
    ]);
  });

  it('stops re-paging once acknowledged, and reminds nothing for a SEV4', async () => {
    const { manager, at } = setup();
    const sev1 = await manager.declare({ incidentId: 'INC-1', title: 'Down', severity: 'SEV1', at: at(0) });
    await manager.declare({ incidentId: 'INC-4', title: 'Typo', severity: 'SEV4', at: at(0) });
    await manager.remind({ now: min(6) });
    await manager.acknowledge(sev1.id, { at: at(7) });
    await manager.remind({ now: min(8) });
    const repages = (await manager.get(sev1.id)).timeline.filter((t) => t.text.startsWith('Re-paged'));
    expect(repages).toHaveLength(1);
    expect((await manager.get('INC-4')).version).toBe(1);
  });

  it('reminds about a postmortem due after resolution, and goes quiet once it is published', async () => {
    const { manager, at } = setup();
    const { id } = await manager.declare({ incidentId: 'INC-2', title: 'Slow', severity: 'SEV2', at: at(0) });
    await manager.acknowledge(id, { at: at(1) });
    await manager.assignRole(id, { role: 'commander', assignee: 'alice', at: at(1) });
    await manager.assignRole(id, { role: 'commsLead', assignee: 'bob', at: at(1) });
    await manager.triage(id, { severity: 'SEV2', at: at(2) });
    await manager.postUpdate(id, { audience: 'stakeholders', message: 'on it', at: at(3) });
    await manager.mitigate(id, { at: at(10) });
    await manager.resolve(id, { at: at(20) });
    const days = (d: number) => min(60 * 24 * d);
    const atDay = (d: number) => at(60 * 24 * d);
    for (const d of [1, 2, 3, 4, 4.5, 5]) await manager.remind({ now: days(d) });
    const rows = (await reminderRows(manager, id)).filter((r) => r.notifier === 'chat');
    expect(rows.map((r) => r.message.kind === 'reminder' && r.message.reason)).toEqual(['postmortem-due']);
    await manager.publishPostmortem(id, { at: atDay(5) });
    expect(await manager.due({ now: days(6) })).toEqual([]);
  });
});
