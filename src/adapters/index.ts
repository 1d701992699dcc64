export type { ActionItemTracker, ExternalRef, TrackedStatus } from './action-item-tracker.js';
export type {
  AppendOptions,
  AppendResult,
  ChainVerification,
  DeliveryOutcome,
  IncidentListFilter,
  IncidentStore,
  OutboxIncidentContext,
  OutboxMessageInput,
  OutboxRow,
  OutboxStatus,
  SignalKey,
  StoredEventRecord,
} from './incident-store.js';
export type { Notifier, NotifyContext } from './notifier.js';
export type { Signal } from './signal.js';
export type { AbortSignalLike, FetchInitLike, FetchLike, FetchResponseLike } from './web.js';
