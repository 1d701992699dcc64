import { checkTimeZone } from '../../model/time-zone.js';
import { need, type Options, readList, readOptions } from './validate.js';

// Local-time helpers for the calculators that take a time zone (the wall-clock arithmetic itself is
// model/wall-clock.ts); only these calculators import this file, so `mttr` and friends carry no
// time-zone code.

export const DAY = 86_400_000;

/** Day of the week of a wall-clock day number (days since 1970-01-01, a Thursday): 0 = Sunday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * `YYYY-MM-DD` of a wall-clock day number. Built from the fields rather than `toISOString`, whose
 * `+010000-01-01` a zone east of UTC reaches on the last day of year 9999.
 */
export function dateLabel(day: number): string {
  const date = new Date(day * DAY);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}`;
}

/** An IANA time zone or `UTC`, checked the same way as in every module. */
export function readTimeZone(value: unknown, path: string): string {
  return checkTimeZone(value, path);
}

/** Minutes after midnight of an `HH:mm` time (`24:00` allowed as an end), or NaN. */
export function minutesOf(time: unknown): number {
  const match = typeof time === 'string' ? /^([01]\d|2[0-4]):([0-5]\d)$/.exec(time) : null;
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
}

/**
 * Working hours from `{ days?, start?, end? }` (and the `extra` keys, returned as they are): distinct
 * weekdays 0 (Sunday) … 6, sorted, Monday–Friday by default; `HH:mm` times, start before end.
 */
export function readWorkingHours(
  value: unknown,
  path: string,
  start: string,
  end: string,
  extra: string[] = [],
): Options & { days: number[]; start: string; end: string } {
  const o = readOptions(value, path, ['days', 'start', 'end', ...extra]);
  const { days: given = [1, 2, 3, 4, 5], start: from = start, end: to = end } = o;
  const days = readList(given, `${path}.days`, 100);
  need(
    days.length > 0 && days.every((d) => Number.isInteger(d) && (d as number) >= 0 && (d as number) <= 6),
    `${path}.days`,
    'weekdays 0 (Sunday) to 6',
  );
  need(minutesOf(from) < 1440, `${path}.start`, '"HH:mm"');
  need(minutesOf(to) > minutesOf(from) && minutesOf(to) <= 1440, `${path}.end`, '"HH:mm" after start');
  return {
    ...o,
    days: [...new Set(days as number[])].sort((a, b) => a - b),
    start: from as string,
    end: to as string,
  };
}
