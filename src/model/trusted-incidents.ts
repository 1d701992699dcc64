// Incidents incidentkit itself returned, and incidents a caller handed in that passed the full
// check once: both are taken as they are later (a full parse per event would cost more than the
// event). Zod-free, so every module can use it.
const trusted = new WeakSet<object>();

/** Marks an incident as checked (incidentkit built it, or it passed the full schema). Returns it. */
export function trustIncident<T extends object>(incident: T): T {
  trusted.add(incident);
  return incident;
}

/** Whether `value` is an incident incidentkit returned or already checked in full. */
export function isTrustedIncident(value: unknown): boolean {
  return typeof value === 'object' && value !== null && trusted.has(value);
}
