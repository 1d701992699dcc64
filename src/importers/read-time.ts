import { checkTime, MAX_EPOCH_MS } from '../model/time.js';
import { fromWallClock } from '../model/wall-clock.js';

// Export times as they come: ISO-8601 with `Z` or an offset (`-06:00`, `+0000`, a space before the
// offset, a trailing ` UTC`), epoch ms as a number, or a wall-clock time read in `options.timeZone`.

/** A time read from a cell: epoch ms, absent (blank, null), or unreadable with a reason. */
export type TimeRead = { readonly ms: number } | { readonly missing: true } | { readonly error: string };

const MISSING: TimeRead = { missing: true };
const WALL = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$/;
/** A whole offset `±HH:MM` or `±HHMM` (tested on the last 6 or 5 characters only). */
const OFFSET = /^[+-]\d{2}:?\d{2}$/;
const DAY = 86_400_000;

/** Days before the first of each month in a common year. */
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Leap days from year 0 up to and including `year` (proleptic Gregorian). */
const leapDaysThrough = (year: number) =>
  Math.floor(year / 4) - Math.floor(year / 100) + Math.floor(year / 400);
const LEAP_DAYS_BEFORE_1970 = leapDaysThrough(1969);

function num(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Set by {@link fastIso}: whether the time it read carried `Z` or an offset. */
let fastHadOffset = false;
/** Set by {@link fastIso} when it returns NaN for a time of its shape: why it could not be read. */
let fastProblem: 'calendar' | 'range' | undefined;

/**
 * The common export shapes, read without a regex, `Date.parse` or `Date.UTC` (a 10⁶-row import
 * reads millions of times): `YYYY-MM-DD[T ]HH:MM[:SS[.fff]]` then `Z`, `±HH:MM`, `±HHMM` or
 * nothing (a wall-clock time, see `fastHadOffset`). NaN for any other shape, an impossible date or
 * a time outside 1970 … 9999, which then takes the careful path.
 */
function fastIso(s: string): number {
  fastProblem = undefined;
  const len = s.length;
  if (len < 16 || len > 40 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58)
    return Number.NaN;
  const t = s.charCodeAt(10);
  if (t !== 84 && t !== 32 && t !== 116) return Number.NaN;
  const year = num(s, 0, 4);
  const month = num(s, 5, 2);
  const day = num(s, 8, 2);
  const hour = num(s, 11, 2);
  const minute = num(s, 14, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0) return Number.NaN;
  const leap = (year & 3) === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!) ||
    hour > 23 ||
    minute > 59
  ) {
    fastProblem = 'calendar';
    return Number.NaN;
  }
  let i = 16;
  let second = 0;
  let millis = 0;
  if (i < len && s.charCodeAt(i) === 58) {
    second = num(s, i + 1, 2);
    if (second < 0) return Number.NaN;
    if (second > 59) {
      fastProblem = 'calendar';
      return Number.NaN;
    }
    i += 3;
    const dot = s.charCodeAt(i);
    if (i < len && (dot === 46 || dot === 44)) {
      let scale = 100;
      let digits = 0;
      i++;
      for (; i < len; i++) {
        const d = s.charCodeAt(i) - 48;
        if (d < 0 || d > 9) break;
        if (scale >= 1) millis += d * scale;
        scale /= 10;
        digits++;
      }
      if (digits === 0 || digits > 9) return Number.NaN;
      millis = Math.floor(millis);
    }
  }
  let offset = 0;
  if (i === len) fastHadOffset = false;
  else {
    const c = s.charCodeAt(i);
    if ((c === 90 || c === 122) && i + 1 === len) fastHadOffset = true;
    else if (c === 43 || c === 45) {
      const oh = num(s, i + 1, 2);
      const colon = s.charCodeAt(i + 3) === 58 ? 1 : 0;
      const om = num(s, i + 3 + colon, 2);
      if (oh < 0 || oh > 23 || om < 0 || om > 59 || i + 5 + colon !== len) return Number.NaN;
      offset = (c === 45 ? -1 : 1) * (oh * 60 + om) * 60_000;
      fastHadOffset = true;
    } else return Number.NaN;
  }
  const days =
    (year - 1970) * 365 +
    (leapDaysThrough(year - 1) - LEAP_DAYS_BEFORE_1970) +
    DAYS_BEFORE_MONTH[month - 1]! +
    (month > 2 && leap ? 1 : 0) +
    day -
    1;
  const ms = days * DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis - offset;
  if (ms >= 0 && ms <= MAX_EPOCH_MS) return ms;
  fastProblem = 'range';
  return Number.NaN;
}

/**
 * `text` with a trailing ` UTC` / ` GMT` (any case, any spaces before it) turned into `Z`, and the
 * spaces before a trailing offset (`… -06:00`) removed: what `Date`-style exports write. Only the
 * end of the text is looked at, so this is linear whatever the text.
 */
function normaliseZone(text: string): string {
  const len = text.length;
  if (len >= 3) {
    const zone = text.slice(len - 3).toUpperCase();
    if (zone === 'UTC' || zone === 'GMT') return `${text.slice(0, len - 3).trimEnd()}Z`;
  }
  for (const width of [6, 5]) {
    if (len <= width) continue;
    const offset = text.slice(len - width);
    if (!OFFSET.test(offset)) continue;
    const before = text.slice(0, len - width);
    const trimmed = before.trimEnd();
    return trimmed.length < before.length ? `${trimmed}${offset}` : text;
  }
  return text;
}

function shown(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/** Reads one time value of an export. `timeZone` has been checked with `isTimeZone`. */
export function readTime(value: unknown, timeZone: string | undefined): TimeRead {
  if (value === undefined || value === null) return MISSING;
  if (typeof value === 'number') {
    const checked = checkTime(value);
    return checked.ok ? { ms: checked.ms } : { error: checked.message };
  }
  if (typeof value !== 'string')
    return { error: `expected a time, got ${Array.isArray(value) ? 'an array' : typeof value}` };
  const fast = fastIso(value);
  const problem = fastProblem;
  if (!Number.isNaN(fast)) {
    if (fastHadOffset) return { ms: fast };
    if (timeZone !== undefined) {
      const ms = fromWallClock(timeZone, fast);
      if (ms >= 0 && ms <= MAX_EPOCH_MS) return { ms };
    }
  }
  let text = value.trim();
  if (text === '') return MISSING;
  text = normaliseZone(text);
  const checked = checkTime(text);
  if (checked.ok) return { ms: checked.ms };
  const wall = WALL.exec(text);
  if (wall === null) {
    if (problem === 'calendar') return { error: `"${shown(value)}" is not a valid calendar date-time` };
    if (problem === 'range')
      return { error: `"${shown(value)}" is outside 1970-01-01T00:00:00Z … 9999-12-31T23:59:59.999Z` };
    return { error: `"${shown(value)}" is not an ISO-8601 date-time` };
  }
  if (timeZone === undefined) return { error: `"${shown(value)}" has no offset; pass timeZone to read it` };
  // Validate the calendar fields by reading them with an explicit Z.
  const utc = checkTime(`${text}Z`);
  if (!utc.ok) return { error: utc.message };
  const ms = fromWallClock(timeZone, utc.ms);
  if (ms < 0) return { error: `"${shown(value)}" is before 1970` };
  return ms <= MAX_EPOCH_MS ? { ms } : { error: `"${shown(value)}" is after 9999` };
}
