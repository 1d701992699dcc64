import * as z from 'zod/mini';
import type { Message } from '../comms/index.js';
import { escapePlainText } from '../internal/escape.js';
import { parseWith } from '../internal/validate.js';
import { PHASES } from '../model/index.js';
import { built, lazySchema } from '../model/lazy.js';
import { defaultSeverityPolicy, type PageScope, type SeverityPolicy } from '../severity/index.js';
import { httpRequest } from './http-delivery.js';
import { HttpUrlSchema, matching } from './http-options.js';
import { deliveryFailed } from './http-status.js';
import {
  type Notifier,
  type NotifyContext,
  notifierOverrides,
  PAGE_SCOPES,
  readSend,
  requestOptionsFor,
} from './notifier.js';
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

const SEVERITIES = ['critical', 'error', 'warning', 'info'] as const satisfies readonly PagerDutySeverity[];

const OptionsSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    routingKey: z
      .string()
      .check(matching(/^\S{1,64}$/, 'must be the integration key of an Events API v2 integration')),
    url: z.optional(built(HttpUrlSchema)),
    source: z.optional(z.string().check(z.minLength(1), z.maxLength(255))),
    // Only the scale is read: each level's key, rank and aliases.
    policy: z.optional(
      z.looseObject({
        scale: z
          .array(
            z.looseObject({
              key: z.string().check(z.maxLength(32)),
              rank: z.number().check(z.int(), z.positive()),
              aliases: z.optional(z.array(z.string().check(z.maxLength(32))).check(z.maxLength(100))),
            }),
          )
          .check(z.maxLength(100)),
      }),
    ),
    severities: z.optional(z.record(z.string().check(z.maxLength(32)), z.enum(SEVERITIES))),
    incidentUrl: z.optional(
      z.custom<(incidentId: string) => string>((v) => typeof v === 'function', 'expected a function'),
    ),
    ...notifierOverrides(),
  }),
);

const EventActionMessageSchema = /*#__PURE__*/ lazySchema(() =>
  z.looseObject({
    kind: z.string().check(z.maxLength(100)),
    reason: z.optional(z.string().check(z.maxLength(100))),
  }),
);
const EventActionIncidentSchema = /*#__PURE__*/ lazySchema(() =>
  z.looseObject({
    page: z.enum(PAGE_SCOPES),
    phase: z.enum(PHASES),
  }),
);

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
 *
 * @throws IncidentKitError `INVALID_INPUT` naming the field when the message has no string `kind`
 * or the incident no known `page` and `phase` (each argument is read once).
 */
export function pagerDutyEventAction(
  message: Pick<Message, 'kind'> & { readonly reason?: string | undefined },
  incident: Pick<NotifyContext['incident'], 'page' | 'phase'>,
): PagerDutyEventAction | undefined {
  return eventActionOf(
    parseWith(EventActionMessageSchema, message, 'message'),
    parseWith(EventActionIncidentSchema, incident, 'incident'),
  );
}

// The trusted core of pagerDutyEventAction.
function eventActionOf(
  message: { readonly kind: string; readonly reason?: string | undefined },
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
 * @throws IncidentKitError `INVALID_INPUT` naming the option that is malformed (a missing routing
 * key, a `url` that is not http(s), an unknown PagerDuty severity). Options are read once, here.
 *
 * @example
 * ```ts
 * import { pagerDutyNotifier } from 'incidentkit/adapters';
 * const notifier = pagerDutyNotifier({ routingKey: 'R0123456789ABCDEF0123456789ABCDE' });
 * notifier.name; // 'pagerduty'
 * ```
 */
export function pagerDutyNotifier(options: PagerDutyNotifierOptions): Notifier {
  const o = parseWith(OptionsSchema, options, 'options');
  const url = o.url ?? 'https://events.pagerduty.com/v2/enqueue';
  const routingKey = o.routingKey;
  const name = o.name ?? 'pagerduty';
  const source = o.source ?? 'incidentkit';
  const explicit = new Map(Object.entries(o.severities ?? {}));
  const ranks = new Map<string, number>();
  for (const level of (o.policy ?? defaultSeverityPolicy).scale) {
    for (const alias of level.aliases ?? []) if (!ranks.has(alias)) ranks.set(alias, level.rank);
    ranks.set(level.key, level.rank);
  }
  const incidentUrl = o.incidentUrl;

  const severityOf = (incident: NotifyContext['incident']): PagerDutySeverity => {
    const key = incident.severity;
    if (key !== undefined) {
      const chosen = explicit.get(key);
      if (chosen !== undefined) return chosen;
      const rank = ranks.get(key);
      if (rank !== undefined) return BY_RANK[rank - 1] ?? 'info';
    }
    return BY_PAGE[incident.page] ?? 'info';
  };

  // The host's own page for the incident: only a plain http(s) URL becomes a link; anything else is left out.
  const linkTo = (incidentId: string): string | undefined => {
    if (incidentUrl === undefined) return undefined;
    let href: unknown;
    try {
      href = incidentUrl(incidentId);
    } catch (error) {
      throw deliveryFailed(`${name}: options.incidentUrl threw`, { target: name, cause: error });
    }
    return typeof href === 'string' && href.length <= 2_000 && /^https?:\/\/[^\s]+$/i.test(href)
      ? href
      : undefined;
  };

  return {
    name,
    async send(message, context) {
      const { message: m, context: ctx } = readSend(name, message, context);
      const action = eventActionOf(m, ctx.incident);
      if (action === undefined) return;
      const event: Record<string, unknown> = {
        routing_key: routingKey,
        event_action: action,
        dedup_key: ctx.incident.id,
      };
      if (action === 'trigger') {
        // fromEntries defines own properties: a field labelled `__proto__` stays a field.
        const details: Record<string, string> = Object.fromEntries([
          ...m.fields.map((field) => [field.label, field.value] as const),
          ['incident', ctx.incident.id],
          ['phase', ctx.incident.phase],
          ...(ctx.incident.severity === undefined ? [] : [['severity', ctx.incident.severity] as const]),
        ]);
        event.payload = {
          summary: summaryOf(m),
          source,
          severity: severityOf(ctx.incident),
          timestamp: new Date(m.at).toISOString(),
          class: m.kind === 'reminder' ? 'incident re-page' : 'incident',
          custom_details: details,
        };
        event.client = 'incidentkit';
        const href = linkTo(ctx.incident.id);
        if (href !== undefined) {
          event.client_url = href;
          event.links = [{ href, text: `Incident ${ctx.incident.id}` }];
        }
      }
      await httpRequest(url, {
        ...requestOptionsFor(name, o, ctx),
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey },
        body: JSON.stringify(event),
      });
    },
  };
}
