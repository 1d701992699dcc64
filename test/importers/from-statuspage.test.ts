import { describe, expect, it } from 'vitest';
import { fromStatuspage } from '../../src/importers/index.js';
import { errorOf } from '../errors.js';
import { byId, fixture, ms, warningOf } from './helpers.js';

const result = fromStatuspage(fixture('statuspage-incidents.json'));

describe('fromStatuspage', () => {
  it('maps an incident field by field, keeping the page offset (-06:00)', () => {
    const incident = byId(result, 'p31zjtct2jer');
    expect(incident).toEqual({
      id: 'p31zjtct2jer',
      externalId: 'p31zjtct2jer',
      title: 'Elevated checkout errors',
      severity: 'SEV2',
      source: 'internal',
      drill: false,
      services: ['Checkout API', 'Card Processing'],
      tags: [],
      phase: 'closed',
      milestones: {
        startedAt: ms('2026-11-24T09:02:00Z'),
        detectedAt: ms('2026-11-24T09:10:00Z'),
        triagedAt: ms('2026-11-24T09:25:00Z'),
        mitigatedAt: ms('2026-11-24T09:55:00Z'),
        resolvedAt: ms('2026-11-24T10:30:00Z'),
      },
    });
  });

  it('leaves out every milestone an open incident has not reached, with no null anywhere', () => {
    const incident = byId(result, 'k1rv1y3m3zqx');
    expect(incident.milestones).toEqual({
      startedAt: ms('2026-11-25T15:40:00Z'),
      detectedAt: ms('2026-11-25T15:40:00Z'),
    });
    expect(incident.phase).toBeUndefined();
    expect(JSON.stringify(result.incidents)).not.toContain('null');
  });

  it('skips scheduled maintenances with that reason, and an incident without a creation time', () => {
    expect(result.skipped).toEqual([
      { row: 2, reason: 'a scheduled maintenance, not an incident', id: 'cpwtbxdyhp4s' },
      { row: 4, reason: 'created_at is missing', id: '9mz1kk0w2b7c' },
    ]);
    expect(result.incidents).toHaveLength(4);
  });

  it('takes the postmortem publication from the Manage API field, and resolution from the resolved update', () => {
    const incident = byId(result, '4s4kq7l8nmxz');
    expect(incident.postmortem).toEqual({ publishedAt: ms('2026-11-13T09:00:00Z') });
    expect(incident.milestones.reviewedAt).toBe(ms('2026-11-13T09:00:00Z'));
    expect(incident.milestones.resolvedAt).toBe(ms('2026-11-10T15:20:00Z'));
    expect(incident.severity).toBe('SEV1');
  });

  it('warns when a resolved incident gives no resolution time, instead of inventing one', () => {
    const incident = byId(result, 'b8n2zq1r5t6y');
    expect(incident.milestones).toEqual({ detectedAt: ms('2026-11-01T02:30:00Z') });
    expect(incident.severity).toBe('SEV4');
    expect(warningOf(result, 'resolvedAt')).toMatchObject({ count: 1, rows: [5] });
  });

  it('maps impact through options.severityMap before the default ranks', () => {
    const mapped = fromStatuspage(fixture('statuspage-incidents.json'), { severityMap: { MAJOR: 'SEV1' } });
    expect(byId(mapped, 'p31zjtct2jer').severity).toBe('SEV1');
    expect(byId(mapped, 'k1rv1y3m3zqx').severity).toBe('SEV3');
  });

  it('rejects what is not an incident list, and unknown options', () => {
    expect(errorOf(() => fromStatuspage({ page: {} })).issues[0]?.path).toBe('input');
    expect(errorOf(() => fromStatuspage('{"incidents": [')).reason).toMatch(/not valid JSON/);
    expect(errorOf(() => fromStatuspage([], { timezone: 'UTC' } as never)).issues[0]?.path).toBe(
      'options.timezone',
    );
  });
});
