/**
 * Fuzzes entry points in worker threads: a call that does not return within `stallMs`, or one
 * that aborts its thread (a fatal out-of-memory error cannot be caught in-process), is recorded as
 * a non-kit escape of that entry point with the input that caused it; the remaining entry points
 * go on in a fresh worker. Used by test/fuzz/fuzz.test.ts and `npm run fuzz`.
 */
import { Worker } from 'node:worker_threads';
import type { EntryReport } from './engine.js';

export interface PoolOptions {
  readonly inputs: number;
  readonly seed: number;
  /** No progress for this long is a hang (default 60 s: the corpus is bounded, linear work is far below it). */
  readonly stallMs?: number;
  /** How long a worker may take to boot before its first answer (default 300 s, at least `stallMs`). */
  readonly bootMs?: number;
  /** Heap of each worker; an input that needs more aborts the worker and is reported. */
  readonly heapMb?: number;
  readonly onReport?: (report: EntryReport) => void;
}

const WORKER = new URL('./worker-boot.mjs', import.meta.url);

function runWorker(
  names: readonly string[],
  options: PoolOptions,
): Promise<{ reports: EntryReport[]; done: string[]; failed?: EntryReport }> {
  return new Promise((resolve) => {
    const reports: EntryReport[] = [];
    const done: string[] = [];
    let current: { name: string; entry: string; shape: string; label: string; calls: number } | undefined;
    const worker = new Worker(WORKER, {
      workerData: { names, inputs: options.inputs, seed: options.seed },
      resourceLimits: { maxOldGenerationSizeMb: options.heapMb ?? 3072 },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const finish = (failure?: string) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      if (failure === undefined || current === undefined) {
        resolve({ reports, done });
        void worker.terminate();
        return;
      }
      const entry = current.entry;
      done.push(current.name);
      resolve({
        reports,
        done,
        failed: {
          entry,
          inputs: current.calls,
          nonKitErrors: 1,
          slowestMs: Number.POSITIVE_INFINITY,
          slowestInput: `${current.shape} ← ${current.label}`,
          escapes: [{ entry, shape: current.shape, input: current.label, problem: failure }],
        },
      });
      void worker.terminate();
    };
    let lastProgress = Date.now();
    let started = false;
    const stallMs = options.stallMs ?? 60_000;
    // Booting (the TypeScript loader compiling the whole library in the thread) is not a call: on a
    // loaded machine it can take longer than a stalled call may, and giving up on it would leave
    // every entry point unreported.
    const bootMs = Math.max(stallMs, options.bootMs ?? 300_000);
    const watchdog = setInterval(() => {
      const limit = started ? stallMs : bootMs;
      if (Date.now() - lastProgress > limit) finish(`hang: no answer in ${limit / 1000} s`);
    }, 1_000);
    worker.on(
      'message',
      (message: {
        type: string;
        name: string;
        entry: string;
        shape: string;
        label: string;
        report: EntryReport;
      }) => {
        lastProgress = Date.now();
        started = true;
        if (message.type === 'progress') {
          if (current?.name !== message.name)
            current = { name: message.name, entry: message.entry, shape: '', label: '', calls: 0 };
          current.shape = message.shape;
          current.label = message.label;
          current.calls++;
        } else if (message.type === 'report') {
          reports.push(message.report);
          done.push(message.name);
          options.onReport?.(message.report);
          current = undefined;
        } else if (message.type === 'done') finish();
      },
    );
    worker.on('error', (error) =>
      finish(`aborted the thread: ${error instanceof Error ? error.message : String(error)}`),
    );
    worker.on('exit', (code) => finish(code === 0 ? undefined : `the thread exited with code ${code}`));
  });
}

/** Fuzzes `names` (entry point names), every one of them, whatever happens to any one. */
export async function fuzzInWorkers(names: readonly string[], options: PoolOptions): Promise<EntryReport[]> {
  const all: EntryReport[] = [];
  let remaining = [...names];
  while (remaining.length > 0) {
    const { reports, done, failed } = await runWorker(remaining, options);
    all.push(...reports);
    if (failed) {
      all.push(failed);
      options.onReport?.(failed);
    }
    const finished = new Set(done);
    const next = remaining.filter((name) => !finished.has(name));
    if (next.length === remaining.length) break; // no progress at all: the worker cannot start
    remaining = next;
  }
  return all;
}
