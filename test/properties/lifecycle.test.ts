import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  createIncidentMachine,
  declareIncident,
  defaultSeverityPolicy,
  defineSeverityPolicy,
  evolve,
  type Incident,
  type IncidentEvent,
  type IncidentEventInput,
  incidentInvariantViolations,
  isIncidentKitError,
  type MilestoneName,
  parseIncident,
  replay,
  safeApplyEvent,
  safeDecide,
} from '../../src/index.js';
import { eventLogArb, RUNS } from '../arbitraries.js';

interface Step {
  input: IncidentEventInput;
  before: Incident;
  outcome: ReturnType<typeof safeApplyEvent>;
}

/** Folds a raw log one event at a time, keeping every outcome. */
function fold(log: IncidentEventInput[]) {
  const [declare, ...rest] = log;
  const { incident: first, event } = declareIncident(declare as never);
  let incident = first;
  const accepted: IncidentEvent[] = [event];
  const states: Incident[] = [first];
  const steps: Step[] = [];
  for (const input of rest) {
    const before = incident;
    const outcome = safeApplyEvent(incident, input);
    steps.push({ input, before, outcome });
    if (outcome.ok && !outcome.duplicate) {
      incident = outcome.incident;
      accepted.push(outcome.event);
      states.push(incident);
    }
  }
  return { incident, accepted, states, steps };
}

const MILESTONES: MilestoneName[] = [
  'detectedAt',
  'acknowledgedAt',
  'triagedAt',
  'mitigatedAt',
  'resolvedAt',
  'reviewedAt',
  'closedAt',
  'cancelledAt',
];
const latest = (i: Incident) =>
  Math.max(...MILESTONES.map((m) => i.milestones[m] ?? 0), ...i.reopens.map((r) => r.at));

/**
 * `expect(actual).toEqual(expected)`, tried first with Node's deep equality: these run for every
 * event of every log (millions of comparisons), vitest's equality costs several times more, and
 * what is deep-strict-equal is also toEqual-equal. A difference still fails through toEqual, with
 * its diff.
 */
function expectEqual(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toEqual(expected);
}

const config = { numRuns: RUNS };
// Each property folds 1000 logs of up to 80 events: seconds on an idle machine, more on a shared one.
const SLOW = 180_000;

describe('lifecycle invariants over random logs (valid, invalid, duplicated, out-of-order events)', () => {
  it(
    '1+2+6: every reachable incident has monotone milestones, skips no phase, and is closed only with a required postmortem',
    () => {
      fc.assert(
        fc.property(eventLogArb, (log) => {
          const { states, incident } = fold(log);
          for (const state of states) expectEqual(incidentInvariantViolations(state), []);
          // Whatever the lifecycle produces, the full schema accepts back from storage.
          expectEqual(parseIncident(JSON.stringify(incident)), incident);
        }),
        config,
      );
    },
    SLOW,
  );

  it(
    '1: no milestone event is timed before the latest milestone; backfilled NOTE / POST_UPDATE are never before impact start',
    () => {
      fc.assert(
        fc.property(eventLogArb, (log) => {
          for (const { before, outcome } of fold(log).steps) {
            if (!outcome.ok || outcome.duplicate) continue;
            const { type, at } = outcome.event;
            if (type === 'AMEND_MILESTONE') continue;
            if (type === 'NOTE' || type === 'POST_UPDATE')
              expect(at).toBeGreaterThanOrEqual(before.milestones.startedAt ?? before.milestones.detectedAt);
            else expect(at).toBeGreaterThanOrEqual(latest(before));
          }
        }),
        config,
      );
    },
    SLOW,
  );

  it(
    'the timeline stays ordered by time, then by arrival, whatever is backfilled',
    () => {
      fc.assert(
        fc.property(eventLogArb, (log) => {
          const { incident } = fold(log);
          const times = incident.timeline.map((e) => e.at);
          expectEqual(
            times,
            [...times].sort((a, b) => a - b),
          );
          const updates = incident.updates.map((u) => u.at);
          expectEqual(
            updates,
            [...updates].sort((a, b) => a - b),
          );
        }),
        config,
      );
    },
    SLOW,
  );

  it(
    'evolve folds every accepted event to the same incident decide produced',
    () => {
      fc.assert(
        fc.property(eventLogArb, (log) => {
          for (const { before, outcome } of fold(log).steps) {
            if (!outcome.ok) continue;
            expectEqual(evolve(before, outcome.event), outcome.incident);
          }
        }),
        config,
      );
    },
    SLOW,
  );

  it(
    '5: an id reused with other content is DUPLICATE_EVENT_ID; the same event read back with its keys reordered is a no-op',
    () => {
      fc.assert(
        fc.property(eventLogArb, (log) => {
          const { steps } = fold(log);
          for (const { outcome } of steps) {
            if (!outcome.ok || outcome.duplicate) continue;
            const reordered = Object.fromEntries(Object.entries(outcome.event).reverse()) as IncidentEvent;
            const again = safeApplyEvent(outcome.incident, reordered);
            expect(again.ok && again.duplicate && again.incident === outcome.incident).toBe(true);
            const changed = { ...outcome.event, by: 'someone-else' } as IncidentEvent;
            const clash = safeApplyEvent(outcome.incident, changed);
            expect(clash.ok).toBe(false);
            if (!clash.ok)
              expect(clash.error).toMatchObject({
                code: 'DUPLICATE_EVENT_ID',
                details: { eventId: outcome.event.id },
              });
          }
        }),
        config,
      );
    },
    SLOW,
  );

  it(
    '4: a log decided under a policy replays unchanged under a stricter one, while decide under the stricter one refuses what it demands more of',
    () => {
      const stricter = defineSeverityPolicy({
        requirements: Object.fromEntries(
          ['SEV1', 'SEV2', 'SEV3', 'SEV4'].map((key) => [
            key,
            { requiredRoles: ['commander', 'commsLead', 'scribe'], postmortemRequired: true },
          ]),
        ),
      });
      expect(stricter.id).toBe('default');
      expect(stricter.version).not.toBe(defaultSeverityPolicy.version);
      let refusedTriage = 0;
      let refusedClose = 0;
      fc.assert(
        fc.property(eventLogArb, (log) => {
          const { accepted, incident, steps } = fold(log);
          expectEqual(replay(accepted, { policy: stricter }), incident);
          for (const { before, input, outcome } of steps) {
            if (!outcome.ok || outcome.duplicate) continue;
            const strict = safeDecide(before, input, { policy: stricter });
            const demandsRoles = outcome.event.type === 'TRIAGE' && !Object.hasOwn(before.roles, 'scribe');
            const demandsPostmortem = outcome.event.type === 'CLOSE' && before.postmortem === undefined;
            if (demandsRoles || demandsPostmortem) {
              expect(strict.ok).toBe(false);
              if (!strict.ok) {
                expect(strict.error).toMatchObject({
                  code: 'GUARD_REJECTED',
                  details: { requirement: demandsRoles ? 'requiredRoles' : 'postmortemRequired' },
                });
              }
              if (demandsRoles) refusedTriage++;
              else refusedClose++;
            }
          }
        }),
        config,
      );
      expect(refusedTriage).toBeGreaterThan(0);
      expect(refusedClose).toBeGreaterThan(0);
    },
    SLOW,
  );

  it(
    '3: terminal phases absorb — nothing leaves cancelled, only REOPEN leaves closed',
    () => {
      fc.assert(
        fc.property(eventLogArb, (log) => {
          for (const { before, outcome } of fold(log).steps) {
            if (!outcome.ok || outcome.duplicate) continue;
            if (before.phase === 'cancelled')
              throw new Error('an event was accepted on a cancelled incident');
            if (before.phase === 'closed' && outcome.incident.phase !== 'closed')
              expect(outcome.event.type).toBe('REOPEN');
          }
        }),
        config,
      );
    },
    SLOW,
  );

  it(
    '4: replay of the accepted log equals applying the events one by one, for every prefix',
    () => {
      fc.assert(
        fc.property(eventLogArb, (log) => {
          const { accepted, states } = fold(log);
          for (let n = 1; n <= accepted.length; n++) {
            expectEqual(replay(accepted.slice(0, n)), states[n - 1]);
          }
          // A stored log round-trips through JSON.
          expectEqual(replay(JSON.parse(JSON.stringify(accepted))), states[states.length - 1]);
        }),
        config,
      );
    },
    SLOW,
  );

  it(
    '5: a rejected event changes nothing and says why with an IncidentKitError; a repeated id is a no-op',
    () => {
      fc.assert(
        fc.property(eventLogArb, (log) => {
          for (const { before, input, outcome } of fold(log).steps) {
            const snapshot = structuredClone(before);
            const again = safeApplyEvent(before, input);
            expectEqual(before, snapshot);
            if (!outcome.ok) {
              expect(isIncidentKitError(outcome.error)).toBe(true);
              expect(again.ok).toBe(false);
            } else if (!outcome.duplicate) {
              const twice = safeApplyEvent(outcome.incident, outcome.event);
              expect(twice.ok && twice.duplicate && twice.incident === outcome.incident).toBe(true);
            }
          }
        }),
        config,
      );
    },
    SLOW,
  );

  it(
    '5: replay skips repeated ids instead of applying them twice',
    () => {
      fc.assert(
        fc.property(eventLogArb, fc.nat(), (log, pick) => {
          const { accepted, incident } = fold(log);
          const repeated = accepted[pick % accepted.length]!;
          expectEqual(replay([...accepted, repeated]), incident);
        }),
        config,
      );
    },
    SLOW,
  );

  it(
    'the transition table and the XState machine agree on every event of every log',
    () => {
      const machine = createIncidentMachine();
      fc.assert(
        fc.property(eventLogArb, (log) => {
          const { steps } = fold(log);
          const [declare] = log;
          const actor = createActor(machine, { input: declare as never }).start();
          for (const { input, outcome } of steps) {
            if (input.type === 'DECLARE') continue;
            // A cancelled incident is an XState final state: the actor has stopped and would only warn.
            if (actor.getSnapshot().status === 'active') actor.send(input as never);
            const snapshot = actor.getSnapshot();
            const expected = outcome.ok ? outcome.incident : steps.find((s) => s.input === input)!.before;
            expect(snapshot.value).toBe(expected.phase);
            expectEqual(snapshot.context, expected);
          }
          actor.stop();
        }),
        config,
      );
    },
    SLOW,
  );
});
