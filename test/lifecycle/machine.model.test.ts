import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import {
  createIncidentMachine,
  declareIncident,
  type Incident,
  type IncidentMachineEvent,
  safeApplyEvent,
} from '../../src/index.js';

const MINUTE = 60_000;
const machine = createIncidentMachine();
const input = { incidentId: 'INC-7', title: 'Checkout errors', at: 0, severity: 'SEV3' };

/** Candidate events for a state, timed one minute after its latest event so order never blocks. */
function eventsFor(incident: Incident): IncidentMachineEvent[] {
  const at = (incident.timeline[incident.timeline.length - 1]?.at ?? 0) + MINUTE;
  return [
    { type: 'ACKNOWLEDGE', at },
    { type: 'ASSIGN_ROLE', at, role: 'commander', assignee: 'alice' },
    { type: 'ASSIGN_ROLE', at, role: 'commsLead', assignee: 'bob' },
    { type: 'UNASSIGN_ROLE', at, role: 'commander' },
    { type: 'TRIAGE', at, severity: 'SEV1' },
    { type: 'TRIAGE', at, severity: 'SEV3' },
    { type: 'TRIAGE', at, severity: 'SEV4' },
    { type: 'SET_SEVERITY', at, severity: 'SEV1', reason: 'spreading' },
    { type: 'SET_SEVERITY', at, severity: 'SEV4', reason: 'cosmetic' },
    { type: 'MITIGATE', at, summary: 'rolled back' },
    { type: 'RESOLVE', at, summary: 'fixed' },
    { type: 'ADD_ACTION_ITEM', at, item: { id: 'act_1', title: 'Add a canary stage' } },
    {
      type: 'UPDATE_ACTION_ITEM',
      at,
      itemId: 'act_1',
      changes: { owner: 'carol', dueAt: at + 7 * 24 * 60 * MINUTE },
    },
    { type: 'PUBLISH_POSTMORTEM', at },
    { type: 'CLOSE', at },
    { type: 'REOPEN', at, reason: 'errors are back' },
    { type: 'CANCEL', at, reason: 'false-alarm' },
    { type: 'NOTE', at, text: 'roll back', kind: 'decision' },
  ];
}

/** A bounded key: what guards look at, never times or counters that grow. */
function serialize(incident: Incident): string {
  const open = incident.actionItems.filter((i) => i.status === 'open');
  return JSON.stringify([
    incident.phase,
    incident.severity,
    Object.keys(incident.roles).sort(),
    Boolean(incident.postmortem),
    open.length,
    open.some((i) => !i.owner || i.dueAt === undefined),
    Math.min(incident.reopenCount, 1),
  ]);
}

const paths = getShortestPaths(machine, {
  input,
  events: (snapshot) => eventsFor(snapshot.context),
  serializeState: (snapshot) => serialize(snapshot.context),
});

describe('model-based: every shortest path of the machine', () => {
  it('reaches every phase, including closed after a reopen', () => {
    const phases = new Set(paths.map((p) => p.state.value));
    expect([...phases].sort()).toEqual([
      'cancelled',
      'closed',
      'detect',
      'mitigate',
      'resolve',
      'review',
      'triage',
    ]);
    expect(paths.some((p) => p.state.value === 'closed' && p.state.context.reopenCount > 0)).toBe(true);
    expect(paths.length).toBeGreaterThan(100);
    console.log(
      `model-based: ${paths.length} shortest paths, ${new Set(paths.map((p) => p.state.value)).size} phases`,
    );
  });

  it('replaying each path through the machine and through the transition table gives the same incident at every step', () => {
    for (const path of paths) {
      let incident = declareIncident(input).incident;
      let [snapshot] = initialTransition(machine, input);
      for (const step of path.steps) {
        if ((step.event.type as string) === 'xstate.init') continue;
        // The graph keeps one representative snapshot per key, so re-time each event for this walk.
        const at = incident.timeline[incident.timeline.length - 1]!.at + MINUTE;
        const event = { ...(step.event as IncidentMachineEvent), at } as IncidentMachineEvent;
        const result = safeApplyEvent(incident, event);
        if (!result.ok)
          throw new Error(`${path.steps.map((s) => s.event.type).join(' → ')}: ${result.error.message}`);
        incident = result.incident;
        [snapshot] = transition(machine, snapshot, event);
        expect(snapshot.value).toBe(incident.phase);
        expect(snapshot.context).toEqual(incident);
      }
      expect(serialize(incident)).toBe(serialize(path.state.context));
    }
  });

  it('from every reachable state, every candidate event is accepted by both or rejected by both', () => {
    let rejections = 0;
    for (const path of paths) {
      const snapshot = path.state;
      for (const event of eventsFor(snapshot.context)) {
        const [next] = transition(machine, snapshot, event);
        const result = safeApplyEvent(snapshot.context, event);
        if (result.ok) {
          expect(next.value).toBe(result.incident.phase);
          expect(next.context).toEqual(result.incident);
        } else {
          rejections++;
          expect(next.value).toBe(snapshot.value);
          expect(next.context).toBe(snapshot.context);
        }
      }
    }
    expect(rejections).toBeGreaterThan(0);
  });
});
