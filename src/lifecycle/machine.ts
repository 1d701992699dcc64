import { assign, setup } from 'xstate';
import { readOptions, snapshotInput } from '../internal/validate.js';
import {
  type DeclareInput,
  type Incident,
  type IncidentEventInput,
  IncidentKitError,
  invalidInput,
  isIncidentKitError,
  type Phase,
} from '../model/index.js';
import { resolvePolicy, type SeverityPolicy, type SeverityPolicyConfig } from '../severity/index.js';
import { decide } from './decide.js';
import { GUARDS, type GuardName } from './guards.js';
import { INCIDENT_STATES } from './machine-states.js';

/** Options of the lifecycle functions: the severity policy whose requirements guard transitions. */
export interface LifecycleOptions {
  policy?: SeverityPolicy | SeverityPolicyConfig | undefined;
}

/** The events the machine accepts after DECLARE (which is its `input`). */
export type IncidentMachineEvent = Exclude<IncidentEventInput, { type: 'DECLARE' }>;

/**
 * The incident after `event` under `policy`, or `undefined` when the lifecycle rejects it (any
 * input at all: the actor must never fail on what a caller sends). `guard` is the named guard the
 * machine evaluates for this transition; `decide` runs it as the table says, and the name is
 * checked against the same table so the two cannot drift.
 */
function accepted(
  context: Incident,
  event: unknown,
  policy: SeverityPolicy,
  guard: GuardName | undefined,
): Incident | undefined {
  try {
    const base = producedEquivalent(context) ?? context;
    const { events, incident } = decide(base, event as IncidentMachineEvent, { policy });
    if (events.length === 0) return undefined;
    if (guard !== undefined && GUARDS[guard](context, events[0]!, policy) !== undefined) return undefined;
    produced.set(incident.timeline, incident);
    return incident;
  } catch (error) {
    if (isIncidentKitError(error)) return undefined;
    throw error;
  }
}

/**
 * Incidents the machine's own decisions produced, by their timeline array. XState copies the
 * context on every `assign`, so the context a guard sees next is a new object with the same field
 * values; recognising it (same value, by identity, in every field) lets `decide` take the checked
 * incident instead of parsing the whole context again — which made folding through the actor
 * quadratic. Anything else (a snapshot restored from storage, a context edited by hand) is checked
 * in full by `decide`, as before.
 */
const produced = new WeakMap<readonly unknown[], Incident>();

function producedEquivalent(context: Incident): Incident | undefined {
  const known = produced.get(context.timeline);
  if (known === undefined) return undefined;
  const a = context as unknown as Record<string, unknown>;
  const b = known as unknown as Record<string, unknown>;
  let defined = 0;
  for (const key of Object.keys(a)) {
    if (a[key] === undefined) continue;
    if (a[key] !== b[key]) return undefined;
    defined++;
  }
  let expected = 0;
  for (const key of Object.keys(b)) if (b[key] !== undefined) expected++;
  return defined === expected ? known : undefined;
}

/**
 * The incident lifecycle as an XState v5 machine: detect → triage → mitigate → resolve → review →
 * closed, with REOPEN back to mitigate and CANCEL from detect or triage. The context is the
 * {@link Incident}; `input` is the DECLARE payload. Guards come from the severity policy and are
 * pure predicates of context and event. Events the lifecycle would reject (invalid, out of order,
 * unmet requirement, already applied, malformed) leave the actor unchanged; use `applyEvent` or
 * `decide` to learn why.
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
export function createIncidentMachine(options?: LifecycleOptions) {
  if (options !== undefined && (typeof options !== 'object' || options === null))
    throw invalidInput('options', 'expected an options object or nothing');
  const policy = resolvePolicy((readOptions(options) as LifecycleOptions | undefined)?.policy);
  const accepts =
    (guard: GuardName | undefined) =>
    ({ context, event }: { context: Incident; event: IncidentMachineEvent }) =>
      accepted(context, event, policy, guard) !== undefined;

  const machine = setup({
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
      enterPhase: assign((_, params: { phase: Phase }) => ({ phase: params.phase })),
      record: assign(({ context, event }) => {
        const next = accepted(context, event, policy, undefined);
        if (next === undefined) return {};
        // Entry actions write the phase; the context keeps its phase until the state is entered.
        const draft: Incident = { ...next, phase: context.phase };
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
      return decide(undefined, { ...input, type: 'DECLARE' }, { policy }).incident;
    },

    states: INCIDENT_STATES,
  });
  // XState reads `event.type` as a string before any guard runs (`type.startsWith`), so a
  // malformed event would put the actor in status 'error'. Every event is read once here instead:
  // a plain copy when it has a string type, otherwise (a numeric type, a throwing getter or Proxy,
  // a cycle) an event no state handles, which leaves the snapshot as it was.
  const transition = machine.transition.bind(machine);
  machine.transition = (snapshot, event, scope) => transition(snapshot, readEvent(event), scope);
  return machine;
}

/** What XState receives in place of an event it could not read: no state has a transition for it. */
const UNREADABLE = { type: 'incidentkit.unreadable' } as unknown as IncidentMachineEvent;

function readEvent<E>(event: E): E {
  try {
    const copy = snapshotInput(event, 'event') as { type?: unknown } | null;
    if (typeof copy === 'object' && copy !== null && typeof copy.type === 'string') return copy as E;
  } catch (error) {
    if (!isIncidentKitError(error)) throw error;
  }
  return UNREADABLE as E;
}

/** The machine type {@link createIncidentMachine} returns. */
export type IncidentMachine = ReturnType<typeof createIncidentMachine>;
