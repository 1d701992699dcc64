import { describe, expect, it } from 'vitest';
import { readMapping } from '../../src/cli/mapping-option.js';
import { CSV_MAPPING_FIELDS, fromCsv } from '../../src/importers/index.js';

// --mapping accepts exactly the fields the importers define (one list, in src/importers).

describe('--mapping', () => {
  it('accepts every field a CSV mapping may name, and fromCsv takes what it reads', async () => {
    const pairs = CSV_MAPPING_FIELDS.map((field) => `${field}=col_${field}`).join(',');
    const mapping = await readMapping(pairs);
    expect(Object.keys(mapping).sort()).toEqual([...CSV_MAPPING_FIELDS].sort());
    const header = CSV_MAPPING_FIELDS.map((field) => `col_${field}`).join(',');
    expect(() => fromCsv(`${header}\n`, mapping)).not.toThrow();
  });

  it('refuses a field the importers do not know, listing the ones they do', async () => {
    const error = await readMapping('detectedAt=created,openedAt=opened').catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/unknown field openedAt; known: .*resolvedAt.*status/);
  });
});
