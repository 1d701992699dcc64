import { describe, expect, it } from 'vitest';
import { fromIncidentIo } from '../../src/importers/index.js';
import { mttd, mttr } from '../../src/metrics/index.js';
import { errorOf } from '../errors.js';
import { byId, fixture, ms, warningOf } from './helpers.js';

const result = fromIncidentIo(fixture('incident-io-incidents.json'));
const id = (suffix: string) => `01HQ2A7ZKD0Q3V6V7Q7T5F3M1${suffix}`;

describe('fromIncidentIo', () => {
  it('maps the named timestamps onto milestones, the reference onto externalId, a services field onto services', () => {
    expect(byId(result, id('A'))).toEqual({
      id: id('A'),
      externalId: 'INC-101',
      title: 'Card payments failing in EU',
      severity: 'SEV2',
      source: 'internal',
      drill: false,
      services: ['Payments API', 'Card Processor'],
      tags: ['Team: Payments', 'type:Default'],
      phase: 'closed',
      milestones: {
        startedAt: ms('2026-11-03T08:55:00Z'),
        detectedAt: ms('2026-11-03T09:05:00Z'),
        acknowledgedAt: ms('2026-11-03T09:09:00Z'),
        mitigatedAt: ms('2026-11-03T09:40:00Z'),
        resolvedAt: ms('2026-11-03T10:15:00Z'),
        closedAt: ms('2026-11-05T12:00:00Z'),
      },
    });
  });

  it('treats declined and merged incidents as cancelled, so the metrics leave them out', () => {
    expect(byId(result, id('B')).phase).toBe('cancelled');
    expect(byId(result, id('B')).milestones.cancelledAt).toBe(ms('2026-11-04T15:03:00Z'));
    expect(byId(result, id('C')).phase).toBe('cancelled');
    // An unset timestamp — absent, null or {} — is left out.
    expect(byId(result, id('C')).milestones).toEqual({ detectedAt: ms('2026-11-03T09:10:00Z') });
    expect(byId(result, id('B')).milestones.acknowledgedAt).toBeUndefined();
    // Resolved and counted: INC-101 and the retrospective INC-105 (the drill and the cancelled ones stay out).
    expect(mttr(result.incidents).count).toBe(2);
  });

  it('marks test and tutorial incidents as drills', () => {
    expect(byId(result, id('D')).drill).toBe(true);
    expect(byId(result, id('D')).severity).toBe('SEV1');
  });

  it('gives a retrospective incident no detection or acknowledgement time, keeping it out of MTTD', () => {
    const retro = byId(result, id('E'));
    expect(retro.milestones).toEqual({
      detectedAt: ms('2026-11-07T22:00:00Z'),
      resolvedAt: ms('2026-11-08T06:00:00Z'),
    });
    expect(retro.tags).toContain('retrospective');
    expect(warningOf(result, 'detectedAt', 'retrospective')).toMatchObject({ rows: [4] });
    expect(mttd(result.incidents.filter((i) => i.id === id('E'))).count).toBe(0);
    expect(mttr([retro]).meanMs).toBe(8 * 3_600_000);
  });

  it('reads renamed timestamps through options.timestamps, the defaults still applying', () => {
    expect(byId(result, id('F')).milestones.startedAt).toBeUndefined();
    const renamed = fromIncidentIo(fixture('incident-io-incidents.json'), {
      timestamps: { startedAt: 'Customer impact began' },
    });
    expect(byId(renamed, id('F')).milestones.startedAt).toBe(ms('2026-11-10T15:50:00Z'));
    expect(byId(renamed, id('A')).milestones.startedAt).toBe(ms('2026-11-03T08:55:00Z'));
  });

  it('warns about an unreadable timestamp value and leaves that milestone out', () => {
    expect(byId(result, id('F')).milestones.mitigatedAt).toBeUndefined();
    expect(warningOf(result, 'mitigatedAt')).toMatchObject({
      message: '"Fixed at" is unreadable; mitigatedAt left out',
      example: 'not a time',
    });
  });

  it('maps a severity whose name says nothing by its rank among the export severities', () => {
    // Ranks in the export: 3 (Critical), 2 (Major, Customer-facing), 1 (Minor): rank 2 is the second.
    expect(byId(result, id('F')).severity).toBe('SEV2');
    const mapped = fromIncidentIo(fixture('incident-io-incidents.json'), {
      severityMap: { 'Customer-facing': 'SEV1' },
    });
    expect(byId(mapped, id('F')).severity).toBe('SEV1');
  });

  it('skips entries without an id or creation time', () => {
    expect(result.skipped).toEqual([
      { row: 6, reason: 'id is missing' },
      { row: 7, reason: 'created_at is missing', id: id('H') },
    ]);
  });

  it('rejects malformed timestamp options', () => {
    expect(
      errorOf(() => fromIncidentIo([], { timestamps: { fixedAt: 'Fixed' } as never })).issues[0]?.path,
    ).toBe('options.timestamps.fixedAt');
    expect(errorOf(() => fromIncidentIo([], { timestamps: { startedAt: '' } })).code).toBe('INVALID_INPUT');
  });
});
