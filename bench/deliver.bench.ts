/**
 * Outbox delivery throughput: messages per second that 4 concurrent deliverers (`deliverOutbox`
 * with their own leases) push through `webhookNotifier` to a local receiver on 127.0.0.1, against
 * a bare baseline of 4 concurrent loops POSTing the same bodies with fetch (no store, no claims)
 * — on the memory store, on PGlite and (when DATABASE_URL is set) on a real server.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import {
  deliverOutbox,
  type IncidentStore,
  memoryStore,
  type OutboxMessageInput,
  postgresStore,
  webhookNotifier,
} from '../src/adapters/index.js';
import type { Message } from '../src/comms/index.js';
import type { IncidentEvent } from '../src/model/index.js';

const INCIDENTS = 100;
const PER_INCIDENT = 4;
const DELIVERERS = 4;
const T0 = Date.UTC(2026, 10, 24, 9);

function message(incidentId: string, i: number): Message {
  return {
    kind: 'status-update',
    audience: 'responders',
    incidentId,
    title: `Checkout errors, update ${i}`,
    fields: [{ key: 'status', label: 'Status', value: 'Mitigating: rolled back v41' }],
    at: T0,
    phase: 'mitigate',
    severity: 'SEV2',
  } as Message;
}

async function seed(store: IncidentStore, prefix: string): Promise<number> {
  for (let i = 0; i < INCIDENTS; i++) {
    const id = `${prefix}${i}`;
    const outbox: OutboxMessageInput[] = Array.from({ length: PER_INCIDENT }, (_, m) => ({
      notifier: 'hook',
      message: message(id, m),
      incident: { id, severity: 'SEV2', phase: 'mitigate', page: 'team' },
    }));
    const declare = {
      type: 'DECLARE',
      id: `${id}-d`,
      incidentId: id,
      title: 'Checkout errors',
      at: T0,
      severity: 'SEV2',
    };
    await store.append(id, [declare as IncidentEvent], { expectedVersion: 0, now: T0, outbox });
  }
  return INCIDENTS * PER_INCIDENT;
}

async function deliverAll(store: IncidentStore, url: string): Promise<number> {
  const hook = webhookNotifier({ url, name: 'hook', secret: 'whsec_bench' });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: DELIVERERS }, async (_, w) => {
      let idle = 0;
      while (idle < 2) {
        const report = await deliverOutbox(store, [hook], {
          now: T0 + 1,
          owner: `bench-${w}`,
          limit: 25,
          concurrency: 4,
        });
        idle = report.attempted === 0 ? idle + 1 : 0;
      }
    }),
  );
  return performance.now() - started;
}

async function bareBaseline(url: string, count: number): Promise<number> {
  const body = JSON.stringify({ message: message('X', 0) });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: DELIVERERS * 4 }, async () => {
      while (next < count) {
        next++;
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        await res.text();
      }
    }),
  );
  return performance.now() - started;
}

/** Runs the delivery benchmark (`npm run bench -- deliver`). */
export async function run(): Promise<void> {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const count = INCIDENTS * PER_INCIDENT;
  const baseline = await bareBaseline(url, count);
  const baseRate = (count / baseline) * 1000;
  console.log(
    `${count} messages over ${INCIDENTS} incidents, ${DELIVERERS} deliverers; bare fetch loop (16 in flight): ${baseRate.toFixed(0)} msg/s`,
  );
  const report = async (label: string, store: IncidentStore) => {
    const n = await seed(store, `${label.replace(/\W/g, '')}-`);
    const before = received;
    const ms = await deliverAll(store, url);
    const rate = (n / ms) * 1000;
    const sent = received - before;
    console.log(
      `${label.padEnd(18)} ${rate.toFixed(0)} msg/s (${(rate / baseRate).toFixed(2)}× the bare loop); ${sent} requests for ${n} messages`,
    );
  };
  try {
    await report('memory', memoryStore());
    const lite = new PGlite();
    try {
      const store = postgresStore({ client: lite, schema: 'bench_deliver' });
      await store.migrate();
      await report('PGlite', store);
    } finally {
      await lite.close();
    }
    const dbUrl = process.env.DATABASE_URL;
    if (dbUrl === undefined || dbUrl === '') {
      console.log('PostgreSQL server  skipped: DATABASE_URL is not set');
      return;
    }
    const pool = new pg.Pool({ connectionString: dbUrl, max: 8 });
    const schema = `bench_deliver_${process.pid}`;
    try {
      const store = postgresStore({ client: pool, schema });
      await store.migrate();
      await report('PostgreSQL server', store);
    } finally {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    }
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
