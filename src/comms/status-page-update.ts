import * as z from 'zod/mini';
import { LIMITS } from '../internal/limits.js';
import { parseWith } from '../internal/validate.js';
import { type Incident, invalidInput, LabelListSchema, type Phase } from '../model/index.js';
import { built, lazySchema } from '../model/lazy.js';
import { buildContext, type CommsOptions, when } from './build-context.js';
import type { StatusPageStatus, StatusPageUpdateMessage } from './message.js';
import { field } from './message-fields.js';
import { applyTemplate } from './templates.js';

/**
 * Optional inputs of {@link statusPageUpdate}. Everything here is shown to the public.
 *
 * @example
 * ```ts
 * import type { StatusPageUpdateInput } from 'incidentkit/comms';
 * const input: StatusPageUpdateInput = {
 *   message: 'Some card payments are failing. We are working on a fix.',
 *   services: ['Payments'],
 * };
 * ```
 */
export interface StatusPageUpdateInput {
  /** The update text; default: a standard sentence for the status naming the affected services. */
  readonly message?: string | undefined;
  /** The public title; default: built from the impact and the affected services (never the internal title). */
  readonly title?: string | undefined;
  /** Public names of the affected services; default: the incident's `services`. */
  readonly services?: readonly string[] | undefined;
}

const nonBlank = (max: number) =>
  z.string().check(
    z.maxLength(max),
    z.refine((s) => s.trim() !== '', 'must not be blank'),
  );

const StatusPageUpdateInputSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    message: z.optional(nonBlank(LIMITS.text)),
    title: z.optional(nonBlank(LIMITS.title)),
    services: z.optional(built(LabelListSchema)),
  }),
);

const STATUS_BY_PHASE: Readonly<Record<Phase, StatusPageStatus>> = {
  detect: 'investigating',
  triage: 'investigating',
  mitigate: 'identified',
  resolve: 'monitoring',
  review: 'resolved',
  closed: 'resolved',
  cancelled: 'resolved',
};

/**
 * The Statuspage-style status for a phase: detect, triage → `investigating`; mitigate →
 * `identified`; resolve → `monitoring`; review, closed, cancelled → `resolved`.
 *
 * @example
 * ```ts
 * import { statusPageStatus } from 'incidentkit/comms';
 * statusPageStatus('mitigate'); // 'identified'
 * ```
 */
export function statusPageStatus(phase: Phase): StatusPageStatus {
  const status =
    typeof phase === 'string' && Object.hasOwn(STATUS_BY_PHASE, phase) ? STATUS_BY_PHASE[phase] : undefined;
  if (status === undefined)
    throw invalidInput('phase', `expected one of ${Object.keys(STATUS_BY_PHASE).join(', ')}`);
  return status;
}

const STATUS_LABEL: Readonly<Record<StatusPageStatus, string>> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

function list(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function defaultMessage(status: StatusPageStatus, services: readonly string[]): string {
  const what = services.length > 0 ? list(services) : 'some of our services';
  switch (status) {
    case 'investigating':
      return `We are investigating an issue affecting ${what}. We will post an update as soon as we know more.`;
    case 'identified':
      return `We have identified the cause of the issue affecting ${what} and are working on a fix.`;
    case 'monitoring':
      return `A fix has been applied for the issue affecting ${what}. We are monitoring the results.`;
    case 'resolved':
      return `The issue affecting ${what} has been resolved. Thank you for your patience.`;
    default: {
      const never: never = status;
      return never;
    }
  }
}

/**
 * A public status-page update. The status comes from the phase ({@link statusPageStatus}); the
 * update names the affected services (and regions) and carries nothing internal: no incident title
 * or id, role holders, notes, decisions, severity, or impact figures — only what `input` says and
 * standard wording. (`incidentId` stays on the message object for the host's bookkeeping; no
 * renderer prints it for the public audience.)
 *
 * @example
 * ```ts
 * import { declareIncident } from 'incidentkit/lifecycle';
 * import { statusPageUpdate } from 'incidentkit/comms';
 * const { incident } = declareIncident({
 *   title: 'Bob’s deploy broke checkout',
 *   at: '2026-11-24T09:00:00Z',
 *   services: ['Checkout'],
 * });
 * const update = statusPageUpdate(incident);
 * update.status; // 'investigating'
 * update.title; // 'Service disruption: Checkout'
 * ```
 */
export function statusPageUpdate(
  incident: Incident,
  input: StatusPageUpdateInput = {},
  options?: CommsOptions,
): StatusPageUpdateMessage {
  const ctx = buildContext(incident, options);
  const data = parseWith(StatusPageUpdateInputSchema, input, 'input');
  const i = ctx.incident;
  const status = statusPageStatus(i.phase);
  const services = [...(data.services ?? i.services)];
  const regions = i.impact.regions ?? [];
  const kindOfTrouble = i.impact.coreFunctionalityDown
    ? 'Outage'
    : i.impact.degraded
      ? 'Degraded performance'
      : 'Service disruption';
  const title = data.title ?? (services.length > 0 ? `${kindOfTrouble}: ${list(services)}` : kindOfTrouble);
  const message: StatusPageUpdateMessage = {
    kind: 'status-page-update',
    incidentId: i.id,
    audience: 'public',
    title,
    body: data.message ?? defaultMessage(status, services),
    fields: [
      ...field('status', 'Status', STATUS_LABEL[status]),
      ...field(
        'affectedServices',
        'Affected services',
        services.length > 0 ? services.join(', ') : undefined,
      ),
      ...field('affectedRegions', 'Affected regions', regions.length > 0 ? regions.join(', ') : undefined),
    ],
    at: ctx.at,
    status,
    services,
  };
  if (ctx.timeZone !== undefined) message.timeZone = ctx.timeZone;
  return applyTemplate('status-page-update', message, ctx.templates, {
    incidentTitle: '',
    time: when(ctx, ctx.at),
  });
}
