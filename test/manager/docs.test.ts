import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

describe('docs/manager.md', () => {
  it('runs its examples as written (against the sources) and they say what the guide says', async () => {
    const doc = readFileSync(join(root, 'docs/manager.md'), 'utf8');
    const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    const source = blocks
      .join('\n')
      .replace(
        /from 'incidentkit(?:\/(\w+))?'/g,
        (_, sub: string | undefined) => `from ${JSON.stringify(join(root, 'src', sub ?? '', 'index.ts'))}`,
      );
    const dir = mkdtempSync(join(tmpdir(), 'incidentkit-manager-docs-'));
    try {
      const file = join(dir, 'manager-example.ts');
      writeFileSync(
        file,
        `${source}\nexport { manager, incident, sent, first, retry, dueKinds, firstRound, secondRound, stopped };\n`,
      );
      const example = await import(file);
      expect((await example.manager.get(example.incident.id)).roles).toEqual({ commander: 'alice' });
      expect(example.sent).toEqual(['initial-notification']);
      expect(example.retry).toEqual(example.first);
      expect(example.dueKinds).toEqual(['acknowledge', 'roles']);
      expect([example.firstRound, example.secondRound]).toEqual([2, 0]);
      expect(example.stopped).toEqual({ rounds: 1, errors: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
