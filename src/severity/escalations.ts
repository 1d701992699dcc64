import type { Incident } from '../model/index.js';
import { type EpochMs, type TimeInput, toEpochMs } from '../model/time.js';
import type { SeverityPolicy, SeverityPolicyConfig } from './policy.js';
import { policyForIncident } from './policy-for-incident.js';
import { requirementsFor } from './requirements.js';
import { manyIncidentOptions, type OverdueUpdatesOptions, readIncidentList } from './update-cadence.js';

/** A response deadline the policy sets that has passed. `missingRoles` is set for `kind: 'roles'`. */
export interface Escalation {
  incidentId: string;
  kind: 'acknowledge' | 'mitigate' | 'roles';
  dueAt: EpochMs;
  overdueByMs: number;
  missingRoles?: string[] | undefined;
}

/** Options of {@link escalationsDue}: the time to judge at, and the policy (or policies by id). */
export type EscalationsDueOptions = OverdueUpdatesOptions;

const OPEN_PHASES: ReadonlySet<string> = new Set(['detect', 'triage', 'mitigate', 'resolve']);

/**
 * Deadlines past due at `now`: not acknowledged within `ackWithinMinutes` of detection, not mitigated
 * within `mitigateWithinMinutes`, or required roles for the current severity unfilled once the
 * acknowledgement deadline has passed (a later escalation to a worse severity shows up here rather
 * than blocking the lifecycle). Most overdue first.
 *
 * @example
 * ```ts
 * import { declareIncident } from 'incidentkit/lifecycle';
 * import { escalationsDue } from 'incidentkit/severity';
 * const { incident } = declareIncident({ title: 'API down', at: 0, severity: 'SEV1' });
 * escalationsDue([incident], { now: 10 * 60_000 }).map((e) => e.kind); // ['acknowledge', 'roles']
 * ```
 */
export function escalationsDue(incidents: readonly Incident[], options: EscalationsDueOptions): Escalation[];
/** @deprecated Use `escalationsDue(incidents, { now, policy })`; this form goes in 1.0. */
export function escalationsDue(
  incidents: readonly Incident[],
  policy: SeverityPolicy | SeverityPolicyConfig | undefined,
  now: TimeInput,
): Escalation[];
export function escalationsDue(
  incidents: readonly Incident[],
  second: unknown,
  third?: unknown,
): Escalation[] {
  const options = manyIncidentOptions(second, third);
  const list = readIncidentList(incidents);
  const at = toEpochMs(options.now, 'now');
  const out: Escalation[] = [];
  for (const incident of list) {
    if (!OPEN_PHASES.has(incident.phase)) continue;
    const req = requirementsFor(incident.severity, { policy: policyForIncident(incident, options) });
    const { detectedAt, acknowledgedAt, mitigatedAt } = incident.milestones;
    const ackDue = detectedAt + (req.ackWithinMinutes ?? 0) * 60_000;
    if (acknowledgedAt === undefined && req.ackWithinMinutes !== undefined && at > ackDue) {
      out.push({ incidentId: incident.id, kind: 'acknowledge', dueAt: ackDue, overdueByMs: at - ackDue });
    }
    if (
      mitigatedAt === undefined &&
      req.mitigateWithinMinutes !== undefined &&
      incident.phase !== 'resolve'
    ) {
      const dueAt = detectedAt + req.mitigateWithinMinutes * 60_000;
      if (at > dueAt) out.push({ incidentId: incident.id, kind: 'mitigate', dueAt, overdueByMs: at - dueAt });
    }
    const missingRoles = req.requiredRoles.filter((role) => !Object.hasOwn(incident.roles, role));
    if (missingRoles.length > 0 && at > ackDue) {
      out.push({
        incidentId: incident.id,
        kind: 'roles',
        dueAt: ackDue,
        overdueByMs: at - ackDue,
        missingRoles,
      });
    }
  }
  return out.sort((a, b) => b.overdueByMs - a.overdueByMs);
}
