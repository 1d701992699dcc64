import type { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH } from '../../src/adapters/hash-chain.js';
import {
  CURRENT_EVENT_SCHEMA_VERSION,
  memoryStore,
  type PgQueryable,
  postgresStore,
  upcastEvent,
} from '../../src/adapters/index.js';
import { canonicalJson } from '../../src/internal/canonical-json.js';
import { replay } from '../../src/lifecycle/index.js';
import { isIncidentKitError } from '../../src/model/index.js';
import { errorOf } from '../errors.js';
import { describeDeliveryContract } from './delivery-contract.js';
import { onePGlitePerFile } from './pglite.js';
import { at, declare, describeStoreContract, note, outboxFor, rejectionOf } from './store-contract.js';

// One PGlite for the file; each test gets its own schema.
let db: PGlite;
let n = 0;
onePGlitePerFile((started) => {
  db = started;
});

async function isolated() {
  const schema = `t${n++}`;
  const store = postgresStore({ client: db, schema });
  await store.migrate();
  return { store, schema };
}

// The contract suites share one schema, emptied before each test (migrating a schema per test
// costs PGlite ~300 ms).
let shared: Awaited<ReturnType<typeof isolated>> | undefined;
async function fresh() {
  if (shared === undefined) shared = await isolated();
  else
    await db.query(
      `TRUNCATE "${shared.schema}".events, "${shared.schema}".incidents, "${shared.schema}".outbox,
       "${shared.schema}".commands, "${shared.schema}".signals, "${shared.schema}".state`,
    );
  const { schema } = shared;
  const store = postgresStore({ client: db, schema });
  return {
    store,
    schema,
    tamper: async (incidentId: string, version: number, body: string) => {
      await db.query(`UPDATE "${schema}".events SET body = $3 WHERE incident_id = $1 AND version = $2`, [
        incidentId,
        version,
        body,
      ]);
    },
  };
}

describeStoreContract('PGlite', fresh, { runs: 25 });
describeDeliveryContract('PGlite', fresh);

describe('postgresStore on PGlite', () => {
  it('migrates idempotently, also when several migrations run at once', async () => {
    const schema = `m${n++}`;
    const stores = [0, 1, 2].map(() => postgresStore({ client: db, schema }));
    await Promise.all(stores.map((s) => s.migrate()));
    await stores[0]!.migrate();
    const { rows } = await db.query<{ version: number }>(
      `SELECT version FROM "${schema}".migrations ORDER BY version`,
    );
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
  });

  it('stores event bodies as text, so \\u0000 and key order survive', async () => {
    const { store, schema } = await isolated();
    await store.append('INC-1', [declare('INC-1'), note('n1', 1, 'nul \u0000 inside')], {
      expectedVersion: 0,
      now: 0,
    });
    expect((await store.load('INC-1')).events[1]).toMatchObject({ text: 'nul \u0000 inside' });
    const { rows } = await db.query<{ body: string; data_type: string }>(
      `SELECT body FROM "${schema}".events WHERE version = 2`,
    );
    expect(rows[0]?.body.startsWith('{"type":"NOTE","id":"n1"')).toBe(true);
    const types = await db.query<{ data_type: string }>(
      `SELECT data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'events' AND column_name = 'body'`,
      [schema],
    );
    expect(types.rows[0]?.data_type).toBe('text');
  });

  it('reads a version 1 log written by hand, upcast to the current schema', async () => {
    const { store, schema } = await isolated();
    const v1 = [
      {
        type: 'DECLARE',
        id: 'e1',
        incidentId: 'OLD-1',
        title: 'Legacy outage',
        at: '2026-11-24T09:00:00Z',
        severity: 'SEV2',
      },
      { type: 'ACKNOWLEDGE', id: 'e2', at: '2026-11-24T09:03:00Z', by: 'alice' },
      {
        type: 'NOTE',
        id: 'e3',
        at: '2026-11-24T09:05:00Z',
        text: 'fail over to the replica',
        decision: true,
      },
    ];
    let previous = GENESIS_HASH;
    for (let i = 0; i < v1.length; i++) {
      const body = JSON.stringify(v1[i]);
      const hash = chainHash(previous, canonicalJson(v1[i]));
      await db.query(
        `INSERT INTO "${schema}".events (incident_id, version, event_id, event_type, schema_version, body, hash, previous_hash, written_at)
         VALUES ('OLD-1', $1, $2, $3, 1, $4, $5, $6, 0)`,
        [i + 1, v1[i]!.id, v1[i]!.type, body, hash, previous],
      );
      previous = hash;
    }
    const { events, version } = await store.load('OLD-1');
    expect(version).toBe(3);
    expect(events[0]).toMatchObject({ at: Date.UTC(2026, 10, 24, 9) });
    expect(events[2]).toEqual({
      type: 'NOTE',
      id: 'e3',
      at: Date.UTC(2026, 10, 24, 9, 5),
      text: 'fail over to the replica',
      kind: 'decision',
    });
    const incident = replay(events);
    expect(incident.phase).toBe('triage');
    expect(incident.timeline.some((t) => t.decision === true)).toBe(true);
    expect((await store.records('OLD-1')).map((r) => r.schemaVersion)).toEqual([1, 1, 1]);
    expect(CURRENT_EVENT_SCHEMA_VERSION).toBe(2);
    expect((await store.verify('OLD-1')).ok).toBe(true);
  });

  it('reports a removed event as a broken chain', async () => {
    const { store, schema } = await isolated();
    await store.append('INC-1', [declare('INC-1'), note('n1', 1), note('n2', 2)], {
      expectedVersion: 0,
      now: 0,
    });
    await db.query(`DELETE FROM "${schema}".events WHERE incident_id = 'INC-1' AND version = 2`);
    expect(await store.verify('INC-1')).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('a database down at the moment of a command: the append fails whole, and the retry writes once', async () => {
    const { schema } = await isolated();
    // The real database behind a switch that fails statements the way a dropped connection does.
    let failOn: RegExp | undefined = /.*/;
    const dropped = () => Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' });
    const guard = (q: PgQueryable): PgQueryable => ({
      query: async (text: string, params?: unknown[]) => {
        if (failOn?.test(text)) throw dropped();
        return q.query(text, params);
      },
    });
    const client = {
      query: (text: string, params?: unknown[]) => guard(db).query(text, params),
      transaction: <T>(fn: (tx: ReturnType<typeof guard>) => Promise<T>) =>
        db.transaction((tx) => fn(guard(tx))),
    };
    const store = postgresStore({ client, schema });
    const command = {
      expectedVersion: 0,
      now: at(0),
      commandId: 'declare-checkout-errors',
      outbox: [outboxFor('INC-1', 'slack', 'INC-1-initial')],
    };
    const down = await store.append('INC-1', [declare('INC-1')], command).catch((e: unknown) => e);
    expect(down).toMatchObject({ code: '57P01' });
    // The connection drops after the events were inserted, before the outbox row: all rolled back.
    failOn = /INSERT INTO "[a-z0-9_]+"\.outbox/;
    expect(await store.append('INC-1', [declare('INC-1')], command).catch((e: unknown) => e)).toMatchObject({
      code: '57P01',
    });
    failOn = undefined;
    expect(await store.load('INC-1')).toEqual({ events: [], version: 0 });
    expect(await store.outbox('INC-1')).toEqual([]);
    expect(await store.findCommand('declare-checkout-errors')).toBeUndefined();
    // The host retries the same command once the database is back: written once, message included.
    const result = await store.append('INC-1', [declare('INC-1')], command);
    expect(result.version).toBe(1);
    expect((await store.outbox('INC-1')).map((r) => r.id)).toEqual(['INC-1-initial']);
    expect((await rejectionOf(store.append('INC-1', [declare('INC-1')], command))).code).toBe(
      'CONCURRENCY_CONFLICT',
    );
    expect(await store.findCommand('declare-checkout-errors')).toEqual({ incidentId: 'INC-1', version: 1 });
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    expect(
      (await rejectionOf(Promise.resolve().then(() => postgresStore({ client: db, schema: 'x"; drop' }))))
        .code,
    ).toBe('INVALID_INPUT');
  });
});

/** A process of its own on the shared database: its own client object (so its own remembered heads), counting statements. */
function processOn(database: PGlite, failOn?: { current: RegExp | undefined }) {
  const statements: string[] = [];
  const run = (q: PgQueryable, text: string, params?: unknown[]) => {
    statements.push(text.trim().split(/\s+/)[0]!);
    if (failOn?.current?.test(text))
      throw Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' });
    return q.query(text, params);
  };
  const client = {
    query: async (text: string, params?: unknown[]) => run(database, text, params),
    transaction: <T>(fn: (tx: PgQueryable) => Promise<T>) =>
      database.transaction((tx) => {
        statements.push('BEGIN');
        return fn({ query: async (text: string, params?: unknown[]) => run(tx, text, params) });
      }),
  };
  return { client, statements };
}

describe('postgresStore appends at a head it remembers', () => {
  it('writes in one statement at the head it read or wrote; a write by another process makes that head stale: the append conflicts, writes nothing, and the store then holds the current head', async () => {
    const { schema } = await isolated();
    const a = processOn(db);
    const b = processOn(db);
    const storeA = postgresStore({ client: a.client, schema });
    const storeB = postgresStore({ client: b.client, schema });
    await storeA.append('INC-1', [declare('INC-1')], { expectedVersion: 0, now: at(0) });
    expect((await storeB.get('INC-1'))?.version).toBe(1);
    await storeA.append('INC-1', [note('n1', 1)], { expectedVersion: 1, now: at(1) });
    a.statements.length = 0;
    await storeA.append('INC-1', [note('n2', 2)], {
      expectedVersion: 2,
      now: at(2),
      outbox: [outboxFor('INC-1', 'chat')],
    });
    expect(a.statements).toEqual(['WITH']);

    expect(storeB.peek?.('INC-1')?.version).toBe(1);
    const stale = await rejectionOf(
      storeB.append('INC-1', [note('late', 3)], { expectedVersion: 1, now: at(3) }),
    );
    expect(stale.code).toBe('CONCURRENCY_CONFLICT');
    expect(stale.details).toMatchObject({ expectedVersion: 1, actualVersion: 3 });
    const { events } = await storeA.load('INC-1');
    expect(events.map((e) => e.id)).toEqual(['INC-1-d', 'n1', 'n2']);
    expect(storeB.peek?.('INC-1')).toEqual(await storeA.get('INC-1'));
    expect((await storeA.verify('INC-1')).ok).toBe(true);
    expect((await storeA.outbox('INC-1')).map((r) => r.sequence)).toEqual([1]);
  });

  it('shares what it knows with every store object on the same client and schema', async () => {
    const { schema } = await isolated();
    const a = processOn(db);
    const first = postgresStore({ client: a.client, schema });
    const second = postgresStore({ client: a.client, schema });
    await first.append('INC-1', [declare('INC-1')], { expectedVersion: 0, now: at(0) });
    a.statements.length = 0;
    expect(second.peek?.('INC-1')?.version).toBe(1);
    await second.append('INC-1', [note('n1', 1)], { expectedVersion: 1, now: at(1) });
    expect(a.statements).toEqual(['WITH']);
    expect(postgresStore({ client: a.client, schema: `${schema}_other` }).peek?.('INC-1')).toBeUndefined();
  });

  it('checks a projection edited by hand in full: a broken one is INVALID_INPUT, and nothing is written', async () => {
    const { store, schema } = await isolated();
    await store.append('INC-1', [declare('INC-1'), note('n1', 1)], { expectedVersion: 0, now: at(1) });
    const { rows } = await db.query<{ body: string }>(`SELECT body FROM "${schema}".incidents`);
    const edited = JSON.parse(rows[0]!.body) as { timeline: unknown[] };
    edited.timeline[0] = null;
    await db.query(`UPDATE "${schema}".incidents SET body = $1`, [JSON.stringify(edited)]);
    // Another process, which has not seen the row before the edit.
    const other = postgresStore({ client: processOn(db).client, schema });
    expect((await other.get('INC-1'))?.timeline[0]).toBeNull();
    const refused = await rejectionOf(
      other.append('INC-1', [note('n2', 2)], { expectedVersion: 2, now: at(2) }),
    );
    expect(refused.code).toBe('INVALID_INPUT');
    expect((await other.load('INC-1')).version).toBe(2);
  });

  it('a database down at the moment of a one-statement append: nothing is written, and the retry writes once', async () => {
    const { schema } = await isolated();
    const failOn: { current: RegExp | undefined } = { current: undefined };
    const store = postgresStore({ client: processOn(db, failOn).client, schema });
    await store.append('INC-1', [declare('INC-1')], { expectedVersion: 0, now: at(0) });
    const command = {
      expectedVersion: 1,
      now: at(1),
      commandId: 'note-1',
      outbox: [outboxFor('INC-1', 'chat', 'INC-1-note')],
    };
    failOn.current = /^WITH/;
    expect(await store.append('INC-1', [note('n1', 1)], command).catch((e: unknown) => e)).toMatchObject({
      code: '57P01',
    });
    failOn.current = undefined;
    expect((await store.load('INC-1')).version).toBe(1);
    expect(await store.outbox('INC-1')).toEqual([]);
    expect(await store.findCommand('note-1')).toBeUndefined();
    expect((await store.append('INC-1', [note('n1', 1)], command)).version).toBe(2);
    expect((await store.outbox('INC-1')).map((r) => r.id)).toEqual(['INC-1-note']);
    expect((await rejectionOf(store.append('INC-1', [note('n1', 1)], command))).code).toBe(
      'CONCURRENCY_CONFLICT',
    );
    expect(await store.findCommand('note-1')).toEqual({ incidentId: 'INC-1', version: 2 });
  });

  it('prepares its everyday statements once (PREPARE, then EXECUTE with the values as literals), unless told not to; quotes, backslashes and SQL in the values stay data', async () => {
    const hostile = [
      "it's down",
      "back\\slash \\' and \\x41",
      "'); DROP TABLE events; --",
      "E'\\'' $1 $$ ::text",
      'ünïcode 🚨 \u2028',
    ];
    for (const preparedStatements of [true, false]) {
      const schema = `prep${n++}`;
      const store = postgresStore({ client: db, schema, preparedStatements });
      await store.migrate();
      const events = [declare('INC-1', 0, { title: hostile[2]! })];
      await store.append('INC-1', events, { expectedVersion: 0, now: at(0) });
      for (const [i, text] of hostile.entries()) {
        const current = await store.get('INC-1');
        const event = note(`n${i}`, i + 1, text);
        events.push(event);
        await store.append('INC-1', [event], {
          expectedVersion: current!.version,
          now: at(i + 1),
          outbox: [outboxFor('INC-1', text, `row-${i}`)],
        });
      }
      expect((await store.load('INC-1')).events.map((e) => ('text' in e ? e.text : e.type))).toEqual([
        'DECLARE',
        ...hostile,
      ]);
      expect(await store.get('INC-1')).toEqual(replay(events));
      expect((await store.outbox('INC-1')).map((r) => r.notifier)).toEqual(hostile);
      expect((await store.verify('INC-1')).ok).toBe(true);
      const { rows } = await db.query<{ statement: string }>(
        'SELECT statement FROM pg_prepared_statements WHERE statement LIKE $1',
        [`%"${schema}".%`],
      );
      // The head read, a new stream's append and the append at a head (one shape per outbox row count).
      expect(rows.length).toBe(preparedStatements ? 3 : 0);
    }
  });

  it('prepares a statement again when the session dropped it (DEALLOCATE ALL)', async () => {
    const { store } = await isolated();
    await store.append('INC-1', [declare('INC-1')], { expectedVersion: 0, now: at(0) });
    await store.append('INC-1', [note('n1', 1)], { expectedVersion: 1, now: at(1) });
    await db.query('DEALLOCATE ALL');
    await store.append('INC-1', [note('n2', 2)], { expectedVersion: 2, now: at(2) });
    expect((await store.get('INC-1'))?.version).toBe(3);
    expect((await store.load('INC-1')).version).toBe(3);
  });
});

/** The IncidentKitError code `fn` throws (fails the test on anything else, or on no throw). */
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isIncidentKitError(error)) return error.code;
    throw error;
  }
  throw new Error('expected an IncidentKitError');
}

describe('hostile arguments', () => {
  const trap = new Error('trap');
  const throwing = () =>
    new Proxy(
      {},
      {
        get: () => {
          throw trap;
        },
        ownKeys: () => {
          throw trap;
        },
        has: () => {
          throw trap;
        },
      },
    );
  const sparse = (): unknown[] => {
    const list: unknown[] = [];
    list.length = 2 ** 32 - 1;
    return list;
  };

  it('postgresStore reads its options and client once: anything malformed or hostile is INVALID_INPUT', () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    for (const options of [
      undefined,
      null,
      sparse(),
      throwing(),
      revoked.proxy,
      { client: throwing() },
      { client: sparse() },
      { client: {} },
      { client: db, mode: 'nope' },
      { client: db, preparedStatements: 'yes' },
      { client: db, upcasters: [{ from: 0, upcast: 1 }] },
      { client: db, upcasters: throwing() },
      { client: db, upcasters: sparse() },
      // A typo must not pass as "not given": schma would write to the default schema.
      { client: db, schma: 'tenant_a' },
    ])
      expect(codeOf(() => postgresStore(options as never))).toBe('INVALID_INPUT');
  });

  it('names an unknown option of either store', () => {
    for (const make of [
      () => postgresStore({ client: db, schma: 'tenant_a' } as never),
      () => memoryStore({ polcy: undefined } as never),
    ]) {
      const error = errorOf(make);
      expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'options' }] });
      expect(error.message).toMatch(/unknown field "(schma|polcy)"/);
    }
  });

  it('upcastEvent refuses at once a body that is not a stored event object, whatever its size', () => {
    const big = ' '.repeat(10 * 1024 * 1024);
    for (const body of [`{{${big}`, [1, 2, 3], sparse(), throwing(), null, 42])
      expect(codeOf(() => upcastEvent(body as never, 1))).toBe('INVALID_INPUT');
    expect(codeOf(() => upcastEvent({ type: 'NOTE' }, 1, throwing() as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => upcastEvent({ type: 'NOTE' }, Number.NaN))).toBe('INVALID_INPUT');
    // A body of the current version is taken as it is: nothing to upgrade.
    const current = { type: 'NOTE', id: 'n', at: 1, text: 'x' };
    expect(upcastEvent(current, CURRENT_EVENT_SCHEMA_VERSION)).toBe(current);
  });

  it("upcastEvent wraps a host upcaster's throw as INVALID_INPUT naming the version, and refuses what is not an event", () => {
    const boom = new TypeError('boom');
    const threw = (() => {
      try {
        upcastEvent({ type: 'NOTE', at: '2026-11-24T09:03:00Z' }, 1, [
          {
            from: 1,
            upcast: () => {
              throw boom;
            },
          },
        ]);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(threw).toMatchObject({ code: 'INVALID_INPUT', cause: boom });
    expect(codeOf(() => upcastEvent({ type: 'NOTE' }, 1, [{ from: 1, upcast: () => 'x' as never }]))).toBe(
      'INVALID_INPUT',
    );
  });
});
