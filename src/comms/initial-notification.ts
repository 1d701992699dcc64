import { parseWith } from '../internal/validate.js';
import type { Incident } from '../model/index.js';
import {
  buildContext,
  type CommsOptions,
  nextUpdateAt,
  severityText,
  when,
  whenRelative,
} from './build-context.js';
import { channelUrl } from './channel-link.js';
import { channelName } from './channel-name.js';
import { type ChannelRef, ChannelRefSchema, type InitialNotificationMessage } from './message.js';
import { field, impactText, phaseText } from './message-fields.js';
import { applyTemplate } from './templates.js';

/**
 * Options of {@link initialNotification}: those of every builder, plus the real channel the
 * incident is run in.
 *
 * @example
 * ```ts
 * import type { InitialNotificationOptions } from 'incidentkit/comms';
 * const options: InitialNotificationOptions = { channel: { id: 'C0123ABCD', name: 'inc-checkout-errors' } };
 * ```
 */
export interface InitialNotificationOptions extends CommsOptions {
  /**
   * The chat channel the incident is run in. Slack renders a Slack channel id as a channel link
   * (`<#C0123ABCD>`); Teams and the other formats link its `url` (`https:` only), or for a Teams
   * channel id (`19:…@thread.tacv2`) the Teams deep link. Without it, the channel shown is the
   * suggested {@link channelName}, as text.
   */
  readonly channel?: ChannelRef | undefined;
}

/**
 * The first message after declaring: what is happening, its impact and status, who commands and
 * where to follow it (the incident channel), and when the next update comes under the policy's
 * cadence. For internal audiences (`stakeholders` by default, or `responders`).
 *
 * @example
 * ```ts
 * import { declareIncident } from 'incidentkit/lifecycle';
 * import { initialNotification, renderMessage } from 'incidentkit/comms';
 * const { incident } = declareIncident({
 *   title: 'Checkout API returning 502s',
 *   at: '2026-11-24T09:00:00Z',
 *   severity: 'SEV1',
 *   services: ['checkout-api'],
 * });
 * const message = initialNotification(incident);
 * renderMessage(message, 'text').split('\n')[0]; // 'SEV1 incident declared: Checkout API returning 502s'
 * ```
 */
export function initialNotification(
  incident: Incident,
  options?: InitialNotificationOptions,
): InitialNotificationMessage {
  const ctx = buildContext(incident, options, { channel: true });
  const ref =
    ctx.extra.channel === undefined
      ? undefined
      : parseWith(ChannelRefSchema, ctx.extra.channel, 'options.channel');
  const i = ctx.incident;
  const channel = ref === undefined ? channelName(i) : ref.name.replace(/^#/, '');
  const next = nextUpdateAt(ctx);
  const severity = severityText(ctx);
  const started = i.milestones.startedAt;
  const message: InitialNotificationMessage = {
    kind: 'initial-notification',
    incidentId: i.id,
    audience: ctx.audience,
    title: `${i.severity ? `${i.severity} incident` : 'Incident'} declared: ${i.title}`,
    fields: [
      ...field('severity', 'Severity', severity),
      ...field('status', 'Status', phaseText(i.phase)),
      ...field('impact', 'Impact', impactText(i.impact)),
      ...field('services', 'Services', i.services.length > 0 ? i.services.join(', ') : undefined),
      ...field('commander', 'Incident commander', i.roles.commander ?? 'Unassigned'),
      ...field('commsLead', 'Comms lead', i.roles.commsLead),
      ...field('channel', 'Channel', `#${channel}`, ref === undefined ? undefined : channelUrl(ref)),
      ...field(
        'started',
        'Impact started',
        started !== undefined && started < i.milestones.detectedAt ? when(ctx, started) : undefined,
      ),
      ...field('detected', 'Detected', when(ctx, i.milestones.detectedAt)),
      ...field('nextUpdate', 'Next update', next === undefined ? undefined : whenRelative(ctx, next)),
    ],
    at: ctx.at,
    channel,
  };
  if (ref !== undefined)
    message.channelRef = ref.url === undefined ? { id: ref.id, name: ref.name } : { ...ref };
  if (i.summary?.trim()) message.body = i.summary;
  if (severity !== undefined) message.severity = i.severity;
  if (next !== undefined) message.nextUpdateAt = next;
  if (ctx.timeZone !== undefined) message.timeZone = ctx.timeZone;
  return applyTemplate('initial-notification', message, ctx.templates, {
    incidentTitle: i.title,
    time: when(ctx, ctx.at),
  });
}
