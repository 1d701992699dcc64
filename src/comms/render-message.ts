import { parseWith } from '../internal/validate.js';
import { invalidInput, unreachable } from '../model/index.js';
import { type Message, MessageSchema } from './message.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
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
export function renderMessage(message: Message, format: 'slack'): SlackMessage;
export function renderMessage(message: Message, format: 'teams'): TeamsMessage;
export function renderMessage(message: Message, format: 'text' | 'markdown' | 'html'): string;
export function renderMessage(message: Message, format: MessageFormat): string | SlackMessage | TeamsMessage;
export function renderMessage(message: Message, format: MessageFormat): string | SlackMessage | TeamsMessage {
  if (!FORMATS.includes(format)) throw invalidInput('format', `expected one of ${FORMATS.join(', ')}`);
  const m = parseWith(MessageSchema, message, 'message');
  switch (format) {
    case 'text':
      return renderText(m);
    case 'markdown':
      return renderMarkdown(m);
    case 'html':
      return renderHtml(m);
    case 'slack':
      return renderSlack(m);
    case 'teams':
      return renderTeams(m);
    default:
      return unreachable(format, 'format');
  }
}
