import { expect } from 'vitest';
import { isIncidentKitError } from '../../src/model/errors.js';
import { errorOf } from '../errors.js';

export { METRICS_T0, MS_DAY, MS_HOUR, MS_MINUTE, metricsIncident } from '../arbitraries/metrics.js';

/** Asserts `fn` throws INVALID_INPUT naming `path` (and, optionally, a message matching `message`). */
export function expectInvalid(fn: () => unknown, path: string, message?: RegExp): void {
  const error = errorOf(fn);
  expect(isIncidentKitError(error), String(error)).toBe(true);
  expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path }] });
  if (message) expect((error as Error).message).toMatch(message);
}
