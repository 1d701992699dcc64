/**
 * incidentkit on PostgreSQL: `postgresStore` over PGlite (embedded, in-process), or over `pg.Pool`
 * when `DATABASE_URL` names a server. `migrate()` creates the tables once (idempotent, and safe when
 * several replicas start at once); then the manager runs incidents on it and `list` reads the open
 * ones from the projection, without replaying their events.
 */
import { createIncidentManager, type PgQueryable, postgresStore } from '../src/index.js';

async function connect(): Promise<{ client: PgQueryable; close: () => Promise<void>; name: string }> {
  if (process.env.DATABASE_URL) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
    return { client: pool, close: () => pool.end(), name: 'PostgreSQL (DATABASE_URL)' };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite();
  return { client: db, close: () => db.close(), name: 'PGlite' };
}

const { client, close, name } = await connect();
// A schema per run keeps this example from meeting an earlier run's incidents on a shared server.
const schema = `incidentkit_example_${process.pid}`;
try {
  const store = postgresStore({ client, schema });
  await store.migrate();
  await store.migrate(); // a second start-up finds everything in place
  console.log(`${name}: schema ${schema} migrated`);

  const manager = createIncidentManager({ store });
  const checkout = await manager.declare({
    title: 'Checkout API returning 502s',
    severity: 'SEV2',
    services: ['checkout-api'],
  });
  const search = await manager.declare({
    title: 'Search results stale',
    severity: 'SEV4',
    services: ['search'],
  });
  const login = await manager.declare({
    title: 'Login latency above 2 s',
    severity: 'SEV3',
    services: ['auth'],
  });
  await manager.acknowledge(login.id, { by: 'carol' });
  await manager.cancel(search.id, { reason: 'false-alarm' });
  await manager.acknowledge(checkout.id, { by: 'alice' });

  const open = await store.list({ phase: ['detect', 'triage', 'mitigate', 'resolve'] });
  console.log(`open incidents: ${open.items.length}`);
  for (const incident of open.items) {
    console.log(
      `  ${incident.severity} ${incident.phase.padEnd(8)} ${incident.title} (v${incident.version})`,
    );
  }
  const chain = await store.verify(checkout.id);
  console.log(
    `checkout incident: ${chain.ok ? `hash chain intact over ${chain.length} events` : `chain broken at v${chain.brokenAt}`}`,
  );
} finally {
  if (process.env.DATABASE_URL) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await close();
}
