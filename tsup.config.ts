import { readFileSync } from 'node:fs';
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

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

export default defineConfig([
  {
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
  },
  // The `incidentkit` command: one ESM file for Node (the shebang comes from src/cli/main.ts); the
  // package's dependencies stay external, as they are installed with it.
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    dts: false,
    splitting: false,
    treeshake: true,
    sourcemap: false,
    clean: false,
    define: { __INCIDENTKIT_VERSION__: JSON.stringify(version) },
  },
]);
