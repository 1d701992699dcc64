export { allowedEvents } from './allowed-events.js';
export { type ApplyResult, applyEvent, safeApplyEvent } from './apply-event.js';
export type { Transition } from './decide.js';
export { declareIncident } from './declare-incident.js';
export { lifecycleDiagram } from './diagram.js';
export type { GuardName } from './guards.js';
export { incidentInvariantViolations } from './invariants.js';
export {
  createIncidentMachine,
  type IncidentMachine,
  type IncidentMachineEvent,
  type LifecycleOptions,
} from './machine.js';
export { replay } from './replay.js';
export { type TransitionTable, transitionTable } from './transition-table.js';
