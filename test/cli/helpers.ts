import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

let built: Promise<string> | undefined;

/** A key of the sources the command is built from (paths, sizes, modification times). */
function sourceKey(): string {
  const hash = createHash('sha1');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const info = statSync(path);
        hash.update(`${path}:${info.size}:${info.mtimeMs};`);
      }
    }
  };
  walk(join(import.meta.dirname, '../../src'));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds the `incidentkit` command from src/cli/main.ts (bundled, for Node, as tsup builds
 * dist/cli.js) into the temporary folder, so the tests run the real command without depending on
 * `npm run build` having run first. Test files share one build per state of the sources.
 */
export function buildCli(): Promise<string> {
  built ??= (async () => {
    const outfile = join(tmpdir(), `incidentkit-cli-${sourceKey()}.js`);
    if (existsSync(outfile)) return outfile;
    // Built beside its final name and renamed, so a test file starting at the same time never
    // runs a half-written bundle.
    const partial = `${outfile}.${process.pid}.tmp`;
    await build({
      entryPoints: [join(import.meta.dirname, '../../src/cli/main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: partial,
      logLevel: 'warning',
      define: { __INCIDENTKIT_VERSION__: '"test"' },
    });
    renameSync(partial, outfile);
    return outfile;
  })();
  return built;
}

/** What a run of the command printed and returned. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built command as a subprocess with `args`. */
export async function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliRun> {
  const cli = await buildCli();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const made: string[] = [];

/** Removes the folders {@link tempDir} made (test files call it in `afterAll`). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A fresh temporary folder, removed by {@link removeTempDirs}. */
export function tempDir(prefix = 'incidentkit-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A small deterministic PRNG (mulberry32), so generated exports are the same on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = ['checkout-api', 'payments', 'search', 'auth', 'notifications', 'web-frontend', 'inventory'];
const KEYS = [
  'db-failover',
  'cert-expiry',
  'deploy-regression',
  'queue-backlog',
  'dns',
  'disk-full',
  'rate-limit',
];

/** Options of {@link writePagerDutyCsv}. */
export interface PagerDutyCsvOptions {
  readonly rows: number;
  readonly seed?: number;
  /** Epoch ms of the first incident (default 2025-01-01). */
  readonly start?: number;
  /** Milliseconds the incidents spread over (default 365 days). */
  readonly spanMs?: number;
  /** Titles to use for some rows (hostile text for escaping tests). */
  readonly titles?: readonly string[];
  /** Every how many rows one has an unreadable creation time (skipped). 0 = never. */
  readonly badEvery?: number;
}

/**
 * Writes a PagerDuty analytics-style incidents CSV (`id, incident_number, description, created_at,
 * seconds_to_first_ack, seconds_to_resolve, resolved_at, priority_name, service_name, team_name,
 * urgency, major, incident_key, status`) of `rows` rows, streamed so a million rows take no memory.
 */
export async function writePagerDutyCsv(file: string, options: PagerDutyCsvOptions): Promise<number> {
  const rnd = random(options.seed ?? 42);
  const start = options.start ?? Date.UTC(2025, 0, 1);
  const span = options.spanMs ?? 365 * 86_400_000;
  const out = createWriteStream(file);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(
    'id,incident_number,description,created_at,seconds_to_first_ack,seconds_to_resolve,resolved_at,priority_name,service_name,team_name,urgency,major,incident_key,status\n',
  );
  const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  let chunk = '';
  for (let i = 0; i < options.rows; i++) {
    const created = start + Math.floor((i / options.rows) * span + rnd() * 3_600_000);
    const priority = rnd() < 0.05 ? 'P1' : rnd() < 0.2 ? 'P2' : rnd() < 0.6 ? 'P3' : 'P4';
    const ack = Math.floor(30 + rnd() * 900);
    const open = rnd() < 0.02;
    const resolve = Math.floor(ack + 300 + rnd() * rnd() * (priority === 'P1' ? 20_000 : 60_000));
    const service = SERVICES[Math.floor(rnd() * SERVICES.length)]!;
    const key = rnd() < 0.7 ? KEYS[Math.floor(rnd() * KEYS.length)]! : `alert-${Math.floor(rnd() * 1e6)}`;
    const title =
      options.titles?.length && i % 7 === 3
        ? options.titles[i % options.titles.length]!
        : `${service} errors above threshold`;
    const bad = options.badEvery ? i % options.badEvery === options.badEvery - 1 : false;
    const createdText = bad ? 'not a time' : new Date(created).toISOString();
    chunk += `P${(i + 1).toString(36).toUpperCase()},${i + 1},${quote(title)},${createdText},${ack},${open ? '' : resolve},${open ? '' : new Date(created + resolve * 1000).toISOString()},${priority},${service},team-${service.split('-')[0]},${priority === 'P1' || priority === 'P2' ? 'high' : 'low'},${priority === 'P1'},${key},${open ? 'acknowledged' : 'resolved'}\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  return options.rows;
}

const SOURCES = [
  'monitoring',
  'monitoring',
  'monitoring',
  'synthetic',
  'anomaly',
  'customer',
  'internal',
] as const;
const SEVERITIES = ['SEV1', 'SEV2', 'SEV2', 'SEV3', 'SEV3', 'SEV3', 'SEV4'] as const;

/** Options of {@link sampleEventLogs}. */
export interface SampleLogOptions {
  readonly incidents: number;
  readonly seed?: number;
  /** Epoch ms of the first incident (default 2026-01-05). */
  readonly start?: number;
  readonly spanDays?: number;
  /** Titles, categories and owners to use for some incidents (hostile text for escaping tests). */
  readonly hostile?: readonly string[];
}

/**
 * Event logs of realistic incidents (declared with a source, severity and category; acknowledged,
 * triaged, mitigated, resolved; action items added and some completed; postmortems published), as
 * a host's store would export them: one array of events per incident.
 */
export function sampleEventLogs(options: SampleLogOptions): Record<string, unknown>[][] {
  const rnd = random(options.seed ?? 7);
  const start = options.start ?? Date.UTC(2026, 0, 5);
  const span = (options.spanDays ?? 300) * 86_400_000;
  const min = 60_000;
  const logs: Record<string, unknown>[][] = [];
  for (let i = 0; i < options.incidents; i++) {
    const hostile = options.hostile?.length ? options.hostile[i % options.hostile.length] : undefined;
    const startedAt = start + Math.floor((i / options.incidents) * span + rnd() * 86_400_000);
    const severity = SEVERITIES[Math.floor(rnd() * SEVERITIES.length)]!;
    const source = SOURCES[Math.floor(rnd() * SOURCES.length)]!;
    // Later incidents are found and fixed faster: the charts have a trend to show.
    const better = 1 - (0.5 * i) / options.incidents;
    const detect = Math.floor((2 + rnd() * rnd() * 40 * better) * min);
    const ack = detect + Math.floor((1 + rnd() * 10) * min);
    const mitigate = ack + Math.floor((10 + rnd() * rnd() * 240 * better) * min);
    const resolve = mitigate + Math.floor((5 + rnd() * 120) * min);
    const id = `INC-${1000 + i}`;
    const category =
      hostile && i % 3 === 0
        ? hostile
        : ['db-failover', 'deploy-regression', 'cert-expiry', 'queue-backlog', 'dns'][Math.floor(rnd() * 5)]!;
    const events: Record<string, unknown>[] = [
      {
        type: 'DECLARE',
        id: `${id}-1`,
        incidentId: id,
        at: startedAt + detect,
        startedAt,
        title: hostile ?? `Elevated errors on ${['checkout', 'search', 'login', 'payments'][i % 4]}`,
        severity,
        source,
        category,
        services: [['checkout-api', 'search', 'auth', 'payments'][i % 4]],
      },
      { type: 'ACKNOWLEDGE', id: `${id}-2`, at: startedAt + ack, by: hostile ?? 'alice' },
      { type: 'TRIAGE', id: `${id}-3`, at: startedAt + ack + min, severity },
      { type: 'MITIGATE', id: `${id}-4`, at: startedAt + mitigate, summary: 'Rolled back' },
    ];
    const open = i === options.incidents - 1;
    if (!open) events.push({ type: 'RESOLVE', id: `${id}-5`, at: startedAt + resolve, summary: 'Fixed' });
    const items = Math.floor(rnd() * 3);
    for (let k = 0; k < items; k++) {
      const itemAt = startedAt + resolve + (k + 1) * min;
      events.push({
        type: 'ADD_ACTION_ITEM',
        id: `${id}-a${k}`,
        at: itemAt,
        item: {
          id: `act_${i}_${k}`,
          title: hostile ?? `Add an alert on saturation ${k}`,
          owner: 'carol',
          dueAt: itemAt + 14 * 86_400_000,
        },
      });
      if (rnd() < 0.6) {
        events.push({
          type: 'UPDATE_ACTION_ITEM',
          id: `${id}-u${k}`,
          at: itemAt + Math.floor(rnd() * 20 * 86_400_000),
          itemId: `act_${i}_${k}`,
          changes: { status: rnd() < 0.9 ? 'done' : 'wontfix' },
        });
      }
    }
    logs.push(events);
  }
  return logs;
}
