import type { CliStreams } from './command.js';

/** Reports how far a long import has got, on stderr. */
export interface Progress {
  /** Called for every row (cheap: the clock is read once per 1024 rows). */
  update(rows: number, bytes: number): void;
  /** The import finished (or failed): clears the bar and prints the last line if any was shown. */
  done(rows: number): void;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** Name shown in each line (the file). */
  readonly label: string;
  /** Bytes in the whole input, for the percentage (undefined when unknown). */
  readonly totalBytes?: number | undefined;
  /** Rows before anything is shown. Default 10 000: short imports stay quiet. */
  readonly threshold?: number | undefined;
  /** Milliseconds between plain lines when stderr is not a terminal. Default 2000. */
  readonly intervalMs?: number | undefined;
  /** Milliseconds clock (default `performance.now`), replaceable in tests. */
  readonly now?: () => number;
  /** Print nothing. */
  readonly quiet?: boolean | undefined;
}

const number = (n: number) => n.toLocaleString('en-US');

/**
 * A progress reporter: a redrawn bar (`\r`) when stderr is a terminal, a plain line every couple of
 * seconds otherwise (logs of CI jobs keep every line), and nothing for the first `threshold` rows.
 */
export function createProgress(stderr: CliStreams['stderr'], options: ProgressOptions): Progress {
  const { label, totalBytes, threshold = 10_000, intervalMs = 2_000, quiet = false } = options;
  const now = options.now ?? (() => performance.now());
  const tty = stderr.isTTY === true;
  const started = now();
  let last = started;
  let shown = false;
  const percent = (bytes: number) =>
    totalBytes ? Math.min(100, Math.floor((bytes / totalBytes) * 100)) : undefined;
  const seconds = (t: number) => `${((t - started) / 1000).toFixed(1)} s`;
  return {
    update(rows, bytes) {
      if (quiet || rows < threshold || (rows & 1023) !== 0) return;
      const t = now();
      if (shown && t - last < (tty ? 100 : intervalMs)) return;
      last = t;
      const pct = percent(bytes);
      if (tty) {
        const width = Math.max(10, Math.min(30, (stderr.columns ?? 80) - 60));
        const filled = pct === undefined ? 0 : Math.round((pct / 100) * width);
        const bar = pct === undefined ? '' : `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${pct}%  `;
        stderr.write(`\r\x1b[K${label}  ${bar}${number(rows)} rows  ${seconds(t)}`);
      } else {
        stderr.write(
          `incidentkit: ${label}: ${number(rows)} rows read${pct === undefined ? '' : ` (${pct}%)`}\n`,
        );
      }
      shown = true;
    },
    done(rows) {
      if (!shown) return;
      if (tty) stderr.write('\r\x1b[K');
      stderr.write(`incidentkit: ${label}: ${number(rows)} rows read in ${seconds(now())}\n`);
    },
  };
}
