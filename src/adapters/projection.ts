// The store's read model: folding accepted events onto the projected incident with the
// lifecycle's `evolve` (no policy guards: the events were decided when they were accepted). The
// fold still refuses an event the lifecycle cannot apply, and the append then writes nothing.
import { trustIncident } from '../internal/incident-input.js';
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
export const REPLAY_BATCH = 16;

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

/**
 * A checksum of a projection as the store wrote it: two 32-bit FNV-1a lanes over the UTF-16
 * text, one pass (about 2 ms per MB; `shortHash`'s extra mixing step costs several times that). A
 * store keeps it beside the JSON and takes a projection that still matches it as incidentkit's
 * own (no full schema check per command); a row edited by hand no longer matches and gets the
 * full check. It detects edits, not forgery: whoever can write the row can recompute it (the
 * event hash chain, with its head anchored elsewhere, is the tamper evidence).
 */
export function projectionCheck(json: string): string {
  let a = 0x811c9dc5 | 0;
  let b = 0x9e3779b9 | 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`;
}

/**
 * The projection read back from `json`: taken as the store's own (see {@link projectionCheck})
 * when `check` matches, else returned unmarked, so the lifecycle checks it fully before use.
 */
export function readProjection(json: string, check: unknown): Incident {
  const incident = JSON.parse(json) as Incident;
  return isOwnProjection(json, check) ? trustIncident(incident) : incident;
}

/** Whether `json` is a projection as the store wrote it: `check` is its {@link projectionCheck}. */
export function isOwnProjection(json: string, check: unknown): boolean {
  return typeof check === 'string' && check === projectionCheck(json);
}
