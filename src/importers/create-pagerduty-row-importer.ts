import { rowContext, rowImporter } from './create-row-importer.js';
import { type AnalyticsField, readAnalyticsRecord, resolveColumns } from './pagerduty-analytics.js';
import type { RowImporter, RowImporterOptions } from './types.js';

/**
 * A {@link RowImporter} for PagerDuty's analytics raw-incidents CSV, fed one row at a time by a
 * streaming CSV parser (`csv-parse` with `columns: true`), so a 10⁶-row export never sits in memory.
 * Columns are found from the rows' keys (once per key not seen before), among the documented names and common
 * aliases (`created_at`, `Created At`, `created_on`, …); the mapping is that of
 * {@link fromPagerDuty}'s analytics shape.
 *
 * @param options - severity mapping, the time zone of offset-less times, and `maxSkipped`
 * @returns the row importer
 * @throws `INVALID_INPUT` for a malformed option
 *
 * @example
 * ```ts
 * import { createPagerDutyRowImporter } from 'incidentkit/importers';
 * const importer = createPagerDutyRowImporter({ maxSkipped: 1000 });
 * const incident = importer.push(
 *   { id: 'Q1', description: 'Disk full', created_at: '2026-11-24T09:00:00Z', seconds_to_first_ack: '120', priority_name: 'P2' },
 *   2,
 * );
 * incident?.milestones.acknowledgedAt; // 1795510920000
 * ```
 */
export function createPagerDutyRowImporter(options?: RowImporterOptions): RowImporter {
  const { ctx } = rowContext(options);
  let columns: Partial<Record<AnalyticsField, string>> = {};
  const seen = new Set<string>();
  return rowImporter(ctx, (context, row, line) => {
    // Rows of one CSV share their keys, but a short row has fewer and a record built by hand may
    // have others: a key not seen before resolves the columns again, over every key seen.
    let fresh = false;
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        fresh = true;
      }
    }
    if (fresh) columns = { ...resolveColumns([...seen]), ...columns };
    return readAnalyticsRecord(context, row, columns, line);
  });
}
