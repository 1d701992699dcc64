import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../src/importers');
const sources = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((file) => [file, readFileSync(join(dir, file), 'utf8')] as const);
const importsOf = (source: string) =>
  [...source.matchAll(/^(import|export)( type)? [^;]*? from '([^']+)';/gms)].map((m) => ({
    typeOnly: !!m[2],
    from: m[3]!,
  }));

const RUNTIME_ALLOWED = new Set([
  '../model/errors.js',
  '../model/time.js',
  '../model/limits.js',
  '../model/milestones.js',
  // snapshotInput / readOptions: zod appears there only as a type.
  '../model/validate.js',
  // Time zones: the names the runtime knows, and wall-clock arithmetic (loads @date-fns/tz/tzOffset).
  '../model/time-zone.js',
  '../model/wall-clock.js',
  '../model/white-space.js',
  '../model/plain-object.js',
  // csv-parse's browser build: its Node entry (`csv-parse/sync`) uses the Node global Buffer.
  'csv-parse/browser/esm/sync',
]);

describe('src/importers', () => {
  it('imports at run time only zod-free model files, its own files and csv-parse’s browser build', () => {
    for (const [file, source] of sources) {
      for (const { typeOnly, from } of importsOf(source)) {
        if (typeOnly) {
          expect([file, from]).toSatisfy(
            ([, f]: [string, string]) =>
              f.startsWith('./') || f === '../model/index.js' || f === '../metrics/index.js',
          );
        } else {
          expect([file, from]).toSatisfy(
            ([, f]: [string, string]) => f.startsWith('./') || RUNTIME_ALLOWED.has(f),
          );
        }
      }
    }
  });

  it('reads no clock and no Node globals', () => {
    for (const [file, source] of sources) {
      const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      expect(code, file).not.toMatch(
        /Date\.now\(|new Date\(\)|process\.|require\(|globalThis|(?<![A-Za-z])Buffer\b|from 'node:/,
      );
    }
  });

  it('bundles for a browser with no node: import and nothing left to resolve', async () => {
    const result = await build({
      entryPoints: [join(dir, 'index.ts')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      write: false,
      metafile: true,
      minify: true,
      logLevel: 'silent',
    });
    const output = Object.values(result.metafile.outputs)[0]!;
    expect(output.imports).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(
      inputs.filter((f) => f.includes('node_modules')).map((f) => f.replace(/.*node_modules\//, '')),
    ).toEqual(expect.arrayContaining(['csv-parse/dist/esm/sync.js', '@date-fns/tz/tzOffset/index.js']));
    expect(inputs.some((f) => f.includes('/zod/') || f.includes('/xstate/'))).toBe(false);
    expect(result.outputFiles[0]!.text).not.toMatch(/["']node:/);
  });
});
