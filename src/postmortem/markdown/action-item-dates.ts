/**
 * What an action item line says about its owner and due date, on top of the labels of
 * action-item-labels.ts (which give exactly what their old patterns gave): an owner's second word
 * counts only when it is capitalised and no label word (`owner: priya due 2026-12-15` is owned by
 * `priya`), and a due date may be written with an English month name (`Due: Dec 15, 2026`,
 * `by 3 Sept 2026`).
 */
import { dueLabel, type LabelMatch, ownerLabel } from './action-item-labels.js';
import { isAsciiLetter, isDigit, spacesEnd } from './chars.js';

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

const LABEL_WORDS = new Set(['due', 'by', 'deadline', 'eta']);

/** `owner: name` as ownerLabel reads it, without a second word that is lower-case or a label word. */
export function ownerOf(text: string): LabelMatch | undefined {
  const found = ownerLabel(text);
  if (!found) return undefined;
  const space = found.value.indexOf(' ');
  if (space < 0) return found;
  const second = found.value.slice(space + 1);
  const initial = second.charAt(0);
  if (initial !== initial.toLowerCase() && !LABEL_WORDS.has(second.toLowerCase())) return found;
  const cut = found.value.length - space;
  return { match: found.match.slice(0, found.match.length - cut), value: found.value.slice(0, space) };
}

/** The end of the run of ASCII letters at `at`. */
function lettersEnd(text: string, at: number): number {
  let i = at;
  while (isAsciiLetter(text.charCodeAt(i))) i++;
  return i;
}

/** The end of the run of digits at `at`. */
function digitsEnd(text: string, at: number): number {
  let i = at;
  while (isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** After a day's digits: an optional `st`/`nd`/`rd`/`th`. */
function ordinalEnd(text: string, at: number): number {
  const suffix = text.slice(at, at + 2).toLowerCase();
  return suffix === 'st' || suffix === 'nd' || suffix === 'rd' || suffix === 'th' ? at + 2 : at;
}

/** An optional `.`, an optional `,`, then at least one space: where the next part starts, or -1. */
function gapEnd(text: string, at: number, dot: boolean): number {
  let i = at;
  if (dot && text.charCodeAt(i) === 0x2e) i++;
  if (text.charCodeAt(i) === 0x2c) i++;
  let end = i;
  while (text.charCodeAt(end) === 0x20) end++;
  return end > i ? end : -1;
}

/**
 * The `YYYY-MM-DD` of a month-name date at `at` (`Dec 15, 2026`, `December 1st 2026`,
 * `Sept. 3, 2026`, `15 Dec 2026`) and where it ends; undefined when there is none.
 */
function monthDateAt(text: string, at: number): { iso: string; end: number } | undefined {
  let month: number | undefined;
  let day: string;
  let i: number;
  const letters = lettersEnd(text, at);
  if (letters > at) {
    month = MONTHS[text.slice(at, letters).toLowerCase()];
    i = gapEnd(text, letters, true);
    if (month === undefined || i < 0 || text.charCodeAt(i) === 0x2c) return undefined;
    const digits = digitsEnd(text, i);
    if (digits === i || digits - i > 2) return undefined;
    day = text.slice(i, digits);
    i = gapEnd(text, ordinalEnd(text, digits), false);
  } else {
    const digits = digitsEnd(text, at);
    if (digits === at || digits - at > 2) return undefined;
    day = text.slice(at, digits);
    const from = spacesEnd(text, ordinalEnd(text, digits));
    const word = lettersEnd(text, from);
    if (from === digits || word === from) return undefined;
    month = MONTHS[text.slice(from, word).toLowerCase()];
    i = gapEnd(text, word, true);
    if (month === undefined) return undefined;
  }
  if (i < 0) return undefined;
  const year = digitsEnd(text, i);
  if (year - i !== 4) return undefined;
  const iso = `${text.slice(i, year)}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;
  return { iso, end: year };
}

/**
 * `due 2026-12-01` as dueLabel reads it; else `due`, `due date`, `deadline`, `by` or `ETA` (an
 * optional `:` or `=`) before a month-name date, its value given as `YYYY-MM-DD`.
 */
export function dueOf(text: string): LabelMatch | undefined {
  const iso = dueLabel(text);
  if (iso) return iso;
  const word = /\b(?:due(?: date)?|deadline|by|eta)\b/giu;
  for (let m = word.exec(text); m !== null; m = word.exec(text)) {
    let start = spacesEnd(text, word.lastIndex);
    const c = text.charCodeAt(start);
    if (c === 0x3a || c === 0x3d) start = spacesEnd(text, start + 1);
    const date = monthDateAt(text, start);
    if (date) return { match: text.slice(m.index, date.end), value: date.iso };
  }
  return undefined;
}
