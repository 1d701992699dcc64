import { onCallLoad } from '../../metrics/index.js';
import { type Command, onePositional, stringOption } from '../command.js';
import { printImportSummary } from '../import-summary.js';
import { loadIncidents } from '../load-incidents.js';
import { loadPages } from '../load-pages.js';
import { MEASURE_OPTIONS, measure, readMeasureSettings } from '../measure.js';
import { writeOutput } from '../output.js';
import { reportPage } from '../report-page.js';

const WEEK = 604_800_000;

/** `incidentkit report`: one self-contained HTML page of charts. */
export const reportCommand: Command = {
  name: 'report',
  summary: 'A self-contained HTML report with charts (MTTR/MTTD trends, severity mix, recurrence…)',
  usage: 'report <file> --out report.html [options]',
  description: [
    'Writes one HTML page (inline SVG charts, no script, nothing fetched from the network) about the',
    'incidents in <file>: time to resolve and to detect per month (median and p90), incidents per month',
    'by severity, detection sources, action-item follow-through, recurrence by category, and on-call',
    'load when --pages is given. Every figure states its metric definition; every chart has a title,',
    'a description and a data table for screen readers.',
  ].join('\n'),
  options: {
    out: {
      type: 'string',
      short: 'o',
      value: 'file',
      description: 'The HTML file to write (stdout without it).',
    },
    pages: {
      type: 'string',
      value: 'file',
      description: 'On-call pages (JSON or CSV: responder, at) for the on-call load chart.',
    },
    title: { type: 'string', value: 'text', description: 'The page title (default "Incident metrics").' },
    interval: {
      type: 'string',
      value: 'period',
      choices: ['week', 'month'],
      description: 'Chart periods (default month).',
    },
    ...MEASURE_OPTIONS,
  },
  examples: [
    'incidentkit report pagerduty-incidents.csv --out report.html --since 2026-01-01 --pages pages.csv',
  ],
  async run(parsed, streams) {
    const file = onePositional(parsed, 'file');
    const settings = await readMeasureSettings(parsed);
    const pagesFile = stringOption(parsed, 'pages');
    const pages = pagesFile === undefined ? undefined : await loadPages(pagesFile);
    const loaded = await loadIncidents(file, settings.load, streams.stderr);
    if (!settings.quiet) printImportSummary(loaded, streams.stderr);
    const interval = (stringOption(parsed, 'interval') ?? 'month') as 'week' | 'month';
    const { report, window, options } = measure(loaded, settings, interval);
    let onCall: { load: ReturnType<typeof onCallLoad>; weeks: number } | undefined;
    if (pages && pages.length > 0) {
      const times = pages.map((p) => p.at as number);
      const to = settings.until ?? window?.until ?? Math.max(...times) + 1;
      const from = settings.since ?? window?.since ?? Math.min(...times);
      const weeks = Math.min(520, Math.max(1, Math.ceil((to - from) / WEEK)));
      onCall = { load: onCallLoad(pages, { now: to, weeks, timeZone: settings.timeZone }), weeks };
    }
    const title = stringOption(parsed, 'title');
    const html = reportPage({
      file,
      ...(title !== undefined && { title }),
      loaded,
      report,
      options,
      window,
      settings,
      ...(onCall && { onCall }),
    });
    const out = stringOption(parsed, 'out');
    await writeOutput(html, out, streams);
    if (out !== undefined && out !== '-' && !settings.quiet) {
      streams.stderr.write(`incidentkit: wrote ${out} (${Math.ceil(Buffer.byteLength(html) / 1024)} KB)\n`);
    }
    return 0;
  },
};
