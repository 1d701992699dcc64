import { formatDuration } from '../internal/format-time.js';
import { type Incident, invalidInput } from '../model/index.js';
import { buildContext, type CommsOptions, severityText, when } from './build-context.js';
import type { AcknowledgedMessage } from './message.js';
import { field, phaseText } from './message-fields.js';
import { applyTemplate } from './templates.js';

/**
 * Tells responders the incident has been acknowledged: by whom, when, and how long after detection
 * (a paging notifier stops escalating on it: PagerDuty's acknowledge follows this message). Throws
 * `INVALID_INPUT` (at `incident.milestones.acknowledgedAt`) for an incident nobody acknowledged.
 *
 * @example
 * ```ts
 * import { applyEvent, declareIncident } from 'incidentkit/lifecycle';
 * import { acknowledgement } from 'incidentkit/comms';
 * const { incident } = declareIncident({ title: 'Checkout errors', at: '2026-11-24T09:00:00Z', severity: 'SEV1' });
 * const acked = applyEvent(incident, { type: 'ACKNOWLEDGE', at: '2026-11-24T09:03:00Z', by: 'alice' });
 * acknowledgement(acked).acknowledgedBy; // 'alice'
 * ```
 */
export function acknowledgement(incident: Incident, options?: CommsOptions): AcknowledgedMessage {
  const ctx = buildContext(incident, options, { respondersOnly: true });
  const i = ctx.incident;
  const acknowledgedAt = i.milestones.acknowledgedAt;
  if (acknowledgedAt === undefined) {
    throw invalidInput(
      'incident.milestones.acknowledgedAt',
      `incident ${i.id} has not been acknowledged (phase ${i.phase})`,
    );
  }
  let by: string | undefined;
  for (const entry of i.timeline) if (entry.type === 'ACKNOWLEDGE' && entry.by !== undefined) by = entry.by;
  const severity = severityText(ctx);
  const message: AcknowledgedMessage = {
    kind: 'acknowledged',
    incidentId: i.id,
    audience: 'responders',
    title: `Acknowledged: ${i.title}`,
    fields: [
      ...field('acknowledgedBy', 'Acknowledged by', by),
      ...field('acknowledged', 'Acknowledged', when(ctx, acknowledgedAt)),
      ...field(
        'timeToAcknowledge',
        'Time to acknowledge',
        formatDuration(acknowledgedAt - i.milestones.detectedAt),
      ),
      ...field('severity', 'Severity', severity),
      ...field('phase', 'Phase', phaseText(i.phase)),
      ...field('commander', 'Incident commander', i.roles.commander ?? 'Unassigned'),
    ],
    at: ctx.at,
    phase: i.phase,
    acknowledgedAt,
  };
  if (by !== undefined) message.acknowledgedBy = by;
  if (severity !== undefined) message.severity = i.severity;
  if (ctx.timeZone !== undefined) message.timeZone = ctx.timeZone;
  return applyTemplate('acknowledged', message, ctx.templates, {
    incidentTitle: i.title,
    time: when(ctx, ctx.at),
  });
}
