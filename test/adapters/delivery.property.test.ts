/**
 * Property: whatever a notifier's failures look like (transient, with Retry-After, permanent,
 * deliverers dying between send and acknowledgement), draining the outbox delivers every message
 * that did not fail permanently exactly once per idempotency key as the notifier accepts it, in
 * order per incident, and dead-letters exactly the permanent failures. On the memory store (the
 * same claim/settle contract as the others, proven by the contract suites).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deliverOutbox, deliveryFailed, memoryStore, type Notifier } from '../../src/adapters/index.js';
import type { Message } from '../../src/comms/index.js';
import { seeded } from './delivery-contract.js';
import { at, declare, outboxFor } from './store-contract.js';

const scenario = fc.record({
  incidents: fc.integer({ min: 1, max: 5 }),
  perIncident: fc.integer({ min: 1, max: 6 }),
  failRate: fc.double({ min: 0, max: 0.8, noNaN: true }),
  retryAfterRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
  crashRate: fc.double({ min: 0, max: 0.3, noNaN: true }),
  permanent: fc.array(fc.tuple(fc.nat(4), fc.nat(5)), { maxLength: 3 }),
  seed: fc.integer(),
});

describe('outbox delivery under arbitrary failures', () => {
  it('delivers each message once, in order, and dead-letters exactly the permanent failures', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const store = memoryStore();
        const doomed = new Set(s.permanent.map(([i, m]) => `I${i}-m${m}`));
        for (let i = 0; i < s.incidents; i++) {
          const outbox = Array.from({ length: s.perIncident }, (_, m) => {
            const row = outboxFor(`I${i}`, 'n', `I${i}-m${m}`);
            return { ...row, message: { ...row.message, title: `#${m}` } as Message };
          });
          await store.append(`I${i}`, [declare(`I${i}`)], { expectedVersion: 0, now: at(0), outbox });
        }
        const random = seeded(s.seed);
        const accepted: string[] = [];
        const order = new Map<string, string[]>();
        let crashNext = false;
        const notifier: Notifier = {
          name: 'n',
          async send(message, context) {
            const key = context.idempotencyKey;
            if (doomed.has(key)) throw deliveryFailed('gone', { permanent: true, status: 410 });
            const r = random();
            if (r < s.failRate * s.retryAfterRate)
              throw deliveryFailed('slow down', { status: 429, retryAfterMs: 5_000 });
            if (r < s.failRate) throw new Error('transient');
            accepted.push(key);
            order.set(context.incident.id, [...(order.get(context.incident.id) ?? []), message.title]);
            // A deliverer that dies after the far side accepted: its outcome is never recorded.
            if (random() < s.crashRate) crashNext = true;
          },
        };
        const crashing: typeof store = {
          ...store,
          async settle(rowId, owner, outcome) {
            if (crashNext && outcome.kind === 'delivered') {
              crashNext = false;
              return false;
            }
            return store.settle(rowId, owner, outcome);
          },
        };
        let now = at(1);
        for (let round = 0; round < 400; round++) {
          const report = await deliverOutbox(crashing, [notifier], {
            now,
            maxAttempts: 100,
            random,
            leaseMs: 60_000,
          });
          if (report.attempted === 0) {
            let pending = 0;
            for (let i = 0; i < s.incidents; i++)
              pending += (await store.outbox(`I${i}`)).filter((r) => r.status === 'pending').length;
            if (pending === 0) break;
          }
          now += 3_600_001;
        }
        const all = [];
        for (let i = 0; i < s.incidents; i++) all.push(...(await store.outbox(`I${i}`)));
        const dead = all
          .filter((r) => r.status === 'dead')
          .map((r) => r.id)
          .sort();
        expect(dead).toEqual(
          all
            .filter((r) => doomed.has(r.id))
            .map((r) => r.id)
            .sort(),
        );
        expect(all.every((r) => r.status !== 'pending')).toBe(true);
        // Once per key as the far side counts, except the repeats of sends whose outcome was lost.
        const expected = all
          .filter((r) => !doomed.has(r.id))
          .map((r) => r.id)
          .sort();
        expect([...new Set(accepted)].sort()).toEqual(expected);
        for (const [incidentId, titles] of order) {
          const firsts = titles.filter((t, i) => titles.indexOf(t) === i);
          const wanted = all
            .filter((r) => r.incidentId === incidentId && !doomed.has(r.id))
            .sort((a, b) => a.sequence - b.sequence)
            .map((r) => r.message.title);
          expect(firsts).toEqual(wanted);
        }
      }),
      { numRuns: 100 },
    );
  });
});
