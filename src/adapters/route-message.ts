import * as z from 'zod/mini';
import { MESSAGE_KINDS, type Message } from '../comms/index.js';
import { parseWith } from '../internal/validate.js';
import { type Audience, AudienceSchema } from '../model/index.js';
import { built, lazySchema } from '../model/lazy.js';
import type { PageScope } from '../severity/index.js';
import type { OutboxIncidentContext } from './incident-store.js';
import { IncidentContextSchema, type Notifier, PAGE_SCOPES } from './notifier.js';

/**
 * Which messages one notifier gets. Every stated criterion must match; an unstated one matches
 * everything. A notifier with several routes gets a message when any of them matches.
 *
 * @example
 * ```ts
 * import type { NotifierRoute } from 'incidentkit/adapters';
 * // PagerDuty pages only for SEV1 and SEV2 incidents, and hears nothing meant for the public.
 * const route: NotifierRoute = { notifier: 'pagerduty', severities: ['SEV1', 'SEV2'], audiences: ['responders'] };
 * ```
 */
export interface NotifierRoute {
  /** `Notifier.name`. */
  readonly notifier: string;
  readonly audiences?: readonly Audience[] | undefined;
  /** Message kinds (`'initial-notification'`, `'status-page-update'`, …). */
  readonly kinds?: readonly string[] | undefined;
  /** Severity keys; an incident without a severity matches only a route that states none. */
  readonly severities?: readonly string[] | undefined;
  /** Paging levels the incident's severity asks for (`'all-hands'`, `'team'`, `'on-call'`, `'none'`). */
  readonly pages?: readonly PageScope[] | undefined;
}

const LIST_MAX = 1_000;
const RoutedMessageSchema = /*#__PURE__*/ lazySchema(() =>
  z.looseObject({
    kind: z.enum(MESSAGE_KINDS),
    audience: built(AudienceSchema),
  }),
);
const RoutesSchema = /*#__PURE__*/ lazySchema(() =>
  z.optional(
    z
      .array(
        z.strictObject({
          notifier: z.string().check(z.minLength(1), z.maxLength(100)),
          audiences: z.optional(z.array(built(AudienceSchema)).check(z.maxLength(LIST_MAX))),
          kinds: z.optional(z.array(z.enum(MESSAGE_KINDS)).check(z.maxLength(LIST_MAX))),
          severities: z.optional(z.array(z.string().check(z.maxLength(32))).check(z.maxLength(LIST_MAX))),
          pages: z.optional(z.array(z.enum(PAGE_SCOPES)).check(z.maxLength(LIST_MAX))),
        }),
      )
      .check(z.maxLength(LIST_MAX)),
  ),
);
const NotifierNamesSchema = /*#__PURE__*/ lazySchema(() =>
  z
    .array(z.looseObject({ name: z.string().check(z.minLength(1), z.maxLength(100)) }))
    .check(z.maxLength(LIST_MAX)),
);

/**
 * The names of the notifiers a message goes to. Without routes (undefined or empty) every
 * notifier gets every message (a notifier may resolve at once on kinds it ignores); with routes,
 * only the notifiers a matching route names, in the order of `notifiers`. A route naming a
 * notifier that is not in `notifiers` is ignored.
 *
 * @param message - the message to send.
 * @param incident - the incident as the send context will carry it.
 * @param routes - the host's routing table.
 * @param notifiers - the configured notifiers.
 * @returns notifier names, each once.
 * @throws IncidentKitError `INVALID_INPUT` naming the field when an argument is malformed (a route
 * with an unknown field or kind, more than 1,000 routes or notifiers, a message without a kind
 * and audience). Each argument is read once, so the work is linear in their size.
 *
 * @example
 * ```ts
 * import { routeMessage } from 'incidentkit/adapters';
 * import type { Message } from 'incidentkit/comms';
 * const message = { kind: 'status-page-update', audience: 'public' } as Message;
 * const incident = { id: 'INC-1', severity: 'SEV2', phase: 'mitigate', page: 'team' } as const;
 * const notifiers = [{ name: 'statuspage', send: async () => {} }, { name: 'pagerduty', send: async () => {} }];
 * routeMessage(message, incident, [{ notifier: 'statuspage', audiences: ['public'] }], notifiers); // ['statuspage']
 * ```
 */
export function routeMessage(
  message: Message,
  incident: OutboxIncidentContext,
  routes: readonly NotifierRoute[] | undefined,
  notifiers: readonly Pick<Notifier, 'name'>[],
): string[] {
  const m = parseWith(RoutedMessageSchema, message, 'message');
  const context = parseWith(IncidentContextSchema, incident, 'incident');
  const table = parseWith(RoutesSchema, routes, 'routes');
  const names = parseWith(NotifierNamesSchema, notifiers, 'notifiers').map((n) => n.name);
  if (table === undefined || table.length === 0) return [...new Set(names)];
  const chosen = new Set<string>();
  for (const route of table) {
    if (chosen.has(route.notifier) || !matches(route, m, context)) continue;
    chosen.add(route.notifier);
  }
  return [...new Set(names.filter((name) => chosen.has(name)))];
}

function matches(
  route: NotifierRoute,
  message: Pick<Message, 'kind' | 'audience'>,
  incident: { readonly severity?: string | undefined; readonly page: PageScope },
): boolean {
  if (route.audiences !== undefined && !route.audiences.includes(message.audience)) return false;
  if (route.kinds !== undefined && !route.kinds.includes(message.kind)) return false;
  if (route.severities !== undefined) {
    if (incident.severity === undefined || !route.severities.includes(incident.severity)) return false;
  }
  if (route.pages !== undefined && !route.pages.includes(incident.page)) return false;
  return true;
}
