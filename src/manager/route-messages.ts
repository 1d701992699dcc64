import {
  type Notifier,
  type NotifierRoute,
  type OutboxIncidentContext,
  type OutboxMessageInput,
  routeMessage,
} from '../adapters/index.js';
import type { Message } from '../comms/index.js';
import type { Incident } from '../model/index.js';
import { type PageScope, requirementsFor, type SeverityPolicy } from '../severity/index.js';

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

/** The outbox rows for `messages`: one per (message, notifier the routes send it to; all without routes). */
export function outboxRows(
  messages: readonly Message[],
  incident: Incident,
  notifiers: readonly Notifier[],
  routes: readonly NotifierRoute[] | undefined,
  policy: SeverityPolicy,
): OutboxMessageInput[] {
  if (messages.length === 0 || notifiers.length === 0) return [];
  const context = incidentContext(incident, policy);
  const rows: OutboxMessageInput[] = [];
  // Without routes every notifier gets every message: nothing to match (names are unique, checked
  // when the manager was created; the messages are the builders' own).
  const everyone = routes === undefined || routes.length === 0 ? notifiers.map((n) => n.name) : undefined;
  for (const message of messages) {
    for (const notifier of everyone ?? routeMessage(message, context, routes, notifiers)) {
      rows.push({ notifier, message, incident: context });
    }
  }
  return rows;
}
