import { describe, expect, it } from 'vitest';
import { isIncidentKitError } from '../../src/index.js';
import {
  assertTimeZone,
  formatDate,
  formatDuration,
  formatTimestamp,
} from '../../src/internal/format-time.js';
import { kitError } from './helpers.js';

const NOV_24_0900 = Date.UTC(2026, 10, 24, 9, 0);

describe('formatTimestamp', () => {
  it('writes UTC by default', () => {
    expect(formatTimestamp(NOV_24_0900)).toBe('2026-11-24 09:00 UTC');
    expect(formatTimestamp(NOV_24_0900 + 5_000, { seconds: true })).toBe('2026-11-24 09:00:05 UTC');
  });

  it('writes the wall-clock time and short zone name of a time zone', () => {
    expect(formatTimestamp(NOV_24_0900, { timeZone: 'America/New_York' })).toBe('2026-11-24 04:00 EST');
    expect(formatTimestamp(NOV_24_0900, { timeZone: 'Europe/Berlin' })).toBe('2026-11-24 10:00 UTC+1');
    expect(formatTimestamp(NOV_24_0900, { timeZone: 'Asia/Kolkata' })).toBe('2026-11-24 14:30 UTC+5:30');
    expect(formatTimestamp(NOV_24_0900, { timeZone: 'Europe/London' })).toBe('2026-11-24 09:00 GMT');
  });

  it('follows daylight saving time', () => {
    const july = Date.UTC(2026, 6, 1, 12);
    expect(formatTimestamp(july, { timeZone: 'America/New_York' })).toBe('2026-07-01 08:00 EDT');
    expect(formatTimestamp(july, { timeZone: 'Europe/Berlin' })).toBe('2026-07-01 14:00 UTC+2');
  });

  it('crosses the date line into the zone’s calendar day', () => {
    const late = Date.UTC(2026, 10, 24, 23, 30);
    expect(formatTimestamp(late, { timeZone: 'Asia/Tokyo' })).toBe('2026-11-25 08:30 UTC+9');
    expect(formatDate(late, { timeZone: 'Asia/Tokyo' })).toBe('2026-11-25');
    expect(formatDate(late)).toBe('2026-11-24');
  });

  it('rejects an unknown time zone with INVALID_INPUT', () => {
    expect(kitError(() => formatTimestamp(0, { timeZone: 'Mars/Olympus_Mons' })).code).toBe('INVALID_INPUT');
    const error = kitError(() => assertTimeZone(42, 'options.timeZone'));
    expect(error.issues[0]?.path).toBe('options.timeZone');
    expect(() => assertTimeZone(undefined, 'x')).not.toThrow();
  });

  it('rejects a non-finite time', () => {
    expect(isIncidentKitError(kitError(() => formatTimestamp(Number.NaN)))).toBe(true);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [999, '0 s'],
    [45_000, '45 s'],
    [60_000, '1 min'],
    [90_000, '1 min 30 s'],
    [85 * 60_000, '1 h 25 min'],
    [2 * 3_600_000, '2 h'],
    [3 * 86_400_000 + 2 * 3_600_000 + 59 * 60_000, '3 d 2 h'],
    [86_400_000 + 30 * 60_000, '1 d'],
    [40 * 86_400_000, '40 d'],
    [-90_000, '-1 min 30 s'],
  ])('formats %i ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('rounds down, so a duration never reads longer than it was', () => {
    expect(formatDuration(2 * 3_600_000 - 1)).toBe('1 h 59 min');
  });
});
