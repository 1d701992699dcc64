import { describe, expect, it } from 'vitest';
import { applyEvent, replay } from '../../src/lifecycle/index.js';
import { actionItemCompletion } from '../../src/metrics/index.js';
import type { ActionItem, Incident } from '../../src/model/index.js';
import { expectInvalid, MS_DAY, metricsIncident } from './helpers.js';

function withItems(id: string, actionItems: ActionItem[], extra: Partial<Incident> = {}): Incident {
  return metricsIncident({ id, milestones: { detectedAt: 0 }, actionItems, ...extra });
}

describe('actionItemCompletion', () => {
  const incidents = [
    withItems('INC-1', [
      { id: 'a1', title: 'Alert on queue depth', status: 'done', dueAt: 7 * MS_DAY, completedAt: 5 * MS_DAY },
      { id: 'a2', title: 'Add a canary stage', status: 'open', owner: 'carol', dueAt: 14 * MS_DAY },
      { id: 'a3', title: 'Rewrite the scheduler', status: 'wontfix' },
    ]),
    withItems('INC-2', [
      { id: 'b1', title: 'Runbook for failover', status: 'done', dueAt: 3 * MS_DAY, completedAt: 9 * MS_DAY },
      { id: 'b2', title: 'Dashboards', status: 'open' },
      { id: 'b3', title: 'Load test', status: 'open', dueAt: 2 * MS_DAY },
      { id: 'b4', title: 'Due later', status: 'open', dueAt: 30 * MS_DAY },
    ]),
  ];

  it('counts by status, completion = done ÷ (all − wontfix), and lists overdue items, worst first', () => {
    const result = actionItemCompletion(incidents, { now: 20 * MS_DAY });
    expect(result).toMatchObject({ total: 7, done: 2, wontfix: 1, open: 4, overdue: 2 });
    expect(result.completionRate).toBeCloseTo(2 / 6, 12);
    // On time: a1 of (a1, b1 done with a date; a2, b3 overdue).
    expect(result.onTimeRate).toBe(0.25);
    expect(result.overdueItems).toEqual([
      { incidentId: 'INC-2', itemId: 'b3', title: 'Load test', dueAt: 2 * MS_DAY, overdueByMs: 18 * MS_DAY },
      {
        incidentId: 'INC-1',
        itemId: 'a2',
        title: 'Add a canary stage',
        owner: 'carol',
        dueAt: 14 * MS_DAY,
        overdueByMs: 6 * MS_DAY,
      },
    ]);
  });

  it('returns null rates when there is nothing to divide', () => {
    const result = actionItemCompletion([withItems('x', [{ id: 'w', title: 'Nope', status: 'wontfix' }])], {
      now: 0,
    });
    expect(result).toMatchObject({ total: 1, completionRate: null, onTimeRate: null, overdueItems: [] });
  });

  it('reads action items the lifecycle recorded', () => {
    let incident = replay([
      { type: 'DECLARE', title: 'Disk full', at: 0, severity: 'SEV4' },
      {
        type: 'ADD_ACTION_ITEM',
        at: 1000,
        item: { id: 'act_disk', title: 'Alert at 80% disk', owner: 'bob', dueAt: MS_DAY },
      },
    ]);
    expect(actionItemCompletion([incident], { now: 2 * MS_DAY }).overdue).toBe(1);
    incident = applyEvent(incident, {
      type: 'UPDATE_ACTION_ITEM',
      at: 2000,
      itemId: 'act_disk',
      changes: { status: 'done' },
    });
    expect(actionItemCompletion([incident], { now: 2 * MS_DAY })).toMatchObject({
      done: 1,
      overdue: 0,
      onTimeRate: 1,
    });
  });

  it('needs now and rejects malformed items', () => {
    expectInvalid(() => actionItemCompletion(incidents, {} as never), 'options.now');
    expectInvalid(
      () =>
        actionItemCompletion([withItems('x', [{ id: 'a', title: 't', status: 'later' } as never])], {
          now: 0,
        }),
      'incidents[0].actionItems[0].status',
    );
    expectInvalid(
      () =>
        actionItemCompletion(
          [withItems('x', [{ id: 'a', title: 't', status: 'open', dueAt: 'soon' } as never])],
          { now: 0 },
        ),
      'incidents[0].actionItems[0].dueAt',
    );
    expectInvalid(
      () => actionItemCompletion([{ milestones: { detectedAt: 0 }, actionItems: {} }] as never, { now: 0 }),
      'incidents[0].actionItems',
    );
  });
});
