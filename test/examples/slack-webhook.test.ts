import { describe, expect, it } from 'vitest';
import { runExample } from './run-example.js';

describe('examples/slack-webhook.ts', () => {
  it('routes each message to the channels its route names and dead-letters the archived channel at once', async () => {
    const { stdout } = await runExample('slack-webhook.ts', { SLACK_INCIDENTS_WEBHOOK_URL: '' });
    const lines = stdout.split('\n');
    const channel = (name: string) =>
      lines.filter((l) => l.startsWith(`#${name} `)).map((l) => l.split('◂ ')[1]);
    expect(channel('incidents')).toEqual([
      'SEV1 incident declared: Payments API timing out — Investigating (3 blocks)',
      'Acknowledged: Payments API timing out (3 blocks)',
      'SEV1 update: Payments API timing out — Failing over to the secondary region. (3 blocks)',
      'Resolved: Payments API timing out (3 blocks)',
    ]);
    expect(channel('leadership')).toEqual([
      'SEV1 incident declared: Payments API timing out — Investigating (3 blocks)',
      'Resolved: Payments API timing out (3 blocks)',
    ]);
    expect(stdout).toContain('delivered 6, dead-lettered 4, to retry 0');
    expect(stdout).toContain(
      'dead letter: status-page-update for old-status — DELIVERY_FAILED: old-status: Slack answered 410 channel_is_archived',
    );
  });
});
