/**
 * The labels an action item line carries (`owner: carol`, `due 2026-12-01`), leftover empty
 * parentheses, and the words of a won't-fix status. Each was one regular expression that a ReDoS
 * analyser scored as ambiguous (optional separators between runs of spaces, `l+` before `ed`);
 * here a small pattern finds where a label may start and a forward scan reads the rest, with the
 * same matches as before (test/postmortem/markdown-scanners.test.ts compares them).
 */

import { lazyRegExp } from '../../model/lazy.js';
import { isDigit, spacesEnd } from './chars.js';

const NAME = lazyRegExp('[\\p{L}\\p{N}_.-]+', 'iuy');
const SURNAME = lazyRegExp(' [\\p{Lu}][\\p{L}.-]+', 'iuy');

/** A label found in a line: the whole text it covered, and its value. */
export interface LabelMatch {
  readonly match: string;
  readonly value: string;
}

const COLON = 0x3a;
const EQUALS = 0x3d;
const AT = 0x40;
const HYPHEN = 0x2d;

/** After a label word: `\s*[:=]?\s*`, where the value starts. */
function separatorEnd(text: string, from: number): number {
  const i = spacesEnd(text, from);
  const c = text.charCodeAt(i);
  return c === COLON || c === EQUALS ? spacesEnd(text, i + 1) : i;
}

/**
 * `owner: carol`, `assignee @dana`, `assigned to Ana Lima`, `DRI=bo` (case-insensitive): what
 * `/\b(?:owner|assignee|assigned to|dri)\s*[:=]?\s*@?([\p{L}\p{N}_.-]+(?: [\p{Lu}][\p{L}.-]+)?)/iu`
 * matched first. The value is a name, optionally followed by one capitalised word (under `i`,
 * `\p{Lu}` matches any cased letter, as it did).
 */
export function ownerLabel(text: string): LabelMatch | undefined {
  const word = /\b(?:owner|assignee|assigned to|dri)/giu;
  const name = NAME();
  const surname = SURNAME();
  for (let m = word.exec(text); m !== null; m = word.exec(text)) {
    let start = separatorEnd(text, word.lastIndex);
    if (text.charCodeAt(start) === AT) start++;
    name.lastIndex = start;
    if (name.test(text)) {
      surname.lastIndex = name.lastIndex;
      const end = surname.test(text) ? surname.lastIndex : name.lastIndex;
      return { match: text.slice(m.index, end), value: text.slice(start, end) };
    }
    word.lastIndex = m.index + 1;
  }
  return undefined;
}

/** Whether `text` has `\d{4}-\d{2}-\d{2}` at `at`. */
function isIsoDateAt(text: string, at: number): boolean {
  for (let k = 0; k < 10; k++) {
    const c = text.charCodeAt(at + k);
    if (k === 4 || k === 7 ? c !== HYPHEN : !isDigit(c)) return false;
  }
  return true;
}

/**
 * `due 2026-12-01`, `due date: …`, `deadline …`, `by …`, `ETA=…` (case-insensitive): what
 * `/\b(?:due(?: date)?|deadline|by|eta)\s*[:=]?\s*(\d{4}-\d{2}-\d{2})/i` matched first.
 */
export function dueLabel(text: string): LabelMatch | undefined {
  const word = /\b(?:due|deadline|by|eta)/gi;
  const date = / date/iy;
  for (let m = word.exec(text); m !== null; m = word.exec(text)) {
    const ends = [word.lastIndex];
    if (m[0].length === 3 && (m[0][0] === 'd' || m[0][0] === 'D')) {
      date.lastIndex = word.lastIndex;
      if (date.test(text)) ends.unshift(date.lastIndex);
    }
    for (const end of ends) {
      const start = separatorEnd(text, end);
      if (isIsoDateAt(text, start))
        return { match: text.slice(m.index, start + 10), value: text.slice(start, start + 10) };
    }
    word.lastIndex = m.index + 1;
  }
  return undefined;
}

/** The text without empty parentheses, `()`, `( , )`, `(;)`: what `/\(\s*[,;]?\s*\)/g` removed. */
export function withoutEmptyParens(text: string): string {
  let out = '';
  let copied = 0;
  let i = text.indexOf('(');
  while (i >= 0) {
    let close = spacesEnd(text, i + 1);
    const c = text.charCodeAt(close);
    if (c === 0x2c || c === 0x3b) close = spacesEnd(text, close + 1);
    let next = i + 1;
    if (text.charCodeAt(close) === 0x29) {
      out += text.slice(copied, i);
      copied = close + 1;
      next = close + 1;
    }
    i = text.indexOf('(', next);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

const WONT_FIX_WORDS = /won't fix|won'tfix|wont fix|wontfix|declined|dropped|not doing/;

/** `cancel+ed` (`canceled`, `cancelled`). */
function hasCancelled(text: string): boolean {
  for (let i = text.indexOf('cancel'); i >= 0; ) {
    let end = i + 6;
    while (text.charCodeAt(end) === 0x6c) end++;
    if (text.startsWith('ed', end)) return true;
    i = text.indexOf('cancel', end);
  }
  return false;
}

/**
 * Whether a lower-case status says the item will not be done: what
 * `/won'?t ?fix|wontfix|cancel+ed|declined|dropped|not doing/` matched.
 */
export function isWontFixStatus(text: string): boolean {
  return WONT_FIX_WORDS.test(text) || hasCancelled(text);
}
