import { describe, expect, it } from 'vitest';
import { incidentFrequency } from '../../src/metrics/index.js';
import type { Incident } from '../../src/model/index.js';
import { defaultSeverityPolicy } from '../../src/severity/index.js';
import { expectInvalid, metricsIncident } from './helpers.js';

function detected(iso: string, extra: Partial<Incident> = {}): Incident {
  return metricsIncident({ milestones: { detectedAt: Date.parse(iso) }, ...extra });
}

describe('incidentFrequency', () => {
  it('zero-fills daily buckets between since and until (UTC by default)', () => {
    const f = incidentFrequency([detected('2026-11-02T23:59:59Z'), detected('2026-11-04T00:00:00Z')], {
      interval: 'day',
      since: '2026-11-01T00:00:00Z',
      until: '2026-11-05T00:00:00Z',
    });
    expect(f.buckets.map((b) => [b.label, b.count])).toEqual([
      ['2026-11-01', 0],
      ['2026-11-02', 1],
      ['2026-11-03', 0],
      ['2026-11-04', 1],
    ]);
    expect(f.total).toBe(2);
    expect(f.buckets[0]).toMatchObject({
      start: Date.parse('2026-11-01T00:00:00Z'),
      end: Date.parse('2026-11-02T00:00:00Z'),
    });
  });

  it('uses ISO weeks (Monday first) by default, or another first day', () => {
    const incidents = [detected('2026-11-29T12:00:00Z')]; // a Sunday
    const monday = incidentFrequency(incidents, {
      interval: 'week',
      since: '2026-11-23T00:00:00Z',
      until: '2026-12-07T00:00:00Z',
    });
    expect(monday.buckets.map((b) => [b.label, b.count])).toEqual([
      ['2026-11-23', 1],
      ['2026-11-30', 0],
    ]);
    const sunday = incidentFrequency(incidents, {
      interval: 'week',
      weekStartsOn: 0,
      since: '2026-11-23T00:00:00Z',
      until: '2026-12-07T00:00:00Z',
    });
    expect(sunday.buckets.map((b) => [b.label, b.count])).toEqual([
      ['2026-11-22', 0],
      ['2026-11-29', 1],
      ['2026-12-06', 0],
    ]);
  });

  it('counts months in the time zone, with the 23- and 25-hour days of daylight saving', () => {
    const f = incidentFrequency([detected('2026-03-31T22:30:00Z'), detected('2026-10-25T23:30:00Z')], {
      interval: 'month',
      since: '2026-01-01T00:00:00+01:00',
      until: '2027-01-01T00:00:00+01:00',
      timeZone: 'Europe/Berlin',
    });
    expect(f.buckets).toHaveLength(12);
    // 22:30Z on 31 March is 00:30 on 1 April in Berlin (CEST).
    expect(f.buckets[3]).toMatchObject({
      label: '2026-04',
      count: 1,
      start: Date.parse('2026-03-31T22:00:00Z'),
    });
    expect(f.buckets[2]?.count).toBe(0);
    expect(f.buckets[9]).toMatchObject({
      label: '2026-10',
      count: 1,
      end: Date.parse('2026-10-31T23:00:00Z'),
    });
    const days = incidentFrequency([], {
      interval: 'day',
      since: '2026-03-28T00:00:00+01:00',
      until: '2026-03-31T00:00:00+02:00',
      timeZone: 'Europe/Berlin',
    });
    expect(days.buckets.map((b) => (b.end - b.start) / 3_600_000)).toEqual([24, 23, 24]);
  });

  it('splits by severity, zero-filled from a scale, unclassified for none', () => {
    const incidents = [
      detected('2026-11-02T10:00:00Z', { severity: 'SEV2' }),
      detected('2026-11-03T10:00:00Z'),
      detected('2026-11-03T11:00:00Z', { severity: 'CUSTOM' }),
    ];
    const options = {
      interval: 'day',
      since: '2026-11-02T00:00:00Z',
      until: '2026-11-04T00:00:00Z',
      bySeverity: true,
    } as const;
    const withScale = incidentFrequency(incidents, { ...options, policy: defaultSeverityPolicy });
    expect(withScale.buckets.map((b) => b.bySeverity)).toEqual([
      { SEV1: 0, SEV2: 1, SEV3: 0, SEV4: 0, unclassified: 0, CUSTOM: 0 },
      { SEV1: 0, SEV2: 0, SEV3: 0, SEV4: 0, unclassified: 1, CUSTOM: 1 },
    ]);
    expect(Object.keys(withScale.buckets[0]!.bySeverity!)).toEqual([
      'SEV1',
      'SEV2',
      'SEV3',
      'SEV4',
      'unclassified',
      'CUSTOM',
    ]);
    // Without a scale: the severities met, in the order they were met, zero-filled in every bucket.
    const seen = incidentFrequency(incidents, options);
    expect(seen.buckets[0]?.bySeverity).toEqual({ SEV2: 1, unclassified: 0, CUSTOM: 0 });
    expect(
      incidentFrequency(incidents, { ...options, bySeverity: false }).buckets[0]?.bySeverity,
    ).toBeUndefined();
  });

  it('keeps a severity named like a prototype key as data', () => {
    const f = incidentFrequency([detected('2026-11-02T10:00:00Z', { severity: '__proto__' })], {
      interval: 'day',
      since: '2026-11-02T00:00:00Z',
      until: '2026-11-03T00:00:00Z',
      bySeverity: true,
    });
    const counts = f.buckets[0]!.bySeverity!;
    expect(Object.getPrototypeOf(counts)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(counts, '__proto__')?.value).toBe(1);
  });

  it('applies the filters, drills excluded', () => {
    const f = incidentFrequency(
      [
        detected('2026-11-02T10:00:00Z', { drill: true }),
        detected('2026-11-02T11:00:00Z', { source: 'customer' }),
      ],
      { interval: 'day', since: '2026-11-02T00:00:00Z', until: '2026-11-03T00:00:00Z', source: 'customer' },
    );
    expect(f.total).toBe(1);
  });

  it('needs interval, since and until, and bounds the number of buckets', () => {
    expectInvalid(() => incidentFrequency([], { since: 0, until: 1 } as never), 'options.interval');
    expectInvalid(() => incidentFrequency([], { interval: 'day', until: 1 } as never), 'options.since');
    expectInvalid(() => incidentFrequency([], { interval: 'day', since: 1 } as never), 'options.until');
    expectInvalid(
      () => incidentFrequency([], { interval: 'hour', since: 0, until: 1 } as never),
      'options.interval',
    );
    expectInvalid(
      () => incidentFrequency([], { interval: 'day', since: 0, until: 1e13 }),
      'options.interval',
      /10000/,
    );
    expectInvalid(
      () => incidentFrequency([], { interval: 'day', since: 0, until: 1, timeZone: 'Nowhere/City' }),
      'options.timeZone',
    );
    expectInvalid(
      () => incidentFrequency([], { interval: 'week', since: 0, until: 1, weekStartsOn: 7 }),
      'options.weekStartsOn',
    );
    expectInvalid(
      () => incidentFrequency([], { interval: 'day', since: 0, until: 1, scale: [{ name: 'x' }] } as never),
      'options.scale',
    );
  });

  it('returns no buckets for an empty window', () => {
    expect(incidentFrequency([], { interval: 'day', since: 5, until: 5 }).buckets).toEqual([]);
  });
});
