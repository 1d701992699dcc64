import { checkIncident, checkIncidents } from '../internal/incident-input.js';
import type { Incident } from '../model/index.js';
import { type EpochMs, type TimeInput, toEpochMs } from '../model/time.js';
import { resolvePolicy, type SeverityPolicy, type SeverityPolicyConfig } from './policy.js';
import { requirementsFor } from './requirements.js';

const CADENCE_PHASES: ReadonlySet<string> = new Set(['detect', 'triage', 'mitigate', 'resolve']);

/**
 * When the next status update is due under the policy's cadence for the incident's severity, or
 * `undefined` (no cadence for this severity, or the incident is past `resolve`). The first update
 * is due one interval after detection; any POST_UPDATE (or a REOPEN) restarts the clock.
 *
 * @example
 * ```ts
 * import { declareIncident } from 'incidentkit/lifecycle';
 * import { nextUpdateDue, defaultSeverityPolicy } from 'incidentkit/severity';
 * const { incident } = declareIncident({ title: 'API down', at: 0, severity: 'SEV1' });
 * nextUpdateDue(incident, defaultSeverityPolicy); // 900000 (15 minutes)
 * ```
 */
export function nextUpdateDue(
  incident: Incident,
  policy?: SeverityPolicy | SeverityPolicyConfig,
): EpochMs | undefined {
  const i = checkIncident(incident);
  return dueFor(i, resolvePolicy(policy));
}

function dueFor(incident: Incident, policy: SeverityPolicy): EpochMs | undefined {
  if (!CADENCE_PHASES.has(incident.phase)) return undefined;
  const every = requirementsFor(policy, incident.severity).updateEveryMinutes;
  if (every === undefined) return undefined;
  let last = incident.milestones.detectedAt;
  for (const update of incident.updates) if (update.at > last) last = update.at;
  const reopen = incident.reopens[incident.reopens.length - 1];
  if (reopen && reopen.at > last) last = reopen.at;
  return last + every * 60_000;
}

/** An incident whose status update is late. */
export interface OverdueUpdate {
  incidentId: string;
  dueAt: EpochMs;
  overdueByMs: number;
}

/**
 * Every incident whose next status update is past due at `now`, most overdue first.
 *
 * @example
 * ```ts
 * import { declareIncident } from 'incidentkit/lifecycle';
 * import { overdueUpdates } from 'incidentkit/severity';
 * const { incident } = declareIncident({ title: 'API down', at: 0, severity: 'SEV1' });
 * overdueUpdates([incident], undefined, 20 * 60_000); // [{ incidentId, dueAt: 900000, overdueByMs: 300000 }]
 * ```
 */
export function overdueUpdates(
  incidents: readonly Incident[],
  policy: SeverityPolicy | SeverityPolicyConfig | undefined,
  now: TimeInput,
): OverdueUpdate[] {
  const list = checkIncidents(incidents);
  const p = resolvePolicy(policy);
  const at = toEpochMs(now, 'now');
  const out: OverdueUpdate[] = [];
  for (const incident of list) {
    const dueAt = dueFor(incident, p);
    if (dueAt !== undefined && at > dueAt)
      out.push({ incidentId: incident.id, dueAt, overdueByMs: at - dueAt });
  }
  return out.sort((a, b) => b.overdueByMs - a.overdueByMs);
}
