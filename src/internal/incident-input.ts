import { IncidentKitError } from '../model/errors.js';
import { type Incident, IncidentSchema } from '../model/incident.js';
import { LIMITS } from '../model/limits.js';
import { PHASES } from '../model/phase.js';
import { isTrustedIncident, trustIncident } from '../model/trusted-incidents.js';
import { parseSnapshotWith, snapshotInput } from '../model/validate.js';

const PHASE_SET: ReadonlySet<string> = new Set(PHASES);

export { trustIncident } from '../model/trusted-incidents.js';

/** Lists an incident may hold, and their bounds: checked before anything iterates them. */
const BOUNDED_LISTS = [
  ['timeline', LIMITS.events],
  ['updates', LIMITS.events],
  ['actionItems', LIMITS.actionItems],
  ['reopens', LIMITS.reopens],
  ['services', LIMITS.listEntries],
  ['tags', LIMITS.listEntries],
] as const;

/**
 * The first structural problem of an incident handed in by a caller that would make iterating it
 * unsafe (a non-object, a list past its bound, a wrong phase), or `undefined`. Run on the
 * snapshot, never on the caller's object.
 */
function shapeProblem(value: unknown): { path: string; message: string } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { path: 'incident', message: 'expected an incident object' };
  const i = value as Record<string, unknown>;
  if (typeof i.id !== 'string') return { path: 'incident.id', message: 'expected a string' };
  if (typeof i.phase !== 'string' || !PHASE_SET.has(i.phase))
    return { path: 'incident.phase', message: 'expected a phase' };
  if (typeof i.milestones !== 'object' || i.milestones === null)
    return { path: 'incident.milestones', message: 'expected an object' };
  for (const [key, max] of BOUNDED_LISTS) {
    const list = i[key];
    if (!Array.isArray(list)) return { path: `incident.${key}`, message: 'expected an array' };
    if (list.length > max) return { path: `incident.${key}`, message: `must have at most ${max} entries` };
  }
  if (typeof i.roles !== 'object' || i.roles === null)
    return { path: 'incident.roles', message: 'expected an object' };
  if (typeof i.impact !== 'object' || i.impact === null)
    return { path: 'incident.impact', message: 'expected an object' };
  return undefined;
}

/**
 * An incident handed back by a caller, checked: one incidentkit returned is taken as it is; any
 * other object (read from the host's own storage, edited by hand) is copied once, each field read
 * exactly once (so getters and Proxies cannot change it afterwards), gets the full schema check —
 * bounded lengths first, then every field, the milestone range included — and the checked copy is
 * returned and remembered. Throws `INVALID_INPUT` naming the field (a getter or trap that threw is
 * its `cause`).
 */
export function checkIncident(value: unknown, path = 'incident'): Incident {
  if (isTrustedIncident(value)) return value as Incident;
  const copy = snapshotInput(value, path);
  const problem = shapeProblem(copy);
  if (problem) {
    const where = path + problem.path.slice('incident'.length);
    throw new IncidentKitError('INVALID_INPUT', `${where}: ${problem.message}`, {
      issues: [{ path: where, message: problem.message }],
    });
  }
  parseSnapshotWith(IncidentSchema, copy, path);
  return trustIncident(copy as Incident);
}
