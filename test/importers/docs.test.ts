import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const doc = readFileSync(join(root, 'docs/importers.md'), 'utf8');
const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
const dir = mkdtempSync(join(tmpdir(), 'incidentkit-importers-docs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs one code block of the guide as a module (imports pointed at the sources) and returns its consts. */
async function run(index: number): Promise<Record<string, unknown>> {
  const block = blocks[index]!;
  const source = block.replace(
    /from 'incidentkit(?:\/(\w+))?'/g,
    (_, sub: string | undefined) => `from ${JSON.stringify(join(root, 'src', sub ?? '', 'index.ts'))}`,
  );
  const names = [...block.matchAll(/^const (\w+)/gm)].map((m) => m[1]);
  const file = join(dir, `block-${index}.ts`);
  writeFileSync(file, `${source}\nexport { ${names.join(', ')} };\n`);
  return import(file);
}

describe('docs/importers.md', () => {
  it('has its examples', () => {
    expect(blocks.length).toBe(5);
  });

  it('imports an Opsgenie export and measures it', async () => {
    const { imported, importedMttr } = await run(0);
    expect(
      (imported as { incidents: { externalId: string; severity: string }[] }).incidents.map(
        (i) => `${i.externalId} ${i.severity}`,
      ),
    ).toEqual(['41 SEV1', '42 SEV4']);
    expect(importedMttr).toBe(5_400_000);
  });

  it('maps severities through severityMap, and names the unmapped value', async () => {
    const { severities, unmapped } = await run(1);
    expect(severities).toEqual(['SEV1', 'SEV2']);
    expect(unmapped).toBe('Sev-Urgent');
  });

  it('reads renamed incident.io timestamps and leaves an unset one out', async () => {
    const { ioMilestones } = await run(2);
    expect(ioMilestones).toEqual({
      startedAt: Date.parse('2026-11-10T15:50:00Z'),
      detectedAt: Date.parse('2026-11-10T16:00:00Z'),
      resolvedAt: Date.parse('2026-11-10T17:00:00Z'),
    });
  });

  it('reads a semicolon CSV in a time zone, across the spring-forward gap', async () => {
    const { sheetIncident, sheetSkipped } = await run(3);
    expect(sheetIncident).toMatchObject({
      id: 'OPS-1',
      severity: 'SEV2',
      services: ['checkout', 'payments'],
      milestones: { resolvedAt: Date.parse('2026-03-08T08:40:00Z') },
    });
    expect(sheetSkipped).toEqual([{ row: 3, reason: 'ticket (the id) is missing' }]);
  });

  it('streams rows from csv-parse through a row importer', async () => {
    const { streamSummary, streamedMttr } = await run(4);
    expect(streamSummary).toMatchObject({ rows: 2, imported: 1, skippedCount: 1 });
    expect(streamedMttr).toBe(3_600_000);
  });
});
