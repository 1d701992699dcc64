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
  mttm,
  mttr,
  mttrMetric,
  postmortemCoverage,
  recurrenceRate,
  trend,
} from '../../src/metrics/index.js';
import type { Incident } from '../../src/model/index.js';
import { defaultSeverityPolicy } from '../../src/severity/index.js';
import { expectInvalid, MS_DAY, MS_HOUR, metricsIncident } from './helpers.js';

const at = (day: number) => Date.parse('2026-09-01T00:00:00Z') + day * MS_DAY;

function incident(
  id: string,
  day: number,
  mttrHours: number | undefined,
  extra: Partial<Incident> = {},
): Incident {
  const start = at(day);
  return metricsIncident({
    id,
    phase: mttrHours === undefined ? 'mitigate' : 'review',
    severity: 'SEV2',
    category: 'deploy',
    source: 'monitoring',
    milestones: {
      startedAt: start,
      detectedAt: start + 0.1 * MS_HOUR,
      acknowledgedAt: start + 0.2 * MS_HOUR,
      triagedAt: start + 0.3 * MS_HOUR,
      ...(mttrHours === undefined
        ? {}
        : { mitigatedAt: start + MS_HOUR, resolvedAt: start + mttrHours * MS_HOUR }),
    },
    actionItems: [{ id: `${id}-a`, title: 'Follow up', status: 'open', dueAt: start + 7 * MS_DAY }],
    ...extra,
  });
}

const incidents = [
  incident('INC-1', 3, 5),
  incident('INC-2', 40, 3, { source: 'customer', postmortem: { publishedAt: at(41) } }),
  incident('INC-3', 45, undefined, { category: 'db-failover' }),
  incident('INC-4', 70, 2, { severity: 'SEV4' }),
  incident('INC-5', 75, 1, { drill: true }),
  incident('INC-0', -30, 4), // before since: left out
];
const options = {
  now: at(90),
  since: at(0),
  until: at(90),
  interval: 'month',
  policy: defaultSeverityPolicy,
} as const;

describe('metricsReport', () => {
  it('gives the same figures as each calculator on its own', () => {
    const report = metricsReport(incidents, options);
    const filters = { since: options.since, until: options.until };
    expect(report.incidents).toBe(4);
    expect(report.durations).toEqual({
      mttd: mttd(incidents, filters),
      mtta: mtta(incidents, filters),
      mttm: mttm(incidents, filters),
      mttr: mttr(incidents, filters),
    });
    expect(report.recurrence).toEqual(recurrenceRate(incidents, filters));
    expect(report.actionItems).toEqual(actionItemCompletion(incidents, { ...filters, now: options.now }));
    expect(report.detection).toEqual(detectionSources(incidents, filters));
    expect(report.postmortems).toEqual(
      postmortemCoverage(incidents, { ...filters, policy: defaultSeverityPolicy, now: options.now }),
    );
    expect(report.frequency).toEqual(
      incidentFrequency(incidents, { ...filters, interval: 'month', policy: defaultSeverityPolicy }),
    );
  });

  it('trends each metric over the periods', () => {
    const report = metricsReport(incidents, options);
    expect(report.periods?.map((p) => [p.label, p.incidents, p.durations.mttr?.medianMs])).toEqual([
      ['2026-09', 1, 5 * MS_HOUR],
      ['2026-10', 2, 3 * MS_HOUR],
      ['2026-11', 1, 2 * MS_HOUR],
    ]);
    const september = report.periods?.[0]?.durations.mttr;
    expect(september).toEqual(mttr(incidents, { since: at(0), until: at(30) }));
    expect(report.trends?.durations.mttr).toEqual(trend(report.periods!.map((p) => p.durations.mttr!)));
    expect(report.trends?.durations.mttr?.direction).toBe('improving');
    expect(report.trends?.incidents).toEqual(trend([1, 2, 1]));
  });

  it('applies open and reopen policies to every metric, and takes custom definitions', () => {
    const bh = defineDurationMetric({
      id: 'mttr-bh',
      from: 'impactStart',
      to: 'resolvedAt',
      clock: { timeZone: 'Europe/Berlin' },
    });
    const report = metricsReport(incidents, { now: at(90), metrics: [mttrMetric, bh], open: 'censor' });
    expect(Object.keys(report.durations)).toEqual(['mttr', 'mttr-bh']);
    expect(report.durations.mttr).toEqual(
      durationStats(incidents, { ...mttrMetric, open: 'censor', now: at(90) }),
    );
    expect(report.durations['mttr-bh']?.definition).toContain('open=censor');
    expect(report.frequency).toBeUndefined();
    expect(report.postmortems).toBeUndefined();
  });

  it('rejects bad options', () => {
    expectInvalid(() => metricsReport(incidents, {} as never), 'options.now');
    expectInvalid(() => metricsReport(incidents, { now: 0, interval: 'month' }), 'options.since');
    expectInvalid(
      () => metricsReport(incidents, { now: 0, metrics: [mttrMetric, mttrMetric] }),
      'options.metrics',
    );
    expectInvalid(
      () => metricsReport(incidents, { now: 0, metrics: [{ id: 'x' }] } as never),
      'options.metrics[0].from',
    );
    expectInvalid(
      () => metricsReport(incidents, { now: 0, recurrence: { window: 3 } } as never),
      'options.recurrence.window',
    );
    expectInvalid(
      () => metricsReport(incidents, { now: 0, onCall: { pages: [] } } as never),
      'options.onCall',
    );
  });
});
