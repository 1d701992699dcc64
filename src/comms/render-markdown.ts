import { escapeMarkdown } from '../internal/escape.js';
import type { Message } from './message.js';
import { fieldUrl, footerText, orDash, paragraphs, type RenderContext, valueLines } from './render-shared.js';

/** CommonMark / GFM: `##` title, body paragraphs, a bullet list of bold labels, italic footer. */
export function renderMarkdown(message: Message, ctx: RenderContext): string {
  const breakHosts = ctx.breakHosts;
  // Responders keep host names intact: as code spans, so a linkifier leaves them alone.
  const codeHosts = !breakHosts;
  const inline = (text: string) => orDash(escapeMarkdown(text, { inline: true, breakHosts, codeHosts }));
  const blocks: string[] = [`## ${inline(message.title)}`];
  if (message.body !== undefined) {
    // Escaped per line (line-start markers included), then a trailing backslash is a hard line
    // break, so the author's line breaks survive.
    for (const lines of paragraphs(escapeMarkdown(message.body, { breakHosts, codeHosts })))
      blocks.push(lines.join('\\\n'));
  }
  const lines: string[] = [];
  for (const f of message.fields) {
    const label = `**${inline(f.label)}:**`;
    const url = fieldUrl(f, ctx);
    if (f.items && f.items.length > 0) {
      lines.push(`- ${label}`);
      for (const item of f.items) lines.push(`  - ${inline(item)}`);
    } else if (url !== undefined) {
      lines.push(`- ${label} [${escapeMarkdown(f.value, { inline: true, keepLinks: true })}](${url})`);
    } else {
      // Continuation lines stay inside the list item: indented, after a hard line break.
      lines.push(
        `- ${label} ${orDash(valueLines(escapeMarkdown(f.value, { breakHosts, codeHosts })).join('\\\n  '))}`,
      );
    }
  }
  if (lines.length > 0) blocks.push(lines.join('\n'));
  blocks.push(`_${inline(footerText(message))}_`);
  return `${blocks.join('\n\n')}\n`;
}
