/**
 * Runs entry points in a worker thread for test/fuzz/pool.ts, so a hang (a call that never
 * returns) or an out-of-memory abort kills only this thread: the pool notices, records it against
 * the input that caused it and carries on in a new worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fuzzEntryPoint, withoutNetwork } from './engine.js';
import { entryPoints } from './entry-points.js';

interface Job {
  readonly names: readonly string[];
  readonly inputs: number;
  readonly seed: number;
}

const job = workerData as Job;
const port = parentPort!;
withoutNetwork();
const byName = new Map(entryPoints().map((e) => [e.name, e]));
for (const name of job.names) {
  const entry = byName.get(name)!;
  const report = await fuzzEntryPoint(entry, job.inputs, job.seed, (shape, label) =>
    port.postMessage({ type: 'progress', name, entry: `${entry.subpath}/${entry.name}`, shape, label }),
  );
  port.postMessage({ type: 'report', name, report });
}
port.postMessage({ type: 'done' });
