import * as z from 'zod/mini';
import { assertTimeZone } from '../internal/format-time.js';
import { checkIncident } from '../internal/incident-input.js';
import { parseWith, readOptions } from '../internal/validate.js';
import { type EpochMs, type Incident, IncidentKitError } from '../model/index.js';
import { built, lazySchema } from '../model/lazy.js';
import { fromWallClock, toWallClock } from '../model/wall-clock.js';
import {
  policyForIncident,
  requirementsFor,
  type SeverityPolicy,
  type SeverityPolicyConfig,
} from '../severity/index.js';

/**
 * A day of the week: `0` (Sunday) to `6` (Saturday), as `Date#getDay`, or its three-letter name.
 *
 * @example
 * ```ts
 * import type { ReviewWeekday } from 'incidentkit/postmortem';
 * const week: ReviewWeekday[] = ['sun', 'mon', 'tue', 'wed', 'thu'];
 * ```
 */
export type ReviewWeekday = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';

/**
 * Options of {@link reviewWindow}.
 *
 * @example
 * ```ts
 * import type { ReviewWindowOptions } from 'incidentkit/postmortem';
 * const options: ReviewWindowOptions = { timeZone: 'Asia/Dubai', workingDays: ['sun', 'mon', 'tue', 'wed', 'thu'] };
 * ```
 */
export interface ReviewWindowOptions {
  /** The policy whose `postmortemDueHours` applies (its id must match the incident's stamp). */
  readonly policy?: SeverityPolicy | SeverityPolicyConfig | undefined;
  /** Policies by id, when the caller handles incidents declared under several. */
  readonly policies?: Readonly<Record<string, SeverityPolicy | SeverityPolicyConfig>> | undefined;
  /** IANA time zone in which days and weekends are counted. Default UTC. */
  readonly timeZone?: string | undefined;
  /** The working days. Default Monday to Friday. */
  readonly workingDays?: readonly ReviewWeekday[] | undefined;
  /** Local dates (`YYYY-MM-DD`, in `timeZone`) that are not working days. */
  readonly holidays?: readonly string[] | undefined;
  /** Rest after resolution before the review may happen. Default 24 hours. */
  readonly decompressionHours?: number | undefined;
  /** Overrides the policy's `postmortemDueHours` (also the fallback, 120 h, when the severity sets none). */
  readonly dueHours?: number | undefined;
}

/**
 * When a postmortem review should happen: not before `earliest`, and by `latest` (epoch ms).
 *
 * @example
 * ```ts
 * import type { ReviewWindow } from 'incidentkit/postmortem';
 * const window: ReviewWindow = { earliest: 1795597200000, latest: 1795683600000 };
 * ```
 */
export interface ReviewWindow {
  earliest: EpochMs;
  latest: EpochMs;
}

const HOUR = 3_600_000;
/** Used when neither the options nor the policy give a due time: one working week. */
const FALLBACK_DUE_HOURS = 120;
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** Working days as accepted by {@link reviewWindow} (shared with `draftPostmortem`). */
export const WorkingDaysSchema = /*#__PURE__*/ lazySchema(() =>
  z
    .array(z.union([z.number().check(z.int(), z.gte(0), z.lte(6)), z.enum(DAY_NAMES)]))
    .check(z.minLength(1), z.maxLength(7)),
);
/** Holidays as accepted by {@link reviewWindow} (shared with `draftPostmortem`). */
export const HolidaysSchema = /*#__PURE__*/ lazySchema(() =>
  z.array(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD'))).check(z.maxLength(2_000)),
);

const OptionsSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    policy: z.optional(z.unknown()),
    policies: z.optional(z.unknown()),
    timeZone: z.optional(z.string()),
    workingDays: z.optional(built(WorkingDaysSchema)),
    holidays: z.optional(built(HolidaysSchema)),
    decompressionHours: z.optional(z.number().check(z.gte(0), z.lte(24 * 30))),
    dueHours: z.optional(z.number().check(z.gt(0), z.lte(24 * 365))),
  }),
);

// The deprecated shape passes a policy second; the new one an options object (never with policy keys of its own).
function isOldPolicyArg(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return ['scale', 'rules', 'requirements', 'default', 'uncertain', 'monotone', 'id', 'version'].some((k) =>
    Object.hasOwn(value, k),
  );
}

/** The options of the deprecated form, read once; a list is refused before it is spread into keys. */
function optionsRecord(value: unknown): Record<string, unknown> | undefined {
  const read = readOptions(value);
  if (Array.isArray(read)) {
    throw new IncidentKitError('INVALID_INPUT', 'options: expected an options object or nothing', {
      issues: [{ path: 'options', message: 'expected an options object or nothing' }],
    });
  }
  return read;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

const DAY = 24 * HOUR;

// Days are walked on wall-clock readings: a reading is the zone's local date and time written as if
// it were UTC (read with the getUTC… methods), so a calendar day is always DAY long on it
// (model/wall-clock.ts), and adding a day or going back to local midnight is plain arithmetic.

/**
 * The postmortem review window of a resolved incident: `earliest` is 24 hours after resolution
 * (time to decompress before reviewing), `latest` is the policy's `postmortemDueHours` after
 * resolution (48 h for SEV1, 72 h for SEV2 by default). An `earliest` that falls on a weekend or
 * holiday moves to the start of the next working day; a `latest` that does moves to the same local
 * time on the next working day. Days are counted in `timeZone` (UTC by default), whatever the
 * host's own zone: a local time that a clock change repeats is taken at its first occurrence, and
 * one it skips moves on by the change, as `Date` does. `latest` is never before `earliest`. Throws `INVALID_INPUT` when the incident has no
 * `resolvedAt` (not resolved yet, or reopened since).
 *
 * @example
 * ```ts
 * import { applyEvent, declareIncident } from 'incidentkit/lifecycle';
 * import { reviewWindow } from 'incidentkit/postmortem';
 * let { incident } = declareIncident({ title: 'Search down', at: '2026-11-26T09:00:00Z', severity: 'SEV3' });
 * incident = applyEvent(incident, { type: 'ACKNOWLEDGE', at: '2026-11-26T09:01:00Z' });
 * incident = applyEvent(incident, { type: 'ASSIGN_ROLE', at: '2026-11-26T09:01:00Z', role: 'commander', assignee: 'ana' });
 * incident = applyEvent(incident, { type: 'TRIAGE', at: '2026-11-26T09:02:00Z', severity: 'SEV3' });
 * incident = applyEvent(incident, { type: 'MITIGATE', at: '2026-11-26T09:30:00Z' });
 * incident = applyEvent(incident, { type: 'RESOLVE', at: '2026-11-27T16:00:00Z' }); // a Friday
 * const { earliest, latest } = reviewWindow(incident, { timeZone: 'Europe/Berlin', dueHours: 48 });
 * new Date(earliest).toISOString(); // '2026-11-29T23:00:00.000Z' (Monday 00:00 in Berlin)
 * new Date(latest).toISOString(); // '2026-11-30T16:00:00.000Z' (Monday 17:00 in Berlin)
 * ```
 */
export function reviewWindow(incident: Incident, options?: ReviewWindowOptions): ReviewWindow;
/** @deprecated Use `reviewWindow(incident, { policy, timeZone, … })`; this form goes in 1.0. */
export function reviewWindow(
  incident: Incident,
  policy: SeverityPolicy | SeverityPolicyConfig | undefined,
  options?: ReviewWindowOptions,
): ReviewWindow;
export function reviewWindow(incident: Incident, second?: unknown, third?: unknown): ReviewWindow {
  // Each argument is read once here (a throwing getter or Proxy trap, or a string where options
  // belong, is INVALID_INPUT); the policy of the deprecated form stays the caller's own object.
  const secondRead = readOptions(second);
  const old = third !== undefined || isOldPolicyArg(secondRead);
  const options = old ? { ...optionsRecord(third), policy: second } : secondRead;
  const checked = checkIncident(incident);
  const opts = parseWith(OptionsSchema, options ?? {}, 'options');
  assertTimeZone(opts.timeZone, 'options.timeZone');
  const resolvedAt = checked.milestones.resolvedAt;
  if (typeof resolvedAt !== 'number' || !Number.isInteger(resolvedAt) || resolvedAt < 0) {
    const message = `incident ${checked.id} is not resolved (phase ${checked.phase}); the review window starts at resolution`;
    throw new IncidentKitError('INVALID_INPUT', `incident.milestones.resolvedAt: ${message}`, {
      issues: [{ path: 'incident.milestones.resolvedAt', message }],
      incidentId: checked.id,
      phase: checked.phase,
    });
  }
  const policy = policyForIncident(checked, {
    policy: opts.policy as SeverityPolicy | undefined,
    policies: opts.policies as Readonly<Record<string, SeverityPolicy>> | undefined,
  });
  const requirements = requirementsFor(checked.severity, { policy });
  const dueHours = opts.dueHours ?? requirements.postmortemDueHours ?? FALLBACK_DUE_HOURS;
  const zone = opts.timeZone ?? 'UTC';
  const working = new Set(
    (opts.workingDays ?? [1, 2, 3, 4, 5]).map((d) => (typeof d === 'number' ? d : DAY_NAMES.indexOf(d))),
  );
  const holidays = new Set(opts.holidays ?? []);
  const isWorking = (reading: number): boolean => {
    const d = new Date(reading);
    return (
      working.has(d.getUTCDay()) &&
      !holidays.has(`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`)
    );
  };
  // From `from`, day by day at the same local time until a working day (a time skipped by a clock
  // change moves on and stays moved); then that instant, or with `keepTime` false the local start
  // of that day. A working `from` is returned as it is.
  const nextWorking = (from: number, keepTime: boolean): number => {
    let at = from;
    let reading = toWallClock(zone, at);
    // A year of holidays cannot hide every working day; anything longer is a configuration mistake.
    for (let i = 0; i < 400 && !isWorking(reading); i++) {
      at = fromWallClock(zone, reading + DAY);
      reading = toWallClock(zone, at);
    }
    if (!isWorking(reading)) {
      throw new IncidentKitError('INVALID_INPUT', 'options.holidays: no working day within 400 days', {
        issues: [{ path: 'options.holidays', message: 'leave at least one working day within 400 days' }],
      });
    }
    return at === from || keepTime ? at : fromWallClock(zone, reading - (((reading % DAY) + DAY) % DAY));
  };
  // Whole milliseconds, as a Date holds them (fractional hours are allowed).
  const earliest = nextWorking(Math.trunc(resolvedAt + (opts.decompressionHours ?? 24) * HOUR), false);
  const latest = nextWorking(Math.trunc(resolvedAt + dueHours * HOUR), true);
  return { earliest: Math.round(earliest), latest: Math.round(Math.max(latest, earliest)) };
}
