/**
 * Human-readable times and durations for rendered messages and documents. Shared by `comms` and
 * `postmortem`; never re-exported.
 *
 * - {@link formatTimestamp}: `2026-11-24 09:00 UTC`; with a time zone, the wall-clock time there
 *   and the zone's short name as the runtime's `en-US` data gives it: an abbreviation where one is
 *   unambiguous in that data (`EST`, `PDT`, `GMT`), else the offset (`UTC+1`, `UTC+5:30`).
 * - {@link formatDate}: `2026-11-24` (UTC or the given zone).
 * - {@link formatDuration}: the two most significant adjacent units, `1 h 25 min`, `3 d 2 h`,
 *   `45 s` (rounded down: a duration never reads longer than it was).
 *
 * Offsets come from model/wall-clock.ts (`@date-fns/tz`'s `tzOffset`) and zone names from
 * `Intl.DateTimeFormat` (both read the runtime's `Intl` data; nothing ships a tz database). Only code paths given a `timeZone`
 * reach them.
 *
 * @module
 */
import { invalidInput } from '../model/errors.js';
import { MAX_EPOCH_MS } from '../model/time.js';
import { checkTimeZone } from '../model/time-zone.js';
import { zoneOffsetMs } from '../model/wall-clock.js';

/** Options of {@link formatTimestamp} and {@link formatDate}. */
export interface FormatTimeOptions {
  /** IANA time zone (`Europe/Berlin`); UTC when absent. */
  readonly timeZone?: string | undefined;
  /** Include seconds (`09:00:05`). Default false. */
  readonly seconds?: boolean | undefined;
}

/**
 * Throws `INVALID_INPUT` at `path` unless `timeZone` is undefined or a time zone the runtime knows
 * ({@link checkTimeZone}: `+05:00`, `UTC+99`, `__proto__` and 10,000-character names are refused).
 *
 * @example
 * ```ts
 * assertTimeZone('America/New_York', 'options.timeZone'); // ok
 * ```
 */
export function assertTimeZone(timeZone: unknown, path: string): asserts timeZone is string | undefined {
  if (timeZone === undefined) return;
  checkTimeZone(timeZone, path);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function checkMs(ms: number): void {
  // Past the end of year 9999 a calendar date has no four-digit year (and past ±8.64e15, none at all).
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_EPOCH_MS) {
    throw invalidInput('time', 'must be epoch ms from 0 to the end of year 9999');
  }
}

interface WallClock {
  readonly wall: Date;
  readonly zoneLabel: string;
}

function wallClock(ms: number, timeZone: string | undefined): WallClock {
  checkMs(ms);
  if (timeZone === undefined) return { wall: new Date(ms), zoneLabel: 'UTC' };
  assertTimeZone(timeZone, 'timeZone');
  const offset = zoneOffsetMs(timeZone, ms);
  return { wall: new Date(ms + offset), zoneLabel: zoneLabel(timeZone, new Date(ms), offset / 60_000) };
}

// Intl formatters are costly to build; a zone's name only changes with its offset (EST / EDT).
const labels = new Map<string, string>();

function zoneLabel(timeZone: string, instant: Date, offsetMinutes: number): string {
  const key = `${timeZone}|${offsetMinutes}`;
  let label = labels.get(key);
  if (label === undefined) {
    label = computeZoneLabel(timeZone, instant, offsetMinutes);
    if (labels.size < 1024) labels.set(key, label);
  }
  return label;
}

/** The zone's short name at `instant` in the runtime's `en-US` data: `EST`, `GMT+1`. */
function shortZoneName(timeZone: string, instant: Date): string | undefined {
  const parts = new Intl.DateTimeFormat('en-US', {
    hour: 'numeric',
    timeZone,
    timeZoneName: 'short',
  }).formatToParts(instant);
  return parts.find((part) => part.type === 'timeZoneName')?.value;
}

function computeZoneLabel(timeZone: string, instant: Date, offsetMinutes: number): string {
  try {
    const name = shortZoneName(timeZone, instant);
    if (name) return name.startsWith('GMT') && name.length > 3 ? `UTC${name.slice(3)}` : name;
  } catch {
    // Some runtimes reject offset-style zones in Intl's name formatting; the offset still reads well.
  }
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `UTC${sign}${Math.floor(abs / 60)}${abs % 60 === 0 ? '' : `:${pad(abs % 60)}`}`;
}

/**
 * Formats epoch ms as `YYYY-MM-DD HH:mm <zone>`: `2026-11-24 09:00 UTC`, or in `timeZone` with its
 * short name (`2026-11-24 04:00 EST`, `2026-11-24 10:00 UTC+1`). Throws `INVALID_INPUT` for an
 * unknown time zone.
 *
 * @example
 * ```ts
 * formatTimestamp(Date.UTC(2026, 10, 24, 9, 0)); // '2026-11-24 09:00 UTC'
 * formatTimestamp(Date.UTC(2026, 10, 24, 9, 0), { timeZone: 'America/New_York' }); // '2026-11-24 04:00 EST'
 * ```
 */
export function formatTimestamp(ms: number, options: FormatTimeOptions = {}): string {
  const { wall, zoneLabel: label } = wallClock(ms, options.timeZone);
  const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}${options.seconds ? `:${pad(wall.getUTCSeconds())}` : ''}`;
  return `${isoDate(wall)} ${time} ${label}`;
}

function isoDate(wall: Date): string {
  const year = wall.getUTCFullYear();
  const y = year >= 0 && year <= 9999 ? pad(year, 4) : String(year);
  return `${y}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
}

/**
 * Formats epoch ms as the calendar date `YYYY-MM-DD` in UTC or in `timeZone`.
 *
 * @example
 * ```ts
 * formatDate(Date.UTC(2026, 10, 24, 23, 30), { timeZone: 'Asia/Tokyo' }); // '2026-11-25'
 * ```
 */
export function formatDate(ms: number, options: FormatTimeOptions = {}): string {
  return isoDate(wallClock(ms, options.timeZone).wall);
}

const UNITS: readonly (readonly [string, number])[] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1_000],
];

/**
 * Formats a duration in ms with its two most significant adjacent units, rounded down:
 * `1 h 25 min`, `3 d 2 h`, `45 s`, `2 h` (a zero second unit is left out), `0 s` under a second.
 * Negative durations get a leading minus sign.
 *
 * @example
 * ```ts
 * formatDuration(85 * 60_000); // '1 h 25 min'
 * formatDuration(3 * 86_400_000 + 2 * 3_600_000 + 59_000); // '3 d 2 h'
 * ```
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw invalidInput('duration', 'must be a finite number of ms');
  const abs = Math.abs(ms);
  if (abs < 1_000) return '0 s';
  const sign = ms < 0 ? '-' : '';
  for (let i = 0; i < UNITS.length; i++) {
    const [unit, size] = UNITS[i]!;
    if (abs < size && i < UNITS.length - 1) continue;
    const major = Math.floor(abs / size);
    const next = UNITS[i + 1];
    const minor = next ? Math.floor((abs % size) / next[1]) : 0;
    return next && minor > 0 ? `${sign}${major} ${unit} ${minor} ${next[0]}` : `${sign}${major} ${unit}`;
  }
  return '0 s';
}
