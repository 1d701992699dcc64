import { describe, expect, it } from 'vitest';
import { onCallLoad } from '../../src/metrics/index.js';
import { expectInvalid } from './helpers.js';

describe('onCallLoad', () => {
  const pages = [
    { responder: 'alice', at: '2026-11-24T10:00:00+01:00' }, // Tuesday, working hours in Berlin
    { responder: 'alice', at: '2026-11-25T03:00:00+01:00' }, // sleep
    { responder: 'alice', at: '2026-11-28T12:00:00+01:00' }, // Saturday
    { responder: 'alice', at: '2026-11-26T19:00:00+01:00' }, // Thursday evening
    { responder: 'bob', at: '2026-11-26T19:30:00-05:00' }, // evening in New York (Friday 01:30 in Berlin)
    { responder: 'bob', at: '2026-11-10T12:00:00Z' }, // before the window
  ];
  const options = {
    now: '2026-12-01T00:00:00Z',
    weeks: 1,
    timeZone: 'Europe/Berlin',
    timeZones: { bob: 'America/New_York' },
  };

  it('splits interruptions into business hours, evenings and weekends, and sleep, per responder time zone', () => {
    const load = onCallLoad(pages, options);
    expect(load.interruptions).toEqual({ business: 1, eveningsAndWeekends: 3, sleep: 1 });
    expect(load.responders.map((r) => [r.responder, r.business, r.eveningsAndWeekends, r.sleep])).toEqual([
      ['alice', 1, 2, 1],
      ['bob', 0, 1, 0],
    ]);
  });

  it('flags responders over the threshold, the off-hours share and the concentration', () => {
    const load = onCallLoad(pages, options);
    expect(load).toMatchObject({
      from: Date.parse('2026-11-24T00:00:00Z'),
      to: Date.parse('2026-12-01T00:00:00Z'),
      totalPages: 5,
      overThreshold: ['alice'],
      offHoursShare: 0.8,
      concentration: { responder: 'alice', share: 0.8 },
    });
    expect(load.responders[0]).toMatchObject({
      pages: 4,
      pagesPerWeek: 4,
      overThreshold: true,
      offHoursShare: 0.75,
    });
    expect(onCallLoad(pages, { ...options, threshold: 5 }).overThreshold).toEqual([]);
  });

  it('averages pages per week over the window', () => {
    const load = onCallLoad(pages, { ...options, weeks: 3 });
    expect(load.responders.find((r) => r.responder === 'bob')).toMatchObject({
      pages: 2,
      pagesPerWeek: 2 / 3,
    });
    expect(load.responders[0]?.pagesPerWeek).toBeCloseTo(4 / 3, 12);
    expect(load.overThreshold).toEqual([]);
  });

  it('uses configurable working hours to decide what is off-hours', () => {
    const load = onCallLoad(pages, {
      ...options,
      workingHours: { days: [1, 2, 3, 4, 5, 6], start: '07:00', end: '20:00' },
    });
    // Saturday noon and the evenings before 20:00 are working time now; 03:00 is still sleep.
    expect(load.interruptions).toEqual({ business: 4, eveningsAndWeekends: 0, sleep: 1 });
  });

  it('handles a window across a daylight-saving change', () => {
    // 29 March 2026, 08:30 in Berlin is already summer time (06:30Z); Sunday is weekend.
    const load = onCallLoad([{ responder: 'x', at: '2026-03-30T06:30:00Z' }], {
      now: '2026-04-01T00:00:00Z',
      weeks: 1,
      timeZone: 'Europe/Berlin',
    });
    expect(load.interruptions.business).toBe(1);
  });

  it('returns null shares without pages', () => {
    expect(onCallLoad([], { now: 0, weeks: 4 })).toMatchObject({
      totalPages: 0,
      offHoursShare: null,
      concentration: null,
    });
  });

  it('rejects bad pages and options', () => {
    expectInvalid(() => onCallLoad([{ responder: '', at: 0 }], { now: 0, weeks: 1 }), 'pages[0].responder');
    expectInvalid(
      () => onCallLoad([{ responder: 'a', at: '2026-11-24T10:00' }], { now: 0, weeks: 1 }),
      'pages[0].at',
      /no offset/,
    );
    expectInvalid(() => onCallLoad([], { now: 0, weeks: 0 }), 'options.weeks');
    expectInvalid(() => onCallLoad([], { weeks: 2 } as never), 'options.now');
    expectInvalid(
      () => onCallLoad([], { now: 0, weeks: 1, timeZones: ['UTC'] } as never),
      'options.timeZones',
    );
    expectInvalid(
      () => onCallLoad([{ responder: 'a', at: 0 }], { now: 1, weeks: 1, timeZones: { a: 'Nowhere' } }),
      'options.timeZones.a',
    );
    // A bad zone is refused whether or not its responder was paged.
    expectInvalid(
      () => onCallLoad([], { now: 1, weeks: 1, timeZones: { bob: '+05:00' } }),
      'options.timeZones.bob',
    );
    expectInvalid(
      () => onCallLoad([], { now: 0, weeks: 1, workingHours: { start: '9:00' } }),
      'options.workingHours.start',
    );
    expectInvalid(() => onCallLoad({} as never, { now: 0, weeks: 1 }), 'pages');
  });
});
