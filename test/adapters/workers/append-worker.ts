// A separate process that appends notes to shared incidents on the real server, retrying on
// conflict as a manager does. Prints `{ appended, conflicts }` as JSON on its last line.
import pg from 'pg';
import { postgresStore } from '../../../src/adapters/index.js';
import type { IncidentEvent } from '../../../src/model/index.js';

const [url, schema, worker, incidentsArg, countArg] = process.argv.slice(2);
const incidents = incidentsArg!.split(',');
const count = Number(countArg);
const pool = new pg.Pool({ connectionString: url, max: 4 });
const store = postgresStore({ client: pool, schema: schema! });
await store.migrate();
const T0 = Date.UTC(2026, 10, 24, 9);
let conflicts = 0;
for (let i = 0; i < count; i++) {
  const incidentId = incidents[i % incidents.length]!;
  const event = {
    type: 'NOTE',
    id: `p${worker}-${i}`,
    at: T0 + 60_000,
    text: `worker ${worker} #${i}`,
  } as IncidentEvent;
  for (;;) {
    const { version } = await store.load(incidentId);
    try {
      await store.append(incidentId, [event], { expectedVersion: version, now: T0 + i });
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== 'CONCURRENCY_CONFLICT') throw error;
      conflicts++;
    }
  }
}
await pool.end();
console.log(JSON.stringify({ appended: count, conflicts }));
