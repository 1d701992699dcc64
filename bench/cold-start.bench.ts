/**
 * Cold start: what `import 'incidentkit'` (and each subpath) costs a process, measured as whole
 * processes on the built package (dist/, `npm run build` first), against a process that imports only
 * the dependencies as they were when the target was set (xstate, zod/mini, date-fns) and against an
 * empty one. Candidates run round-robin so machine noise hits each alike; medians of 15 rounds
 * (`COLD_START_ROUNDS` sets another count). Target: incidentkit within 10 ms of the dependencies
 * alone. A second baseline imports only the dependencies `import 'incidentkit'` itself loads
 * (date-fns is a dev dependency now and nanoid is gone), for the stricter figure.
 *
 * Beside wall time, each process reports the CPU time it used (all its threads, from its start):
 * on a busy machine a process waits for a core, and the wall figure grows with the load while the
 * CPU figure barely moves, so the CPU columns say what a change did when the wall columns are noise.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The dependencies `import 'incidentkit'` loads (checked against dist/ before the rounds). */
const LOADED_DEPENDENCIES = [
  'xstate',
  'zod/mini',
  '@date-fns/tz/tzOffset',
  'csv-parse/browser/esm/sync',
] as const;

const CANDIDATES: Readonly<Record<string, string>> = {
  'empty process': '',
  'dependencies only': "await import('xstate'); await import('zod/mini'); await import('date-fns/addDays');",
  // What `import 'incidentkit'` itself loads of its dependencies (no date-fns since reviewWindow
  // stopped using it, no nanoid since ids come from getRandomValues), for a stricter comparison.
  'dependencies it loads': LOADED_DEPENDENCIES.map((d) => `await import('${d}');`).join(' '),
  incidentkit: "await import('incidentkit');",
  'incidentkit/lifecycle': "await import('incidentkit/lifecycle');",
  'incidentkit/severity': "await import('incidentkit/severity');",
  'incidentkit/comms': "await import('incidentkit/comms');",
  'incidentkit/postmortem': "await import('incidentkit/postmortem');",
  'incidentkit/metrics': "await import('incidentkit/metrics');",
  'incidentkit/adapters': "await import('incidentkit/adapters');",
  'incidentkit/manager': "await import('incidentkit/manager');",
};

// Printed last by every candidate: the CPU time of the whole process so far, in ms.
const REPORT_CPU = 'const u = process.cpuUsage(); process.stdout.write(String((u.user + u.system) / 1000));';

interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
}

function timeOnce(code: string): Sample {
  const start = process.hrtime.bigint();
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `${code}\n${REPORT_CPU}`], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return { wallMs: Number(process.hrtime.bigint() - start) / 1e6, cpuMs: Number(out) };
}

/** The packages dist/index.js loads, following its own chunks (`./chunk-….js`) through static imports. */
function packagesLoaded(): string[] {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(root, 'dist', file), 'utf8');
    for (const [, specifier] of text.matchAll(/^(?:import|export)\s[^;]*?['"]([^'"]+)['"];/gm)) {
      if (specifier!.startsWith('./')) visit(specifier!.slice(2));
      else packages.add(specifier!);
    }
  };
  visit('index.js');
  return [...packages].sort();
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const signed = (ms: number) => `${ms >= 0 ? '+' : ''}${ms.toFixed(1)}`;

export async function run(): Promise<void> {
  if (!existsSync(join(root, 'dist/index.js'))) {
    console.log('cold start: dist/ is missing; run `npm run build` first');
    return;
  }
  const packages = packagesLoaded();
  if (packages.join() !== [...LOADED_DEPENDENCIES].sort().join())
    console.log(`note: dist/index.js loads ${packages.join(', ')}; LOADED_DEPENDENCIES is out of date`);
  const rounds = Math.max(1, Number(process.env.COLD_START_ROUNDS ?? 15) || 15);
  const samples = new Map<string, Sample[]>(Object.keys(CANDIDATES).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++)
    for (const [name, code] of Object.entries(CANDIDATES)) samples.get(name)!.push(timeOnce(code));
  const wall = (name: string) => median(samples.get(name)!.map((s) => s.wallMs));
  const cpu = (name: string) => median(samples.get(name)!.map((s) => s.cpuMs));
  const empty = { wall: wall('empty process'), cpu: cpu('empty process') };
  const deps = { wall: wall('dependencies only'), cpu: cpu('dependencies only') };
  console.log(`medians of ${rounds} rounds`);
  console.log(
    '| process | wall ms | over an empty process | over the dependencies | CPU ms | CPU over the dependencies |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const name of samples.keys()) {
    const first = name === 'empty process';
    console.log(
      `| ${name} | ${wall(name).toFixed(1)} | ${signed(wall(name) - empty.wall)} | ${first ? '' : signed(wall(name) - deps.wall)} | ${cpu(name).toFixed(1)} | ${first ? '' : signed(cpu(name) - deps.cpu)} |`,
    );
  }
  const kit = { wall: wall('incidentkit'), cpu: cpu('incidentkit') };
  const loaded = { wall: wall('dependencies it loads'), cpu: cpu('dependencies it loads') };
  console.log(
    `import 'incidentkit' costs ${(kit.wall - deps.wall).toFixed(1)} ms more than its dependencies alone (target ≤ 10 ms); ratio ${((kit.wall - empty.wall) / (deps.wall - empty.wall)).toFixed(2)}× the dependencies' own cost; CPU ${(kit.cpu - deps.cpu).toFixed(1)} ms more`,
  );
  console.log(
    `over the dependencies it loads (${LOADED_DEPENDENCIES.join(', ')}): ${(kit.wall - loaded.wall).toFixed(1)} ms wall, ${(kit.cpu - loaded.cpu).toFixed(1)} ms CPU`,
  );
}
