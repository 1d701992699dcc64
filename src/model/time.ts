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

// Date-time with a mandatory offset; seconds and fractions optional.
const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}:?\d{2})$/;
const ISO_DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_LOCAL = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Parses a {@link TimeInput} into epoch ms, or says why it cannot. Shared by {@link toEpochMs}
 * and the zod schemas.
 *
 * @example
 * ```ts
 * import { checkTime } from 'incidentkit';
 * checkTime('2026-11-24T09:00'); // { ok: false, message: '… has no offset …' }
 * ```
 */
export function checkTime(value: unknown): { ok: true; ms: EpochMs } | { ok: false; message: string } {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, message: 'must be a finite number of epoch ms' };
    if (!Number.isInteger(value)) return { ok: false, message: 'epoch ms must be a whole number' };
    if (value < 0) return { ok: false, message: 'epoch ms must not be negative' };
    if (value > MAX_EPOCH_MS) return { ok: false, message: 'must not be after 9999-12-31T23:59:59.999Z' };
    return { ok: true, ms: value };
  }
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) return { ok: false, message: 'is an invalid Date' };
    return checkTime(ms);
  }
  if (typeof value === 'string') {
    const m = ISO_WITH_OFFSET.exec(value.trim());
    if (!m) {
      if (ISO_DATE_ONLY.test(value.trim()) || ISO_LOCAL.test(value.trim())) {
        return {
          ok: false,
          message: `"${truncate(value)}" has no offset; add Z or ±hh:mm (it is ambiguous)`,
        };
      }
      return { ok: false, message: `"${truncate(value)}" is not an ISO-8601 date-time with an offset` };
    }
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    const hour = Number(m[4]);
    const minute = Number(m[5]);
    const second = m[6] === undefined ? 0 : Number(m[6]);
    if (
      month < 1 ||
      month > 12 ||
      day < 1 ||
      day > daysInMonth(year, month) ||
      hour > 23 ||
      minute > 59 ||
      second > 59
    ) {
      return { ok: false, message: `"${truncate(value)}" is not a valid calendar date-time` };
    }
    const offset = m[8]!;
    if (offset !== 'Z' && offset !== 'z') {
      const oh = Number(offset.slice(1, 3));
      const om = Number(offset.slice(-2));
      if (oh > 23 || om > 59) return { ok: false, message: `"${truncate(value)}" has an invalid offset` };
    }
    const ms = Date.parse(value.trim().replace(' ', 'T').replace(/,/, '.'));
    if (Number.isNaN(ms)) return { ok: false, message: `"${truncate(value)}" is not a valid date-time` };
    // Sub-millisecond digits are dropped: the model is whole milliseconds.
    return checkTime(Math.floor(ms));
  }
  return { ok: false, message: 'must be a Date, an ISO-8601 string with offset, or epoch ms' };
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
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
  if (!result.ok) throw invalidInput(path, result.message);
  return result.ms;
}
