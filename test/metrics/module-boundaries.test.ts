import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../src/metrics');
/** Every source file of the module, as a path relative to src/metrics (`engine/select.ts`). */
const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
const sources = files.map((file) => [file, readFileSync(join(dir, file), 'utf8')] as const);
/** Every module specifier a file imports, with whether the import is type-only. */
const importsOf = (source: string) =>
  [...source.matchAll(/^(import|export)( type)? [^;]*? from '([^']+)';/gms)].map((m) => ({
    typeOnly: !!m[2],
    from: m[3]!,
  }));
/** The file an import of `from` in `file` names, relative to src/metrics (`../model/time.ts`). */
const resolve = (file: string, from: string): string => {
  const out: string[] = [];
  for (const part of [...file.split('/').slice(0, -1), ...from.replace(/\.js$/, '.ts').split('/')]) {
    if (part === '..' && out.length > 0 && out.at(-1) !== '..') out.pop();
    else if (part !== '.') out.push(part);
  }
  return out.join('/');
};

describe('src/metrics', () => {
  it('imports at runtime only the zod-free model files and its own files', () => {
    const validate = sources.find(([f]) => f === 'engine/validate.ts')![1];
    expect(importsOf(validate)).toContainEqual({ typeOnly: false, from: '../../model/errors.js' });
    const allowed = [
      '../model/errors.ts',
      '../model/time.ts',
      '../model/time-zone.ts',
      '../model/wall-clock.ts',
    ];
    for (const [file, source] of sources) {
      for (const { typeOnly, from } of importsOf(source)) {
        if (typeOnly) continue;
        const target = from.startsWith('.') ? resolve(file, from) : from;
        expect([file, from]).toSatisfy(() => files.includes(target) || allowed.includes(target));
      }
    }
  });

  it('reaches time-zone code (model/wall-clock.ts, which loads @date-fns/tz) only from the calculators that take a zone', () => {
    expect(sources.filter(([, s]) => s.includes('@date-fns/tz')).map(([f]) => f)).toEqual([]);
    // The module graph of a file, within src/metrics plus the model files it names.
    const reach = (file: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(file)) return seen;
      seen.add(file);
      const source = sources.find(([f]) => f === file)?.[1] ?? '';
      for (const { typeOnly, from } of importsOf(source)) {
        const target = resolve(file, from);
        if (!typeOnly && (files.includes(target) || target.startsWith('../model/'))) reach(target, seen);
      }
      return seen;
    };
    const lean = reach('standard-metrics.ts');
    expect(lean).toContain('engine/duration-core.ts');
    for (const file of ['standard-metrics.ts', 'recurrence-rate.ts', 'action-item-completion.ts'])
      expect(reach(file), file).not.toContain('../model/wall-clock.ts');
    for (const file of ['incident-frequency.ts', 'on-call-load.ts', 'engine/business-hours.ts'])
      expect(reach(file), file).toContain('../model/wall-clock.ts');
  });

  it('keeps the engine in engine/ and the public calculators beside it, no file over 500 lines', () => {
    for (const name of ['select', 'run-part', 'duration-core', 'duration-accumulator', 'validate'])
      expect(files).toContain(`engine/${name}.ts`);
    for (const [file] of sources.filter(([f]) => !f.startsWith('engine/') && f !== 'index.ts')) {
      expect(sources.find(([f]) => f === 'index.ts')![1], file).toContain(
        `./${file.replace(/\.ts$/, '.js')}`,
      );
    }
    for (const [file, source] of sources) expect(source.split('\n').length, file).toBeLessThanOrEqual(500);
  });

  it('reads no clock and no Node globals', () => {
    for (const [file, source] of sources) {
      expect(source, file).not.toMatch(
        /Date\.now\(|new Date\(\)|process\.|require\(|globalThis|(?<![A-Za-z])Buffer\b/,
      );
    }
  });
});
