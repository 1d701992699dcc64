import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('examples/demo.ts (npm run demo)', () => {
  it('walks an incident from declaration to closed, showing the guards, the lint and the metrics at work', () => {
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'examples/demo.ts'], {
      encoding: 'utf8',
    });
    expect(output).toContain('rejected TRIAGE — GUARD_REJECTED');
    expect(output).toContain('lint error person-as-cause');
    expect(output).toContain('clean draft: 0 lint errors');
    expect(output).toContain('rejected CLOSE — GUARD_REJECTED');
    expect(output).toMatch(/\[closed {2}\] v11 SEV2 {2}CLOSE/);
    expect(output).toContain(
      'definition mttr[impactStart→resolvedAt;mean,p50,p90,p95;open=exclude;reopen=last;wall]',
    );
    expect(output).toMatch(/MTTR median \d+ min, p90 \d+ min over 7 incidents/);
  });
});
