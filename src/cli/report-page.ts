import { escapeHtml } from '../internal/escape.js';
import { formatTimestamp } from '../internal/format-time.js';
import type { MetricsReport, MetricsReportOptions, OnCallLoad } from '../metrics/index.js';
import type { LoadedIncidents } from './load-incidents.js';
import type { MeasuredWindow, MeasureSettings } from './measure.js';
import {
  actionItemTable,
  count,
  describeScope,
  detectionTable,
  duration,
  onCallTable,
  overdueTable,
  percent,
  postmortemTable,
  recurrenceTable,
} from './metrics-tables.js';
import { bandChart, horizontalBarChart, partsChart, type Series, stackedBarChart } from './svg-charts.js';
import { type Table, tableToHtml } from './table.js';

const esc = (text: string) => escapeHtml(text);

/** Severity colours: darker is worse, readable for the common colour-vision deficiencies. */
const SEVERITY_COLORS: Readonly<Record<string, string>> = {
  SEV1: '#9e1b32',
  SEV2: '#e0632b',
  SEV3: '#f2b134',
  SEV4: '#6b9ac4',
  unclassified: '#a3a8b0',
};
const EXTRA_COLORS = ['#4c956c', '#7a5195', '#2f4b7c', '#bc5090', '#665191'];

const SOURCE_COLORS: Readonly<Record<string, string>> = {
  monitoring: '#2f6f9f',
  synthetic: '#3f8fc0',
  anomaly: '#6aaed6',
  customer: '#d1495b',
  internal: '#8d99ae',
};

/** The stylesheet: system fonts only (nothing to fetch), light and dark schemes, print-friendly. */
const STYLE = `
:root { color-scheme: light dark; --bg: #f6f7f9; --card: #ffffff; --ink: #1d232b; --muted: #5d6673; --line: #dfe3e8;
  --accent: #2f6f9f; --band: rgba(47,111,159,.22); --behind: #dbe5ee; --threshold: #9e1b32; }
@media (prefers-color-scheme: dark) { :root { --bg: #12161b; --card: #1b2129; --ink: #e7ebf0; --muted: #9aa5b1;
  --line: #2e3741; --accent: #6aaed6; --band: rgba(106,174,214,.25); --behind: #2b3947; --threshold: #ff7b8a; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header.page { padding: 32px clamp(16px, 4vw, 48px) 8px; }
header.page h1 { margin: 0 0 4px; font-size: 28px; letter-spacing: -.01em; }
header.page p { margin: 2px 0; color: var(--muted); }
main { padding: 8px clamp(16px, 4vw, 48px) 48px; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; margin: 16px 0 24px; padding: 0; list-style: none; }
.kpi { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
.kpi .value { display: block; font-size: 26px; font-weight: 650; font-variant-numeric: tabular-nums; }
.kpi .label { color: var(--muted); font-size: 13px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(560px, 100%), 1fr)); gap: 16px; }
figure.card { margin: 0; background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 16px 18px 12px; min-width: 0; }
figure.card h2 { margin: 0; font-size: 17px; }
figure.card .lede { margin: 2px 0 8px; color: var(--muted); font-size: 13.5px; }
svg.chart { width: 100%; height: auto; display: block; overflow: visible; font-size: 12px; }
svg .tick, svg .legend text, svg .value { fill: var(--muted); }
svg .value { font-variant-numeric: tabular-nums; }
svg .axis-label { fill: var(--muted); font-size: 11px; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .band { fill: var(--band); stroke: none; }
svg .line { fill: none; stroke: var(--accent); stroke-width: 2.5; stroke-linejoin: round; }
svg .line.p90 { stroke-width: 1.25; stroke-dasharray: 4 3; opacity: .8; }
svg .dot { fill: var(--card); stroke: var(--accent); stroke-width: 2.5; }
svg .behind { fill: var(--behind); }
svg .threshold { stroke: var(--threshold); stroke-width: 1.5; stroke-dasharray: 5 3; }
.stamp { margin: 10px 0 4px; color: var(--muted); font-size: 12px; overflow-wrap: anywhere; }
.stamp code { font: 11.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
details { margin-top: 6px; font-size: 13px; }
summary { cursor: pointer; color: var(--accent); }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); }
th[scope="row"] { font-weight: 500; }
.num { text-align: right; }
.empty { color: var(--muted); font-style: italic; padding: 24px 0; }
section.tables { margin-top: 24px; }
section.tables > h2 { font-size: 18px; }
footer { color: var(--muted); font-size: 12px; padding: 0 clamp(16px, 4vw, 48px) 32px; }
@media print { body { background: #fff; } figure.card { break-inside: avoid; } details { display: none; } }
`;

/** A complete HTML document: no script, no external resource, a CSP that forbids both. */
export function htmlDocument(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="incidentkit">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

interface Figure {
  readonly id: string;
  readonly title: string;
  readonly lede: string;
  /** The chart, or undefined when there is nothing to draw (an empty-state line is shown). */
  readonly svg: string | undefined;
  readonly empty: string;
  readonly stamps: readonly string[];
  readonly table: Table;
}

function figureHtml(fig: Figure): string {
  const stamps = fig.stamps.map((s) => `<code>${esc(s.replace(/^definition: /, ''))}</code>`).join('<br>');
  return `<figure class="card" id="fig-${fig.id}" aria-labelledby="fig-${fig.id}-h">
<figcaption><h2 id="fig-${fig.id}-h">${esc(fig.title)}</h2><p class="lede">${esc(fig.lede)}</p></figcaption>
${fig.svg ?? `<p class="empty">${esc(fig.empty)}</p>`}
<p class="stamp">Definition: ${stamps}</p>
<details><summary>Data table</summary>
${tableToHtml(fig.table, { heading: false })}
</details>
</figure>`;
}

/** What the report shows beside the metrics report: the input, the window, and on-call pages. */
export interface ReportContext {
  readonly file: string;
  readonly title?: string | undefined;
  readonly loaded: LoadedIncidents;
  readonly report: MetricsReport;
  readonly options: MetricsReportOptions;
  readonly window: MeasuredWindow | undefined;
  readonly settings: MeasureSettings;
  readonly onCall?: { readonly load: OnCallLoad; readonly weeks: number };
}

function durationFigure(ctx: ReportContext, id: 'mttr' | 'mttd', name: string, lede: string): Figure {
  const unit = ctx.options.interval ?? 'month';
  const period = unit === 'week' ? 'Week' : 'Month';
  const periods = ctx.report.periods ?? [];
  const points = periods.map((p) => ({
    label: p.label,
    p50: p.durations[id]?.medianMs ?? null,
    p90: p.durations[id]?.p90Ms ?? null,
    count: p.durations[id]?.count ?? 0,
  }));
  const withData = points.filter((p) => p.p50 !== null);
  const overall = ctx.report.durations[id];
  const desc =
    withData.length === 0
      ? `No ${name} figures in this export.`
      : `${name} per ${unit}: median ${duration(overall?.medianMs)} and p90 ${duration(overall?.p90Ms)} over the whole window; ` +
        withData.map((p) => `${p.label} median ${duration(p.p50)}, p90 ${duration(p.p90)}`).join('; ');
  return {
    id,
    title: `${name} per ${unit}`,
    lede,
    svg:
      withData.length === 0
        ? undefined
        : bandChart(`chart-${id}`, `${name} per ${unit}, median and p90`, desc, points),
    empty: `No incident in the window has the milestones ${name} needs.`,
    stamps: [
      overall?.definition ?? id,
      `per ${ctx.options.interval ?? 'month'}, calendar of ${ctx.settings.timeZone}`,
    ],
    table: {
      id: `table-${id}`,
      title: `${name} per ${unit}`,
      headers: [period, 'Incidents measured', 'Median', 'p90'],
      numeric: [false, true, true, true],
      rows: points.map((p) => [p.label, count(p.count), duration(p.p50), duration(p.p90)]),
    },
  };
}

function frequencyFigure(ctx: ReportContext): Figure {
  const unit = ctx.options.interval ?? 'month';
  const period = unit === 'week' ? 'Week' : 'Month';
  const buckets = ctx.report.frequency?.buckets ?? [];
  const keys: string[] = [];
  for (const b of buckets)
    for (const k of Object.keys(b.bySeverity ?? {})) if (!keys.includes(k)) keys.push(k);
  // The scale's order (most severe at the bottom of each bar), unclassified last.
  const ordered = [...keys.filter((k) => k !== 'unclassified'), ...keys.filter((k) => k === 'unclassified')];
  let extra = 0;
  const series: Series[] = ordered
    .map((key) => ({
      name: key,
      color: SEVERITY_COLORS[key] ?? EXTRA_COLORS[extra++ % EXTRA_COLORS.length]!,
      values: buckets.map((b) => b.bySeverity?.[key] ?? 0),
    }))
    .filter((s) => s.values.some((v) => v > 0));
  const total = ctx.report.frequency?.total ?? 0;
  const desc = `${count(total)} incidents over ${buckets.length} ${unit}s; ${buckets.map((b) => `${b.label}: ${b.count}`).join(', ')}.`;
  return {
    id: 'frequency',
    title: `Incidents per ${unit} by severity`,
    lede: `How often things break, and how badly. Quiet ${unit}s show as zero, not as gaps.`,
    svg:
      total === 0
        ? undefined
        : stackedBarChart(
            'chart-frequency',
            `Incidents per ${unit}, stacked by severity`,
            desc,
            buckets.map((b) => b.label),
            series,
          ),
    empty: 'No incidents in the window.',
    stamps: [
      `incidentFrequency[detectedAt;${ctx.options.interval ?? 'month'};${ctx.settings.timeZone};bySeverity;scale=SEV1–SEV4]`,
    ],
    table: {
      id: 'table-frequency',
      title: `Incidents per ${unit} by severity`,
      headers: [period, 'Total', ...series.map((s) => s.name)],
      numeric: [false, true, ...series.map(() => true)],
      rows: buckets.map((b, i) => [b.label, count(b.count), ...series.map((s) => count(s.values[i] ?? 0))]),
    },
  };
}

function detectionFigure(ctx: ReportContext): Figure {
  const d = ctx.report.detection;
  const bars = Object.entries(d.bySource)
    .map(([source, n]) => ({
      label: source,
      value: n,
      color: SOURCE_COLORS[source] ?? 'var(--accent)',
      text: `${count(n)} (${percent(d.total === 0 ? null : n / d.total)})`,
    }))
    .sort((a, b) => b.value - a.value);
  const desc = `${percent(d.automatedRate)} of ${count(d.total)} incidents were detected automatically; ${bars.map((b) => `${b.label} ${b.text}`).join(', ')}.`;
  return {
    id: 'detection',
    title: 'How incidents were detected',
    lede: `${percent(d.automatedRate)} automated (monitoring, synthetic checks, anomaly detection). Customer reports mean the alerts came second.`,
    svg:
      d.total === 0
        ? undefined
        : horizontalBarChart('chart-detection', 'Incidents by detection source', desc, bars, {
            unit: 'incidents',
          }),
    empty: 'No incidents in the window.',
    stamps: detectionTable(ctx.report).note ?? [],
    table: detectionTable(ctx.report),
  };
}

function actionItemFigure(ctx: ReportContext): Figure {
  const a = ctx.report.actionItems;
  const parts = [
    { label: 'done', value: a.done, color: '#4c956c' },
    { label: 'open', value: Math.max(0, a.open - a.overdue), color: '#6b9ac4' },
    { label: 'overdue', value: a.overdue, color: '#d1495b' },
    { label: "won't fix", value: a.wontfix, color: '#a3a8b0' },
  ];
  const desc = `${count(a.total)} action items: ${parts.map((p) => `${p.value} ${p.label}`).join(', ')}; completion ${percent(a.completionRate)}, on time ${percent(a.onTimeRate)}.`;
  return {
    id: 'action-items',
    title: 'Action-item follow-through',
    lede:
      a.total === 0
        ? 'Postmortems only pay off when their action items land.'
        : `${percent(a.completionRate)} completed, ${percent(a.onTimeRate)} on time. Postmortems only pay off when their action items land.`,
    svg: a.total === 0 ? undefined : partsChart('chart-action-items', 'Action items by state', desc, parts),
    empty:
      'This export carries no action items (alerting tools do not export them; incidentkit incidents do).',
    stamps: actionItemTable(ctx.report).note ?? [],
    table: actionItemTable(ctx.report),
  };
}

function recurrenceFigure(ctx: ReportContext): Figure {
  const r = ctx.report.recurrence;
  const top = r.repeated.slice(0, 12);
  const bars = top.map((k) => ({
    label: k.key,
    value: k.recurrences,
    behind: k.incidents,
    color: '#e0632b',
    text: `${count(k.recurrences)} of ${count(k.incidents)}`,
  }));
  const desc = `${percent(r.rate)} of ${count(r.incidents)} categorised incidents recurred. ${bars.map((b) => `${b.label}: ${b.text} incidents were repeats`).join('; ')}.`;
  return {
    id: 'recurrence',
    title: 'Recurrence by category',
    lede: `${percent(r.rate)} of incidents with a category had happened before. Dark: repeats; light: all incidents in the category.`,
    svg:
      bars.length === 0
        ? undefined
        : horizontalBarChart('chart-recurrence', 'Recurring categories', desc, bars, { unit: 'incidents' }),
    empty:
      r.incidents === 0
        ? 'No incident carries a category, so recurrence cannot be measured.'
        : 'No category recurred in the window.',
    stamps: recurrenceTable(ctx.report).note ?? [],
    table: recurrenceTable(ctx.report, 50),
  };
}

function onCallFigure(ctx: ReportContext): Figure | undefined {
  if (!ctx.onCall) return undefined;
  const { load, weeks } = ctx.onCall;
  const bars = load.responders.slice(0, 15).map((r) => ({
    label: r.responder,
    value: r.pagesPerWeek,
    color: r.overThreshold ? '#d1495b' : '#2f6f9f',
    text: `${r.pagesPerWeek.toFixed(1)}/week`,
  }));
  const desc = `${count(load.totalPages)} pages over ${weeks} weeks; ${load.overThreshold.length} responders over 2 pages a week; ${bars.map((b) => `${b.label} ${b.text}`).join(', ')}.`;
  const table = onCallTable(load, weeks, ctx.settings.timeZone);
  return {
    id: 'on-call',
    title: 'On-call load',
    lede: `Pages per responder per week; the dashed line is the sustainable 2 a week. ${percent(load.offHoursShare)} of pages came outside working hours.`,
    svg:
      bars.length === 0
        ? undefined
        : horizontalBarChart('chart-on-call', 'Pages per responder per week', desc, bars, {
            threshold: { value: 2, label: '2/week' },
            unit: 'pages per week',
          }),
    empty: 'No pages in the window.',
    stamps: table.note ?? [],
    table,
  };
}

/**
 * The HTML report: one self-contained page (inline CSS and SVG, no script, nothing fetched) with
 * the headline figures, a chart per question (how fast we resolve and detect, how often and how
 * badly things break, how we find out, whether action items land, what keeps coming back, who
 * carries the pager) each with its definition stamp and a data table, then the full tables.
 */
export function reportPage(ctx: ReportContext): string {
  const { report } = ctx;
  const title = ctx.title ?? 'Incident metrics';
  const scope = describeScope(ctx.file, ctx.loaded, report, ctx.window, ctx.settings);
  const kpis: [string, string][] = [
    [count(report.incidents), 'incidents'],
    [duration(report.durations.mttr?.medianMs), 'median time to resolve'],
    [duration(report.durations.mttd?.medianMs), 'median time to detect'],
    [percent(report.detection.automatedRate), 'detected automatically'],
    [percent(report.recurrence.rate), 'recurred'],
    [percent(report.actionItems.completionRate), 'action items done'],
  ];
  const figures = [
    durationFigure(
      ctx,
      'mttr',
      'Time to resolve',
      'From the start of impact to resolution: the typical incident (line) and the slow tail (band up to p90).',
    ),
    durationFigure(
      ctx,
      'mttd',
      'Time to detect',
      'From the start of impact to detection: how long problems go unnoticed.',
    ),
    frequencyFigure(ctx),
    detectionFigure(ctx),
    actionItemFigure(ctx),
    recurrenceFigure(ctx),
    onCallFigure(ctx),
  ].filter((fig): fig is Figure => fig !== undefined);
  const extraTables = [overdueTable(report, ctx.settings.timeZone), postmortemTable(report)].filter(
    (t): t is Table => t !== undefined,
  );
  const generated = formatTimestamp(ctx.settings.now, { timeZone: ctx.settings.timeZone });
  const body = `<header class="page">
<h1>${esc(title)}</h1>
${scope.map((line) => `<p>${esc(line)}</p>`).join('\n')}
</header>
<main>
<ul class="kpis" aria-label="Headline figures">
${kpis.map(([value, label]) => `<li class="kpi"><span class="value">${esc(value)}</span><span class="label">${esc(label)}</span></li>`).join('\n')}
</ul>
<div class="grid">
${figures.map(figureHtml).join('\n')}
</div>
${
  extraTables.length > 0
    ? `<section class="tables" aria-label="More figures"><h2>More figures</h2>\n${extraTables.map((t) => tableToHtml(t)).join('\n')}\n</section>`
    : ''
}
</main>
<footer>Generated by incidentkit at ${esc(generated)}. Every figure states its definition: two figures are comparable when their definitions match.</footer>`;
  return htmlDocument(title, body);
}
