import { tzOffset } from '@date-fns/tz/tzOffset';

// Wall-clock arithmetic in a time zone, in one place for every module that reads or walks local
// times (metrics, importers, the review window, postmortem timelines, the CLI). A "wall" time is
// the zone's local date and time read as if it were UTC, so a calendar day is always 86,400,000 ms
// on it and getUTC* reads its fields. Offsets come from @date-fns/tz (the runtime's Intl data).
// Zod-free. Callers check the zone first (`checkTimeZone` / `isTimeZone`).

const DAY = 86_400_000;

/** The UTC offset of `zone` at instant `t`, in ms (historical offsets can have seconds). */
export function zoneOffsetMs(zone: string, t: number): number {
  return zone === 'UTC' ? 0 : Math.round(tzOffset(zone, new Date(t)) * 60_000);
}

/** What the clocks of `zone` show at instant `t`, as a wall time. */
export function toWallClock(zone: string, t: number): number {
  return t + zoneOffsetMs(zone, t);
}

/**
 * The instant at which the clocks of `zone` show `wall`. A time a daylight-saving change skips
 * moves forward by the gap (02:30 on a night that goes from 02:00 to 03:00 is 03:30); a time that
 * occurs twice takes the earlier instant — both as `Date` does.
 */
export function fromWallClock(zone: string, wall: number): number {
  if (zone === 'UTC') return wall;
  const before = zoneOffsetMs(zone, wall - DAY);
  const after = zoneOffsetMs(zone, wall + DAY);
  const early = wall - before;
  const late = wall - after;
  const earlyOk = zoneOffsetMs(zone, early) === before;
  const lateOk = zoneOffsetMs(zone, late) === after;
  if (earlyOk && lateOk) return Math.min(early, late);
  if (earlyOk) return early;
  if (lateOk) return late;
  return Math.max(early, late);
}
