import { escapeHtml, foldLines } from '../internal/escape.js';
import type { Message } from './message.js';
import { fieldUrl, footerText, orDash, paragraphs, type RenderContext, valueLines } from './render-shared.js';

// Attribute values we produce from validated URLs: entity-escape, never defuse (it would break the URL).
const attr = (value: string) => value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** An HTML fragment: `<section>` with `<h2>`, body `<p>`s, a `<dl>` of fields and a footer `<p>`. */
export function renderHtml(message: Message, ctx: RenderContext): string {
  const escaped = (value: string) => escapeHtml(value, { breakHosts: ctx.breakHosts });
  const text = (value: string) => orDash(foldLines(escaped(value)));
  const out: string[] = [
    `<section class="incidentkit-message incidentkit-${message.kind}" data-audience="${message.audience}">`,
    `  <h2>${text(message.title)}</h2>`,
  ];
  if (message.body !== undefined) {
    for (const lines of paragraphs(escaped(message.body))) out.push(`  <p>${lines.join('<br>\n')}</p>`);
  }
  if (message.fields.length > 0) {
    out.push('  <dl>');
    for (const f of message.fields) {
      out.push(`    <dt>${text(f.label)}</dt>`);
      const url = fieldUrl(f, ctx);
      if (f.items && f.items.length > 0) {
        out.push(`    <dd><ul>${f.items.map((item) => `<li>${text(item)}</li>`).join('')}</ul></dd>`);
      } else if (url !== undefined) {
        out.push(
          `    <dd><a href="${attr(url)}" rel="noopener noreferrer">${orDash(foldLines(escapeHtml(f.value, { keepLinks: true })))}</a></dd>`,
        );
      } else {
        out.push(`    <dd>${orDash(valueLines(escaped(f.value)).join('<br>'))}</dd>`);
      }
    }
    out.push('  </dl>');
  }
  out.push(
    `  <p class="incidentkit-meta"><time datetime="${new Date(message.at).toISOString()}">${text(footerText(message))}</time></p>`,
  );
  out.push('</section>');
  return `${out.join('\n')}\n`;
}
