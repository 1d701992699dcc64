// The store's read model: folding accepted events onto the projected incident with the
// lifecycle's `evolve` (no policy guards: the events were decided when they were accepted). The
// fold still refuses an event the lifecycle cannot apply, and the append then writes nothing.
import { evolve, replay } from '../lifecycle/index.js';
import type { Incident, IncidentEvent } from '../model/index.js';
import type { SeverityPolicy, SeverityPolicyConfig } from '../severity/index.js';

/** What the fold needs beside the events. */
export interface ProjectionOptions {
  /**
   * Read only for a DECLARE stored before policy stamps: the policy it was declared under
   * (default: the default policy).
   */
  readonly policy?: SeverityPolicy | SeverityPolicyConfig | undefined;
}

/** From this many events in one append, replaying the whole log beats folding one by one. */
const REPLAY_BATCH = 16;

/**
 * The incident after `added`, given the incident before (`undefined` for a new stream). A small
 * batch is folded event by event (`evolve` copies the incident each time: linear in its size); a
 * new stream's batch, or a large one when the earlier events are at hand, is replayed in one
 * linear pass.
 */
export function project(
  before: Incident | undefined,
  added: readonly IncidentEvent[],
  options: ProjectionOptions,
  previous?: () => Promise<readonly IncidentEvent[]> | readonly IncidentEvent[],
): Incident | Promise<Incident> {
  const replayOptions = options.policy === undefined ? {} : { policy: options.policy };
  if (before === undefined) return replay(added, replayOptions);
  if (previous !== undefined && added.length >= REPLAY_BATCH) {
    const earlier = previous();
    return Array.isArray(earlier)
      ? replay([...(earlier as readonly IncidentEvent[]), ...added], replayOptions)
      : Promise.resolve(earlier).then((events) => replay([...events, ...added], replayOptions));
  }
  let incident = before;
  for (const event of added) incident = evolve(incident, event);
  return incident;
}
