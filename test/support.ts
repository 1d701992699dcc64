/**
 * The one test-support module: the fixed clock every suite uses, walking an incident through
 * events, and the helpers that assert an IncidentKitError was thrown (or a promise rejected with
 * one). Folder helpers re-export from here instead of keeping their own copies.
 */
import { applyEvent, type DecideOptions } from '../src/lifecycle/index.js';
import {
  type Incident,
  type IncidentEventInput,
  type IncidentKitError,
  isIncidentKitError,
} from '../src/model/index.js';

export { errorOf } from './errors.js';

/** 2026-11-24T09:00:00Z, a Tuesday: the fixed clock of the suites. */
export const T0 = Date.UTC(2026, 10, 24, 9);
export const MINUTE = 60_000;
/** `n` minutes after {@link T0}. */
export const min = (n: number) => T0 + n * MINUTE;

/** Applies events in order (throws on the first rejection). */
export function walk(incident: Incident, events: IncidentEventInput[], options?: DecideOptions): Incident {
  return events.reduce((current, event) => applyEvent(current, event, options), incident);
}

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
