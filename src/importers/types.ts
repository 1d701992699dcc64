import type { IncidentFacts } from '../metrics/index.js';
import type { IncidentSource, MilestoneName, Milestones } from '../model/index.js';

/**
 * The export formats the importers read. `pagerduty` is the REST incidents list; `pagerduty-analytics`
 * the analytics raw-incidents shape (CSV or JSON); `csv` any CSV read through a {@link CsvMapping}.
 *
 * @example
 * ```ts
 * import type { ImportSource } from 'incidentkit/importers';
 * const source: ImportSource = 'pagerduty-analytics';
 * ```
 */
export type ImportSource =
  | 'statuspage'
  | 'pagerduty'
  | 'pagerduty-analytics'
  | 'incident-io'
  | 'opsgenie'
  | 'csv';

/**
 * One incident read from an export: the facts the metrics read ({@link IncidentFacts}) plus what a
 * report shows. A milestone the export does not give is absent (never invented, never `null`);
 * `phase` is set only when the export says the incident is over (`closed`) or was called off
 * (`cancelled`: declined, merged or cancelled incidents, which the metrics leave out by default).
 *
 * @example
 * ```ts
 * import type { ImportedIncident } from 'incidentkit/importers';
 * const incident: ImportedIncident = {
 *   id: 'PT4KHLK', externalId: '1234', title: 'Checkout errors', severity: 'SEV2', source: 'monitoring',
 *   drill: false, services: ['checkout'], tags: [], milestones: { detectedAt: 1795510800000 },
 * };
 * ```
 */
export interface ImportedIncident extends IncidentFacts {
  /** The vendor's unique id of the incident (PagerDuty `id`, incident.io `id`, …), or the CSV id column. */
  readonly id: string;
  /** The reference people use (incident.io `INC-123`, Opsgenie `tinyId`, PagerDuty incident number). */
  readonly externalId: string;
  /** The incident's name as the export gives it (empty when it gives none, with a warning). */
  readonly title: string;
  /** A key of the policy's scale, through `options.severityMap` or the default mapping by rank. */
  readonly severity?: string | undefined;
  /** How the incident was detected; `options.defaultSource` (default `'internal'`) when the export does not say. */
  readonly source: IncidentSource;
  /** Test, tutorial and game-day incidents; the metrics leave them out by default. */
  readonly drill: boolean;
  readonly services: readonly string[];
  readonly tags: readonly string[];
  readonly milestones: Readonly<Milestones>;
}

/**
 * A row (or list entry) that was not imported: only rows whose id or creation time cannot be read,
 * and records that are not incidents (Statuspage maintenances).
 *
 * @example
 * ```ts
 * import type { SkippedRow } from 'incidentkit/importers';
 * const skipped: SkippedRow = { row: 7, reason: 'created_at is missing' };
 * ```
 */
export interface SkippedRow {
  /** CSV: the line number the row starts on (the header is line 1). JSON: the position in the export's list, from 0. */
  readonly row: number;
  readonly reason: string;
  /** The row's id, when it could be read. */
  readonly id?: string | undefined;
}

/**
 * Something missing or unreadable in imported rows, counted per field: one entry per field and
 * problem however many rows have it, with the first 10 rows, so a 10⁶-row import carries a handful
 * of warnings.
 *
 * @example
 * ```ts
 * import type { ImportWarning } from 'incidentkit/importers';
 * const warning: ImportWarning = {
 *   field: 'acknowledgedAt', message: 'no acknowledgement time; acknowledgedAt left out', count: 3, rows: [0, 4, 9],
 * };
 * ```
 */
export interface ImportWarning {
  /** The milestone or {@link ImportedIncident} field concerned (`acknowledgedAt`, `severity`, `title`, …). */
  readonly field: string;
  /** What is wrong and what was done, the same for every row counted. */
  readonly message: string;
  /** How many rows had it. */
  readonly count: number;
  /** The first 10 of them (as {@link SkippedRow.row} counts rows). */
  readonly rows: readonly number[];
  /** The first offending value, when there was one (shortened to 80 characters). */
  readonly example?: string | undefined;
}

/**
 * What every importer returns.
 *
 * @example
 * ```ts
 * import { fromOpsgenie } from 'incidentkit/importers';
 * const { incidents, skipped, warnings } = fromOpsgenie({ data: [] });
 * incidents.length + skipped.length + warnings.length; // 0
 * ```
 */
export interface ImportResult {
  readonly incidents: ImportedIncident[];
  readonly skipped: SkippedRow[];
  readonly warnings: ImportWarning[];
}

/**
 * Options every importer takes.
 *
 * @example
 * ```ts
 * import type { ImportOptions } from 'incidentkit/importers';
 * const options: ImportOptions = { severityMap: { P1: 'SEV1', P2: 'SEV1', P3: 'SEV2' }, timeZone: 'America/Chicago' };
 * ```
 */
export interface ImportOptions {
  /**
   * Vendor severity or priority value → severity key of your policy's scale (`{ P1: 'SEV1' }`),
   * matched exactly, then ignoring case and surrounding spaces. Values it does not name fall back
   * to the default mapping by rank.
   */
  readonly severityMap?: Readonly<Record<string, string>> | undefined;
  /** The scale's keys, most severe first, for the default mapping by rank (default `SEV1`–`SEV4`). */
  readonly severityKeys?: readonly string[] | undefined;
  /**
   * IANA time zone for times written without an offset (CSV exports). Without it such a time is
   * unreadable: a row whose creation time has no offset is skipped, any other time is left out.
   */
  readonly timeZone?: string | undefined;
  /** The detection source when the export does not say (default `'internal'`, as DECLARE does). */
  readonly defaultSource?: IncidentSource | undefined;
}

/**
 * The milestones (and the postmortem publication) an export's named timestamp may fill.
 *
 * @example
 * ```ts
 * import type { ImportedTimestamp } from 'incidentkit/importers';
 * const target: ImportedTimestamp = 'postmortemPublishedAt';
 * ```
 */
export type ImportedTimestamp = MilestoneName | 'postmortemPublishedAt';

/**
 * Which CSV column holds what. `detectedAt` (the creation time) is required; `id` names the id
 * column (without it, a row's id is `line-<n>`). Every other field is optional; a named column the
 * header lacks is an `INVALID_INPUT` error, and a blank cell leaves the field out.
 *
 * @example
 * ```ts
 * import type { CsvMapping } from 'incidentkit/importers';
 * const mapping: CsvMapping = { id: 'number', detectedAt: 'created', startedAt: 'impact_start', resolvedAt: 'resolved' };
 * ```
 */
export interface CsvMapping extends Partial<Record<ImportedTimestamp, string>> {
  readonly detectedAt: string;
  readonly id?: string | undefined;
  readonly externalId?: string | undefined;
  readonly title?: string | undefined;
  readonly severity?: string | undefined;
  /** A list column: values split on `,`, `;` or `|`. */
  readonly services?: string | undefined;
  /** A list column: values split on `,`, `;` or `|`. */
  readonly tags?: string | undefined;
  /** Detection source: `monitoring`, `synthetic`, `anomaly`, `customer` or `internal`. */
  readonly source?: string | undefined;
  /** Recurrence fingerprint. */
  readonly category?: string | undefined;
  /** `true`/`yes`/`1` marks a drill. */
  readonly drill?: string | undefined;
  /** A status column: `cancelled`/`canceled`/`declined`/`merged`/`duplicate` → cancelled; `closed`/`resolved` → closed. */
  readonly status?: string | undefined;
}

/**
 * Takes CSV rows one at a time (from a streaming parser) and keeps only counts, the first skipped
 * rows and the warnings, so a long import runs in bounded memory apart from the incidents the
 * caller keeps.
 *
 * @example
 * ```ts
 * import { createCsvRowImporter } from 'incidentkit/importers';
 * const importer = createCsvRowImporter({ id: 'id', detectedAt: 'created' });
 * importer.push({ id: 'INC-1', created: '2026-11-24T09:00:00Z' }, 2)?.milestones.detectedAt; // 1795510800000
 * importer.result().imported; // 1
 * ```
 */
export interface RowImporter {
  /** Imports one row (keys are the header's column names); `undefined` when the row is skipped. */
  push(row: Readonly<Record<string, string | undefined>>, line: number): ImportedIncident | undefined;
  /** Records a row the CSV parser itself could not read (a wrong number of fields). */
  skip(line: number, reason: string): void;
  /** What was skipped and warned about so far. */
  result(): RowImportSummary;
}

/**
 * The summary of a {@link RowImporter}.
 *
 * @example
 * ```ts
 * import type { RowImportSummary } from 'incidentkit/importers';
 * const summary: RowImportSummary = { rows: 2, imported: 1, skippedCount: 1, skipped: [{ row: 3, reason: 'id is missing' }], warnings: [] };
 * ```
 */
export interface RowImportSummary {
  /** Rows pushed or skipped. */
  readonly rows: number;
  readonly imported: number;
  /** All skipped rows, including those past `maxSkipped`. */
  readonly skippedCount: number;
  /** The first `maxSkipped` skipped rows. */
  readonly skipped: SkippedRow[];
  readonly warnings: ImportWarning[];
}

/**
 * Options of the row importers.
 *
 * @example
 * ```ts
 * import type { RowImporterOptions } from 'incidentkit/importers';
 * const options: RowImporterOptions = { maxSkipped: 1000, timeZone: 'UTC' };
 * ```
 */
export interface RowImporterOptions extends ImportOptions {
  /** How many skipped rows to keep in {@link RowImportSummary.skipped} (default: all); the rest are counted. */
  readonly maxSkipped?: number | undefined;
}
