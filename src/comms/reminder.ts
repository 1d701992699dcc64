import * as z from 'zod/mini';
import { parseWith } from '../internal/validate.js';
import {
  type EpochMs,
  type Incident,
  invalidInput,
  SafeKeySchema,
  type TimeInput,
  TimestampSchema,
} from '../model/index.js';
import { built, lazySchema } from '../model/lazy.js';
import { buildContext, type CommsOptions, severityText, when, whenRelative } from './build-context.js';
import { type ReminderMessage, type ReminderReason, ReminderReasonSchema } from './message.js';
import { field, phaseText, roleLabel } from './message-fields.js';
import { applyTemplate } from './templates.js';

/**
 * What a reminder is about: the reason, when the thing was (or is) due, and for `roles-missing`
 * the roles nobody holds.
 *
 * @example
 * ```ts
 * import type { ReminderInput } from 'incidentkit/comms';
 * const input: ReminderInput = { reason: 'roles-missing', dueAt: '2026-11-24T09:05:00Z', missingRoles: ['commsLead'] };
 * ```
 */
export interface ReminderInput {
  readonly reason: ReminderReason;
  /** When it was due (or is due: a postmortem reminder may come before its deadline). */
  readonly dueAt: TimeInput;
  /** The roles nobody holds; required for `roles-missing`, not allowed otherwise. */
  readonly missingRoles?: readonly string[] | undefined;
}

const ReminderInputSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    reason: built(ReminderReasonSchema),
    dueAt: built(TimestampSchema),
    missingRoles: z.optional(z.array(built(SafeKeySchema)).check(z.minLength(1), z.maxLength(100))),
  }),
);

const TITLE: Readonly<Record<ReminderReason, string>> = {
  'update-overdue': 'Status update overdue',
  'acknowledge-overdue': 'Acknowledgement overdue',
  'mitigate-overdue': 'Mitigation overdue',
  'roles-missing': 'Roles unassigned',
  'postmortem-due': 'Postmortem due',
};

/** The title of a reminder sent before its due time: not overdue yet, only due. */
const titleOf = (reason: ReminderReason, early: boolean): string =>
  early ? TITLE[reason].replace(/ overdue$/, ' due') : TITLE[reason];

function reasonText(reason: ReminderReason, ctx: { readonly incidentSeverity: string | undefined }): string {
  const sev = ctx.incidentSeverity === undefined ? '' : ` for ${ctx.incidentSeverity}`;
  switch (reason) {
    case 'update-overdue':
      return `A status update is due under the update cadence${sev}. Post one, even if nothing has changed.`;
    case 'acknowledge-overdue':
      return `Nobody has acknowledged this incident within the deadline${sev}.`;
    case 'mitigate-overdue':
      return `The impact has lasted longer than the expected time to mitigate${sev}.`;
    case 'roles-missing':
      return `Roles the severity requires are unassigned${sev}. Assign them.`;
    case 'postmortem-due':
      return `The postmortem is due${sev}. Write it up and publish it.`;
    default:
      return reason satisfies never;
  }
}

/**
 * A reminder to responders that something the policy asks for is overdue or due: a status update
 * (cadence), the acknowledgement or mitigation deadline, unassigned required roles, or the
 * postmortem. `options.at` is the time of the reminder (the scheduler's now); the message says how
 * long ago the item fell due.
 *
 * @example
 * ```ts
 * import { declareIncident } from 'incidentkit/lifecycle';
 * import { reminder, renderMessage } from 'incidentkit/comms';
 * const { incident } = declareIncident({ title: 'Checkout errors', at: '2026-11-24T09:00:00Z', severity: 'SEV1' });
 * const message = reminder(
 *   incident,
 *   { reason: 'acknowledge-overdue', dueAt: '2026-11-24T09:05:00Z' },
 *   { at: '2026-11-24T09:07:00Z' },
 * );
 * renderMessage(message, 'text').split('\n')[0]; // 'Acknowledgement overdue: Checkout errors'
 * ```
 */
export function reminder(incident: Incident, input: ReminderInput, options?: CommsOptions): ReminderMessage {
  const ctx = buildContext(incident, options, { respondersOnly: true });
  const data = parseWith(ReminderInputSchema, input, 'input');
  if (data.reason === 'roles-missing' && data.missingRoles === undefined) {
    throw invalidInput('input.missingRoles', 'is required when the reason is roles-missing');
  }
  if (data.reason !== 'roles-missing' && data.missingRoles !== undefined) {
    throw invalidInput('input.missingRoles', 'is only allowed when the reason is roles-missing');
  }
  const i = ctx.incident;
  const severity = severityText(ctx);
  const dueAt: EpochMs = data.dueAt;
  const message: ReminderMessage = {
    kind: 'reminder',
    incidentId: i.id,
    audience: 'responders',
    title: `${titleOf(data.reason, dueAt > ctx.at)}: ${i.title}`,
    fields: [
      ...field('reason', 'Reminder', reasonText(data.reason, { incidentSeverity: i.severity })),
      ...field('due', dueAt > ctx.at ? 'Due by' : 'Was due', whenRelative(ctx, dueAt)),
      ...field('missingRoles', 'Unassigned roles', data.missingRoles?.map(roleLabel)),
      ...field('severity', 'Severity', severity),
      ...field('phase', 'Phase', phaseText(i.phase)),
      ...field('commander', 'Incident commander', i.roles.commander ?? 'Unassigned'),
    ],
    at: ctx.at,
    phase: i.phase,
    reason: data.reason,
    dueAt,
  };
  if (data.missingRoles !== undefined) message.missingRoles = [...data.missingRoles];
  if (severity !== undefined) message.severity = i.severity;
  if (ctx.timeZone !== undefined) message.timeZone = ctx.timeZone;
  return applyTemplate('reminder', message, ctx.templates, {
    incidentTitle: i.title,
    time: when(ctx, ctx.at),
  });
}
