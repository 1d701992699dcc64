/**
 * Store reads: `get` of an incident with 10,000 events (one projection row) against loading its
 * log and replaying it, and against replaying the log already in memory — on the memory store,
 * on PGlite and (when DATABASE_URL is set) on a real server. Prints ratios measured in the same
 * run, the candidates interleaved round by round so machine noise hits each alike.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type IncidentStore, memoryStore, postgresStore } from '../src/adapters/index.js';
import { replay } from '../src/lifecycle/index.js';
import type { IncidentEvent } from '../src/model/index.js';

const EVENTS = 10_000;
const ROUNDS = 7;
const T0 = Date.UTC(2026, 10, 24, 9);

/** A realistic long log: notes, status updates, role changes and severity changes. */
export function longLog(incidentId: string, n: number): IncidentEvent[] {
  let at = T0;
  const next = () => (at += 1_000);
  const log: Record<string, unknown>[] = [
    { type: 'DECLARE', id: `${incidentId}-0`, incidentId, title: 'Checkout errors', at, severity: 'SEV3' },
    { type: 'ACKNOWLEDGE', at: next(), by: 'alice' },
    { type: 'ASSIGN_ROLE', at: next(), role: 'commander', assignee: 'alice' },
    { type: 'TRIAGE', at: next(), severity: 'SEV3' },
  ];
  for (let i = 0; log.length < n; i++) {
    switch (i % 4) {
      case 0:
        log.push({ type: 'NOTE', at: next(), text: `observation ${i}`, by: 'bob' });
        break;
      case 1:
        log.push({
          type: 'POST_UPDATE',
          at: next(),
          audience: 'stakeholders',
          message: `still mitigating (${i})`,
        });
        break;
      case 2:
        log.push({ type: 'ASSIGN_ROLE', at: next(), role: 'techLead', assignee: i % 3 ? 'carol' : 'dmitri' });
        break;
      default:
        log.push({ type: 'NOTE', at: next(), text: `decision ${i}`, kind: 'decision' });
    }
  }
  return log.map(
    (e, i) => ({ ...e, id: (e.id as string | undefined) ?? `${incidentId}-${i}` }) as IncidentEvent,
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function measure(label: string, store: IncidentStore): Promise<void> {
  const id = 'BENCH-1';
  const log = longLog(id, EVENTS);
  const seeded = await time(async () => {
    // Appended in batches, as a long incident grows.
    for (let i = 0; i < log.length; i += 1_000) {
      await store.append(id, log.slice(i, i + 1_000), { expectedVersion: i, now: T0 });
    }
  });
  const samples = { get: [] as number[], loadReplay: [] as number[], replay: [] as number[] };
  const { events } = await store.load(id);
  for (let r = 0; r < ROUNDS; r++) {
    samples.get.push(await time(() => store.get(id)));
    samples.loadReplay.push(await time(async () => replay((await store.load(id)).events)));
    samples.replay.push(await time(async () => replay(events)));
  }
  const get = median(samples.get);
  const loadReplay = median(samples.loadReplay);
  const inMemory = median(samples.replay);
  console.log(
    `${label.padEnd(18)} get ${get.toFixed(1)} ms | load + replay ${loadReplay.toFixed(1)} ms (${(loadReplay / get).toFixed(1)}× get) | ` +
      `replay of the log in memory ${inMemory.toFixed(1)} ms (${(inMemory / get).toFixed(1)}× get) | seeding ${EVENTS} events ${seeded.toFixed(0)} ms`,
  );
}

/** Runs the store read benchmark (`npm run bench -- store`). */
export async function run(): Promise<void> {
  console.log(`get (projection) vs replay, incident with ${EVENTS} events, median of ${ROUNDS}`);
  await measure('memory', memoryStore());
  const lite = new PGlite();
  try {
    const store = postgresStore({ client: lite, schema: 'bench_store' });
    await store.migrate();
    await measure('PGlite', store);
  } finally {
    await lite.close();
  }
  const url = process.env.DATABASE_URL;
  if (url === undefined || url === '') {
    console.log('PostgreSQL server  skipped: DATABASE_URL is not set');
    return;
  }
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const schema = `bench_store_${process.pid}`;
  try {
    const store = postgresStore({ client: pool, schema });
    await store.migrate();
    await measure('PostgreSQL server', store);
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  }
}
