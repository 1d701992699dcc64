import { formatDate, formatDuration } from '../internal/format-time.js';
import type { DurationStats, MetricsReport, OnCallLoad } from '../metrics/index.js';
import type { InputKind, LoadedIncidents } from './load-incidents.js';
import type { MeasuredWindow, MeasureSettings } from './measure.js';
import type { Table } from './table.js';

const KIND_NAMES: Readonly<Record<InputKind, string>> = {
  statuspage: 'Statuspage export',
  pagerduty: 'PagerDuty export',
  'pagerduty-analytics': 'PagerDuty analytics export',
  'incident-io': 'incident.io export',
  opsgenie: 'Opsgenie export',
  csv: 'CSV export',
  incidents: 'incidentkit incidents',
  events: 'incidentkit event logs',
};

/** Display names of the standard duration metrics. */
export const METRIC_NAMES: Readonly<Record<string, string>> = {
  mttd: 'Time to detect (MTTD)',
  mtta: 'Time to acknowledge (MTTA)',
  mttm: 'Time to mitigate (MTTM)',
  mttr: 'Time to resolve (MTTR)',
};

/** `1,234`. */
export const count = (n: number) => n.toLocaleString('en-US');
/** `1 h 25 min`, or `—` without a figure. */
export const duration = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? '—' : formatDuration(ms);
/** `42%` (one decimal near 0 and 100), or `—` without a figure. */
export const percent = (r: number | null | undefined) =>
  r === null || r === undefined ? '—' : `${(r * 100).toFixed(r >= 0.995 || r < 0.1 ? 1 : 0)}%`;

/** One line saying what was measured: input, incidents counted, window, filters. */
export function describeScope(
  file: string,
  loaded: LoadedIncidents,
  report: MetricsReport,
  window: MeasuredWindow | undefined,
  settings: MeasureSettings,
): string[] {
  const zone = { timeZone: settings.timeZone };
  const lines = [
    `${count(report.incidents)} incidents measured from ${file} (${KIND_NAMES[loaded.kind]}, ${count(loaded.rows)} ${loaded.kind === 'csv' || loaded.kind.startsWith('pagerduty') ? 'rows' : 'records'} read${loaded.skippedCount > 0 ? `, ${count(loaded.skippedCount)} skipped` : ''})`,
  ];
  if (window) {
    lines.push(
      `Detected ${formatDate(window.since, zone)} to ${formatDate(Math.max(window.since, window.until - 1), zone)} (${settings.timeZone})`,
    );
  }
  const filters: string[] = [];
  if (settings.severity.length > 0) filters.push(`severity ${settings.severity.join(', ')}`);
  filters.push(settings.includeDrills ? 'drills included' : 'drills excluded');
  filters.push(settings.includeCancelled ? 'cancelled included' : 'cancelled excluded');
  filters.push(`open incidents ${settings.open === 'censor' ? 'censored (Kaplan–Meier)' : 'excluded'}`);
  lines.push(`Filters: ${filters.join('; ')}`);
  return lines;
}

/** MTTD, MTTA, MTTM, MTTR: count, excluded, median, p90, p95, mean, with their stamps. */
export function durationTable(report: MetricsReport): Table {
  const entries = Object.entries(report.durations) as [string, DurationStats][];
  return {
    id: 'durations',
    title: 'Durations',
    headers: ['Metric', 'Count', 'Excluded', 'Median', 'p90', 'p95', 'Mean'],
    numeric: [false, true, true, true, true, true, true],
    rows: entries.map(([id, s]) => [
      METRIC_NAMES[id] ?? id,
      `${count(s.count)}${s.lowSample && s.count > 0 ? ' (few)' : ''}`,
      count(s.excluded),
      duration(s.medianMs),
      duration(s.p90Ms),
      duration(s.p95Ms),
      duration(s.meanMs),
    ]),
    note: entries.map(([, s]) => `definition: ${s.definition}`),
  };
}

/** Per period (with `--interval`): incidents, MTTD median, MTTR median and p90. */
export function periodTable(report: MetricsReport): Table | undefined {
  if (!report.periods) return undefined;
  return {
    id: 'periods',
    title: 'Per period',
    headers: ['Period', 'Incidents', 'MTTD median', 'MTTR median', 'MTTR p90'],
    numeric: [false, true, true, true, true],
    rows: report.periods.map((p) => [
      p.label,
      count(p.incidents),
      duration(p.durations.mttd?.medianMs),
      duration(p.durations.mttr?.medianMs),
      duration(p.durations.mttr?.p90Ms),
    ]),
  };
}

/** The trend of each measure over the periods. */
export function trendTable(report: MetricsReport): Table | undefined {
  if (!report.trends) return undefined;
  const rows: string[][] = [
    [
      'Incidents per period',
      report.trends.incidents.direction,
      percent(report.trends.incidents.relativeChange),
    ],
  ];
  for (const [id, t] of Object.entries(report.trends.durations)) {
    rows.push([METRIC_NAMES[id] ?? id, t.direction, percent(t.relativeChange)]);
  }
  return {
    id: 'trends',
    title: 'Trends (Theil–Sen slope over the periods)',
    headers: ['Measure', 'Direction', 'Relative change'],
    numeric: [false, false, true],
    rows,
  };
}

/** Incidents per detection source, and the automated share. */
export function detectionTable(report: MetricsReport): Table {
  const d = report.detection;
  const share = (n: number) => percent(d.total === 0 ? null : n / d.total);
  return {
    id: 'detection',
    title: 'Detection sources',
    headers: ['Source', 'Incidents', 'Share'],
    numeric: [false, true, true],
    rows: [
      ...Object.entries(d.bySource).map(([source, n]) => [source, count(n), share(n)]),
      ['automated (monitoring + synthetic + anomaly)', count(d.automated), percent(d.automatedRate)],
    ],
    note: ['definition: detectionSources[automated=monitoring+synthetic+anomaly;missing source=internal]'],
  };
}

/** Action items by state, completion and on-time rates. */
export function actionItemTable(report: MetricsReport): Table {
  const a = report.actionItems;
  return {
    id: 'action-items',
    title: 'Action items',
    headers: ['Total', 'Done', 'Open', 'Overdue', "Won't fix", 'Completion', 'On time'],
    numeric: [true, true, true, true, true, true, true],
    rows: [
      [
        count(a.total),
        count(a.done),
        count(a.open),
        count(a.overdue),
        count(a.wontfix),
        percent(a.completionRate),
        percent(a.onTimeRate),
      ],
    ],
    note: [
      'definition: actionItemCompletion[completion=done÷(total−wontfix);onTime=done by due÷(due passed or done)]',
    ],
  };
}

/** The ten most overdue action items (imported titles and owners: escaped by each renderer). */
export function overdueTable(report: MetricsReport, timeZone: string): Table | undefined {
  const items = report.actionItems.overdueItems.slice(0, 10);
  if (items.length === 0) return undefined;
  return {
    id: 'overdue',
    title: `Most overdue action items (${Math.min(10, report.actionItems.overdue)} of ${count(report.actionItems.overdue)})`,
    headers: ['Action item', 'Incident', 'Owner', 'Due', 'Overdue by'],
    numeric: [false, false, false, false, true],
    rows: items.map((i) => [
      i.title,
      i.incidentId ?? '—',
      i.owner ?? '—',
      formatDate(i.dueAt, { timeZone }),
      duration(i.overdueByMs),
    ]),
  };
}

/** The categories that recurred, most repeats first. */
export function recurrenceTable(report: MetricsReport, limit = 10): Table {
  const r = report.recurrence;
  return {
    id: 'recurrence',
    title: `Recurrence: ${percent(r.rate)} of ${count(r.incidents)} incidents with a category had an earlier one`,
    headers: ['Category', 'Incidents', 'Recurrences'],
    numeric: [false, true, true],
    rows: r.repeated.slice(0, limit).map((k) => [k.key, count(k.incidents), count(k.recurrences)]),
    note: [
      `definition: recurrenceRate[key=category;window=all;rate=recurrences÷incidents with a key]; ${count(r.withoutKey)} incidents without a category`,
    ],
  };
}

/** Postmortem coverage, when the input says anything about postmortems. */
export function postmortemTable(report: MetricsReport): Table | undefined {
  const p = report.postmortems;
  if (!p) return undefined;
  return {
    id: 'postmortems',
    title: 'Postmortems (severities whose policy requires one)',
    headers: ['Required', 'Published', 'On time', 'Overdue', 'Coverage', 'On-time rate'],
    numeric: [true, true, true, true, true, true],
    rows: [
      [
        count(p.required),
        count(p.published),
        count(p.publishedOnTime),
        p.overdue === null ? '—' : count(p.overdue),
        percent(p.coverage),
        percent(p.onTimeRate),
      ],
    ],
    note: ['definition: postmortemCoverage[policy=default;due=postmortemDueHours after first resolution]'],
  };
}

/** Pages per responder: count, per week, off-hours share, sleep-hour pages. */
export function onCallTable(load: OnCallLoad, weeks: number, timeZone: string): Table {
  return {
    id: 'on-call',
    title: 'On-call load',
    headers: ['Responder', 'Pages', 'Per week', 'Off-hours', 'Sleep hours'],
    numeric: [false, true, true, true, true],
    rows: load.responders.map((r) => [
      r.responder,
      count(r.pages),
      r.pagesPerWeek.toFixed(1),
      percent(r.offHoursShare),
      count(r.sleep),
    ]),
    note: [
      `definition: onCallLoad[weeks=${weeks};threshold=2 pages/week;working hours Mon–Fri 08:00–18:00;${timeZone}]`,
    ],
  };
}

/** Every table of a metrics run, in reading order. */
export function metricsTables(report: MetricsReport, timeZone: string): Table[] {
  return [
    durationTable(report),
    periodTable(report),
    trendTable(report),
    detectionTable(report),
    actionItemTable(report),
    overdueTable(report, timeZone),
    recurrenceTable(report),
    postmortemTable(report),
  ].filter((t): t is Table => t !== undefined);
}
