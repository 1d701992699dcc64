/**
 * The front matter of a markdown postmortem, read without a YAML library: `key: value` lines,
 * flow lists (`authors: [Dana Whitfield, "Ortiz, Sam"]`) and block lists (`authors:` then
 * `  - Dana Whitfield` lines) of plain or quoted scalars. A list's entries are joined with `, `,
 * as a one-line list of names is written. Each line is read once, each character once.
 */
import { frontMatterEntry, listItemLine } from './block-lines.js';

/** A scalar without its quotes: `"a"` and `'a'` are `a` (what the reader always did). */
function unquoted(value: string): string {
  return value
    .trim()
    .replace(/^["']|["']$/g, '')
    .trim();
}

/** The entries of `[a, "b, c", 'd']` (the brackets included), split at commas outside quotes. */
function flowList(value: string): string[] {
  const entries: string[] = [];
  const end = value.length - 1;
  let quote: string | undefined;
  let start = 1;
  let text = false;
  for (let i = 1; i < end; i++) {
    const c = value[i]!;
    if (quote !== undefined) {
      if (c === quote) {
        quote = undefined;
        text = true;
      }
    } else if (c === ',') {
      entries.push(unquoted(value.slice(start, i)));
      start = i + 1;
      text = false;
    } else if ((c === '"' || c === "'") && !text) quote = c;
    else if (c !== ' ' && c !== '\t') text = true;
  }
  entries.push(unquoted(value.slice(start, end)));
  return entries.filter((e) => e !== '');
}

/** `key: value` entries of front matter lines, by lower-case key. */
export function readFrontMatter(lines: readonly string[]): Record<string, string> {
  const front: Record<string, string> = {};
  let list: { key: string; entries: string[] } | undefined;
  const close = () => {
    if (list && list.entries.length > 0) front[list.key] = list.entries.join(', ');
    list = undefined;
  };
  for (const line of lines) {
    const item = list ? listItemLine(line.trimStart()) : undefined;
    if (list && item && item.box === undefined && /^\s*-/.test(line)) {
      const entry = unquoted(item.text.trim());
      if (entry !== '') list.entries.push(entry);
      continue;
    }
    close();
    const entry = frontMatterEntry(line);
    if (!entry) continue;
    const key = entry.key.trim().toLowerCase();
    const value = entry.value.trim();
    if (value.startsWith('[') && value.endsWith(']') && value.length >= 2) {
      front[key] = flowList(value).join(', ');
      continue;
    }
    front[key] = unquoted(entry.value);
    if (value === '') list = { key, entries: [] };
  }
  close();
  return front;
}
