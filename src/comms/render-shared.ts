import { assertTimeZone, formatTimestamp } from '../internal/format-time.js';
import type { Message, MessageField } from './message.js';
import { safeUrl } from './safe-url.js';

/** How a renderer treats a message: derived from its audience and the caller's render options. */
export interface RenderContext {
  /** Link `http:` URLs too (else only `https:`). */
  readonly allowHttp: boolean;
  /** Break bare host names in user text: for public and stakeholder audiences. */
  readonly breakHosts: boolean;
}

/** The render context of a message. */
export function renderContext(
  message: Message,
  options: { readonly allowHttp?: boolean | undefined },
): RenderContext {
  return { allowHttp: options.allowHttp === true, breakHosts: message.audience !== 'responders' };
}

/** The field's link, when it has one the renderer may link. */
export function fieldUrl(f: MessageField, ctx: RenderContext): string | undefined {
  return safeUrl(f.url, { allowHttp: ctx.allowHttp });
}

/** The closing line: `Incident INC-1 · 2026-11-24 09:30 UTC`, or `Posted …` for the public. */
export function footerText(message: Message): string {
  assertTimeZone(message.timeZone, 'message.timeZone');
  const time = formatTimestamp(message.at, { timeZone: message.timeZone });
  return message.audience === 'public' ? `Posted ${time}` : `Incident ${message.incidentId} · ${time}`;
}

/**
 * Splits text into paragraphs (on blank lines: empty or only spaces and tabs), each a list of its
 * non-blank lines, trimmed; blank-only input gives none. One pass over the lines (the pattern it
 * replaces, `/\n[ \t]*\n/`, scored as ambiguous by the ReDoS check).
 */
export function paragraphs(text: string): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (isBlankLine(raw)) {
      if (current.length > 0) out.push(current);
      current = [];
      continue;
    }
    const line = raw.trim();
    if (line !== '') current.push(line);
  }
  if (current.length > 0) out.push(current);
  return out;
}

function isBlankLine(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09) return false;
  }
  return true;
}

/** What to show for text that escaped to nothing (Block Kit rejects empty text, readers an empty heading). */
export function orDash(text: string): string {
  return text.trim() === '' ? '–' : text;
}

/** The non-blank lines of (escaped) text, trimmed: how a multi-line field value is laid out. */
export function valueLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
