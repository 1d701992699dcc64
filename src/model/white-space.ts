// White space by UTF-16 code unit, for the scanners that read text without a regex (escaping,
// Markdown, importers). Zod-free, so every folder may use it.

/**
 * Whether the code unit `code` is what JavaScript's `\s` matches and `trim()` removes: white space
 * or a line terminator (every code point `\s` matches is in the BMP, so one code unit decides).
 */
export function isSpace(code: number): boolean {
  // Printable ASCII and the C1 controls: the common case, one comparison.
  if (code > 0x20 && code < 0xa0) return false;
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
