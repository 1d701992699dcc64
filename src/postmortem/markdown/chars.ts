/**
 * Character tests the markdown scanners share. They stand in for the regular-expression classes the
 * scanners replace and match them exactly: `\s` (what `trim()` removes) and the line terminators
 * that `.` does not match.
 */

export { isSpace } from '../../model/white-space.js';

import { isSpace } from '../../model/white-space.js';

/** What `.` does not match without the `s` flag: line feed, carriage return, U+2028, U+2029. */
export function isLineTerminator(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;
}

/** The index after the run of `\s` characters that starts at `from` (`from` itself when there is none). */
export function spacesEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Whether `text[from, to)` holds no line terminator: what `.*` can cover. */
export function isOneLine(text: string, from: number, to = text.length): boolean {
  for (let i = from; i < to; i++) if (isLineTerminator(text.charCodeAt(i))) return false;
  return true;
}

/** `[0-9]`. */
export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** `[A-Za-z]`. */
export function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** `\w` without the `u` flag: `[A-Za-z0-9_]`. */
export function isWordChar(code: number): boolean {
  return isAsciiLetter(code) || isDigit(code) || code === 0x5f;
}
