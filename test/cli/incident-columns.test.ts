import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { detectionOrder } from '../../src/cli/detection-order.js';
import { createIncidentColumns } from '../../src/cli/incident-columns.js';
import type { ImportedIncident } from '../../src/importers/index.js';
import { metricsReport } from '../../src/metrics/index.js';

const T0 = Date.UTC(2026, 0, 1);
const time = fc.integer({ min: T0, max: T0 + 200 * 86_400_000 });
const incident: fc.Arbitrary<ImportedIncident> = fc.record(
  {
    id: fc.string({ minLength: 1 }),
    externalId: fc.string(),
    title: fc.string(),
    severity: fc.constantFrom('SEV1', 'SEV2', 'SEV3', 'SEV4'),
    source: fc.constantFrom('monitoring', 'synthetic', 'anomaly', 'customer', 'internal'),
    drill: fc.boolean(),
    services: fc.array(fc.string()),
    tags: fc.array(fc.string()),
    category: fc.string({ maxLength: 3 }),
    phase: fc.constantFrom('closed', 'cancelled'),
    milestones: fc.record(
      {
        startedAt: time,
        detectedAt: time,
        acknowledgedAt: time,
        mitigatedAt: time,
        resolvedAt: time,
        closedAt: time,
      },
      { requiredKeys: ['detectedAt'] },
    ),
    postmortem: fc.record({ publishedAt: time }),
  },
  { requiredKeys: ['id', 'externalId', 'title', 'source', 'drill', 'services', 'tags', 'milestones'] },
);

describe('createIncidentColumns', () => {
  fcTest.prop([fc.array(incident, { maxLength: 3_000 })], { numRuns: 60 })(
    'reads back exactly the facts the metrics read, in detection order (ties as added)',
    (incidents) => {
      const columns = createIncidentColumns();
      for (const i of incidents) columns.add(i);
      const facts = columns.facts();
      expect(facts.length).toBe(incidents.length);
      expect(Array.isArray(facts)).toBe(true);
      // Array.prototype.sort is stable: the reference order.
      const byDetection = [...incidents].sort((a, b) => a.milestones.detectedAt! - b.milestones.detectedAt!);
      byDetection.forEach((i, k) => {
        const f = facts[k]!;
        expect(f.milestones).toEqual(i.milestones);
        expect([f.id, f.severity, f.source, f.category, f.drill, f.phase, f.postmortem]).toEqual([
          i.id,
          i.severity,
          i.source,
          i.category,
          i.drill,
          i.phase,
          i.postmortem,
        ]);
      });
    },
  );

  fcTest.prop([fc.array(incident, { maxLength: 500 })], { numRuns: 12 })(
    'gives metricsReport the same result as the incidents themselves (in detection order)',
    (incidents) => {
      const columns = createIncidentColumns();
      for (const i of incidents) columns.add(i);
      const options = {
        now: 4_102_444_800_000,
        interval: 'month' as const,
        since: 0,
        until: 4_102_444_800_000,
        bySeverity: true,
      };
      // The facts come in detection order; lists in the report (invalid ids) follow it.
      const byDetection = [...incidents].sort((a, b) => a.milestones.detectedAt! - b.milestones.detectedAt!);
      expect(metricsReport(columns.facts(), options)).toEqual(metricsReport(byDetection, options));
    },
  );

  it('keeps every id across its blocks of 4096', () => {
    const columns = createIncidentColumns();
    const ids = Array.from({ length: 10_000 }, (_, k) =>
      k % 3 === 0 ? `P${k}` : k % 3 === 1 ? '' : `😀${k}é`,
    );
    for (const id of ids) {
      columns.add({
        id,
        externalId: '',
        title: '',
        source: 'internal',
        drill: false,
        services: [],
        tags: [],
        milestones: { detectedAt: 0 },
      });
    }
    const facts = columns.facts();
    expect(ids.every((id, k) => facts[k]!.id === id)).toBe(true);
  });

  it('hands out a fresh object on every read, so nothing kept can change', () => {
    const columns = createIncidentColumns();
    columns.add({
      id: 'a',
      externalId: '',
      title: '',
      source: 'internal',
      drill: false,
      services: [],
      tags: [],
      milestones: { detectedAt: 5 },
    });
    const facts = columns.facts();
    expect(facts[0]).not.toBe(facts[0]);
    expect(facts[1]).toBeUndefined();
  });
});

describe('detectionOrder', () => {
  fcTest.prop([fc.array(fc.integer({ min: 0, max: 2 ** 48 - 1 }), { maxLength: 2_000 })], { numRuns: 100 })(
    'orders positions by time, stably, as a comparator sort does (undefined when already in order)',
    (list) => {
      const times = Float64Array.from(list);
      const expected = list.map((_, i) => i).sort((a, b) => list[a]! - list[b]!);
      const order = detectionOrder(times, list.length);
      expect(order === undefined ? expected.every((v, i) => v === i) : [...order]).toEqual(
        order === undefined ? true : expected,
      );
    },
  );
});
