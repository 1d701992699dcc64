import { defineConfig } from 'vitest/config';

// Two suites run as their own steps of `npm test` instead of inside `vitest run`:
// - test/package (npm run test:package, in check:package) needs the fresh dist/ the build makes;
// - test/fuzz (npm run test:fuzz) feeds every export 1,000+ hostile inputs in worker threads, with
//   1 MB strings and 1e5 arrays as the big values; `FUZZ_RUNS=10000 npm run fuzz` runs the full
//   10 MB / 1e6 corpus and prints the table.
const separate: Record<string, string> = {
  INCIDENTKIT_PACKAGE_TEST: 'test/package/**',
  INCIDENTKIT_FUZZ: 'test/fuzz/**',
};

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [
      '**/node_modules/**',
      ...Object.entries(separate)
        .filter(([flag]) => !process.env[flag])
        .map(([, glob]) => glob),
    ],
    // The type tests (test/**/*.test-d.ts) are compile-time assertions: `npm run typecheck` compiles
    // them with tsconfig.test.json and fails on any, so vitest does not run tsc a second time.
    // `vitest --typecheck` still reports them one by one.
    typecheck: { enabled: false, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.test.json' },
    testTimeout: 30_000,
    pool: 'forks',
  },
});
