import { PHASES, type Phase, unreachable } from '../model/index.js';
import type { GuardName } from './guards.js';
import type { Transition } from './judge.js';
import { INCIDENT_STATES } from './machine-states.js';

/** Phase → event type → transition, read off the machine definition. */
export type TransitionTable = Readonly<Record<Phase, Readonly<Record<string, Transition>>>>;

interface TransitionConfig {
  target?: string | readonly string[] | undefined;
  guard?: unknown;
}

let table: TransitionTable | undefined;

/**
 * The lifecycle's transition table, derived once from the state definition the XState machine
 * (`createIncidentMachine`) is built from (states, `on` maps, guard names), so the fast path cannot
 * drift from the machine — and folding a log needs no XState.
 *
 * @example
 * ```ts
 * import { transitionTable } from 'incidentkit/lifecycle';
 * transitionTable().review.CLOSE; // { target: 'closed', guard: 'closeRequirementsMet' }
 * ```
 */
export function transitionTable(): TransitionTable {
  if (table) return table;
  const states = INCIDENT_STATES as unknown as Record<
    string,
    { on?: Record<string, TransitionConfig> | undefined }
  >;
  const derived = {} as Record<Phase, Record<string, Transition>>;
  for (const phase of PHASES) {
    const row: Record<string, Transition> = {};
    const on = states[phase]?.on ?? {};
    for (const [type, config] of Object.entries(on)) {
      const target = Array.isArray(config.target) ? config.target[0] : config.target;
      if (target !== undefined && !(PHASES as readonly string[]).includes(target)) {
        return unreachable(target as never, `target of ${phase}.${type}`);
      }
      const guard =
        config.guard === 'eventAccepted' || config.guard === undefined
          ? undefined
          : (config.guard as GuardName);
      row[type] = Object.freeze({ target: target as Phase | undefined, guard });
    }
    derived[phase] = Object.freeze(row);
  }
  table = Object.freeze(derived);
  return table;
}
