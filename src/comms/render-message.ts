import * as z from 'zod/mini';
import { parseWith } from '../internal/validate.js';
import { invalidInput, MAX_EPOCH_MS, unreachable } from '../model/index.js';
import { lazySchema } from '../model/lazy.js';
import { type Message, MessageSchema } from './message.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import { renderContext } from './render-shared.js';
import { renderSlack, type SlackMessage } from './render-slack.js';
import { renderTeams, type TeamsMessage } from './render-teams.js';
import { renderText } from './render-text.js';

/**
 * The output formats of {@link renderMessage}.
 *
 * @example
 * ```ts
 * import type { MessageFormat } from 'incidentkit/comms';
 * const format: MessageFormat = 'slack';
 * ```
 */
export type MessageFormat = 'text' | 'markdown' | 'slack' | 'teams' | 'html';

const FORMATS: readonly MessageFormat[] = ['text', 'markdown', 'slack', 'teams', 'html'];

/**
 * Options of {@link renderMessage}.
 *
 * @example
 * ```ts
 * import type { RenderMessageOptions } from 'incidentkit/comms';
 * const options: RenderMessageOptions = { allowHttp: true }; // an intranet wiki without TLS
 * ```
 */
export interface RenderMessageOptions {
  /** Link `http:` URLs too; by default only `https:` URLs are links and `http:` ones show as text. */
  readonly allowHttp?: boolean | undefined;
}

const RenderOptionsSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({ allowHttp: z.optional(z.boolean()) }),
);

/** The times a message may carry: each must be one a calendar can show (year 9999 at the latest). */
const TIME_KEYS = [
  'at',
  'nextUpdateAt',
  'etaAt',
  'resolvedAt',
  'postmortemAt',
  'publishedAt',
  'dueAt',
  'acknowledgedAt',
] as const;

/**
 * Renders a message as plain text, markdown (CommonMark / GFM), an HTML fragment, a Slack Block
 * Kit payload `{ text, blocks }`, or a Microsoft Teams Workflows webhook body (an Adaptive Card 1.4
 * in a `message` envelope, at most 28 KB). All message text is escaped for the format: no `@channel` /
 * `@here` / `@everyone` / `<@U…>` mention, no link and no markup can come from it (the one link is
 * a field's validated `http(s)` `url`). Times are in the message's `timeZone` (UTC by default).
 *
 * @example
 * ```ts
 * import { declareIncident } from 'incidentkit/lifecycle';
 * import { initialNotification, renderMessage } from 'incidentkit/comms';
 * const { incident } = declareIncident({ title: 'Checkout <!channel> errors', at: '2026-11-24T09:00:00Z' });
 * const slack = renderMessage(initialNotification(incident), 'slack');
 * slack.blocks[0]; // { type: 'header', text: { type: 'plain_text', text: 'SEV2 incident declared: Checkout &lt;\u200B!channel&gt; errors', … } }
 * ```
 */
export function renderMessage(
  message: Message,
  format: 'slack',
  options?: RenderMessageOptions,
): SlackMessage;
export function renderMessage(
  message: Message,
  format: 'teams',
  options?: RenderMessageOptions,
): TeamsMessage;
export function renderMessage(
  message: Message,
  format: 'text' | 'markdown' | 'html',
  options?: RenderMessageOptions,
): string;
export function renderMessage(
  message: Message,
  format: MessageFormat,
  options?: RenderMessageOptions,
): string | SlackMessage | TeamsMessage;
export function renderMessage(
  message: Message,
  format: MessageFormat,
  options?: RenderMessageOptions,
): string | SlackMessage | TeamsMessage {
  if (!FORMATS.includes(format)) throw invalidInput('format', `expected one of ${FORMATS.join(', ')}`);
  const opts = parseWith(RenderOptionsSchema, options ?? {}, 'options');
  const m = parseWith(MessageSchema, message, 'message');
  const times = m as Partial<Record<(typeof TIME_KEYS)[number], number>>;
  for (const key of TIME_KEYS) {
    const ms = times[key];
    if (ms !== undefined && ms > MAX_EPOCH_MS)
      throw invalidInput(`message.${key}`, 'must be at most the end of year 9999');
  }
  const ctx = renderContext(m, opts);
  switch (format) {
    case 'text':
      return renderText(m, ctx);
    case 'markdown':
      return renderMarkdown(m, ctx);
    case 'html':
      return renderHtml(m, ctx);
    case 'slack':
      return renderSlack(m, ctx);
    case 'teams':
      return renderTeams(m, ctx);
    default:
      return unreachable(format, 'format');
  }
}
