import { describe, expect, it } from 'vitest';
import { impactText } from '../../src/comms/message-fields.js';
import { applyEvent, declareIncident } from '../../src/index.js';

describe('the timeline and the comms impact field share one wording', () => {
  const impact = {
    coreFunctionalityDown: true,
    usersAffectedPct: 12.5,
    customerFacing: true,
    degraded: true,
    dataLoss: true,
    regions: ['eu-west-1'],
    revenueImpact: 12_500,
    attributes: { zone: 'b', cluster: 'k8s-3' },
  };

  it('says each fact with the same phrase, in the same order', () => {
    const { incident } = declareIncident({ incidentId: 'INC-1', title: 'x', at: 0 });
    const next = applyEvent(incident, { type: 'UPDATE_IMPACT', id: 'e2', at: 1, impact });
    const timeline = next.timeline.at(-1)!.text.replace('Impact updated: ', '').split(', ');
    const field = impactText(next.impact).split('; ');
    expect(field.map((p) => p.toLowerCase())).toEqual(timeline.map((p) => p.toLowerCase()));
    expect(timeline).toEqual([
      'core functionality down',
      '12.5% of users affected',
      'customer-facing',
      'degraded service',
      'data loss',
      'regions eu-west-1',
      'revenue impact 12,500',
      'cluster: k8s-3',
      'zone: b',
    ]);
  });

  it('the timeline records a flag turned off; the field shows only what holds', () => {
    const { incident } = declareIncident({
      incidentId: 'INC-1',
      title: 'x',
      at: 0,
      impact: { degraded: true },
    });
    const next = applyEvent(incident, {
      type: 'UPDATE_IMPACT',
      id: 'e2',
      at: 1,
      impact: { degraded: false },
    });
    expect(next.timeline.at(-1)!.text).toBe('Impact updated: service not degraded');
    expect(impactText(next.impact)).toBe('Not yet known');
  });
});
