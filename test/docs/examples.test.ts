/**
 * One harness for every example a user reads: each ```ts block of docs/*.md and each TSDoc
 * `@example` in src/ is run against the sources, and a line written `expression; // value` checks
 * that the expression equals the value (when the value is a plain literal), so a wrong example value
 * fails here instead of being fixed by hand.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const scratch = join(root, 'test/.artifacts/examples');
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Example {
  readonly where: string;
  readonly code: string;
  /** For a TSDoc example: the file it documents, whose exports it may use without importing them. */
  readonly self?: { readonly path: string; readonly names: readonly string[] };
}

/** The names a source file exports as values (functions, constants, classes). */
function exportedValues(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^export (?:async )?(?:function\*?|const|let|class) ([A-Za-z_$][\w$]*)/gm)].map(
    (m) => m[1]!,
  );
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every ```ts block of a markdown guide, with its line number. */
function docExamples(file: string): Example[] {
  const text = readFileSync(file, 'utf8');
  const out: Example[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```ts') continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end]!.trim() !== '```') end++;
    out.push({ where: `${relative(root, file)}:${start + 1}`, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return out;
}

/** Every `@example` ```ts block in the TSDoc comments of a source file. */
function sourceExamples(file: string): Example[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example\s*$/.test(lines[i]!)) continue;
    let j = i + 1;
    while (j < lines.length && !/^\s*\*\s*```ts\s*$/.test(lines[j]!)) {
      if (/^\s*\*\//.test(lines[j]!)) break;
      j++;
    }
    if (j >= lines.length || !/```ts/.test(lines[j]!)) continue;
    const start = j + 1;
    let end = start;
    while (end < lines.length && !/^\s*\*\s*```\s*$/.test(lines[end]!)) end++;
    const code = lines
      .slice(start, end)
      .map((line) => line.replace(/^\s*\* ?/, ''))
      .join('\n');
    const self = /^\s*import\s/m.test(code) ? undefined : { path: file, names: exportedValues(file) };
    out.push({ where: `${relative(root, file)}:${start + 1}`, code, ...(self ? { self } : {}) });
    i = end;
  }
  return out;
}

/** A plain literal (string, number, boolean, null, array or object of those), or `undefined`. */
function literal(text: string): { value: unknown } | undefined {
  let t = text.trim();
  // "900000 (15 minutes)", "'SEV2' — classified": the value is what comes before the gloss.
  t = t.replace(/\s+\(.*\)$/, '').replace(/\s+—.*$/, '');
  if (t === '' || t.includes('…')) return undefined;
  try {
    return { value: new Function(`"use strict"; return (${t});`)() };
  } catch {
    return undefined;
  }
}

const MODULE_ALIASES: Record<string, string> = {};
function specifierFor(spec: string): string {
  if (spec.startsWith('/')) return spec;
  const match = /^incidentkit(?:\/(\w+))?$/.exec(spec);
  if (!match) return spec;
  const sub = match[1];
  return MODULE_ALIASES[spec] ?? join(root, 'src', sub ?? '', 'index.ts').replace(/\\/g, '/');
}

/**
 * One module running many examples: imports hoisted as namespaces, each example in its own block
 * with its named imports destructured from them, checked lines turned into calls to `check`.
 */
function moduleFor(examples: readonly Example[], nested: boolean): { source: string; checks: number } {
  let checks = 0;
  const namespaces = new Map<string, string>();
  const ns = (spec: string) => {
    let name = namespaces.get(spec);
    if (!name) {
      name = `__ns${namespaces.size}`;
      namespaces.set(spec, name);
    }
    return name;
  };
  const bodies = examples.map((example, index) => {
    const out: string[] = [];
    const source = example.code.replace(
      /import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)';?/g,
      (_m, isType: string | undefined, names: string, spec: string) => {
        if (isType) return '';
        const parts = names
          .split(',')
          .map((n) => n.trim())
          .filter((n) => n && !n.startsWith('type '))
          .map((n) => n.replace(/\s+as\s+/, ': '));
        return parts.length ? `const { ${parts.join(', ')} } = ${ns(spec)};` : '';
      },
    );
    if (example.self && example.self.names.length > 0)
      out.push(`const { ${example.self.names.join(', ')} } = ${ns(example.self.path)};`);
    const lines = source.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const cut = line.lastIndexOf('; //');
      let statement = cut > 0 ? line.slice(0, cut) : undefined;
      // `console.log(x); // value` shows the value of x.
      if (statement?.startsWith('console.log(') && statement.endsWith(')'))
        statement = statement.slice(12, -1);
      const expected = statement === undefined ? undefined : literal(line.slice(cut + 4));
      if (
        statement !== undefined &&
        expected !== undefined &&
        !/^\s|^(const|let|var|import|export|return|throw|if|for|while)\b|(?<![=!<>])=(?![=>])/.test(statement)
      ) {
        checks++;
        out.push(
          `check(${statement}, ${JSON.stringify(expected.value)}, ${JSON.stringify(`${example.where}+${i}`)});`,
        );
      } else {
        out.push(line);
      }
    }
    const caught = `catch (error) { failures.push({ where: ${JSON.stringify(example.where)}, error: String(error instanceof Error ? error.stack ?? error.message : error).split('\\n').slice(0, 3).join(' | ') }); }`;
    return { code: out.join('\n'), caught, index };
  });
  // A guide's blocks build on each other: each runs inside the previous one's scope (and may shadow
  // it). TSDoc examples stand alone, each in its own block.
  const program = nested
    ? bodies.reduceRight((inner, b) => `try {\n${b.code}\n${inner}\n} ${b.caught}`, '')
    : bodies.map((b) => `{\ntry {\n${b.code}\n} ${b.caught}\n}`).join('\n');
  const imports = [...namespaces].map(
    ([spec, name]) => `import * as ${name} from ${JSON.stringify(specifierFor(spec))};`,
  );
  return {
    checks,
    source: `${imports.join('\n')}
export const failures: { where: string; error: string }[] = [];
function check(actual: unknown, expected: unknown, where: string): void {
  if (!__equal(actual, expected)) failures.push({ where, error: 'got ' + JSON.stringify(actual) + ', the example says ' + JSON.stringify(expected) });
}
function __equal(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return false;
  if (Array.isArray(b)) return Array.isArray(a) && a.length === b.length && b.every((v, i) => __equal(a[i], v));
  // An object literal in a comment names the fields it shows; others may be there too.
  return Object.entries(b as Record<string, unknown>).every(([k, v]) => __equal((a as Record<string, unknown>)[k], v));
}
export async function run(): Promise<void> {
${program}
}
`,
  };
}

const docFiles = readdirSync(join(root, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => join(root, 'docs', f));
const sourceFiles = walk(join(root, 'src'));

describe('every example a user reads runs as written', () => {
  it.each([...docFiles.map((f) => ['docs', f] as const), ['src', 'all TSDoc @example blocks'] as const])(
    '%s: %s',
    async (kind, file) => {
      // An example that declares its inputs (`declare const x: T`) shows types: it compiles, it does not run.
      const examples = (kind === 'docs' ? docExamples(file) : sourceFiles.flatMap(sourceExamples)).filter(
        (e) => !/^\s*declare\s/m.test(e.code),
      );
      if (examples.length === 0) return;
      const name = kind === 'docs' ? relative(root, file).replace(/\W/g, '_') : 'tsdoc';
      const path = join(scratch, `${name}.ts`);
      const { source, checks } = moduleFor(examples, kind === 'docs');
      writeFileSync(path, source);
      console.log(
        `[examples] ${kind === 'docs' ? relative(root, file) : 'TSDoc'}: ${examples.length} run, ${checks} values checked`,
      );
      const mod = (await import(/* @vite-ignore */ path)) as {
        run(): Promise<void>;
        failures: { where: string; error: string }[];
      };
      await mod.run();
      expect(mod.failures, mod.failures.map((f) => `${f.where}: ${f.error}`).join('\n')).toEqual([]);
      expect(isDeepStrictEqual(mod.failures, [])).toBe(true);
    },
    120_000,
  );
});
