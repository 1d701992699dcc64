import { formatDuration } from '../internal/format-time.js';
import { type Incident, invalidInput } from '../model/index.js';
import { buildContext, type CommsOptions, severityText, when } from './build-context.js';
import type { PostmortemPublishedMessage } from './message.js';
import { field } from './message-fields.js';
import { safeUrl } from './safe-url.js';
import { applyTemplate } from './templates.js';

/**
 * Announces a published postmortem to internal audiences: when, where (the recorded URL, linked
 * when it is a plain `http(s)` URL), how long the impact lasted, and the state of the action
 * items. Throws `INVALID_INPUT` (at `incident.postmortem`) when none is published.
 *
 * @example
 * ```ts
 * import { postmortemPublished } from 'incidentkit/comms';
 * import type { Incident } from 'incidentkit';
 * declare const reviewed: Incident; // after PUBLISH_POSTMORTEM { url: 'https://wiki.example.com/pm/42' }
 * postmortemPublished(reviewed).url; // 'https://wiki.example.com/pm/42'
 * ```
 */
export function postmortemPublished(incident: Incident, options?: CommsOptions): PostmortemPublishedMessage {
  const ctx = buildContext(incident, options);
  const i = ctx.incident;
  if (!i.postmortem)
    throw invalidInput('incident.postmortem', `incident ${i.id} has no published postmortem`);
  const { publishedAt, url } = i.postmortem;
  const m = i.milestones;
  const impactStart = m.startedAt ?? m.detectedAt;
  const severity = severityText(ctx);
  const items = i.actionItems;
  const open = items.filter((a) => a.status === 'open').length;
  const done = items.filter((a) => a.status === 'done').length;
  // Recorded as given; the renderer decides whether an http: link may be shown as one.
  const link = safeUrl(url, { allowHttp: true });
  const message: PostmortemPublishedMessage = {
    kind: 'postmortem-published',
    incidentId: i.id,
    audience: ctx.audience,
    title: `Postmortem published: ${i.title}`,
    fields: [
      ...field('severity', 'Severity', severity),
      ...field(
        'duration',
        'Duration',
        m.resolvedAt === undefined ? undefined : formatDuration(m.resolvedAt - impactStart),
      ),
      ...field('published', 'Published', when(ctx, publishedAt)),
      ...field('postmortem', 'Postmortem', url, link),
      ...field(
        'actionItems',
        'Action items',
        items.length === 0 ? 'None recorded' : `${open} open, ${done} done, ${items.length} in total`,
      ),
      ...field('commander', 'Incident commander', i.roles.commander),
    ],
    at: ctx.at,
    publishedAt,
  };
  if (url !== undefined) message.url = url;
  if (severity !== undefined) message.severity = i.severity;
  if (ctx.timeZone !== undefined) message.timeZone = ctx.timeZone;
  return applyTemplate('postmortem-published', message, ctx.templates, {
    incidentTitle: i.title,
    time: when(ctx, ctx.at),
  });
}
