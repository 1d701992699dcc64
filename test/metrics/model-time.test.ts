import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_EPOCH_MS, toEpochMs } from '../../src/model/time.js';
import { checkTimeZone, isTimeZone } from '../../src/model/time-zone.js';
import { expectInvalid } from './helpers.js';

describe('the one timestamp range', () => {
  it('runs from 0 to the end of year 9999', () => {
    expect(MAX_EPOCH_MS).toBe(253402300799999);
    expect(toEpochMs(0)).toBe(0);
    expect(toEpochMs(MAX_EPOCH_MS)).toBe(MAX_EPOCH_MS);
    expect(toEpochMs('9999-12-31T23:59:59.999Z')).toBe(MAX_EPOCH_MS);
    expect(toEpochMs(new Date(MAX_EPOCH_MS))).toBe(MAX_EPOCH_MS);
  });

  it.each([
    ['one ms after year 9999', MAX_EPOCH_MS + 1, /9999/],
    ['the largest Date', 8.64e15, /9999/],
    ['1e308', 1e308, /9999/],
    ['-1e308', -1e308, /negative/],
    ['a Date after year 9999', new Date(MAX_EPOCH_MS + 1), /9999/],
    ['an ISO string in year 10000', '+010000-01-01T00:00:00Z', /ISO-8601/],
  ])('rejects %s', (_label, value, message) => {
    expectInvalid(() => toEpochMs(value as never, 'at'), 'at', message);
  });
});

describe('ISO parsing', () => {
  it('agrees with Date.parse on every ISO string with an offset in range, and rejects impossible fields', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 1970, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom('Z', '+01:00', '-05:30', '+14:00', '-12:00', '+0545'),
        (y, mo, d, hh, mi, ss, ms, offset) => {
          const text = `${y}-${two(mo)}-${two(d)}T${two(hh)}:${two(mi)}:${two(ss)}.${String(ms).padStart(3, '0')}${offset}`;
          const real = mo >= 1 && mo <= 12 && d >= 1 && hh < 24 && mi < 60 && ss < 60;
          const parsed = Date.parse(text.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
          // Date.parse rolls impossible days over; the real calendar has this day when it round-trips.
          const exists = real && new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d;
          let result: ReturnType<typeof toEpochMs> | undefined;
          try {
            result = toEpochMs(text);
          } catch {
            result = undefined;
          }
          const inRange = parsed >= 0 && parsed <= MAX_EPOCH_MS;
          expect(result).toBe(exists && inRange ? parsed : undefined);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('time zones', () => {
  it.each(['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Etc/GMT+5', 'Asia/Kolkata'])(
    'accepts the IANA name %s',
    (zone) => {
      expect(isTimeZone(zone)).toBe(true);
      expect(checkTimeZone(zone, 'options.timeZone')).toBe(zone);
    },
  );

  it.each([
    'Not/A_Zone+05',
    'UTC+99',
    '+25:00',
    '+05:00',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'constructor',
    '',
    ' UTC',
    'x'.repeat(10_000),
    'Europe/'.repeat(10),
  ])('rejects %j with INVALID_INPUT naming the field', (zone) => {
    expect(isTimeZone(zone)).toBe(false);
    expectInvalid(() => checkTimeZone(zone, 'options.timeZone'), 'options.timeZone', /IANA/);
  });

  it.each([undefined, null, 42, {}, ['UTC'], Symbol('UTC')])('rejects the non-string %s', (value) => {
    expect(isTimeZone(value)).toBe(false);
    expectInvalid(() => checkTimeZone(value, 'clock.timeZone'), 'clock.timeZone');
  });

  it('answers the same the second time (the cache holds refusals too)', () => {
    expect([isTimeZone('Mars/Olympus'), isTimeZone('Mars/Olympus')]).toEqual([false, false]);
    expect([isTimeZone('Europe/Paris'), isTimeZone('Europe/Paris')]).toEqual([true, true]);
  });
});
