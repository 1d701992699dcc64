/**
 * The TZ reruns (vitest.config.ts: tz-new-york, tz-sydney) only prove something if the zone is in
 * effect in the worker: the process's local time, Intl's default zone and Date's offsets all follow
 * it. This runs in each of those projects (and in the unit run, where it only checks that local
 * time and Intl agree).
 */
import { describe, expect, it } from 'vitest';

// UTC offsets (Date#getTimezoneOffset: minutes, positive west of Greenwich) in January and July.
const OFFSETS: Readonly<Record<string, readonly [january: number, july: number]>> = {
  'America/New_York': [300, 240],
  'Australia/Sydney': [-660, -600],
};
const JANUARY = Date.UTC(2026, 0, 15, 12);
const JULY = Date.UTC(2026, 6, 15, 12);
const expected = process.env.INCIDENTKIT_EXPECT_TZ;

describe('the time zone the tests run in', () => {
  // Only where a project names its zone: the unit run takes the machine's.
  if (expected !== undefined)
    it(`is ${expected} in this project, for Date and Intl alike`, () => {
      const offsets = OFFSETS[expected];
      expect(offsets, `known offsets for ${expected}`).toBeDefined();
      expect(process.env.TZ).toBe(expected);
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(expected);
      expect([new Date(JANUARY).getTimezoneOffset(), new Date(JULY).getTimezoneOffset()]).toEqual(offsets);
      // Local wall-clock fields follow the zone: noon UTC on 15 January is 07:00 in New York, 23:00 in Sydney.
      expect(new Date(JANUARY).getHours()).toBe((12 - offsets![0] / 60 + 24) % 24);
    });

  it('has local time and Intl agreeing on the offset', () => {
    const zoneName = Intl.DateTimeFormat().resolvedOptions().timeZone;
    for (const at of [JANUARY, JULY]) {
      const parts = new Intl.DateTimeFormat('en-US', {
        timeZone: zoneName,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      }).formatToParts(at);
      const field = (type: string) => Number(parts.find((p) => p.type === type)!.value);
      const local = new Date(at);
      expect([field('year'), field('month'), field('day'), field('hour'), field('minute')]).toEqual([
        local.getFullYear(),
        local.getMonth() + 1,
        local.getDate(),
        local.getHours(),
        local.getMinutes(),
      ]);
    }
  });
});
