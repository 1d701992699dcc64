import { describe, expect, it } from 'vitest';
import { runExample } from './run-example.js';

describe('examples/custom-policy.ts', () => {
  it('loads the policy from JSON, refuses a broken copy naming the rule, and replays stored incidents after it is made stricter', async () => {
    const { stdout } = await runExample('custom-policy.ts');
    expect(stdout).toContain('policy acme@2026-11: 5 rules');
    expect(stdout).toContain(
      'policy.rules[0] (data-or-security).severity "SEV9" is not a severity of the scale',
    );
    expect(stdout).toContain('under 2026-11: "EU checkout slow" is SEV3');
    expect(stdout).toContain('policy acme@2026-12: 6 rules; the same impact is now SEV2');
    expect(stdout).toContain(
      'replayed under 2026-12: SEV3, mitigate, v4 (stored: SEV3, mitigate, v4), stamped acme@2026-11',
    );
    expect(stdout).toContain('declared under 2026-12: "EU search slow" is SEV2');
    expect(stdout).toMatch(
      /"Avatars missing" \(SEV3\): cannot TRIAGE \S+ \(phase triage\): severity SEV3 requires role commsLead/,
    );
    expect(stdout).toContain('"EU checkout slow" carries on: resolve, still SEV3');
  });
});
