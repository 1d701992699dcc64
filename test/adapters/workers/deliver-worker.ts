// A separate process running deliverOutbox rounds against the real server, sending to a local
// receiver through webhookNotifier. Stops after two rounds that found nothing due. Its clock is
// the shared start plus real elapsed time, so the processes' clocks agree as replicas' do (leases
// only mean something between deliverers whose clocks roughly agree).
import pg from 'pg';
import { deliverOutbox, postgresStore, webhookNotifier } from '../../../src/adapters/index.js';

const [url, schema, worker, receiverUrl, startArg, workersArg] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url, max: 4 });
const store = postgresStore({ client: pool, schema: schema! });
const hook = webhookNotifier({ url: receiverUrl!, name: 'hook', timeoutMs: 2_000 });
// A barrier: every process registers, then waits (bounded) until all have, so they really
// deliver at the same time rather than one after another as they finish starting.
await store.setState(`ready:${worker}`, '1');
const workers = Number(workersArg ?? 1);
for (let waited = 0; waited < 30_000; waited += 20) {
  let ready = 0;
  for (let w = 0; w < workers; w++) if ((await store.getState(`ready:${w}`)) !== undefined) ready++;
  if (ready === workers) break;
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const start = Number(startArg);
const began = Date.now();
let idle = 0;
let delivered = 0;
let rounds = 0;
while (idle < 2 && rounds < 500) {
  rounds++;
  const now = start + (Date.now() - began);
  const report = await deliverOutbox(store, [hook], {
    now,
    owner: `proc-${worker}`,
    limit: 3,
    concurrency: 3,
  });
  delivered += report.delivered;
  idle = report.attempted === 0 ? idle + 1 : 0;
}
await pool.end();
console.log(JSON.stringify({ delivered, rounds }));
