import { IncidentKitError, invalidInput, isIncidentKitError } from '../model/errors.js';

// Reading a caller's arguments in severity: every read that can run a getter or a Proxy trap goes
// through here, so what escapes is always an IncidentKitError.

/**
 * Runs a read of a caller's argument; a getter or trap that throws is `INVALID_INPUT` at `path`
 * with the thrown value as its `cause`. Our own errors pass through.
 */
export function guarded<T>(read: () => T, path: string): T {
  try {
    return read();
  } catch (cause) {
    if (isIncidentKitError(cause)) throw cause;
    throw unreadable(path, cause);
  }
}

/** The `INVALID_INPUT` for an argument whose reading threw `cause`. */
export function unreadable(path: string, cause: unknown): IncidentKitError<'INVALID_INPUT'> {
  const message = 'reading it threw';
  return new IncidentKitError('INVALID_INPUT', `${path || 'input'}: ${message}`, {
    issues: [{ path, message }],
    cause,
  });
}

/**
 * One field of an options argument, read exactly once: `undefined` when the options are
 * `undefined`; `INVALID_INPUT` at `path` when they are not an object (or are an array), or when
 * the read throws. Cheaper than a copy of the whole object on the paths that run per event.
 */
export function optionOf(options: unknown, key: string, path = 'options'): unknown {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null)
    throw invalidInput(path, 'expected an options object or nothing');
  // Inline rather than through `guarded`: no closure on the per-event paths.
  let value: unknown;
  try {
    if (Array.isArray(options)) throw invalidInput(path, 'expected an options object or nothing');
    value = (options as Record<string, unknown>)[key];
  } catch (cause) {
    if (isIncidentKitError(cause)) throw cause;
    throw unreadable(path, cause);
  }
  return value;
}
