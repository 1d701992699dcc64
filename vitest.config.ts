import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// One `vitest run` holds every suite as a project, so the suites share one worker pool instead of
// paying a cold start each (`npm test` runs them all at once through scripts/check.mjs):
// - unit: everything under test/ but the projects below. Its files share their worker processes
//   (`isolate: false`): a fresh process per file cost ~0.5 s of CPU each, and no file here patches
//   a built-in or leaves global state behind.
// - isolated: a process per file, for the files that cannot share one. The linear-time suites
//   (`*linear*`) count work by patching String, RegExp, Array and JSON methods (test/count-work.ts),
//   and patching a built-in turns off V8 fast paths for the rest of the process, even after it is
//   restored (render-message.test.ts went from 3 s to 30 s after one in the same worker). A new
//   file that patches a built-in or needs its modules fresh goes in ISOLATED too.
// - tz-new-york, tz-sydney (INCIDENTKIT_TZ=1; `npm run test:tz`): the time-sensitive suites again
//   with TZ in the worker's environment from its start (test/architecture/time-zone.test.ts
//   checks that the zone is in effect). The linear, scanner and hostile-input suites are left out:
//   they read no local time.
// - fuzz (INCIDENTKIT_FUZZ=1; `npm run test:fuzz`): every export gets 1,000+ hostile inputs in a
//   worker thread, with 1 MB strings and 1e5 arrays as the big values; `FUZZ_RUNS=10000 npm run
//   fuzz` runs the full 10 MB / 1e6 corpus and prints the table.
// - package (INCIDENTKIT_PACKAGE_TEST=1; `npm run test:package`): needs the fresh dist/ the build
//   makes, so it runs after it.
// Without a flag, `vitest run` runs unit and isolated, as `npm run test:unit` does.
const TIME_SENSITIVE = [
  'test/{metrics,comms,postmortem,severity}/**/*.test.ts',
  'test/architecture/time-zone.test.ts',
];
const ZONE_FREE = [
  'test/**/*linear*.test.ts',
  'test/postmortem/markdown-scanners.test.ts',
  'test/severity/hostile-input.test.ts',
];
const ISOLATED = ['test/**/*linear*.test.ts'];
const OWN_PROJECTS = ['test/fuzz/**', 'test/package/**', ...ISOLATED];

const project = (
  name: string,
  test: TestProjectInlineConfiguration['test'],
): TestProjectInlineConfiguration => ({
  extends: true,
  test: { name, ...test },
});
const zone = (name: string, tz: string) =>
  project(name, {
    include: TIME_SENSITIVE,
    exclude: ZONE_FREE,
    isolate: false,
    env: { TZ: tz, INCIDENTKIT_EXPECT_TZ: tz },
  });

const projects: TestProjectInlineConfiguration[] = [
  project('unit', { include: ['test/**/*.test.ts'], exclude: OWN_PROJECTS, isolate: false }),
  project('isolated', { include: ISOLATED, isolate: true }),
];
if (process.env.INCIDENTKIT_TZ)
  projects.push(zone('tz-new-york', 'America/New_York'), zone('tz-sydney', 'Australia/Sydney'));
if (process.env.INCIDENTKIT_FUZZ)
  projects.push(project('fuzz', { include: ['test/fuzz/**/*.test.ts'], env: { FUZZ_SIZE: 'small' } }));
if (process.env.INCIDENTKIT_PACKAGE_TEST)
  projects.push(project('package', { include: ['test/package/**/*.test.ts'] }));

export default defineConfig({
  test: {
    projects,
    exclude: ['**/node_modules/**'],
    // The type tests (test/**/*.test-d.ts) are compile-time assertions: `npm run typecheck` compiles
    // them with tsconfig.test.json and fails on any, so vitest does not run tsc a second time.
    // `vitest --typecheck` still reports them one by one.
    typecheck: { enabled: false, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.test.json' },
    testTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine. Many
    // files wait on PostgreSQL, PGlite, child processes or Chromium, so two keep both cores busy.
    maxWorkers: 2,
  },
});
