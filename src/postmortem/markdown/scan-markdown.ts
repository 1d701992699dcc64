/**
 * The first pass of postmortemFromMarkdown: the document's lines sorted into front matter, title,
 * preamble and `##` sections, each a list of blocks (paragraphs, list items, table rows,
 * subheadings) with the line it starts on. Code blocks and HTML comments are dropped.
 */
import { frontMatterEntry, headingLine, isTableRow, isTableSeparator, listItemLine } from './block-lines.js';
import { inlineText } from './inline-text.js';
import { normaliseTitle } from './section-titles.js';

/** One block of a section's body, with the line it starts on. */
export type Block =
  | { readonly kind: 'paragraph'; readonly text: string; readonly line: number }
  | {
      readonly kind: 'item';
      // Written once more after the scan when indented lines continue the item.
      text: string;
      readonly line: number;
      readonly checked?: boolean | undefined;
    }
  | { readonly kind: 'row'; readonly cells: Record<string, string>; readonly line: number }
  | { readonly kind: 'subheading'; readonly text: string; readonly line: number };

/** A `##` section as written: its heading text, the heading's line and its blocks. */
export interface RawSection {
  readonly title: string;
  readonly line: number;
  readonly blocks: Block[];
}

/** A whole document after the first pass. */
export interface Scanned {
  readonly title?: { text: string; line: number };
  readonly front: Record<string, string>;
  readonly preamble: Block[];
  readonly sections: RawSection[];
}

function cellsOf(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  // A `\|` inside a cell is a literal pipe.
  return inner.split(/(?<!\\)\|/).map((cell) => inlineText(cell));
}

/** Splits the document into front matter, title, preamble and `##` sections; code and comments dropped. */
export function scanMarkdown(markdown: string): Scanned {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const front: Record<string, string> = {};
  let i = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, k) => k > 0 && /^(---|\.\.\.)\s*$/.test(l));
    if (end > 0) {
      for (const line of lines.slice(1, end)) {
        const entry = frontMatterEntry(line);
        if (entry) front[entry.key.trim().toLowerCase()] = entry.value.replace(/^["']|["']$/g, '').trim();
      }
      i = end + 1;
    }
  }
  let title: { text: string; line: number } | undefined;
  const preamble: Block[] = [];
  const sections: RawSection[] = [];
  let blocks = preamble;
  let paragraph: { text: string[]; line: number } | undefined;
  let header: string[] | undefined;
  let fence: string | undefined;
  let comment = false;
  // Continuation lines of an item, joined once at the end (re-joining per line is quadratic).
  const continued = new Map<Extract<Block, { kind: 'item' }>, string[]>();
  const flush = () => {
    if (paragraph)
      blocks.push({ kind: 'paragraph', text: inlineText(paragraph.text.join(' ')), line: paragraph.line });
    paragraph = undefined;
  };
  for (; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = i + 1;
    if (fence !== undefined) {
      if (raw.trim().startsWith(fence)) fence = undefined;
      continue;
    }
    if (comment) {
      if (raw.includes('-->')) comment = false;
      continue;
    }
    const fenceOpen = /^\s{0,3}(`{3,}|~{3,})/.exec(raw);
    if (fenceOpen) {
      flush();
      fence = fenceOpen[1]!;
      continue;
    }
    if (/^\s*<!--/.test(raw)) {
      flush();
      comment = !raw.includes('-->');
      continue;
    }
    const heading = headingLine(raw);
    if (heading) {
      flush();
      header = undefined;
      const level = heading.level;
      const text = inlineText(heading.text);
      if (level === 1 && title === undefined && sections.length === 0) title = { text, line };
      else if (level <= 2) {
        const section: RawSection = { title: text, line, blocks: [] };
        sections.push(section);
        blocks = section.blocks;
      } else blocks.push({ kind: 'subheading', text, line });
      continue;
    }
    if (raw.trim() === '') {
      flush();
      header = undefined;
      continue;
    }
    if (isTableRow(raw)) {
      flush();
      const next = lines[i + 1];
      if (header === undefined && next !== undefined && isTableSeparator(next)) {
        header = cellsOf(raw).map(normaliseTitle);
        i++;
        continue;
      }
      if (isTableSeparator(raw)) continue;
      const cells = cellsOf(raw);
      const named: Record<string, string> = {};
      cells.forEach((cell, k) => {
        named[header?.[k] || `column ${k + 1}`] = cell;
      });
      blocks.push({ kind: 'row', cells: named, line });
      continue;
    }
    header = undefined;
    const item = listItemLine(raw);
    if (item) {
      flush();
      const checked = item.box === undefined ? undefined : item.box !== ' ';
      blocks.push({
        kind: 'item',
        text: inlineText(item.text),
        line,
        ...(checked !== undefined && { checked }),
      });
      continue;
    }
    const last = blocks[blocks.length - 1];
    // An indented line right after a list item continues it (a lazy continuation).
    if (!paragraph && last?.kind === 'item' && /^\s+\S/.test(raw) && lines[i - 1]?.trim() !== '') {
      let parts = continued.get(last);
      if (parts === undefined) {
        parts = [last.text];
        continued.set(last, parts);
      }
      parts.push(inlineText(raw));
      continue;
    }
    if (/^\s{0,3}>/.test(raw)) {
      paragraph ??= { text: [], line };
      paragraph.text.push(raw.replace(/^\s{0,3}>\s?/, ''));
      continue;
    }
    paragraph ??= { text: [], line };
    paragraph.text.push(raw.trim());
  }
  flush();
  // Both sides are trimmed already: what `${text} ${more}`.trim() gave, line by line.
  for (const [item, parts] of continued) item.text = parts.filter((part) => part !== '').join(' ');
  return { ...(title && { title }), front, preamble, sections };
}

/** The text of a block, table rows joined cell by cell. */
export function textOf(block: Block): string {
  return block.kind === 'row' ? Object.values(block.cells).filter(Boolean).join(' — ') : block.text;
}
