export { type Clock, systemClock, type TimerId } from './clock.js';
export type { CommandMeta, CommandPayload, DeclareCommand } from './command-input.js';
export {
  createIncidentManager,
  type IncidentManager,
  type IncidentManagerOptions,
  type ScheduleOptions,
} from './create-incident-manager.js';
export type { DueItem, DueKind } from './due-items.js';
export { type IdGenerator, randomIds } from './ids.js';
export type { ManagerListFilter } from './list-filter.js';
export type { RemindResult } from './reminders.js';
export type { RunOptions, RunSummary } from './run-loop.js';
export type { SignalResult } from './signal-intake.js';
export type { SyncResult } from './sync-action-items.js';
