import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as metrics from '../../src/metrics/index.js';
import { isIncidentKitError } from '../../src/model/errors.js';
import { defaultSeverityPolicy } from '../../src/severity/index.js';
import { metricsIncidentArb } from '../arbitraries/metrics.js';

const RUNS = Number(process.env.FC_RUNS ?? 500);

/** Arbitrary JSON, and JSON shaped like what the metrics read, with wrong types in the right places. */
const hostileArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc
    .jsonValue()
    .map((v) =>
      JSON.parse(
        `{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "v": ${JSON.stringify(v) ?? 'null'}}`,
      ),
    ),
  fc.record(
    {
      milestones: fc.oneof(
        fc.jsonValue(),
        fc.record(
          {
            detectedAt: fc.oneof(fc.integer(), fc.double(), fc.string()),
            resolvedAt: fc.jsonValue(),
            startedAt: fc.jsonValue(),
          },
          { requiredKeys: [] },
        ),
      ),
      phase: fc.jsonValue(),
      severity: fc.oneof(fc.constant('__proto__'), fc.jsonValue()),
      services: fc.jsonValue(),
      source: fc.jsonValue(),
      category: fc.jsonValue(),
      drill: fc.jsonValue(),
      reopens: fc.oneof(
        fc.jsonValue(),
        fc.array(
          fc.record(
            { at: fc.jsonValue(), previous: fc.jsonValue(), postmortem: fc.jsonValue() },
            { requiredKeys: [] },
          ),
        ),
      ),
      actionItems: fc.oneof(
        fc.jsonValue(),
        fc.array(
          fc.record(
            {
              status: fc.jsonValue(),
              dueAt: fc.jsonValue(),
              completedAt: fc.jsonValue(),
              id: fc.jsonValue(),
            },
            { requiredKeys: [] },
          ),
        ),
      ),
      postmortem: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
);
const incidentsArb = fc.oneof(
  hostileArb,
  fc.array(fc.oneof(hostileArb, metricsIncidentArb), { maxLength: 4 }),
);
const optionsArb: fc.Arbitrary<unknown> = fc.oneof(
  hostileArb,
  fc.record(
    {
      since: fc.jsonValue(),
      until: fc.jsonValue(),
      severity: fc.jsonValue(),
      now: fc.oneof(fc.integer(), fc.jsonValue()),
      open: fc.constantFrom('censor', 'now', 'x'),
      reopened: fc.constantFrom('first', 'active-time', 3),
      interval: fc.constantFrom('day', 'week', 'month', 'year'),
      timeZone: fc.constantFrom(
        'Europe/Berlin',
        'Nowhere/Nope',
        '__proto__',
        '',
        'toString',
        'UTC+99',
        '+25:00',
      ),
      weeks: fc.jsonValue(),
      key: fc.jsonValue(),
      policy: fc.oneof(fc.constant(defaultSeverityPolicy), fc.jsonValue()),
      from: fc.constantFrom('detectedAt', 'impactStart', 'toString'),
      to: fc.constantFrom('resolvedAt', '__proto__'),
      aggregate: fc.jsonValue(),
      clock: fc.oneof(fc.constant({ timeZone: 'UTC' }), fc.jsonValue()),
      metrics: fc.jsonValue(),
      onCall: fc.jsonValue(),
      recurrence: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
);

const entryPoints: [string, (incidents: unknown, options: unknown) => unknown][] = [
  ['mttr', (i, o) => metrics.mttr(i as never, o as never)],
  ['mttd', (i, o) => metrics.mttd(i as never, o as never)],
  ['durationStats', (i, o) => metrics.durationStats(i as never, o as never)],
  ['defineDurationMetric', (_i, o) => metrics.defineDurationMetric(o as never)],
  ['incidentFrequency', (i, o) => metrics.incidentFrequency(i as never, o as never)],
  ['recurrenceRate', (i, o) => metrics.recurrenceRate(i as never, o as never)],
  ['actionItemCompletion', (i, o) => metrics.actionItemCompletion(i as never, o as never)],
  ['detectionSources', (i, o) => metrics.detectionSources(i as never, o as never)],
  ['postmortemCoverage', (i, o) => metrics.postmortemCoverage(i as never, o as never)],
  ['onCallLoad', (i, o) => metrics.onCallLoad(i as never, o as never)],
  ['trend', (i, o) => metrics.trend(i as never, o as never)],
  ['metricsReport', (i, o) => metrics.metricsReport(i as never, o as never)],
];

describe('every metrics entry point, fed arbitrary JSON', () => {
  it.each(entryPoints)('%s throws only IncidentKitError and pollutes no prototype', (_name, call) => {
    fc.assert(
      fc.property(incidentsArb, optionsArb, (incidents, options) => {
        try {
          call(incidents, options);
        } catch (error) {
          if (!isIncidentKitError(error)) throw error;
          expect(error.code).toBe('INVALID_INPUT');
          // Plain JSON has no getters, Proxies or callbacks: nothing the calculators do on it may
          // throw anything but our own errors, so none arrives wrapped (which would hide a bug).
          expect(error.cause, String(error.cause)).toBeUndefined();
          for (const issue of error.issues) expect(issue.path).toBeTypeOf('string');
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });
});
