import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QUICKSTART_LINES, quickstartBlock, readmeQuickstart } from './readme-quickstart.js';

describe('README quickstart', () => {
  it(`is the first ${QUICKSTART_LINES} lines of examples/quickstart.ts (imports as a user writes them)`, () => {
    const readme = readFileSync('README.md', 'utf8');
    const example = readFileSync('examples/quickstart.ts', 'utf8');
    expect(readmeQuickstart(readme)).toBe(quickstartBlock(example));
  });
});
