import { describe, expect, it } from 'vitest';
import { runExample } from './run-example.js';

describe('examples/quickstart.ts', () => {
  it('declares a SEV2 by policy, delivers its messages and reports the postmortem that will be due', async () => {
    const { stdout } = await runExample('quickstart.ts');
    expect(stdout).toMatch(/^inc_\S+ declared as SEV2\n/);
    expect(stdout).toContain('→ SEV2 incident declared: Checkout API returning 502s');
    expect(stdout).toContain('→ Resolved: Checkout API returning 502s');
    expect(stdout).toMatch(/inc_\S+ is review: 8 messages delivered/);
    expect(stdout).toContain('overdue by then: postmortem');
  });
});
