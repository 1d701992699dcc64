import {
  createImportContext,
  type ImportContext,
  type MilestoneDraft,
  readImportOptions,
  uniqueStrings,
} from './import-context.js';
import { at, isRecord, list, listIn, own, readJsonInput, text } from './json-input.js';
import { readTime } from './read-time.js';
import type { ImportOptions, ImportResult } from './types.js';

/**
 * Options of {@link fromStatuspage}.
 *
 * @example
 * ```ts
 * import type { StatuspageImportOptions } from 'incidentkit/importers';
 * const options: StatuspageImportOptions = { severityMap: { critical: 'SEV1', major: 'SEV1' } };
 * ```
 */
export interface StatuspageImportOptions extends ImportOptions {}

const MAINTENANCE_STATUSES = new Set(['scheduled', 'in_progress', 'verifying', 'completed']);

/**
 * Imports a Statuspage incident list: the public `/api/v2/incidents.json` (`{ page, incidents }`),
 * or the Manage API's array of incidents. `started_at` → startedAt, `created_at` → detectedAt, the
 * first `identified` update → triagedAt, `monitoring_at` (else the first `monitoring` update) →
 * mitigatedAt, `resolved_at` (else the `resolved` update) → resolvedAt, `postmortem_published_at`
 * (else the `postmortem` update) → the published postmortem; `impact` → severity by rank
 * (critical, major, minor, none → SEV1–SEV4); component names → services. Scheduled maintenances
 * are skipped. Times keep the offset the page wrote (`-06:00`).
 *
 * @param json - the parsed export, or its JSON text (copied once before it is read: at most 10⁶
 *   incidents, nesting at most 64 deep; a getter or Proxy trap that throws is `INVALID_INPUT`)
 * @param options - severity mapping and the detection source to record
 * @returns the incidents, the skipped entries (by position in the list) and the warnings
 * @throws `INVALID_INPUT` when the input is not a Statuspage incident list, or an option is malformed
 *
 * @example
 * ```ts
 * import { fromStatuspage } from 'incidentkit/importers';
 * const { incidents } = fromStatuspage({
 *   incidents: [{ id: 'p31zjtct2jer', name: 'Checkout errors', impact: 'major', status: 'resolved',
 *     created_at: '2026-11-24T03:10:00-06:00', resolved_at: '2026-11-24T04:00:00-06:00', incident_updates: [] }],
 * });
 * incidents[0]?.severity; // 'SEV2'
 * ```
 */
export function fromStatuspage(json: unknown, options?: StatuspageImportOptions): ImportResult {
  const ctx = createImportContext(readImportOptions(options));
  return statuspageIncidents(ctx, readJsonInput(json));
}

/** {@link fromStatuspage} over an export already read once (parsed JSON or a snapshot). */
export function statuspageIncidents(ctx: ImportContext, data: unknown): ImportResult {
  const entries = listIn(
    data,
    ['incidents', 'scheduled_maintenances'],
    'a Statuspage incident list ({ incidents: [...] }) or an array of incidents',
  );
  const incidents = [];
  for (let row = 0; row < entries.length; row++) {
    const entry = entries[row];
    const id = text(own(entry, 'id'));
    if (id === undefined) {
      ctx.skip(row, isRecord(entry) ? 'id is missing' : 'not an incident object');
      continue;
    }
    const status = text(own(entry, 'status'));
    if (
      own(entry, 'scheduled_for') != null ||
      text(own(entry, 'impact')) === 'maintenance' ||
      (status !== undefined && MAINTENANCE_STATUSES.has(status))
    ) {
      ctx.skip(row, 'a scheduled maintenance, not an incident', id);
      continue;
    }
    const created = readTime(own(entry, 'created_at'), ctx.timeZone);
    if (!('ms' in created)) {
      ctx.skip(row, 'error' in created ? `created_at: ${created.error}` : 'created_at is missing', id);
      continue;
    }
    const m: MilestoneDraft = { detectedAt: created.ms };
    ctx.time(m, 'startedAt', own(entry, 'started_at'), row, 'started_at');

    // Updates in the order they were shown; display_at is the time the author gave (backfills).
    const updates = list(own(entry, 'incident_updates'))
      .map((u) => ({
        status: text(own(u, 'status')),
        at: readTime(own(u, 'display_at') ?? own(u, 'created_at'), ctx.timeZone),
        components: list(own(u, 'affected_components')).map((c) => own(c, 'name')),
      }))
      .map((u) => ({ ...u, ms: 'ms' in u.at ? u.at.ms : undefined }));
    const firstUpdate = (wanted: string): number | undefined => {
      let first: number | undefined;
      for (const u of updates)
        if (u.status === wanted && u.ms !== undefined && (first === undefined || u.ms < first)) first = u.ms;
      return first;
    };
    const identified = firstUpdate('identified');
    if (identified !== undefined) m.triagedAt = identified;
    ctx.time(m, 'mitigatedAt', own(entry, 'monitoring_at'), row, 'monitoring_at');
    if (m.mitigatedAt === undefined) {
      const monitoring = firstUpdate('monitoring');
      if (monitoring !== undefined) m.mitigatedAt = monitoring;
    }
    ctx.time(m, 'resolvedAt', own(entry, 'resolved_at'), row, 'resolved_at');
    if (m.resolvedAt === undefined) {
      const resolved = firstUpdate('resolved');
      if (resolved !== undefined) m.resolvedAt = resolved;
      else if (status === 'resolved' || status === 'postmortem')
        ctx.warn(
          'resolvedAt',
          'status is resolved but no resolution time is given; resolvedAt left out',
          row,
        );
    }
    ctx.time(
      m,
      'postmortemPublishedAt',
      own(entry, 'postmortem_published_at'),
      row,
      'postmortem_published_at',
    );
    if (m.postmortemPublishedAt === undefined) {
      const postmortem = firstUpdate('postmortem');
      if (postmortem !== undefined) m.postmortemPublishedAt = postmortem;
    }
    if (m.postmortemPublishedAt !== undefined) m.reviewedAt = m.postmortemPublishedAt;

    const impact = own(entry, 'impact');
    const tags: string[] = [];
    if (own(entry, 'backfilled') === true) tags.push('backfilled');
    incidents.push(
      ctx.finish(row, {
        id,
        externalId: id,
        title: text(own(entry, 'name')),
        severity: ctx.severity(impact, row, 'impact'),
        drill: false,
        services: uniqueStrings([
          ...list(own(entry, 'components')).map((c) => at(c, 'name')),
          ...updates.flatMap((u) => u.components),
        ]),
        tags,
        phase: status === 'resolved' || status === 'postmortem' ? 'closed' : undefined,
        milestones: m,
      }),
    );
  }
  return { incidents, skipped: ctx.skipped, warnings: ctx.warnings() };
}
