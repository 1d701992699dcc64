import { describe, expect, it } from 'vitest';
import { declareIncident, statusUpdate } from '../../src/index.js';
import { kitError, min, sev1Stages, sev3Resolved, T0, walk } from './helpers.js';

const { declared, mitigating, monitoring, resolved } = sev1Stages();
const value = (m: { fields: { key: string; value: string }[] }, key: string) =>
  m.fields.find((f) => f.key === key)?.value;
const keys = (m: { fields: { key: string }[] }) => m.fields.map((f) => f.key);

describe('statusUpdate', () => {
  it('carries the status, phase, actions taken, next steps, ETA and next update', () => {
    const m = statusUpdate(
      mitigating,
      {
        status: 'Rolling back release 2026.11.24-3.',
        actionsTaken: ['Paused deploys', 'Started the rollback'],
        nextSteps: 'Watch the error rate',
        eta: '2026-11-24T10:00:00+01:00',
      },
      { at: min(30) },
    );
    expect(m).toMatchObject({
      kind: 'status-update',
      title: 'SEV1 update: Checkout API returning 502s',
      phase: 'mitigate',
      severity: 'SEV1',
      at: min(30),
      etaAt: min(0),
      nextUpdateAt: min(45),
    });
    expect(keys(m)).toEqual([
      'status',
      'severity',
      'phase',
      'impact',
      'actionsTaken',
      'nextSteps',
      'eta',
      'commander',
      'nextUpdate',
    ]);
    expect(m.fields.find((f) => f.key === 'actionsTaken')).toMatchObject({
      items: ['Paused deploys', 'Started the rollback'],
      value: 'Paused deploys; Started the rollback',
    });
    expect(m.fields.find((f) => f.key === 'nextSteps')?.items).toBeUndefined();
    expect(value(m, 'eta')).toBe('2026-11-24 09:00 UTC (30 min ago)');
    expect(value(m, 'nextUpdate')).toBe('2026-11-24 09:45 UTC (in 15 min)');
  });

  it.each([
    ['SEV1', 15],
    ['SEV2', 30],
  ])('schedules the next %s update %i minutes after the message time', (severity, every) => {
    const { incident } = declareIncident({ incidentId: 'INC-1', title: 'x', at: T0, severity });
    const at = min(7);
    expect(statusUpdate(incident, { status: 'Investigating' }, { at }).nextUpdateAt).toBe(
      at + every * 60_000,
    );
  });

  it('defaults the message time to the latest event, so the cadence runs from it', () => {
    const m = statusUpdate(mitigating, { status: 'Investigating' });
    expect(m.at).toBe(min(15));
    expect(m.nextUpdateAt).toBe(min(30));
  });

  it('keeps the cadence through resolve and stops it at review', () => {
    expect(statusUpdate(monitoring, { status: 'Watching' }, { at: min(25) }).nextUpdateAt).toBe(min(40));
    const inReview = statusUpdate(resolved, { status: 'All good' });
    expect(inReview.nextUpdateAt).toBeUndefined();
    expect(keys(inReview)).not.toContain('nextUpdate');
  });

  it('has no next update for a severity without cadence', () => {
    const { incident } = declareIncident({ incidentId: 'INC-3', title: 'x', at: T0, severity: 'SEV3' });
    expect(statusUpdate(incident, { status: 'Looking' }).nextUpdateAt).toBeUndefined();
    expect(statusUpdate(sev3Resolved(), { status: 'Done' }).nextUpdateAt).toBeUndefined();
  });

  it('uses a custom policy cadence, including fractional minutes', () => {
    const policy = { requirements: { SEV1: { updateEveryMinutes: 7.5 } } };
    expect(statusUpdate(mitigating, { status: 'x' }, { policy, at: min(20) }).nextUpdateAt).toBe(min(27.5));
  });

  it('follows a severity change', () => {
    const downgraded = walk(mitigating, [
      { type: 'SET_SEVERITY', at: min(16), severity: 'SEV2', reason: 'fewer users' },
    ]);
    const m = statusUpdate(downgraded, { status: 'x' });
    expect(m.title).toBe('SEV2 update: Checkout API returning 502s');
    expect(m.nextUpdateAt).toBe(min(16 + 30));
  });

  it('writes times in the given time zone, across a date change', () => {
    const m = statusUpdate(
      declared,
      { status: 'x', eta: '2026-11-24T16:30:00Z' },
      { timeZone: 'Asia/Tokyo', at: min(0) },
    );
    expect(value(m, 'eta')).toBe('2026-11-25 01:30 UTC+9 (in 7 h 30 min)');
    expect(value(m, 'nextUpdate')).toBe('2026-11-24 18:15 UTC+9 (in 15 min)');
  });

  it('omits what was not given', () => {
    const m = statusUpdate(declared, { status: 'Investigating' });
    expect(keys(m)).toEqual(['status', 'severity', 'phase', 'impact', 'nextUpdate']);
  });

  it('rejects bad input with INVALID_INPUT naming the field', () => {
    const path = (input: unknown) => kitError(() => statusUpdate(mitigating, input as never)).issues[0]?.path;
    expect(path({})).toBe('input.status');
    expect(path({ status: '   ' })).toBe('input.status');
    expect(path({ status: 'x'.repeat(10_001) })).toBe('input.status');
    expect(path({ status: 'x', eta: '2026-11-24T10:00' })).toBe('input.eta');
    expect(path({ status: 'x', actionsTaken: [1] })).toBe('input.actionsTaken');
    expect(path({ status: 'x', nextSteps: ['ok', ''] })).toBe('input.nextSteps[1]');
    expect(path({ status: 'x', severity: 'SEV1' })).toBe('input');
    expect(path(undefined)).toBe('input');
  });
});
