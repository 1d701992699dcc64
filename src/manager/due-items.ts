import type { ReminderReason } from '../comms/index.js';
import type { Incident } from '../model/index.js';
import { reviewWindow } from '../postmortem/index.js';
import { escalationsDue, overdueUpdates, requirementsFor, type SeverityPolicy } from '../severity/index.js';

/**
 * One thing past its deadline that someone should act on: a status update overdue under the
 * cadence (`update`), an acknowledgement or mitigation past the policy's deadline, roles the
 * severity requires still unassigned, or a postmortem past its review window.
 *
 * @example
 * ```ts
 * import type { DueItem } from 'incidentkit/manager';
 * const item: DueItem = {
 *   incidentId: 'INC-7', kind: 'acknowledge', reason: 'acknowledge-overdue', dueAt: 300_000, overdueByMs: 60_000,
 * };
 * ```
 */
export interface DueItem {
  readonly incidentId: string;
  readonly kind: DueKind;
  /** The reminder reason this item is sent with. */
  readonly reason: ReminderReason;
  /** Epoch ms it was due. */
  readonly dueAt: number;
  readonly overdueByMs: number;
  /** For `roles`: the roles nobody holds. */
  readonly missingRoles?: readonly string[] | undefined;
}

/**
 * What is due: see {@link DueItem}.
 *
 * @example
 * ```ts
 * import type { DueKind } from 'incidentkit/manager';
 * const kind: DueKind = 'postmortem';
 * ```
 */
export type DueKind = 'update' | 'acknowledge' | 'mitigate' | 'roles' | 'postmortem';

/** Ties (same incident, same lateness) in the order a responder deals with them. */
const KIND_ORDER: readonly DueKind[] = ['acknowledge', 'roles', 'mitigate', 'update', 'postmortem'];

const REASONS: Readonly<Record<DueKind, ReminderReason>> = {
  update: 'update-overdue',
  acknowledge: 'acknowledge-overdue',
  mitigate: 'mitigate-overdue',
  roles: 'roles-missing',
  postmortem: 'postmortem-due',
};

/** When a required postmortem is due (the review window's end), or undefined when none is owed. */
function postmortemDue(
  incident: Incident,
  policy: SeverityPolicy,
  timeZone: string | undefined,
): number | undefined {
  if (incident.phase !== 'review' || incident.postmortem !== undefined) return undefined;
  if (!requirementsFor(policy, incident.severity).postmortemRequired) return undefined;
  return reviewWindow(incident, policy, timeZone === undefined ? {} : { timeZone }).latest;
}

/**
 * Everything past due at `now` across `incidents` (open ones and those in review), most overdue
 * first. Pure: the manager's `due()` feeds it the store's open incidents.
 */
export function dueItems(
  incidents: readonly Incident[],
  options: { readonly policy: SeverityPolicy; readonly now: number; readonly timeZone?: string | undefined },
): DueItem[] {
  const { policy, now } = options;
  const out: DueItem[] = [];
  for (const u of overdueUpdates(incidents, policy, now)) {
    out.push({
      incidentId: u.incidentId,
      kind: 'update',
      reason: REASONS.update,
      dueAt: u.dueAt,
      overdueByMs: u.overdueByMs,
    });
  }
  for (const e of escalationsDue(incidents, policy, now)) {
    out.push({
      incidentId: e.incidentId,
      kind: e.kind,
      reason: REASONS[e.kind],
      dueAt: e.dueAt,
      overdueByMs: e.overdueByMs,
      ...(e.missingRoles === undefined ? {} : { missingRoles: e.missingRoles }),
    });
  }
  for (const incident of incidents) {
    const dueAt = postmortemDue(incident, policy, options.timeZone);
    if (dueAt !== undefined && now > dueAt) {
      out.push({
        incidentId: incident.id,
        kind: 'postmortem',
        reason: REASONS.postmortem,
        dueAt,
        overdueByMs: now - dueAt,
      });
    }
  }
  return out.sort(
    (a, b) =>
      b.overdueByMs - a.overdueByMs ||
      (a.incidentId < b.incidentId ? -1 : a.incidentId > b.incidentId ? 1 : 0) ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
  );
}
