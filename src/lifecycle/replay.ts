import {
  type Incident,
  type IncidentEvent,
  type IncidentEventInput,
  IncidentKitError,
  isIncidentKitError,
  withErrorContext,
} from '../model/index.js';
import { LIMITS } from '../model/limits.js';
import { readList } from '../model/validate.js';
import { resolvePolicy } from '../severity/index.js';
import { type DecideOptions, decideSettings } from './decide.js';
import { eventHash } from './event-hash.js';
import { createIncident, foldEvent, latestMilestoneAt } from './fold.js';
import { duplicateEventId, foldProblem, inContext, invalidTransition } from './judge.js';
import { parseForFold } from './normalize-event.js';
import { transitionTable } from './transition-table.js';

/** Options of {@link replay}. */
export interface ReplayOptions {
  /**
   * Read only for a DECLARE stored before policy stamps (and without its classified severity):
   * the policy it was declared under. Default: the default policy. Guards are never consulted.
   */
  readonly policy?: DecideOptions['policy'] | undefined;
}

/**
 * Folds an event log (DECLARE first) into the incident with `evolve`'s rules: no policy guards, so
 * a log accepted under an earlier policy replays to the same incident under any later one.
 * Linear: one accumulator and a Map of event id → content hash. A repeated event (same id, same
 * content) is skipped; the same id with other content is `DUPLICATE_EVENT_ID`. Throws on the
 * first event that cannot be folded, saying which one (`events[i]`).
 *
 * @example
 * ```ts
 * import { replay } from 'incidentkit/lifecycle';
 * const incident = replay([
 *   { type: 'DECLARE', id: 'e1', incidentId: 'INC-1', title: 'Checkout errors', at: 0, severity: 'SEV3' },
 *   { type: 'ACKNOWLEDGE', id: 'e2', at: 60_000 },
 * ]);
 * incident.phase; // 'triage'
 * ```
 */
export function replay(
  log: readonly (IncidentEventInput | IncidentEvent)[],
  options?: ReplayOptions,
): Incident {
  const settings = decideSettings(options);
  // The list is read once (length first, bounded: an incident holds at most LIMITS.events events,
  // and a log may repeat some); each event is then parsed on its own.
  const events = readList(
    log,
    'events',
    'expected a non-empty array starting with DECLARE',
    2 * LIMITS.events,
  );
  if (events.length === 0) {
    throw new IncidentKitError('INVALID_INPUT', 'events: expected a non-empty array starting with DECLARE', {
      issues: [{ path: 'events', message: 'expected a non-empty array starting with DECLARE' }],
    });
  }
  const legacyPolicy = resolvePolicy(settings.policy);
  const table = transitionTable();
  let declared: IncidentEvent;
  try {
    declared = parseForFold(events[0] as IncidentEventInput, undefined);
  } catch (error) {
    throw locate(error, 0);
  }
  if (declared.type !== 'DECLARE') {
    throw new IncidentKitError(
      'INVALID_TRANSITION',
      `events[0]: an incident starts with DECLARE, not ${declared.type}`,
      {
        eventType: declared.type,
        allowed: ['DECLARE'],
      },
    );
  }
  const firstHash = eventHash(declared);
  const incident = createIncident(declared, legacyPolicy, firstHash);
  const seen = new Map<string, string>([[declared.id, firstHash]]);
  let latest = latestMilestoneAt(incident);
  for (let i = 1; i < events.length; i++) {
    let event: IncidentEvent;
    try {
      event = parseForFold(events[i] as IncidentEventInput, incident);
    } catch (error) {
      throw locate(inContext(error, incident, events[i]), i);
    }
    const hash = eventHash(event);
    const known = seen.get(event.id);
    if (known !== undefined) {
      if (known === hash) continue;
      throw locate(duplicateEventId(incident, event), i);
    }
    const row = table[incident.phase];
    const problem =
      event.type === 'DECLARE'
        ? invalidTransition(incident, 'DECLARE', [])
        : foldProblem(incident, event, row, latest);
    if (problem) throw locate(problem, i);
    seen.set(event.id, hash);
    const transition = row[event.type]!;
    foldEvent(incident, event, transition.target, hash);
    // Only phase changes, REOPEN, PUBLISH_POSTMORTEM and corrections move a milestone.
    if (
      transition.target !== undefined ||
      event.type === 'PUBLISH_POSTMORTEM' ||
      event.type === 'AMEND_MILESTONE'
    )
      latest = latestMilestoneAt(incident);
  }
  return incident;
}

function locate(error: unknown, index: number): IncidentKitError {
  if (!isIncidentKitError(error)) throw error;
  return withErrorContext(error, { at: `events[${index}]` });
}
