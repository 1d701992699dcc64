import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The packed-package test runs after the build (npm run test:package, in check:package), on the
    // fresh dist/ instead of building its own.
    exclude: process.env.INCIDENTKIT_PACKAGE_TEST
      ? ['**/node_modules/**']
      : ['**/node_modules/**', 'test/package/**'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.test.json' },
    testTimeout: 30_000,
    pool: 'forks',
  },
});
