import * as z from 'zod/mini';
import { LIMITS } from '../internal/limits.js';
import { parseWith } from '../internal/validate.js';
import { type Incident, type TimeInput, TimestampSchema } from '../model/index.js';
import { built, lazySchema } from '../model/lazy.js';
import {
  buildContext,
  type CommsOptions,
  nextUpdateAt,
  severityText,
  when,
  whenRelative,
} from './build-context.js';
import type { StatusUpdateMessage } from './message.js';
import { field, impactText, phaseText } from './message-fields.js';
import { applyTemplate } from './templates.js';

/**
 * What a responder says in a status update: the current status in their words, and optionally
 * what has been done, what comes next and when they expect it fixed.
 *
 * @example
 * ```ts
 * import type { StatusUpdateInput } from 'incidentkit/comms';
 * const input: StatusUpdateInput = {
 *   status: 'Rollback in progress; error rate falling.',
 *   actionsTaken: ['Paused deploys', 'Rolled back 2026.11.24-3'],
 *   eta: '2026-11-24T10:00:00Z',
 * };
 * ```
 */
export interface StatusUpdateInput {
  /** The current status, free text. */
  readonly status: string;
  /** What has been done: one sentence or a list. */
  readonly actionsTaken?: string | readonly string[] | undefined;
  /** What happens next: one sentence or a list. */
  readonly nextSteps?: string | readonly string[] | undefined;
  /** When the fix is expected, if known. */
  readonly eta?: TimeInput | undefined;
}

const nonBlank = (max: number) =>
  z.string().check(
    z.maxLength(max),
    z.refine((s) => s.trim() !== '', 'must not be blank'),
  );
const textOrList = () =>
  z.optional(
    z.union([nonBlank(LIMITS.text), z.array(nonBlank(LIMITS.text)).check(z.maxLength(LIMITS.listEntries))]),
  );

const StatusUpdateInputSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    status: nonBlank(LIMITS.text),
    actionsTaken: textOrList(),
    nextSteps: textOrList(),
    eta: z.optional(built(TimestampSchema)),
  }),
);

/**
 * A status update for internal audiences: the status (free text), phase, severity and impact,
 * actions taken, next steps, the ETA if known, and the time of the next update — the message time
 * plus the policy's cadence for the incident's severity (no next update when the severity has no
 * cadence or the incident is past `resolve`).
 *
 * @example
 * ```ts
 * import { declareIncident } from 'incidentkit/lifecycle';
 * import { statusUpdate } from 'incidentkit/comms';
 * const { incident } = declareIncident({ title: 'Login latency', at: '2026-11-24T09:00:00Z', severity: 'SEV1' });
 * const message = statusUpdate(incident, { status: 'Still investigating' }, { at: '2026-11-24T09:20:00Z' });
 * new Date(message.nextUpdateAt!).toISOString(); // '2026-11-24T09:35:00.000Z' (SEV1: every 15 min)
 * ```
 */
export function statusUpdate(
  incident: Incident,
  input: StatusUpdateInput,
  options?: CommsOptions,
): StatusUpdateMessage {
  const ctx = buildContext(incident, options);
  const data = parseWith(StatusUpdateInputSchema, input, 'input');
  const i = ctx.incident;
  const next = nextUpdateAt(ctx);
  const severity = severityText(ctx);
  const message: StatusUpdateMessage = {
    kind: 'status-update',
    incidentId: i.id,
    audience: ctx.audience,
    title: `${i.severity ? `${i.severity} update` : 'Update'}: ${i.title}`,
    fields: [
      ...field('status', 'Status', data.status),
      ...field('severity', 'Severity', severity),
      ...field('phase', 'Phase', phaseText(i.phase)),
      ...field('impact', 'Impact', impactText(i.impact)),
      ...field('actionsTaken', 'Actions taken', data.actionsTaken),
      ...field('nextSteps', 'Next steps', data.nextSteps),
      ...field(
        'eta',
        'Expected resolution',
        data.eta === undefined ? undefined : whenRelative(ctx, data.eta),
      ),
      ...field('commander', 'Incident commander', i.roles.commander),
      ...field('nextUpdate', 'Next update', next === undefined ? undefined : whenRelative(ctx, next)),
    ],
    at: ctx.at,
    phase: i.phase,
  };
  if (severity !== undefined) message.severity = i.severity;
  if (next !== undefined) message.nextUpdateAt = next;
  if (data.eta !== undefined) message.etaAt = data.eta;
  if (ctx.timeZone !== undefined) message.timeZone = ctx.timeZone;
  return applyTemplate('status-update', message, ctx.templates, {
    incidentTitle: i.title,
    time: when(ctx, ctx.at),
  });
}
