/**
 * Runs the example in docs/postmortems.md, so the guide cannot drift from the code: the block
 * between the example markers is copied to a temporary file with `incidentkit/<module>` pointed at
 * `src/<module>`, imported, and its output checked.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'incidentkit-docs-example-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function example(): string {
  const doc = readFileSync(join(root, 'docs/postmortems.md'), 'utf8');
  const block = /<!-- example:start -->\s*```ts\n([\s\S]*?)```\s*<!-- example:end -->/.exec(doc);
  if (!block) throw new Error('docs/postmortems.md has no example block');
  return block[1]!.replace(/from 'incidentkit\/(\w+)'/g, (_m, module: string) => {
    return `from '${join(root, 'src', module, 'index.ts').replace(/\\/g, '/')}'`;
  });
}

describe('docs/postmortems.md', () => {
  it('runs its example: lint findings, a clean rewrite, and a closed SEV1', async () => {
    const file = join(scratch, 'example.ts');
    writeFileSync(file, example());
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    });
    try {
      await import(/* @vite-ignore */ file);
    } finally {
      log.mockRestore();
    }
    expect(lines[0]).toBe('review between 2026-11-25T16:10:00.000Z and 2026-11-26T16:10:00.000Z');
    const findings = lines.slice(1, lines.indexOf('[]'));
    expect(findings.map((l) => l.split(':')[0])).toEqual([
      'error person-as-cause',
      'error action-item-owner',
      'error action-item-due-date',
      'warning vague-action-item',
    ]);
    expect(lines).toContain('[]');
    expect(lines.find((l) => l.startsWith('# Postmortem: Card payments failing at checkout'))).toBeDefined();
    expect(lines.at(-1)).toBe('closed');
  });
});
