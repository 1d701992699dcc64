import type { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { type PgQueryable, postgresStore } from '../../src/adapters/index.js';
import { replay } from '../../src/lifecycle/index.js';
import { createIncidentManager } from '../../src/manager/index.js';
import { onePGlitePerFile } from '../adapters/pglite.js';
import { autoClock, min, T0 } from './helpers.js';

// One PGlite for the file; each test has its own schema.
let db: PGlite;
let n = 0;
onePGlitePerFile((started) => {
  db = started;
});

/** A replica of its own on the shared database: its own client object, counting statements. */
function replica() {
  const statements: string[] = [];
  const counted = (q: PgQueryable): PgQueryable => ({
    query: async (text: string, params?: unknown[]) => {
      statements.push(text.trim().split(/\s+/)[0]!);
      return q.query(text, params);
    },
  });
  const client = {
    ...counted(db),
    transaction: <T>(fn: (tx: PgQueryable) => Promise<T>) =>
      db.transaction((tx) => {
        statements.push('BEGIN');
        return fn(counted(tx));
      }),
  };
  return { client, statements };
}

describe('the manager decides on the head its store remembers', () => {
  it('one statement per command while this process wrote last; a stale head after another replica wrote costs no attempt, and every command applies once', async () => {
    const schema = `rh${n++}`;
    const a = replica();
    const b = replica();
    const storeA = postgresStore({ client: a.client, schema });
    await storeA.migrate();
    const clock = autoClock(T0);
    // A single attempt: a spurious conflict from a stale head would surface as an error.
    const managerA = createIncidentManager({ store: storeA, clock, maxAttempts: 1 });
    const managerB = createIncidentManager({
      store: postgresStore({ client: b.client, schema }),
      clock,
      maxAttempts: 1,
    });
    const { id } = await managerA.declare({
      incidentId: 'INC-1',
      title: 'Checkout errors',
      severity: 'SEV3',
      at: T0,
    });

    a.statements.length = 0;
    await managerA.note(id, { text: 'pool exhausted', at: min(1) });
    await managerA.assignRole(id, { role: 'commander', assignee: 'alice' });
    expect(a.statements).toEqual(['WITH', 'WITH']);

    // B has never seen the incident: it reads, then writes.
    await managerB.note(id, { text: 'from the other replica', at: min(2) });
    expect(b.statements).toEqual(['SELECT', 'WITH']);
    // A's head is stale now: its optimistic statement is refused, the refusal reads the head, and
    // the command is decided again on it (no error though maxAttempts is 1).
    a.statements.length = 0;
    await managerA.acknowledge(id, { at: min(3) });
    expect(a.statements).toEqual(['WITH', 'SELECT', 'WITH']);
    // A command the stale head would refuse is decided on the current one: B acknowledged nothing,
    // yet B's head still says detect, where TRIAGE is not allowed.
    await managerB.triage(id, { severity: 'SEV3', at: min(4) });

    const { events, version } = await storeA.load(id);
    expect(version).toBe(6);
    expect(events.map((e) => e.type)).toEqual([
      'DECLARE',
      'NOTE',
      'ASSIGN_ROLE',
      'NOTE',
      'ACKNOWLEDGE',
      'TRIAGE',
    ]);
    expect(await managerB.get(id)).toEqual(replay(events));
    expect((await storeA.verify(id)).ok).toBe(true);
  });

  it('the database down at the moment of a command: nothing is written and no message is queued; the retry with the same commandId applies once, even when the first answer was lost after the commit', async () => {
    const schema = `rh${n++}`;
    // 'before': the statement never reaches the database; 'after': it commits, the answer is lost.
    let down: 'before' | 'after' | undefined;
    const dropped = () => Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' });
    const flaky = (q: PgQueryable): PgQueryable => ({
      query: async (text: string, params?: unknown[]) => {
        if (down === 'before') throw dropped();
        const result = await q.query(text, params);
        if (down === 'after' && text.startsWith('WITH')) throw dropped();
        return result;
      },
    });
    const client = {
      ...flaky(db),
      transaction: <T>(fn: (tx: PgQueryable) => Promise<T>) => db.transaction((tx) => fn(flaky(tx))),
    };
    const store = postgresStore({ client, schema });
    await store.migrate();
    const pager = { name: 'pager', send: async () => {} };
    const manager = createIncidentManager({ store, notifiers: [pager], clock: autoClock(T0) });
    const { id } = await manager.declare({
      incidentId: 'INC-1',
      title: 'Checkout errors',
      severity: 'SEV2',
      at: T0,
    });
    const queued = async () =>
      (await store.outbox(id)).filter((r) => r.message.kind === 'status-update').length;

    down = 'before';
    const update = { audience: 'stakeholders', message: 'Failover in progress', commandId: 'req-1' } as const;
    expect(await manager.postUpdate(id, update).catch((e: unknown) => e)).toMatchObject({ code: '57P01' });
    down = undefined;
    expect((await store.load(id)).version).toBe(1);
    expect(await queued()).toBe(0);
    expect((await manager.postUpdate(id, update)).version).toBe(2);
    expect(await queued()).toBe(1);

    down = 'after';
    const second = { audience: 'stakeholders', message: 'Failover done', commandId: 'req-2' } as const;
    expect(await manager.postUpdate(id, second).catch((e: unknown) => e)).toMatchObject({ code: '57P01' });
    down = undefined;
    expect((await store.load(id)).version).toBe(3);
    const retried = await manager.postUpdate(id, second);
    expect(retried.version).toBe(3);
    expect((await store.load(id)).version).toBe(3);
    expect(await queued()).toBe(2);
  });
});
