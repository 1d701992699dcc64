import type { TimeInput } from '../model/time.js';
import { toWallClock } from '../model/wall-clock.js';
import { DAY, minutesOf, readTimeZone, readWorkingHours, weekday } from './engine/local-time.js';
import {
  fail,
  guarded,
  isObject,
  MAX_LIST,
  need,
  type Options,
  ratio,
  readIncidents,
  readNow,
  readNumber,
  readOptions,
  readTime,
} from './engine/validate.js';

/**
 * One page (an interruption): who was paged and when.
 *
 * @example
 * ```ts
 * import type { OnCallPage } from 'incidentkit/metrics';
 * const page: OnCallPage = { responder: 'alice', at: '2026-11-24T03:12:00Z', incidentId: 'INC-42' };
 * ```
 */
export interface OnCallPage {
  responder: string;
  at: TimeInput;
  incidentId?: string | undefined;
}

/**
 * Working hours: `days` (0 = Sunday … 6; Monday–Friday by default) from `start` to `end` local
 * time (`08:00`–`18:00` by default).
 *
 * @example
 * ```ts
 * import type { OnCallWorkingHours } from 'incidentkit/metrics';
 * const hours: OnCallWorkingHours = { days: [1, 2, 3, 4], start: '09:00', end: '17:30' };
 * ```
 */
export interface OnCallWorkingHours {
  days?: readonly number[] | undefined;
  start?: string | undefined;
  end?: string | undefined;
}

/**
 * Options of {@link onCallLoad}: the window (`weeks` before `now`), the threshold of pages per
 * week (2 by default), the time zone (UTC by default) with per-responder exceptions in
 * `timeZones`, and the working hours that decide what is off-hours (Monday–Friday 08:00–18:00 by
 * default, in each responder's time zone).
 *
 * @example
 * ```ts
 * import type { OnCallLoadOptions } from 'incidentkit/metrics';
 * const options: OnCallLoadOptions = {
 *   now: '2026-12-01T00:00:00Z', weeks: 4, timeZone: 'Europe/Berlin',
 *   timeZones: { dmitri: 'America/New_York' },
 * };
 * ```
 */
export interface OnCallLoadOptions {
  now: TimeInput;
  weeks: number;
  threshold?: number | undefined;
  timeZone?: string | undefined;
  timeZones?: Readonly<Record<string, string>> | undefined;
  workingHours?: OnCallWorkingHours | undefined;
}

/**
 * When pages landed in a responder's day: working hours, evenings and weekends, or sleep hours.
 *
 * @example
 * ```ts
 * import type { InterruptionSplit } from 'incidentkit/metrics';
 * const split: InterruptionSplit = { business: 5, eveningsAndWeekends: 2, sleep: 1 };
 * ```
 */
export interface InterruptionSplit {
  readonly business: number;
  readonly eveningsAndWeekends: number;
  readonly sleep: number;
}

/**
 * One responder's load: pages in the window and per week on average, whether that is over the
 * threshold, and when the pages came (in the responder's time zone).
 *
 * @example
 * ```ts
 * import type { ResponderLoad } from 'incidentkit/metrics';
 * declare const load: ResponderLoad;
 * load.offHoursShare; // e.g. 0.75: three of four pages outside working hours
 * ```
 */
export interface ResponderLoad extends InterruptionSplit {
  readonly responder: string;
  readonly pages: number;
  readonly pagesPerWeek: number;
  readonly overThreshold: boolean;
  readonly offHoursShare: number | null;
}

/**
 * The result of {@link onCallLoad}: the window, per-responder load (most paged first), who is over
 * the threshold, the off-hours share and the split of all interruptions, and `concentration` — the
 * share of pages that went to the most-paged responder (`null` without pages). Pages outside the
 * window are left out.
 *
 * @example
 * ```ts
 * import { onCallLoad } from 'incidentkit/metrics';
 * onCallLoad([], { now: 0, weeks: 4 }).concentration; // null
 * ```
 */
export interface OnCallLoad {
  readonly from: number;
  readonly to: number;
  readonly totalPages: number;
  readonly responders: readonly ResponderLoad[];
  readonly overThreshold: readonly string[];
  readonly offHoursShare: number | null;
  readonly concentration: { readonly responder: string; readonly share: number } | null;
  readonly interruptions: InterruptionSplit;
}

/**
 * On-call load from pages: per responder, how many pages per week (against a threshold, 2 by
 * default), how many came outside working hours, and whether they broke an evening, a weekend or
 * sleep — in each responder's own time zone. Interruptions split into business hours (working hours,
 * 08–18 Monday–Friday by default), evenings and weekends (the rest of the waking day) and sleep hours
 * (22–08). `concentration` shows whether one person carries the rotation.
 *
 * @example
 * ```ts
 * import { onCallLoad } from 'incidentkit/metrics';
 * const load = onCallLoad(
 *   [
 *     { responder: 'alice', at: '2026-11-24T10:00:00+01:00' }, // Tuesday, working hours
 *     { responder: 'alice', at: '2026-11-25T03:00:00+01:00' }, // sleep
 *     { responder: 'alice', at: '2026-11-28T12:00:00+01:00' }, // Saturday
 *     { responder: 'bob', at: '2026-11-26T19:30:00-05:00' }, // evening in New York
 *   ],
 *   { now: '2026-12-01T00:00:00Z', weeks: 1, timeZone: 'Europe/Berlin', timeZones: { bob: 'America/New_York' } },
 * );
 * load.overThreshold; // ['alice'] (3 pages in a week > 2)
 * load.interruptions; // { business: 1, eveningsAndWeekends: 2, sleep: 1 }
 * load.concentration; // { responder: 'alice', share: 0.75 }
 * ```
 */
export function onCallLoad(pages: readonly OnCallPage[], options: OnCallLoadOptions): OnCallLoad {
  let i = -1;
  return guarded(
    () =>
      countPages(pages, options, (at) => {
        i = at;
      }),
    () => (i < 0 ? 'options' : `pages[${i}]`),
  );
}

/** onCallLoad's work; `reading(i)` says which page it is at, for an error thrown by a caller's object. */
function countPages(pages: unknown, options: unknown, reading: (i: number) => void): OnCallLoad {
  const path = 'options';
  const o = readOptions(options, path, [
    'now',
    'weeks',
    'threshold',
    'timeZone',
    'timeZones',
    'workingHours',
  ]);
  const to = readNow(o);
  const weeks = readNumber(o, 'weeks', path, 1, 520, true);
  need(weeks, `${path}.weeks`, 'an integer from 1 to 520');
  const threshold = readNumber(o, 'threshold', path, 0, 1e6) ?? 2;
  const from = to - weeks! * 604_800_000 /* a week */;
  const zone = o.timeZone === undefined ? 'UTC' : readTimeZone(o.timeZone, `${path}.timeZone`);
  const zones = o.timeZones;
  need(zones === undefined || isObject(zones), `${path}.timeZones`, 'an object');
  const { days, start, end } = readWorkingHours(o.workingHours, `${path}.workingHours`, '08:00', '18:00');
  const workFrom = minutesOf(start);
  const workTo = minutesOf(end);
  // Every entry checked now, paged or not: a bad zone is refused whatever the pages say.
  const zoneByResponder = new Map<string, string>();
  if (zones !== undefined) {
    const responders = Object.keys(zones as Options);
    need(responders.length <= MAX_LIST, `${path}.timeZones`, `at most ${MAX_LIST} responders`);
    for (const responder of responders)
      zoneByResponder.set(
        responder,
        readTimeZone((zones as Options)[responder], `${path}.timeZones.${responder}`),
      );
  }
  const zoneOf = (responder: string): string => zoneByResponder.get(responder) ?? zone;

  const [list, n] = readIncidents(pages, 'pages');
  // Per responder: the time zone, and business, evening-and-weekend and sleep interruptions.
  const loads = new Map<string, { zone: string; split: number[] }>();
  const all = [0, 0, 0];
  let total = 0;
  for (let i = 0; i < n; i++) {
    reading(i);
    const page: unknown = list[i];
    if (!isObject(page)) fail(`pages[${i}]`, 'an object');
    const { responder } = page as Options;
    if (typeof responder !== 'string' || !responder) fail(`pages[${i}].responder`, 'a string');
    const at = readTime(page as Options, 'at', `pages[${i}]`);
    if (at === undefined) fail(`pages[${i}].at`, 'a time');
    if (at! < from || at! >= to) continue;
    let load = loads.get(responder as string);
    if (!load) {
      load = { zone: zoneOf(responder as string), split: [0, 0, 0] };
      loads.set(responder as string, load);
    }
    const wall = toWallClock(load.zone, at!);
    const day = Math.floor(wall / DAY);
    const minute = Math.floor((wall - day * DAY) / 60_000);
    const kind =
      days.includes(weekday(day)) && minute >= workFrom && minute < workTo
        ? 0
        : minute >= 1320 || minute < 480 // sleep: 22:00–08:00
          ? 2
          : 1;
    load.split[kind]!++;
    all[kind]!++;
    total++;
  }
  reading(-1);

  const responders: ResponderLoad[] = [...loads]
    .map(([responder, { split }]) => {
      const count = split[0]! + split[1]! + split[2]!;
      return {
        responder,
        pages: count,
        pagesPerWeek: count / weeks!,
        overThreshold: count / weeks! > threshold,
        ...interruptionSplit(split),
        offHoursShare: ratio(count - split[0]!, count),
      };
    })
    .sort((a, b) => b.pages - a.pages || (a.responder < b.responder ? -1 : 1));
  const top = responders[0];
  return {
    from,
    to,
    totalPages: total,
    responders,
    overThreshold: responders.filter((r) => r.overThreshold).map((r) => r.responder),
    offHoursShare: ratio(total - all[0]!, total),
    concentration: top ? { responder: top.responder, share: top.pages / total } : null,
    interruptions: interruptionSplit(all),
  };
}

function interruptionSplit([business = 0, eveningsAndWeekends = 0, sleep = 0]: number[]): InterruptionSplit {
  return { business, eveningsAndWeekends, sleep };
}
