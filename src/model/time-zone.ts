import { invalidInput } from './errors.js';

// Zod-free, so metrics can check time zones without pulling zod into a bundle.

/** Longest name we look up: the longest IANA name is 32 characters; anything near 64 is not one. */
const MAX_TIME_ZONE_LENGTH = 64;

/**
 * The characters of IANA names (`America/Argentina/Buenos_Aires`, `Etc/GMT+5`), a letter first. This
 * rules out offsets such as `+05:00` (which newer runtimes' Intl accepts, but which are not zones and
 * have no daylight saving) and `__proto__`-style names before Intl is asked.
 */
const NAME = /^[A-Za-z][\w+/-]*$/;

// Names Intl accepted or refused, so a calculator that checks one zone per responder or per call
// asks Intl (tens of microseconds) once per name. A Map, never a plain object: a name such as
// `hasOwnProperty` must not find something on a prototype.
const known = new Map<string, boolean>();

/**
 * Whether `value` is a time zone the runtime knows by its IANA name (`Europe/Berlin`,
 * `America/New_York`, `Etc/GMT+5`), or `UTC`. Offsets (`+05:00`, `UTC+01`) and other strings are
 * not. Never throws.
 *
 * @example
 * ```ts
 * import { isTimeZone } from 'incidentkit';
 * isTimeZone('Europe/Berlin'); // true
 * isTimeZone('UTC'); // true
 * isTimeZone('UTC+99'); // false
 * isTimeZone('toString'); // false
 * ```
 */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_TIME_ZONE_LENGTH || !NAME.test(value)) return false;
  if (value === 'UTC') return true;
  let ok = known.get(value);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      ok = true;
    } catch {
      // A RangeError for a name the runtime does not know: not a zone.
      ok = false;
    }
    // Bounded: a caller feeding random names must not grow the cache without end.
    if (known.size >= 1_000) known.clear();
    known.set(value, ok);
  }
  return ok;
}

/**
 * Returns `value` when it is a time zone ({@link isTimeZone}); throws `INVALID_INPUT` naming `path`
 * otherwise. Every option called `timeZone` is checked with it, so all modules accept the same names.
 *
 * @param value - the time zone as the caller passed it
 * @param path - where it was passed, for the error (`options.timeZone`)
 * @returns the time zone, as given
 * @throws `INVALID_INPUT` naming `path` when it is not an IANA name or `UTC`
 *
 * @example
 * ```ts
 * import { checkTimeZone, isIncidentKitError } from 'incidentkit';
 * checkTimeZone('America/New_York', 'options.timeZone'); // 'America/New_York'
 * try {
 *   checkTimeZone('+25:00', 'options.timeZone');
 * } catch (error) {
 *   if (isIncidentKitError(error, 'INVALID_INPUT')) error.issues[0]?.path; // 'options.timeZone'
 * }
 * ```
 */
export function checkTimeZone(value: unknown, path: string): string {
  if (isTimeZone(value)) return value;
  throw invalidInput(path, 'must be an IANA time zone such as "Europe/Berlin", or "UTC"');
}
