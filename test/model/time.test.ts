import { describe, expect, it } from 'vitest';
import { isIncidentKitError, toEpochMs } from '../../src/index.js';
import { errorOf } from '../errors.js';

describe('toEpochMs', () => {
  it('accepts Date, ISO with Z or offset, and epoch ms', () => {
    expect(toEpochMs('2026-11-24T09:00:00Z')).toBe(Date.UTC(2026, 10, 24, 9));
    expect(toEpochMs('2026-11-24T10:00:00+01:00')).toBe(Date.UTC(2026, 10, 24, 9));
    expect(toEpochMs('2026-11-24T04:00-05:00')).toBe(Date.UTC(2026, 10, 24, 9));
    expect(toEpochMs(new Date(Date.UTC(2026, 10, 24, 9)))).toBe(Date.UTC(2026, 10, 24, 9));
    expect(toEpochMs(0)).toBe(0);
    expect(toEpochMs('2026-11-24T09:00:00.123456Z')).toBe(Date.UTC(2026, 10, 24, 9) + 123);
  });

  it.each([
    ['an ISO string without offset', '2026-11-24T09:00:00', /no offset/],
    ['a date without time', '2026-11-24', /no offset/],
    ['an impossible calendar date', '2026-02-30T00:00:00Z', /not a valid calendar/],
    ['a non-leap Feb 29', '2026-02-29T00:00:00Z', /not a valid calendar/],
    ['NaN', Number.NaN, /finite/],
    ['Infinity', Number.POSITIVE_INFINITY, /finite/],
    ['a fraction', 1.5, /whole/],
    ['a negative number', -1, /negative/],
    ['an invalid Date', new Date('nope'), /invalid Date/],
    ['garbage', 'yesterday', /ISO-8601/],
  ])('rejects %s with INVALID_INPUT naming the path', (_label, value, message) => {
    const error = errorOf(() => toEpochMs(value as never, 'event.at'));
    expect(isIncidentKitError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'event.at' }] });
    expect((error as Error).message).toMatch(message);
  });

  it('accepts Feb 29 in a leap year', () => {
    expect(toEpochMs('2028-02-29T00:00:00Z')).toBe(Date.UTC(2028, 1, 29));
  });
});
