import { invalidInput } from './errors.js';

/**
 * A point in time as callers may pass it: a `Date`, an ISO-8601 string with an offset or `Z`,
 * or integer epoch milliseconds (UTC). The model stores epoch milliseconds.
 *
 * @example
 * ```ts
 * import type { TimeInput } from 'incidentkit';
 * const at: TimeInput = '2026-11-24T09:30:00Z';
 * ```
 */
export type TimeInput = Date | string | number;

/** Epoch milliseconds (UTC), an integer from 0 to {@link MAX_EPOCH_MS}. */
export type EpochMs = number;

/**
 * The latest valid timestamp: 9999-12-31T23:59:59.999Z. Every timestamp incidentkit accepts, in the
 * model and the metrics alike, is an integer number of epoch ms from 0 (1970-01-01T00:00:00Z) to
 * this; anything later (up to the 8.64e15 a `Date` can hold) is `INVALID_INPUT`, so calendar
 * arithmetic a day or a month past any accepted time never leaves the range a `Date` can represent.
 *
 * @example
 * ```ts
 * import { MAX_EPOCH_MS } from 'incidentkit';
 * new Date(MAX_EPOCH_MS).toISOString(); // '9999-12-31T23:59:59.999Z'
 * ```
 */
export const MAX_EPOCH_MS = 253_402_300_799_999;

/** The longest time string read (surrounding whitespace included). */
const MAX_TIME_TEXT = 200;

// A date-time; the offset is checked apart, so a string without one gets its own message.
const ISO =
  /^(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d{1,9}))?)?(?:[Zz]|([+-])(\d\d):?(\d\d))?$/;

/**
 * Parses a {@link TimeInput} into epoch ms, or says why it cannot. Shared by {@link toEpochMs}
 * and the zod schemas. Never throws: a `Date` is recognised by its internal slot rather than by
 * `instanceof` or its own `getTime`, so a Proxy, a throwing getter or a Date subclass that
 * overrides `getTime` runs none of the caller's code here.
 *
 * @internal
 * @deprecated Not public API; will be removed in 1.0. Use {@link toEpochMs}, which throws
 * `INVALID_INPUT` with the same message.
 *
 * @example
 * ```ts
 * import { checkTime } from 'incidentkit';
 * checkTime('2026-11-24T09:00'); // { ok: false, message: '… has no offset …' }
 * ```
 */
export function checkTime(value: unknown): { ok: true; ms: EpochMs } | { ok: false; message: string } {
  const no = (message: string) => ({ ok: false as const, message });
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return no('must be a finite number of epoch ms');
    if (!Number.isInteger(value)) return no('epoch ms must be a whole number');
    if (value < 0) return no('epoch ms must not be negative');
    if (value > MAX_EPOCH_MS) return no('must not be after 9999-12-31T23:59:59.999Z');
    return { ok: true, ms: value };
  }
  if (typeof value === 'object' && value !== null) {
    const ms = dateValue(value);
    if (ms === undefined) return no('must be a Date, an ISO-8601 string with offset, or epoch ms');
    return Number.isNaN(ms) ? no('is an invalid Date') : checkTime(ms);
  }
  if (typeof value !== 'string') return no('must be a Date, an ISO-8601 string with offset, or epoch ms');
  // The longest date-time with nanoseconds and an offset has 35 characters: anything far longer is
  // refused before it is trimmed or matched (10 MB of spaces costs nothing).
  if (value.length > MAX_TIME_TEXT)
    return no(`"${value.slice(0, 40)}…" is not an ISO-8601 date-time with an offset`);
  const text = value.trim();
  const quoted = `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;
  const m = ISO.exec(text);
  const zoned = m && (m[8] || /[Zz]$/.test(text));
  if (!zoned) {
    return no(
      m || /^\d{4}-\d\d-\d\d$/.test(text)
        ? `${quoted} has no offset; add Z or ±hh:mm (it is ambiguous)`
        : `${quoted} is not an ISO-8601 date-time with an offset`,
    );
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((v) => Number(v ?? 0)) as number[];
  // Date.UTC rolls 2026-02-30 over into March: a different day back means no such date.
  const t = Date.UTC(year!, month! - 1, day, hour, minute, second);
  if (
    new Date(t).getUTCDate() !== day ||
    month! < 1 ||
    month! > 12 ||
    hour! > 23 ||
    minute! > 59 ||
    second! > 59
  ) {
    return no(`${quoted} is not a valid calendar date-time`);
  }
  const offset = m[8] ? (Number(m[9]) * 60 + Number(m[10])) * (m[8] === '-' ? -60_000 : 60_000) : 0;
  if (Number(m[9]) > 23 || Number(m[10]) > 59) return no(`${quoted} has an invalid offset`);
  // Sub-millisecond digits are dropped: the model is whole milliseconds. Years before 100 are
  // before 1970 anyway (Date.UTC would read them as 19xx).
  return year! < 100
    ? no('epoch ms must not be negative')
    : checkTime(t + Number(`${m[7] ?? ''}00`.slice(0, 3)) - offset);
}

// The time a real Date holds, read through its internal slot: `Date.prototype.getTime` throws a
// TypeError for anything else (a Proxy included) without running a trap, a getter or an override.
const getTime = Date.prototype.getTime;
function dateValue(value: object): number | undefined {
  try {
    return getTime.call(value);
  } catch {
    return undefined;
  }
}

/**
 * Normalises a {@link TimeInput} to epoch ms. Throws `INVALID_INPUT` naming `path` for an ISO string
 * without offset, an impossible calendar date (2026-02-30), NaN, a fraction, a negative number or a
 * time after {@link MAX_EPOCH_MS} (the end of year 9999).
 *
 * @example
 * ```ts
 * import { toEpochMs } from 'incidentkit';
 * toEpochMs('2026-11-24T10:00:00+01:00'); // 1795510800000
 * ```
 */
export function toEpochMs(value: TimeInput, path = 'time'): EpochMs {
  const result = checkTime(value);
  if (!result.ok) throw invalidInput(typeof path === 'string' ? path : 'time', result.message);
  return result.ms;
}
