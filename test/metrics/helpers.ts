import { expect } from 'vitest';
import { isIncidentKitError } from '../../src/index.js';

export { METRICS_T0, MS_DAY, MS_HOUR, MS_MINUTE, metricsIncident } from '../arbitraries/metrics.js';

/** Runs `fn` and returns what it threw (fails when it does not throw). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** Asserts `fn` throws INVALID_INPUT naming `path` (and, optionally, a message matching `message`). */
export function expectInvalid(fn: () => unknown, path: string, message?: RegExp): void {
  const error = thrown(fn);
  expect(isIncidentKitError(error), String(error)).toBe(true);
  expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path }] });
  if (message) expect((error as Error).message).toMatch(message);
}
