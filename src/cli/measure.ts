import type { CsvMapping } from '../importers/index.js';
import {
  type FrequencyInterval,
  type MetricsReport,
  type MetricsReportOptions,
  metricsReport,
  type OpenIncidentPolicy,
} from '../metrics/index.js';
import { defaultSeverityPolicy, defaultSeverityScale, severityLevel } from '../severity/index.js';
import { usageError } from './cli-error.js';
import { type OptionSpec, type ParsedArgs, stringOption } from './command.js';
import { INPUT_KINDS, type InputKind, type LoadedIncidents, type LoadOptions } from './load-incidents.js';
import { readMapping, readSeverityMap } from './mapping-option.js';
import { readTimeOption, readTimeZoneOption } from './time-option.js';

/** The options `metrics` and `report` share: what to read and which incidents to measure. */
export const MEASURE_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  since: {
    type: 'string',
    value: 'time',
    description: 'Count incidents detected from this time (2026-01-01, 2026-01 or ISO with offset).',
  },
  until: { type: 'string', value: 'time', description: 'Count incidents detected before this time.' },
  severity: {
    type: 'string',
    value: 'keys',
    multiple: true,
    description: 'Only these severities (comma-separated; "unclassified" for none).',
  },
  'time-zone': {
    type: 'string',
    value: 'zone',
    description: 'IANA zone for calendar periods, dates and CSV times without an offset (default UTC).',
  },
  open: {
    type: 'string',
    value: 'policy',
    choices: ['exclude', 'censor'],
    description: 'Open incidents: leave out, or count as right-censored (Kaplan–Meier).',
  },
  source: {
    type: 'string',
    value: 'kind',
    choices: INPUT_KINDS,
    description: 'What the file holds (detected from its shape by default).',
  },
  mapping: {
    type: 'string',
    value: 'map',
    description:
      'CSV columns: a JSON file, JSON, or field=column pairs (detectedAt=created,resolvedAt=resolved).',
  },
  delimiter: {
    type: 'string',
    value: 'char',
    description: 'CSV field separator: one character, or "tab" (default ,).',
  },
  'severity-map': {
    type: 'string',
    value: 'map',
    description: 'Vendor severities onto the scale: P1=SEV1,P2=SEV2 or a JSON file.',
  },
  'default-source': {
    type: 'string',
    value: 'source',
    choices: ['monitoring', 'synthetic', 'anomaly', 'customer', 'internal'],
    description:
      'How incidents were detected when the export does not say (default internal; PagerDuty pages are mostly monitoring).',
  },
  'include-drills': { type: 'boolean', description: 'Count drills (game days, test incidents).' },
  'include-cancelled': { type: 'boolean', description: 'Count cancelled, declined and merged incidents.' },
  now: {
    type: 'string',
    value: 'time',
    description: 'The time open incidents and overdue items are measured at (default: now).',
  },
  quiet: { type: 'boolean', short: 'q', description: 'No progress or skipped-row summary on stderr.' },
};

/** The measure options, read and checked. */
export interface MeasureSettings {
  readonly load: LoadOptions;
  readonly timeZone: string;
  readonly since?: number | undefined;
  readonly until?: number | undefined;
  readonly severity: readonly string[];
  readonly open: OpenIncidentPolicy;
  readonly now: number;
  readonly includeDrills: boolean;
  readonly includeCancelled: boolean;
  readonly quiet: boolean;
}

/** `--delimiter`: one character (not a quote, line break or space-like control), or `tab`. */
function readDelimiter(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const delimiter = value === 'tab' || value === '\\t' ? '\t' : value;
  if ([...delimiter].length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r')
    throw usageError(
      '--delimiter',
      `"${value.slice(0, 20)}" is not one character (use ; or tab, for example)`,
    );
  return delimiter;
}

/**
 * A `--severity` (or `--severity-map` target) value as a key of the scale imports map onto (`P0` →
 * `SEV1`): the metrics compare keys, so an alias or a typo would otherwise select nothing, or count
 * as a severity of its own, without a word.
 */
function severityOnScale(value: string, option = '--severity'): string {
  if (option === '--severity' && value === 'unclassified') return value;
  const level = severityLevel(value, { policy: defaultSeverityPolicy });
  if (level === undefined) {
    const known = defaultSeverityScale.map((l) => [l.key, ...l.aliases].join('/')).join(', ');
    throw usageError(option, `"${value.slice(0, 40)}" is not on the scale (${known})`);
  }
  return level.key;
}

/** Reads and checks the shared options (a usage error for a bad time, zone, mapping…). */
export async function readMeasureSettings(parsed: ParsedArgs): Promise<MeasureSettings> {
  const timeZone = readTimeZoneOption(stringOption(parsed, 'time-zone'));
  const since = readTimeOption(stringOption(parsed, 'since'), 'since', timeZone);
  const until = readTimeOption(stringOption(parsed, 'until'), 'until', timeZone);
  if (since !== undefined && until !== undefined && since >= until) {
    throw usageError('--until', 'must be after --since');
  }
  const mappingText = stringOption(parsed, 'mapping');
  const mapping: CsvMapping | undefined =
    mappingText === undefined ? undefined : await readMapping(mappingText);
  const severityMapText = stringOption(parsed, 'severity-map');
  const severityMap = severityMapText === undefined ? undefined : await readSeverityMap(severityMapText);
  // The CLI measures on the default scale: a target off it would count as a severity of its own.
  if (severityMap !== undefined)
    for (const [from, to] of Object.entries(severityMap))
      severityMap[from] = severityOnScale(to, '--severity-map');
  const source = stringOption(parsed, 'source') as InputKind | undefined;
  const quiet = parsed.values.quiet === true;
  const delimiter = readDelimiter(stringOption(parsed, 'delimiter'));
  const defaultSource = stringOption(parsed, 'default-source') as LoadOptions['defaultSource'];
  const severityValues = parsed.values.severity;
  const severity = (Array.isArray(severityValues) ? severityValues : [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => severityOnScale(v));
  return {
    load: {
      ...(source && { source }),
      ...(mapping && { mapping }),
      ...(severityMap && { severityMap }),
      ...(defaultSource && { defaultSource }),
      timeZone,
      quiet,
      ...(delimiter !== undefined && { delimiter }),
    },
    timeZone,
    ...(since !== undefined && { since }),
    ...(until !== undefined && { until }),
    severity,
    open: (stringOption(parsed, 'open') ?? 'exclude') as OpenIncidentPolicy,
    now: readTimeOption(stringOption(parsed, 'now'), 'now', timeZone) ?? Date.now(),
    includeDrills: parsed.values['include-drills'] === true,
    includeCancelled: parsed.values['include-cancelled'] === true,
    quiet,
  };
}

/** The window measured: the options' `since` / `until`, else the export's first and last detection. */
export interface MeasuredWindow {
  readonly since: number;
  readonly until: number;
}

/** The detection window measured, or undefined when there are no incidents in it. */
export function windowOf(settings: MeasureSettings, loaded: LoadedIncidents): MeasuredWindow | undefined {
  const since = settings.since ?? loaded.firstDetectedAt;
  const until =
    settings.until ?? (loaded.lastDetectedAt === undefined ? undefined : loaded.lastDetectedAt + 1);
  return since === undefined || until === undefined || since >= until ? undefined : { since, until };
}

/** Runs `metricsReport` over the loaded incidents with the settings (and periods with an interval). */
export function measure(
  loaded: LoadedIncidents,
  settings: MeasureSettings,
  interval: FrequencyInterval | undefined,
): { report: MetricsReport; window: MeasuredWindow | undefined; options: MetricsReportOptions } {
  const window = windowOf(settings, loaded);
  const options: MetricsReportOptions = {
    now: settings.now,
    open: settings.open,
    timeZone: settings.timeZone,
    ...(settings.since !== undefined && { since: settings.since }),
    ...(settings.until !== undefined && { until: settings.until }),
    ...(settings.severity.length > 0 && { severity: settings.severity }),
    ...(settings.includeDrills && { includeDrills: true }),
    ...(settings.includeCancelled && { includeCancelled: true }),
    ...(interval !== undefined &&
      window !== undefined && {
        interval,
        since: window.since,
        until: window.until,
        bySeverity: true,
        scale: defaultSeverityScale,
      }),
    ...(loaded.knowsPostmortems && { policy: defaultSeverityPolicy }),
  };
  return { report: metricsReport(loaded.incidents, options), window, options };
}
