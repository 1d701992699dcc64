import { describe, expect, it } from 'vitest';
import {
  allowedEvents,
  applyEvent,
  declareIncident,
  defineSeverityPolicy,
  safeApplyEvent,
} from '../../src/index.js';
import { errorOf } from '../errors.js';
import { inReview, min, T0, walk } from './helpers.js';

function triaging(severity: string) {
  const { incident } = declareIncident({ incidentId: 'INC-9', title: 'Login latency', at: T0, severity });
  return applyEvent(incident, { type: 'ACKNOWLEDGE', at: min(1) });
}

describe('TRIAGE guard: roles the triage severity requires', () => {
  it('rejects TRIAGE to SEV1 without commander and comms lead, naming incident, phase, event and the missing roles', () => {
    const error = errorOf(() =>
      applyEvent(triaging('SEV3'), { type: 'TRIAGE', at: min(2), severity: 'SEV1' }),
    );
    expect(error).toMatchObject({
      code: 'GUARD_REJECTED',
      incidentId: 'INC-9',
      phase: 'triage',
      eventType: 'TRIAGE',
      requirement: 'requiredRoles',
    });
    expect((error as Error).message).toBe(
      'cannot TRIAGE INC-9 (phase triage): severity SEV1 requires roles commander, commsLead to be assigned (ASSIGN_ROLE first)',
    );
  });

  it('accepts TRIAGE to SEV3 with only a commander (the single responder owns it)', () => {
    const incident = walk(triaging('SEV3'), [
      { type: 'ASSIGN_ROLE', at: min(2), role: 'commander', assignee: 'alice' },
      { type: 'TRIAGE', at: min(3), severity: 'SEV3' },
    ]);
    expect(incident.phase).toBe('mitigate');
  });

  it('accepts TRIAGE to SEV4 with no roles at all', () => {
    expect(applyEvent(triaging('SEV4'), { type: 'TRIAGE', at: min(2), severity: 'P3' }).severity).toBe(
      'SEV4',
    );
  });

  it('uses the TRIAGE severity, not the declared one', () => {
    const result = safeApplyEvent(triaging('SEV4'), { type: 'TRIAGE', at: min(2), severity: 'SEV2' });
    expect(result.ok).toBe(false);
  });

  it('does not block a later SET_SEVERITY to a worse level', () => {
    const incident = walk(triaging('SEV4'), [
      { type: 'TRIAGE', at: min(2), severity: 'SEV4' },
      { type: 'SET_SEVERITY', at: min(3), severity: 'SEV1', reason: 'spreading to EU' },
    ]);
    expect(incident.severity).toBe('SEV1');
    expect(incident.phase).toBe('mitigate');
  });

  it('follows a custom policy: no roles required for SEV1', () => {
    const policy = defineSeverityPolicy({ requirements: { SEV1: { requiredRoles: [] } } });
    const { incident } = declareIncident({ title: 'x', at: T0 }, { policy });
    const triaged = walk(
      incident,
      [
        { type: 'ACKNOWLEDGE', at: min(1) },
        { type: 'TRIAGE', at: min(2), severity: 'SEV1' },
      ],
      { policy },
    );
    expect(triaged.phase).toBe('mitigate');
  });
});

describe('CLOSE guard: postmortem and owned action items', () => {
  it('rejects CLOSE without a published postmortem for SEV2', () => {
    const error = errorOf(() => applyEvent(inReview(), { type: 'CLOSE', at: min(90) }));
    expect(error).toMatchObject({
      code: 'GUARD_REJECTED',
      requirement: 'postmortemRequired',
      phase: 'review',
      eventType: 'CLOSE',
    });
    expect((error as Error).message).toMatch(
      /cannot CLOSE INC-42 \(phase review\): severity SEV2 requires a published postmortem/,
    );
  });

  it('accepts CLOSE once the postmortem is published, and lists CLOSE as allowed only then', () => {
    const review = inReview();
    expect(allowedEvents(review)).not.toContain('CLOSE');
    const published = applyEvent(review, {
      type: 'PUBLISH_POSTMORTEM',
      at: min(2000),
      url: 'https://wiki.example.com/pm/42',
    });
    expect(allowedEvents(published)).toContain('CLOSE');
    const closed = applyEvent(published, { type: 'CLOSE', at: min(2001) });
    expect(closed.phase).toBe('closed');
    expect(closed.milestones.closedAt).toBe(min(2001));
    expect(closed.postmortem).toEqual({ publishedAt: min(2000), url: 'https://wiki.example.com/pm/42' });
  });

  it('rejects CLOSE while an open action item lacks an owner or a due date, naming the items', () => {
    const incident = walk(inReview(), [
      { type: 'PUBLISH_POSTMORTEM', at: min(2000) },
      {
        type: 'ADD_ACTION_ITEM',
        at: min(2000),
        item: { id: 'act_1', title: 'Alert on pool saturation', owner: 'carol' },
      },
      {
        type: 'ADD_ACTION_ITEM',
        at: min(2000),
        item: { id: 'act_2', title: 'Canary stage', owner: 'dmitri', dueAt: min(9000) },
      },
    ]);
    const error = errorOf(() => applyEvent(incident, { type: 'CLOSE', at: min(2001) }));
    expect(error).toMatchObject({ code: 'GUARD_REJECTED', requirement: 'actionItemsOwned' });
    expect((error as Error).message).toMatch(/act_1$/);
    const fixed = applyEvent(incident, {
      type: 'UPDATE_ACTION_ITEM',
      at: min(2001),
      itemId: 'act_1',
      changes: { dueAt: min(9000) },
    });
    expect(applyEvent(fixed, { type: 'CLOSE', at: min(2002) }).phase).toBe('closed');
  });

  it('does not count done or wontfix items without owners', () => {
    const incident = walk(inReview(), [
      { type: 'PUBLISH_POSTMORTEM', at: min(2000) },
      { type: 'ADD_ACTION_ITEM', at: min(2000), item: { id: 'act_1', title: 'Investigate the pool leak' } },
      { type: 'UPDATE_ACTION_ITEM', at: min(2001), itemId: 'act_1', changes: { status: 'wontfix' } },
    ]);
    expect(applyEvent(incident, { type: 'CLOSE', at: min(2002) }).phase).toBe('closed');
  });

  it('needs no postmortem for SEV3', () => {
    const { incident } = declareIncident({ title: 'x', at: T0, severity: 'SEV3' });
    const closed = walk(incident, [
      { type: 'ACKNOWLEDGE', at: min(1) },
      { type: 'ASSIGN_ROLE', at: min(1), role: 'commander', assignee: 'alice' },
      { type: 'TRIAGE', at: min(2), severity: 'SEV3' },
      { type: 'MITIGATE', at: min(3) },
      { type: 'RESOLVE', at: min(4) },
      { type: 'CLOSE', at: min(5) },
    ]);
    expect(closed.phase).toBe('closed');
    expect(closed.postmortem).toBeUndefined();
  });
});
