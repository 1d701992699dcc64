import { escapeHtml, escapeMarkdown, escapePlainText } from '../internal/escape.js';

/**
 * A table of figures, format-neutral: every cell is plain text (imported strings included) that each
 * renderer escapes for its output. `note` is shown under the table (the metric definition stamps).
 */
export interface Table {
  readonly id: string;
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns aligned right (numbers). */
  readonly numeric?: readonly boolean[] | undefined;
  readonly note?: readonly string[] | undefined;
}

// Terminal width of text: East Asian wide characters take two columns, combining marks none.
function width(text: string): number {
  let n = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (/\p{M}/u.test(ch)) continue;
    n +=
      code >= 0x1100 &&
      /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF00-\uFF60\u{1F300}-\u{1FAFF}]/u.test(
        ch,
      )
        ? 2
        : 1;
  }
  return n;
}

function pad(text: string, to: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, to - width(text)));
  return right ? fill + text : text + fill;
}

/** Terminal text: control characters (terminal escapes) removed, columns aligned. */
function cellText(text: string): string {
  return escapePlainText(text).replace(/[\n\t]+/g, ' ');
}

/** Aligned plain text for a terminal, notes indented under the table. */
export function tableToText(table: Table): string {
  const rows = [table.headers, ...table.rows].map((row) => row.map(cellText));
  const widths = table.headers.map((_, c) => Math.min(60, Math.max(...rows.map((r) => width(r[c] ?? '')))));
  const clipCell = (text: string, w: number) =>
    width(text) > w ? `${[...text].slice(0, w - 1).join('')}…` : text;
  const line = (row: readonly string[]) =>
    row
      .map((cell, c) => pad(clipCell(cell, widths[c]!), widths[c]!, table.numeric?.[c] === true))
      .join('  ')
      .trimEnd();
  const out = [cellText(table.title), line(rows[0]!), widths.map((w) => '─'.repeat(w)).join('  ')];
  for (const row of rows.slice(1)) out.push(line(row));
  for (const note of table.note ?? []) out.push(`  ${cellText(note)}`);
  return out.join('\n');
}

/** A GFM table under a `##` heading, every cell escaped, notes as a list. */
export function tableToMarkdown(table: Table): string {
  const cell = (text: string) => escapeMarkdown(text, { inline: true }) || '—';
  const out = [
    `## ${cell(table.title)}`,
    '',
    `| ${table.headers.map(cell).join(' | ')} |`,
    `|${table.headers.map((_, c) => (table.numeric?.[c] ? ' ---: ' : ' --- ')).join('|')}|`,
    ...table.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
  if (table.note?.length) out.push('', ...table.note.map((n) => `- ${escapeMarkdown(n, { inline: true })}`));
  return out.join('\n');
}

/** An HTML `<table>` (with caption, header scopes and the notes in a `<p>`); every cell escaped. */
export function tableToHtml(table: Table, options: { readonly heading?: boolean | undefined } = {}): string {
  const cls = (c: number) => (table.numeric?.[c] ? ' class="num"' : '');
  const head = table.headers.map((h, c) => `<th scope="col"${cls(c)}>${escapeHtml(h)}</th>`).join('');
  const body = table.rows
    .map(
      (row) =>
        `<tr>${row.map((cell, c) => (c === 0 ? `<th scope="row"${cls(c)}>${escapeHtml(cell)}</th>` : `<td${cls(c)}>${escapeHtml(cell)}</td>`)).join('')}</tr>`,
    )
    .join('\n');
  const notes = table.note?.length
    ? `\n<p class="stamp">${table.note.map((n) => escapeHtml(n)).join('<br>')}</p>`
    : '';
  const caption = options.heading === false ? '' : `<caption>${escapeHtml(table.title)}</caption>`;
  return `<table id="${escapeHtml(table.id)}">${caption}\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>${notes}`;
}
