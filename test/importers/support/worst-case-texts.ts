/**
 * The worst-case texts of the importers' text paths, as functions of their length: what made the
 * regexes that used to sit there backtrack (`\s*` between two literals, `[^}]*` up to a key,
 * `\s+…$` tried from every space). Shared by the work-counting test and its V8 backtracking run (a child process).
 */

/** JSON text that does not parse, handed to export detection. */
export const DETECTION_TEXTS: readonly (readonly [string, (n: number) => string])[] = [
  // `"page": {` again and again with no `}` and no `"time_zone"`: `[^}]*` scanned to the end each time.
  ['page objects never closed', (n) => `{${'"page": {'.repeat(n / 9)}`],
  // A key, then a megabyte of spaces and no colon: `\s*:` backtracked over the run from every key.
  ['a key then spaces without a colon', (n) => `{"shortlink"${' '.repeat(n)}`],
  ['keys each followed by spaces', (n) => `{${'"tinyId"   '.repeat(n / 11)}`],
  ['"type": then spaces and no value', (n) => `{${'"type":    '.repeat(n / 11)}`],
  ['quotes only', (n) => `[${'"'.repeat(n)}`],
];

/** Cells holding a time, read by every importer. */
export const TIME_TEXTS: readonly (readonly [string, (n: number) => string])[] = [
  // Spaces, then something other than an offset: `\s+([+-]…)$` tried from every space.
  ['a time, spaces, then no offset', (n) => `2026-11-24T09:00:00${' '.repeat(n)}x`],
  // Spaces, then something other than UTC: `\s*(?:UTC|GMT)$` tried from every space.
  ['a time, spaces, then not UTC', (n) => `2026-11-24T09:00:00${' '.repeat(n)}UTCx`],
  ['spaces then an offset', (n) => `2026-11-24T09:00:00${' '.repeat(n)}+05:30`],
  ['a time then spaces and UTC', (n) => `2026-11-24T09:00:00${' '.repeat(n)} UTC`],
];
