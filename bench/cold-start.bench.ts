/**
 * Cold start: what `import 'incidentkit'` (and each subpath) costs a process, measured as whole
 * processes on the built package (dist/, `npm run build` first), against a process that imports only
 * the dependencies (xstate, zod/mini, date-fns) and against an empty one. Candidates run round-robin
 * so machine noise hits each alike; medians of 15 rounds. Target: incidentkit within 10 ms of the
 * dependencies alone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const CANDIDATES: Readonly<Record<string, string>> = {
  'empty process': '',
  'dependencies only': "await import('xstate'); await import('zod/mini'); await import('date-fns/addDays');",
  incidentkit: "await import('incidentkit');",
  'incidentkit/lifecycle': "await import('incidentkit/lifecycle');",
  'incidentkit/severity': "await import('incidentkit/severity');",
  'incidentkit/comms': "await import('incidentkit/comms');",
  'incidentkit/metrics': "await import('incidentkit/metrics');",
  'incidentkit/adapters': "await import('incidentkit/adapters');",
  'incidentkit/manager': "await import('incidentkit/manager');",
};

function timeOnce(code: string): number {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, stdio: 'ignore' });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

export async function run(): Promise<void> {
  if (!existsSync(join(root, 'dist/index.js'))) {
    console.log('cold start: dist/ is missing; run `npm run build` first');
    return;
  }
  const samples = new Map<string, number[]>(Object.keys(CANDIDATES).map((name) => [name, []]));
  for (let round = 0; round < 15; round++)
    for (const [name, code] of Object.entries(CANDIDATES)) samples.get(name)!.push(timeOnce(code));
  const empty = median(samples.get('empty process')!);
  const deps = median(samples.get('dependencies only')!);
  console.log('| process | median ms | over an empty process | over the dependencies |');
  console.log('|---|---|---|---|');
  for (const [name, values] of samples) {
    const ms = median(values);
    console.log(
      `| ${name} | ${ms.toFixed(1)} | +${(ms - empty).toFixed(1)} | ${name === 'empty process' ? '' : `${ms - deps >= 0 ? '+' : ''}${(ms - deps).toFixed(1)}`} |`,
    );
  }
  const kit = median(samples.get('incidentkit')!);
  console.log(
    `import 'incidentkit' costs ${(kit - deps).toFixed(1)} ms more than its dependencies alone (target ≤ 10 ms); ratio ${((kit - empty) / (deps - empty)).toFixed(2)}× the dependencies' own cost`,
  );
}
