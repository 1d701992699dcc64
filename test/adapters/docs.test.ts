import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

describe('docs/adapters.md', () => {
  it('runs its examples as written (against the sources)', async () => {
    const doc = readFileSync(join(root, 'docs/adapters.md'), 'utf8');
    const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    const source = blocks
      .join('\n')
      .replace(
        /from 'incidentkit(?:\/(\w+))?'/g,
        (_, sub: string | undefined) => `from ${JSON.stringify(join(root, 'src', sub ?? '', 'index.ts'))}`,
      );
    const dir = mkdtempSync(join(tmpdir(), 'incidentkit-docs-'));
    try {
      const file = join(dir, 'adapters-example.ts');
      writeFileSync(
        file,
        `${source}\nexport { pool, pgStore, declared, conflict, incident, page, chain, anchor, first, second, seen, targets, authentic, received };\n`,
      );
      const ex = await import(file);
      expect(ex.pgStore.kind).toBe('postgres');
      await ex.pool.end();
      expect(ex.declared.version).toBe(1);
      expect(ex.conflict).toMatchObject({
        code: 'CONCURRENCY_CONFLICT',
        details: { expectedVersion: 0, actualVersion: 1 },
      });
      expect(ex.incident.phase).toBe('triage');
      expect(ex.page.items.map((i: { id: string }) => i.id)).toEqual(['INC-1']);
      expect(ex.chain).toMatchObject({ ok: true, length: 2 });
      expect(ex.anchor).toMatch(/^[0-9a-f]{64}$/);
      expect(ex.first).toMatchObject({ attempted: 1, retried: 1 });
      expect(ex.second).toMatchObject({ attempted: 1, delivered: 1 });
      expect(ex.seen).toHaveLength(1);
      expect(ex.seen[0]).toMatch(/#2: Checkout errors$/);
      expect(ex.targets).toEqual(['chat']);
      expect(ex.received[0].key).toBe('obx_demo');
      expect(ex.authentic).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
