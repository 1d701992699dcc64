import { checkIncident } from '../internal/incident-input.js';
import { LIMITS } from '../internal/limits.js';
import { readList, readOptions } from '../internal/validate.js';
import { invalidInput } from '../model/errors.js';
import type { Incident } from '../model/index.js';
import { type EpochMs, type TimeInput, toEpochMs } from '../model/time.js';
import type { SeverityPolicy, SeverityPolicyConfig } from './policy.js';
import { isPolicyLike } from './policy-arg.js';
import { type PolicyForIncidentOptions, policyForIncident } from './policy-for-incident.js';
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
 * import { nextUpdateDue } from 'incidentkit/severity';
 * const { incident } = declareIncident({ title: 'API down', at: 0, severity: 'SEV1' });
 * nextUpdateDue(incident); // 900000 (15 minutes)
 * ```
 */
export function nextUpdateDue(incident: Incident, options?: NextUpdateDueOptions): EpochMs | undefined;
/** @deprecated Use `nextUpdateDue(incident, { policy })`; this form goes in 1.0. */
export function nextUpdateDue(
  incident: Incident,
  policy?: SeverityPolicy | SeverityPolicyConfig,
): EpochMs | undefined;
export function nextUpdateDue(incident: Incident, second?: unknown): EpochMs | undefined {
  const options = isPolicyLike(second, 'policy') ? { policy: second } : readOptions(second);
  if (options !== undefined && Array.isArray(options))
    throw invalidInput('options', 'expected an options object or nothing');
  const i = checkIncident(incident);
  return dueFor(i, policyForIncident(i, options));
}

/** Options of {@link nextUpdateDue}: the policy (or policies by id) to read the cadence from. */
export type NextUpdateDueOptions = PolicyForIncidentOptions;

/** Options of {@link overdueUpdates}. */
export interface OverdueUpdatesOptions extends PolicyForIncidentOptions {
  /** The time to judge at. */
  readonly now: TimeInput;
}

/**
 * The `{ now, policy, policies }` of the many-incident functions, from either call shape, read
 * once (a shallow copy of the options: nothing is read from the caller's object again).
 */
export function manyIncidentOptions(second: unknown, third: unknown): OverdueUpdatesOptions {
  if (third !== undefined || second === undefined || isPolicyLike(second, 'policy'))
    return { policy: second as SeverityPolicy | undefined, now: third as TimeInput };
  const options = readOptions(second);
  if (options === undefined || Array.isArray(options))
    throw invalidInput('options', 'expected an options object ({ now, policy })');
  if (options.now === undefined) throw invalidInput('options.now', 'required: the time to judge at');
  return options as unknown as OverdueUpdatesOptions;
}

/**
 * A list of incidents handed in, read once: its length is read and bounded before anything walks
 * it, each entry is read once and checked ({@link checkIncident}: an incident incidentkit
 * returned as it is, anything else copied and checked in full), and the checked incidents are
 * what the caller's code goes on to use.
 */
export function readIncidentList(value: unknown, path = 'incidents'): readonly Incident[] {
  const entries = readList(
    value,
    path,
    `expected an array of at most ${LIMITS.events} incidents`,
    LIMITS.events,
  );
  const out: Incident[] = new Array(entries.length);
  for (let i = 0; i < entries.length; i++) out[i] = checkIncident(entries[i], `${path}[${i}]`);
  return out;
}

function dueFor(incident: Incident, policy: SeverityPolicy): EpochMs | undefined {
  if (!CADENCE_PHASES.has(incident.phase)) return undefined;
  const every = requirementsFor(incident.severity, { policy }).updateEveryMinutes;
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
 * overdueUpdates([incident], { now: 20 * 60_000 }); // [{ incidentId, dueAt: 900000, overdueByMs: 300000 }]
 * ```
 */
export function overdueUpdates(
  incidents: readonly Incident[],
  options: OverdueUpdatesOptions,
): OverdueUpdate[];
/** @deprecated Use `overdueUpdates(incidents, { now, policy })`; this form goes in 1.0. */
export function overdueUpdates(
  incidents: readonly Incident[],
  policy: SeverityPolicy | SeverityPolicyConfig | undefined,
  now: TimeInput,
): OverdueUpdate[];
export function overdueUpdates(
  incidents: readonly Incident[],
  second: unknown,
  third?: unknown,
): OverdueUpdate[] {
  const options = manyIncidentOptions(second, third);
  const list = readIncidentList(incidents);
  const at = toEpochMs(options.now, 'now');
  const out: OverdueUpdate[] = [];
  for (const incident of list) {
    const dueAt = dueFor(incident, policyForIncident(incident, options));
    if (dueAt !== undefined && at > dueAt)
      out.push({ incidentId: incident.id, dueAt, overdueByMs: at - dueAt });
  }
  return out.sort((a, b) => b.overdueByMs - a.overdueByMs);
}
