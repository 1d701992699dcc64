import { describe, expect, it } from 'vitest';
import { mtta } from '../../src/metrics/index.js';
import type { Incident } from '../../src/model/index.js';
import { expectInvalid, MS_MINUTE, metricsIncident } from './helpers.js';

const base = Date.parse('2026-11-01T00:00:00Z');

function incident(id: string, extra: Partial<Incident> = {}, detectedAt = base): Incident {
  return metricsIncident({
    id,
    milestones: { detectedAt, acknowledgedAt: detectedAt + MS_MINUTE },
    ...extra,
  });
}

const incidents = [
  incident('a', {
    severity: 'SEV1',
    services: ['checkout-api', 'payments'],
    category: 'deploy',
    source: 'monitoring',
  }),
  incident('b', { severity: 'SEV2', services: ['search'], category: 'db-failover', source: 'customer' }),
  incident('c', { services: [], source: 'internal' }),
  incident('d', { severity: 'SEV1' }, base + 10 * 86_400_000),
];
/** The ids of the incidents a metric counts with these options. */
const ids = (options: Parameters<typeof mtta>[1]) =>
  incidents.filter((i) => mtta([i], options).count === 1).map((i) => i.id);

describe('the incident filters', () => {
  it('match since inclusive and until exclusive, on detectedAt', () => {
    expect(ids({ since: base, until: base + 10 * 86_400_000 })).toEqual(['a', 'b', 'c']);
    expect(ids({ since: base + 10 * 86_400_000 })).toEqual(['d']);
    expect(ids({ since: '2026-11-01T01:00:00+01:00', until: new Date(base + 1) })).toEqual(['a', 'b', 'c']);
  });

  it('match any of several severities, unclassified for none', () => {
    expect(ids({ severity: 'SEV1' })).toEqual(['a', 'd']);
    expect(ids({ severity: ['SEV2', 'unclassified'] })).toEqual(['b', 'c']);
  });

  it('match incidents that name any of the services', () => {
    expect(ids({ services: ['payments', 'search'] })).toEqual(['a', 'b']);
    expect(ids({ services: 'nothing' })).toEqual([]);
  });

  it('match category and source', () => {
    expect(ids({ category: 'deploy' })).toEqual(['a']);
    expect(ids({ source: ['customer', 'internal'] })).toEqual(['b', 'c']);
  });

  it('combine every filter, and the custom one last', () => {
    expect(mtta(incidents, { severity: 'SEV1', filter: (i) => i.id === 'd' }).count).toBe(1);
    expect(mtta(incidents, { severity: 'SEV1', source: 'customer' }).count).toBe(0);
  });

  it('reject bad values naming the option', () => {
    expectInvalid(() => mtta(incidents, { severity: 1 } as never), 'options.severity');
    expectInvalid(() => mtta(incidents, { services: ['a', 2] } as never), 'options.services');
    expectInvalid(() => mtta(incidents, { filter: 'SEV1' } as never), 'options.filter');
    expectInvalid(() => mtta(incidents, { includeDrills: 'yes' } as never), 'options.includeDrills');
    expectInvalid(() => mtta(incidents, { until: 'tomorrow' } as never), 'options.until');
  });

  it('never throw on fields of the wrong type (a number matches no severity)', () => {
    const odd = { milestones: { detectedAt: base, acknowledgedAt: base }, severity: 5, services: 7 } as never;
    expect(mtta([odd], { severity: 'SEV1' }).count).toBe(0);
    expect(mtta([odd], { services: 'search', category: 'deploy' }).count).toBe(0);
  });
});
