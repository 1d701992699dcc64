import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  allowedEvents,
  applyEvent,
  createIncidentMachine,
  declareIncident,
  lifecycleDiagram,
  parseIncident,
  replay,
  safeApplyEvent,
  transitionTable,
} from '../../src/index.js';
import { errorOf } from '../errors.js';
import { inReview, min, T0, walk } from './helpers.js';

describe('declareIncident', () => {
  it('classifies the impact when no severity is given, and uses the uncertain severity when the impact says nothing', () => {
    expect(
      declareIncident({ title: 'x', at: T0, impact: { coreFunctionalityDown: true } }).incident.severity,
    ).toBe('SEV1');
    expect(declareIncident({ title: 'x', at: T0 }).incident.severity).toBe('SEV2');
    expect(declareIncident({ title: 'x', at: T0, impact: { customerFacing: false } }).incident.severity).toBe(
      'SEV4',
    );
  });

  it('resolves severity aliases to the scale key', () => {
    expect(declareIncident({ title: 'x', at: T0, severity: 'P0' }).incident.severity).toBe('SEV1');
    expect(declareIncident({ title: 'x', at: T0, severity: 'sev3' }).incident.severity).toBe('SEV3');
  });

  it('returns the normalised DECLARE event to store, with generated ids', () => {
    const { incident, event } = declareIncident({ title: 'x', at: '2026-11-24T10:00:00+01:00' });
    expect(incident.id).toMatch(/^inc_/);
    expect(event).toMatchObject({
      type: 'DECLARE',
      incidentId: incident.id,
      id: `evt_${incident.id}_1`,
      at: T0,
    });
    expect(replay([event])).toEqual(incident);
  });

  it('starts impact at detection unless told earlier, and rejects a start after detection', () => {
    expect(declareIncident({ title: 'x', at: T0 }).incident.milestones).toEqual({
      startedAt: T0,
      detectedAt: T0,
    });
    expect(declareIncident({ title: 'x', at: T0, startedAt: min(-7) }).incident.milestones.startedAt).toBe(
      min(-7),
    );
    expect(errorOf(() => declareIncident({ title: 'x', at: T0, startedAt: min(1) }))).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'event.startedAt' }],
    });
  });

  it('rejects an unknown severity and a missing title with the field named', () => {
    expect(errorOf(() => declareIncident({ title: 'x', at: T0, severity: 'SEV9' }))).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'event.severity' }],
    });
    expect(errorOf(() => declareIncident({ at: T0 } as never))).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'event.title' }],
    });
  });
});

describe('applyEvent: phases, errors and the timeline', () => {
  it('rejects an event the phase does not accept with INVALID_TRANSITION listing what is allowed', () => {
    const { incident } = declareIncident({ incidentId: 'INC-1', title: 'x', at: T0 });
    const error = errorOf(() => applyEvent(incident, { type: 'RESOLVE', at: min(1) }));
    expect(error).toMatchObject({
      code: 'INVALID_TRANSITION',
      incidentId: 'INC-1',
      phase: 'detect',
      eventType: 'RESOLVE',
    });
    expect((error as Error).message).toMatch(
      /^cannot RESOLVE INC-1 in phase detect; allowed: ACKNOWLEDGE, CANCEL/,
    );
  });

  it('names the incident, phase and event when the event itself is malformed', () => {
    const { incident } = declareIncident({ incidentId: 'INC-1', title: 'x', at: T0 });
    const error = errorOf(() => applyEvent(incident, { type: 'NOTE', at: '2026-11-24T10:00', text: 'x' }));
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      incidentId: 'INC-1',
      phase: 'detect',
      eventType: 'NOTE',
      issues: [{ path: 'event.at' }],
    });
    expect((error as Error).message).toMatch(
      /^cannot NOTE INC-1 \(phase detect\): event\.at "2026-11-24T10:00" has no offset/,
    );
  });

  it('rejects a milestone or role event timed before the latest milestone with OUT_OF_ORDER', () => {
    const { incident } = declareIncident({ incidentId: 'INC-1', title: 'x', at: T0 });
    const acked = applyEvent(incident, { type: 'ACKNOWLEDGE', at: min(5) });
    const error = errorOf(() =>
      applyEvent(acked, { type: 'ASSIGN_ROLE', at: min(4), role: 'commander', assignee: 'alice' }),
    );
    expect(error).toMatchObject({
      code: 'OUT_OF_ORDER',
      phase: 'triage',
      details: { latestAt: min(5), at: min(4) },
    });
    expect(error.message).not.toMatch(/OUT_OF_ORDER/);
  });

  it('backfills NOTE and POST_UPDATE from impact start on, keeping the timeline ordered by time', () => {
    const { incident } = declareIncident({ incidentId: 'INC-1', title: 'x', at: T0, startedAt: min(-10) });
    const acked = applyEvent(incident, { type: 'ACKNOWLEDGE', at: min(5) });
    const noted = walk(acked, [
      { type: 'NOTE', at: min(9), text: 'b' },
      { type: 'NOTE', at: min(-5), text: 'alert fired (backfilled)' },
      { type: 'POST_UPDATE', at: min(2), audience: 'responders', message: 'looking' },
    ]);
    expect(noted.timeline.map((e) => e.text)).toEqual([
      'alert fired (backfilled)',
      'Declared: x (SEV2, classified from impact)',
      'Update to responders: looking',
      'Acknowledged',
      'b',
    ]);
    expect(noted.updates.map((u) => u.at)).toEqual([min(2)]);
    expect(noted.version).toBe(5);
    expect(errorOf(() => applyEvent(noted, { type: 'NOTE', at: min(-11), text: 'too early' }))).toMatchObject(
      {
        code: 'OUT_OF_ORDER',
        details: { latestMilestone: 'startedAt' },
      },
    );
  });

  it('records severity changes with old → new and reason', () => {
    const { incident } = declareIncident({ title: 'x', at: T0, severity: 'SEV1' });
    const changed = applyEvent(incident, {
      type: 'SET_SEVERITY',
      at: min(1),
      severity: 'SEV2',
      reason: 'fewer users than thought',
      by: 'alice',
    });
    expect(changed.timeline.at(-1)).toEqual({
      eventId: changed.timeline.at(-1)!.eventId,
      type: 'SET_SEVERITY',
      at: min(1),
      by: 'alice',
      text: 'Severity SEV1 → SEV2: fewer users than thought',
      from: 'SEV1',
      to: 'SEV2',
      reason: 'fewer users than thought',
      hash: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });

  it('records role handoffs with the previous holder, and rejects unassigning a role nobody holds', () => {
    const { incident } = declareIncident({ incidentId: 'INC-1', title: 'x', at: T0 });
    const handed = walk(incident, [
      { type: 'ASSIGN_ROLE', at: min(1), role: 'commander', assignee: 'alice' },
      { type: 'ASSIGN_ROLE', at: min(30), role: 'commander', assignee: 'bob' },
      { type: 'ASSIGN_ROLE', at: min(31), role: 'scribe', assignee: 'bob' },
    ]);
    expect(handed.roles).toEqual({ commander: 'bob', scribe: 'bob' });
    expect(handed.timeline.at(-2)).toMatchObject({
      text: 'commander handed over: alice → bob',
      from: 'alice',
      to: 'bob',
    });
    const dropped = applyEvent(handed, { type: 'UNASSIGN_ROLE', at: min(32), role: 'scribe' });
    expect(dropped.roles).toEqual({ commander: 'bob' });
    expect(
      errorOf(() => applyEvent(dropped, { type: 'UNASSIGN_ROLE', at: min(33), role: 'scribe' })),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('marks decisions so they can be told apart from notes', () => {
    const { incident } = declareIncident({ title: 'x', at: T0 });
    const noted = walk(incident, [
      { type: 'NOTE', at: min(1), text: 'error rate 12%' },
      { type: 'NOTE', at: min(2), text: 'roll back to v41', kind: 'decision' },
    ]);
    expect(noted.timeline.slice(1).map((e) => [e.text, e.decision])).toEqual([
      ['error rate 12%', undefined],
      ['roll back to v41', true],
    ]);
  });

  it('merges impact updates and keeps status updates for the cadence', () => {
    const { incident } = declareIncident({
      title: 'x',
      at: T0,
      impact: { degraded: true, attributes: { tier: 'gold' } },
    });
    const updated = walk(incident, [
      { type: 'UPDATE_IMPACT', at: min(1), impact: { usersAffectedPct: 12, attributes: { region: 'eu' } } },
      { type: 'POST_UPDATE', at: min(2), audience: 'stakeholders', message: 'Investigating', by: 'bob' },
    ]);
    expect(updated.impact).toEqual({
      degraded: true,
      usersAffectedPct: 12,
      attributes: { tier: 'gold', region: 'eu' },
    });
    expect(updated.updates).toEqual([
      {
        eventId: updated.timeline[2]!.eventId,
        at: min(2),
        by: 'bob',
        audience: 'stakeholders',
        message: 'Investigating',
      },
    ]);
  });

  it('tracks action items: generated ids, completedAt defaulting to the event time, reopening clears it', () => {
    const { incident } = declareIncident({ incidentId: 'INC-1', title: 'x', at: T0 });
    const added = applyEvent(incident, {
      type: 'ADD_ACTION_ITEM',
      at: min(1),
      item: { title: 'Add alert', kind: 'detect' },
    });
    const id = added.actionItems[0]!.id;
    expect(id).toMatch(/^act_[0-9a-f]{16}$/);
    const done = applyEvent(added, {
      type: 'UPDATE_ACTION_ITEM',
      at: min(5),
      itemId: id,
      changes: { status: 'done' },
    });
    expect(done.actionItems[0]).toEqual({
      id,
      title: 'Add alert',
      kind: 'detect',
      status: 'done',
      completedAt: min(5),
    });
    const reopened = applyEvent(done, {
      type: 'UPDATE_ACTION_ITEM',
      at: min(6),
      itemId: id,
      changes: { status: 'open' },
    });
    expect(reopened.actionItems[0]!.completedAt).toBeUndefined();
    expect(
      errorOf(() => applyEvent(added, { type: 'ADD_ACTION_ITEM', at: min(2), item: { id, title: 'again' } })),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'event.item.id' }],
    });
    expect(
      errorOf(() =>
        applyEvent(added, { type: 'UPDATE_ACTION_ITEM', at: min(2), itemId: 'act_x', changes: {} }),
      ),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('REOPEN returns to mitigate and moves the cleared milestones, summaries and postmortem into history', () => {
    const closed = walk(inReview(), [
      { type: 'PUBLISH_POSTMORTEM', at: min(2000) },
      { type: 'CLOSE', at: min(2001) },
    ]);
    const reopened = applyEvent(closed, {
      type: 'REOPEN',
      at: min(3000),
      reason: 'errors are back',
      by: 'alice',
    });
    expect(reopened.phase).toBe('mitigate');
    expect(reopened.reopenCount).toBe(1);
    expect(reopened.milestones).toEqual({
      startedAt: T0,
      detectedAt: T0,
      acknowledgedAt: min(2),
      triagedAt: min(5),
    });
    expect(reopened.reopens).toEqual([
      {
        at: min(3000),
        by: 'alice',
        reason: 'errors are back',
        previous: { mitigatedAt: min(20), resolvedAt: min(60), reviewedAt: min(2000), closedAt: min(2001) },
        mitigation: { at: min(20), summary: 'rolled back' },
        resolution: { at: min(60), summary: 'pool size restored' },
        postmortem: { publishedAt: min(2000) },
      },
    ]);
    expect(reopened.mitigation).toBeUndefined();
    // Closing again needs a postmortem that covers the recurrence.
    const resolvedAgain = walk(reopened, [
      { type: 'MITIGATE', at: min(3010) },
      { type: 'RESOLVE', at: min(3020) },
    ]);
    expect(safeApplyEvent(resolvedAgain, { type: 'CLOSE', at: min(3030) }).ok).toBe(false);
    expect(
      errorOf(() => applyEvent(resolvedAgain, { type: 'SET_SEVERITY', at: min(2999), severity: 'SEV3' })),
    ).toMatchObject({ code: 'OUT_OF_ORDER' });
  });

  it('CANCEL is final: nothing is accepted afterwards, not even REOPEN', () => {
    const { incident } = declareIncident({ incidentId: 'INC-1', title: 'x', at: T0 });
    const cancelled = applyEvent(incident, {
      type: 'CANCEL',
      at: min(3),
      reason: 'duplicate',
      duplicateOf: 'INC-0',
    });
    expect(cancelled.cancellation).toEqual({ reason: 'duplicate', duplicateOf: 'INC-0' });
    expect(cancelled.timeline.at(-1)!.text).toBe('Cancelled: duplicate of INC-0');
    expect(allowedEvents(cancelled)).toEqual([]);
    expect(errorOf(() => applyEvent(cancelled, { type: 'REOPEN', at: min(4), reason: 'x' }))).toMatchObject({
      code: 'INVALID_TRANSITION',
    });
  });

  it('is idempotent on event ids and never mutates its argument', () => {
    const { incident } = declareIncident({ title: 'x', at: T0 });
    const frozen = structuredClone(incident);
    const once = applyEvent(incident, { type: 'NOTE', id: 'host-1', at: min(1), text: 'a' });
    // The same event read back with reordered keys and an ISO time is the same event.
    const retry = { text: 'a', at: new Date(min(1)).toISOString(), id: 'host-1', type: 'NOTE' as const };
    expect(applyEvent(once, retry)).toBe(once);
    expect(incident).toEqual(frozen);
    expect(once.version).toBe(2);
    expect(
      errorOf(() => applyEvent(once, { type: 'NOTE', id: 'host-1', at: min(2), text: 'a (retry)' })),
    ).toMatchObject({
      code: 'DUPLICATE_EVENT_ID',
      details: { eventId: 'host-1' },
    });
    expect(errorOf(() => applyEvent(once, { type: 'ACKNOWLEDGE', id: 'host-1', at: min(2) }))).toMatchObject({
      code: 'DUPLICATE_EVENT_ID',
    });
  });

  it('round-trips through JSON and parseIncident', () => {
    const review = inReview();
    expect(parseIncident(JSON.stringify(review))).toEqual(review);
    expect(errorOf(() => parseIncident('{"id": 1}'))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(errorOf(() => parseIncident('not json'))).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('rejects a malformed incident argument with INVALID_INPUT', () => {
    expect(errorOf(() => applyEvent({ id: 'x' } as never, { type: 'NOTE', at: 0, text: 'x' }))).toMatchObject(
      {
        code: 'INVALID_INPUT',
      },
    );
    expect(errorOf(() => applyEvent(null as never, { type: 'NOTE', at: 0, text: 'x' }))).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describe('replay', () => {
  it('rejects an empty log and a log not starting with DECLARE', () => {
    expect(errorOf(() => replay([]))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(errorOf(() => replay([{ type: 'ACKNOWLEDGE', at: 0 }]))).toMatchObject({
      code: 'INVALID_TRANSITION',
    });
  });

  it('says which event of the log was rejected', () => {
    const error = errorOf(() =>
      replay([
        { type: 'DECLARE', incidentId: 'INC-1', title: 'x', at: T0 },
        { type: 'ACKNOWLEDGE', at: min(1) },
        { type: 'NOTE', at: 'soon', text: 'x' } as never,
      ]),
    );
    expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'events[2].at' }] });
    expect((error as Error).message).toMatch(/^events\[2\]: /);
  });

  it('derives the same ids on every replay of a log without ids', () => {
    const log = [
      { type: 'DECLARE' as const, incidentId: 'INC-1', title: 'x', at: T0 },
      { type: 'ADD_ACTION_ITEM' as const, at: min(1), item: { title: 'Alert' } },
    ];
    expect(replay(log)).toEqual(replay(log));
    expect(replay(log).actionItems[0]!.id).toBe('act_INC-1_2');
  });
});

describe('the XState machine', () => {
  it('runs as an actor, persists and resumes from a snapshot', () => {
    const machine = createIncidentMachine();
    const actor = createActor(machine, {
      input: { incidentId: 'INC-5', title: 'DB failover', at: T0, severity: 'SEV4' },
    }).start();
    actor.send({ type: 'ACKNOWLEDGE', at: min(1) });
    actor.send({ type: 'TRIAGE', at: min(2), severity: 'SEV4' });
    const saved = JSON.parse(JSON.stringify(actor.getPersistedSnapshot())) as ReturnType<
      typeof actor.getPersistedSnapshot
    >;
    actor.stop();
    const resumed = createActor(createIncidentMachine(), { snapshot: saved }).start();
    expect(resumed.getSnapshot().value).toBe('mitigate');
    resumed.send({ type: 'MITIGATE', at: min(3), summary: 'failed over' });
    expect(resumed.getSnapshot().value).toBe('resolve');
    expect(resumed.getSnapshot().context.mitigation?.summary).toBe('failed over');
  });

  it('ignores an event the lifecycle would reject, leaving the snapshot unchanged', () => {
    const actor = createActor(createIncidentMachine(), { input: { title: 'x', at: T0 } }).start();
    const before = actor.getSnapshot();
    actor.send({ type: 'ACKNOWLEDGE', at: T0 - 1 });
    actor.send({ type: 'UNASSIGN_ROLE', at: min(1), role: 'commander' });
    expect(actor.getSnapshot()).toBe(before);
  });

  it('is final once cancelled', () => {
    const actor = createActor(createIncidentMachine(), { input: { title: 'x', at: T0 } }).start();
    actor.send({ type: 'CANCEL', at: min(1), reason: 'false-alarm' });
    expect(actor.getSnapshot().status).toBe('done');
  });
});

describe('transitionTable and lifecycleDiagram', () => {
  it('derive from the machine definition', () => {
    const table = transitionTable();
    expect(table.triage.TRIAGE).toEqual({ target: 'mitigate', guard: 'triageRolesHeld' });
    expect(table.closed.REOPEN).toEqual({ target: 'mitigate', guard: undefined });
    expect(Object.keys(table.cancelled)).toEqual([]);
    const diagram = lifecycleDiagram();
    expect(diagram).toContain('review --> closed: CLOSE [closeRequirementsMet]');
    expect(diagram).toContain('cancelled --> [*]');
    expect(diagram.split('\n').filter((l) => l.includes('-->')).length).toBe(
      Object.values(table).reduce((n, row) => n + Object.values(row).filter((t) => t.target).length, 0) + 2,
    );
  });
});
