import type { Notifier, OutboxIncidentContext, OutboxMessageInput } from '../adapters/index.js';
import type { Message, MessageKind } from '../comms/index.js';
import type { Audience, Incident } from '../model/index.js';
import { type PageScope, requirementsFor, type SeverityPolicy } from '../severity/index.js';

/**
 * Which messages one notifier gets: every listed condition must hold (an absent one matches all).
 * Without any routes, every notifier gets every message.
 *
 * @example
 * ```ts
 * import type { MessageRoute } from 'incidentkit/manager';
 * const pager: MessageRoute = { notifier: 'pagerduty', kinds: ['initial-notification', 'acknowledged', 'resolution-notice', 'reminder'] };
 * ```
 */
export interface MessageRoute {
  /** The `Notifier.name` it routes to. */
  readonly notifier: string;
  readonly kinds?: readonly MessageKind[];
  readonly audiences?: readonly Audience[];
  /** Severity keys of the incident at the time of the message. */
  readonly severities?: readonly string[];
}

const SEVERITY_ENTRIES: ReadonlySet<string> = new Set(['DECLARE', 'TRIAGE', 'SET_SEVERITY']);

/**
 * The paging level a notifier is told: the current severity's, or, when that one pages nobody,
 * the latest level the incident paged at, so the acknowledgement and the resolution of a page
 * reach the pager even after the severity was lowered.
 */
export function pageLevel(incident: Incident, policy: SeverityPolicy): PageScope {
  const current = requirementsFor(policy, incident.severity).page;
  if (current !== 'none') return current;
  for (let i = incident.timeline.length - 1; i >= 0; i--) {
    const entry = incident.timeline[i]!;
    if (!SEVERITY_ENTRIES.has(entry.type) || entry.to === undefined) continue;
    const page = requirementsFor(policy, entry.to).page;
    if (page !== 'none') return page;
  }
  return 'none';
}

/** What a notifier's send context carries about the incident, fixed when the message is enqueued. */
export function incidentContext(incident: Incident, policy: SeverityPolicy): OutboxIncidentContext {
  return {
    id: incident.id,
    severity: incident.severity,
    phase: incident.phase,
    page: pageLevel(incident, policy),
  };
}

function routed(route: MessageRoute, message: Message, severity: string | undefined): boolean {
  if (route.kinds !== undefined && !route.kinds.includes(message.kind)) return false;
  if (route.audiences !== undefined && !route.audiences.includes(message.audience)) return false;
  if (route.severities !== undefined && (severity === undefined || !route.severities.includes(severity)))
    return false;
  return true;
}

/** The outbox rows for `messages`: one per (message, notifier the routes send it to). */
export function outboxRows(
  messages: readonly Message[],
  incident: Incident,
  notifiers: readonly Notifier[],
  routes: readonly MessageRoute[] | undefined,
  policy: SeverityPolicy,
): OutboxMessageInput[] {
  if (messages.length === 0 || notifiers.length === 0) return [];
  const context = incidentContext(incident, policy);
  const rows: OutboxMessageInput[] = [];
  for (const message of messages) {
    for (const notifier of notifiers) {
      const wanted =
        routes === undefined ||
        routes.some((r) => r.notifier === notifier.name && routed(r, message, incident.severity));
      if (wanted) rows.push({ notifier: notifier.name, message, incident: context });
    }
  }
  return rows;
}
