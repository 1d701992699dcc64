// Blank and trimmed text without a regex: the characters JavaScript's `\s` and `trim` treat as
// white space, tested by code unit.

/** Whether the code unit `c` is white space or a line terminator (what `trim` removes). */
export function isSpace(c: number): boolean {
  if (c > 32 && c < 0xa0) return false;
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

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
