import { describe, expect, it } from 'vitest';
import { declareIncident, initialNotification, renderMessage } from '../../src/index.js';
import { kitError, MINUTE, min, sev1Stages, T0 } from './helpers.js';

const { declared, mitigating } = sev1Stages();
const value = (m: { fields: { key: string; value: string }[] }, key: string) =>
  m.fields.find((f) => f.key === key)?.value;

describe('initialNotification', () => {
  it('says what happened, its impact, status, commander and channel', () => {
    const m = initialNotification(mitigating);
    expect(m).toMatchObject({
      kind: 'initial-notification',
      incidentId: 'INC-2041',
      audience: 'stakeholders',
      title: 'SEV1 incident declared: Checkout API returning 502s',
      body: 'Customers cannot complete checkout; payment requests time out after 30 s.',
      severity: 'SEV1',
      channel: 'incident-2026-11-24-checkout-api-returning-502s',
    });
    expect(value(m, 'severity')).toBe('SEV1 (Critical)');
    expect(value(m, 'status')).toBe('Mitigating');
    expect(value(m, 'impact')).toBe(
      'Core functionality down; 62% of users affected; customer-facing; regions eu-west-1',
    );
    expect(value(m, 'services')).toBe('checkout-api, payments');
    expect(value(m, 'commander')).toBe('Alice Chen');
    expect(value(m, 'commsLead')).toBe('Bob Okafor');
    expect(value(m, 'channel')).toBe('#incident-2026-11-24-checkout-api-returning-502s');
    expect(value(m, 'started')).toBe('2026-11-24 08:54 UTC');
    expect(value(m, 'detected')).toBe('2026-11-24 09:00 UTC');
  });

  it('is timed at the latest timeline event unless options.at is given', () => {
    expect(initialNotification(mitigating).at).toBe(min(15));
    expect(initialNotification(declared).at).toBe(T0);
    expect(initialNotification(mitigating, { at: '2026-11-24T09:20:00+00:00' }).at).toBe(min(20));
  });

  it('schedules the next update one cadence interval after the message time', () => {
    const m = initialNotification(mitigating, { at: min(20) });
    expect(m.nextUpdateAt).toBe(min(35));
    expect(value(m, 'nextUpdate')).toBe('2026-11-24 09:35 UTC (in 15 min)');
  });

  it('writes times in the given time zone', () => {
    const m = initialNotification(mitigating, { timeZone: 'America/Los_Angeles', at: min(20) });
    expect(m.timeZone).toBe('America/Los_Angeles');
    expect(value(m, 'detected')).toBe('2026-11-24 01:00 PST');
    expect(value(m, 'nextUpdate')).toBe('2026-11-24 01:35 PST (in 15 min)');
    expect(renderMessage(m, 'text')).toContain('Incident INC-2041 · 2026-11-24 01:20 PST');
  });

  it('says who is unassigned and what is not yet known', () => {
    const { incident } = declareIncident({ incidentId: 'INC-9', title: 'Odd latency', at: T0 });
    const m = initialNotification(incident, { audience: 'responders' });
    expect(m.audience).toBe('responders');
    expect(m.title).toBe('SEV2 incident declared: Odd latency');
    expect(value(m, 'commander')).toBe('Unassigned');
    expect(value(m, 'impact')).toBe('Not yet known');
    expect(m.fields.map((f) => f.key)).not.toContain('commsLead');
    expect(m.fields.map((f) => f.key)).not.toContain('started');
    expect(m.body).toBeUndefined();
  });

  it('has no next update when the severity has no cadence', () => {
    const { incident } = declareIncident({
      incidentId: 'INC-3',
      title: 'Slow admin page',
      at: T0,
      severity: 'SEV3',
    });
    const m = initialNotification(incident);
    expect(m.nextUpdateAt).toBeUndefined();
    expect(m.fields.map((f) => f.key)).not.toContain('nextUpdate');
  });

  it('follows the cadence of a custom policy', () => {
    const policy = { requirements: { SEV1: { updateEveryMinutes: 10 } } };
    expect(initialNotification(mitigating, { policy, at: min(20) }).nextUpdateAt).toBe(min(30));
  });

  it('does not mutate the incident', () => {
    const before = structuredClone(mitigating);
    initialNotification(mitigating, { timeZone: 'Europe/Berlin' });
    expect(mitigating).toEqual(before);
  });

  it('rejects a bad incident or options with INVALID_INPUT naming the field', () => {
    expect(kitError(() => initialNotification({ ...mitigating, title: 42 } as never)).issues[0]?.path).toBe(
      'incident.title',
    );
    expect(kitError(() => initialNotification(null as never)).code).toBe('INVALID_INPUT');
    expect(
      kitError(() => initialNotification(mitigating, { timeZone: 'Nowhere/Land' })).issues[0]?.path,
    ).toBe('options.timeZone');
    expect(kitError(() => initialNotification(mitigating, { at: '2026-11-24T09:00' })).issues[0]?.path).toBe(
      'options.at',
    );
    expect(kitError(() => initialNotification(mitigating, { colour: 'red' } as never)).issues[0]?.path).toBe(
      'options',
    );
    expect(
      kitError(() => initialNotification(mitigating, { policy: { default: 'SEV9' } })).issues[0]?.path,
    ).toMatch(/^options\.policy/);
    expect(kitError(() => initialNotification(mitigating, { at: -MINUTE })).code).toBe('INVALID_INPUT');
  });

  it('rejects a policy other than the one the incident was declared under with POLICY_MISMATCH', () => {
    const policy = {
      id: 'two-levels',
      scale: [
        { key: 'HIGH', rank: 1, name: 'High', aliases: [] },
        { key: 'LOW', rank: 2, name: 'Low', aliases: [] },
      ],
      default: 'LOW',
      uncertain: 'HIGH',
      rules: [],
      requirements: {},
    };
    const error = kitError(() => initialNotification(mitigating, { policy }));
    expect(error.code).toBe('POLICY_MISMATCH');
    expect(error.details).toMatchObject({ expectedPolicyId: 'default', actualPolicyId: 'two-levels' });
  });

  it('follows a custom scale for an incident declared under it, and rejects a severity a later version dropped', () => {
    const scale = [
      { key: 'HIGH', rank: 1, name: 'High', aliases: [] },
      { key: 'LOW', rank: 2, name: 'Low', aliases: [] },
    ];
    const policy = {
      id: 'two-levels',
      scale,
      default: 'LOW',
      uncertain: 'HIGH',
      rules: [],
      requirements: {},
    };
    const { incident } = declareIncident({ title: 'Queue backlog', at: T0, severity: 'HIGH' }, { policy });
    expect(value(initialNotification(incident, { policy }), 'severity')).toBe('HIGH (High)');
    const later = { ...policy, scale: [{ ...scale[1]!, rank: 1 }], default: 'LOW', uncertain: 'LOW' };
    expect(kitError(() => initialNotification(incident, { policy: later })).issues[0]?.path).toBe(
      'incident.severity',
    );
  });

  it('links a real Slack channel as <#id> in Slack and a Teams channel as a deep link', () => {
    const slack = renderMessage(
      initialNotification(mitigating, { channel: { id: 'C0123ABCD', name: 'inc-checkout' } }),
      'slack',
    );
    const cells = slack.blocks.flatMap((b) => (b.type === 'section' && b.fields ? b.fields : []));
    expect(cells.map((c) => c.text)).toContain('*Channel*\n<#C0123ABCD>');
    const m = initialNotification(mitigating, {
      channel: { id: '19:abc_DEF-1@thread.tacv2', name: 'Incident checkout' },
    });
    expect(m.channel).toBe('Incident checkout');
    const run = renderMessage(m, 'teams')
      .attachments[0].content.body.flatMap((b) => b.inlines)
      .find((r) => r.selectAction !== undefined);
    expect(run).toMatchObject({
      text: '#\u200BIncident checkout',
      selectAction: {
        type: 'Action.OpenUrl',
        url: 'https://teams.microsoft.com/l/channel/19%3Aabc_DEF-1%40thread.tacv2/Incident%20checkout',
      },
    });
    expect(renderMessage(m, 'markdown')).toContain(
      '(https://teams.microsoft.com/l/channel/19%3Aabc_DEF-1%40thread.tacv2/Incident%20checkout)',
    );
  });

  it('shows a channel reference without a link as text, and rejects a malformed one', () => {
    const m = initialNotification(mitigating, { channel: { id: 'team-chat-42', name: '#war-room' } });
    expect(value(m, 'channel')).toBe('#war-room');
    expect(m.fields.find((f) => f.key === 'channel')?.url).toBeUndefined();
    expect(JSON.stringify(renderMessage(m, 'slack'))).not.toContain('<#');
    expect(
      kitError(() => initialNotification(mitigating, { channel: { id: '<!here>', name: 'x' } })).issues[0]
        ?.path,
    ).toBe('options.channel.id');
    expect(
      kitError(() => initialNotification(mitigating, { channel: { id: 'C1', name: ' ' } })).issues[0]?.path,
    ).toBe('options.channel.name');
    expect(
      kitError(() =>
        initialNotification(mitigating, { channel: { id: 'C1', name: 'x', url: 'javascript:alert(1)' } }),
      ).issues[0]?.path,
    ).toBe('options.channel.url');
    const linked = initialNotification(mitigating, {
      channel: { id: 'team-chat-42', name: 'war-room', url: 'https://chat.example.com/c/42' },
    });
    expect(linked.fields.find((f) => f.key === 'channel')?.url).toBe('https://chat.example.com/c/42');
  });
});
