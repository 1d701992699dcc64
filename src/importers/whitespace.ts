import { isSpace } from '../model/white-space.js';

// Blank and trimmed text without a regex: the characters JavaScript's `\s` and `trim` treat as
// white space, tested by code unit.

/** Whether `text` is empty or only white space (most cells start with a letter or digit: one test). */
export function isBlank(text: string): boolean {
  return text.length === 0 || (isSpace(text.charCodeAt(0)) && text.trim() === '');
}

/** `text` trimmed, or `undefined` when nothing is left; a string without white space at its ends is returned as it is. */
export function trimmedText(text: string): string | undefined {
  const n = text.length;
  if (n === 0) return undefined;
  if (!isSpace(text.charCodeAt(0)) && !isSpace(text.charCodeAt(n - 1))) return text;
  const t = text.trim();
  return t === '' ? undefined : t;
}
