import { defuseMentionsAndLinks } from '../internal/escape.js';
import type { Message } from './message.js';
import { footerText, orDash, paragraphs, valueLines } from './render-shared.js';
import { safeUrl } from './safe-url.js';

const clean = (text: string) => defuseMentionsAndLinks(text).replace(/\t/g, ' ');
const oneLine = (text: string) => clean(text).replace(/\s*\n\s*/g, ' ');

/** Plain text: title, body, `Label: value` lines (lists and continuation lines indented), footer. */
export function renderText(message: Message): string {
  const blocks: string[] = [orDash(oneLine(message.title))];
  if (message.body !== undefined) {
    for (const lines of paragraphs(clean(message.body))) blocks.push(lines.join('\n'));
  }
  const lines: string[] = [];
  for (const f of message.fields) {
    const label = orDash(oneLine(f.label));
    const url = safeUrl(f.url);
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
