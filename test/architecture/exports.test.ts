/**
 * The package's entry points list their names (no `export *` in src/index.ts or src/model/index.ts),
 * and the root entry point names exactly what the subpaths do: every value and type of every
 * subpath, nothing else, none shadowed. Read with the TypeScript checker, so types count too.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = resolve(fileURLToPath(import.meta.url), '../../../src');
const SUBPATHS = [
  'adapters',
  'comms',
  'importers',
  'lifecycle',
  'manager',
  'metrics',
  'model',
  'postmortem',
  'severity',
];

const program = ts.createProgram([join(src, 'index.ts')], {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  strict: true,
  noEmit: true,
});
const checker = program.getTypeChecker();

function exportsOf(file: string): string[] {
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`not in the program: ${file}`);
  const symbol = checker.getSymbolAtLocation(source);
  return symbol ? checker.getExportsOfModule(symbol).map((s) => s.name) : [];
}

describe('the entry points', () => {
  it('list their names: no export * in src/index.ts or src/model/index.ts', () => {
    for (const file of ['index.ts', 'model/index.ts'])
      expect(readFileSync(join(src, file), 'utf8'), file).not.toMatch(/export \* from/);
  });

  it('the root names every name of every subpath, and nothing else', { timeout: 120_000 }, () => {
    const root = new Set(exportsOf(join(src, 'index.ts')));
    const all = new Set<string>();
    const missing: string[] = [];
    for (const subpath of SUBPATHS)
      for (const name of exportsOf(join(src, subpath, 'index.ts'))) {
        all.add(name);
        if (!root.has(name)) missing.push(`${subpath}: ${name}`);
      }
    expect(missing, 'add them to src/index.ts').toEqual([]);
    expect([...root].filter((name) => !all.has(name))).toEqual([]);
  });
});
