import type { IncidentFacts } from '../incident-facts.js';
import { admits, FILTER_KEYS, type IncidentFilter, readIncidentFilter } from './filter.js';
import {
  milestonesOf,
  type Options,
  type RawMilestones,
  readIncidents,
  readOptions,
  unreadable,
} from './validate.js';

/** One calculator, fed the counted incidents one at a time. */
export interface Part<R> {
  /** Counts an admitted incident. */
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
  let i = -1;
  try {
    const o = readOptions(options, 'options', FILTER_KEYS.concat(keys));
    const filter = readIncidentFilter(o, 'options');
    const [list, n] = readIncidents(incidents);
    const part = make(o, filter, n);
    for (i = 0; i < n; i++) {
      const incident = list[i]!;
      const m = milestonesOf(incident, i);
      if (admits(filter, incident, m, i)) part.add(incident, m, i);
    }
    i = -1;
    return part.result();
  } catch (error) {
    return unreadable(error, i < 0 ? 'options' : `incidents[${i}]`);
  }
}
