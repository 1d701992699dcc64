import { escapePlainText } from '../internal/escape.js';
import type { CliStreams } from './command.js';
import type { LoadedIncidents } from './load-incidents.js';

const n = (x: number) => x.toLocaleString('en-US');
const clean = (text: string) => escapePlainText(text).replace(/\s+/g, ' ').slice(0, 200);

/**
 * Prints what the import left out or could not read (to stderr: the figures on stdout stay clean):
 * the skipped rows (the first 10, each with its line and reason) and one line per warning.
 */
export function printImportSummary(loaded: LoadedIncidents, stderr: CliStreams['stderr']): void {
  const lines: string[] = [];
  if (loaded.skippedCount > 0) {
    const unit = loaded.csv ? 'line' : 'entry';
    lines.push(
      `incidentkit: skipped ${n(loaded.skippedCount)} of ${n(loaded.rows)} rows (not in the figures):`,
    );
    for (const s of loaded.skipped.slice(0, 10)) {
      lines.push(`  ${unit} ${s.row}${s.id ? ` (${clean(s.id)})` : ''}: ${clean(s.reason)}`);
    }
    if (loaded.skippedCount > 10) lines.push(`  … and ${n(loaded.skippedCount - 10)} more`);
  }
  for (const w of loaded.warnings.slice(0, 20)) {
    const rows = w.rows.slice(0, 3).join(', ');
    lines.push(
      `incidentkit: warning: ${clean(w.field)}: ${clean(w.message)} (${n(w.count)} row${w.count === 1 ? '' : 's'}${rows ? `, first ${rows}` : ''})`,
    );
  }
  if (lines.length > 0) stderr.write(`${lines.join('\n')}\n`);
}
