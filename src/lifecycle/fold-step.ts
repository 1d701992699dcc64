import { trustIncident } from '../internal/incident-input.js';
import type { Incident, IncidentEvent } from '../model/index.js';
import { eventHash } from './event-hash.js';
import { draftOf, foldEvent, latestMilestoneAt } from './fold.js';
import { duplicateEventId, foldProblem } from './judge.js';
import { transitionTable } from './transition-table.js';

/** What folding one event into an incident comes to. */
export type FoldStep =
  | { readonly kind: 'fold'; readonly event: IncidentEvent; readonly hash: string }
  | { readonly kind: 'repeat' };

/**
 * Whether `event` (parsed) was already applied to `incident`: a repeat when the id is known with
 * the same content (or an entry from before content hashes), `DUPLICATE_EVENT_ID` when the content
 * differs. A linear scan of the timeline: replay keeps a Map instead.
 */
export function repeatOf(incident: Incident, event: IncidentEvent, hash: string): boolean {
  const timeline = incident.timeline;
  for (let i = timeline.length - 1; i >= 0; i--) {
    const entry = timeline[i]!;
    if (entry.eventId !== event.id) continue;
    if (entry.hash === undefined || entry.hash === hash) return true;
    throw duplicateEventId(incident, event);
  }
  return false;
}

/**
 * Judges the fold of a parsed event without policy: a repeat, or an event the phase takes in a
 * valid order with existing references. Throws otherwise.
 */
export function checkFold(incident: Incident, event: IncidentEvent): FoldStep {
  const hash = eventHash(event);
  if (repeatOf(incident, event, hash)) return { kind: 'repeat' };
  const problem = foldProblem(
    incident,
    event,
    transitionTable()[incident.phase],
    latestMilestoneAt(incident),
  );
  if (problem) throw problem;
  return { kind: 'fold', event, hash };
}

/** The incident after a checked event, as a new object. */
export function folded(incident: Incident, event: IncidentEvent, hash: string): Incident {
  const draft = draftOf(incident);
  foldEvent(draft, event, transitionTable()[incident.phase][event.type]!.target, hash);
  return trustIncident(draft);
}
