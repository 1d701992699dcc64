// csv-parse's browser ESM build: `csv-parse/sync` (its Node entry) uses the Node global `Buffer`,
// which browsers and edge workers lack; the browser build carries its own and imports nothing.
import { parse } from 'csv-parse/browser/esm/sync';
import { invalidInput } from '../model/errors.js';

/** One CSV row keyed by the header's column names (a null-prototype object: `__proto__` is only a name). */
export type CsvRow = Record<string, string>;

interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

function newlines(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) {
    if (!field.includes('\n')) continue;
    for (let i = 0; i < field.length; i++) if (field.charCodeAt(i) === 10) count++;
  }
  return count;
}

/**
 * Parses CSV text: the first record is the header; each later record becomes a {@link CsvRow} with
 * the line it starts on. A record the parser cannot read (a wrong number of fields, a stray quote)
 * goes to `onSkip` with its line, and parsing goes on.
 */
export function parseCsvText(
  text: string,
  onRow: (row: CsvRow, line: number) => void,
  onSkip: (line: number, reason: string) => void,
  onHeader: (header: readonly string[]) => void = () => {},
  delimiter = ',',
): readonly string[] {
  if (typeof text !== 'string') throw invalidInput('input', 'expected CSV text');
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error: { message?: string | undefined; lines?: number | undefined } | undefined) => {
        const message = error?.message ?? 'unreadable record';
        onSkip(typeof error?.lines === 'number' ? error.lines : 0, `unreadable CSV: ${message}`);
        return undefined;
      },
    }) as unknown as ParsedRecord[];
  } catch (error) {
    // Option errors and the like: the whole text cannot be read.
    const message = error instanceof Error ? error.message : 'unreadable';
    throw invalidInput('input', `is not readable CSV: ${message.slice(0, 160)}`);
  }
  const first = records[0];
  if (first === undefined) return [];
  const header = first.record.map((name) => name.trim());
  onHeader(header);
  for (let r = 1; r < records.length; r++) {
    const { record, info } = records[r]!;
    const row: CsvRow = Object.create(null);
    for (let c = 0; c < header.length; c++) row[header[c]!] = record[c] ?? '';
    onRow(row, info.lines - newlines(record));
  }
  return header;
}
