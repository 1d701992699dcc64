import { type IncidentKitError, isIncidentKitError } from '../src/model/errors.js';

/**
 * Runs `fn`, which must throw an `IncidentKitError` (anything else fails the test, as would no
 * throw at all), and returns the error for further assertions.
 */
export function errorOf(fn: () => unknown): IncidentKitError {
  try {
    fn();
  } catch (error) {
    if (!isIncidentKitError(error)) throw error;
    return error;
  }
  throw new Error('expected an IncidentKitError, but nothing was thrown');
}
