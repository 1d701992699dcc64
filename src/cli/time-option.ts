import { checkTime } from '../model/time.js';
import { isTimeZone } from '../model/time-zone.js';
import { fromWallClock } from '../model/wall-clock.js';
import { usageError } from './cli-error.js';

/** Checks `--time-zone`. */
export function readTimeZoneOption(value: string | undefined): string {
  if (value === undefined) return 'UTC';
  if (!isTimeZone(value)) {
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
    return fromWallClock(timeZone, wall);
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
