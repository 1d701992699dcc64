import { defineConfig } from 'vitest/config';

// Two suites run on their own instead of inside `vitest run`:
// - test/package (npm run test:package, in check:package) needs the fresh dist/ the build makes;
// - test/fuzz (npm run test:fuzz, npm run fuzz) feeds every export 1,000+ hostile inputs in worker
//   threads and takes many minutes; test/properties/fuzz.test.ts keeps a quick fuzz in the unit run.
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
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.test.json' },
    testTimeout: 30_000,
    pool: 'forks',
  },
});
