import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
let out: string;
let stdout: string;

// One run of the whole demo (PGlite start, the incident, 520 stored incidents, the report) is
// shared by the assertions below; on a busy 2-core machine it takes well under its 3-minute budget.
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'incidentkit-demo-'));
  const env = { ...process.env, INCIDENTKIT_DEMO_OUT: out };
  ({ stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/demo.ts'], {
    env,
    maxBuffer: 1 << 24,
  }));
}, 180_000);
afterAll(() => rm(out, { recursive: true, force: true }));

describe('examples/demo.ts (npm run demo)', () => {
  it('names the store on its first line', () => {
    const first = stdout.split('\n')[0];
    expect(first).toMatch(
      process.env.DATABASE_URL
        ? /^incidentkit demo — store: PostgreSQL server at /
        : /^incidentkit demo — store: PGlite /,
    );
  });

  it('declares from an Alertmanager alert, classifies by policy and attaches the repeat', () => {
    expect(stdout).toContain('SEV2  declared from Alertmanager alert c6eadffa33fcdf37');
    expect(stdout).toContain('→ SEV2 (SEV2: a customer-facing service is degraded)');
    expect(stdout).toContain('the same alert again → attached to inc_demo0001 (no second incident)');
    expect(stdout).toContain('slack ◂ SEV2 incident declared: Checkout API returning 502s');
  });

  it('refuses triage until the roles SEV2 requires are held', () => {
    expect(stdout).toContain('triage refused — GUARD_REJECTED');
    expect(stdout).toMatch(/\[mitigate\] v 5 SEV2 {2}triaged SEV2/);
  });

  it('reminds once about the overdue update and delivers the reminder to Slack', () => {
    expect(stdout).toContain('due: update (due 11-24 10:08)');
    expect(stdout).toContain('remind → 1 reminder(s); again → 0 (once per due item)');
    expect(stdout).toContain('slack ◂ Status update overdue: Checkout API returning 502s');
  });

  it('survives the Slack outage with every message delivered exactly once', () => {
    expect(stdout).toMatch(/round 1 \(Slack down\): 1 attempted, 0 delivered, 1 to retry, 0 dead/);
    expect(stdout).toContain('delivered 13, retried 3 (3 refused by the receiver while down), dead 0');
    expect(stdout).toContain('Slack received 13 message(s), 13 distinct: none lost, none doubled');
  });

  it('lints the blameful draft, publishes the corrected one and closes', () => {
    expect(stdout).toMatch(/error {3}person-as-cause: names "bob"/);
    expect(stdout).toContain('corrected draft: 0 errors');
    expect(stdout).toContain('postmortem published at https://wiki.example.com/pm/inc_demo0001');
    expect(stdout).toContain('slack ◂ Postmortem published: Checkout API returning 502s');
    expect(stdout).toMatch(/\[closed {2}\] v14 SEV2 {2}closed/);
  });

  it('stores a seeded year of 520 incidents and writes the postmortem, the report and the diagram', async () => {
    expect(stdout).toContain('stored 520 of 520 incidents');
    expect(stdout).toContain('521 incidents in the store, detected 2025-11-2');
    for (const file of ['postmortem.md', 'report.html', 'lifecycle.md'])
      expect(stdout).toContain(join(out, file));
    expect(await readFile(join(out, 'postmortem.md'), 'utf8')).toContain('connection-pool limit');
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/<svg/);
    expect(html).toContain('521');
    expect(await readFile(join(out, 'lifecycle.md'), 'utf8')).toContain('stateDiagram-v2');
  });
});
