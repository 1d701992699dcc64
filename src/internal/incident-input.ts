import { type Incident, IncidentKitError, incidentShapeProblem } from '../model/index.js';

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
