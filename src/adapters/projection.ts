// The store's read model: folding accepted events onto the projected incident. The events were
// already decided (guards ran when they were accepted), so the fold never consults a policy's
// guards; it still refuses an event the lifecycle cannot apply, and the append then writes nothing.
import * as lifecycle from '../lifecycle/index.js';
import type { Incident, IncidentEvent } from '../model/index.js';
import type { SeverityPolicy, SeverityPolicyConfig } from '../severity/index.js';

/** What the fold needs beside the events: the policy whose severity scale the events use. */
export interface ProjectionOptions {
  readonly policy?: SeverityPolicy | SeverityPolicyConfig;
}

type Evolve = (incident: Incident, event: IncidentEvent, options?: ProjectionOptions) => Incident;

// `evolve` (fold one accepted event) is being added to the lifecycle; until it is exported the
// fold replays the whole log, which is correct but linear per append.
const evolve = (lifecycle as unknown as { evolve?: Evolve }).evolve;

/** Whether the fold is incremental (else a store must hand `project` every earlier event). */
export const PROJECTS_INCREMENTALLY: boolean = evolve !== undefined;

/**
 * The incident after `added`, given the incident before (`undefined` for a new stream) and, for
 * the replay fallback, every event before `added`.
 */
export function project(
  before: Incident | undefined,
  previous: () => readonly IncidentEvent[],
  added: readonly IncidentEvent[],
  options: ProjectionOptions,
): Incident {
  if (added.length === 0 && before !== undefined) return before;
  const lifecycleOptions = options.policy === undefined ? {} : { policy: options.policy };
  if (evolve !== undefined) {
    let incident = before;
    let rest = added;
    if (incident === undefined) {
      incident = lifecycle.replay([added[0]!], lifecycleOptions);
      rest = added.slice(1);
    }
    for (const event of rest) incident = evolve(incident, event, lifecycleOptions);
    return incident;
  }
  return lifecycle.replay([...previous(), ...added], lifecycleOptions);
}

/** The incident folded from a whole log (a rebuilt projection). */
export function projectLog(events: readonly IncidentEvent[], options: ProjectionOptions): Incident {
  return project(undefined, () => [], events, options);
}
