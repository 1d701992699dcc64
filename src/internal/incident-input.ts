import { IncidentKitError } from '../model/errors.js';
import type { Incident } from '../model/incident.js';
import { PHASES } from '../model/phase.js';

const PHASE_SET: ReadonlySet<string> = new Set(PHASES);

/**
 * A cheap structural check for an incident handed back by a caller (a full parse per event would
 * cost more than the event). Returns the first problem, or `undefined`.
 */
function incidentShapeProblem(value: unknown): { path: string; message: string } | undefined {
  if (typeof value !== 'object' || value === null)
    return { path: 'incident', message: 'expected an incident object' };
  const i = value as Record<string, unknown>;
  if (typeof i.id !== 'string') return { path: 'incident.id', message: 'expected a string' };
  if (typeof i.phase !== 'string' || !PHASE_SET.has(i.phase))
    return { path: 'incident.phase', message: 'expected a phase' };
  if (typeof i.milestones !== 'object' || i.milestones === null)
    return { path: 'incident.milestones', message: 'expected an object' };
  if (typeof (i.milestones as Record<string, unknown>).detectedAt !== 'number') {
    return { path: 'incident.milestones.detectedAt', message: 'expected epoch ms' };
  }
  for (const key of ['timeline', 'updates', 'actionItems', 'reopens', 'services', 'tags'] as const) {
    if (!Array.isArray(i[key])) return { path: `incident.${key}`, message: 'expected an array' };
  }
  if (typeof i.roles !== 'object' || i.roles === null)
    return { path: 'incident.roles', message: 'expected an object' };
  if (typeof i.impact !== 'object' || i.impact === null)
    return { path: 'incident.impact', message: 'expected an object' };
  if (typeof i.version !== 'number' || typeof i.reopenCount !== 'number')
    return { path: 'incident.version', message: 'expected a number' };
  return undefined;
}

/** Cheap shape check of an incident handed back by a caller; throws INVALID_INPUT naming the field. */
export function checkIncident(value: unknown, path = 'incident'): Incident {
  const problem = incidentShapeProblem(value);
  if (problem) {
    const where = path + problem.path.slice('incident'.length);
    throw new IncidentKitError('INVALID_INPUT', `${where}: ${problem.message}`, {
      issues: [{ path: where, message: problem.message }],
    });
  }
  return value as Incident;
}

/** Cheap shape check of a list of incidents. */
export function checkIncidents(value: unknown, path = 'incidents'): readonly Incident[] {
  if (!Array.isArray(value)) {
    throw new IncidentKitError('INVALID_INPUT', `${path}: expected an array of incidents`, {
      issues: [{ path, message: 'expected an array of incidents' }],
    });
  }
  for (let i = 0; i < value.length; i++) checkIncident(value[i], `${path}[${i}]`);
  return value as readonly Incident[];
}
