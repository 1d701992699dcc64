import * as z from 'zod/mini';
import { formatDuration } from '../internal/format-time.js';
import { LIMITS } from '../internal/limits.js';
import { parseWith } from '../internal/validate.js';
import {
  type EpochMs,
  type Incident,
  invalidInput,
  type TimeInput,
  TimestampSchema,
} from '../model/index.js';
import { built, lazySchema } from '../model/lazy.js';
import { buildContext, type CommsOptions, severityText, when } from './build-context.js';
import type { ResolutionNoticeMessage } from './message.js';
import { field } from './message-fields.js';
import { applyTemplate } from './templates.js';

/**
 * Optional inputs of {@link resolutionNotice}.
 *
 * @example
 * ```ts
 * import type { ResolutionNoticeInput } from 'incidentkit/comms';
 * const input: ResolutionNoticeInput = { postmortemAt: '2026-11-26T14:00:00Z' };
 * ```
 */
export interface ResolutionNoticeInput {
  /** What fixed it; default: the incident's RESOLVE summary. */
  readonly resolution?: string | undefined;
  /** When the postmortem (review) is scheduled; default: resolution + the policy's `postmortemDueHours`. */
  readonly postmortemAt?: TimeInput | undefined;
}

const ResolutionNoticeInputSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    resolution: z.optional(
      z.string().check(
        z.maxLength(LIMITS.summary),
        z.refine((s) => s.trim() !== '', 'must not be blank'),
      ),
    ),
    postmortemAt: z.optional(built(TimestampSchema)),
  }),
);

/**
 * The all-clear for internal audiences: how long the impact lasted (impact start → resolution),
 * how long until mitigation, what fixed it, and when the postmortem is scheduled (the given time;
 * else the resolution plus the policy's `postmortemDueHours` when the severity requires one; the
 * publication time when already published). Throws `INVALID_INPUT` (at
 * `incident.milestones.resolvedAt`) for an incident that is not resolved.
 *
 * @example
 * ```ts
 * import { applyEvent, declareIncident } from 'incidentkit/lifecycle';
 * import { resolutionNotice } from 'incidentkit/comms';
 * let { incident } = declareIncident({ title: 'Search down', at: '2026-11-24T09:00:00Z', severity: 'SEV4' });
 * incident = applyEvent(incident, { type: 'ACKNOWLEDGE', at: '2026-11-24T09:01:00Z' });
 * incident = applyEvent(incident, { type: 'TRIAGE', at: '2026-11-24T09:02:00Z', severity: 'SEV4' });
 * incident = applyEvent(incident, { type: 'MITIGATE', at: '2026-11-24T09:30:00Z' });
 * incident = applyEvent(incident, { type: 'RESOLVE', at: '2026-11-24T10:25:00Z', summary: 'Reindexed' });
 * resolutionNotice(incident).durationMs; // 5100000 (1 h 25 min)
 * ```
 */
export function resolutionNotice(
  incident: Incident,
  input: ResolutionNoticeInput = {},
  options?: CommsOptions,
): ResolutionNoticeMessage {
  const ctx = buildContext(incident, options);
  const data = parseWith(ResolutionNoticeInputSchema, input, 'input');
  const i = ctx.incident;
  const m = i.milestones;
  const resolvedAt = m.resolvedAt;
  if (resolvedAt === undefined) {
    throw invalidInput(
      'incident.milestones.resolvedAt',
      `incident ${i.id} is not resolved (phase ${i.phase})`,
    );
  }
  const impactStart = m.startedAt ?? m.detectedAt;
  const durationMs = resolvedAt - impactStart;
  const severity = severityText(ctx);
  const req = ctx.requirements;
  let postmortemAt: EpochMs | undefined = data.postmortemAt;
  if (postmortemAt === undefined && req.postmortemRequired && req.postmortemDueHours !== undefined) {
    postmortemAt = resolvedAt + Math.round(req.postmortemDueHours * 3_600_000);
  }
  let postmortem: string | undefined;
  if (i.postmortem) postmortem = `Published ${when(ctx, i.postmortem.publishedAt)}`;
  else if (data.postmortemAt !== undefined) postmortem = `Scheduled for ${when(ctx, data.postmortemAt)}`;
  else if (postmortemAt !== undefined) postmortem = `Due by ${when(ctx, postmortemAt)}`;
  else if (!req.postmortemRequired) postmortem = `Not required${i.severity ? ` for ${i.severity}` : ''}`;
  const message: ResolutionNoticeMessage = {
    kind: 'resolution-notice',
    incidentId: i.id,
    audience: ctx.audience,
    title: `Resolved: ${i.title}`,
    fields: [
      ...field('severity', 'Severity', severity),
      ...field('duration', 'Duration', formatDuration(durationMs)),
      ...field('impactStarted', 'Impact started', when(ctx, impactStart)),
      ...field('resolved', 'Resolved', when(ctx, resolvedAt)),
      ...field(
        'timeToMitigate',
        'Time to mitigate',
        m.mitigatedAt === undefined ? undefined : formatDuration(m.mitigatedAt - impactStart),
      ),
      ...field('resolution', 'What fixed it', data.resolution ?? i.resolution?.summary),
      ...field('postmortem', 'Postmortem', postmortem),
      ...field('services', 'Services', i.services.length > 0 ? i.services.join(', ') : undefined),
    ],
    at: ctx.at,
    resolvedAt,
    durationMs,
  };
  if (severity !== undefined) message.severity = i.severity;
  if (postmortemAt !== undefined) message.postmortemAt = postmortemAt;
  if (ctx.timeZone !== undefined) message.timeZone = ctx.timeZone;
  return applyTemplate('resolution-notice', message, ctx.templates, {
    incidentTitle: i.title,
    time: when(ctx, ctx.at),
  });
}
