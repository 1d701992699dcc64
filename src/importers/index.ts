export { createPagerDutyRowImporter } from './create-pagerduty-row-importer.js';
export { CSV_MAPPING_FIELDS } from './csv-row.js';
export { detectImportSource } from './detect-import-source.js';
export {
  type CsvImportOptions,
  type CsvRowImporterOptions,
  createCsvRowImporter,
  fromCsv,
} from './from-csv.js';
export { fromIncidentIo, type IncidentIoImportOptions } from './from-incident-io.js';
export { fromOpsgenie, type OpsgenieImportOptions } from './from-opsgenie.js';
export { fromPagerDuty, type PagerDutyImportOptions } from './from-pagerduty.js';
export { fromStatuspage, type StatuspageImportOptions } from './from-statuspage.js';
export { type ImportIncidentsOptions, importIncidents } from './import-incidents.js';
export type {
  CsvMapping,
  ImportedIncident,
  ImportedTimestamp,
  ImportOptions,
  ImportResult,
  ImportSource,
  ImportWarning,
  RowImporter,
  RowImporterOptions,
  RowImportSummary,
  SkippedRow,
} from './types.js';
