import { fromWallClock, toWallClock } from '../../model/wall-clock.js';
import type { BusinessHoursClock } from '../duration-metric.js';
import { DAY, minutesOf, readTimeZone, readWorkingHours, weekday } from './local-time.js';
import { need } from './validate.js';

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Checks and normalises a business-hours clock (days sorted, defaults filled in). */
export function readBusinessHours(value: unknown, path: string): BusinessHoursClock {
  const { timeZone, days, start, end } = readWorkingHours(value, path, '09:00', '17:00', ['timeZone']);
  return { timeZone: readTimeZone(timeZone, `${path}.timeZone`), days, start, end };
}

/** `business(Europe/Berlin,Mon+Tue+Wed+Thu+Fri,09:00-17:00)`. */
export function businessHoursStamp(clock: BusinessHoursClock): string {
  return `business(${clock.timeZone},${clock.days.map((d) => WEEKDAY_NAMES[d]).join('+')},${clock.start}-${clock.end})`;
}

/**
 * The clock function: milliseconds between two instants that fall inside working hours (negative
 * when `to` is before `from`). Working windows are computed once per local day and cached.
 */
export function businessClock(clock: BusinessHoursClock): (from: number, to: number) => number {
  const zone = clock.timeZone;
  const windows = new Map<number, readonly number[]>();
  const measure = (from: number, to: number): number => {
    // 0 − x rather than −x: a zero duration stays +0.
    if (to < from) return 0 - measure(to, from);
    const last = Math.floor(toWallClock(zone, to) / DAY);
    let day = Math.floor(toWallClock(zone, from) / DAY);
    need(last - day < 36_600, 'clock', 'a span under 100 years');
    let total = 0;
    for (; day <= last; day++) {
      let window = windows.get(day);
      if (!window) {
        window = clock.days.includes(weekday(day))
          ? [clock.start, clock.end].map((time) => fromWallClock(zone, day * DAY + minutesOf(time) * 60_000))
          : [];
        windows.set(day, window);
      }
      const [open, close] = window;
      if (open !== undefined) total += Math.max(0, Math.min(to, close!) - Math.max(from, open));
    }
    return total;
  };
  return measure;
}
