import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromPagerDuty } from '../../src/importers/index.js';
import { MAX_EPOCH_MS } from '../../src/model/time.js';

// Times are read without Date.UTC on the fast path (a 10⁶-row import reads millions): the
// calendar arithmetic must agree with the platform's for every date-time an export may write.

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The creation time fromPagerDuty reads from `text`, or the skip reason. */
function read(text: string): number | string {
  const { incidents, skipped } = fromPagerDuty([{ id: 'Q1', created_at: text }]);
  return incidents[0]?.milestones.detectedAt ?? skipped[0]?.reason ?? 'nothing';
}

const dateTime = fc.record({
  year: fc.integer({ min: 1970, max: 9999 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 31 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.option(fc.integer({ min: 0, max: 59 })),
  fraction: fc.option(fc.stringMatching(/^[0-9]{1,9}$/)),
  separator: fc.constantFrom('T', 't', ' '),
  offset: fc.oneof(
    fc.constantFrom('Z', 'z'),
    fc.record({
      sign: fc.constantFrom('+', '-'),
      hours: fc.integer({ min: 0, max: 23 }),
      minutes: fc.integer({ min: 0, max: 59 }),
      colon: fc.boolean(),
    }),
  ),
});

describe('reading times', () => {
  it('reads every ISO-8601 date-time with an offset at the instant the platform gives it', () => {
    fc.assert(
      fc.property(dateTime, (t) => {
        const seconds =
          t.second === null ? '' : `:${pad(t.second)}${t.fraction === null ? '' : `.${t.fraction}`}`;
        const offset =
          typeof t.offset === 'string'
            ? t.offset
            : `${t.offset.sign}${pad(t.offset.hours)}${t.offset.colon ? ':' : ''}${pad(t.offset.minutes)}`;
        const text = `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}${t.separator}${pad(t.hour)}:${pad(t.minute)}${seconds}${offset}`;
        const millis =
          t.second === null || t.fraction === null ? 0 : Math.floor(Number(`0.${t.fraction}`) * 1000 + 1e-9);
        const local = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second ?? 0, millis);
        const realDay = new Date(Date.UTC(t.year, t.month - 1, t.day)).getUTCDate() === t.day;
        const shift =
          typeof t.offset === 'string'
            ? 0
            : (t.offset.sign === '-' ? -1 : 1) * (t.offset.hours * 60 + t.offset.minutes) * 60_000;
        const expected = local - shift;
        const got = read(text);
        if (!realDay || expected < 0 || expected > MAX_EPOCH_MS) expect(typeof got).toBe('string');
        else expect([text, got]).toEqual([text, expected]);
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses the edges of the range instead of going past them', () => {
    expect(read('9999-12-31T23:59:59.999Z')).toBe(MAX_EPOCH_MS);
    expect(read('9999-12-31T23:59:59.999-01:00')).toMatch(/is outside 1970-01-01T00:00:00Z … 9999/);
    expect(read('1970-01-01T00:00:00Z')).toBe(0);
    expect(read('1970-01-01T00:30:00+01:00')).toMatch(/is outside 1970-01-01T00:00:00Z … 9999/);
    expect(read('2024-02-29T12:00:00Z')).toBe(Date.UTC(2024, 1, 29, 12));
    expect(read('2100-02-29T12:00:00Z')).toMatch(/is not a valid calendar date-time/);
    expect(read('2026-11-24T09:00:60Z')).toMatch(/is not a valid calendar date-time/);
  });
});
