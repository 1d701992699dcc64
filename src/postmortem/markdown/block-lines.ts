/**
 * What kind of markdown line a line is (list item, table row, table separator, heading, front
 * matter entry, `Label: value` fact, `question? answer`), read by one forward scan each. They used
 * to be regular expressions that a ReDoS analyser scored as ambiguous (several ways to split a run
 * of spaces or dashes); each function here gives exactly the answer its pattern gave, which
 * test/postmortem/markdown-scanners.test.ts checks against the old patterns on generated lines.
 */
import {
  isAsciiLetter,
  isDigit,
  isLineTerminator,
  isOneLine,
  isSpace,
  isWordChar,
  spacesEnd,
} from './chars.js';

const HYPHEN = 0x2d;
const ASTERISK = 0x2a;
const PLUS = 0x2b;
const PERIOD = 0x2e;
const CLOSE_PAREN = 0x29;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const PIPE = 0x7c;
const COLON = 0x3a;
const HASH = 0x23;
const QUESTION = 0x3f;
const SPACE = 0x20;
const EQUALS = 0x3d;

/**
 * Where the text starts after an indent of at most three spaces (`^\s{0,3}` before a character
 * that is not a space), or -1 when the indent is deeper.
 */
function indentEnd(line: string): number {
  const end = spacesEnd(line, 0);
  return end <= 3 ? end : -1;
}

/** A list item line: its `[ ]` / `[x]` box character when it has one, and its text. */
export interface ListItemLine {
  readonly box: string | undefined;
  readonly text: string;
}

/**
 * `- text`, `* text`, `+ text`, `1. text`, `1) text` (up to nine digits), indented at most three
 * spaces, with an optional task box: `/^(\s{0,3})(?:[-*+]|\d{1,9}[.)])\s+(?:\[([ xX])\]\s+)?(.*)$/`.
 */
export function listItemLine(line: string): ListItemLine | undefined {
  const start = indentEnd(line);
  if (start < 0) return undefined;
  let i = start;
  const marker = line.charCodeAt(i);
  if (marker === HYPHEN || marker === ASTERISK || marker === PLUS) i++;
  else {
    while (i < line.length && isDigit(line.charCodeAt(i))) i++;
    if (i === start || i - start > 9) return undefined;
    const after = line.charCodeAt(i);
    if (after !== PERIOD && after !== CLOSE_PAREN) return undefined;
    i++;
  }
  const text = spacesEnd(line, i);
  if (text === i) return undefined;
  const box = line.charCodeAt(text + 1);
  if (
    line.charCodeAt(text) === OPEN_BRACKET &&
    (box === SPACE || box === 0x78 || box === 0x58) &&
    line.charCodeAt(text + 2) === CLOSE_BRACKET
  ) {
    const rest = spacesEnd(line, text + 3);
    if (rest > text + 3 && isOneLine(line, rest)) return { box: line[text + 1], text: line.slice(rest) };
  }
  return isOneLine(line, text) ? { box: undefined, text: line.slice(text) } : undefined;
}

/** `| … |`, indented at most three spaces, spaces after the last pipe: `/^\s{0,3}\|.*\|\s*$/`. */
export function isTableRow(line: string): boolean {
  const start = indentEnd(line);
  if (start < 0 || line.charCodeAt(start) !== PIPE) return false;
  const last = line.lastIndexOf('|');
  return last > start && spacesEnd(line, last + 1) === line.length && isOneLine(line, start + 1, last);
}

/** The index after one separator cell (`:?-{2,}:?` and the spaces after it), or -1. */
function separatorCellEnd(line: string, from: number): number {
  let i = from;
  if (line.charCodeAt(i) === COLON) i++;
  const dashes = i;
  while (line.charCodeAt(i) === HYPHEN) i++;
  if (i - dashes < 2) return -1;
  if (line.charCodeAt(i) === COLON) i++;
  return spacesEnd(line, i);
}

/**
 * A table's header separator, `| --- | :---: |` (outer pipes optional, at most three spaces before
 * a leading pipe): `/^\s{0,3}\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/`.
 */
export function isTableSeparator(line: string): boolean {
  let i = spacesEnd(line, 0);
  if (line.charCodeAt(i) === PIPE) {
    if (i > 3) return false;
    i = spacesEnd(line, i + 1);
  }
  for (;;) {
    i = separatorCellEnd(line, i);
    if (i < 0) return false;
    if (i === line.length) return true;
    if (line.charCodeAt(i) !== PIPE) return false;
    i = spacesEnd(line, i + 1);
    if (i === line.length) return true;
  }
}

/** A `key: value` line of front matter. */
export interface FrontMatterEntry {
  readonly key: string;
  readonly value: string;
}

function isKeyChar(code: number): boolean {
  return isWordChar(code) || code === SPACE || code === HYPHEN;
}

/** `key: value` with a key of letters, digits, `_`, `-` and spaces: `/^([A-Za-z][\w -]*):\s*(.*)$/`. */
export function frontMatterEntry(line: string): FrontMatterEntry | undefined {
  if (!isAsciiLetter(line.charCodeAt(0))) return undefined;
  let i = 1;
  while (isKeyChar(line.charCodeAt(i))) i++;
  if (line.charCodeAt(i) !== COLON) return undefined;
  const value = spacesEnd(line, i + 1);
  return isOneLine(line, value) ? { key: line.slice(0, i), value: line.slice(value) } : undefined;
}

/** An ATX heading: its level (1–6) and its text without the closing `#`s. */
export interface HeadingLine {
  readonly level: number;
  readonly text: string;
}

/**
 * `## Title` (indented at most three spaces, an optional closing run of `#` after a space):
 * `/^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/`.
 */
export function headingLine(line: string): HeadingLine | undefined {
  const start = indentEnd(line);
  if (start < 0) return undefined;
  let i = start;
  while (line.charCodeAt(i) === HASH) i++;
  const level = i - start;
  if (level < 1 || level > 6) return undefined;
  const from = spacesEnd(line, i);
  if (from === i) return undefined;
  // The text ends before the trailing spaces, or before ` ##` and the spaces after it.
  let end = line.length;
  while (end > from && isSpace(line.charCodeAt(end - 1))) end--;
  let hashes = end;
  while (hashes > from && line.charCodeAt(hashes - 1) === HASH) hashes--;
  if (hashes < end) {
    let gap = hashes;
    while (gap > from && isSpace(line.charCodeAt(gap - 1))) gap--;
    if (gap < hashes) end = gap;
  }
  return isOneLine(line, from, end) ? { level, text: line.slice(from, end) } : undefined;
}

/**
 * The level of a setext heading underline (`===` gives 1, `---` gives 2): indented at most three
 * spaces, one run of `=` or `-`, then only spaces: `/^ {0,3}(=+|-+)\s*$/`. Undefined for any other line.
 */
export function setextLevel(line: string): 1 | 2 | undefined {
  const start = indentEnd(line);
  if (start < 0) return undefined;
  const mark = line.charCodeAt(start);
  if (mark !== EQUALS && mark !== HYPHEN) return undefined;
  let i = start;
  while (line.charCodeAt(i) === mark) i++;
  if (spacesEnd(line, i) !== line.length) return undefined;
  return mark === EQUALS ? 1 : 2;
}

/** A `Label: value` fact of a preamble. */
export interface FactEntry {
  readonly label: string;
  readonly value: string;
}

/** `Label: value`, a label of up to 41 letters, digits, `_` and spaces: `/^([A-Za-z][\w ]{0,40}?):\s*(.+)$/`. */
export function factEntry(text: string): FactEntry | undefined {
  if (!isAsciiLetter(text.charCodeAt(0))) return undefined;
  let i = 1;
  while (i <= 40 && (isWordChar(text.charCodeAt(i)) || text.charCodeAt(i) === SPACE)) i++;
  if (text.charCodeAt(i) !== COLON) return undefined;
  const value = valueAfterSpaces(text, i + 1, 0);
  return value === undefined ? undefined : { label: text.slice(0, i), value };
}

/**
 * What `\s{min,}(.+)$` captures from `from` on: the text after the spaces, or, when spaces run to
 * the end, the last of them (the spaces give one back to `.+`), or undefined.
 */
function valueAfterSpaces(text: string, from: number, min: number): string | undefined {
  const start = spacesEnd(text, from);
  if (start - from < min) return undefined;
  if (start < text.length) return isOneLine(text, start) ? text.slice(start) : undefined;
  if (start - from > min && !isLineTerminator(text.charCodeAt(start - 1))) return text.slice(start - 1);
  return undefined;
}

/** The line terminator that comes last in `text`, or -1. */
function lastLineTerminator(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) if (isLineTerminator(text.charCodeAt(i))) return i;
  return -1;
}

/** A five-whys step written `Why …? Because …`. */
export interface QuestionAndAnswer {
  readonly question: string;
  readonly answer: string;
}

/**
 * A question (1 to 300 characters, then `?`), then spaces, then its answer:
 * `/^(.{1,300}?\?)\s+(.+)$/` (the shortest such question).
 */
export function questionAndAnswer(text: string): QuestionAndAnswer | undefined {
  let lastBreak: number | undefined;
  for (let end = 1; end <= 301 && end <= text.length; end++) {
    const code = text.charCodeAt(end - 1);
    if (isLineTerminator(code)) return undefined;
    if (code !== QUESTION || end < 2) continue;
    const start = spacesEnd(text, end);
    if (start === end) continue;
    if (start < text.length) {
      lastBreak ??= lastLineTerminator(text);
      if (lastBreak < start) return { question: text.slice(0, end), answer: text.slice(start) };
      continue;
    }
    const answer = valueAfterSpaces(text, end, 1);
    if (answer !== undefined) return { question: text.slice(0, end), answer };
  }
  return undefined;
}
