/**
 * The dependency rules of src/, in one table: which folders each folder may import (a module may
 * import any file of an allowed folder), no import cycles between files, metrics free of zod and
 * xstate, and no `node:` import outside the I/O layers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = resolve(fileURLToPath(import.meta.url), '../../../src');

const PURE = ['model', 'internal', 'severity', 'lifecycle', 'comms', 'postmortem', 'metrics'] as const;

/** Folder → the folders of ours it may import (itself always). */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  model: [],
  internal: ['model'],
  severity: ['model', 'internal'],
  lifecycle: ['model', 'internal', 'severity'],
  comms: ['model', 'internal', 'severity'],
  postmortem: ['model', 'internal', 'severity', 'lifecycle'],
  // Only model's zod-free files: checked separately below.
  metrics: ['model'],
  importers: ['model', 'metrics'],
  adapters: [...PURE],
  manager: [...PURE, 'adapters'],
  cli: [...PURE, 'adapters', 'manager', 'importers'],
  // The root barrel re-exports every module.
  '.': [...PURE, 'adapters', 'manager', 'importers'],
};

/** Folders that may import `node:` built-ins (they do I/O). */
const NODE_ALLOWED: ReadonlySet<string> = new Set(['cli']);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

interface ImportRef {
  readonly spec: string;
  readonly typeOnly: boolean;
}

function importsOf(file: string): ImportRef[] {
  const text = readFileSync(file, 'utf8');
  const refs: ImportRef[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm))
    refs.push({ spec: m[3]!, typeOnly: m[2] !== undefined });
  for (const m of text.matchAll(/^\s*import\s+'([^']+)'/gm)) refs.push({ spec: m[1]!, typeOnly: false });
  for (const m of text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) refs.push({ spec: m[1]!, typeOnly: false });
  return refs;
}

function folderOf(file: string): string {
  const rel = relative(src, file);
  const first = rel.split(/[\\/]/)[0]!;
  return first === rel ? '.' : first;
}

function resolveLocal(from: string, spec: string): string {
  return resolve(dirname(from), spec).replace(/\.js$/, '.ts');
}

const files = walk(src);
const graph = new Map<string, { local: string[]; external: ImportRef[]; typeOnlyLocal: Set<string> }>();
for (const file of files) {
  const local: string[] = [];
  const typeOnlyLocal = new Set<string>();
  const external: ImportRef[] = [];
  for (const ref of importsOf(file)) {
    if (ref.spec.startsWith('.')) {
      const target = resolveLocal(file, ref.spec);
      local.push(target);
      if (ref.typeOnly) typeOnlyLocal.add(target);
    } else external.push(ref);
  }
  graph.set(file, { local, external, typeOnlyLocal });
}

describe('the dependency rules of src/', () => {
  it('every folder imports only the folders the table allows', () => {
    const violations: string[] = [];
    for (const [file, { local }] of graph) {
      const from = folderOf(file);
      const allowed = ALLOWED[from];
      if (allowed === undefined) {
        violations.push(`${relative(src, file)}: folder ${from} has no row in the table`);
        continue;
      }
      for (const target of local) {
        const to = folderOf(target);
        if (to !== from && !allowed.includes(to))
          violations.push(`${relative(src, file)} → ${relative(src, target)}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('has no import cycle between files (type-only imports aside)', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(src, f)).join(' → '));
        return;
      }
      state.set(file, 'visiting');
      const node = graph.get(file);
      for (const next of node?.local ?? []) if (!node?.typeOnlyLocal.has(next)) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('metrics reaches only zod-free model files, and neither zod nor xstate', () => {
    const reached = new Set<string>();
    const stack = files.filter((f) => folderOf(f) === 'metrics');
    while (stack.length > 0) {
      const file = stack.pop()!;
      if (reached.has(file)) continue;
      reached.add(file);
      const node = graph.get(file);
      for (const next of node?.local ?? []) if (!node?.typeOnlyLocal.has(next)) stack.push(next);
    }
    const offenders = [...reached].flatMap((file) =>
      (graph.get(file)?.external ?? [])
        .filter((ref) => !ref.typeOnly && /^(zod|xstate)(\/|$)/.test(ref.spec))
        .map((ref) => `${relative(src, file)} imports ${ref.spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('imports node: built-ins only in the I/O layers', () => {
    const offenders: string[] = [];
    for (const [file, { external }] of graph) {
      if (NODE_ALLOWED.has(folderOf(file))) continue;
      for (const ref of external)
        if (ref.spec.startsWith('node:')) offenders.push(`${relative(src, file)} imports ${ref.spec}`);
    }
    expect(offenders).toEqual([]);
  });
});

describe('no god files', () => {
  it('no source file in src/ is over 500 lines', () => {
    const long: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts')) {
          const lines = readFileSync(path, 'utf8').split('\n').length;
          if (lines > 500) long.push(`${relative(src, path)}: ${lines} lines`);
        }
      }
    };
    walk(src);
    expect(long).toEqual([]);
  });
});
