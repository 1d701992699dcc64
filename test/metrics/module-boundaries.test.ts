import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../src/metrics');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
const sources = files.map((file) => [file, readFileSync(join(dir, file), 'utf8')] as const);
/** Every module specifier a file imports, with whether the import is type-only. */
const importsOf = (source: string) =>
  [...source.matchAll(/^(import|export)( type)? [^;]*? from '([^']+)';/gms)].map((m) => ({
    typeOnly: !!m[2],
    from: m[3]!,
  }));

describe('src/metrics', () => {
  it('imports at runtime only the zod-free model files, its own files and @date-fns/tz', () => {
    const validate = sources.find(([f]) => f === 'validate.ts')![1];
    expect(importsOf(validate)).toContainEqual({ typeOnly: false, from: '../model/errors.js' });
    for (const [file, source] of sources) {
      for (const { typeOnly, from } of importsOf(source)) {
        if (typeOnly) continue;
        expect([file, from]).toSatisfy(
          ([, f]: [string, string]) =>
            f.startsWith('./') ||
            f === '../model/errors.js' ||
            f === '../model/time.js' ||
            f === '@date-fns/tz/tzOffset',
        );
      }
    }
  });

  it('keeps time-zone code in the one file the time-zone calculators use', () => {
    const withTz = sources.filter(([, s]) => s.includes('@date-fns/tz')).map(([f]) => f);
    expect(withTz).toEqual(['local-time.ts']);
    // The named metrics' module graph does not reach it.
    const reach = (file: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(file)) return seen;
      seen.add(file);
      const source = sources.find(([f]) => f === file)?.[1] ?? '';
      for (const { typeOnly, from } of importsOf(source)) {
        if (!typeOnly && from.startsWith('./')) reach(from.slice(2).replace(/\.js$/, '.ts'), seen);
      }
      return seen;
    };
    expect([...reach('standard-metrics.ts')]).not.toContain('local-time.ts');
    expect([...reach('recurrence-rate.ts')]).not.toContain('local-time.ts');
    expect([...reach('action-item-completion.ts')]).not.toContain('local-time.ts');
  });

  it('reads no clock and no Node globals', () => {
    for (const [file, source] of sources) {
      expect(source, file).not.toMatch(
        /Date\.now\(|new Date\(\)|process\.|require\(|globalThis|(?<![A-Za-z])Buffer\b/,
      );
    }
  });
});
