import { describe, expect, it } from 'vitest';
import {
  actionItemCompletion,
  defineDurationMetric,
  detectionSources,
  durationStats,
  incidentFrequency,
  metricsReport,
  mtta,
  mttd,
  mttr,
  mttrMetric,
  onCallLoad,
  postmortemCoverage,
  recurrenceRate,
  trend,
} from '../../src/metrics/index.js';
import { MAX_EPOCH_MS } from '../../src/model/time.js';
import { errorOf } from '../errors.js';
import { expectInvalid, MS_HOUR, metricsIncident } from './helpers.js';

const h = (hours: number) => hours * MS_HOUR;
const T = Date.UTC(2026, 10, 2);

describe('incidents whose milestones break the monotone chain', () => {
  const backwards = metricsIncident({
    id: 'INC-9',
    phase: 'review',
    milestones: { startedAt: T + h(5), detectedAt: T + h(6), resolvedAt: T + h(2) },
  });
  const fine = metricsIncident({ phase: 'review', milestones: { detectedAt: T, resolvedAt: T + h(1) } });

  it('are no negative duration: out of count, in invalid and invalidIds, not in excluded', () => {
    expect(mttr([backwards, fine])).toMatchObject({
      count: 1,
      excluded: 0,
      open: 0,
      invalid: 1,
      invalidIds: ['INC-9'],
      minMs: h(1),
    });
    expect(durationStats([backwards, fine], { ...mttrMetric, open: 'censor', now: T + h(9) })).toMatchObject({
      count: 1,
      excluded: 0,
      invalid: 1,
      invalidIds: ['INC-9'],
    });
  });

  it('are invalid for every duration metric, not only the one whose milestones are out of order', () => {
    // Acknowledged before detection: MTTR's own milestones are fine, the incident is not.
    const acked = metricsIncident({
      id: 'INC-3',
      phase: 'review',
      milestones: { detectedAt: T + h(1), acknowledgedAt: T, resolvedAt: T + h(3) },
    });
    expect(mttr([acked])).toMatchObject({ count: 0, invalid: 1, invalidIds: ['INC-3'] });
    expect(mttd([acked])).toMatchObject({ count: 0, excluded: 0, invalid: 1 });
  });

  it('are named by position when they have no id, and listed up to 100', () => {
    const many = Array.from({ length: 150 }, () => ({
      milestones: { detectedAt: T + h(2), resolvedAt: T },
    }));
    const stats = mttr(many);
    expect(stats.invalid).toBe(150);
    expect(stats.invalidIds).toHaveLength(100);
    expect(stats.invalidIds[0]).toBe('incidents[0]');
    expect(stats.invalidIds[99]).toBe('incidents[99]');
  });

  it('are reported per period in metricsReport, as the calculators report them', () => {
    const report = metricsReport([backwards, fine], {
      now: T + h(24),
      since: T - h(24),
      until: T + h(24),
      interval: 'day',
    });
    expect(report.durations.mttr).toEqual(mttr([backwards, fine]));
    expect(report.periods?.map((p) => p.durations.mttr?.invalid)).toEqual([0, 1]);
    expect(report.periods?.[1]?.durations.mttr?.invalidIds).toEqual(['INC-9']);
  });

  it('count as invalid when REOPEN records give a cycle a negative duration', () => {
    const reopened = metricsIncident({
      id: 'INC-4',
      phase: 'review',
      milestones: { detectedAt: T, mitigatedAt: T + h(5), resolvedAt: T + h(6) },
      reopens: [{ at: T + h(1), reason: 'again', previous: { mitigatedAt: T + h(4), resolvedAt: T + h(1) } }],
    });
    const stats = durationStats([reopened], {
      id: 'fix',
      from: 'mitigatedAt',
      to: 'resolvedAt',
      reopened: 'active-time',
    });
    expect(stats).toMatchObject({ count: 0, invalid: 1, invalidIds: ['INC-4'] });
  });
});

describe('an incident past the end milestone without setting it', () => {
  it('is excluded, never open: resolved without ever being acknowledged, for MTTA', () => {
    const skipped = metricsIncident({ phase: 'review', milestones: { detectedAt: T, resolvedAt: T + h(1) } });
    expect(mtta([skipped])).toMatchObject({ count: 0, excluded: 1, open: 0 });
    const stats = durationStats([skipped], {
      from: 'detectedAt',
      to: 'acknowledgedAt',
      open: 'censor',
      now: T,
    });
    expect(stats).toMatchObject({ count: 0, excluded: 1, open: 0 });
  });

  it('is excluded when only its phase says it moved on', () => {
    const mitigating = metricsIncident({ phase: 'mitigate', milestones: { detectedAt: T } });
    expect(mtta([mitigating])).toMatchObject({ excluded: 1, open: 0 });
    expect(
      durationStats([mitigating], { from: 'detectedAt', to: 'acknowledgedAt', open: 'now', now: T + h(1) }),
    ).toMatchObject({ count: 0, excluded: 1, open: 0 });
  });

  it('is open while it can still reach the milestone', () => {
    const waiting = metricsIncident({ phase: 'detect', milestones: { detectedAt: T } });
    expect(mtta([waiting])).toMatchObject({ excluded: 1, open: 1 });
    const reopened = metricsIncident({
      phase: 'mitigate',
      milestones: { detectedAt: T, acknowledgedAt: T + 1, triagedAt: T + 2 },
    });
    expect(mttr([reopened])).toMatchObject({ excluded: 1, open: 1 });
  });
});

describe('time inputs in incident facts', () => {
  const asNumbers = { startedAt: T, detectedAt: T + h(1), resolvedAt: T + h(4) };

  it('accept Date, ISO strings with an offset and epoch ms alike', () => {
    const asIso = {
      startedAt: '2026-11-02T01:00:00+01:00',
      detectedAt: '2026-11-02T01:00:00Z',
      resolvedAt: new Date(T + h(4)),
    };
    expect(mttr([{ milestones: asIso }])).toEqual(mttr([{ milestones: asNumbers }]));
    const report = metricsReport([{ milestones: asIso }], {
      now: T + h(24),
      since: T,
      until: T + h(24),
      interval: 'day',
      metrics: [mttrMetric],
    });
    expect(report.frequency?.total).toBe(1);
    expect(report.durations.mttr?.medianMs).toBe(h(4));
    expect(
      recurrenceRate([
        { category: 'x', milestones: asIso },
        { category: 'x', milestones: asNumbers },
      ]).recurrences,
    ).toBe(0);
  });

  it.each([
    ['1e308', 1e308, /9999/],
    ['-1e308', -1e308, /negative/],
    ['a fraction', T + 0.5, /whole/],
    ['a negative number', -1, /negative/],
    ['one ms past year 9999', MAX_EPOCH_MS + 1, /9999/],
    ['an ISO string without offset', '2026-11-02T01:00:00', /no offset/],
  ])('reject %s with INVALID_INPUT naming the field, never Infinity', (_label, value, message) => {
    const incidents = [{ milestones: { detectedAt: T, resolvedAt: value } }];
    expectInvalid(() => mttr(incidents as never), 'incidents[0].milestones.resolvedAt', message);
    expectInvalid(
      () => metricsReport(incidents as never, { now: T }),
      'incidents[0].milestones.resolvedAt',
      message,
    );
    expectInvalid(() => mttr([], { since: value as never }), 'options.since', message);
    expectInvalid(() => actionItemCompletion([], { now: value as never }), 'options.now', message);
  });

  it('accept the edges of the range', () => {
    const edge = [{ milestones: { startedAt: 0, detectedAt: 0, resolvedAt: MAX_EPOCH_MS } }];
    expect(mttr(edge).maxMs).toBe(MAX_EPOCH_MS);
  });
});

describe('since and until', () => {
  const backwards = { since: T + h(1), until: T };
  it.each([
    ['mttr', () => mttr([], backwards)],
    ['durationStats', () => durationStats([], { ...mttrMetric, ...backwards })],
    ['incidentFrequency', () => incidentFrequency([], { ...backwards, interval: 'day' })],
    ['recurrenceRate', () => recurrenceRate([], backwards)],
    ['detectionSources', () => detectionSources([], backwards)],
    ['metricsReport', () => metricsReport([], { ...backwards, now: T })],
  ])('%s rejects since after until', (_name, call) => {
    expectInvalid(call, 'options.since', /before until/);
  });

  it('allow an empty period (since equal to until)', () => {
    expect(mttr([], { since: T, until: T }).count).toBe(0);
  });
});

describe('the edges of the timestamp range', () => {
  const zones = ['UTC', 'America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];
  it.each(['day', 'week', 'month'] as const)('never throw RangeError for a %s at either end', (interval) => {
    for (const timeZone of zones) {
      const last = [{ milestones: { detectedAt: MAX_EPOCH_MS } }];
      const f = incidentFrequency(last, {
        interval,
        since: MAX_EPOCH_MS - h(1),
        until: MAX_EPOCH_MS,
        timeZone,
      });
      expect(f.total).toBe(0);
      // The last local day of year 9999 is 10000-01-01 east of UTC.
      expect(f.buckets.at(-1)?.label).toMatch(/^(9999-12|10000-01)/);
      const first = [{ milestones: { detectedAt: 0 } }];
      expect(incidentFrequency(first, { interval, since: 0, until: h(1), timeZone }).total).toBe(1);
      const report = metricsReport(last, {
        now: MAX_EPOCH_MS,
        since: MAX_EPOCH_MS - h(2),
        until: MAX_EPOCH_MS,
        interval,
        timeZone,
      });
      expect(report.frequency?.total).toBe(0);
      expect(metricsReport(first, { now: 0, since: 0, until: h(2), interval, timeZone }).incidents).toBe(1);
    }
  });

  it('answers onCallLoad at the end of the range', () => {
    const load = onCallLoad([{ responder: 'a', at: MAX_EPOCH_MS - 1 }], {
      now: MAX_EPOCH_MS,
      weeks: 1,
      timeZone: 'Asia/Tokyo',
    });
    expect(load.totalPages).toBe(1);
  });
});

describe('time zones', () => {
  const bad = [
    'Not/A_Zone+05',
    'UTC+99',
    '+25:00',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'x'.repeat(10_000),
  ];
  it.each(bad)('reject %j as INVALID_INPUT naming the field, in every calculator', (zone) => {
    expectInvalid(
      () => incidentFrequency([], { interval: 'day', since: T, until: T + h(24), timeZone: zone }),
      'options.timeZone',
      /IANA/,
    );
    expectInvalid(
      () => metricsReport([], { now: T, since: T, until: T + h(24), interval: 'day', timeZone: zone }),
      'options.timeZone',
    );
    expectInvalid(() => onCallLoad([], { now: T, weeks: 1, timeZone: zone }), 'options.timeZone');
    expectInvalid(
      () => onCallLoad([{ responder: 'bob', at: T - 1 }], { now: T, weeks: 1, timeZones: { bob: zone } }),
      'options.timeZones.bob',
    );
    expectInvalid(
      () => durationStats([], { from: 'detectedAt', to: 'resolvedAt', clock: { timeZone: zone } }),
      'options.clock.timeZone',
    );
  });
});

describe('huge and sparse lists', () => {
  const sparse = (): unknown[] => {
    const list: unknown[] = [];
    list.length = 2 ** 32 - 1;
    return list;
  };

  it('are refused by length before anything is iterated or allocated', () => {
    expectInvalid(() => mttr(sparse() as never), 'incidents', /at most/);
    expectInvalid(() => metricsReport(sparse() as never, { now: T }), 'incidents', /at most/);
    expectInvalid(() => durationStats(sparse() as never, mttrMetric), 'incidents', /at most/);
    expectInvalid(() => onCallLoad(sparse() as never, { now: T, weeks: 1 }), 'pages', /at most/);
    expectInvalid(() => trend(sparse() as never), 'series');
    expectInvalid(() => mttr([], { severity: sparse() as never }), 'options.severity', /at most/);
    expectInvalid(
      () => durationStats([], { ...mttrMetric, aggregate: sparse() as never }),
      'options.aggregate',
    );
    expectInvalid(
      () =>
        durationStats([], {
          from: 'detectedAt',
          to: 'resolvedAt',
          clock: { timeZone: 'UTC', days: sparse() as never },
        }),
      'options.clock.days',
    );
    expectInvalid(
      () =>
        incidentFrequency([], {
          interval: 'day',
          since: T,
          until: T + 1,
          bySeverity: true,
          scale: sparse() as never,
        }),
      'options.scale',
    );
  });

  it('inside an incident are refused too', () => {
    const incident = (extra: object) => [{ milestones: { detectedAt: T }, ...extra }];
    expectInvalid(
      () => actionItemCompletion(incident({ actionItems: sparse() }) as never, { now: T }),
      'incidents[0].actionItems',
    );
    expectInvalid(
      () => durationStats(incident({ reopens: sparse() }) as never, { ...mttrMetric, reopened: 'first' }),
      'incidents[0].reopens',
    );
    expectInvalid(
      () => mttr(incident({ services: sparse() }) as never, { services: 'api' }),
      'incidents[0].services',
    );
    expectInvalid(
      () => postmortemCoverage(incident({ reopens: sparse() }) as never, { policy: { requirements: {} } }),
      'incidents[0].reopens',
    );
  });

  it('with holes name the first hole', () => {
    const holes: unknown[] = [{ milestones: { detectedAt: T } }];
    holes[2] = { milestones: { detectedAt: T } };
    expectInvalid(() => mttr(holes as never), 'incidents[1].milestones');
  });
});

describe('values read from the caller’s objects', () => {
  it('defineDurationMetric: a throwing Proxy or getter is one INVALID_INPUT at metric, with the cause', () => {
    const thrown = new Error('trap');
    const trap = () => {
      throw thrown;
    };
    const proxy = new Proxy(
      {},
      { get: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap },
    );
    const fromProxy = errorOf(() => defineDurationMetric(proxy as never));
    expect(fromProxy).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'metric' }] });
    expect(fromProxy.cause).toBe(thrown);
    const clock = Object.defineProperty({}, 'timeZone', { enumerable: true, get: trap });
    const fromClock = errorOf(() =>
      defineDurationMetric({ id: 'm', from: 'detectedAt', to: 'resolvedAt', clock: clock as never }),
    );
    expect(fromClock.cause).toBe(thrown);
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(errorOf(() => defineDurationMetric(revoked as never)).code).toBe('INVALID_INPUT');
  });

  it('a throwing getter in the options is one INVALID_INPUT, with what it threw as the cause', () => {
    const thrown = new TypeError('nope');
    const options = {
      get since(): number {
        throw thrown;
      },
    };
    const error = errorOf(() => mttr([], options));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'options' }] });
    expect(error.cause).toBe(thrown);
    const reportOptions = Object.defineProperties({ now: T }, Object.getOwnPropertyDescriptors(options));
    expect(errorOf(() => metricsReport([], reportOptions as never)).cause).toBe(thrown);
  });

  it('a throwing getter on an incident names the incident', () => {
    const thrown = new Error('storage went away');
    const incident = {
      get milestones(): never {
        throw thrown;
      },
    };
    for (const call of [
      () => mttr([incident] as never),
      () => durationStats([incident] as never, { ...mttrMetric, open: 'censor', now: T }),
      () => recurrenceRate([incident] as never),
      () => metricsReport([incident] as never, { now: T }),
    ]) {
      const error = errorOf(call);
      expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'incidents[0]' }] });
      expect(error.cause).toBe(thrown);
    }
  });

  it('a throwing filter callback is reported with its error as the cause', () => {
    const thrown = new RangeError('bad filter');
    const error = errorOf(() =>
      mttr([{ milestones: { detectedAt: T } }], {
        filter: () => {
          throw thrown;
        },
      }),
    );
    expect(error.issues[0]?.path).toBe('incidents[0]');
    expect(error.cause).toBe(thrown);
  });

  it('reads each option once: a getter that changes between reads cannot pass one check and fail the next', () => {
    let reads = 0;
    const options = {
      get since() {
        reads++;
        return reads === 1 ? T : 'garbage';
      },
    };
    expect(mttr([{ milestones: { detectedAt: T } }], options as never).excluded).toBe(1);
    expect(reads).toBe(1);
  });

  it('walks the length a Proxy had when the call began', () => {
    const items = [{ milestones: { detectedAt: T, resolvedAt: T + h(1) } }];
    let reads = 0;
    const growing = new Proxy(items, {
      get(target, key, receiver) {
        if (key === 'length') return ++reads === 1 ? 1 : 1_000;
        return Reflect.get(target, key, receiver);
      },
    });
    expect(mttr(growing).count).toBe(1);
  });
});

describe('action-item times', () => {
  const withItem = (item: object) => [
    { id: 'INC-1', milestones: { detectedAt: T }, actionItems: [{ id: 'a1', title: 'Fix', ...item }] },
  ];

  it('accept the same time inputs as milestones', () => {
    const iso = withItem({ status: 'done', dueAt: '2026-11-09T00:00:00Z', completedAt: new Date(T + h(24)) });
    expect(actionItemCompletion(iso as never, { now: T + h(48) })).toMatchObject({ done: 1, onTimeRate: 1 });
  });

  it.each([1e308, -1, 1.5])('reject a due date of %s naming the field', (dueAt) => {
    expectInvalid(
      () => actionItemCompletion(withItem({ status: 'open', dueAt }) as never, { now: T }),
      'incidents[0].actionItems[0].dueAt',
    );
  });
});

describe('trend', () => {
  it.each([1e308, -1e308, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects %s instead of printing Infinity',
    (y) => {
      expectInvalid(() => trend([1, y]), 'series[1]');
    },
  );
});
