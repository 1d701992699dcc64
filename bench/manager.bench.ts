/**
 * Manager throughput: commands per second with 8 concurrent writers (8 manager replicas, each
 * with its own store object on one client of one database, or 8 callers of one manager) over 100
 * incidents, as a ratio to a bare loop of as many transactions inserting the same rows. Target ≥ 0.5.
 * Runs on PGlite, and on a real PostgreSQL server when DATABASE_URL is set; blocks alternate so
 * machine noise hits both alike, and the median block ratio is reported.
 *
 * What each side does per command:
 * - manager: validates the payload; takes the incident from the head its store remembers (shared
 *   by every store object on the same client and schema in this process; else one SELECT);
 *   decides with the lifecycle (order, guards, clock skew); builds the messages the policy asks
 *   for and one outbox row per notifier; then `store.append`: the event's canonical JSON and its
 *   SHA-256 chain hash, the projection (the decided incident when it was decided on the store's
 *   own copy of that head, else folded again) as JSON with its checksum, and one statement that
 *   updates the projection only while the stream still holds the expected version and chain hash
 *   and inserts the event and the outbox rows (each continuing its notifier's sequence). The
 *   statement is prepared: a named statement on node-postgres, PREPARE / EXECUTE on PGlite. A
 *   conflict is retried with a fresh read and decision.
 * - bare: one transaction per command (BEGIN; INSERT the event row; upsert the projection row;
 *   INSERT each outbox row; COMMIT) with every value precomputed from the rows the manager wrote
 *   (read back from its store), as plain parameterised statements a hand-written loop would send:
 *   no validation, decision, JSON work, hashing or conflict check. The projection row carries the
 *   incident's body as it stood after the manager's block (the same size class as each version's).
 * - store.append alone (printed beside them): the manager's rows through `store.append` without
 *   the manager, from a caller's own objects, so the store checks them in full and folds them.
 *
 * Replicas in separate processes would not share what their stores remember, so after another
 * replica wrote an incident a command costs a refused statement and a read more.
 */
import { availableParallelism, loadavg } from 'node:os';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import {
  type IncidentStore,
  type Notifier,
  type OutboxMessageInput,
  postgresStore,
} from '../src/adapters/index.js';
import { createIncidentManager, type IncidentManager } from '../src/manager/index.js';
import type { Incident, IncidentEvent } from '../src/model/index.js';

const WRITERS = 8;
const INCIDENTS = 100;
const TARGET = 0.5;
/** Timed blocks per shape (the first a warm-up): enough pairs that the median holds on a loaded machine. */
const BLOCKS = 15;
const SHAPES = ['replicas', 'one process'] as const;

interface Queryable {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** How a bare writer runs one transaction on this database. */
type Transact = (work: (q: Queryable) => Promise<void>) => Promise<void>;

interface Database {
  readonly name: string;
  readonly client: unknown;
  readonly transact: Transact;
  readonly query: Queryable['query'];
  close(): Promise<void>;
}

async function pglite(): Promise<Database> {
  const db = new PGlite();
  return {
    name: 'PGlite',
    client: db,
    transact: (work) => db.transaction((tx) => work(tx as unknown as Queryable)).then(() => undefined),
    query: (text, params) => db.query(text, params) as never,
    close: () => db.close(),
  };
}

async function server(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: WRITERS + 2 });
  return {
    name: 'PostgreSQL server',
    client: pool,
    async transact(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await work(client as unknown as Queryable);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    query: (text, params) => pool.query(text, params) as never,
    close: () => pool.end(),
  };
}

const quiet: Notifier = { name: 'chat', send: async () => {} };

/** The c-th command of writer w on incident `id`: the everyday mix of a running incident. */
function command(manager: IncidentManager, id: string, w: number, c: number): Promise<Incident> {
  switch (c % 4) {
    case 0:
      return manager.note(id, { text: `writer ${w} observation ${c}`, by: `w${w}` });
    case 1:
      return manager.postUpdate(id, { audience: 'stakeholders', message: `still mitigating (${w}/${c})` });
    case 2:
      return manager.assignRole(id, { role: 'techLead', assignee: `w${w}` });
    default:
      return manager.updateImpact(id, { impact: { usersAffectedPct: (w * 7 + c) % 40 } });
  }
}

/** Per committed command: the incident and the version it produced. */
type Committed = { incidentId: string; version: number }[];

let schemaSeq = 0;
const RUN = `${process.pid}_${Date.now() % 1e6}`;

/** Eight writers as eight replicas (each its own manager), or as eight callers of one manager. */
type Shape = 'replicas' | 'one process';

/** A store with 100 declared SEV2 incidents, and the managers the writers use. */
async function managerSetup(db: Database, shape: Shape) {
  const schema = `bench_mgr_${RUN}_${++schemaSeq}`;
  const store = postgresStore({ client: db.client as never, schema });
  await store.migrate();
  const first = createIncidentManager({ store, notifiers: [quiet] });
  const ids: string[] = [];
  for (let i = 0; i < INCIDENTS; i++) {
    ids.push((await first.declare({ incidentId: `INC-${i}`, title: `Incident ${i}`, severity: 'SEV2' })).id);
  }
  // A replica is a process of its own: its own manager and its own store object on the shared database.
  const managers = Array.from({ length: WRITERS }, (_, w) =>
    shape === 'replicas' && w > 0
      ? createIncidentManager({
          store: postgresStore({ client: db.client as never, schema }),
          notifiers: [quiet],
        })
      : first,
  );
  return { store, schema, ids, managers };
}

/** One timed block: each writer runs `commands` commands; returns commands/s and what was committed. */
async function managerBlock(
  setup: Awaited<ReturnType<typeof managerSetup>>,
  block: number,
  commands: number,
): Promise<{ perSecond: number; committed: Committed }> {
  const committed: Committed = [];
  const start = performance.now();
  await Promise.all(
    setup.managers.map(async (manager, w) => {
      for (let i = 0; i < commands; i++) {
        const c = block * commands + i;
        const id = setup.ids[(w * 37 + c * 11) % INCIDENTS]!;
        const incident = await command(manager, id, w, c);
        committed.push({ incidentId: id, version: incident.version });
      }
    }),
  );
  return { perSecond: committed.length / ((performance.now() - start) / 1000), committed };
}

interface BareTx {
  readonly event: unknown[];
  readonly incident: unknown[];
  readonly outbox: unknown[][];
  /** The same write as one `store.append` (the store alone, without the manager). */
  readonly append: {
    incidentId: string;
    event: IncidentEvent;
    version: number;
    outbox: OutboxMessageInput[];
  };
}

/** The rows the manager's round wrote, one transaction's worth per command, read back from its store. */
async function rowsOf(
  db: Database,
  store: IncidentStore,
  schema: string,
  committed: Committed,
): Promise<BareTx[]> {
  const txs: BareTx[] = [];
  const byIncident = new Map<string, Awaited<ReturnType<IncidentStore['records']>>>();
  const outboxOf = new Map<string, Awaited<ReturnType<IncidentStore['outbox']>>>();
  for (const { incidentId } of committed) {
    if (byIncident.has(incidentId)) continue;
    byIncident.set(incidentId, await store.records(incidentId));
    outboxOf.set(incidentId, await store.outbox(incidentId));
  }
  const { rows: projections } = await db.query(
    `SELECT incident_id, body, body_check FROM "${schema}".incidents`,
  );
  const body = new Map(projections.map((r) => [String(r.incident_id), String(r.body)]));
  const check = new Map(projections.map((r) => [String(r.incident_id), String(r.body_check)]));
  for (const { incidentId, version } of committed) {
    const record = byIncident.get(incidentId)!.find((r) => r.version === version)!;
    const e = record.event;
    txs.push({
      event: [
        incidentId,
        version,
        e.id,
        e.type,
        record.schemaVersion,
        JSON.stringify(e),
        record.hash,
        record.previousHash,
        record.writtenAt,
      ],
      // The final projection body stands in for each version's: the same size class of row.
      incident: [
        incidentId,
        version,
        'detect',
        'SEV2',
        null,
        '[]',
        false,
        0,
        record.hash,
        body.get(incidentId)!,
        check.get(incidentId)!,
      ],
      append: {
        incidentId,
        event: e,
        version,
        outbox: outboxOf
          .get(incidentId)!
          .filter((row) => row.id.startsWith(`obx_${incidentId}_${version}_`))
          .map((row) => ({ notifier: row.notifier, message: row.message, incident: row.incident })),
      },
      outbox: outboxOf
        .get(incidentId)!
        .filter((row) => row.id.startsWith(`obx_${incidentId}_${version}_`))
        .map((row) => [
          row.id,
          incidentId,
          row.notifier,
          row.sequence,
          JSON.stringify(row.message),
          JSON.stringify(row.incident),
          row.dueAt,
          row.createdAt,
        ]),
    });
  }
  return txs;
}

/** The bare loop's own schema: the same tables and indexes the store migrates. */
async function bareSchema(db: Database): Promise<string> {
  const schema = `bench_bare_${RUN}_${++schemaSeq}`;
  await postgresStore({ client: db.client as never, schema }).migrate();
  return `"${schema}"`;
}

async function bareBlock(db: Database, s: string, txs: readonly BareTx[]): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < txs.length) {
        const tx = txs[next++]!;
        await db.transact(async (q) => {
          await q.query(
            `INSERT INTO ${s}.events (incident_id, version, event_id, event_type, schema_version, body, hash, previous_hash, written_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            tx.event,
          );
          await q.query(
            `INSERT INTO ${s}.incidents (incident_id, version, phase, severity, category, services, drill, detected_at, head_hash, body, body_check)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (incident_id) DO UPDATE SET version = EXCLUDED.version, head_hash = EXCLUDED.head_hash,
               body = EXCLUDED.body, body_check = EXCLUDED.body_check`,
            tx.incident,
          );
          for (const row of tx.outbox) {
            await q.query(
              `INSERT INTO ${s}.outbox (id, incident_id, notifier, sequence, message, incident, status, due_at, created_at)
               VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8)`,
              row,
            );
          }
        });
      }
    }),
  );
  return txs.length / ((performance.now() - start) / 1000);
}

/** A store holding the same 100 DECLAREs, for the store-alone candidate. */
async function appendSetup(db: Database, from: IncidentStore): Promise<IncidentStore> {
  const store = postgresStore({ client: db.client as never, schema: `bench_app_${RUN}_${++schemaSeq}` });
  await store.migrate();
  for (let i = 0; i < INCIDENTS; i++) {
    const [declare] = (await from.load(`INC-${i}`)).events;
    await store.append(`INC-${i}`, [declare!], { expectedVersion: 0, now: declare!.at });
  }
  return store;
}

/** The same writes through `store.append` alone, 8 at once, each incident's in its order. */
async function appendBlock(store: IncidentStore, txs: readonly BareTx[]): Promise<number> {
  const byIncident = new Map<string, BareTx['append'][]>();
  for (const tx of txs) {
    const list = byIncident.get(tx.append.incidentId) ?? [];
    list.push(tx.append);
    byIncident.set(tx.append.incidentId, list);
  }
  for (const list of byIncident.values()) list.sort((a, b) => a.version - b.version);
  const queues = [...byIncident.values()];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < queues.length) {
        for (const a of queues[next++]!) {
          await store.append(a.incidentId, [a.event], {
            expectedVersion: a.version - 1,
            now: a.event.at,
            outbox: a.outbox,
          });
        }
      }
    }),
  );
  return txs.length / ((performance.now() - start) / 1000);
}

/**
 * Alternates timed blocks: the manager's commands, then bare transactions inserting the rows
 * those commands wrote (then the same rows through `store.append` alone). The ratio of each pair
 * is taken, and the median printed, so a noisy neighbour slowing one block does not decide the
 * figure; the first block is a warm-up.
 */
async function measure(db: Database, commandsPerBlock: number, blocks: number, shape: Shape): Promise<void> {
  const setup = await managerSetup(db, shape);
  const bare = await bareSchema(db);
  const alone = await appendSetup(db, setup.store);
  const ratios: number[] = [];
  const storeRatios: number[] = [];
  let managerTotal = 0;
  let bareTotal = 0;
  let appendTotal = 0;
  for (let b = 0; b < blocks; b++) {
    const { perSecond, committed } = await managerBlock(setup, b, commandsPerBlock);
    const txs = await rowsOf(db, setup.store, setup.schema, committed);
    const barePerSecond = await bareBlock(db, bare, txs);
    const appendPerSecond = await appendBlock(alone, txs);
    if (b === 0) continue; // warm-up: connections, JIT, caches
    ratios.push(perSecond / barePerSecond);
    storeRatios.push(perSecond / appendPerSecond);
    managerTotal += perSecond;
    bareTotal += barePerSecond;
    appendTotal += appendPerSecond;
  }
  for (const schema of [setup.schema, bare.slice(1, -1), `bench_app_${RUN}_${schemaSeq}`])
    await db.query(`DROP SCHEMA "${schema}" CASCADE`);
  storeRatios.sort((a, b) => a - b);
  ratios.sort((a, b) => a - b);
  const median = ratios[Math.floor(ratios.length / 2)]!;
  const n = ratios.length;
  console.log(
    `${db.name}, ${shape}: manager ${(managerTotal / n).toFixed(0)} commands/s, store.append alone ${(appendTotal / n).toFixed(0)}/s, bare ${(bareTotal / n).toFixed(0)} tx/s; ` +
      `manager / store.append ${storeRatios[Math.floor(n / 2)]!.toFixed(2)}; manager / bare ` +
      `${median.toFixed(2)} (median of ${n} blocks, range ${ratios[0]!.toFixed(2)}–${ratios[n - 1]!.toFixed(2)}; target ≥ ${TARGET}) ` +
      `${median >= TARGET ? 'ok' : 'BELOW TARGET'} (load average ${loadavg()[0]!.toFixed(2)})`,
  );
}

export async function run(): Promise<void> {
  console.log(
    `manager commands/s, ${WRITERS} concurrent writers over ${INCIDENTS} incidents, vs bare insert transactions ` +
      `(load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} on ${availableParallelism()} CPUs)`,
  );
  const lite = await pglite();
  try {
    for (const shape of SHAPES) await measure(lite, 12, BLOCKS, shape);
  } finally {
    await lite.close();
  }
  const url = process.env.DATABASE_URL;
  if (url === undefined || url === '') {
    console.log('DATABASE_URL is not set: the real PostgreSQL server is skipped');
    return;
  }
  const db = await server(url);
  try {
    for (const shape of SHAPES) await measure(db, 25, BLOCKS, shape);
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
