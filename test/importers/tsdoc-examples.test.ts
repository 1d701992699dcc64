import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Every TSDoc @example of the importers runs, and each `expression; // literal` line holds.

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const src = join(root, 'src/importers');
const examples = readdirSync(src)
  .filter((f) => f.endsWith('.ts'))
  .flatMap((file) =>
    [...readFileSync(join(src, file), 'utf8').matchAll(/@example\n\s*\* ```ts\n([\s\S]*?)\n\s*\* ```/g)].map(
      (m, k) => [`${file} #${k + 1}`, m[1]!.replace(/^\s*\* ?/gm, '')] as const,
    ),
  );
const dir = mkdtempSync(join(tmpdir(), 'incidentkit-importers-examples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LITERAL = /^('[^']*'|-?\d+(?:\.\d+)?|true|false|undefined|null)$/;

describe('TSDoc examples of src/importers', () => {
  it('are there for the public functions', () => {
    expect(examples.length).toBeGreaterThanOrEqual(20);
  });

  it.each(examples)('%s runs and says what it returns', async (name, code) => {
    const checks: string[] = [];
    const body = code
      .split('\n')
      .map((line) => {
        const m = /^(.*\S);\s*\/\/\s*(.+?)\s*$/.exec(line);
        if (m === null || !LITERAL.test(m[2]!) || /^(import|const|let|type) /.test(m[1]!)) return line;
        checks.push(m[2]!);
        return `__check(${m[1]}, ${m[2]});`;
      })
      .join('\n')
      .replace(
        /from 'incidentkit(?:\/(\w+))?'/g,
        (_, sub: string | undefined) => `from ${JSON.stringify(join(root, 'src', sub ?? '', 'index.ts'))}`,
      );
    const file = join(dir, `${name.replace(/\W+/g, '-')}.ts`);
    const seen: [unknown, unknown][] = [];
    (globalThis as Record<string, unknown>).__seen = seen;
    writeFileSync(
      file,
      `const __check = (a: unknown, b: unknown) => (globalThis as any).__seen.push([a, b]);\n${body}\n`,
    );
    await import(file);
    expect(seen.length).toBe(checks.length);
    for (const [actual, expected] of seen) expect(actual).toEqual(expected);
  });
});
