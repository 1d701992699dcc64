import { describe, expect, it } from 'vitest';
import {
  type ActionItemTracker,
  type ExternalRef,
  githubIssuesTracker,
  type IncidentStore,
  memoryStore,
  type TrackedStatus,
} from '../../src/adapters/index.js';
import { createIncidentManager } from '../../src/manager/index.js';
import { actionItemCompletion } from '../../src/metrics/index.js';
import { type ActionItem, IncidentKitError } from '../../src/model/index.js';
import { githubApi } from '../integrations/github-server.js';
import { startVendorServer } from '../integrations/vendor-server.js';
import { autoClock, min } from './helpers.js';

/** A tracker kept in memory: what a team's issue tracker holds, and what it was asked. */
function memoryTracker(name = 'issues') {
  const issues = new Map<string, { item: ActionItem; state: TrackedStatus }>();
  const calls: string[] = [];
  let down = false;
  const tracker: ActionItemTracker & {
    issues: typeof issues;
    calls: string[];
    close(key: string, state: TrackedStatus): void;
    setDown(value: boolean): void;
  } = {
    name,
    issues,
    calls,
    close: (key, state) => {
      issues.get(key)!.state = state;
    },
    setDown: (value) => {
      down = value;
    },
    async create(item, context) {
      if (down) throw new IncidentKitError('DELIVERY_FAILED', `${name} is down`, { target: name });
      const key = `#${issues.size + 1}`;
      calls.push(`create ${key} ${context.incidentId} ${item.title}`);
      issues.set(key, { item, state: { status: 'open' } });
      return { tracker: name, key, url: `https://tracker.example.com/${key.slice(1)}` };
    },
    async update(ref: ExternalRef, item) {
      if (down) throw new IncidentKitError('DELIVERY_FAILED', `${name} is down`, { target: name });
      calls.push(`update ${ref.key} ${item.status} ${item.owner ?? '-'}`);
      const issue = issues.get(ref.key)!;
      issue.item = item;
      if (item.status !== 'open') issue.state = { status: item.status };
    },
    async status(ref) {
      if (down) throw new IncidentKitError('DELIVERY_FAILED', `${name} is down`, { target: name });
      return issues.get(ref.key)!.state;
    },
  };
  return tracker;
}

async function setup(store: IncidentStore = memoryStore()) {
  const clock = autoClock(min(0));
  const tracker = memoryTracker();
  const manager = createIncidentManager({ clock, store, trackers: [tracker] });
  const { id } = await manager.declare({ incidentId: 'INC-1', title: 'Checkout errors', severity: 'SEV3' });
  await manager.addActionItem(id, {
    item: { id: 'act_1', title: 'Alert on pool saturation', owner: 'carol' },
  });
  await manager.addActionItem(id, { item: { id: 'act_2', title: 'Load test the pool', owner: 'dave' } });
  return { clock, tracker, manager, id };
}

describe('syncActionItems', () => {
  it('creates each new item in the tracker once and keeps the link on the item', async () => {
    const { tracker, manager, id } = await setup();
    expect(await manager.syncActionItems()).toEqual({ created: 2, updated: 0, completed: 0, failed: [] });
    const items = (await manager.get(id)).actionItems;
    expect(items.map((i) => i.external)).toEqual([
      { tracker: 'issues', key: '#1', url: 'https://tracker.example.com/1' },
      { tracker: 'issues', key: '#2', url: 'https://tracker.example.com/2' },
    ]);
    const version = (await manager.get(id)).version;
    expect(await manager.syncActionItems()).toEqual({ created: 0, updated: 0, completed: 0, failed: [] });
    expect((await manager.get(id)).version).toBe(version);
    expect(tracker.calls).toEqual([
      'create #1 INC-1 Alert on pool saturation',
      'create #2 INC-1 Load test the pool',
    ]);
  });

  it('pushes changed items, and closing one here closes it there', async () => {
    const { tracker, manager, id } = await setup();
    await manager.syncActionItems();
    await manager.updateActionItem(id, { itemId: 'act_1', changes: { owner: 'erin' } });
    await manager.updateActionItem(id, { itemId: 'act_2', changes: { status: 'done' } });
    expect(await manager.syncActionItems()).toMatchObject({ created: 0, updated: 2, completed: 0 });
    expect(tracker.calls.slice(2)).toEqual(['update #1 open erin', 'update #2 done dave']);
    expect(await manager.syncActionItems()).toMatchObject({ updated: 0 });
  });

  it('pulls completion back as UPDATE_ACTION_ITEM: done with the tracker’s time, not planned as wontfix', async () => {
    const { clock, tracker, manager, id } = await setup();
    await manager.syncActionItems();
    tracker.close('#1', { status: 'done', completedAt: min(30) });
    tracker.close('#2', { status: 'wontfix' });
    clock.set(min(40));
    expect(await manager.syncActionItems()).toMatchObject({ completed: 2, updated: 0 });
    const incident = await manager.get(id);
    expect(incident.actionItems.map((i) => [i.id, i.status, i.completedAt])).toEqual([
      ['act_1', 'done', min(30)],
      ['act_2', 'wontfix', undefined],
    ]);
    const updates = incident.timeline.filter(
      (t) => t.type === 'UPDATE_ACTION_ITEM' && t.by === 'tracker:issues',
    );
    expect(updates.length).toBeGreaterThanOrEqual(2);
    // Completion metrics now reflect the tracker: done ÷ (all − wontfix).
    expect(actionItemCompletion([incident], { now: min(40) })).toMatchObject({ completionRate: 1 });
    // Nothing to push back, nothing to pull twice.
    expect(await manager.syncActionItems()).toEqual({ created: 0, updated: 0, completed: 0, failed: [] });
  });

  it('a tracker that is down fails the round per item; the next round catches up without duplicates', async () => {
    const { tracker, manager, id } = await setup();
    tracker.setDown(true);
    const failedRound = await manager.syncActionItems();
    expect(failedRound.failed.map((f) => [f.incidentId, f.itemId, f.error.code])).toEqual([
      [id, 'act_1', 'DELIVERY_FAILED'],
      [id, 'act_2', 'DELIVERY_FAILED'],
    ]);
    tracker.setDown(false);
    expect(await manager.syncActionItems()).toMatchObject({ created: 2, failed: [] });
    expect(tracker.issues.size).toBe(2);
  });

  it('a round that died after creating the ticket reuses it instead of creating another', async () => {
    const store = memoryStore();
    let failAppends = false;
    const faulty: IncidentStore = {
      ...store,
      append: async (...args) => {
        if (failAppends) throw new IncidentKitError('INTERNAL', 'connection reset');
        return store.append(...args);
      },
    };
    const { tracker, manager, id } = await setup(faulty);
    failAppends = true;
    expect((await manager.syncActionItems()).failed).toHaveLength(2);
    failAppends = false;
    await manager.syncActionItems();
    expect(tracker.issues.size).toBe(2);
    expect((await manager.get(id)).actionItems.map((i) => i.external?.key)).toEqual(['#1', '#2']);
  });

  it('does nothing without trackers', async () => {
    const manager = createIncidentManager({ clock: autoClock(min(0)) });
    const { id } = await manager.declare({ title: 'x' });
    await manager.addActionItem(id, { item: { title: 'y' } });
    expect(await manager.syncActionItems()).toEqual({ created: 0, updated: 0, completed: 0, failed: [] });
  });
});

describe('syncActionItems with githubIssuesTracker against a local GitHub API', () => {
  it('opens an issue per item and pulls a not-planned close back as wontfix, a completed one as done', async () => {
    const NOW = Date.parse('2026-11-26T10:00:00Z');
    const api = githubApi({ repo: 'acme/platform', token: 'ghp_test', now: () => NOW });
    const server = await startVendorServer((req) => api.handler(req));
    try {
      const github = githubIssuesTracker({
        repo: 'acme/platform',
        token: 'ghp_test',
        baseUrl: server.url,
        now: () => NOW,
      });
      const manager = createIncidentManager({ clock: autoClock(NOW), trackers: [github] });
      const { id } = await manager.declare({ title: 'Checkout errors', severity: 'SEV3' });
      await manager.addActionItem(id, {
        item: { id: 'act_1', title: 'Alert on queue depth', owner: 'alice' },
      });
      await manager.addActionItem(id, {
        item: { id: 'act_2', title: 'Rewrite the checkout service', owner: 'bob' },
      });
      expect(await manager.syncActionItems({ now: NOW })).toMatchObject({ created: 2, failed: [] });
      expect((await manager.get(id)).actionItems.map((i) => i.external?.key)).toEqual([
        'acme/platform#1',
        'acme/platform#2',
      ]);

      Object.assign(api.issues.get(1)!, {
        state: 'closed',
        state_reason: 'completed',
        closed_at: '2026-11-26T09:30:00Z',
      });
      Object.assign(api.issues.get(2)!, {
        state: 'closed',
        state_reason: 'not_planned',
        closed_at: '2026-11-26T09:40:00Z',
      });
      expect(await manager.syncActionItems({ now: NOW })).toMatchObject({ completed: 2, failed: [] });
      const items = (await manager.get(id)).actionItems;
      expect(items.map((i) => [i.id, i.status])).toEqual([
        ['act_1', 'done'],
        ['act_2', 'wontfix'],
      ]);
      expect(items[0]!.completedAt).toBe(Date.parse('2026-11-26T09:30:00Z'));
      expect(api.issues.size).toBe(2);
    } finally {
      await server.close();
    }
  });
});
