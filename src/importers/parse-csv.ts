// csv-parse's browser ESM build: `csv-parse/sync` (its Node entry) uses the Node global `Buffer`,
// which browsers and edge workers lack; the browser build carries its own and imports nothing.
import { parse } from 'csv-parse/browser/esm/sync';
import { invalidInput } from '../model/errors.js';

/** One CSV row keyed by the header's column names (a null-prototype object: `__proto__` is only a name). */
export type CsvRow = Record<string, string>;

/**
 * The longest first line (the header) CSV text may have: a real header is a few hundred
 * characters; anything longer is not an export, and is refused before the parser reads it.
 */
const CSV_HEADER_MAX = 65_536;

function newlines(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) {
    if (!field.includes('\n')) continue;
    for (let i = 0; i < field.length; i++) if (field.charCodeAt(i) === 10) count++;
  }
  return count;
}

/** Where the first line ends (the first `\n` or `\r`), or the text's length. */
function firstLineEnd(text: string): number {
  const n = text.indexOf('\n');
  const r = text.indexOf('\r');
  if (n < 0) return r < 0 ? text.length : r;
  return r < 0 ? n : Math.min(n, r);
}

/**
 * Parses CSV text: the first record is the header (`onHeader` sees it before any row, and may
 * throw to refuse the text); each later record becomes a {@link CsvRow} with the line it starts
 * on, handed to `onRow` as soon as it is parsed (nothing accumulates). A record the parser cannot
 * read (a wrong number of fields, a stray quote) goes to `onSkip` with its line, and parsing goes
 * on. Text whose first line is longer than {@link CSV_HEADER_MAX} is `INVALID_INPUT`.
 */
export function parseCsvText(
  text: string,
  onRow: (row: CsvRow, line: number) => void,
  onSkip: (line: number, reason: string) => void,
  onHeader: (header: readonly string[]) => void = () => {},
  delimiter = ',',
): readonly string[] {
  if (typeof text !== 'string') throw invalidInput('input', 'expected CSV text');
  // The parser guesses the line break character by character until it meets one; a first line
  // of megabytes would cost seconds before anything could be said about it.
  const end = firstLineEnd(text);
  if (end > CSV_HEADER_MAX)
    throw invalidInput(
      'input',
      `is not CSV with a header: its first line is longer than ${CSV_HEADER_MAX} characters`,
    );
  // A first line without quotes is the header exactly as the parser will read it: checked now,
  // a text the caller cannot use is refused before the whole of it is converted and parsed.
  const first = text.slice(text.charCodeAt(0) === 0xfeff ? 1 : 0, end);
  let headerSeen = false;
  if (first !== '' && !first.includes('"')) {
    onHeader(first.split(delimiter).map((name) => name.trim()));
    headerSeen = true;
  }
  let header: string[] | undefined;
  // What our own callbacks threw (a refused header, a bug): rethrown as it is, never relabelled.
  let thrown: { readonly error: unknown } | undefined;
  try {
    parse(text, {
      bom: true,
      delimiter,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error: { message?: string | undefined; lines?: number | undefined } | undefined) => {
        const message = error?.message ?? 'unreadable record';
        onSkip(typeof error?.lines === 'number' ? error.lines : 0, `unreadable CSV: ${message}`);
        return undefined;
      },
      on_record: (record: string[], context: { readonly lines: number }) => {
        try {
          if (header === undefined) {
            header = record.map((name) => name.trim());
            if (!headerSeen) onHeader(header);
          } else {
            const row: CsvRow = Object.create(null);
            for (let c = 0; c < header.length; c++) row[header[c]!] = record[c] ?? '';
            onRow(row, context.lines - newlines(record));
          }
        } catch (error) {
          thrown = { error };
          throw error;
        }
        // Nothing is kept: the sync parser would otherwise hold every record until the end.
        return null;
      },
    });
  } catch (error) {
    if (thrown !== undefined) throw thrown.error;
    // Option errors and the like: the whole text cannot be read.
    const message = error instanceof Error ? error.message : 'unreadable';
    throw invalidInput('input', `is not readable CSV: ${message.slice(0, 160)}`);
  }
  return header ?? [];
}
