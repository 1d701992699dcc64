import { describe, expect, it } from 'vitest';
import { type IncidentStore, memoryStore, type Notifier } from '../../src/adapters/index.js';
import { createIncidentManager } from '../../src/manager/index.js';
import { IncidentKitError } from '../../src/model/index.js';
import { manualClock, min, recordingNotifier, rejection } from './helpers.js';

describe('run', () => {
  it('reminds and delivers each round, waits on the clock between rounds, and stops cleanly on abort', async () => {
    const clock = manualClock(min(0));
    const chat = recordingNotifier('chat');
    const manager = createIncidentManager({ clock, notifiers: [chat] });
    await manager.declare({ incidentId: 'INC-1', title: 'Down', severity: 'SEV1' });
    const controller = new AbortController();
    const running = manager.run({ signal: controller.signal, intervalMs: 60_000 });

    await clock.nextTimer(); // round 1 ran: the declare's messages are out
    expect(chat.kinds()).toEqual(['initial-notification', 'status-page-update']);
    expect(clock.pending()).toBe(1);

    clock.advance(6 * 60_000); // past the 5-minute acknowledgement deadline
    await clock.nextTimer();
    expect(chat.kinds().filter((k) => k === 'reminder')).toHaveLength(2); // re-page + roles, in the round that made them

    clock.advance(60_000);
    await clock.nextTimer();
    expect(chat.kinds().filter((k) => k === 'reminder')).toHaveLength(2); // nothing new: no storm

    controller.abort();
    expect(await running).toEqual({ rounds: 3, errors: 0 });
    expect(clock.pending()).toBe(0); // the pending wait was cancelled, not left to fire
  });

  it('does nothing when the signal is already aborted', async () => {
    const clock = manualClock(min(0));
    const manager = createIncidentManager({ clock });
    const controller = new AbortController();
    controller.abort();
    expect(await manager.run({ signal: controller.signal })).toEqual({ rounds: 0, errors: 0 });
    expect(clock.pending()).toBe(0);
  });

  it('a round that fails (listing incidents throws) is reported to onError, still delivers, and the loop goes on', async () => {
    const clock = manualClock(min(0));
    const store = memoryStore();
    let down = true;
    const flaky: IncidentStore = {
      ...store,
      list: async (filter) => {
        if (down) throw new IncidentKitError('INTERNAL', 'connection refused');
        return store.list(filter);
      },
    };
    const errors: unknown[] = [];
    const manager = createIncidentManager({ clock, store: flaky });
    const controller = new AbortController();
    const running = manager.run({
      signal: controller.signal,
      intervalMs: 1_000,
      onError: (e) => errors.push(e),
    });
    await clock.nextTimer();
    expect(errors).toHaveLength(1);
    down = false;
    clock.advance(1_000);
    await clock.nextTimer();
    controller.abort();
    expect(await running).toEqual({ rounds: 2, errors: 1 });
  });

  it('rejects malformed run options', async () => {
    const manager = createIncidentManager({ clock: manualClock() });
    expect((await rejection(manager.run({ intervalMs: 0 }))).issues[0]?.path).toBe('options.intervalMs');
    expect((await rejection(manager.run({ signal: {} as AbortSignal }))).issues[0]?.path).toMatch(
      /^options\.signal/,
    );
  });
});

describe('deliver, dead letters and redrive', () => {
  it('a message that keeps failing is dead-lettered, and delivered once redriven', async () => {
    const clock = manualClock(min(0));
    let failing = true;
    const sent: string[] = [];
    const webhook: Notifier = {
      name: 'webhook',
      async send(message, context) {
        if (failing)
          throw new IncidentKitError('DELIVERY_FAILED', 'receiver answered 503', { target: 'webhook' });
        sent.push(`${message.kind}:${context.idempotencyKey}`);
      },
    };
    const manager = createIncidentManager({
      clock,
      notifiers: [webhook],
      delivery: { maxAttempts: 2, backoff: { baseMs: 1_000 }, random: () => 0 },
    });
    const { id } = await manager.declare({ title: 'Slow checkout', severity: 'SEV3' });
    expect((await manager.deliver({ now: min(0) })).retried).toBe(1);
    expect((await manager.deliver({ now: min(1) })).dead).toBe(1);
    const { items } = await manager.deadLetters();
    expect(items.map((r) => [r.incidentId, r.message.kind, r.attempts])).toEqual([
      [id, 'initial-notification', 2],
    ]);
    expect(items[0]!.lastError).toContain('503');

    failing = false;
    await manager.redrive(items[0]!.id);
    expect((await manager.deliver({ now: min(2) })).delivered).toBe(1);
    expect(sent).toEqual([`initial-notification:${items[0]!.id}`]);
    expect((await manager.deadLetters()).items).toEqual([]);
    expect((await rejection(manager.redrive('obx_unknown'))).code).toBe('NOT_FOUND');
  });
});
