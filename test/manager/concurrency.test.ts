import { fc, test as fcTest } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import type { IncidentStore } from '../../src/adapters/index.js';
import { replay } from '../../src/lifecycle/index.js';
import { createIncidentManager, type IncidentManager } from '../../src/manager/index.js';
import { isIncidentKitError } from '../../src/model/index.js';
import { autoClock, min, T0 } from './helpers.js';
import { countingStore, storeCases } from './stores.js';

const WRITERS = 8;
const COMMANDS = 50;

/** An incident in `mitigate`, commander assigned: every command below applies to it. */
async function mitigating(manager: IncidentManager): Promise<string> {
  const { id } = await manager.declare({
    incidentId: 'INC-1',
    title: 'Checkout errors',
    severity: 'SEV3',
    at: T0,
  });
  await manager.acknowledge(id, { at: min(1) });
  await manager.assignRole(id, { role: 'commander', assignee: 'alice' });
  await manager.triage(id, { severity: 'SEV3', at: min(2) });
  return id;
}

/** The c-th command of writer w: each leaves a unique mark, so its event can be counted. */
function command(manager: IncidentManager, id: string, w: number, c: number): Promise<unknown> {
  const mark = `w${w}-c${c}`;
  switch (c % 6) {
    case 0:
      return manager.note(id, { text: mark, by: `writer-${w}` });
    case 1:
      return manager.postUpdate(id, { audience: 'stakeholders', message: mark });
    case 2:
      return manager.addActionItem(id, { item: { id: `act_${mark}`, title: mark } });
    case 3:
      return manager.assignRole(id, { role: `r${w}`, assignee: mark });
    case 4:
      // Only the first MITIGATE applies: the others must fail as no longer applicable, not be forced in.
      return c === 4
        ? manager.mitigate(id, { summary: mark })
        : manager.note(id, { text: mark, kind: 'decision' });
    default:
      return manager.setSeverity(id, { severity: c % 2 === 0 ? 'SEV3' : 'SEV4', reason: mark });
  }
}

/** The mark an event carries, if it is one of the writers'. */
function markOf(event: Record<string, unknown>): string | undefined {
  const item = event.item as { title?: string } | undefined;
  const candidates = [event.text, event.message, event.summary, event.reason, event.assignee, item?.title];
  return candidates.find((v): v is string => typeof v === 'string' && /^w\d+-c\d+$/.test(v));
}

/**
 * Eight writers, each a manager of its own (eight replicas of a service) on one store, or one
 * manager shared by all eight (one process serving eight requests at once).
 */
async function hammer(
  store: IncidentStore,
  maxAttempts: number,
  shape: 'replicas' | 'one process' = 'replicas',
) {
  const clock = autoClock(min(10), () => counted.inFlight > 0);
  const counted = countingStore(store, () => clock.idle());
  const managers = Array.from({ length: shape === 'replicas' ? WRITERS : 1 }, () =>
    createIncidentManager({ store: counted, clock, maxAttempts }),
  );
  const manager = managers[0]!;
  const id = await mitigating(manager);
  const accepted = new Set<string>();
  const errors: { mark: string; code: string }[] = [];
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let c = 0; c < COMMANDS; c++) {
        try {
          await command(managers[w % managers.length]!, id, w, c);
          accepted.add(`w${w}-c${c}`);
        } catch (error) {
          if (!isIncidentKitError(error)) throw error;
          errors.push({ mark: `w${w}-c${c}`, code: error.code });
        }
      }
    }),
  );
  return { manager, counted, id, accepted, errors };
}

const cases = storeCases();
afterAll(async () => {
  for (const c of cases) await c.close();
});

describe.each(cases)('$name: 8 concurrent writers × 50 commands on one incident', (storeCase) => {
  it('stores every accepted command exactly once with gapless versions, and get equals replay', {
    timeout: 180_000,
  }, async () => {
    const store = await storeCase.create();
    const { manager, counted, id, accepted, errors } = await hammer(store, 20);
    const records = await store.records(id);
    const { events, version } = await store.load(id);

    // Versions gapless and in step with the log.
    expect(records.map((r) => r.version)).toEqual(records.map((_, i) => i + 1));
    expect(version).toBe(events.length);

    // Every accepted command's event once; no rejected command's event at all.
    const marks = events
      .map((e) => markOf(e as unknown as Record<string, unknown>))
      .filter((m) => m !== undefined);
    expect(new Set(marks).size).toBe(marks.length);
    expect(new Set(marks)).toEqual(accepted);
    expect(accepted.size + errors.length).toBe(WRITERS * COMMANDS);

    // One MITIGATE won; the other writers' MITIGATE no longer applied (never forced in).
    expect(events.filter((e) => e.type === 'MITIGATE')).toHaveLength(1);
    for (const e of errors) {
      if (e.mark.endsWith('-c4')) expect(e.code).toBe('INVALID_TRANSITION');
      else expect(e.code).toBe('CONCURRENCY_CONFLICT');
    }
    expect(errors.filter((e) => e.mark.endsWith('-c4')).length).toBe(WRITERS - 1);

    // Losers of a race were retried (the store saw conflicts); with 20 attempts and the jittered
    // backoff nearly every applicable command got through (the rest are the conflicts above).
    console.log(
      `[${storeCase.name}] ${accepted.size} accepted, ${counted.appends} appends, ${counted.conflicts} conflicts`,
    );
    expect(counted.conflicts).toBeGreaterThan(0);
    expect(accepted.size).toBeGreaterThan(WRITERS * COMMANDS * 0.95);

    expect(await manager.get(id)).toEqual(replay(events));
    expect(await store.verify(id)).toMatchObject({ ok: true, length: events.length });
  });

  it.runIf(storeCase.name === 'memoryStore')(
    'one process serving 8 writers queues them per incident: no conflicts at all',
    async () => {
      const store = await storeCase.create();
      const { counted, id, accepted, errors } = await hammer(store, 1, 'one process');
      expect(counted.conflicts).toBe(0);
      expect(errors.map((e) => e.code)).toEqual(Array(WRITERS - 1).fill('INVALID_TRANSITION'));
      expect((await store.load(id)).version).toBe(4 + accepted.size);
    },
  );

  it('with a single attempt, losers get CONCURRENCY_CONFLICT and write nothing', async () => {
    const store = await storeCase.create();
    const { id, accepted, errors } = await hammer(store, 1);
    const { events } = await store.load(id);
    const marks = new Set(events.map((e) => markOf(e as unknown as Record<string, unknown>)).filter(Boolean));
    expect(marks).toEqual(accepted);
    expect(errors.some((e) => e.code === 'CONCURRENCY_CONFLICT')).toBe(true);
    for (const e of errors) expect(marks.has(e.mark)).toBe(false);
  });
});

describe('any interleaving of concurrent commands (memoryStore, fast-check scheduler)', () => {
  fcTest.prop(
    {
      s: fc.scheduler(),
      plan: fc.array(fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 6 }), {
        minLength: 2,
        maxLength: 5,
      }),
    },
    { numRuns: 60 },
  )(
    'every accepted command is stored once, versions are gapless and get equals replay',
    async ({ s, plan }) => {
      const { memoryStore } = await import('../../src/adapters/index.js');
      const store = memoryStore();
      // Every store call yields to the scheduler, which picks the order the calls resume in.
      const scheduled = new Proxy(store, {
        get(target, key) {
          const value = Reflect.get(target, key);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) =>
            s.schedule(Promise.resolve(), String(key)).then(() => value.apply(target, args));
        },
      });
      const manager = createIncidentManager({ store: scheduled, clock: autoClock(min(10)), maxAttempts: 50 });
      const setup = mitigating(manager);
      await s.waitFor(setup);
      const id = await setup;
      const accepted = new Set<string>();
      const writers = plan.map(async (commands, w) => {
        for (const [position, kind] of commands.entries()) {
          // Position-unique marks; kind 4 at the first position is this writer's MITIGATE attempt.
          const c = position * 6 + kind;
          try {
            await command(manager, id, w, c);
            accepted.add(`w${w}-c${c}`);
          } catch (error) {
            if (!isIncidentKitError(error)) throw error;
          }
        }
      });
      await s.waitFor(Promise.all(writers));
      const { events } = await store.load(id);
      const marks = events
        .map((e) => markOf(e as unknown as Record<string, unknown>))
        .filter((m) => m !== undefined);
      expect(new Set(marks).size).toBe(marks.length);
      expect(new Set(marks)).toEqual(accepted);
      const records = await store.records(id);
      expect(records.map((r) => r.version)).toEqual(records.map((_, i) => i + 1));
      expect(await store.get(id)).toEqual(replay(events));
    },
  );
});
