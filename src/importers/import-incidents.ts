import { invalidInput } from '../model/errors.js';
import { readOptions } from '../model/validate.js';
import { detectImportSource } from './detect-import-source.js';
import { fromCsv } from './from-csv.js';
import { INCIDENT_IO_OPTION_KEYS, incidentIoIncidents } from './from-incident-io.js';
import { opsgenieIncidents } from './from-opsgenie.js';
import { pagerDutyCsv, pagerDutyIncidents } from './from-pagerduty.js';
import { statuspageIncidents } from './from-statuspage.js';
import { createImportContext, readImportOptions } from './import-context.js';
import { parseJsonInput, readJsonInput } from './json-input.js';
import type { CsvMapping, ImportedTimestamp, ImportOptions, ImportResult, ImportSource } from './types.js';

/**
 * Options of {@link importIncidents}: the source (detected from the input's shape when absent),
 * the CSV mapping, and the options of the importer it dispatches to.
 *
 * @example
 * ```ts
 * import type { ImportIncidentsOptions } from 'incidentkit/importers';
 * const options: ImportIncidentsOptions = { source: 'csv', mapping: { id: 'id', detectedAt: 'created' }, timeZone: 'UTC' };
 * ```
 */
export interface ImportIncidentsOptions extends ImportOptions {
  readonly source?: ImportSource | undefined;
  /** Required for `csv`. */
  readonly mapping?: CsvMapping | undefined;
  /** incident.io timestamp names (see `IncidentIoImportOptions.timestamps`). */
  readonly timestamps?: Readonly<Partial<Record<ImportedTimestamp, string | readonly string[]>>> | undefined;
  /** CSV field delimiter (default `,`). */
  readonly delimiter?: string | undefined;
}

const SOURCES: readonly ImportSource[] = [
  'statuspage',
  'pagerduty',
  'pagerduty-analytics',
  'incident-io',
  'opsgenie',
  'csv',
];

/**
 * Imports any supported export: detects the source from the input's shape (or takes
 * `options.source`) and calls the matching importer — {@link fromStatuspage}, {@link fromPagerDuty}
 * (both PagerDuty shapes), {@link fromIncidentIo}, {@link fromOpsgenie} or {@link fromCsv}.
 *
 * @param input - a parsed JSON export, JSON text, or CSV text
 * @param options - `source`, `mapping` (for a generic CSV), and the importers' options
 * @returns the incidents, skipped rows and warnings of that importer
 * @throws `INVALID_INPUT` when the source cannot be told (pass `source`), a generic CSV has no mapping, or the input does not fit the source
 *
 * @example
 * ```ts
 * import { importIncidents } from 'incidentkit/importers';
 * const { incidents } = importIncidents({ data: [{ id: 'a1', tinyId: '1', message: 'Payments down', createdAt: '2026-11-24T09:00:00Z' }] });
 * incidents[0]?.externalId; // '1'
 * ```
 */
export function importIncidents(input: string | unknown, options?: ImportIncidentsOptions): ImportResult {
  // Options and input are each read once here; the importers get the copies.
  const o = readOptions(options);
  if (Array.isArray(o)) throw invalidInput('options', 'expected an object');
  const { source: given, mapping, timestamps, delimiter, ...common } = (o ?? {}) as ImportIncidentsOptions;
  if (given !== undefined && !SOURCES.includes(given))
    throw invalidInput('options.source', `expected one of ${SOURCES.join(', ')}`);
  const isText = typeof input === 'string';
  const looksJson = isText && JSON_START.test(input.replace(/^\uFEFF/, ''));
  // CSV stays text; JSON text is parsed and anything else copied, once, before detection reads it.
  const data = isText && !looksJson ? input : readJsonInput(input);
  const source = given ?? (mapping !== undefined && isText && !looksJson ? 'csv' : detectImportSource(data));
  if (source === undefined)
    throw invalidInput(
      'input',
      'cannot tell which export this is; pass options.source (statuspage, pagerduty, pagerduty-analytics, incident-io, opsgenie, csv)',
    );
  if (source !== 'csv' && source !== 'incident-io' && timestamps !== undefined)
    throw invalidInput('options.timestamps', 'applies to incident-io exports only');
  if (source !== 'csv' && mapping !== undefined)
    throw invalidInput('options.mapping', 'applies to a generic CSV only');
  if (source === 'csv') {
    if (mapping === undefined)
      throw invalidInput(
        'options.mapping',
        'a generic CSV needs a mapping of field → column (at least detectedAt)',
      );
    if (!isText) throw invalidInput('input', 'expected CSV text');
    return fromCsv(input, mapping, delimiter === undefined ? common : { ...common, delimiter });
  }
  if (source === 'incident-io') {
    const read = readImportOptions(
      timestamps === undefined ? common : { ...common, timestamps },
      INCIDENT_IO_OPTION_KEYS,
    );
    return incidentIoIncidents(createImportContext(read), read, jsonData(data));
  }
  const ctx = createImportContext(readImportOptions(common));
  switch (source) {
    case 'statuspage':
      return statuspageIncidents(ctx, jsonData(data));
    case 'pagerduty':
    case 'pagerduty-analytics':
      return typeof data === 'string' ? pagerDutyCsv(ctx, data) : pagerDutyIncidents(ctx, data);
    case 'opsgenie':
      return opsgenieIncidents(ctx, jsonData(data));
  }
}

const JSON_START = /^\s*[[{]/;

/** The export as JSON: CSV text handed to a JSON-only importer is refused as the importer would. */
function jsonData(data: unknown): unknown {
  return typeof data === 'string' ? parseJsonInput(data) : data;
}
