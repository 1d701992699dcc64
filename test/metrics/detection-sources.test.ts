import { describe, expect, it } from 'vitest';
import { detectionSources } from '../../src/metrics/index.js';
import type { IncidentSource } from '../../src/model/index.js';
import { expectInvalid, metricsIncident } from './helpers.js';

const from = (source: IncidentSource) => metricsIncident({ source, milestones: { detectedAt: 0 } });

describe('detectionSources', () => {
  it('splits automated detection from reports by people', () => {
    const result = detectionSources([
      from('monitoring'),
      from('synthetic'),
      from('anomaly'),
      from('customer'),
      from('internal'),
      from('customer'),
    ]);
    expect(result).toEqual({
      total: 6,
      automated: 3,
      customer: 2,
      internal: 1,
      automatedRate: 0.5,
      bySource: { monitoring: 1, synthetic: 1, anomaly: 1, customer: 2, internal: 1 },
    });
  });

  it('counts incident facts without a source as internal (as DECLARE does), and applies filters', () => {
    expect(detectionSources([{ milestones: { detectedAt: 0 } }]).internal).toBe(1);
    expect(detectionSources([from('customer'), from('monitoring')], { source: 'customer' }).total).toBe(1);
    expect(detectionSources([]).automatedRate).toBeNull();
  });

  it('rejects a source it does not know', () => {
    expectInvalid(
      () => detectionSources([{ milestones: { detectedAt: 0 }, source: 'pager' }] as never),
      'incidents[0].source',
    );
  });
});
