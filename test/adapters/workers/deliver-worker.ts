// A separate process running deliverOutbox rounds against the real server, sending to a local
// receiver through webhookNotifier. Stops after two rounds that found nothing due. Its clock is
// the shared start plus real elapsed time, so the processes' clocks agree as replicas' do (leases
// only mean something between deliverers whose clocks roughly agree).
import pg from 'pg';
import { deliverOutbox, postgresStore, webhookNotifier } from '../../../src/adapters/index.js';

const [url, schema, worker, receiverUrl, startArg] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url, max: 4 });
const store = postgresStore({ client: pool, schema: schema! });
const hook = webhookNotifier({ url: receiverUrl!, name: 'hook', timeoutMs: 2_000 });
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
    limit: 10,
    concurrency: 4,
  });
  delivered += report.delivered;
  idle = report.attempted === 0 ? idle + 1 : 0;
}
await pool.end();
console.log(JSON.stringify({ delivered, rounds }));
