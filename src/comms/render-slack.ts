import {
  defuseMentionsAndLinks,
  type EscapeOptions,
  escapeSlackMrkdwn,
  foldLines,
  truncateEscaped,
} from '../internal/escape.js';
import { slackChannelId } from './channel-link.js';
import type { Message, MessageField } from './message.js';
import { fieldUrl, footerText, orDash, type RenderContext } from './render-shared.js';

/**
 * A Block Kit text object. Every `mrkdwn` object incidentkit renders has `verbatim: true`, so
 * Slack does not auto-link URLs or channel names in it.
 *
 * @example
 * ```ts
 * import type { SlackTextObject } from 'incidentkit/comms';
 * const t: SlackTextObject = { type: 'mrkdwn', text: '*Status*\nInvestigating', verbatim: true };
 * ```
 */
export interface SlackTextObject {
  type: 'plain_text' | 'mrkdwn';
  text: string;
  emoji?: boolean | undefined;
  verbatim?: boolean | undefined;
}

/**
 * The Block Kit blocks {@link renderMessage} produces: `header`, `section` (text or fields) and
 * `context`.
 *
 * @example
 * ```ts
 * import type { SlackBlock } from 'incidentkit/comms';
 * const header: SlackBlock = { type: 'header', text: { type: 'plain_text', text: 'Resolved', emoji: true } };
 * ```
 */
export type SlackBlock =
  | { type: 'header'; text: SlackTextObject & { type: 'plain_text' } }
  | { type: 'section'; text: SlackTextObject; fields?: undefined }
  | { type: 'section'; fields: SlackTextObject[]; text?: undefined }
  | { type: 'context'; elements: SlackTextObject[] };

/**
 * A Slack message payload (`chat.postMessage` / incoming webhook body): `text` is the notification
 * fallback, `blocks` the layout. Limits are respected: header ≤ 150 characters, section text ≤ 3000,
 * ≤ 10 fields of ≤ 2000 each, ≤ 50 blocks.
 *
 * @example
 * ```ts
 * import type { SlackMessage } from 'incidentkit/comms';
 * const payload: SlackMessage = { text: 'Resolved: Checkout errors', blocks: [] };
 * ```
 */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

const HEADER_MAX = 150;
const SECTION_MAX = 3_000;
const FIELD_MAX = 2_000;
const FIELDS_PER_SECTION = 10;
const MAX_BLOCKS = 50;
const BODY_SECTIONS_MAX = 8;
const FALLBACK_MAX = 3_000;
/** A value longer than this (or with items or line breaks) gets its own section instead of a grid cell. */
const SHORT_VALUE = 60;

const mrkdwn = (text: string): SlackTextObject => ({ type: 'mrkdwn', text, verbatim: true });

/** Plain text for Slack: defused, with Slack's three control characters as entities. */
function slackPlain(text: string, esc: EscapeOptions): string {
  return foldLines(defuseMentionsAndLinks(text, esc)).replace(/[&<>]/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;',
  );
}

// Fold after escaping: escaping turns CR, U+2028 and U+2029 into \n first.
const oneLine = (text: string, esc: EscapeOptions) => foldLines(escapeSlackMrkdwn(text, esc));

/** Splits escaped mrkdwn into chunks of at most `max`, at line breaks or spaces where possible. */
function chunks(text: string, max: number, limit: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > 0 && out.length < limit) {
    if (rest.length <= max || out.length === limit - 1) {
      out.push(truncateEscaped(rest, max));
      break;
    }
    const window = rest.slice(0, max);
    let at = window.lastIndexOf('\n');
    if (at < max / 2) at = window.lastIndexOf(' ');
    if (at < max / 2) at = -1;
    const piece = at === -1 ? truncateEscaped(rest, max, '') : window.slice(0, at);
    out.push(piece);
    rest = rest.slice(piece.length).replace(/^\s+/, '');
  }
  // A chunk now starts a text object: a quote or formatting marker there would take effect.
  return out.map((c) => c.replace(/^(&gt;|[*_~`])/, '\u200B$1')).filter((c) => c.trim() !== '');
}

function label(f: MessageField, esc: EscapeOptions): string {
  // An asterisk inside the label would close the bold early; the asterisk operator looks the same.
  return `*${orDash(oneLine(f.label.replace(/\*/g, '\u2217'), esc))}*`;
}

function isShort(f: MessageField, ctx: RenderContext): boolean {
  if ((f.items && f.items.length > 0) || fieldUrl(f, ctx) !== undefined) return false;
  return f.value.length <= SHORT_VALUE && !f.value.includes('\n');
}

function fieldCell(f: MessageField, esc: EscapeOptions): SlackTextObject {
  const head = `${label(f, esc)}\n`;
  return mrkdwn(head + truncateEscaped(orDash(oneLine(f.value, esc)), FIELD_MAX - head.length));
}

function fieldSection(f: MessageField, ctx: RenderContext, esc: EscapeOptions): SlackTextObject {
  const head = `${label(f, esc)}\n`;
  const url = fieldUrl(f, ctx);
  let value: string;
  if (f.items && f.items.length > 0) value = f.items.map((item) => `• ${oneLine(item, esc)}`).join('\n');
  else if (url !== undefined) {
    const text = orDash(slackPlain(f.value, { keepLinks: true }).replace(/\|/g, '¦'));
    value = `<${url.replace(/&/g, '&amp;')}|${truncateEscaped(text, 500)}>`;
    // Never cut a link: without room for all of it, show the text alone.
    if (head.length + value.length > SECTION_MAX) value = orDash(escapeSlackMrkdwn(f.value, esc));
  } else value = orDash(escapeSlackMrkdwn(f.value, esc));
  return mrkdwn(head + truncateEscaped(value, SECTION_MAX - head.length));
}

/** Block Kit payload: header, body sections, field grid / sections, context footer. */
export function renderSlack(message: Message, ctx: RenderContext): SlackMessage {
  const esc: EscapeOptions = { breakHosts: ctx.breakHosts };
  const title = truncateEscaped(orDash(slackPlain(message.title, esc)), HEADER_MAX);
  const blocks: SlackBlock[] = [{ type: 'header', text: { type: 'plain_text', text: title, emoji: true } }];
  if (message.body !== undefined) {
    for (const chunk of chunks(escapeSlackMrkdwn(message.body, esc), SECTION_MAX, BODY_SECTIONS_MAX)) {
      blocks.push({ type: 'section', text: mrkdwn(chunk) });
    }
  }
  let grid: SlackTextObject[] = [];
  const flush = () => {
    if (grid.length > 0) blocks.push({ type: 'section', fields: grid });
    grid = [];
  };
  // A real Slack channel: Slack renders `<#C…>` as a link showing the channel's current name.
  const channelId =
    message.kind === 'initial-notification' && message.channelRef
      ? slackChannelId(message.channelRef)
      : undefined;
  for (const f of message.fields) {
    if (f.key === 'channel' && channelId !== undefined) {
      grid.push(mrkdwn(`${label(f, esc)}\n<#${channelId}>`));
      if (grid.length === FIELDS_PER_SECTION) flush();
    } else if (isShort(f, ctx)) {
      grid.push(fieldCell(f, esc));
      if (grid.length === FIELDS_PER_SECTION) flush();
    } else {
      flush();
      blocks.push({ type: 'section', text: fieldSection(f, ctx, esc) });
    }
  }
  flush();
  const context: SlackBlock = { type: 'context', elements: [mrkdwn(oneLine(footerText(message), esc))] };
  const kept = blocks.slice(0, MAX_BLOCKS - 1);
  kept.push(context);
  const status = message.fields.find((f) => f.key === 'status' && message.audience !== 'public');
  const summary = status?.value ?? message.body;
  const fallback = summary === undefined ? message.title : `${message.title} — ${summary}`;
  return { text: truncateEscaped(orDash(oneLine(fallback, esc)), FALLBACK_MAX), blocks: kept };
}
