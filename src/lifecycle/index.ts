export { allowedEvents } from './allowed-events.js';
export { type ApplyResult, applyEvent, safeApplyEvent } from './apply-event.js';
export {
  DEFAULT_MAX_CLOCK_SKEW_MS,
  type DecideOptions,
  type Decision,
  decide,
  type SafeDecision,
  safeDecide,
} from './decide.js';
export { declareIncident } from './declare-incident.js';
export { lifecycleDiagram } from './diagram.js';
export { evolve } from './evolve.js';
export type { GuardName } from './guards.js';
export { incidentInvariantViolations } from './invariants.js';
export type { Transition } from './judge.js';
export {
  createIncidentMachine,
  type IncidentMachine,
  type IncidentMachineEvent,
  type LifecycleOptions,
} from './machine.js';
export { type ReplayOptions, replay } from './replay.js';
export { type TransitionTable, transitionTable } from './transition-table.js';
