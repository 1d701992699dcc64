import { type EscapeOptions, escapeTeamsText, foldLines, truncateEscaped } from '../internal/escape.js';
import type { Message, MessageField } from './message.js';
import { fieldUrl, footerText, orDash, paragraphs, type RenderContext, valueLines } from './render-shared.js';

/**
 * An Adaptive Card `TextRun`: one span of plain text in a `RichTextBlock`. TextRuns are not
 * markdown-processed (unlike `TextBlock`), which is why every piece of text incidentkit puts on a
 * card is one; the only link is a `selectAction` to a validated `https:` URL.
 *
 * @example
 * ```ts
 * import type { TeamsTextRun } from 'incidentkit/comms';
 * const run: TeamsTextRun = { type: 'TextRun', text: 'Severity: ', weight: 'Bolder' };
 * ```
 */
export interface TeamsTextRun {
  type: 'TextRun';
  text: string;
  weight?: 'Bolder' | undefined;
  size?: 'Small' | 'Large' | undefined;
  isSubtle?: boolean | undefined;
  color?: 'Accent' | undefined;
  selectAction?: { type: 'Action.OpenUrl'; url: string };
}

/**
 * An Adaptive Card `RichTextBlock`: one line of a card, made of {@link TeamsTextRun}s.
 *
 * @example
 * ```ts
 * import type { TeamsRichTextBlock } from 'incidentkit/comms';
 * const line: TeamsRichTextBlock = { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Investigating' }] };
 * ```
 */
export interface TeamsRichTextBlock {
  type: 'RichTextBlock';
  inlines: TeamsTextRun[];
  spacing?: 'None' | 'Medium' | undefined;
  separator?: boolean | undefined;
}

/**
 * An Adaptive Card 1.4 (the version Teams renders on every client).
 *
 * @example
 * ```ts
 * import type { TeamsAdaptiveCard } from 'incidentkit/comms';
 * const card: TeamsAdaptiveCard = {
 *   $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
 *   type: 'AdaptiveCard',
 *   version: '1.4',
 *   body: [],
 *   msteams: { width: 'Full' },
 * };
 * ```
 */
export interface TeamsAdaptiveCard {
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  type: 'AdaptiveCard';
  version: '1.4';
  body: TeamsRichTextBlock[];
  msteams: { width: 'Full' };
}

/**
 * The body a Teams Workflows webhook ("When a Teams webhook request is received") takes: a
 * `message` with one Adaptive Card attachment. At most 28 KB (28,000 bytes of UTF-8 JSON, the
 * stricter reading of Microsoft's "28 KB" limit): longer messages are shortened and say so.
 *
 * @example
 * ```ts
 * import type { TeamsMessage } from 'incidentkit/comms';
 * const payload: TeamsMessage = {
 *   type: 'message',
 *   attachments: [
 *     {
 *       contentType: 'application/vnd.microsoft.card.adaptive',
 *       contentUrl: null,
 *       content: {
 *         $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
 *         type: 'AdaptiveCard',
 *         version: '1.4',
 *         body: [],
 *         msteams: { width: 'Full' },
 *       },
 *     },
 *   ],
 * };
 * ```
 */
export interface TeamsMessage {
  type: 'message';
  attachments: [
    {
      contentType: 'application/vnd.microsoft.card.adaptive';
      contentUrl: null;
      content: TeamsAdaptiveCard;
    },
  ];
}

/** Teams rejects a webhook body over 28 KB; read as 28,000 bytes, the stricter reading. */
export const TEAMS_MESSAGE_MAX_BYTES = 28_000;
const TITLE_MAX = 500;
const RUN_MAX = 2_000;
/** The body may fill at most this share of the card, so the fields always show. */
const BODY_SHARE = 0.4;
const SHORTENED = 'Shortened to fit the Teams message size limit.';

/** UTF-8 length of a string (lone surrogates, as JSON escapes them, are 6 bytes). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 6;
    } else if (code >= 0xd800 && code <= 0xdfff) bytes += 6;
    else bytes += 3;
  }
  return bytes;
}

const jsonBytes = (value: unknown) => utf8Length(JSON.stringify(value));

const run = (text: string, style: Omit<TeamsTextRun, 'type' | 'text'> = {}): TeamsTextRun => ({
  type: 'TextRun',
  text,
  ...style,
});

function line(inlines: TeamsTextRun[], spacing?: 'None' | 'Medium'): TeamsRichTextBlock {
  return spacing === undefined
    ? { type: 'RichTextBlock', inlines }
    : { type: 'RichTextBlock', inlines, spacing };
}

/** User text for one run: escaped, on one line, capped. */
const oneLine = (text: string, esc: EscapeOptions, max = RUN_MAX) =>
  truncateEscaped(orDash(foldLines(escapeTeamsText(text, esc))), max);

function fieldBlocks(f: MessageField, ctx: RenderContext, esc: EscapeOptions): TeamsRichTextBlock[] {
  const label = run(`${oneLine(f.label, esc, 200)}: `, { weight: 'Bolder' });
  const url = fieldUrl(f, ctx);
  if (f.items && f.items.length > 0) {
    return [
      line([label], 'Medium'),
      ...f.items.map((item) => line([run(`• ${oneLine(item, esc)}`)], 'None')),
    ];
  }
  if (url !== undefined) {
    const text = truncateEscaped(orDash(foldLines(escapeTeamsText(f.value, { keepLinks: true }))), RUN_MAX);
    return [
      line([label, run(text, { color: 'Accent', selectAction: { type: 'Action.OpenUrl', url } })], 'Medium'),
    ];
  }
  const lines = valueLines(escapeTeamsText(f.value, esc));
  if (lines.length <= 1)
    return [line([label, run(truncateEscaped(orDash(lines[0] ?? ''), RUN_MAX))], 'Medium')];
  return [line([label], 'Medium'), ...lines.map((l) => line([run(truncateEscaped(l, RUN_MAX))], 'None'))];
}

function envelope(body: TeamsRichTextBlock[]): TeamsMessage {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
          msteams: { width: 'Full' },
        },
      },
    ],
  };
}

/**
 * A Teams Workflows webhook body: an Adaptive Card with the title, body lines, one line per field
 * (lists one line per item) and a footer, every piece of text a TextRun. Lines are added in order
 * while they fit in {@link TEAMS_MESSAGE_MAX_BYTES} (the body in at most 40% of it); when some do
 * not, a closing line says the message was shortened.
 */
export function renderTeams(message: Message, ctx: RenderContext): TeamsMessage {
  const esc: EscapeOptions = { breakHosts: ctx.breakHosts };
  const title = line([run(oneLine(message.title, esc, TITLE_MAX), { size: 'Large', weight: 'Bolder' })]);
  const footer: TeamsRichTextBlock = {
    type: 'RichTextBlock',
    inlines: [run(oneLine(footerText(message), esc), { size: 'Small', isSubtle: true })],
    separator: true,
    spacing: 'Medium',
  };
  const note = line([run(SHORTENED, { size: 'Small', isSubtle: true })], 'Medium');
  const body: TeamsRichTextBlock[] = [title];
  // Bytes of the envelope with title, footer and the shortening note; each further block adds
  // its own JSON and a comma.
  let used = jsonBytes(envelope([title, footer, note]));
  let shortened = false;
  const add = (block: TeamsRichTextBlock, limit: number): boolean => {
    const cost = jsonBytes(block) + 1;
    if (used + cost > limit) return false;
    used += cost;
    body.push(block);
    return true;
  };
  if (message.body !== undefined) {
    const bodyLimit = used + Math.floor(TEAMS_MESSAGE_MAX_BYTES * BODY_SHARE);
    outer: for (const lines of paragraphs(escapeTeamsText(message.body, esc))) {
      for (let i = 0; i < lines.length; i++) {
        const block = line([run(truncateEscaped(lines[i]!, RUN_MAX))], i === 0 ? 'Medium' : 'None');
        if (!add(block, bodyLimit)) {
          shortened = true;
          break outer;
        }
      }
    }
  }
  outer: for (const f of message.fields) {
    for (const block of fieldBlocks(f, ctx, esc)) {
      if (!add(block, TEAMS_MESSAGE_MAX_BYTES)) {
        shortened = true;
        break outer;
      }
    }
  }
  if (shortened) body.push(note);
  body.push(footer);
  return envelope(body);
}
