import {
  acknowledgement,
  initialNotification,
  type Message,
  postmortemPublished,
  resolutionNotice,
  statusPageStatus,
  statusPageUpdate,
  statusUpdate,
} from '../comms/index.js';
import type { Incident, IncidentEvent } from '../model/index.js';
import { requirementsFor, type SeverityPolicy } from '../severity/index.js';

const SEVERITY_ENTRIES: ReadonlySet<string> = new Set(['DECLARE', 'TRIAGE', 'SET_SEVERITY']);

/**
 * Whether the incident has, or ever had, a severity for which `asks` holds: the current one
 * first, then (only if that one does not) each severity the timeline records, newest first.
 */
function everHad(
  incident: Incident | undefined,
  policy: SeverityPolicy,
  asks: (requirements: ReturnType<typeof requirementsFor>) => boolean,
): boolean {
  if (incident === undefined) return false;
  if (asks(requirementsFor(policy, incident.severity))) return true;
  const judged = new Set<string | undefined>([incident.severity]);
  const timeline = incident.timeline;
  for (let i = timeline.length - 1; i >= 0; i--) {
    const entry = timeline[i]!;
    if (!SEVERITY_ENTRIES.has(entry.type) || judged.has(entry.to)) continue;
    judged.add(entry.to);
    if (asks(requirementsFor(policy, entry.to))) return true;
  }
  return false;
}

/**
 * Whether the incident has ever had a severity that pages. Once someone was paged they are told
 * it is acknowledged and resolved even if the severity was lowered meanwhile: a page must never be
 * left open because the incident turned out smaller.
 */
export function hasPaged(incident: Incident | undefined, policy: SeverityPolicy): boolean {
  return everHad(incident, policy, (r) => r.page !== 'none');
}

/** Whether the incident has ever had a severity that needs a public status page entry. */
function hasStatusPage(incident: Incident | undefined, policy: SeverityPolicy): boolean {
  return everHad(incident, policy, (r) => r.statusPage);
}

/** What the manager builds every message with: its policy, and the time zone times are shown in (default UTC). */
export interface MessageSettings {
  readonly policy: SeverityPolicy;
  readonly timeZone?: string | undefined;
}

/**
 * The messages the policy asks for because `event` took the incident from `before` to `after`:
 * the initial notification when it first reaches a severity that pages; a status-page update when
 * it first needs a public entry and whenever its public status (investigating → identified →
 * monitoring → resolved) changes; status updates as posted; the acknowledgement and the
 * resolution notice (or, on CANCEL, a status update saying why) once it has paged; the
 * postmortem-published notice. Pure: the manager writes
 * these to the outbox in the same append as the event.
 */
export function messagesFor(
  before: Incident | undefined,
  after: Incident,
  event: IncidentEvent,
  settings: MessageSettings,
): Message[] {
  const { policy, timeZone } = settings;
  const options = { policy, at: event.at, ...(timeZone === undefined ? {} : { timeZone }) };
  const out: Message[] = [];
  const pagedBefore = hasPaged(before, policy);
  const pagedAfter = hasPaged(after, policy);
  if (!pagedBefore && pagedAfter)
    out.push(initialNotification(after, { ...options, audience: 'responders' }));

  switch (event.type) {
    case 'ACKNOWLEDGE':
      if (pagedAfter) out.push(acknowledgement(after, { ...options, audience: 'responders' }));
      break;
    case 'POST_UPDATE':
      if (event.audience === 'public') out.push(statusPageUpdate(after, { message: event.message }, options));
      else out.push(statusUpdate(after, { status: event.message }, { ...options, audience: event.audience }));
      break;
    case 'RESOLVE':
      if (pagedAfter || after.updates.length > 0) out.push(resolutionNotice(after, undefined, options));
      break;
    case 'CANCEL':
      // Whoever was paged hears that it is off (a pager resolves its alert on it).
      if (pagedAfter) {
        const why = after.timeline.find((entry) => entry.eventId === event.id)?.text ?? 'Cancelled';
        out.push(statusUpdate(after, { status: why }, { ...options, audience: 'responders' }));
      }
      break;
    case 'PUBLISH_POSTMORTEM':
      out.push(postmortemPublished(after, options));
      break;
    default:
      break;
  }

  // The public page follows the phase by itself; an explicit public update already said it.
  const publicPosted = event.type === 'POST_UPDATE' && event.audience === 'public';
  if (!publicPosted && hasStatusPage(after, policy)) {
    const first = !hasStatusPage(before, policy);
    const changed = before !== undefined && statusPageStatus(before.phase) !== statusPageStatus(after.phase);
    if (first || changed) out.push(statusPageUpdate(after, undefined, options));
  }
  return out;
}
