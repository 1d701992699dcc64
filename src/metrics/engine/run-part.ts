import type { IncidentFacts } from '../incident-facts.js';
import { admits, FILTER_KEYS, type IncidentFilter, readIncidentFilter } from '../incident-filter.js';
import { milestonesOf, type Options, type RawMilestones, readIncidents, readOptions } from './validate.js';

/** One calculator, fed the counted incidents one at a time. */
export interface Part<R> {
  add(incident: IncidentFacts, m: RawMilestones, i: number): unknown;
  result(): R;
}

/** Runs one part over `incidents` with the filter options plus the part's own `keys`. */
export function runPart<R>(
  incidents: unknown,
  options: unknown,
  keys: readonly string[],
  make: (o: Options, filter: IncidentFilter, capacity: number) => Part<R>,
): R {
  const o = readOptions(options, 'options', FILTER_KEYS.concat(keys));
  const filter = readIncidentFilter(o, 'options');
  const list = readIncidents(incidents);
  const part = make(o, filter, list.length);
  for (let i = 0; i < list.length; i++) {
    const incident = list[i]!;
    const m = milestonesOf(incident, i);
    if (admits(filter, incident, m, i)) part.add(incident, m, i);
  }
  return part.result();
}
