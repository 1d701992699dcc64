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
 * Event id → content hash (undefined for entries from before content hashes) of an incident's
 * timeline, so the repeat check is one lookup instead of a scan. One Map serves a whole chain of
 * incidents folded one from the next: {@link folded} adds the new event's id and hands the Map on
 * to the incident it returns (`owner`), so folding a log event by event never rebuilds it. An
 * incident whose Map was handed on (a second event branched off the same base) or that never had
 * one (a caller's own object) gets a fresh Map built from its timeline, once: branches never see
 * each other's ids.
 */
interface IdIndex {
  readonly ids: Map<string, string | undefined>;
  owner: Incident;
}

const indexes = new WeakMap<Incident, IdIndex>();

function indexOf(incident: Incident): IdIndex {
  const known = indexes.get(incident);
  if (known !== undefined && known.owner === incident) return known;
  const ids = new Map<string, string | undefined>();
  // In timeline order, so the last entry with an id wins, as the backward scan it replaces found it.
  for (const entry of incident.timeline) ids.set(entry.eventId, entry.hash);
  const index: IdIndex = { ids, owner: incident };
  indexes.set(incident, index);
  return index;
}

/**
 * Whether `event` (parsed) was already applied to `incident`: a repeat when the id is known with
 * the same content (or an entry from before content hashes), `DUPLICATE_EVENT_ID` when the content
 * differs. O(1) for an incident folded from the previous one; the first call on any other incident
 * builds its index in one pass over the timeline.
 */
export function repeatOf(incident: Incident, event: IncidentEvent, hash: string): boolean {
  const { ids } = indexOf(incident);
  if (!ids.has(event.id)) return false;
  const known = ids.get(event.id);
  if (known === undefined || known === hash) return true;
  throw duplicateEventId(incident, event);
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
  // Hand the id index on: the new incident holds every id the old one did, and this event's.
  const index = indexOf(incident);
  index.ids.set(event.id, hash);
  index.owner = draft;
  indexes.set(draft, index);
  return trustIncident(draft);
}
