/**
 * Outbox delivery under faults, as one reusable suite: every store runs it, so the claim, lease
 * and settle semantics are proven where they are implemented (memory, PGlite, a real server).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryFailed } from '../../src/adapters/http-status.js';
import {
  backoffDelay,
  deliverOutbox,
  type IncidentStore,
  type Notifier,
  type NotifyContext,
  webhookNotifier,
} from '../../src/adapters/index.js';
import type { Message } from '../../src/comms/index.js';
import { type Behaviour, type Receiver, startReceiver } from './receiver.js';
import { at, declare, outboxFor } from './store-contract.js';

/** A seeded random in [0, 1) (mulberry32), so jitter is reproducible. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A notifier that records what it was sent, and fails as `fail` says. */
export function recordingNotifier(
  name: string,
  fail: (message: Message, context: NotifyContext) => unknown = () => undefined,
): Notifier & { sent: { key: string; attempt: number; title: string; incidentId: string }[]; calls: number } {
  const notifier = {
    name,
    sent: [] as { key: string; attempt: number; title: string; incidentId: string }[],
    calls: 0,
    async send(message: Message, context: NotifyContext) {
      notifier.calls++;
      const error = fail(message, context);
      if (error !== undefined) throw error;
      notifier.sent.push({
        key: context.idempotencyKey,
        attempt: context.attempt,
        title: message.title,
        incidentId: context.incident.id,
      });
    },
  };
  return notifier;
}

const titled = (incidentId: string, notifier: string, id: string, title: string) => {
  const row = outboxFor(incidentId, notifier, id);
  return { ...row, message: { ...row.message, title } as Message };
};

/** Seeds `incidents` incidents with `perIncident` ordered messages each for every notifier. */
export async function seedOutbox(
  store: IncidentStore,
  incidents: number,
  perIncident: number,
  notifiers: readonly string[],
  prefix = 'D',
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < incidents; i++) {
    const id = `${prefix}${i}`;
    const outbox = [];
    for (let m = 0; m < perIncident; m++)
      for (const n of notifiers) {
        const rowId = `${id}-${n}-${m}`;
        ids.push(rowId);
        outbox.push(titled(id, n, rowId, `#${m}`));
      }
    await store.append(id, [declare(id)], { expectedVersion: 0, now: at(0), outbox });
  }
  return ids;
}

/** Runs deliver rounds, advancing the clock past every due time, until nothing is pending. */
export async function drain(
  store: IncidentStore,
  notifiers: readonly Notifier[],
  options: {
    start: number;
    maxRounds?: number;
    random?: () => number;
    maxAttempts?: number;
    leaseMs?: number;
  },
): Promise<{ rounds: number; now: number }> {
  let now = options.start;
  for (let round = 1; round <= (options.maxRounds ?? 200); round++) {
    const report = await deliverOutbox(store, notifiers, {
      now,
      limit: 1_000,
      random: options.random ?? seeded(round),
      maxAttempts: options.maxAttempts ?? 50,
      ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
      backoff: { baseMs: 1_000, maxMs: 60_000 },
    });
    if (report.attempted === 0 && round > 1) return { rounds: round, now };
    now += 61_000;
  }
  return { rounds: options.maxRounds ?? 200, now };
}

/** Registers the delivery suite for a store factory (a fresh, migrated, empty store per test). */
export function describeDeliveryContract(
  name: string,
  makeStore: () => Promise<{ store: IncidentStore }>,
): void {
  // Row ids and incident ids carry the suite's name (the receiver is shared): keep it an id.
  const tag = name.replace(/[^A-Za-z0-9]/g, '');
  describe(`outbox delivery: ${name}`, () => {
    let receiver: Receiver;
    const behaviour = new Map<string, (attempt: number) => Behaviour>();
    const seen = new Map<string, number>();
    beforeAll(async () => {
      receiver = await startReceiver(({ key }) => {
        const n = (seen.get(key ?? '') ?? 0) + 1;
        seen.set(key ?? '', n);
        const rule = [...behaviour.entries()].find(([prefix]) => (key ?? '').startsWith(prefix))?.[1];
        return rule ? rule(n) : { kind: 'ok' };
      });
    });
    afterAll(() => receiver.close());

    it('delivers each due row once, in order per incident and notifier', async () => {
      const { store } = await makeStore();
      await seedOutbox(store, 3, 4, ['a', 'b']);
      const a = recordingNotifier('a');
      const b = recordingNotifier('b');
      const report = await deliverOutbox(store, [a, b], { now: at(1) });
      expect(report).toMatchObject({ attempted: 24, delivered: 24, retried: 0, dead: 0, lost: 0 });
      for (const n of [a, b])
        for (let i = 0; i < 3; i++)
          expect(n.sent.filter((s) => s.incidentId === `D${i}`).map((s) => s.title)).toEqual([
            '#0',
            '#1',
            '#2',
            '#3',
          ]);
      expect((await deliverOutbox(store, [a, b], { now: at(2) })).attempted).toBe(0);
      expect(
        (await store.outbox('D0')).every((r) => r.status === 'delivered' && r.deliveredAt === at(1)),
      ).toBe(true);
    });

    it('holds later rows while the head row is retried, with backoff from the given now', async () => {
      const { store } = await makeStore();
      await seedOutbox(store, 1, 3, ['a']);
      let down = true;
      const a = recordingNotifier('a', () =>
        down ? deliveryFailed('a answered 503', { status: 503 }) : undefined,
      );
      const random = seeded(7);
      const first = await deliverOutbox(store, [a], { now: at(1), random: seeded(7) });
      expect(first).toMatchObject({ attempted: 1, retried: 1 });
      expect(first.attempts[0]?.dueAt).toBe(at(1) + backoffDelay(1, {}, random));
      expect(first.attempts[0]?.error).toBe('DELIVERY_FAILED: a answered 503');
      expect((await deliverOutbox(store, [a], { now: at(1) + 500 })).attempted).toBe(0);
      down = false;
      const second = await deliverOutbox(store, [a], { now: at(2) });
      expect(second.delivered).toBe(3);
      expect(a.sent.map((s) => [s.title, s.attempt])).toEqual([
        ['#0', 2],
        ['#1', 1],
        ['#2', 1],
      ]);
    });

    it('honours retryAfterMs, capped at backoff.maxMs', async () => {
      const { store } = await makeStore();
      await seedOutbox(store, 2, 1, ['a']);
      const a = recordingNotifier('a', (_m, c) =>
        deliveryFailed('slow down', { retryAfterMs: c.incident.id === 'D0' ? 7_000 : 10 * 3_600_000 }),
      );
      const report = await deliverOutbox(store, [a], { now: at(1), backoff: { maxMs: 120_000 } });
      const due = Object.fromEntries(report.attempts.map((x) => [x.incidentId, x.dueAt]));
      expect(due).toEqual({ D0: at(1) + 7_000, D1: at(1) + 120_000 });
    });

    it('dead-letters a permanent failure at once and a transient one after maxAttempts, with the last error; redrive sends it again', async () => {
      const { store } = await makeStore();
      await seedOutbox(store, 2, 1, ['a']);
      let healthy = false;
      const a = recordingNotifier('a', (_m, c) => {
        if (healthy) return undefined;
        return c.incident.id === 'D0'
          ? deliveryFailed('a answered 404', { status: 404, permanent: true })
          : Object.assign(new Error(`boom ${c.attempt}`), {});
      });
      let now = at(1);
      for (let i = 0; i < 5; i++) {
        await deliverOutbox(store, [a], { now, maxAttempts: 3, random: () => 0 });
        now += 3_600_000;
      }
      const dead = await store.deadLetters();
      expect(dead.items.map((r) => [r.incidentId, r.attempts, r.lastError])).toEqual([
        ['D0', 1, 'DELIVERY_FAILED: a answered 404'],
        ['D1', 3, 'Error: boom 3 (after 3 attempts)'],
      ]);
      expect(a.calls).toBe(4);
      healthy = true;
      for (const row of dead.items) await store.redrive(row.id, { now });
      expect((await deliverOutbox(store, [a], { now })).delivered).toBe(2);
      expect((await store.deadLetters()).items).toEqual([]);
    });

    it('leaves rows for notifiers it does not have to the deliverers that do', async () => {
      const { store } = await makeStore();
      await seedOutbox(store, 1, 1, ['a', 'b']);
      const a = recordingNotifier('a');
      expect((await deliverOutbox(store, [a], { now: at(1) })).delivered).toBe(1);
      const rows = await store.outbox('D0');
      expect(rows.find((r) => r.notifier === 'b')).toMatchObject({ status: 'pending', attempts: 0 });
    });

    it('a notifier failing 50% at random: every message arrives, once per key, in order, none lost', async () => {
      const { store } = await makeStore();
      const ids = await seedOutbox(store, 6, 5, ['flaky']);
      const random = seeded(42);
      const flaky = recordingNotifier('flaky', () => (random() < 0.5 ? new Error('flaked') : undefined));
      const { rounds } = await drain(store, [flaky], { start: at(1) });
      expect(flaky.sent.map((s) => s.key).sort()).toEqual([...ids].sort());
      for (let i = 0; i < 6; i++)
        expect(flaky.sent.filter((s) => s.incidentId === `D${i}`).map((s) => s.title)).toEqual([
          '#0',
          '#1',
          '#2',
          '#3',
          '#4',
        ]);
      expect((await store.deadLetters()).items).toEqual([]);
      console.info(
        `[${name}] 50% flaky notifier: ${ids.length} messages in ${flaky.calls} calls over ${rounds} rounds`,
      );
    });

    it('a local receiver returning 500s, 429 with Retry-After, hanging and closing the socket: every message accepted once per key', async () => {
      const { store } = await makeStore();
      behaviour.set(`${tag}-F0`, (n) => (n <= 2 ? { kind: 'status', status: 500 } : { kind: 'ok' }));
      behaviour.set(`${tag}-F1`, (n) =>
        n === 1 ? { kind: 'status', status: 429, retryAfter: '30' } : { kind: 'ok' },
      );
      behaviour.set(`${tag}-F2`, (n) => (n === 1 ? { kind: 'hang' } : { kind: 'ok' }));
      behaviour.set(`${tag}-F3`, (n) => (n <= 2 ? { kind: 'close' } : { kind: 'ok' }));
      const ids = await seedOutbox(store, 4, 3, ['hook'], `${tag}-F`);
      // The timeout is well above an answer's time even on a loaded machine: an answer that came
      // after the client gave up would be a genuine (at-least-once) repeat, not what this counts.
      const hook = webhookNotifier({ url: receiver.url, name: 'hook', timeoutMs: 1_000, secret: 's' });
      const first = await deliverOutbox(store, [hook], { now: at(1), random: () => 0 });
      const retry429 = first.attempts.find((x) => x.incidentId === `${tag}-F1`);
      expect(retry429?.dueAt).toBe(at(1) + 30_000);
      const { rounds } = await drain(store, [hook], { start: at(2) });
      for (const id of ids) expect(receiver.accepted.get(id)).toBe(1);
      const requests = receiver.requests.filter((r) => r.key?.startsWith(`${tag}-F`));
      for (let i = 0; i < 4; i++) {
        const order = requests
          .filter((r) => r.answer === 'ok' && r.key?.startsWith(`${tag}-F${i}-`))
          .map((r) => JSON.parse(r.body).message.title);
        expect(order).toEqual(['#0', '#1', '#2']);
      }
      expect(receiver.maxConcurrentPerKey()).toBe(1);
      console.info(
        `[${name}] faulty receiver: ${ids.length} messages, ${requests.length} requests, ${rounds + 1} rounds`,
      );
    });

    it('a crash between send and acknowledgement resends once, with the same key, after the lease', async () => {
      const { store } = await makeStore();
      await seedOutbox(store, 1, 1, [`crash`], `${tag}-C`);
      const hook = webhookNotifier({ url: receiver.url, name: 'crash', timeoutMs: 1_000 });
      // A deliverer claims, sends, and dies before settle.
      const [row] = await store.claim({ now: at(1), limit: 1, leaseMs: 30_000, owner: 'doomed' });
      expect(row).toBeDefined();
      await hook.send(row!.message, {
        idempotencyKey: row!.id,
        attempt: row!.attempts,
        incident: row!.incident,
        state: { get: async () => undefined, set: async () => {} },
        now: at(1),
      });
      expect((await deliverOutbox(store, [hook], { now: at(1) + 29_999 })).attempted).toBe(0);
      const resent = await deliverOutbox(store, [hook], { now: at(1) + 30_000 });
      expect(resent).toMatchObject({ attempted: 1, delivered: 1 });
      expect(resent.attempts[0]).toMatchObject({ id: row!.id, attempt: 2 });
      const sends = receiver.requests.filter((r) => r.key === row!.id);
      expect(sends.map((r) => r.key)).toEqual([row!.id, row!.id]);
      expect(await store.settle(row!.id, 'doomed', { kind: 'delivered', at: at(2) })).toBe(false);
      expect((await deliverOutbox(store, [hook], { now: at(10) })).attempted).toBe(0);
    });

    it('tells a send to stop before its lease runs out, and retries it', async () => {
      const { store } = await makeStore();
      await seedOutbox(store, 1, 1, ['slow']);
      const slow: Notifier = {
        name: 'slow',
        send: (_message, context) =>
          new Promise((_, reject) => {
            context.signal?.addEventListener('abort', () => reject(deliveryFailed('slow: aborted')), {
              once: true,
            });
          }),
      };
      const report = await deliverOutbox(store, [slow], { now: at(1), leaseMs: 200 });
      expect(report).toMatchObject({ attempted: 1, retried: 1 });
      expect(report.attempts[0]?.error).toBe('DELIVERY_FAILED: slow: aborted');
    });

    it('gives up on a row whose deliverers keep dying, after maxAttempts claims', async () => {
      const { store } = await makeStore();
      await seedOutbox(store, 1, 1, ['a']);
      for (let i = 0; i < 3; i++)
        await store.claim({ now: at(i), limit: 1, leaseMs: 1_000, owner: `dying-${i}` });
      const a = recordingNotifier('a');
      const report = await deliverOutbox(store, [a], { now: at(10), maxAttempts: 3 });
      expect(report).toMatchObject({ dead: 1 });
      expect(a.calls).toBe(0);
      expect((await store.deadLetters()).items[0]?.lastError).toContain('gave up');
    });

    it('four deliverers at once never send one row twice', async () => {
      const { store } = await makeStore();
      const ids = await seedOutbox(store, 8, 4, ['a', 'b']);
      const a = recordingNotifier('a');
      const b = recordingNotifier('b');
      let now = at(1);
      for (let round = 0; round < 6; round++) {
        await Promise.all(
          [0, 1, 2, 3].map((w) =>
            deliverOutbox(store, [a, b], { now, owner: `w${w}`, limit: 7, concurrency: 2 }),
          ),
        );
        now += 1_000;
      }
      const keys = [...a.sent, ...b.sent].map((s) => s.key);
      expect(keys.sort()).toEqual([...ids].sort());
      for (const n of [a, b])
        for (let i = 0; i < 8; i++)
          expect(n.sent.filter((s) => s.incidentId === `D${i}`).map((s) => s.title)).toEqual([
            '#0',
            '#1',
            '#2',
            '#3',
          ]);
    });

    it('jitter keeps every backoff delay within [(1 - jitter) × raw, raw]', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 30 }),
          fc.double({ min: 0, max: 0.999999, noNaN: true }),
          (attempt, r) => {
            const raw = Math.min(3_600_000, 1_000 * 2 ** (attempt - 1));
            const d = backoffDelay(attempt, {}, () => r);
            expect(d).toBeGreaterThanOrEqual(Math.max(1, Math.floor(raw * 0.5)));
            expect(d).toBeLessThanOrEqual(raw);
          },
        ),
        { numRuns: 1_000 },
      );
    });
  });
}
