import { describe, expect, it } from 'vitest';
import { fromOpsgenie } from '../../src/importers/index.js';
import { errorOf } from '../errors.js';
import { byId, fixture, ms, warningOf } from './helpers.js';

const result = fromOpsgenie(fixture('opsgenie-incidents.json'));

describe('fromOpsgenie', () => {
  it('maps impactStartDate, createdAt and impactEndDate onto startedAt, detectedAt and resolvedAt', () => {
    expect(byId(result, '70413a06-38d6-4c85-92b8-5ebc900d42e2')).toEqual({
      id: '70413a06-38d6-4c85-92b8-5ebc900d42e2',
      externalId: '42',
      title: 'Payments API 5xx above 2%',
      severity: 'SEV1',
      source: 'internal',
      drill: false,
      services: ['9d3a52f1-0a8b-4e3f-9d26-3f1b6f2c7a10'],
      tags: ['payments', 'p1-page'],
      phase: 'closed',
      milestones: {
        startedAt: ms('2026-11-02T08:58:00Z'),
        detectedAt: ms('2026-11-02T09:05:00Z'),
        resolvedAt: ms('2026-11-02T10:20:00Z'),
      },
    });
  });

  it('never takes updatedAt as the resolution: a closed incident without impactEndDate has no resolvedAt', () => {
    const closed = byId(result, '8a1d2b3c-0000-4000-8000-000000000002');
    expect(closed.milestones.resolvedAt).toBeUndefined();
    expect(closed.phase).toBe('closed');
    expect(closed.severity).toBe('SEV4');
    expect(warningOf(result, 'resolvedAt')).toMatchObject({ count: 1, rows: [1] });
  });

  it('reads +01:00 offsets, and nulls as absent', () => {
    expect(byId(result, '8a1d2b3c-0000-4000-8000-000000000003').milestones).toEqual({
      detectedAt: ms('2026-11-05T11:00:00Z'),
    });
  });

  it('skips an incident without createdAt and keeps one whose priority says nothing, without severity', () => {
    expect(result.skipped).toEqual([
      { row: 3, reason: 'createdAt is missing', id: '8a1d2b3c-0000-4000-8000-000000000004' },
    ]);
    expect(byId(result, '8a1d2b3c-0000-4000-8000-000000000005').severity).toBeUndefined();
    expect(warningOf(result, 'severity')).toMatchObject({ example: 'urgent-ish', rows: [4] });
  });

  it('maps P5 as the policy asks through severityMap, and by rank onto a custom scale', () => {
    expect(
      byId(
        fromOpsgenie(fixture('opsgenie-incidents.json'), { severityMap: { P5: 'SEV3' } }),
        '8a1d2b3c-0000-4000-8000-000000000002',
      ).severity,
    ).toBe('SEV3');
    const custom = fromOpsgenie(fixture('opsgenie-incidents.json'), {
      severityKeys: ['critical', 'major', 'minor'],
    });
    expect(custom.incidents.map((i) => i.severity)).toEqual(['critical', 'minor', 'minor', undefined]);
  });

  it('rejects another vendor’s list and a bad severityKeys option', () => {
    expect(errorOf(() => fromOpsgenie({ incidents: [] })).reason).toMatch(/Opsgenie incident list/);
    expect(errorOf(() => fromOpsgenie({ data: [] }, { severityKeys: [] })).issues[0]?.path).toBe(
      'options.severityKeys',
    );
  });
});
