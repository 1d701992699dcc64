import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lifecycleDiagram } from '../../src/lifecycle/index.js';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

describe('docs/lifecycle.md', () => {
  it('shows the diagram the machine generates today (regenerate it with lifecycleDiagram() when this fails)', () => {
    const doc = readFileSync(join(root, 'docs/lifecycle.md'), 'utf8');
    const block = /<!-- diagram:start[^>]*-->\n```mermaid\n([\s\S]*?)\n```\n<!-- diagram:end -->/.exec(doc);
    expect(block, 'docs/lifecycle.md has no generated diagram block').not.toBeNull();
    expect(block![1]).toBe(lifecycleDiagram().trimEnd());
  });
});
