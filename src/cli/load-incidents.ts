import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { parse } from 'csv-parse';
import {
  type CsvMapping,
  createCsvRowImporter,
  createPagerDutyRowImporter,
  detectImportSource,
  type ImportOptions,
  type ImportSource,
  type ImportWarning,
  importIncidents,
  type RowImporter,
  type SkippedRow,
} from '../importers/index.js';
import { replay } from '../lifecycle/index.js';
import type { IncidentFacts } from '../metrics/index.js';
import {
  type Incident,
  type IncidentEventInput,
  isIncidentKitError,
  withErrorContext,
} from '../model/index.js';
import { usageError } from './cli-error.js';
import type { CliStreams } from './command.js';
import { createIncidentColumns } from './incident-columns.js';
import { createProgress } from './progress.js';

/** What the input turned out to be: a vendor export, or incidentkit's own incidents or event logs. */
export type InputKind = ImportSource | 'incidents' | 'events';

/** Every kind `--source` accepts. */
export const INPUT_KINDS: readonly InputKind[] = [
  'statuspage',
  'pagerduty',
  'pagerduty-analytics',
  'incident-io',
  'opsgenie',
  'csv',
  'incidents',
  'events',
];

/** How to read the input file. */
export interface LoadOptions {
  readonly source?: InputKind | undefined;
  readonly mapping?: CsvMapping | undefined;
  readonly severityMap?: Readonly<Record<string, string>> | undefined;
  readonly defaultSource?: ImportOptions['defaultSource'] | undefined;
  readonly timeZone?: string | undefined;
  readonly quiet?: boolean | undefined;
  /** The CSV field separator (default `,`). */
  readonly delimiter?: string | undefined;
}

/** The incidents read, and what was left out. */
export interface LoadedIncidents {
  readonly kind: InputKind;
  readonly incidents: readonly IncidentFacts[];
  /** Rows (CSV) or list entries (JSON) read. */
  readonly rows: number;
  readonly skippedCount: number;
  readonly skipped: readonly SkippedRow[];
  readonly warnings: readonly ImportWarning[];
  /** Whether the input says anything about postmortems (exports of alerting tools do not). */
  readonly knowsPostmortems: boolean;
  /** Whether the file was CSV (skipped rows are numbered by line) or JSON (by list position). */
  readonly csv: boolean;
  /** First and last detection time (epoch ms) of the incidents, when there are any. */
  readonly firstDetectedAt?: number | undefined;
  readonly lastDetectedAt?: number | undefined;
}

/** Skipped rows kept for the summary; the rest are only counted. */
const MAX_SKIPPED = 1_000;

/** Reads the input file, or throws a usage error saying why it cannot. */
async function checkFile(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw usageError(`<file>`, `${file} is not a file`);
    return info.size;
  } catch (error) {
    if (isIncidentKitError(error)) throw error;
    const code = (error as { code?: string | undefined }).code;
    if (code === 'ENOENT') throw usageError('<file>', `${file} not found`);
    if (code === 'EACCES') throw usageError('<file>', `${file} cannot be read (permission denied)`);
    throw usageError('<file>', `${file} cannot be read (${code ?? String(error)})`);
  }
}

/** The first bytes of the file, to tell JSON from CSV without reading it all. */
async function head(file: string, bytes = 64 * 1024): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
}

function detectionRange(incidents: readonly IncidentFacts[]): {
  firstDetectedAt?: number | undefined;
  lastDetectedAt?: number | undefined;
} {
  let first = Infinity;
  let last = -Infinity;
  for (const incident of incidents) {
    const at = incident.milestones?.detectedAt;
    if (typeof at !== 'number') continue;
    if (at < first) first = at;
    if (at > last) last = at;
  }
  return first <= last ? { firstDetectedAt: first, lastDetectedAt: last } : {};
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isEvent = (v: unknown) => isObject(v) && typeof v.type === 'string' && /^[A-Z_]+$/.test(v.type);
const isIncident = (v: unknown) => isObject(v) && isObject(v.milestones) && typeof v.phase === 'string';

/** Splits event-log JSON into one log per incident. */
function eventLogs(json: unknown): IncidentEventInput[][] | undefined {
  if (Array.isArray(json)) {
    if (json.length > 0 && json.every((log) => Array.isArray(log) && log.length > 0 && log.every(isEvent))) {
      return json as IncidentEventInput[][];
    }
    if (json.length > 0 && json.every(isEvent)) {
      const events = json as (IncidentEventInput & { incidentId?: unknown })[];
      // Store dumps tag each event with its incident; a plain log starts each incident with DECLARE.
      if (events.every((e) => typeof e.incidentId === 'string')) {
        const byId = new Map<string, IncidentEventInput[]>();
        for (const e of events) {
          const list = byId.get(e.incidentId as string) ?? [];
          list.push(e);
          byId.set(e.incidentId as string, list);
        }
        return [...byId.values()];
      }
      const logs: IncidentEventInput[][] = [];
      for (const e of events) {
        if (e.type === 'DECLARE' || logs.length === 0) logs.push([]);
        logs[logs.length - 1]!.push(e);
      }
      return logs;
    }
    return undefined;
  }
  if (isObject(json)) {
    if (Array.isArray(json.events) && json.events.length > 0 && json.events.every(isEvent)) {
      return [json.events as IncidentEventInput[]];
    }
    const values = Object.values(json);
    if (values.length > 0 && values.every((v) => Array.isArray(v) && v.length > 0 && v.every(isEvent))) {
      return values as IncidentEventInput[][];
    }
  }
  return undefined;
}

/** Replays each log into its incident; a log that does not replay is a usage error naming it. */
export function replayLogs(logs: readonly IncidentEventInput[][]): Incident[] {
  return logs.map((log, k) => {
    try {
      return replay(log);
    } catch (error) {
      if (isIncidentKitError(error) && logs.length > 1)
        throw withErrorContext(error, { at: `logs[${k}]`, from: '' });
      throw error;
    }
  });
}

/** Which kind of JSON document this is: incidentkit's own, or the vendor `detectImportSource` names. */
export function jsonKind(json: unknown): InputKind | undefined {
  if (Array.isArray(json) && json.length > 0 && json.every(isIncident)) return 'incidents';
  if (
    isObject(json) &&
    Array.isArray(json.incidents) &&
    json.incidents.length > 0 &&
    json.incidents.every(isIncident)
  ) {
    return 'incidents';
  }
  if (eventLogs(json)) return 'events';
  return detectImportSource(json);
}

/** Reads and parses a JSON file (a usage error when it is not JSON). */
export async function readJsonFile(file: string): Promise<unknown> {
  await checkFile(file);
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw usageError('<file>', `${file} is not valid JSON (${(error as Error).message})`);
  }
}

function importOptions(options: LoadOptions): ImportOptions {
  return {
    ...(options.severityMap && { severityMap: options.severityMap }),
    ...(options.timeZone && { timeZone: options.timeZone }),
    ...(options.defaultSource && { defaultSource: options.defaultSource }),
  };
}

async function loadJson(file: string, options: LoadOptions): Promise<LoadedIncidents> {
  const json = await readJsonFile(file);
  const kind = options.source ?? jsonKind(json);
  if (kind === undefined) {
    throw usageError(
      '<file>',
      `cannot tell what ${file} holds: not incidentkit incidents or events, nor a Statuspage, PagerDuty, incident.io or Opsgenie export; name it with --source`,
    );
  }
  if (kind === 'incidents') {
    const list = (Array.isArray(json) ? json : isObject(json) ? json.incidents : undefined) as unknown;
    if (!Array.isArray(list)) throw usageError('<file>', `${file} is not a list of incidents`);
    const incidents = list as IncidentFacts[];
    return {
      kind,
      incidents,
      rows: list.length,
      skippedCount: 0,
      skipped: [],
      warnings: [],
      knowsPostmortems: true,
      csv: false,
      ...detectionRange(incidents),
    };
  }
  if (kind === 'events') {
    const logs = eventLogs(json);
    if (!logs)
      throw usageError('<file>', `${file} is not an event log (a list of events starting with DECLARE)`);
    const incidents = replayLogs(logs);
    return {
      kind,
      incidents,
      rows: logs.length,
      skippedCount: 0,
      skipped: [],
      warnings: [],
      knowsPostmortems: true,
      csv: false,
      ...detectionRange(incidents),
    };
  }
  if (kind === 'csv') throw usageError('--source', 'csv needs a CSV file');
  const result = importIncidents(json, { source: kind, ...importOptions(options) });
  const columns = createIncidentColumns();
  for (const incident of result.incidents) columns.add(incident);
  const range = detectionRange(result.incidents);
  const incidents = columns.facts();
  return {
    kind,
    incidents,
    rows: result.incidents.length + result.skipped.length,
    skippedCount: result.skipped.length,
    skipped: result.skipped.slice(0, MAX_SKIPPED),
    warnings: result.warnings,
    knowsPostmortems: columns.hasPostmortems,
    csv: false,
    ...range,
  };
}

/** The CSV header's column names. */
function headerOf(text: string, delimiter: string): string[] {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  return first.split(delimiter).map((c) => c.trim().replace(/^"|"$/g, ''));
}

function csvImporter(kind: InputKind, options: LoadOptions): RowImporter {
  const rowOptions = { ...importOptions(options), maxSkipped: MAX_SKIPPED };
  if (options.mapping) return createCsvRowImporter(options.mapping, rowOptions);
  if (kind === 'pagerduty' || kind === 'pagerduty-analytics') return createPagerDutyRowImporter(rowOptions);
  throw usageError(
    '--mapping',
    'this CSV is not a PagerDuty export; say which column holds what with --mapping (e.g. --mapping detectedAt=created,resolvedAt=resolved)',
  );
}

async function loadCsv(
  file: string,
  text: string,
  size: number,
  options: LoadOptions,
  stderr: CliStreams['stderr'],
): Promise<LoadedIncidents> {
  const kind: InputKind = options.source ?? (options.mapping ? 'csv' : (detectImportSource(text) ?? 'csv'));
  if (!['csv', 'pagerduty', 'pagerduty-analytics'].includes(kind)) {
    throw usageError('--source', `${kind} exports are JSON, but ${file} is CSV`);
  }
  const importer = csvImporter(kind, options);
  if (options.mapping) {
    const header = new Set(headerOf(text, options.delimiter ?? ','));
    for (const [field, column] of Object.entries(options.mapping)) {
      if (typeof column === 'string' && !header.has(column)) {
        throw usageError(
          '--mapping',
          `${field} maps to column "${column}", which ${file} does not have (its columns: ${[...header].slice(0, 30).join(', ')})`,
        );
      }
    }
  }
  const progress = createProgress(stderr, { label: file, totalBytes: size, quiet: options.quiet === true });
  // Blank lines are kept (not skipped by the parser) so that counting records and the newlines
  // inside quoted fields gives each record's line: the parser's own counter runs ahead of the loop,
  // and asking it for per-record info costs more than the whole import.
  const parser = parse({
    columns: true,
    bom: true,
    relax_column_count: true,
    ...(options.delimiter !== undefined && { delimiter: options.delimiter }),
  });
  const input = createReadStream(file);
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  const columns = createIncidentColumns();
  let rows = 0;
  let line = 1;
  let first = Infinity;
  let last = -Infinity;
  try {
    for await (const record of parser as AsyncIterable<Record<string, string | undefined>>) {
      line++;
      let blank = true;
      let breaks = 0;
      // The parser's records are plain objects of strings; `for…in` reads them fastest.
      for (const key in record) {
        const value = record[key];
        if (value === undefined || value === '') continue;
        blank = false;
        for (let at = value.indexOf('\n'); at >= 0; at = value.indexOf('\n', at + 1)) breaks++;
      }
      // The parser reports the line a record ends on; rows are known by the line they start on.
      const start = line;
      line += breaks;
      if (blank) continue;
      rows++;
      const imported = importer.push(record, start);
      if (imported) {
        const at = imported.milestones.detectedAt;
        if (at < first) first = at;
        if (at > last) last = at;
        columns.add(imported);
      }
      progress.update(rows, parser.info.bytes);
    }
  } catch (error) {
    if (isIncidentKitError(error)) throw error;
    throw usageError('<file>', `${file} is not readable CSV: ${(error as Error).message}`);
  } finally {
    progress.done(rows);
  }
  const summary = importer.result();
  return {
    kind,
    incidents: columns.facts(),
    rows,
    skippedCount: summary.skippedCount,
    skipped: summary.skipped,
    warnings: summary.warnings,
    knowsPostmortems: columns.hasPostmortems,
    csv: true,
    ...(first <= last && { firstDetectedAt: first, lastDetectedAt: last }),
  };
}

/**
 * Reads incidents from a file: incidentkit's own incidents or event logs (JSON), a vendor's JSON
 * export, or a CSV export streamed row by row (so a 1 GB export never sits in memory whole).
 */
export async function loadIncidents(
  file: string,
  options: LoadOptions,
  stderr: CliStreams['stderr'],
): Promise<LoadedIncidents> {
  const size = await checkFile(file);
  const start = await head(file);
  const json = /^\s*[[{]/.test(start);
  if (options.mapping && json) throw usageError('--mapping', `${file} is JSON; --mapping is for CSV files`);
  if (!json && start.trim() === '') throw usageError('<file>', `${file} is empty`);
  return json ? loadJson(file, options) : loadCsv(file, start, size, options, stderr);
}
