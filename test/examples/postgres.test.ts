import { describe, expect, it } from 'vitest';
import { runExample } from './run-example.js';

describe('examples/postgres.ts', () => {
  if (!process.env.DATABASE_URL)
    console.log('examples/postgres.ts runs on PGlite here (set DATABASE_URL to run it on a server)');

  it('migrates twice without harm and lists the open incidents from the projection', async () => {
    const { stdout } = await runExample('postgres.ts');
    expect(stdout).toMatch(
      process.env.DATABASE_URL ? /^PostgreSQL \(DATABASE_URL\): schema / : /^PGlite: schema /,
    );
    expect(stdout).toContain('open incidents: 2\n');
    expect(stdout).toMatch(/SEV3 triage {3}Login latency above 2 s \(v2\)/);
    expect(stdout).toMatch(/SEV2 triage {3}Checkout API returning 502s \(v2\)/);
    expect(stdout).not.toContain('Search results stale');
    expect(stdout).toContain('checkout incident: hash chain intact over 2 events');
  }, 60_000);
});
