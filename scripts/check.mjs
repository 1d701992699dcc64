// `npm test` and its groups: `node scripts/check.mjs [test|typecheck|lint|package]` runs package.json
// scripts at the same time where nothing orders them. The machines this runs on have two cores, and
// no step keeps both busy alone for long: tsc, typedoc, tsup's declarations and the package checks
// are single-threaded, and the vitest run waits on PostgreSQL, PGlite, child processes and
// Chromium. So in `npm test` the vitest run (unit, isolated, both TZ reruns and the fuzz run, in
// one process: vitest.config.ts) starts at once beside the type checks and lints; the build and
// typedoc start when those have passed, and the package checks when the build and docs have.
//
// One step prints as it goes (the vitest run in `npm test`, else the first); the others print when
// they end, under a header with their time, and never into the middle of the live one. A failed
// step's dependants do not start; the run ends with the time of each step and, on failure, a list of
// what failed and what did not run.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const STATIC = ['typecheck:src', 'typecheck:test', 'lint:biome', 'lint:knip'];
const PACKAGE = ['test:package', 'package:smoke', 'package:publint', 'package:attw', 'package:size'];
/** Each step and the steps it waits for (when they are in the same plan). */
const AFTER = {
  ...Object.fromEntries(STATIC.map((name) => [name, []])),
  'test:all': [],
  build: STATIC,
  docs: STATIC,
  ...Object.fromEntries(PACKAGE.map((name) => [name, ['build', 'docs']])),
};
const PLANS = {
  test: { live: 'test:all', steps: [...STATIC, 'test:all', 'build', 'docs', ...PACKAGE] },
  typecheck: { steps: STATIC.slice(0, 2) },
  lint: { steps: STATIC.slice(2) },
  package: { steps: PACKAGE },
};

const planName = process.argv[2] ?? 'test';
const plan = PLANS[planName];
if (!plan) {
  console.error(`check: no plan ${planName} (one of ${Object.keys(PLANS).join(', ')})`);
  process.exit(2);
}
const root = join(import.meta.dirname, '..');
const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;
for (const name of plan.steps)
  if (typeof scripts[name] !== 'string') {
    console.error(`check: package.json has no script ${name}`);
    process.exit(2);
  }
const live = plan.live ?? plan.steps[0];
const waitsFor = (name) => AFTER[name].filter((dep) => plan.steps.includes(dep));

// As `npm run` does: the script's line in a shell, with the local binaries on PATH.
const env = {
  ...process.env,
  PATH: [join(root, 'node_modules/.bin'), process.env.PATH].join(delimiter),
  ...(process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {}),
};
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const children = new Set();
const results = new Map();
const started = performance.now();

let liveRunning = false;
const held = [];
function print(text) {
  if (liveRunning) held.push(text);
  else process.stdout.write(text);
}

function run(name) {
  const isLive = name === live;
  const begun = performance.now();
  const child = spawn(scripts[name], { cwd: root, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const chunks = [];
  if (isLive) {
    process.stdout.write(`\n── ${name}: ${scripts[name]}\n`);
    liveRunning = true;
  }
  for (const stream of [child.stdout, child.stderr])
    stream.on('data', (chunk) => (isLive ? process.stdout.write(chunk) : chunks.push(chunk)));
  return new Promise((resolve) => {
    child.on('error', (error) => chunks.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code, signal) => {
      children.delete(child);
      const ms = performance.now() - begun;
      const ok = code === 0;
      const status = ok ? '✓' : `✗ ${signal ? `killed by ${signal}` : `exit ${code}`}`;
      results.set(name, { ok, ms, status });
      if (isLive) {
        process.stdout.write(`── ${name} ${status} (${seconds(ms)})\n`);
        liveRunning = false;
        for (const text of held.splice(0)) process.stdout.write(text);
      } else {
        const output = Buffer.concat(chunks).toString('utf8');
        // A failure is said at once; its output follows when the live step is done.
        if (!ok && liveRunning) process.stdout.write(`── ${name} ${status}: its output follows ${live}'s\n`);
        print(
          `\n── ${name} ${status} (${seconds(ms)}): ${scripts[name]}\n${output}${output === '' || output.endsWith('\n') ? '' : '\n'}`,
        );
      }
      resolve();
    });
  });
}

for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
    process.exit(130);
  });

// Each step starts once every step it waits for has passed; one that failed leaves it unstarted.
const done = new Map();
function start(name) {
  if (!done.has(name))
    done.set(
      name,
      Promise.all(waitsFor(name).map(start)).then(() => {
        if (waitsFor(name).every((dep) => results.get(dep)?.ok)) return run(name);
      }),
    );
  return done.get(name);
}
await Promise.all(plan.steps.map(start));

const failed = plan.steps.filter((name) => results.get(name)?.ok === false);
const notRun = plan.steps.filter((name) => !results.has(name));
const times = plan.steps
  .filter((name) => results.has(name))
  .map((name) => `${name} ${seconds(results.get(name).ms)}`);
process.stdout.write(`\n${planName}: ${times.join(', ')}; ${seconds(performance.now() - started)} in all\n`);
if (failed.length > 0) {
  process.stdout.write(
    `${planName} FAILED: ${failed.map((name) => `${name} (${results.get(name).status})`).join(', ')}\n`,
  );
  if (notRun.length > 0)
    process.stdout.write(`not run (they wait for a failed step): ${notRun.join(', ')}\n`);
  process.exitCode = 1;
}
