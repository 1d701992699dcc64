import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

describe('docs/comms.md', () => {
  it('runs its examples as written (against the sources)', async () => {
    const doc = readFileSync(join(root, 'docs/comms.md'), 'utf8');
    const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    const source = blocks
      .join('\n')
      .replace(
        /from 'incidentkit(?:\/(\w+))?'/g,
        (_, sub: string | undefined) => `from ${JSON.stringify(join(root, 'src', sub ?? '', 'index.ts'))}`,
      );
    const dir = mkdtempSync(join(tmpdir(), 'incidentkit-docs-'));
    try {
      const file = join(dir, 'comms-example.ts');
      writeFileSync(file, `${source}\nexport { update, slack, email, publicPost, titled };\n`);
      const example = await import(file);
      expect(example.update.nextUpdateAt).toBe(Date.parse('2026-11-24T09:35:00Z'));
      expect(example.slack.blocks[0].text.text).toBe('SEV1 update: Checkout API returning 502s');
      expect(example.email).toContain('<h2>SEV1 update: Checkout API returning 502s</h2>');
      expect(example.publicPost.status).toBe('identified');
      expect(example.titled.title).toBe('[SEV1 (Critical)] Checkout API returning 502s');
      expect(example.titled.fields.at(-1).label).toBe('Nächstes Update');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
