import { isValidTimeZone } from '../internal/format-time.js';
import { checkTime } from '../model/time.js';
import { usageError } from './cli-error.js';

/** Minutes east of UTC of `timeZone` at the instant `at`. */
function offsetMinutes(timeZone: string, at: number): number {
  if (timeZone === 'UTC') return 0;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(at / 1000) * 1000) / 60_000);
}

/** The instant a local wall-clock time (as if it were UTC ms) has in `timeZone`. */
export function fromLocal(timeZone: string, wallMs: number): number {
  // Two passes settle the offset on either side of a daylight-saving change.
  let at = wallMs - offsetMinutes(timeZone, wallMs) * 60_000;
  at = wallMs - offsetMinutes(timeZone, at) * 60_000;
  return at;
}

/** Checks `--time-zone`. */
export function readTimeZoneOption(value: string | undefined): string {
  if (value === undefined) return 'UTC';
  if (!isValidTimeZone(value)) {
    throw usageError(
      '--time-zone',
      `"${value}" is not an IANA time zone; use a name such as Europe/Berlin or UTC`,
    );
  }
  return value;
}

/**
 * Reads a time given on the command line: an ISO-8601 time with an offset or `Z`, epoch ms, or a
 * calendar date (`2026-01-01`) or month (`2026-01`), which start at local midnight of `timeZone`.
 */
export function readTimeOption(
  value: string | undefined,
  name: string,
  timeZone: string,
): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const date = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
  if (date) {
    const [y, m, d = '1'] = [Number(date[1]), Number(date[2]), Number(date[3] ?? 1)];
    const wall = Date.UTC(y, m - 1, Number(d));
    const check = new Date(wall);
    if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== Number(d)) {
      throw usageError(`--${name}`, `"${value}" is not a calendar date`);
    }
    return fromLocal(timeZone, wall);
  }
  const result = checkTime(/^\d+$/.test(text) ? Number(text) : text);
  if (!result.ok) {
    throw usageError(
      `--${name}`,
      `"${value}" is not a time (${result.message}); use 2026-01-01, 2026-01 or 2026-01-01T00:00:00Z`,
    );
  }
  return result.ms;
}
