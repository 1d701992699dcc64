import { escapeHtml, escapeMarkdown, escapePlainText } from '../../internal/escape.js';
import type { FrequencyInterval } from '../../metrics/index.js';
import { type Command, onePositional, stringOption } from '../command.js';
import { printImportSummary } from '../import-summary.js';
import { loadIncidents } from '../load-incidents.js';
import { MEASURE_OPTIONS, measure, readMeasureSettings } from '../measure.js';
import { describeScope, metricsTables } from '../metrics-tables.js';
import { writeOutput } from '../output.js';
import { htmlDocument } from '../report-page.js';
import { tableToHtml, tableToMarkdown, tableToText } from '../table.js';

/** `incidentkit metrics`: the figures of an export as a table, JSON, markdown or HTML. */
export const metricsCommand: Command = {
  name: 'metrics',
  summary: 'MTTD/MTTA/MTTM/MTTR, frequency, recurrence, detection and follow-through of an export',
  usage: 'metrics <file> [options]',
  description: [
    'Measures the incidents in <file>: a PagerDuty, Statuspage, incident.io or Opsgenie export (JSON or',
    'CSV), any CSV with --mapping, or incidentkit incidents or event logs (JSON). CSV is streamed, so',
    'exports of any size fit in memory. Without --since / --until the whole export is measured.',
    'Skipped rows are listed on stderr and do not change the exit code.',
  ].join('\n'),
  options: {
    interval: {
      type: 'string',
      value: 'period',
      choices: ['week', 'month'],
      description: 'Add figures per period and their trends.',
    },
    format: {
      type: 'string',
      short: 'f',
      value: 'format',
      choices: ['table', 'json', 'markdown', 'html'],
      description: 'Output format (default table; json is the metricsReport result, in ms).',
    },
    out: { type: 'string', short: 'o', value: 'file', description: 'Write to this file instead of stdout.' },
    ...MEASURE_OPTIONS,
  },
  examples: [
    'incidentkit metrics incidents.csv --since 2026-01-01 --interval month',
    'incidentkit metrics pagerduty.json --severity SEV1,SEV2 --format json > metrics.json',
    'incidentkit metrics export.csv --mapping detectedAt=created,resolvedAt=resolved,severity=sev',
  ],
  async run(parsed, streams) {
    const file = onePositional(parsed, 'file');
    const settings = await readMeasureSettings(parsed);
    const format = stringOption(parsed, 'format') ?? 'table';
    const interval = stringOption(parsed, 'interval') as FrequencyInterval | undefined;
    const loaded = await loadIncidents(file, settings.load, streams.stderr);
    if (!settings.quiet) printImportSummary(loaded, streams.stderr);
    const { report, window } = measure(loaded, settings, interval);
    let text: string;
    if (format === 'json') text = `${JSON.stringify(report, null, 2)}\n`;
    else {
      const scope = describeScope(file, loaded, report, window, settings);
      const tables = metricsTables(report, settings.timeZone);
      if (format === 'markdown') {
        text = `# Incident metrics\n\n${scope.map((l) => escapeMarkdown(l, { inline: true })).join('  \n')}\n\n${tables.map(tableToMarkdown).join('\n\n')}\n`;
      } else if (format === 'html') {
        text = htmlDocument(
          'Incident metrics',
          `<main><h1>Incident metrics</h1>\n<p>${scope.map((l) => escapeHtml(l)).join('<br>')}</p>\n${tables.map((t) => `<section>${tableToHtml(t)}</section>`).join('\n')}\n</main>`,
        );
      } else {
        text = `${scope.map(escapePlainText).join('\n')}\n\n${tables.map(tableToText).join('\n\n')}\n`;
      }
    }
    await writeOutput(text, stringOption(parsed, 'out'), streams);
    return 0;
  },
};
