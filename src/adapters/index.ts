export type { ActionItemTracker, ExternalRef, TrackedStatus } from './action-item-tracker.js';
export { type BackoffOptions, backoffDelay } from './backoff.js';
export {
  DEFAULT_LEASE_MS,
  DEFAULT_MAX_ATTEMPTS,
  type DeliverOutboxOptions,
  type DeliveryAttempt,
  type DeliveryReport,
  deliverOutbox,
} from './deliver-outbox.js';
export {
  BUILT_IN_UPCASTERS,
  CURRENT_EVENT_SCHEMA_VERSION,
  type EventUpcaster,
  upcastEvent,
} from './event-upcasters.js';
export { type GitHubIssuesTrackerOptions, githubIssuesTracker } from './github-issues-tracker.js';
export {
  DEFAULT_HTTP_TIMEOUT_MS,
  type HttpDeliveryResponse,
  type HttpRequestOptions,
  httpRequest,
  postJson,
} from './http-delivery.js';
export { classifyHttpStatus, deliveryFailed, type HttpOutcome, parseRetryAfter } from './http-status.js';
export type {
  AppendOptions,
  AppendResult,
  ChainVerification,
  ClaimOptions,
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
export { fromAlertmanager } from './intake/from-alertmanager.js';
export { fromGrafanaAlert } from './intake/from-grafana-alert.js';
export { fromPagerDutyWebhook } from './intake/from-pagerduty-webhook.js';
export { verifyPagerDutySignature } from './intake/verify-pagerduty-signature.js';
export { type JiraTrackerOptions, jiraTracker } from './jira-tracker.js';
export { type MemoryStoreOptions, memoryStore } from './memory-store.js';
export type { Notifier, NotifyContext } from './notifier.js';
export {
  type PagerDutyEventAction,
  type PagerDutyNotifierOptions,
  type PagerDutySeverity,
  pagerDutyEventAction,
  pagerDutyNotifier,
} from './pagerduty-notifier.js';
export type {
  PgClientMode,
  PgPoolLike,
  PgQueryable,
  PgQueryResult,
  PgTransactionalLike,
} from './postgres-client.js';
export { type PostgresStoreOptions, postgresStore } from './postgres-store.js';
export { type NotifierRoute, routeMessage } from './route-message.js';
export type { Signal } from './signal.js';
export { type SlackApiNotifierOptions, slackApiNotifier } from './slack-api-notifier.js';
export { type SlackNotifierOptions, slackNotifier } from './slack-notifier.js';
export { type TeamsNotifierOptions, teamsNotifier } from './teams-notifier.js';
export { type VerifyWebhookSignatureOptions, verifyWebhookSignature } from './verify-webhook-signature.js';
export type { AbortSignalLike, FetchInitLike, FetchLike, FetchResponseLike } from './web.js';
export { type WebhookNotifierOptions, type WebhookPayload, webhookNotifier } from './webhook-notifier.js';
