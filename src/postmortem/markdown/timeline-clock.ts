import { fromWallClock } from '../../model/wall-clock.js';

/** Dates and times read from timeline rows and action-item cells. */

const DATE = /(\d{4})-(\d{2})-(\d{2})/;
const TIME = /(?:^|[^\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?(?![\d:])/i;

/** Epoch ms of a calendar date, or undefined when there is none (or it does not exist). */
export function dateOf(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) && ms >= 0 ? ms : undefined;
}

/**
 * Reads timeline rows' times: a date carries forward, a time alone past midnight rolls the day.
 * Rows before the first dated one are on `baseDay` (the document's date, or the timeline's first
 * date), so a timeline of times only does not read as 1 January 1970.
 */
export function timelineClock(timeZone: string, baseDay?: number) {
  let day: number | undefined = baseDay;
  let previous: number | undefined;
  return (text: string): number | undefined => {
    const date = dateOf(text);
    const time = TIME.exec(text);
    if (date === undefined && !time) return undefined;
    if (date !== undefined) day = date;
    const wall =
      (day ?? 0) +
      (time ? (Number(time[1]) * 60 + Number(time[2])) * 60_000 + Number(time[3] ?? 0) * 1000 : 0);
    const zone = time?.[4];
    let at: number;
    if (zone === undefined) at = fromWallClock(timeZone, wall);
    else if (/^(z|utc|gmt)$/i.test(zone)) at = wall;
    else {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.replace(/[+:-]/g, '');
      at = wall - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
    }
    // "23:50 … 00:10" without dates: the second row is on the next day.
    if (date === undefined && previous !== undefined && at < previous - 12 * 3_600_000) {
      at += 86_400_000;
      day = (day ?? 0) + 86_400_000;
    }
    if (at < 0) return undefined;
    previous = at;
    return at;
  };
}
