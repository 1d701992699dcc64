import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

describe('docs/integrations.md', () => {
  it('runs its wiring example as written (against the sources)', async () => {
    const doc = readFileSync(join(root, 'docs/integrations.md'), 'utf8');
    const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThanOrEqual(1);
    const source = blocks
      .join('\n')
      .replace(
        /from 'incidentkit(?:\/(\w+))?'/g,
        (_, sub: string | undefined) => `from ${JSON.stringify(join(root, 'src', sub ?? '', 'index.ts'))}`,
      );
    const dir = mkdtempSync(join(tmpdir(), 'incidentkit-docs-'));
    try {
      const file = join(dir, 'integrations-example.ts');
      writeFileSync(file, `${source}\nexport { sent, declared, report };\n`);
      const example = await import(file);
      expect(example.declared?.action).toBe('declared');
      expect(example.report.delivered).toBeGreaterThanOrEqual(2);
      const slack = example.sent.find((s: { url: string }) => s.url.includes('hooks.slack.com'));
      expect(slack.body.blocks.length).toBeGreaterThan(0);
      const page = example.sent.find((s: { url: string }) => s.url.includes('pagerduty'));
      expect(page.body).toMatchObject({ event_action: 'trigger', dedup_key: example.declared.incident.id });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
