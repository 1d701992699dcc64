/**
 * `npm run fuzz` (`FUZZ_RUNS=10000 npm run fuzz`, default 10 000): every exported function gets
 * the fixed hostile corpus and then random inputs up to FUZZ_RUNS calls, and a table is printed:
 * entry point, inputs, non-kit errors (anything escaping that is not an IncidentKitError, hangs and
 * prototype pollution included), slowest call. `FUZZ_ONLY=name,name` narrows it; `FUZZ_SEED` repeats a run.
 * Exits 1 when anything escaped.
 */

import { type EntryReport, reportTable } from './engine.js';
import { entryPoints } from './entry-points.js';
import { fuzzInWorkers } from './pool.js';

const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const only = (process.env.FUZZ_ONLY ?? '').split(',').filter(Boolean);
const started = performance.now();
const names = entryPoints()
  .map((e) => e.name)
  .filter((name) => only.length === 0 || only.includes(name));
const reports: EntryReport[] = await fuzzInWorkers(names, {
  inputs: runs,
  seed,
  onReport: (report) => {
    if (!process.env.FUZZ_PROGRESS) return;
    console.error(`${report.entry}: ${report.inputs} inputs, ${report.nonKitErrors} non-kit`);
    for (const e of report.escapes.slice(0, 4)) console.error(`    [${e.shape}] ${e.input}: ${e.problem}`);
  },
});
console.log(
  `fuzz: ${reports.length} entry points, FUZZ_RUNS=${runs}, seed ${seed}, ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
console.log(reportTable(reports));
const escaped = reports.flatMap((r) => r.escapes);
if (escaped.length > 0) {
  console.log('\nwhat escaped (first of each entry point):');
  for (const r of reports)
    for (const e of r.escapes.slice(0, 3)) console.log(`- ${e.entry} [${e.shape}] ${e.input}: ${e.problem}`);
  process.exitCode = 1;
}
