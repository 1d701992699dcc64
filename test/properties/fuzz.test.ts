import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as kit from '../../src/index.js';
import { RUNS } from '../arbitraries.js';

const { declareIncident } = kit;
const base = declareIncident({ incidentId: 'INC-1', title: 'x', at: 0 }).incident;

/** Arbitrary JSON plus the shapes attackers try: prototype keys, huge numbers, wrong types in the right places. */
const hostileArb = fc.oneof(
  fc.jsonValue(),
  fc.record(
    { type: fc.constantFrom(...kit.EVENT_TYPES, 'toString', '__proto__'), at: fc.jsonValue() },
    { requiredKeys: [] },
  ),
  fc
    .jsonValue()
    .map((v) =>
      JSON.parse(
        `{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "v": ${JSON.stringify(v) ?? 'null'}}`,
      ),
    ),
  fc.record(
    {
      type: fc.constantFrom(...kit.EVENT_TYPES),
      at: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant('2026-02-30T00:00:00Z')),
      role: fc.constantFrom('__proto__', 'constructor', 'commander'),
      assignee: fc.string(),
      impact: fc.jsonValue(),
      item: fc.jsonValue(),
      severity: fc.string(),
      title: fc.string({ maxLength: 300 }),
    },
    { requiredKeys: ['type'] },
  ),
);

const entryPoints: [string, (input: unknown) => unknown][] = [
  ['applyEvent', (input) => kit.applyEvent(base, input as never)],
  ['applyEvent (incident)', (input) => kit.applyEvent(input as never, { type: 'NOTE', at: 1, text: 'x' })],
  [
    'safeApplyEvent',
    (input) => {
      const result = kit.safeApplyEvent(base, input as never);
      if (!result.ok) throw result.error;
    },
  ],
  ['replay', (input) => kit.replay(input as never)],
  ['replay (after DECLARE)', (input) => kit.replay([{ type: 'DECLARE', title: 'x', at: 0 }, input as never])],
  ['declareIncident', (input) => kit.declareIncident(input as never)],
  ['allowedEvents', (input) => kit.allowedEvents(input as never)],
  ['parseIncident', (input) => kit.parseIncident(input)],
  ['classify', (input) => kit.classify(undefined, input as never)],
  ['classify (policy)', (input) => kit.classify(input as never, {})],
  ['defineSeverityPolicy', (input) => kit.defineSeverityPolicy(input as never)],
  ['requirementsFor', (input) => kit.requirementsFor(undefined, input as never)],
  ['nextUpdateDue', (input) => kit.nextUpdateDue(input as never)],
  ['overdueUpdates', (input) => kit.overdueUpdates(input as never, undefined, 0)],
  ['escalationsDue', (input) => kit.escalationsDue([base], undefined, input as never)],
  ['toEpochMs', (input) => kit.toEpochMs(input as never)],
  ['incidentInvariantViolations', (input) => kit.incidentInvariantViolations(input as never)],
];

describe('every public entry point, fed arbitrary JSON', () => {
  it.each(entryPoints)('%s throws only IncidentKitError and pollutes no prototype', (_name, call) => {
    fc.assert(
      fc.property(hostileArb, (input) => {
        try {
          call(input);
        } catch (error) {
          if (!kit.isIncidentKitError(error)) throw error;
          expect(error.code).toBeTypeOf('string');
          for (const issue of error.issues) expect(issue.path).toBeTypeOf('string');
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });
});
