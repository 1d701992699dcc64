import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bareImports, PURE_SUBPATHS } from './module-graph.js';

// The package as a user gets it: `npm pack`, the tarball installed into an ESM and a CJS project,
// a few calls in each, and a consumer file type-checked under moduleResolution node16 and bundler.
// It packs a temporary copy of the repository, never the checkout itself: that copy reuses the
// checkout's dist/ when it is newer than every source file, and builds with tsup otherwise.
const run = promisify(execFile);
const ROOT = process.cwd();
const BIN = join(ROOT, 'node_modules/.bin');
let work: string;
let consumers: string;
const timings: Record<string, number> = {};

async function timed<T>(step: string, task: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await task();
  } finally {
    timings[step] = Math.round(performance.now() - started);
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'incidentkit-package-'));
  const pkg = join(work, 'incidentkit');
  mkdirSync(join(pkg, 'docs'), { recursive: true });
  for (const file of ['package.json', 'README.md', 'CHANGELOG.md', 'tsup.config.ts', 'tsconfig.json'])
    cpSync(join(ROOT, file), join(pkg, file));
  for (const doc of readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')))
    cpSync(join(ROOT, 'docs', doc), join(pkg, 'docs', doc));
  cpSync(join(ROOT, 'src'), join(pkg, 'src'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
  const fresh =
    existsSync(join(ROOT, 'dist/index.d.ts')) &&
    newestMtime(join(ROOT, 'dist')) >= newestMtime(join(ROOT, 'src'));
  if (fresh) cpSync(join(ROOT, 'dist'), join(pkg, 'dist'), { recursive: true });
  else await timed('build (tsup)', () => run(join(BIN, 'tsup'), [], { cwd: pkg }));
  console.log(
    `test/package: ${fresh ? "packing the checkout's fresh dist/" : 'built dist/ with tsup in a temporary copy'}`,
  );
  await timed('npm pack', () => run('npm', ['pack', '--silent', '--pack-destination', work], { cwd: pkg }));
  const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);

  // Two projects (ESM and CJS) under one parent whose node_modules both resolve to.
  consumers = join(work, 'consumers');
  mkdirSync(consumers);
  writeFileSync(join(consumers, 'package.json'), JSON.stringify({ name: 'consumers', private: true }));
  const install = (mode: string) =>
    run('npm', ['install', mode, '--no-audit', '--no-fund', '--no-save', '--ignore-scripts', tarball], {
      cwd: consumers,
    });
  // From the npm cache when it has the dependencies; from the registry otherwise.
  await timed('npm install', () => install('--offline').catch(() => install('--prefer-offline')));
}, 300_000);

afterAll(() => {
  console.log(`test/package timings (ms): ${JSON.stringify(timings)}`);
  if (work) rmSync(work, { recursive: true, force: true });
}, 60_000);

function project(name: string, type: 'module' | 'commonjs', files: Record<string, string>): string {
  const dir = join(consumers, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type }));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

const ESM = `
import { declareIncident, applyEvent, isIncidentKitError } from 'incidentkit';
import { classify } from 'incidentkit/severity';
import { createIncidentManager } from 'incidentkit/manager';
import { memoryStore, fromAlertmanager } from 'incidentkit/adapters';
import { mttr } from 'incidentkit/metrics';
import { lintPostmortem, draftPostmortem } from 'incidentkit/postmortem';
import { detectImportSource } from 'incidentkit/importers';

const { incident } = declareIncident({ title: 'Checkout errors', at: '2026-11-24T09:00:00Z', impact: { customerFacing: true, degraded: true } });
let refused = '';
try { applyEvent(incident, { type: 'CLOSE', at: '2026-11-24T09:05:00Z' }); } catch (e) { if (isIncidentKitError(e)) refused = e.code; }
const manager = createIncidentManager({ store: memoryStore() });
const declared = await manager.declare({ title: 'API down', severity: 'SEV1' });
const [signal] = fromAlertmanager({ version: '4', status: 'firing', receiver: 'r', groupKey: 'g', alerts: [{ status: 'firing', labels: { alertname: 'A' }, annotations: {}, startsAt: '2026-11-24T09:00:00Z', endsAt: '0001-01-01T00:00:00Z', fingerprint: 'f1' }] });
const findings = lintPostmortem(draftPostmortem(incident, { rootCause: 'Bob deployed bad code.' }));
console.log(JSON.stringify({
  severity: incident.severity, refused, classified: classify({ dataLoss: true }).severity,
  managed: declared.phase, signal: signal.dedupKey, mttrCount: mttr([incident]).count,
  blame: findings.some((f) => f.rule === 'person-as-cause'), importer: typeof detectImportSource,
}));
`;

const CJS = `
const kit = require('incidentkit');
const { classify } = require('incidentkit/severity');
const { createIncidentManager } = require('incidentkit/manager');
const { incident } = kit.declareIncident({ title: 'Checkout errors', at: '2026-11-24T09:00:00Z', severity: 'SEV3' });
const acked = kit.applyEvent(incident, { type: 'ACKNOWLEDGE', at: '2026-11-24T09:01:00Z' });
createIncidentManager().declare({ title: 'API down', severity: 'SEV2' }).then((declared) => {
  console.log(JSON.stringify({ phase: acked.phase, classified: classify({ securityBreach: true }).severity, managed: declared.severity, version: require('incidentkit/package.json').version }));
});
`;

// A consumer file that uses the public types; type-checked as a user's project would be.
const CONSUMER_TS = `
import { type Incident, type IncidentKitError, isIncidentKitError, declareIncident } from 'incidentkit';
import { type Clock, createIncidentManager, type IncidentManager } from 'incidentkit/manager';
import { type Notifier, memoryStore, type IncidentStore } from 'incidentkit/adapters';
import { classify, type Classification } from 'incidentkit/severity';
import { renderMessage, type Message } from 'incidentkit/comms';
import { mttr, type DurationStats } from 'incidentkit/metrics';

const clock: Clock = { now: () => 0, setTimeout: () => 0, clearTimeout: () => {} };
const notifier: Notifier = { name: 'log', send: async (message: Message) => void renderMessage(message, 'text') };
const store: IncidentStore = memoryStore();
const manager: IncidentManager = createIncidentManager({ store, clock, notifiers: [notifier] });
export async function run(): Promise<string | undefined> {
  const incident: Incident = await manager.declare({ title: 'x', severity: 'SEV2' });
  const c: Classification = classify({ degraded: true });
  const stats: DurationStats = mttr([incident]);
  try {
    declareIncident({ title: '', at: 0 });
  } catch (error) {
    if (isIncidentKitError(error, 'INVALID_INPUT')) {
      const e: IncidentKitError<'INVALID_INPUT'> = error;
      return e.issues[0]?.path;
    }
  }
  // @ts-expect-error severity is a string, not a number
  const wrong: number = incident.severity;
  // @ts-expect-error a declaration needs a title
  await manager.declare({ severity: 'SEV2' });
  return \`\${c.severity} \${stats.count} \${wrong}\`;
}
`;

describe('the packed package in consumer projects', () => {
  it('ships dist, README, CHANGELOG and the guides, and nothing from src or test', async () => {
    const { stdout } = await run('tar', [
      '-tzf',
      join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!),
    ]);
    const files = stdout.trim().split('\n');
    expect(files).toContain('package/dist/index.js');
    expect(files).toContain('package/dist/index.cjs');
    expect(files).toContain('package/dist/manager/index.d.cts');
    expect(files).toContain('package/README.md');
    expect(files).toContain('package/CHANGELOG.md');
    expect(files.some((f) => f.startsWith('package/docs/') && f.endsWith('.md'))).toBe(true);
    expect(files.filter((f) => f.startsWith('package/src/') || f.startsWith('package/test/'))).toEqual([]);
  });

  it('works from an ESM project (import), every subpath', async () => {
    const dir = project('esm', 'module', { 'index.js': ESM });
    const { stdout } = await timed('esm run', () => run(process.execPath, ['index.js'], { cwd: dir }));
    expect(JSON.parse(stdout)).toEqual({
      severity: 'SEV2',
      refused: 'INVALID_TRANSITION',
      classified: 'SEV1',
      managed: 'detect',
      signal: 'f1',
      mttrCount: 0,
      blame: true,
      importer: 'function',
    });
  });

  it('works from a CommonJS project (require)', async () => {
    const dir = project('cjs', 'commonjs', { 'index.js': CJS });
    const { stdout } = await timed('cjs run', () => run(process.execPath, ['index.js'], { cwd: dir }));
    expect(JSON.parse(stdout)).toEqual({
      phase: 'triage',
      classified: 'SEV1',
      managed: 'SEV2',
      version: '0.1.0',
    });
  });

  it('type-checks a consumer under moduleResolution node16 and bundler', async () => {
    const check = async (resolution: 'node16' | 'bundler', module: 'node16' | 'esnext') => {
      const dir = project(`types-${resolution}`, 'module', { 'consumer.ts': CONSUMER_TS });
      const tsconfig = {
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          lib: ['ES2022'],
          module,
          moduleResolution: resolution,
          types: [],
          // Checking zod's and xstate's declarations costs most of the time and is not ours to
          // test; the @ts-expect-error lines fail if our types were lost to `any` on the way.
          skipLibCheck: true,
        },
        files: ['consumer.ts'],
      };
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
      return timed(`tsc ${resolution}`, () =>
        run(join(BIN, 'tsc'), ['-p', 'tsconfig.json'], { cwd: dir }).then(
          () => '',
          (error: { stdout: string }) => error.stdout,
        ),
      );
    };
    // The two checks run at once: each is a separate tsc process.
    const [node16, bundler] = await Promise.all([check('node16', 'node16'), check('bundler', 'esnext')]);
    expect(node16).toBe('');
    expect(bundler).toBe('');
  }, 120_000);

  it('keeps pg, PGlite and node: built-ins out of every pure subpath (ESM and CJS)', () => {
    const dist = join(consumers, 'node_modules/incidentkit/dist');
    for (const subpath of PURE_SUBPATHS) {
      for (const ext of ['js', 'cjs'] as const) {
        const imports = bareImports(join(dist, subpath, `index.${ext}`));
        const forbidden = imports.filter(
          (s) => s === 'pg' || s.startsWith('@electric-sql/') || s.startsWith('node:') || isBuiltin(s),
        );
        expect(forbidden, `${subpath}/index.${ext}`).toEqual([]);
      }
    }
    // The I/O subpaths never import a database driver: the host passes its client in.
    for (const subpath of ['adapters', 'manager', '.']) {
      const imports = bareImports(join(dist, subpath, 'index.js'));
      expect(
        imports.filter((s) => s === 'pg' || s.startsWith('@electric-sql/')),
        subpath,
      ).toEqual([]);
    }
  });
});
