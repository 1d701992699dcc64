import { describe, expect, it } from 'vitest';
import { acknowledgement, renderMessage } from '../../src/index.js';
import { kitError, min, sev1Stages } from './helpers.js';

const { declared, mitigating } = sev1Stages();
const value = (m: { fields: { key: string; value: string }[] }, key: string) =>
  m.fields.find((f) => f.key === key)?.value;

describe('acknowledgement', () => {
  it('tells responders who acknowledged, when, and how long after detection', () => {
    const m = acknowledgement(mitigating, { at: min(2) });
    expect(m).toMatchObject({
      kind: 'acknowledged',
      incidentId: 'INC-2041',
      audience: 'responders',
      title: 'Acknowledged: Checkout API returning 502s',
      acknowledgedAt: min(2),
      acknowledgedBy: 'alice',
      severity: 'SEV1',
      at: min(2),
    });
    expect(value(m, 'timeToAcknowledge')).toBe('2 min');
    expect(value(m, 'acknowledged')).toBe('2026-11-24 09:02 UTC');
    expect(renderMessage(m, 'text')).toContain('Acknowledged by: alice');
  });

  it('writes its times in the requested zone', () => {
    const m = acknowledgement(mitigating, { timeZone: 'America/New_York' });
    expect(value(m, 'acknowledged')).toBe('2026-11-24 04:02 EST');
  });

  it('rejects an incident nobody acknowledged', () => {
    expect(kitError(() => acknowledgement(declared)).issues[0]?.path).toBe(
      'incident.milestones.acknowledgedAt',
    );
  });
});
