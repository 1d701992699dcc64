import { assign, setup } from 'xstate';
import {
  type DeclareInput,
  type Incident,
  type IncidentEventInput,
  IncidentKitError,
} from '../model/index.js';
import { resolvePolicy, type SeverityPolicy, type SeverityPolicyConfig } from '../severity/index.js';
import { type Decision, decide, type Transition } from './decide.js';
import type { GuardName } from './guards.js';
import { normalizeEvent } from './normalize-event.js';
import { createIncident, draftOf, recordEvent } from './record-event.js';

/** Options of the lifecycle functions: the severity policy whose requirements guard transitions. */
export interface LifecycleOptions {
  policy?: SeverityPolicy | SeverityPolicyConfig;
}

/** The events the machine accepts after DECLARE (which is its `input`). */
export type IncidentMachineEvent = Exclude<IncidentEventInput, { type: 'DECLARE' }>;

const ACCEPTED = { guard: 'eventAccepted', actions: 'record' } as const;

/** Events every non-terminal phase accepts without changing phase. */
const IN_PLACE = {
  SET_SEVERITY: ACCEPTED,
  ASSIGN_ROLE: ACCEPTED,
  UNASSIGN_ROLE: ACCEPTED,
  UPDATE_IMPACT: ACCEPTED,
  POST_UPDATE: ACCEPTED,
  NOTE: ACCEPTED,
  ADD_ACTION_ITEM: ACCEPTED,
  UPDATE_ACTION_ITEM: ACCEPTED,
} as const;

const REOPEN = { target: 'mitigate', ...ACCEPTED } as const;

/**
 * The incident lifecycle as an XState v5 machine: detect → triage → mitigate → resolve → review →
 * closed, with REOPEN back to mitigate and CANCEL from detect or triage. The context is the
 * {@link Incident}; `input` is the DECLARE payload. Guards come from the severity policy. Events the
 * lifecycle would reject (invalid, out of order, unmet requirement, already applied) leave the
 * actor unchanged; use `applyEvent` to learn why.
 *
 * @example
 * ```ts
 * import { createActor } from 'xstate';
 * import { createIncidentMachine } from 'incidentkit/lifecycle';
 * const actor = createActor(createIncidentMachine(), { input: { title: 'Checkout errors', at: 0 } }).start();
 * actor.send({ type: 'ACKNOWLEDGE', at: 60_000, by: 'alice' });
 * actor.getSnapshot().value; // 'triage'
 * const saved = actor.getPersistedSnapshot();
 * const resumed = createActor(createIncidentMachine(), { snapshot: saved }).start();
 * ```
 */
export function createIncidentMachine(options: LifecycleOptions = {}) {
  const policy = resolvePolicy(options.policy);
  // Guard and action run back to back on the same event: decide once.
  let last:
    | { context: Incident; event: unknown; guard: GuardName | undefined; decision: Decision }
    | undefined;
  const decideOnce = (
    context: Incident,
    event: IncidentMachineEvent,
    guard: GuardName | undefined,
  ): Decision => {
    if (last && last.context === context && last.event === event && last.guard === guard)
      return last.decision;
    // The machine only calls a guard for an event its current state handles.
    const row: Record<string, Transition> = { [event.type]: { target: undefined, guard } };
    const decision = decide(context, event, policy, row);
    last = { context, event, guard, decision };
    return decision;
  };
  const accepts =
    (guard: GuardName | undefined) =>
    ({ context, event }: { context: Incident; event: IncidentMachineEvent }) =>
      decideOnce(context, event, guard).kind === 'apply';

  return setup({
    types: {} as {
      context: Incident;
      events: IncidentMachineEvent;
      // `void`, not `undefined` (which type inference strips from an optional field), so that
      // `createActor(machine, { snapshot })` type-checks; a fresh actor still needs the payload.
      // biome-ignore lint/suspicious/noConfusingVoidType: see above
      input: DeclareInput | void;
    },
    guards: {
      eventAccepted: accepts(undefined),
      triageRolesHeld: accepts('triageRolesHeld'),
      closeRequirementsMet: accepts('closeRequirementsMet'),
    },
    actions: {
      record: assign(({ context, event }) => {
        const decision =
          last && last.context === context && last.event === event
            ? last.decision
            : decideOnce(context, event, undefined);
        last = undefined;
        if (decision.kind !== 'apply') return {};
        const draft = draftOf(context);
        recordEvent(draft, decision.event, undefined);
        // assign() merges into the context, so a field the event removed must be cleared explicitly.
        const cleared: Partial<Record<keyof Incident, undefined>> = {};
        for (const key of Object.keys(context) as (keyof Incident)[])
          if (!Object.hasOwn(draft, key)) cleared[key] = undefined;
        return { ...draft, ...cleared };
      }),
    },
  }).createMachine({
    id: 'incident',
    initial: 'detect',
    context: ({ input }) => {
      if (typeof input !== 'object' || input === null) {
        throw new IncidentKitError(
          'INVALID_INPUT',
          'input: a new incident actor needs the DECLARE payload as input',
          {
            issues: [{ path: 'input', message: 'expected the DECLARE payload' }],
          },
        );
      }
      return createIncident(
        normalizeEvent({ ...input, type: 'DECLARE' }, undefined, policy) as never,
        policy,
      );
    },

    // Each state's phase is written into the context on entry, so the read model matches the value.
    states: {
      detect: {
        on: {
          ACKNOWLEDGE: { target: 'triage', ...ACCEPTED },
          CANCEL: { target: 'cancelled', ...ACCEPTED },
          ...IN_PLACE,
        },
      },
      triage: {
        entry: assign({ phase: 'triage' }),
        on: {
          TRIAGE: { target: 'mitigate', guard: 'triageRolesHeld', actions: 'record' },
          CANCEL: { target: 'cancelled', ...ACCEPTED },
          ...IN_PLACE,
        },
      },
      mitigate: {
        entry: assign({ phase: 'mitigate' }),
        on: { MITIGATE: { target: 'resolve', ...ACCEPTED }, ...IN_PLACE },
      },
      resolve: {
        entry: assign({ phase: 'resolve' }),
        on: { RESOLVE: { target: 'review', ...ACCEPTED }, REOPEN, ...IN_PLACE },
      },
      review: {
        entry: assign({ phase: 'review' }),
        on: {
          CLOSE: { target: 'closed', guard: 'closeRequirementsMet', actions: 'record' },
          REOPEN,
          PUBLISH_POSTMORTEM: ACCEPTED,
          ...IN_PLACE,
        },
      },
      closed: {
        entry: assign({ phase: 'closed' }),
        on: {
          REOPEN,
          PUBLISH_POSTMORTEM: ACCEPTED,
          ADD_ACTION_ITEM: ACCEPTED,
          UPDATE_ACTION_ITEM: ACCEPTED,
        },
      },
      cancelled: { type: 'final', entry: assign({ phase: 'cancelled' }) },
    },
  });
}

/** The machine type {@link createIncidentMachine} returns. */
export type IncidentMachine = ReturnType<typeof createIncidentMachine>;
