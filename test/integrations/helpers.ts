import { type IncidentKitError, isIncidentKitError } from '../../src/model/errors.js';

/** Awaits `promise`, which must reject with an `IncidentKitError`, and returns the error. */
export async function rejectionOf(promise: Promise<unknown>): Promise<IncidentKitError> {
  try {
    await promise;
  } catch (error) {
    if (!isIncidentKitError(error)) throw error;
    return error;
  }
  throw new Error('expected an IncidentKitError, but the promise resolved');
}
