import { describe, expect, it } from 'vitest';
import { applyEvent, declareIncident } from '../../src/lifecycle/index.js';
import type { Incident } from '../../src/model/index.js';
import { reviewWindow } from '../../src/postmortem/index.js';
import { defaultSeverityPolicy, defineSeverityPolicy } from '../../src/severity/index.js';
import { errorOf } from '../errors.js';
import { resolvedIncident } from './sev1.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('reviewWindow', () => {
  it('opens 24 h after resolution and is due by the policy’s 48 h for SEV1', () => {
    const w = reviewWindow(resolvedIncident('SEV1', '2026-11-24T16:10:00Z'), defaultSeverityPolicy);
    expect({ earliest: iso(w.earliest), latest: iso(w.latest) }).toEqual({
      earliest: '2026-11-25T16:10:00.000Z',
      latest: '2026-11-26T16:10:00.000Z',
    });
  });

  it('is due by 72 h for SEV2', () => {
    const w = reviewWindow(resolvedIncident('SEV2', '2026-11-23T09:00:00Z'), defaultSeverityPolicy);
    expect(iso(w.latest)).toBe('2026-11-26T09:00:00.000Z');
  });

  it('moves a window that lands on a weekend to Monday: earliest to its start, latest to the same time', () => {
    // Resolved Friday 18:00 UTC: +24 h is Saturday, +48 h is Sunday.
    const w = reviewWindow(resolvedIncident('SEV1', '2026-11-27T18:00:00Z'), defaultSeverityPolicy);
    expect(iso(w.earliest)).toBe('2026-11-30T00:00:00.000Z');
    expect(iso(w.latest)).toBe('2026-11-30T18:00:00.000Z');
  });

  it('counts weekends in the given time zone', () => {
    // Thursday 20:00 UTC is Friday 05:00 in Tokyo; +24 h is Saturday there but Friday in UTC.
    const incident = resolvedIncident('SEV1', '2026-11-26T20:00:00Z');
    expect(iso(reviewWindow(incident, defaultSeverityPolicy).earliest)).toBe('2026-11-27T20:00:00.000Z');
    const tokyo = reviewWindow(incident, defaultSeverityPolicy, { timeZone: 'Asia/Tokyo' });
    expect(iso(tokyo.earliest)).toBe('2026-11-29T15:00:00.000Z'); // Monday 00:00 in Tokyo
    expect(iso(tokyo.latest)).toBe('2026-11-29T20:00:00.000Z'); // Monday 05:00 in Tokyo
  });

  it('keeps the local time of day across a daylight-saving change', () => {
    // Due Saturday 2026-10-24 18:00 CEST; Berlin leaves summer time that Sunday.
    const w = reviewWindow(resolvedIncident('SEV1', '2026-10-22T16:00:00Z'), defaultSeverityPolicy, {
      timeZone: 'Europe/Berlin',
    });
    expect(iso(w.latest)).toBe('2026-10-26T17:00:00.000Z'); // Monday 18:00 CET
  });

  it('honours other working weeks', () => {
    // Resolved Wednesday 2026-11-25 10:00 UTC in Dubai (UTC+4); Friday and Saturday off.
    const w = reviewWindow(resolvedIncident('SEV1', '2026-11-25T10:00:00Z'), defaultSeverityPolicy, {
      timeZone: 'Asia/Dubai',
      workingDays: ['sun', 'mon', 'tue', 'wed', 'thu'],
    });
    expect(iso(w.earliest)).toBe('2026-11-26T10:00:00.000Z'); // Thursday 14:00
    expect(iso(w.latest)).toBe('2026-11-29T10:00:00.000Z'); // Friday → Sunday 14:00
  });

  it('accepts working days as numbers (0 = Sunday) and skips holidays', () => {
    const w = reviewWindow(resolvedIncident('SEV1', '2026-12-23T12:00:00Z'), defaultSeverityPolicy, {
      workingDays: [1, 2, 3, 4, 5],
      holidays: ['2026-12-24', '2026-12-25'],
    });
    // +24 h is Thursday 24th (holiday) → Monday 28th 00:00; +48 h is Friday 25th → Monday 12:00.
    expect(iso(w.earliest)).toBe('2026-12-28T00:00:00.000Z');
    expect(iso(w.latest)).toBe('2026-12-28T12:00:00.000Z');
  });

  it('uses the policy’s own due time and lets the options override it', () => {
    const policy = defineSeverityPolicy({ requirements: { SEV2: { postmortemDueHours: 120 } } });
    const incident = resolvedIncident('SEV2', '2026-11-23T09:00:00Z');
    expect(iso(reviewWindow(incident, policy).latest)).toBe('2026-11-30T09:00:00.000Z'); // +120 h is Saturday
    expect(iso(reviewWindow(incident, policy, { dueHours: 48 }).latest)).toBe('2026-11-25T09:00:00.000Z');
  });

  it('never puts latest before earliest', () => {
    const incident = resolvedIncident('SEV1', '2026-11-24T10:00:00Z');
    const w = reviewWindow(incident, defaultSeverityPolicy, { dueHours: 12 });
    expect(w.latest).toBe(w.earliest);
  });

  it('falls back to a working week when the severity sets no due time', () => {
    const w = reviewWindow(resolvedIncident('SEV3', '2026-11-23T09:00:00Z'), defaultSeverityPolicy);
    expect(iso(w.latest)).toBe('2026-11-30T09:00:00.000Z'); // +120 h is Saturday → Monday
  });

  it('throws when the incident is not resolved, naming resolvedAt', () => {
    const { incident } = declareIncident({ title: 'Ongoing', at: 0 });
    expect(errorOf(() => reviewWindow(incident, defaultSeverityPolicy))).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'incident.milestones.resolvedAt' }],
    });
  });

  it('throws after a REOPEN cleared the resolution', () => {
    const reopened = applyEvent(resolvedIncident('SEV1', '2026-11-24T10:00:00Z'), {
      type: 'REOPEN',
      at: '2026-11-24T11:00:00Z',
      reason: 'errors are back',
    });
    expect(errorOf(() => reviewWindow(reopened, defaultSeverityPolicy)).code).toBe('INVALID_INPUT');
  });

  it.each([
    ['an unknown time zone', { timeZone: 'Moon/Base' }, 'options.timeZone'],
    ['an empty working week', { workingDays: [] }, 'options.workingDays'],
    ['a weekday out of range', { workingDays: [7] }, 'options.workingDays[0]'],
    ['a holiday that is not a date', { holidays: ['Christmas'] }, 'options.holidays[0]'],
    ['an unknown option', { weekend: ['sat'] }, 'options'],
  ])('rejects %s', (_label, options, path) => {
    const incident = resolvedIncident('SEV1', '2026-11-24T10:00:00Z');
    const error = errorOf(() => reviewWindow(incident, defaultSeverityPolicy, options as never));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues[0]!.path).toBe(path);
  });

  it('rejects holidays that leave no working day', () => {
    const incident = resolvedIncident('SEV1', '2026-11-24T10:00:00Z');
    const holidays = Array.from({ length: 800 }, (_, i) => iso(Date.UTC(2026, 10, 25 + i)).slice(0, 10));
    expect(errorOf(() => reviewWindow(incident, defaultSeverityPolicy, { holidays })).issues[0]!.path).toBe(
      'options.holidays',
    );
  });

  it('rejects something that is not an incident', () => {
    expect(errorOf(() => reviewWindow({} as Incident, defaultSeverityPolicy)).code).toBe('INVALID_INPUT');
  });

  it('reads its options once: a throwing Proxy, a throwing getter, a string or a list is INVALID_INPUT', () => {
    const incident = resolvedIncident('SEV1', '2026-11-24T16:10:00Z');
    const trap = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
        has() {
          throw new Error('trap');
        },
        getOwnPropertyDescriptor() {
          throw new Error('trap');
        },
      },
    );
    const proxied = errorOf(() => reviewWindow(incident, trap as never));
    expect(proxied).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'options' }] });
    expect((proxied.cause as Error).message).toBe('trap');
    const getter = {
      get timeZone(): string {
        throw new Error('getter');
      },
    };
    expect(errorOf(() => reviewWindow(incident, getter)).cause).toBeInstanceOf(Error);
    // A long string where options belong is refused at once, not spread into its characters.
    const text = 'x'.repeat(10_000_000);
    expect(errorOf(() => reviewWindow(incident, defaultSeverityPolicy, text as never)).issues[0]!.path).toBe(
      'options',
    );
    const list = Array.from({ length: 1_000_000 }, () => 'x');
    expect(errorOf(() => reviewWindow(incident, defaultSeverityPolicy, list as never)).issues[0]!.path).toBe(
      'options',
    );
  });
});
