/**
 * A store the host wraps around ours (for tracing, metrics) sees the manager's own appends, which
 * the inner store takes without checking them again. What the manager vouches for is frozen and
 * good for one append: a wrapper that edits it fails loudly, one that replays it is checked in full.
 */
import { describe, expect, it } from 'vitest';
import { type IncidentStore, memoryStore } from '../../src/adapters/index.js';
import { checkAppend, vouchAppend } from '../../src/adapters/store-input.js';
import { replay } from '../../src/lifecycle/index.js';
import { createIncidentManager } from '../../src/manager/index.js';
import { autoClock, recordingNotifier } from './helpers.js';

/** `inner` with `append` replaced by `around`. */
function wrapped(inner: IncidentStore, around: IncidentStore['append']): IncidentStore {
  return new Proxy(inner, {
    get: (target, key) =>
      key === 'append'
        ? around
        : Reflect.get(target, key, target) instanceof Function
          ? (Reflect.get(target, key, target) as (...a: unknown[]) => unknown).bind(target)
          : Reflect.get(target, key, target),
  });
}

describe('a host store wrapping ours', () => {
  it('cannot edit the vouched events or outbox rows on the way: the edit throws, nothing is stored', async () => {
    const inner = memoryStore();
    const store = wrapped(inner, (id, events, options) => {
      (options.outbox as unknown[]).push({ notifier: 'x', message: { kind: 'bogus' } });
      return inner.append(id, events, options);
    });
    const manager = createIncidentManager({
      store,
      clock: autoClock(),
      notifiers: [recordingNotifier('chat')],
    });
    await expect(manager.declare({ title: 'Checkout errors', severity: 'SEV1' })).rejects.toThrow(TypeError);
    expect((await inner.list()).items).toEqual([]);
  });

  it('passes them on untouched and the projection equals the replayed log', async () => {
    const inner = memoryStore();
    let calls = 0;
    const store = wrapped(inner, (id, events, options) => {
      calls++;
      return inner.append(id, events, options);
    });
    const manager = createIncidentManager({
      store,
      clock: autoClock(),
      notifiers: [recordingNotifier('chat')],
    });
    const incident = await manager.declare({ title: 'Checkout errors', severity: 'SEV1' });
    await manager.acknowledge(incident.id, { by: 'ana' });
    expect(calls).toBe(2);
    expect(await inner.get(incident.id)).toEqual(replay((await inner.load(incident.id)).events));
  });

  it('gets the full check when it appends the same vouched arguments a second time', async () => {
    const inner = memoryStore();
    const manager = createIncidentManager({ store: inner, clock: autoClock() });
    const incident = await manager.declare({ title: 'Checkout errors', severity: 'SEV1' });
    const events = [
      { type: 'ACKNOWLEDGE', id: 'e-ack', at: incident.milestones.detectedAt! + 60_000, by: 'ana' },
    ] as const;
    const options = { expectedVersion: incident.version, now: incident.milestones.detectedAt! + 60_000 };
    const decision = { before: incident, after: incident };
    vouchAppend(events, options, decision);
    expect(checkAppend(incident.id, events, options).decided).toBe(decision);
    // Used up: the same arguments again are a caller's append, checked in full.
    expect(checkAppend(incident.id, events, options).decided).toBeUndefined();
  });
});
