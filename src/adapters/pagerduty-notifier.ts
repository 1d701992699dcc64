import type { Message } from '../comms/index.js';
import { escapePlainText } from '../internal/escape.js';
import { invalidInput } from '../model/index.js';
import { defaultSeverityPolicy, type PageScope, type SeverityPolicy } from '../severity/index.js';
import { httpRequest } from './http-delivery.js';
import type { Notifier, NotifyContext } from './notifier.js';
import type { FetchLike } from './web.js';

/** The severities of a PagerDuty Events API v2 alert. */
export type PagerDutySeverity = 'critical' | 'error' | 'warning' | 'info';

/** What an Events API v2 request does to the alert keyed by `dedup_key`. */
export type PagerDutyEventAction = 'trigger' | 'acknowledge' | 'resolve';

/**
 * Options of {@link pagerDutyNotifier}.
 *
 * @example
 * ```ts
 * import type { PagerDutyNotifierOptions } from 'incidentkit/adapters';
 * const options: PagerDutyNotifierOptions = { routingKey: 'R0123456789ABCDEF0123456789ABCDE' };
 * ```
 */
export interface PagerDutyNotifierOptions {
  /** The 32-character integration key of an Events API v2 integration (a service's or a ruleset's). */
  readonly routingKey: string;
  /** The full endpoint; default `https://events.pagerduty.com/v2/enqueue` (EU: `https://events.eu.pagerduty.com/v2/enqueue`). */
  readonly url?: string | undefined;
  /** `payload.source`: where the problem is; default `'incidentkit'`. */
  readonly source?: string | undefined;
  /** The policy whose scale ranks severities (rank 1 → critical, 2 → error, 3 → warning, else info); default the default policy. */
  readonly policy?: Pick<SeverityPolicy, 'scale'> | undefined;
  /** Explicit severity key → PagerDuty severity, consulted before the ranks. */
  readonly severities?: Readonly<Record<string, PagerDutySeverity>> | undefined;
  /** The incident's page in the host's own tool, linked from the alert (`links`, `client_url`). */
  readonly incidentUrl?: (incidentId: string) => string;
  /** The `fetch` to use; default the global one. */
  readonly fetch?: FetchLike | undefined;
  /** Per-request timeout in ms; default 10 000. */
  readonly timeoutMs?: number | undefined;
  /** The notifier's name in routes and outbox rows; default `'pagerduty'`. */
  readonly name?: string | undefined;
}

const SUMMARY_MAX = 1_024;
const BY_RANK: readonly PagerDutySeverity[] = ['critical', 'error', 'warning'];
const BY_PAGE: Readonly<Record<PageScope, PagerDutySeverity>> = {
  'all-hands': 'critical',
  team: 'error',
  'on-call': 'warning',
  none: 'info',
};

/**
 * What the Events API should be told for a message: `trigger` for the initial notification and for
 * an acknowledgement reminder (a re-page) when the severity pages; `acknowledge` for the
 * `acknowledged` message; `resolve` for the resolution notice and for anything about a cancelled
 * incident. Other messages (status updates, status page, postmortem) change nothing in PagerDuty.
 *
 * @example
 * ```ts
 * import { pagerDutyEventAction } from 'incidentkit/adapters';
 * pagerDutyEventAction({ kind: 'resolution-notice' }, { page: 'team', phase: 'review' }); // 'resolve'
 * ```
 */
export function pagerDutyEventAction(
  message: Pick<Message, 'kind'> & { readonly reason?: string | undefined },
  incident: Pick<NotifyContext['incident'], 'page' | 'phase'>,
): PagerDutyEventAction | undefined {
  if (incident.phase === 'cancelled') return 'resolve';
  switch (message.kind) {
    case 'initial-notification':
      return incident.page === 'none' ? undefined : 'trigger';
    case 'reminder':
      return message.reason === 'acknowledge-overdue' && incident.page !== 'none' ? 'trigger' : undefined;
    case 'acknowledged':
      return 'acknowledge';
    case 'resolution-notice':
      return 'resolve';
    default:
      return undefined;
  }
}

function summaryOf(message: Message): string {
  const text = escapePlainText(message.title).replace(/\s+/g, ' ').trim() || `Incident ${message.incidentId}`;
  return text.length <= SUMMARY_MAX ? text : `${text.slice(0, SUMMARY_MAX - 1)}…`;
}

/**
 * A paging notifier for PagerDuty's Events API v2 (`POST /v2/enqueue`). Each incident is one alert
 * with `dedup_key` = the incident id: severities whose requirements page (`page !== 'none'` in the
 * send context) `trigger` it from the initial notification and again for an overdue
 * acknowledgement (a re-page); the `acknowledged` message acknowledges it and the resolution
 * notice (or a cancellation) resolves it, whatever the paging level, so no alert is left open.
 * `payload.severity` maps the incident's severity onto `critical` / `error` / `warning` / `info`;
 * `payload.summary` is the message title, at most 1,024 characters; `custom_details` carries the
 * message fields. 202 is delivered; 400 (an invalid event) is `permanent`; 429 and 5xx are retried
 * with backoff. Messages that change nothing in PagerDuty resolve without a request.
 *
 * @param options - The routing key, and the URL, `fetch`, severity mapping and name overrides.
 * @returns A {@link Notifier} named `pagerduty` (or `options.name`).
 * @throws IncidentKitError `INVALID_INPUT` for a missing routing key or a bad `url`.
 *
 * @example
 * ```ts
 * import { pagerDutyNotifier } from 'incidentkit/adapters';
 * const notifier = pagerDutyNotifier({ routingKey: 'R0123456789ABCDEF0123456789ABCDE' });
 * notifier.name; // 'pagerduty'
 * ```
 */
export function pagerDutyNotifier(options: PagerDutyNotifierOptions): Notifier {
  const o = (options ?? {}) as Partial<PagerDutyNotifierOptions>;
  if (typeof o.routingKey !== 'string' || !/^\S{1,64}$/.test(o.routingKey))
    throw invalidInput('options.routingKey', 'must be the integration key of an Events API v2 integration');
  const url = o.url ?? 'https://events.pagerduty.com/v2/enqueue';
  if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/i.test(url))
    throw invalidInput('options.url', 'must be an http(s) URL');
  const routingKey = o.routingKey;
  const name = o.name ?? 'pagerduty';
  const source = o.source ?? 'incidentkit';
  const scale = (o.policy ?? defaultSeverityPolicy).scale;

  const severityOf = (incident: NotifyContext['incident']): PagerDutySeverity => {
    const key = incident.severity;
    if (key !== undefined) {
      const explicit = o.severities?.[key];
      if (explicit !== undefined && Object.hasOwn(o.severities ?? {}, key)) return explicit;
      const level = scale.find((l) => l.key === key || l.aliases.includes(key));
      if (level !== undefined) return BY_RANK[level.rank - 1] ?? 'info';
    }
    return BY_PAGE[incident.page] ?? 'info';
  };

  return {
    name,
    async send(message, context) {
      const action = pagerDutyEventAction(message, context.incident);
      if (action === undefined) return;
      const event: Record<string, unknown> = {
        routing_key: routingKey,
        event_action: action,
        dedup_key: context.incident.id,
      };
      if (action === 'trigger') {
        // fromEntries defines own properties: a field labelled `__proto__` stays a field.
        const details: Record<string, string> = Object.fromEntries([
          ...message.fields.map((field) => [field.label, field.value] as const),
          ['incident', context.incident.id],
          ['phase', context.incident.phase],
          ...(context.incident.severity === undefined
            ? []
            : [['severity', context.incident.severity] as const]),
        ]);
        event.payload = {
          summary: summaryOf(message),
          source,
          severity: severityOf(context.incident),
          timestamp: new Date(message.at).toISOString(),
          class: message.kind === 'reminder' ? 'incident re-page' : 'incident',
          custom_details: details,
        };
        event.client = 'incidentkit';
        const href = o.incidentUrl?.(context.incident.id);
        // Only a plain http(s) URL becomes a link; anything else is left out rather than sent.
        if (typeof href === 'string' && /^https?:\/\/[^\s]+$/i.test(href) && href.length <= 2_000) {
          event.client_url = href;
          event.links = [{ href, text: `Incident ${context.incident.id}` }];
        }
      }
      await httpRequest(url, {
        target: name,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': context.idempotencyKey },
        body: JSON.stringify(event),
        ...(o.fetch === undefined ? {} : { fetch: o.fetch }),
        ...(o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs }),
        ...(context.signal === undefined ? {} : { signal: context.signal }),
        ...(context.now === undefined ? {} : { now: context.now }),
      });
    },
  };
}
