/**
 * The first pass of postmortemFromMarkdown: the document's lines sorted into front matter, title,
 * preamble and sections, each a list of blocks (paragraphs, list items, table rows, subheadings)
 * with the line it starts on. Headings are ATX (`## Title`) or setext (`Title` over `===` / `---`);
 * the sections are the headings of the document's top level (`##`, or `###` in a document that has
 * none) and deeper headings are subheadings of the section above them. Code blocks and HTML
 * comments are dropped.
 */
import { headingLine, isTableRow, isTableSeparator, listItemLine, setextLevel } from './block-lines.js';
import { readFrontMatter } from './front-matter.js';
import { inlineText } from './inline-text.js';
import { normaliseTitle } from './section-titles.js';

/** One block of a section's body, with the line it starts on. */
export type Block =
  | {
      readonly kind: 'paragraph';
      readonly text: string;
      readonly line: number;
      /**
       * Each source line as written (inline markdown kept; the k-th is on line `line + k`), for
       * facts one per line (`**Authors:** …`).
       */
      readonly lines?: readonly string[] | undefined;
    }
  | {
      readonly kind: 'item';
      // Written once more after the scan when indented lines continue the item.
      text: string;
      readonly line: number;
      readonly checked?: boolean | undefined;
    }
  | { readonly kind: 'row'; readonly cells: Record<string, string>; readonly line: number }
  | { readonly kind: 'subheading'; readonly text: string; readonly line: number };

/** A section as written: its heading text, the heading's line and its blocks. */
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

interface Heading {
  readonly kind: 'heading';
  readonly level: number;
  readonly text: string;
  readonly line: number;
}

/**
 * Sorts the flat run of headings and blocks into title, preamble and sections. The title is the
 * first `#` heading when no section heading comes before it; the section level is the shallowest
 * level of the other headings (at least 2, so `#` headings after the title stay sections).
 */
function group(flat: readonly (Block | Heading)[]): Pick<Scanned, 'title' | 'preamble' | 'sections'> {
  const first = flat.findIndex((e) => e.kind === 'heading' && e.level === 1);
  let shallowest = 6;
  for (let k = 0; k < flat.length; k++) {
    const e = flat[k]!;
    if (e.kind === 'heading' && k !== first) shallowest = Math.min(shallowest, e.level);
  }
  let level = Math.max(2, shallowest);
  let titleAt = first;
  for (let k = 0; k < first; k++) {
    const e = flat[k]!;
    if (e.kind === 'heading' && e.level <= level) {
      titleAt = -1;
      level = 2;
      break;
    }
  }
  const preamble: Block[] = [];
  const sections: RawSection[] = [];
  let blocks = preamble;
  let title: { text: string; line: number } | undefined;
  flat.forEach((e, k) => {
    if (e.kind !== 'heading') blocks.push(e);
    else if (k === titleAt) title = { text: e.text, line: e.line };
    else if (e.level <= level) {
      const section: RawSection = { title: e.text, line: e.line, blocks: [] };
      sections.push(section);
      blocks = section.blocks;
    } else blocks.push({ kind: 'subheading', text: e.text, line: e.line });
  });
  return { ...(title && { title }), preamble, sections };
}

/** Splits the document into front matter, title, preamble and sections; code and comments dropped. */
export function scanMarkdown(markdown: string): Scanned {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  let front: Record<string, string> = {};
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, k) => k > 0 && /^(---|\.\.\.)\s*$/.test(l));
    if (end > 0) {
      front = readFrontMatter(lines.slice(1, end));
      i = end + 1;
    }
  }
  const blocks: (Block | Heading)[] = [];
  let paragraph: { text: string[]; line: number; quoted: boolean } | undefined;
  let header: string[] | undefined;
  let fence: string | undefined;
  let comment = false;
  // Continuation lines of an item, joined once at the end (re-joining per line is quadratic).
  const continued = new Map<Extract<Block, { kind: 'item' }>, string[]>();
  const flush = () => {
    if (paragraph)
      blocks.push({
        kind: 'paragraph',
        text: inlineText(paragraph.text.join(' ')),
        line: paragraph.line,
        lines: paragraph.text,
      });
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
      blocks.push({ kind: 'heading', level: heading.level, text: inlineText(heading.text), line });
      continue;
    }
    // `Title` over `===` or `---`: the open paragraph (not a quote) is a heading.
    const setext = paragraph && !paragraph.quoted ? setextLevel(raw) : undefined;
    if (paragraph && setext !== undefined) {
      blocks.push({
        kind: 'heading',
        level: setext,
        text: inlineText(paragraph.text.join(' ')),
        line: paragraph.line,
      });
      paragraph = undefined;
      header = undefined;
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
      paragraph ??= { text: [], line, quoted: true };
      paragraph.text.push(raw.replace(/^\s{0,3}>\s?/, ''));
      continue;
    }
    paragraph ??= { text: [], line, quoted: false };
    paragraph.text.push(raw.trim());
  }
  flush();
  // Both sides are trimmed already: what `${text} ${more}`.trim() gave, line by line.
  for (const [item, parts] of continued) item.text = parts.filter((part) => part !== '').join(' ');
  return { front, ...group(blocks) };
}

/** The text of a block, table rows joined cell by cell. */
export function textOf(block: Block): string {
  return block.kind === 'row' ? Object.values(block.cells).filter(Boolean).join(' — ') : block.text;
}
