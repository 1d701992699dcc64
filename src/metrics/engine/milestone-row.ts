import { MAX_EPOCH_MS } from '../../model/time.js';
import { DURATION_MILESTONES } from '../duration-metric.js';
import { epochOf, type RawMilestones } from './validate.js';

// An incident's milestones read once into a row of numbers (NaN when absent), and the checks every
// duration metric makes on it: is the chain monotone, and has the incident moved past a milestone
// it never set.

/** An epoch-ms number in range: the fast path (a boolean, so nothing is boxed on the way). */
function isEpoch(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_EPOCH_MS;
}

/** A milestone that is not a plain epoch-ms number: NaN when absent, else parsed (or an error). */
function slowValue(value: unknown, i: number, k: number): number {
  return epochOf(value, i, DURATION_MILESTONES[k]!) ?? Number.NaN;
}

/**
 * Reads an incident's milestones once into `row`, in the order of DURATION_MILESTONES (NaN when
 * absent; `row[0]` is impact start), so the duration metrics of a report share one read, each a
 * constant-name load, instead of each metric reading its own. The number check is written out per
 * field so the value goes straight into the row: a helper returning it would box a heap number per
 * milestone, nine per incident.
 */
export function fillRow(m: RawMilestones, i: number, row: Float64Array): Float64Array {
  let v: unknown = m.startedAt;
  row[1] = isEpoch(v) ? v : slowValue(v, i, 1);
  v = m.detectedAt;
  row[2] = isEpoch(v) ? v : slowValue(v, i, 2);
  v = m.acknowledgedAt;
  row[3] = isEpoch(v) ? v : slowValue(v, i, 3);
  v = m.triagedAt;
  row[4] = isEpoch(v) ? v : slowValue(v, i, 4);
  v = m.mitigatedAt;
  row[5] = isEpoch(v) ? v : slowValue(v, i, 5);
  v = m.resolvedAt;
  row[6] = isEpoch(v) ? v : slowValue(v, i, 6);
  v = m.reviewedAt;
  row[7] = isEpoch(v) ? v : slowValue(v, i, 7);
  v = m.closedAt;
  row[8] = isEpoch(v) ? v : slowValue(v, i, 8);
  v = m.cancelledAt;
  row[9] = isEpoch(v) ? v : slowValue(v, i, 9);
  row[0] = Number.isNaN(row[1]) ? row[2]! : row[1]!;
  // Once per incident, however many metrics read the row.
  row[BROKEN] = brokenChain(row) ? 1 : 0;
  return row;
}

/** The slot of a row that says whether its chain is broken (1) or not (0). */
export const BROKEN = 10;

/** A row for {@link fillRow}: the ten milestone slots and the chain flag. */
export function newRow(): Float64Array {
  return new Float64Array(11);
}

/**
 * True when the milestones break the monotone chain (as the lifecycle keeps it): startedAt ≤
 * detectedAt ≤ acknowledgedAt ≤ triagedAt ≤ mitigatedAt ≤ resolvedAt ≤ reviewedAt, closedAt after
 * all of those but reviewedAt (a postmortem may follow the close), cancelledAt after start, detection
 * and acknowledgement; absent milestones are skipped. Comparisons with NaN are false.
 */
function brokenChain(row: Float64Array): boolean {
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
