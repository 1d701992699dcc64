import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  createIncidentMachine,
  declareIncident,
  type Incident,
  type IncidentEvent,
  type IncidentEventInput,
  incidentInvariantViolations,
  isIncidentKitError,
  type MilestoneName,
  parseIncident,
  replay,
  safeApplyEvent,
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

const config = { numRuns: RUNS };

describe('lifecycle invariants over random logs (valid, invalid, duplicated, out-of-order events)', () => {
  it('1+2+6: every reachable incident has monotone milestones, skips no phase, and is closed only with a required postmortem', () => {
    fc.assert(
      fc.property(eventLogArb, (log) => {
        const { states, incident } = fold(log);
        for (const state of states) expect(incidentInvariantViolations(state)).toEqual([]);
        // Whatever the lifecycle produces, the full schema accepts back from storage.
        expect(parseIncident(JSON.stringify(incident))).toEqual(incident);
      }),
      config,
    );
  });

  it('1: an event timed before the latest milestone is never accepted', () => {
    fc.assert(
      fc.property(eventLogArb, (log) => {
        for (const { before, outcome } of fold(log).steps) {
          if (outcome.ok && !outcome.duplicate)
            expect(outcome.event.at).toBeGreaterThanOrEqual(latest(before));
        }
      }),
      config,
    );
  });

  it('3: terminal phases absorb — nothing leaves cancelled, only REOPEN leaves closed', () => {
    fc.assert(
      fc.property(eventLogArb, (log) => {
        for (const { before, outcome } of fold(log).steps) {
          if (!outcome.ok || outcome.duplicate) continue;
          if (before.phase === 'cancelled') throw new Error('an event was accepted on a cancelled incident');
          if (before.phase === 'closed' && outcome.incident.phase !== 'closed')
            expect(outcome.event.type).toBe('REOPEN');
        }
      }),
      config,
    );
  });

  it('4: replay of the accepted log equals applying the events one by one, for every prefix', () => {
    fc.assert(
      fc.property(eventLogArb, (log) => {
        const { accepted, states } = fold(log);
        for (let n = 1; n <= accepted.length; n++) {
          expect(replay(accepted.slice(0, n))).toEqual(states[n - 1]);
        }
        // A stored log round-trips through JSON.
        expect(replay(JSON.parse(JSON.stringify(accepted)))).toEqual(states[states.length - 1]);
      }),
      config,
    );
  });

  it('5: a rejected event changes nothing and says why with an IncidentKitError; a repeated id is a no-op', () => {
    fc.assert(
      fc.property(eventLogArb, (log) => {
        for (const { before, input, outcome } of fold(log).steps) {
          const snapshot = structuredClone(before);
          const again = safeApplyEvent(before, input);
          expect(before).toEqual(snapshot);
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
  });

  it('5: replay skips repeated ids instead of applying them twice', () => {
    fc.assert(
      fc.property(eventLogArb, fc.nat(), (log, pick) => {
        const { accepted, incident } = fold(log);
        const repeated = accepted[pick % accepted.length]!;
        expect(replay([...accepted, repeated])).toEqual(incident);
      }),
      config,
    );
  });

  it('the transition table and the XState machine agree on every event of every log', () => {
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
          expect(snapshot.context).toEqual(expected);
        }
        actor.stop();
      }),
      config,
    );
  });
});
