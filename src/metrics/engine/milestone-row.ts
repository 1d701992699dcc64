import { DURATION_MILESTONES } from '../duration-metric.js';
import { epochOf, type RawMilestones } from './validate.js';

// An incident's milestones read once into a row of numbers (NaN when absent), and the checks every
// duration metric makes on it: is the chain monotone, and has the incident moved past a milestone
// it never set.

/** A milestone for the row: NaN when absent. (Module level: no closure allocated per incident.) */
function rowValue(value: unknown, i: number, k: number): number {
  return epochOf(value, i, DURATION_MILESTONES[k]!) ?? Number.NaN;
}

/**
 * Reads an incident's milestones once into `row`, in the order of DURATION_MILESTONES (NaN when
 * absent; `row[0]` is impact start), so the duration metrics of a report share one read, each a
 * constant-name load, instead of each metric reading its own.
 */
export function fillRow(m: RawMilestones, i: number, row: Float64Array): Float64Array {
  row[1] = rowValue(m.startedAt, i, 1);
  row[2] = rowValue(m.detectedAt, i, 2);
  row[3] = rowValue(m.acknowledgedAt, i, 3);
  row[4] = rowValue(m.triagedAt, i, 4);
  row[5] = rowValue(m.mitigatedAt, i, 5);
  row[6] = rowValue(m.resolvedAt, i, 6);
  row[7] = rowValue(m.reviewedAt, i, 7);
  row[8] = rowValue(m.closedAt, i, 8);
  row[9] = rowValue(m.cancelledAt, i, 9);
  row[0] = Number.isNaN(row[1]) ? row[2]! : row[1]!;
  return row;
}

/**
 * True when the milestones break the monotone chain (as the lifecycle keeps it): startedAt ≤
 * detectedAt ≤ acknowledgedAt ≤ triagedAt ≤ mitigatedAt ≤ resolvedAt ≤ reviewedAt, closedAt after
 * all of those but reviewedAt (a postmortem may follow the close), cancelledAt after start, detection
 * and acknowledgement; absent milestones are skipped. Comparisons with NaN are false.
 */
export function brokenChain(row: Float64Array): boolean {
  let bound = -1;
  let early = -1;
  for (let k = 1; k <= 6; k++) {
    const t = row[k]!;
    if (t < bound) return true;
    if (t > bound) bound = t;
    if (k === 3) early = bound;
  }
  return row[7]! < bound || row[8]! < bound || row[9]! < early;
}

/** The phases before review; a phase at index k has reached the milestone at row index k + 2. */
const PHASES = ['detect', 'triage', 'mitigate', 'resolve', 'review'];

/**
 * True when an incident without the milestone at row index `to` will never set it: it is closed
 * or cancelled, a later milestone is set, or its phase is past it (resolved without ever being
 * acknowledged, for MTTA). Such an incident is excluded from a duration metric, never open.
 */
export function passed(phase: unknown, row: Float64Array, to: number): boolean {
  if (phase === 'closed' || phase === 'cancelled' || !Number.isNaN(row[9])) return true;
  for (let k = to + 1; k <= 8; k++) if (!Number.isNaN(row[k])) return true;
  return PHASES.indexOf(phase as string) + 2 > to;
}

/** The most incident ids a result lists in `invalidIds`. */
export const MAX_INVALID_IDS = 100;

/** Notes an invalid incident in `ids` (its id, or `incidents[i]` without one), up to the cap. */
export function noteInvalid(ids: string[], id: unknown, i: number): void {
  if (ids.length < MAX_INVALID_IDS) ids.push(typeof id === 'string' ? id : `incidents[${i}]`);
}
