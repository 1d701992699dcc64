import { invalidInput } from '../model/errors.js';
import { detectImportSource } from './detect-import-source.js';
import { fromCsv } from './from-csv.js';
import { fromIncidentIo } from './from-incident-io.js';
import { fromOpsgenie } from './from-opsgenie.js';
import { fromPagerDuty } from './from-pagerduty.js';
import { fromStatuspage } from './from-statuspage.js';
import { parseJsonInput } from './json-input.js';
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
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options)))
    throw invalidInput('options', 'expected an object');
  const { source: given, mapping, timestamps, delimiter, ...common } = options ?? {};
  if (given !== undefined && !SOURCES.includes(given))
    throw invalidInput('options.source', `expected one of ${SOURCES.join(', ')}`);
  const isText = typeof input === 'string';
  const looksJson = isText && /^\s*[[{]/.test(input.replace(/^\uFEFF/, ''));
  const source = given ?? (mapping !== undefined && isText && !looksJson ? 'csv' : detectImportSource(input));
  if (source === undefined)
    throw invalidInput(
      'input',
      'cannot tell which export this is; pass options.source (statuspage, pagerduty, pagerduty-analytics, incident-io, opsgenie, csv)',
    );
  if (source !== 'csv' && source !== 'incident-io' && timestamps !== undefined)
    throw invalidInput('options.timestamps', 'applies to incident-io exports only');
  if (source !== 'csv' && mapping !== undefined)
    throw invalidInput('options.mapping', 'applies to a generic CSV only');
  switch (source) {
    case 'statuspage':
      return fromStatuspage(input, common);
    case 'pagerduty':
    case 'pagerduty-analytics':
      return fromPagerDuty(input, common);
    case 'incident-io':
      return fromIncidentIo(input, timestamps === undefined ? common : { ...common, timestamps });
    case 'opsgenie':
      return fromOpsgenie(input, common);
    case 'csv': {
      if (mapping === undefined)
        throw invalidInput(
          'options.mapping',
          'a generic CSV needs a mapping of field → column (at least detectedAt)',
        );
      if (!isText) throw invalidInput('input', 'expected CSV text');
      if (looksJson) parseJsonInput(input);
      return fromCsv(input, mapping, delimiter === undefined ? common : { ...common, delimiter });
    }
  }
}
