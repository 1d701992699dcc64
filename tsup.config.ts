import { defineConfig } from 'tsup';

export const modules = [
  'lifecycle',
  'severity',
  'comms',
  'postmortem',
  'metrics',
  'adapters',
  'manager',
  'importers',
] as const;

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    ...Object.fromEntries(modules.map((m) => [`${m}/index`, `src/${m}/index.ts`])),
  },
  format: ['esm', 'cjs'],
  dts: true,
  splitting: true,
  treeshake: true,
  sourcemap: false,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  external: ['node:*', 'pg', '@electric-sql/pglite'],
});
