/**
 * The store and delivery suites on a real PostgreSQL server through `pg`, plus separate worker
 * processes appending and delivering at once. Needs DATABASE_URL (CI's .ci/run starts a server);
 * without it the suite skips with a notice.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresStore } from '../../src/adapters/index.js';
import { replay } from '../../src/lifecycle/index.js';
import { describeDeliveryContract } from './delivery-contract.js';
import { type Receiver, startReceiver } from './receiver.js';
import { at, declare, describeStoreContract, outboxFor } from './store-contract.js';

const url = process.env.DATABASE_URL;
if (url === undefined || url === '') {
  console.warn('[postgres-store.server] DATABASE_URL is not set: the real-server suites are skipped');
}

const prefix = `ik_${process.pid}_${Date.now().toString(36)}`;
let pool: pg.Pool;
let n = 0;
const schemas: string[] = [];

async function isolated() {
  const schema = `${prefix}_${n++}`;
  schemas.push(schema);
  const store = postgresStore({ client: pool, schema });
  await store.migrate();
  return { store, schema };
}

let shared: { schema: string } | undefined;
async function fresh() {
  if (shared === undefined) shared = await isolated();
  else {
    const s = `"${shared.schema}"`;
    await pool.query(
      `TRUNCATE ${s}.events, ${s}.incidents, ${s}.outbox, ${s}.commands, ${s}.signals, ${s}.state`,
    );
  }
  const schema = shared.schema;
  return {
    store: postgresStore({ client: pool, schema }),
    tamper: async (incidentId: string, version: number, body: string) => {
      await pool.query(`UPDATE "${schema}".events SET body = $3 WHERE incident_id = $1 AND version = $2`, [
        incidentId,
        version,
        body,
      ]);
    },
  };
}

function run(script: string, args: string[]): Promise<unknown> {
  const file = fileURLToPath(new URL(`./workers/${script}`, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${script} exited ${code}: ${err.slice(-2_000)}`));
      else resolve(JSON.parse(out.trim().split('\n').pop() ?? 'null'));
    });
  });
}

describe.skipIf(!url)('postgresStore on a real server', () => {
  beforeAll(() => {
    pool = new pg.Pool({ connectionString: url, max: 12 });
  });
  afterAll(async () => {
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  describeStoreContract('PostgreSQL server', fresh, { runs: 25 });
  describeDeliveryContract('PostgreSQL server', fresh);

  it('works with a single pg.Client too (serialised behind a mutex)', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const schema = `${prefix}_client`;
      schemas.push(schema);
      const store = postgresStore({ client, schema });
      await store.migrate();
      await store.append('INC-1', [declare('INC-1')], { expectedVersion: 0, now: 0 });
      const writes = Array.from({ length: 20 }, (_, i) =>
        store
          .load('INC-1')
          .then(({ version }) =>
            store.append('INC-1', [{ type: 'NOTE', id: `c${i}`, at: at(1), text: 'x' } as never], {
              expectedVersion: version,
              now: 0,
            }),
          )
          .then(
            () => 'ok',
            (e: { code?: string }) => e.code,
          ),
      );
      const outcomes = await Promise.all(writes);
      const { version, events } = await store.load('INC-1');
      expect(version).toBe(1 + outcomes.filter((o) => o === 'ok').length);
      expect(outcomes.every((o) => o === 'ok' || o === 'CONCURRENCY_CONFLICT')).toBe(true);
      expect(await store.get('INC-1')).toEqual(replay(events));
    } finally {
      await client.end();
    }
  });

  it('prepares the statements of reads and appends once per connection, unless told not to', async () => {
    for (const preparedStatements of [true, false]) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const schema = `${prefix}_prep_${preparedStatements}`;
        schemas.push(schema);
        const store = postgresStore({ client, schema, preparedStatements });
        await store.migrate();
        await store.append('INC-1', [declare('INC-1')], { expectedVersion: 0, now: 0 });
        for (let i = 0; i < 3; i++) {
          const current = await store.get('INC-1');
          await store.append('INC-1', [{ type: 'NOTE', id: `p${i}`, at: at(1), text: 'x' } as never], {
            expectedVersion: current!.version,
            now: 0,
          });
        }
        const { rows } = await client.query<{ name: string }>(
          `SELECT name FROM pg_prepared_statements WHERE name LIKE 'ik\\_%'`,
        );
        // The read, a new stream's append and an append to it: each prepared once however often it ran.
        expect(rows.length).toBe(preparedStatements ? 3 : 0);
        expect((await store.load('INC-1')).version).toBe(4);
      } finally {
        await client.end();
      }
    }
  });

  it('migrates once when several processes start at once', async () => {
    const schema = `${prefix}_race`;
    schemas.push(schema);
    const pools = [0, 1, 2, 3].map(() => new pg.Pool({ connectionString: url, max: 1 }));
    try {
      await Promise.all(pools.map((p) => postgresStore({ client: p, schema }).migrate()));
      const { rows } = await pool.query(`SELECT version FROM "${schema}".migrations`);
      expect(rows.map((r) => r.version).sort()).toEqual([1, 2]);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  describe('separate processes', () => {
    let receiver: Receiver;
    beforeAll(async () => {
      // Each answer takes a little while, as a real endpoint's does, so the deliverers overlap.
      receiver = await startReceiver(() => ({ kind: 'ok', delayMs: 15 }));
    });
    afterAll(() => receiver.close());

    it('4 worker processes appending to the same incidents: nothing lost, versions gapless, get equals replay', async () => {
      const { store, schema } = await isolated();
      const incidents = ['W1', 'W2', 'W3'];
      for (const id of incidents) await store.append(id, [declare(id)], { expectedVersion: 0, now: 0 });
      const perWorker = 30;
      const results = (await Promise.all(
        [0, 1, 2, 3].map((w) =>
          run('append-worker.ts', [url!, schema, String(w), incidents.join(','), String(perWorker)]),
        ),
      )) as { appended: number; conflicts: number }[];
      let total = 0;
      for (const id of incidents) {
        const { events, version } = await store.load(id);
        total += version - 1;
        expect(events.map((_, i) => i)).toEqual(Array.from({ length: version }, (_, i) => i));
        expect((await store.records(id)).map((r) => r.version)).toEqual(
          Array.from({ length: version }, (_, i) => i + 1),
        );
        expect(new Set(events.map((e) => e.id)).size).toBe(version);
        expect(await store.get(id)).toEqual(replay(events));
        expect((await store.verify(id)).ok).toBe(true);
      }
      expect(total).toBe(4 * perWorker);
      const conflicts = results.reduce((a, r) => a + r.conflicts, 0);
      console.info(
        `[server] 4 processes × ${perWorker} appends on 3 incidents: ${conflicts} conflicts retried`,
      );
    }, 60_000);

    it('4 processes running deliver at once: every message sent, none twice, none twice at once', async () => {
      const { store, schema } = await isolated();
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) {
        const id = `P${i}`;
        const outbox = Array.from({ length: 4 }, (_, m) => {
          const rowId = `${schema}-${id}-${m}`;
          ids.push(rowId);
          return outboxFor(id, 'hook', rowId);
        });
        await store.append(id, [declare(id)], { expectedVersion: 0, now: at(0), outbox });
      }
      const results = (await Promise.all(
        [0, 1, 2, 3].map((w) =>
          run('deliver-worker.ts', [url!, schema, String(w), receiver.url, String(at(1))]),
        ),
      )) as { delivered: number }[];
      expect(results.reduce((a, r) => a + r.delivered, 0)).toBe(ids.length);
      for (const id of ids) expect(receiver.accepted.get(id)).toBe(1);
      expect(receiver.maxConcurrentPerKey()).toBe(1);
      // How the rows split between the processes depends on scheduling (on a loaded machine one
      // process may claim them all); what must hold is above: each sent once, never twice at once.
      for (let i = 0; i < 10; i++) {
        expect((await store.outbox(`P${i}`)).every((r) => r.status === 'delivered')).toBe(true);
      }
      console.info(
        `[server] 4 deliver processes: ${ids.length} messages, split ${results.map((r) => r.delivered).join('/')}`,
      );
    }, 60_000);
  });
});

if (!url) {
  it('skips the real-server suites without DATABASE_URL', () => {
    expect(url ?? '').toBe('');
  });
}
