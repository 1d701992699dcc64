import { checkIncident } from '../internal/incident-input.js';
import { readOptions } from '../internal/validate.js';
import type { Incident, MilestoneName, Phase } from '../model/index.js';
import { policyForIncident, requirementsFor } from '../severity/index.js';
import type { LifecycleOptions } from './machine.js';

/** The order milestones are reached in; each must not precede the one before it. */
const CHAIN: readonly MilestoneName[] = [
  'detectedAt',
  'acknowledgedAt',
  'triagedAt',
  'mitigatedAt',
  'resolvedAt',
  'reviewedAt',
];

/** The milestone entering each phase sets (`detect` needs only `detectedAt`). */
const REACHED_BY: Readonly<Record<Phase, readonly MilestoneName[]>> = {
  detect: ['detectedAt'],
  triage: ['detectedAt', 'acknowledgedAt'],
  mitigate: ['detectedAt', 'acknowledgedAt', 'triagedAt'],
  resolve: ['detectedAt', 'acknowledgedAt', 'triagedAt', 'mitigatedAt'],
  review: ['detectedAt', 'acknowledgedAt', 'triagedAt', 'mitigatedAt', 'resolvedAt'],
  closed: ['detectedAt', 'acknowledgedAt', 'triagedAt', 'mitigatedAt', 'resolvedAt', 'closedAt'],
  cancelled: ['detectedAt', 'cancelledAt'],
};

/** Milestones a phase cannot have yet. */
const NOT_YET: Readonly<Record<Phase, readonly MilestoneName[]>> = {
  detect: [
    'acknowledgedAt',
    'triagedAt',
    'mitigatedAt',
    'resolvedAt',
    'reviewedAt',
    'closedAt',
    'cancelledAt',
  ],
  triage: ['triagedAt', 'mitigatedAt', 'resolvedAt', 'reviewedAt', 'closedAt', 'cancelledAt'],
  mitigate: ['mitigatedAt', 'resolvedAt', 'reviewedAt', 'closedAt', 'cancelledAt'],
  resolve: ['resolvedAt', 'reviewedAt', 'closedAt', 'cancelledAt'],
  review: ['closedAt', 'cancelledAt'],
  closed: ['cancelledAt'],
  cancelled: ['triagedAt', 'mitigatedAt', 'resolvedAt', 'reviewedAt', 'closedAt'],
};

/**
 * Checks the lifecycle's invariants on an incident (e.g. one read from storage) and lists every
 * violation in words; an empty list means it is consistent: milestones monotone, no phase
 * skipped, a closed incident has the postmortem its severity requires, one timeline entry per
 * accepted event.
 *
 * @example
 * ```ts
 * import { declareIncident, incidentInvariantViolations } from 'incidentkit/lifecycle';
 * incidentInvariantViolations(declareIncident({ title: 'x', at: 0 }).incident); // []
 * ```
 */
export function incidentInvariantViolations(incident: Incident, options?: LifecycleOptions): string[] {
  const given = readOptions(options) as LifecycleOptions | undefined;
  const i = checkIncident(incident);
  const m = i.milestones;
  const out: string[] = [];
  if (m.startedAt !== undefined && m.startedAt > m.detectedAt) out.push('startedAt is after detectedAt');
  let previous: MilestoneName | undefined;
  for (const name of CHAIN) {
    const at = m[name];
    if (at === undefined) continue;
    if (previous !== undefined && at < m[previous]!) out.push(`${name} precedes ${previous}`);
    previous = name;
  }
  if (m.closedAt !== undefined && m.resolvedAt !== undefined && m.closedAt < m.resolvedAt)
    out.push('closedAt precedes resolvedAt');
  if (m.cancelledAt !== undefined && m.cancelledAt < (m.acknowledgedAt ?? m.detectedAt))
    out.push('cancelledAt precedes the last milestone');
  for (const name of REACHED_BY[i.phase])
    if (m[name] === undefined) out.push(`phase ${i.phase} without ${name}`);
  for (const name of NOT_YET[i.phase]) if (m[name] !== undefined) out.push(`phase ${i.phase} with ${name}`);
  if (
    i.phase === 'closed' &&
    requirementsFor(i.severity, { policy: policyForIncident(i, { policy: given?.policy }) })
      .postmortemRequired &&
    !i.postmortem
  ) {
    out.push(`closed ${i.severity} incident without the published postmortem it requires`);
  }
  if (i.timeline.length !== i.version)
    out.push(`version ${i.version} but ${i.timeline.length} timeline entries`);
  if (i.reopenCount !== i.reopens.length)
    out.push(`reopenCount ${i.reopenCount} but ${i.reopens.length} reopens`);
  return out;
}
