/**
 * The contract every IncidentStore keeps, as one reusable vitest suite. A store implementation
 * (yours too) runs it with `describeStoreContract('my store', async () => ({ store }))`; see
 * docs/adapters.md.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IncidentStore, OutboxMessageInput } from '../../src/adapters/index.js';
import type { Message } from '../../src/comms/index.js';
import { replay, safeApplyEvent } from '../../src/lifecycle/index.js';
import {
  type IncidentEvent,
  type IncidentEventInput,
  type IncidentKitError,
  isIncidentKitError,
} from '../../src/model/index.js';
import { eventLogArb, T0 } from '../arbitraries/events.js';

/** What a store factory hands the suite: a fresh, migrated, empty store. */
export interface StoreHarness {
  readonly store: IncidentStore;
  /** Overwrites the stored body of one event behind the store's back (to prove tamper evidence). */
  readonly tamper?: (incidentId: string, version: number, body: string) => Promise<void>;
}

/** How heavy the suite is for this store (a database store runs fewer property cases). */
export interface StoreContractOptions {
  /** fast-check runs of the log properties (default 100). */
  readonly runs?: number;
  /** Concurrent writers × appends each (default 8 × 50). */
  readonly writers?: number;
  readonly appendsPerWriter?: number;
}

const MIN = 60_000;
export const at = (minutes: number) => T0 + minutes * MIN;

/** A DECLARE for `incidentId` at `minutes` past T0. */
export function declare(
  incidentId: string,
  minutes = 0,
  extra: Partial<IncidentEventInput> = {},
): IncidentEvent {
  return {
    type: 'DECLARE',
    id: `${incidentId}-d`,
    incidentId,
    title: 'Checkout errors',
    at: at(minutes),
    severity: 'SEV2',
    ...(extra as object),
  } as IncidentEvent;
}

/** A NOTE with a given id. */
export function note(id: string, minutes: number, text = 'looking at the pool'): IncidentEvent {
  return { type: 'NOTE', id, at: at(minutes), text } as IncidentEvent;
}

/** A message to enqueue (built by hand so the suite depends on no builder). */
export function message(incidentId: string, title = 'Checkout errors'): Message {
  return {
    kind: 'status-update',
    audience: 'responders',
    incidentId,
    title,
    fields: [],
    at: at(0),
    phase: 'detect',
    severity: 'SEV2',
  } as Message;
}

/** An outbox row input for `notifier`. */
export function outboxFor(
  incidentId: string,
  notifier: string,
  id?: string,
  dueAt?: number,
): OutboxMessageInput {
  return {
    ...(id === undefined ? {} : { id }),
    notifier,
    message: message(incidentId),
    incident: { id: incidentId, severity: 'SEV2', phase: 'detect', page: 'team' },
    ...(dueAt === undefined ? {} : { dueAt }),
  };
}

/** Awaits `promise`, which must reject with an IncidentKitError; returns it. */
export async function rejectionOf(promise: Promise<unknown>): Promise<IncidentKitError> {
  try {
    await promise;
  } catch (error) {
    if (!isIncidentKitError(error)) throw error;
    return error;
  }
  throw new Error('expected an IncidentKitError, but the promise resolved');
}

/** The accepted, normalised events of a generated raw log (what a manager would have appended). */
export function acceptedEvents(raw: readonly IncidentEventInput[], incidentId: string): IncidentEvent[] {
  const first = safeApplyEventStart(raw[0]!, incidentId);
  let incident = first.incident;
  const out: IncidentEvent[] = [first.event];
  for (const input of raw.slice(1)) {
    const result = safeApplyEvent(incident, input);
    if (!result.ok || result.duplicate) continue;
    incident = result.incident;
    out.push(result.event);
  }
  return out;
}

function safeApplyEventStart(declareInput: IncidentEventInput, incidentId: string) {
  const event = { ...(declareInput as object), incidentId } as IncidentEvent;
  const incident = replay([event]);
  return { incident, event: { ...event, id: event.id ?? `evt_${incidentId}_1` } as IncidentEvent };
}

/**
 * Appends with retries on conflict. The first attempt loads the version; a conflict's
 * `actualVersion` is the next attempt's expected version (the events here are independent notes,
 * so they need no fresh decision; a manager reloads and decides again instead).
 */
export async function appendWithRetry(
  store: IncidentStore,
  incidentId: string,
  make: (version: number) => IncidentEvent[],
  now: number,
): Promise<{ conflicts: number; version: number }> {
  let conflicts = 0;
  let { version } = await store.load(incidentId);
  for (;;) {
    try {
      const result = await store.append(incidentId, make(version), { expectedVersion: version, now });
      return { conflicts, version: result.version };
    } catch (error) {
      if (isIncidentKitError(error, 'CONCURRENCY_CONFLICT')) {
        expect(error.details.expectedVersion).toBe(version);
        expect(error.details.actualVersion).not.toBe(version);
        version = error.details.actualVersion;
        conflicts++;
        continue;
      }
      throw error;
    }
  }
}

/**
 * Registers the store contract as a vitest `describe` block. `makeStore` is called once per test
 * and must return a fresh, migrated, empty store.
 */
export function describeStoreContract(
  name: string,
  makeStore: () => Promise<StoreHarness>,
  options: StoreContractOptions = {},
): void {
  const runs = options.runs ?? 100;
  const writers = options.writers ?? 8;
  const appendsPerWriter = options.appendsPerWriter ?? 50;

  describe(`IncidentStore contract: ${name}`, () => {
    describe('streams', () => {
      it('loads what was appended, with its version; an unknown incident is empty', async () => {
        const { store } = await makeStore();
        expect(await store.load('INC-1')).toEqual({ events: [], version: 0 });
        expect(await store.get('INC-1')).toBeUndefined();
        const result = await store.append('INC-1', [declare('INC-1'), note('n1', 1)], {
          expectedVersion: 0,
          now: at(1),
        });
        expect(result.version).toBe(2);
        expect(result.appended.map((e) => e.id)).toEqual(['INC-1-d', 'n1']);
        const loaded = await store.load('INC-1');
        expect(loaded.version).toBe(2);
        expect(loaded.events).toEqual([declare('INC-1'), note('n1', 1)]);
        expect(result.incident).toEqual(await store.get('INC-1'));
      });

      it('rejects a stale expectedVersion with CONCURRENCY_CONFLICT naming both versions, and writes nothing', async () => {
        const { store } = await makeStore();
        await store.append('INC-1', [declare('INC-1')], { expectedVersion: 0, now: at(0) });
        const error = await rejectionOf(
          store.append('INC-1', [note('n1', 1)], {
            expectedVersion: 0,
            now: at(1),
            outbox: [outboxFor('INC-1', 'slack')],
            commandId: 'cmd-stale',
          }),
        );
        expect(error.code).toBe('CONCURRENCY_CONFLICT');
        expect(error.details).toMatchObject({ expectedVersion: 0, actualVersion: 1, incidentId: 'INC-1' });
        expect((await store.load('INC-1')).version).toBe(1);
        expect(await store.outbox('INC-1')).toEqual([]);
        expect(await store.findCommand('cmd-stale')).toBeUndefined();
        const ahead = await rejectionOf(
          store.append('INC-1', [note('n1', 1)], { expectedVersion: 5, now: at(1) }),
        );
        expect(ahead.details).toMatchObject({ expectedVersion: 5, actualVersion: 1 });
      });

      it('requires a new stream to start with DECLARE naming the same incident', async () => {
        const { store } = await makeStore();
        expect(
          (await rejectionOf(store.append('INC-1', [note('n1', 1)], { expectedVersion: 0, now: 0 }))).code,
        ).toBe('INVALID_TRANSITION');
        expect(
          (await rejectionOf(store.append('INC-1', [declare('INC-2')], { expectedVersion: 0, now: 0 }))).code,
        ).toBe('INVALID_INPUT');
        await store.append('INC-1', [declare('INC-1')], { expectedVersion: 0, now: 0 });
        const again = await rejectionOf(
          store.append('INC-1', [{ ...declare('INC-1'), id: 'd2' } as IncidentEvent], {
            expectedVersion: 1,
            now: 0,
          }),
        );
        expect(again.code).toBe('INVALID_TRANSITION');
        expect((await store.load('INC-1')).version).toBe(1);
      });

      it('gives a DECLARE without incidentId the stream id, and events without id their derived ids', async () => {
        const { store } = await makeStore();
        const {
          incidentId: _omit,
          id: _id,
          ...bare
        } = declare('INC-7') as Extract<IncidentEvent, { type: 'DECLARE' }>;
        await store.append(
          'INC-7',
          [bare as IncidentEvent, { type: 'ACKNOWLEDGE', at: at(1) } as IncidentEvent],
          {
            expectedVersion: 0,
            now: at(1),
          },
        );
        const { events } = await store.load('INC-7');
        expect(events.map((e) => e.id)).toEqual(['evt_INC-7_1', 'evt_INC-7_2']);
        expect(events[0]).toMatchObject({ incidentId: 'INC-7' });
        expect((await store.get('INC-7'))?.phase).toBe('triage');
      });

      it('skips events already stored with the same content, and appends the rest', async () => {
        const { store } = await makeStore();
        await store.append('INC-1', [declare('INC-1'), note('n1', 1)], { expectedVersion: 0, now: at(1) });
        const again = await store.append('INC-1', [note('n1', 1), note('n2', 2)], {
          expectedVersion: 2,
          now: at(2),
        });
        expect(again.version).toBe(3);
        expect(again.appended.map((e) => e.id)).toEqual(['n2']);
        const noop = await store.append('INC-1', [note('n2', 2)], { expectedVersion: 3, now: at(3) });
        expect(noop).toMatchObject({ version: 3, appended: [] });
        expect((await store.load('INC-1')).events.map((e) => e.id)).toEqual(['INC-1-d', 'n1', 'n2']);
      });

      it('rejects an event id stored with different content as DUPLICATE_EVENT_ID, writing nothing', async () => {
        const { store } = await makeStore();
        await store.append('INC-1', [declare('INC-1'), note('n1', 1)], { expectedVersion: 0, now: at(1) });
        const error = await rejectionOf(
          store.append('INC-1', [note('n2', 2), note('n1', 1, 'something else')], {
            expectedVersion: 2,
            now: at(2),
            outbox: [outboxFor('INC-1', 'slack')],
          }),
        );
        expect(error.code).toBe('DUPLICATE_EVENT_ID');
        expect(error.details).toMatchObject({ eventId: 'n1', incidentId: 'INC-1' });
        expect((await store.load('INC-1')).version).toBe(2);
        expect(await store.outbox('INC-1')).toEqual([]);
        const inBatch = await rejectionOf(
          store.append('INC-1', [note('n3', 2), note('n3', 3, 'other')], { expectedVersion: 2, now: at(2) }),
        );
        expect(inBatch.code).toBe('DUPLICATE_EVENT_ID');
      });

      it('rejects an event the lifecycle cannot apply and writes nothing', async () => {
        const { store } = await makeStore();
        await store.append('INC-1', [declare('INC-1')], { expectedVersion: 0, now: 0 });
        const error = await rejectionOf(
          store.append('INC-1', [note('n1', 1), { type: 'CLOSE', id: 'c1', at: at(2) } as IncidentEvent], {
            expectedVersion: 1,
            now: at(2),
          }),
        );
        expect(error.code).toBe('INVALID_TRANSITION');
        expect((await store.load('INC-1')).version).toBe(1);
        expect((await store.get('INC-1'))?.version).toBe(1);
      });

      it('refuses malformed arguments with INVALID_INPUT naming the field', async () => {
        const { store } = await makeStore();
        const bad: [unknown, unknown, unknown, string][] = [
          ['', [declare('INC-1')], { expectedVersion: 0, now: 0 }, 'incidentId'],
          ['INC-1', 'nope', { expectedVersion: 0, now: 0 }, 'events'],
          ['INC-1', [declare('INC-1')], { expectedVersion: -1, now: 0 }, 'options.expectedVersion'],
          ['INC-1', [declare('INC-1')], { expectedVersion: 0, now: 1.5 }, 'options.now'],
          ['INC-1', [{ type: 'DECLARE', at: 0 }], { expectedVersion: 0, now: 0 }, 'events[0].title'],
          [
            'INC-1',
            [declare('INC-1')],
            { expectedVersion: 0, now: 0, outbox: [{ notifier: '' }] },
            'options.outbox[0]',
          ],
        ];
        for (const [id, events, opts, path] of bad) {
          const error = await rejectionOf(
            store.append(id as string, events as IncidentEvent[], opts as never),
          );
          expect(error.code).toBe('INVALID_INPUT');
          expect(error.issues.some((i) => i.path.startsWith(path))).toBe(true);
        }
        expect((await store.load('INC-1')).version).toBe(0);
      });

      it('answers arbitrary junk with IncidentKitError only, never writing', async () => {
        const { store } = await makeStore();
        await fc.assert(
          fc.asyncProperty(fc.anything(), fc.anything(), fc.anything(), async (a, b, c) => {
            try {
              await store.append(a as string, b as IncidentEvent[], c as never);
            } catch (error) {
              expect(isIncidentKitError(error)).toBe(true);
            }
            try {
              await store.list(a as never);
            } catch (error) {
              expect(isIncidentKitError(error)).toBe(true);
            }
          }),
          { numRuns: Math.min(runs, 100) },
        );
        expect((await store.list({ includeDrills: true })).items).toEqual([]);
      });
    });

    describe('projection', () => {
      it('get equals replay of the stored log, for generated logs appended in random chunks', async () => {
        const { store } = await makeStore();
        let n = 0;
        await fc.assert(
          fc.asyncProperty(
            eventLogArb,
            fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 20 }),
            async (raw, cuts) => {
              const id = `INC-P${n++}`;
              const events = acceptedEvents(raw, id);
              let version = 0;
              let i = 0;
              let c = 0;
              while (i < events.length) {
                const size = cuts[c++ % cuts.length]!;
                const chunk = events.slice(i, i + size);
                const result = await store.append(id, chunk, { expectedVersion: version, now: at(0) });
                version = result.version;
                i += size;
              }
              const loaded = await store.load(id);
              expect(loaded.version).toBe(events.length);
              expect(loaded.events).toEqual(events);
              expect(await store.get(id)).toEqual(replay(loaded.events));
              expect((await store.verify(id)).ok).toBe(true);
            },
          ),
          { numRuns: runs },
        );
      });

      it('lists newest first, filtered by phase, severity, services, category, time and drills, paged by cursor', async () => {
        const { store } = await makeStore();
        const specs = [
          { id: 'A', minutes: 0, extra: { severity: 'SEV1', services: ['api'], category: 'db' } },
          { id: 'B', minutes: 10, extra: { severity: 'SEV2', services: ['web'] } },
          { id: 'C', minutes: 20, extra: { severity: 'SEV3', services: ['api', 'web'], drill: true } },
          { id: 'D', minutes: 30, extra: { severity: 'SEV2', category: 'db' } },
          { id: 'E', minutes: 30, extra: { severity: 'SEV4' } },
        ];
        for (const s of specs) {
          await store.append(s.id, [declare(s.id, s.minutes, s.extra as Partial<IncidentEventInput>)], {
            expectedVersion: 0,
            now: at(s.minutes),
          });
        }
        await store.append('B', [{ type: 'ACKNOWLEDGE', id: 'ack', at: at(11) } as IncidentEvent], {
          expectedVersion: 1,
          now: at(11),
        });
        const ids = async (filter: Parameters<IncidentStore['list']>[0]) =>
          (await store.list(filter)).items.map((i) => i.id);
        expect(await ids({})).toEqual(['E', 'D', 'B', 'A']);
        expect(await ids({ includeDrills: true })).toEqual(['E', 'D', 'C', 'B', 'A']);
        expect(await ids({ phase: 'triage' })).toEqual(['B']);
        expect(await ids({ phase: ['detect'] })).toEqual(['E', 'D', 'A']);
        expect(await ids({ severity: ['SEV1', 'SEV2'] })).toEqual(['D', 'B', 'A']);
        expect(await ids({ services: ['web'], includeDrills: true })).toEqual(['C', 'B']);
        expect(await ids({ category: 'db' })).toEqual(['D', 'A']);
        expect(await ids({ since: at(10), until: at(30) })).toEqual(['B']);

        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.list({ includeDrills: true, limit: 2, ...(cursor ? { cursor } : {}) });
          expect(page.items.length).toBeLessThanOrEqual(2);
          seen.push(...page.items.map((i) => i.id));
          cursor = page.nextCursor;
        } while (cursor !== undefined);
        expect(seen).toEqual(['E', 'D', 'C', 'B', 'A']);
        const error = await rejectionOf(store.list({ cursor: 'not a cursor' }));
        expect(error.issues[0]?.path).toBe('filter.cursor');
      });

      it('hands out copies: mutating a read changes nothing stored', async () => {
        const { store } = await makeStore();
        await store.append('INC-1', [declare('INC-1')], { expectedVersion: 0, now: 0 });
        const got = (await store.get('INC-1')) as { title: string };
        got.title = 'changed';
        const loaded = await store.load('INC-1');
        (loaded.events[0] as { title: string }).title = 'changed';
        expect((await store.get('INC-1'))?.title).toBe('Checkout errors');
        expect((await store.load('INC-1')).events[0]).toMatchObject({ title: 'Checkout errors' });
      });
    });

    describe('tamper evidence', () => {
      it('chains each event to its predecessor with SHA-256; verify passes and head is the last hash', async () => {
        const { store } = await makeStore();
        await store.append('INC-1', [declare('INC-1'), note('n1', 1)], { expectedVersion: 0, now: at(1) });
        await store.append('INC-1', [note('n2', 2)], { expectedVersion: 2, now: at(2) });
        const records = await store.records('INC-1');
        expect(records.map((r) => r.version)).toEqual([1, 2, 3]);
        expect(records[0]?.previousHash).toBe('0'.repeat(64));
        expect(records[1]?.previousHash).toBe(records[0]?.hash);
        expect(records[2]?.previousHash).toBe(records[1]?.hash);
        expect(records.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
        expect(records.map((r) => r.writtenAt)).toEqual([at(1), at(1), at(2)]);
        expect(records.every((r) => r.schemaVersion >= 1)).toBe(true);
        expect(await store.verify('INC-1')).toEqual({ ok: true, length: 3, head: records[2]?.hash });
        expect(await store.head('INC-1')).toBe(records[2]?.hash);
        expect(await store.head('nope')).toBeUndefined();
        expect(await store.verify('nope')).toEqual({ ok: true, length: 0, head: undefined });
      });

      it('reports the first edited event as the broken link', async ({ skip }) => {
        const harness = await makeStore();
        if (harness.tamper === undefined) return skip('this store offers no way to edit behind its back');
        const { store } = harness;
        await store.append(
          'INC-1',
          [
            declare('INC-1'),
            {
              type: 'ASSIGN_ROLE',
              id: 'r1',
              at: at(1),
              role: 'commander',
              assignee: 'alice',
            } as IncidentEvent,
            note('n1', 2),
          ],
          { expectedVersion: 0, now: at(2) },
        );
        const forged = JSON.stringify({
          type: 'ASSIGN_ROLE',
          id: 'r1',
          at: at(1),
          role: 'commander',
          assignee: 'mallory',
        });
        await harness.tamper('INC-1', 2, forged);
        const result = await store.verify('INC-1');
        expect(result.ok).toBe(false);
        expect(result).toMatchObject({ brokenAt: 2 });
      });
    });

    describe('outbox', () => {
      it('writes rows atomically with the events, one per (message, notifier), ids stable and given ids kept', async () => {
        const { store } = await makeStore();
        await store.append('INC-1', [declare('INC-1')], {
          expectedVersion: 0,
          now: at(0),
          outbox: [outboxFor('INC-1', 'slack'), outboxFor('INC-1', 'pager', 'my-row-id', at(5))],
        });
        const rows = await store.outbox('INC-1');
        expect(rows).toHaveLength(2);
        const pager = rows.find((r) => r.notifier === 'pager');
        expect(pager).toMatchObject({
          id: 'my-row-id',
          status: 'pending',
          attempts: 0,
          dueAt: at(5),
          sequence: 1,
        });
        const slack = rows.find((r) => r.notifier === 'slack');
        expect(slack).toMatchObject({
          status: 'pending',
          dueAt: at(0),
          createdAt: at(0),
          incidentId: 'INC-1',
        });
        expect(slack?.message).toEqual(message('INC-1'));
        expect(slack?.incident).toEqual({ id: 'INC-1', severity: 'SEV2', phase: 'detect', page: 'team' });
      });

      it('claims due rows only, at most the head row per incident and notifier, under a lease', async () => {
        const { store } = await makeStore();
        await store.append('INC-1', [declare('INC-1')], {
          expectedVersion: 0,
          now: at(0),
          outbox: [
            outboxFor('INC-1', 'slack', 's1'),
            outboxFor('INC-1', 'slack', 's2'),
            outboxFor('INC-1', 'pager', 'p1', at(10)),
          ],
        });
        const first = await store.claim({ now: at(1), limit: 10, leaseMs: 30_000, owner: 'w1' });
        expect(first.map((r) => r.id)).toEqual(['s1']);
        expect(first[0]).toMatchObject({ attempts: 1, leaseOwner: 'w1', leaseUntil: at(1) + 30_000 });
        expect(await store.claim({ now: at(1), limit: 10, leaseMs: 30_000, owner: 'w2' })).toEqual([]);
        expect(await store.settle('s1', 'w2', { kind: 'delivered', at: at(1) })).toBe(false);
        expect(await store.settle('s1', 'w1', { kind: 'delivered', at: at(1) })).toBe(true);
        expect(
          (await store.claim({ now: at(1), limit: 10, leaseMs: 30_000, owner: 'w2' })).map((r) => r.id),
        ).toEqual(['s2']);
        expect(await store.settle('s2', 'w2', { kind: 'delivered', at: at(1) })).toBe(true);
        expect(await store.claim({ now: at(9), limit: 10, leaseMs: 30_000, owner: 'w2' })).toEqual([]);
        expect(
          (await store.claim({ now: at(10), limit: 10, leaseMs: 30_000, owner: 'w2' })).map((r) => r.id),
        ).toEqual(['p1']);
        const rows = await store.outbox('INC-1');
        expect(rows.find((r) => r.id === 's1')).toMatchObject({ status: 'delivered', deliveredAt: at(1) });
      });

      it('lets another owner claim a row whose lease expired, and the old owner can no longer settle it', async () => {
        const { store } = await makeStore();
        await store.append('INC-1', [declare('INC-1')], {
          expectedVersion: 0,
          now: 0,
          outbox: [outboxFor('INC-1', 'slack', 's1')],
        });
        await store.claim({ now: at(0), limit: 1, leaseMs: 10_000, owner: 'crashed' });
        expect(await store.claim({ now: at(0) + 9_999, limit: 1, leaseMs: 10_000, owner: 'w2' })).toEqual([]);
        const again = await store.claim({ now: at(0) + 10_000, limit: 1, leaseMs: 10_000, owner: 'w2' });
        expect(again.map((r) => [r.id, r.attempts])).toEqual([['s1', 2]]);
        expect(await store.settle('s1', 'crashed', { kind: 'delivered', at: at(1) })).toBe(false);
        expect(await store.settle('s1', 'w2', { kind: 'delivered', at: at(1) })).toBe(true);
      });

      it('keeps a retried head row ahead of later rows, and due again only at its new time', async () => {
        const { store } = await makeStore();
        await store.append('INC-1', [declare('INC-1')], {
          expectedVersion: 0,
          now: 0,
          outbox: [outboxFor('INC-1', 'slack', 's1'), outboxFor('INC-1', 'slack', 's2')],
        });
        await store.claim({ now: at(0), limit: 5, leaseMs: 10_000, owner: 'w' });
        expect(
          await store.settle('s1', 'w', {
            kind: 'retry',
            at: at(0),
            dueAt: at(3),
            error: 'DELIVERY_FAILED: 503',
          }),
        ).toBe(true);
        expect(await store.claim({ now: at(2), limit: 5, leaseMs: 10_000, owner: 'w' })).toEqual([]);
        const due = await store.claim({ now: at(3), limit: 5, leaseMs: 10_000, owner: 'w' });
        expect(due.map((r) => [r.id, r.attempts, r.lastError])).toEqual([['s1', 2, 'DELIVERY_FAILED: 503']]);
      });

      it('dead-letters with the last error; later rows go on; redrive puts it back with attempts reset', async () => {
        const { store } = await makeStore();
        await store.append('INC-1', [declare('INC-1')], {
          expectedVersion: 0,
          now: 0,
          outbox: [outboxFor('INC-1', 'slack', 's1'), outboxFor('INC-1', 'slack', 's2')],
        });
        await store.claim({ now: at(0), limit: 5, leaseMs: 10_000, owner: 'w' });
        await store.settle('s1', 'w', { kind: 'dead', at: at(0), error: 'DELIVERY_FAILED: 404' });
        const dead = await store.deadLetters();
        expect(dead.items.map((r) => [r.id, r.status, r.lastError])).toEqual([
          ['s1', 'dead', 'DELIVERY_FAILED: 404'],
        ]);
        expect(
          (await store.claim({ now: at(0), limit: 5, leaseMs: 10_000, owner: 'w' })).map((r) => r.id),
        ).toEqual(['s2']);
        await store.settle('s2', 'w', { kind: 'delivered', at: at(0) });
        await store.redrive('s1', { now: at(7) });
        expect((await store.deadLetters()).items).toEqual([]);
        const back = await store.claim({ now: at(7), limit: 5, leaseMs: 10_000, owner: 'w' });
        expect(back.map((r) => [r.id, r.attempts])).toEqual([['s1', 1]]);
        expect((await rejectionOf(store.redrive('nope', { now: 0 }))).code).toBe('NOT_FOUND');
        await store.settle('s1', 'w', { kind: 'delivered', at: at(7) });
        expect((await rejectionOf(store.redrive('s1', { now: 0 }))).code).toBe('INVALID_INPUT');
      });

      it('pages dead letters with a cursor', async () => {
        const { store } = await makeStore();
        const outbox = Array.from({ length: 5 }, (_, i) => outboxFor('INC-1', `n${i}`, `r${i}`));
        await store.append('INC-1', [declare('INC-1')], { expectedVersion: 0, now: 0, outbox });
        const claimed = await store.claim({ now: at(0), limit: 10, leaseMs: 1_000, owner: 'w' });
        for (const row of claimed) await store.settle(row.id, 'w', { kind: 'dead', at: at(0), error: 'x' });
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.deadLetters({ limit: 2, ...(cursor ? { cursor } : {}) });
          seen.push(...page.items.map((r) => r.id));
          cursor = page.nextCursor;
        } while (cursor !== undefined);
        expect(seen.sort()).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
      });
    });

    describe('commands, signals and state', () => {
      it('remembers a command id with the append, and refuses the same command id twice', async () => {
        const { store } = await makeStore();
        await store.append('INC-1', [declare('INC-1')], { expectedVersion: 0, now: 0, commandId: 'cmd-1' });
        expect(await store.findCommand('cmd-1')).toEqual({ incidentId: 'INC-1', version: 1 });
        expect(await store.findCommand('cmd-2')).toBeUndefined();
        const error = await rejectionOf(
          store.append('INC-1', [note('n1', 1)], { expectedVersion: 1, now: 0, commandId: 'cmd-1' }),
        );
        expect(error.code).toBe('CONCURRENCY_CONFLICT');
        expect((await store.load('INC-1')).version).toBe(1);
      });

      it('holds a signal key for one open incident; closing or cancelling releases it', async () => {
        const { store } = await makeStore();
        const key = { source: 'alertmanager', dedupKey: 'HighErrorRate' };
        await store.append('INC-1', [declare('INC-1')], { expectedVersion: 0, now: 0, signalKeys: [key] });
        expect(await store.findSignal(key)).toBe('INC-1');
        expect(await store.findSignal({ ...key, dedupKey: 'other' })).toBeUndefined();
        const error = await rejectionOf(
          store.append('INC-2', [declare('INC-2')], { expectedVersion: 0, now: 0, signalKeys: [key] }),
        );
        expect(error.code).toBe('CONCURRENCY_CONFLICT');
        expect((await store.load('INC-2')).version).toBe(0);
        await store.append('INC-1', [note('n', 1)], { expectedVersion: 1, now: 0, signalKeys: [key] });
        await store.append(
          'INC-1',
          [{ type: 'CANCEL', id: 'x', at: at(2), reason: 'false-alarm' } as IncidentEvent],
          {
            expectedVersion: 2,
            now: 0,
          },
        );
        expect(await store.findSignal(key)).toBeUndefined();
        await store.append('INC-2', [declare('INC-2', 3)], { expectedVersion: 0, now: 0, signalKeys: [key] });
        expect(await store.findSignal(key)).toBe('INC-2');
      });

      it('keeps per-key state', async () => {
        const { store } = await makeStore();
        expect(await store.getState('slack:INC-1')).toBeUndefined();
        await store.setState('slack:INC-1', '1700000000.000100');
        await store.setState('slack:INC-1', '1700000000.000200');
        expect(await store.getState('slack:INC-1')).toBe('1700000000.000200');
      });
    });

    describe('concurrency', () => {
      it(`${writers} concurrent writers × ${appendsPerWriter} appends on one incident: each accepted event stored once, versions gapless, losers conflicted, get equals replay`, async () => {
        const { store } = await makeStore();
        await store.append('INC-C', [declare('INC-C')], { expectedVersion: 0, now: 0 });
        const results = await Promise.all(
          Array.from({ length: writers }, async (_, w) => {
            let conflicts = 0;
            for (let i = 0; i < appendsPerWriter; i++) {
              const r = await appendWithRetry(
                store,
                'INC-C',
                () => [note(`w${w}-${i}`, 1 + w, `writer ${w} #${i}`)],
                at(1),
              );
              conflicts += r.conflicts;
            }
            return conflicts;
          }),
        );
        const conflicts = results.reduce((a, b) => a + b, 0);
        const { events, version } = await store.load('INC-C');
        expect(version).toBe(1 + writers * appendsPerWriter);
        expect(events).toHaveLength(version);
        expect(new Set(events.map((e) => e.id)).size).toBe(version);
        for (let w = 0; w < writers; w++) {
          const mine = events.filter((e) => e.id.startsWith(`w${w}-`)).map((e) => e.id);
          expect(mine).toEqual(Array.from({ length: appendsPerWriter }, (_, i) => `w${w}-${i}`));
        }
        const records = await store.records('INC-C');
        expect(records.map((r) => r.version)).toEqual(Array.from({ length: version }, (_, i) => i + 1));
        expect(await store.get('INC-C')).toEqual(replay(events));
        expect((await store.verify('INC-C')).ok).toBe(true);
        console.info(`[${name}] ${writers}×${appendsPerWriter} appends: ${conflicts} conflicts retried`);
      }, 120_000);

      it('two owners claiming at once never get the same row', async () => {
        const { store } = await makeStore();
        const outbox = Array.from({ length: 40 }, (_, i) => outboxFor('INC-1', `n${i % 10}`, `r${i}`));
        await store.append('INC-1', [declare('INC-1')], { expectedVersion: 0, now: 0, outbox });
        const claims = await Promise.all(
          ['a', 'b', 'c', 'd'].map((owner) => store.claim({ now: at(0), limit: 5, leaseMs: 60_000, owner })),
        );
        const ids = claims.flat().map((r) => r.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.length).toBe(10);
      });
    });
  });
}
