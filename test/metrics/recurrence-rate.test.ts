import { describe, expect, it } from 'vitest';
import { recurrenceRate } from '../../src/metrics/index.js';
import type { Incident } from '../../src/model/index.js';
import { expectInvalid, MS_DAY, metricsIncident } from './helpers.js';

function incident(day: number, category?: string, extra: Partial<Incident> = {}): Incident {
  return metricsIncident({
    milestones: { detectedAt: Date.UTC(2026, 0, 1) + day * MS_DAY },
    ...(category === undefined ? {} : { category }),
    ...extra,
  });
}

describe('recurrenceRate', () => {
  it('counts incidents whose key occurred in an earlier incident, over incidents with a key', () => {
    const r = recurrenceRate([
      incident(0, 'db-failover'),
      incident(10, 'db-failover'),
      incident(20, 'cert-expiry'),
      incident(30),
      incident(40, 'db-failover'),
    ]);
    expect(r).toEqual({
      incidents: 4,
      withoutKey: 1,
      recurrences: 2,
      rate: 0.5,
      repeated: [{ key: 'db-failover', incidents: 3, recurrences: 2 }],
    });
  });

  it('counts only earlier incidents within the window', () => {
    const incidents = [incident(0, 'deploy'), incident(31, 'deploy'), incident(40, 'deploy')];
    expect(recurrenceRate(incidents, { windowDays: 30 }).recurrences).toBe(1);
    expect(recurrenceRate(incidents, { windowDays: 31 }).recurrences).toBe(2);
    expect(recurrenceRate(incidents).recurrences).toBe(2);
  });

  it('does not make incidents detected at the same instant recurrences of each other', () => {
    const twins = [incident(5, 'deploy'), incident(5, 'deploy'), incident(5, 'deploy')];
    expect(recurrenceRate(twins)).toMatchObject({ incidents: 3, recurrences: 0, rate: 0, repeated: [] });
    expect(recurrenceRate([incident(1, 'deploy'), ...twins]).recurrences).toBe(3);
  });

  it('does not depend on the order incidents come in', () => {
    const incidents = [
      incident(40, 'x'),
      incident(0, 'x'),
      incident(20, 'y'),
      incident(10, 'x'),
      incident(20, 'y'),
    ];
    const sorted = [...incidents].sort((a, b) => a.milestones.detectedAt - b.milestones.detectedAt);
    expect(recurrenceRate(incidents)).toEqual(recurrenceRate(sorted));
  });

  it('looks for earlier incidents among those the filters admit', () => {
    const incidents = [
      incident(0, 'deploy'),
      incident(50, 'deploy'),
      incident(60, 'deploy', { severity: 'SEV1' }),
    ];
    expect(recurrenceRate(incidents, { since: Date.UTC(2026, 0, 1) + 45 * MS_DAY })).toMatchObject({
      incidents: 2,
      recurrences: 1,
    });
    expect(recurrenceRate(incidents, { severity: 'SEV1' })).toMatchObject({ incidents: 1, recurrences: 0 });
  });

  it('takes a key function; an empty or missing key cannot recur', () => {
    const incidents = [
      incident(0, undefined, { services: ['search'] }),
      incident(1, undefined, { services: ['search', 'payments'] }),
      incident(2, undefined, { services: [] }),
    ];
    const r = recurrenceRate(incidents, { key: (i) => i.services[0] ?? '' });
    expect(r).toMatchObject({ incidents: 2, withoutKey: 1, recurrences: 1 });
  });

  it('leaves drills and cancelled incidents out', () => {
    const r = recurrenceRate([incident(0, 'deploy', { drill: true }), incident(1, 'deploy')]);
    expect(r).toMatchObject({ incidents: 1, recurrences: 0 });
  });

  it('rejects bad options', () => {
    expectInvalid(() => recurrenceRate([], { key: 'service' } as never), 'options.key');
    expectInvalid(() => recurrenceRate([], { windowDays: -1 }), 'options.windowDays');
    expect(recurrenceRate([]).rate).toBeNull();
  });
});
