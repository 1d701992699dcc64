import { reminder } from '../comms/index.js';
import {
  type Incident,
  type IncidentEvent,
  type IncidentKitError,
  isIncidentKitError,
} from '../model/index.js';
import { holdsEvent, notFound } from './apply-command.js';
import { decideCommand } from './decide-command.js';
import { derivedId } from './derived-id.js';
import { type DueItem, dueItems } from './due-items.js';
import { outboxRows } from './route-messages.js';
import { type ManagerContext, type StepResult, transact } from './transact.js';

/** Who the manager's own timeline entries are by. */
export const MANAGER_ACTOR = 'incidentkit';

const OPEN_OR_REVIEW = ['detect', 'triage', 'mitigate', 'resolve', 'review'] as const;

/** Every incident still running or in review (drills too: a game day practises the reminders). */
export async function activeIncidents(ctx: ManagerContext): Promise<Incident[]> {
  const out: Incident[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.store.list({
      phase: [...OPEN_OR_REVIEW],
      includeDrills: true,
      limit: 500,
      ...(cursor === undefined ? {} : { cursor }),
    });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return out;
}

/** What is due at `now` across the store's active incidents. */
export async function dueNow(ctx: ManagerContext, now: number): Promise<DueItem[]> {
  return dueItems(await activeIncidents(ctx), { policy: ctx.policy, now, timeZone: ctx.timeZone });
}

/**
 * What one `remind` round did: the items it reminded about now, how many were already reminded
 * (at this due time, by this or another replica), and the items it could not remind about.
 *
 * @example
 * ```ts
 * import type { RemindResult } from 'incidentkit/manager';
 * const result: RemindResult = { reminded: [], alreadyReminded: 2, failed: [] };
 * ```
 */
export interface RemindResult {
  readonly reminded: readonly DueItem[];
  readonly alreadyReminded: number;
  readonly failed: readonly { readonly item: DueItem; readonly error: IncidentKitError }[];
}

function noteText(item: DueItem): string {
  const due = new Date(item.dueAt).toISOString();
  switch (item.kind) {
    case 'acknowledge':
      return `Re-paged: not acknowledged by the deadline (${due})`;
    case 'update':
      return `Reminder sent: status update overdue since ${due}`;
    case 'mitigate':
      return `Reminder sent: mitigation overdue since ${due}`;
    case 'roles':
      return `Reminder sent: required roles unassigned (${(item.missingRoles ?? []).join(', ')})`;
    case 'postmortem':
      return `Reminder sent: postmortem due ${due}`;
    default:
      return item.kind satisfies never;
  }
}

/**
 * The id of the reminder for one item at one due time: the same on every scheduler run and on
 * every replica, so the store's event-id check lets exactly one of them through.
 */
function reminderEventId(item: DueItem): string {
  return derivedId('evt', 'r', [item.incidentId, item.kind, item.dueAt]);
}

function remindStep(ctx: ManagerContext, item: DueItem, eventId: string, now: number) {
  return (current: Incident | undefined): StepResult => {
    if (current === undefined) throw notFound(item.incidentId, 'NOTE');
    if (holdsEvent(current, eventId)) return { kind: 'done', incident: current };
    // The reminder is recorded as a timeline note in the same append as its messages, so "we were
    // reminded at 09:20" is part of the record, and a second run finds the note and sends nothing.
    const note: IncidentEvent = {
      type: 'NOTE',
      id: eventId,
      at: now,
      by: MANAGER_ACTOR,
      text: noteText(item),
    };
    const decided = decideCommand(current, note, {
      policy: ctx.policy,
      now,
      maxClockSkewMs: ctx.maxClockSkewMs,
    });
    if (decided.events.length === 0) return { kind: 'done', incident: current };
    const message = reminder(
      decided.incident,
      {
        reason: item.reason,
        dueAt: item.dueAt,
        ...(item.missingRoles === undefined || item.missingRoles.length === 0
          ? {}
          : { missingRoles: item.missingRoles }),
      },
      { policy: ctx.policy, at: now, ...(ctx.timeZone === undefined ? {} : { timeZone: ctx.timeZone }) },
    );
    return {
      kind: 'append',
      events: decided.events,
      incident: decided.incident,
      outbox: outboxRows([message], decided.incident, ctx.notifiers, ctx.routes, ctx.policy),
    };
  };
}

/**
 * Sends a reminder for each due item once per due time; an acknowledgement past its deadline
 * re-pages (the reminder goes through the notifiers the routes send reminders to, the paging
 * notifier among them) and says so in the timeline.
 */
export async function remindDue(ctx: ManagerContext, now: number): Promise<RemindResult> {
  const items = await dueNow(ctx, now);
  const reminded: DueItem[] = [];
  const failed: { item: DueItem; error: IncidentKitError }[] = [];
  let alreadyReminded = 0;
  for (const item of items) {
    const eventId = reminderEventId(item);
    try {
      const result = await transact(ctx, item.incidentId, undefined, remindStep(ctx, item, eventId, now), {
        now,
      });
      if (result.appended) reminded.push(item);
      else alreadyReminded++;
    } catch (error) {
      // One incident that changed under us (cancelled meanwhile) must not stop the others.
      if (!isIncidentKitError(error)) throw error;
      failed.push({ item, error });
    }
  }
  return { reminded, alreadyReminded, failed };
}
