import type { AbortSignalLike } from '../adapters/index.js';
import type { Clock } from './clock.js';

/**
 * Options of `manager.run`.
 *
 * @example
 * ```ts
 * import type { RunOptions } from 'incidentkit/manager';
 * const controller = new AbortController();
 * const options: RunOptions = { signal: controller.signal, intervalMs: 15_000, onError: (e) => console.error(e) };
 * ```
 */
export interface RunOptions {
  /** Stops the loop: the current round finishes, no new one starts, the pending wait is cancelled. */
  readonly signal?: AbortSignalLike | undefined;
  /** Pause between rounds (default 10 s); reminders are due to the minute, deliveries retry in seconds. */
  readonly intervalMs?: number | undefined;
  /**
   * Called with an error a round threw (the database was unreachable, say); the loop goes on with
   * the next round. Without it, errors are dropped and the next round retries.
   */
  readonly onError?: (error: unknown) => void;
}

/**
 * What `run` resolves with once stopped.
 *
 * @example
 * ```ts
 * import type { RunSummary } from 'incidentkit/manager';
 * const summary: RunSummary = { rounds: 12, errors: 1 };
 * ```
 */
export interface RunSummary {
  /** Rounds completed. */
  readonly rounds: number;
  /** Rounds that threw. */
  readonly errors: number;
}

/** Waits `ms` on the clock's timer, or until `signal` aborts; never rejects. */
function pause(clock: Clock, ms: number, signal: AbortSignalLike | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    let timer: ReturnType<Clock['setTimeout']> | undefined;
    const done = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    const onAbort = () => {
      clock.clearTimeout(timer);
      done();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    timer = clock.setTimeout(done, ms);
  });
}

/**
 * The scheduler loop: a round (remind, then deliver, so a reminder goes out in the round that
 * made it), a pause on the clock's timer, again, until the signal aborts. Resolves once stopped.
 */
export async function runLoop(
  clock: Clock,
  round: (now: number) => Promise<void>,
  options: RunOptions,
): Promise<RunSummary> {
  const intervalMs = options.intervalMs ?? 10_000;
  let rounds = 0;
  let errors = 0;
  while (!options.signal?.aborted) {
    try {
      await round(clock.now());
    } catch (error) {
      errors++;
      options.onError?.(error);
    }
    rounds++;
    if (options.signal?.aborted) break;
    await pause(clock, intervalMs, options.signal);
  }
  return { rounds, errors };
}
