import { defuseMentionsAndLinks, foldLines } from '../internal/escape.js';
import type { Message } from './message.js';
import { fieldUrl, footerText, orDash, paragraphs, type RenderContext, valueLines } from './render-shared.js';

/** Plain text: title, body, `Label: value` lines (lists and continuation lines indented), footer. */
export function renderText(message: Message, ctx: RenderContext): string {
  const clean = (text: string) =>
    defuseMentionsAndLinks(text, { breakHosts: ctx.breakHosts }).replace(/\t/g, ' ');
  const oneLine = (text: string) => foldLines(clean(text));
  const blocks: string[] = [orDash(oneLine(message.title))];
  if (message.body !== undefined) {
    for (const lines of paragraphs(clean(message.body))) blocks.push(lines.join('\n'));
  }
  const lines: string[] = [];
  for (const f of message.fields) {
    const label = orDash(oneLine(f.label));
    const url = fieldUrl(f, ctx);
    if (f.items && f.items.length > 0) {
      lines.push(`${label}:`);
      for (const item of f.items) lines.push(`  - ${oneLine(item)}`);
    } else {
      lines.push(`${label}: ${url ?? orDash(valueLines(clean(f.value)).join('\n  '))}`);
    }
  }
  if (lines.length > 0) blocks.push(lines.join('\n'));
  blocks.push(oneLine(footerText(message)));
  return `${blocks.join('\n\n')}\n`;
}
