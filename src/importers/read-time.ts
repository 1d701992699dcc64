import { tzOffset } from '@date-fns/tz/tzOffset';
import { checkTime } from '../model/time.js';

// Export times as they come: ISO-8601 with `Z` or an offset (`-06:00`, `+0000`, a space before the
// offset, a trailing ` UTC`), epoch ms as a number, or a wall-clock time read in `options.timeZone`.

/** A time read from a cell: epoch ms, absent (blank, null), or unreadable with a reason. */
export type TimeRead = { readonly ms: number } | { readonly missing: true } | { readonly error: string };

const MISSING: TimeRead = { missing: true };
const WALL = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$/;
const SPACED_OFFSET = /\s+([+-]\d{2}:?\d{2})$/;
const UTC_SUFFIX = /\s*(?:UTC|GMT)$/i;
const DAY = 86_400_000;

/** The IANA names (and `UTC`) tzOffset can answer for; a letter first keeps offsets and odd keys out. */
const ZONE_NAME = /^[A-Za-z][\w+/-]{0,63}$/;

/** Whether `zone` is a time zone the runtime knows. */
export function isKnownTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || !ZONE_NAME.test(zone)) return false;
  if (zone === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function offsetMs(zone: string, t: number): number {
  return zone === 'UTC' ? 0 : Math.round(tzOffset(zone, new Date(t)) * 60_000);
}

/**
 * The instant the clocks of `zone` show `wall` (a local time read as if UTC). A time a DST change
 * skips moves forward by the gap; a time that occurs twice takes the earlier instant.
 */
function fromWall(zone: string, wall: number): number {
  if (zone === 'UTC') return wall;
  const before = offsetMs(zone, wall - DAY);
  const after = offsetMs(zone, wall + DAY);
  const early = wall - before;
  const late = wall - after;
  const earlyOk = offsetMs(zone, early) === before;
  const lateOk = offsetMs(zone, late) === after;
  if (earlyOk && lateOk) return Math.min(early, late);
  if (earlyOk) return early;
  if (lateOk) return late;
  return Math.max(early, late);
}

function shown(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/** Reads one time value of an export. `timeZone` has been checked with {@link isKnownTimeZone}. */
export function readTime(value: unknown, timeZone: string | undefined): TimeRead {
  if (value === undefined || value === null) return MISSING;
  if (typeof value === 'number') {
    const checked = checkTime(value);
    return checked.ok ? { ms: checked.ms } : { error: checked.message };
  }
  if (typeof value !== 'string')
    return { error: `expected a time, got ${Array.isArray(value) ? 'an array' : typeof value}` };
  let text = value.trim();
  if (text === '') return MISSING;
  text = text.replace(UTC_SUFFIX, 'Z').replace(SPACED_OFFSET, '$1');
  const checked = checkTime(text);
  if (checked.ok) return { ms: checked.ms };
  const wall = WALL.exec(text);
  if (wall === null) return { error: `"${shown(value)}" is not an ISO-8601 date-time` };
  if (timeZone === undefined) return { error: `"${shown(value)}" has no offset; pass timeZone to read it` };
  // Validate the calendar fields by reading them with an explicit Z.
  const utc = checkTime(`${text}Z`);
  if (!utc.ok) return { error: utc.message };
  const ms = fromWall(timeZone, utc.ms);
  return ms >= 0 ? { ms } : { error: `"${shown(value)}" is before 1970` };
}
