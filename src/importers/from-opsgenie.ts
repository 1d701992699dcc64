import {
  createImportContext,
  type ImportContext,
  type MilestoneDraft,
  readImportOptions,
  uniqueStrings,
} from './import-context.js';
import { isRecord, list, listIn, own, readJsonInput, text } from './json-input.js';
import { readTime } from './read-time.js';
import type { ImportedIncident, ImportOptions, ImportResult } from './types.js';

/**
 * Options of {@link fromOpsgenie}.
 *
 * @example
 * ```ts
 * import type { OpsgenieImportOptions } from 'incidentkit/importers';
 * const options: OpsgenieImportOptions = { severityMap: { P5: 'SEV4' } };
 * ```
 */
export interface OpsgenieImportOptions extends ImportOptions {}

/**
 * Imports an Opsgenie incident list (Incident API `GET /v1/incidents`: `{ data: [...] }`, or an
 * array). `message` → title, `tinyId` → externalId, `priority` P1–P5 → severity by rank (P5 → the
 * least severe key), `impactStartDate` → startedAt, `createdAt` → detectedAt, `impactEndDate` →
 * resolvedAt (never `updatedAt`, which moves with any edit), `impactedServices` → services, `tags`
 * → tags; status `resolved` or `closed` → closed. The list carries no acknowledgement or
 * mitigation time, so those milestones are left out.
 *
 * @param json - the parsed export, or its JSON text (copied once before it is read: at most 10⁶
 *   incidents, nesting at most 64 deep; a getter or Proxy trap that throws is `INVALID_INPUT`)
 * @param options - severity mapping and the detection source to record
 * @returns the incidents, the skipped entries (by position in the list) and the warnings
 * @throws `INVALID_INPUT` when the input is not an Opsgenie incident list, or an option is malformed
 *
 * @example
 * ```ts
 * import { fromOpsgenie } from 'incidentkit/importers';
 * const { incidents } = fromOpsgenie({ data: [{
 *   id: '70413a06-38d6-4c85-92b8-5ebc900d42e2', tinyId: '1', message: 'Payments down', status: 'resolved',
 *   priority: 'P1', createdAt: '2026-11-24T09:00:00.000Z', impactEndDate: '2026-11-24T09:45:00.000Z',
 * }] });
 * incidents[0]?.milestones.resolvedAt; // 1795513500000
 * ```
 */
export function fromOpsgenie(json: unknown, options?: OpsgenieImportOptions): ImportResult {
  const ctx = createImportContext(readImportOptions(options));
  return opsgenieIncidents(ctx, readJsonInput(json));
}

/** {@link fromOpsgenie} over an export already read once (parsed JSON or a snapshot). */
export function opsgenieIncidents(ctx: ImportContext, data: unknown): ImportResult {
  const entries = listIn(
    data,
    ['data'],
    'an Opsgenie incident list ({ data: [...] }) or an array of incidents',
  );
  const incidents: ImportedIncident[] = [];
  for (let row = 0; row < entries.length; row++) {
    const entry = entries[row];
    const id = text(own(entry, 'id'));
    if (id === undefined) {
      ctx.skip(row, isRecord(entry) ? 'id is missing' : 'not an incident object');
      continue;
    }
    const created = readTime(own(entry, 'createdAt'), ctx.timeZone);
    if (!('ms' in created)) {
      ctx.skip(row, 'error' in created ? `createdAt: ${created.error}` : 'createdAt is missing', id);
      continue;
    }
    const m: MilestoneDraft = { detectedAt: created.ms };
    ctx.time(m, 'startedAt', own(entry, 'impactStartDate'), row, 'impactStartDate');
    ctx.time(m, 'resolvedAt', own(entry, 'impactEndDate'), row, 'impactEndDate');
    const status = text(own(entry, 'status'))?.toLowerCase();
    const done = status === 'resolved' || status === 'closed';
    if (status !== undefined && !done && status !== 'open')
      ctx.warn('phase', 'unknown status; imported as open', row, status);
    if (done && m.resolvedAt === undefined)
      ctx.warn('resolvedAt', 'resolved or closed without impactEndDate; resolvedAt left out', row);
    const services = uniqueStrings(list(own(entry, 'impactedServices')));
    if (services.length === 0) ctx.warn('services', 'no impactedServices; services left empty', row);
    incidents.push(
      ctx.finish(row, {
        id,
        externalId: text(own(entry, 'tinyId')) ?? id,
        title: text(own(entry, 'message')),
        severity: ctx.severity(own(entry, 'priority'), row, 'priority'),
        drill: false,
        services,
        tags: uniqueStrings(list(own(entry, 'tags'))),
        phase: done ? 'closed' : undefined,
        milestones: m,
      }),
    );
  }
  return { incidents, skipped: ctx.skipped, warnings: ctx.warnings() };
}
