import { checkIncident } from '../internal/incident-input.js';
import { readOptions } from '../internal/validate.js';
import {
  type Incident,
  type IncidentEvent,
  type IncidentEventInput,
  IncidentKitError,
  invalidInput,
  isIncidentKitError,
  type TimeInput,
  toEpochMs,
} from '../model/index.js';
import {
  policyForIncident,
  resolvePolicy,
  type SeverityPolicy,
  type SeverityPolicyConfig,
} from '../severity/index.js';
import { eventHash } from './event-hash.js';
import { createIncident } from './fold.js';
import { checkFold, folded } from './fold-step.js';
import { GUARDS } from './guards.js';
import { inContext, invalidTransition } from './judge.js';
import { normalizeForDecide } from './normalize-event.js';
import { transitionTable } from './transition-table.js';

/** Default {@link DecideOptions.maxClockSkewMs}: five minutes. */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** Options of {@link decide} (and `applyEvent`, `declareIncident`). */
export interface DecideOptions {
  /** The severity policy to judge by; its id must match the incident's stamp. Default: the default policy. */
  readonly policy?: SeverityPolicy | SeverityPolicyConfig | undefined;
  /** The caller's clock. When given, an event timed more than `maxClockSkewMs` after it is `INVALID_INPUT`. */
  readonly now?: TimeInput | undefined;
  /** How far in the future an event may be timed (default 5 minutes). */
  readonly maxClockSkewMs?: number | undefined;
}

/** What {@link decide} returns: the normalised events to append (none for a repeat) and the incident after them. */
export interface Decision {
  readonly events: IncidentEvent[];
  readonly incident: Incident;
}

/** The result of {@link safeDecide}. */
export type SafeDecision =
  | { readonly ok: true; readonly events: IncidentEvent[]; readonly incident: Incident }
  | { readonly ok: false; readonly error: IncidentKitError };

interface Settings {
  readonly policy: SeverityPolicy | SeverityPolicyConfig | undefined;
  readonly now: number | undefined;
  readonly maxClockSkewMs: number;
}

/** Validates the options object (a `null` or a non-object is `INVALID_INPUT`, not a TypeError). */
export function decideSettings(options: unknown): Settings {
  if (options === undefined)
    return { policy: undefined, now: undefined, maxClockSkewMs: DEFAULT_MAX_CLOCK_SKEW_MS };
  // Read once: a getter or trap that throws (a revoked Proxy too) is INVALID_INPUT with it as the cause.
  const o = readOptions(options) as DecideOptions;
  if (Array.isArray(o)) throw invalidInput('options', 'expected an options object or nothing');
  const now = o.now === undefined ? undefined : toEpochMs(o.now, 'options.now');
  const skew = o.maxClockSkewMs;
  if (skew !== undefined && (typeof skew !== 'number' || !Number.isFinite(skew) || skew < 0))
    throw invalidInput('options.maxClockSkewMs', 'expected a number of milliseconds, 0 or more');
  return { policy: o.policy, now, maxClockSkewMs: skew ?? DEFAULT_MAX_CLOCK_SKEW_MS };
}

function checkSkew(event: IncidentEvent, settings: Settings): void {
  if (settings.now === undefined) return;
  const limit = settings.now + settings.maxClockSkewMs;
  const late = (path: string, at: number) =>
    invalidInput(
      path,
      `${new Date(at).toISOString()} is more than ${Math.round(settings.maxClockSkewMs / 1000)} s after now (${new Date(settings.now!).toISOString()}); check the clock or the time zone`,
    );
  if (event.at > limit) throw late('event.at', event.at);
  if (event.type === 'AMEND_MILESTONE' && event.to > limit) throw late('event.to', event.to);
}

/** CANCEL as a duplicate names what it duplicates (not itself); other reasons name nothing. */
function checkCancel(incident: Incident, event: IncidentEvent): void {
  if (event.type !== 'CANCEL') return;
  if (event.reason === 'duplicate') {
    if (event.duplicateOf === undefined)
      throw invalidInput('event.duplicateOf', 'a duplicate names the incident it duplicates');
    if (event.duplicateOf === incident.id)
      throw invalidInput('event.duplicateOf', `${incident.id} cannot duplicate itself`);
  } else if (event.duplicateOf !== undefined) {
    throw invalidInput(
      'event.duplicateOf',
      `only a CANCEL with reason "duplicate" names duplicateOf (reason is "${event.reason}")`,
    );
  }
}

function decideNew(input: IncidentEventInput | IncidentEvent, settings: Settings): Decision {
  const policy = resolvePolicy(settings.policy);
  const event = normalizeForDecide(input, undefined, policy);
  if (event.type !== 'DECLARE') {
    throw new IncidentKitError('INVALID_TRANSITION', `an incident starts with DECLARE, not ${event.type}`, {
      eventType: event.type,
      allowed: ['DECLARE'],
    });
  }
  checkSkew(event, settings);
  return { events: [event], incident: createIncident(event, policy, eventHash(event)) };
}

/**
 * Judges a request against the policy and the incident, and returns the normalised events to
 * append (ids filled in, times in epoch ms, everything the policy derives written in) and the
 * incident after them. In order: valid input (`INVALID_INPUT`), the policy is the one the incident
 * was declared under (`POLICY_MISMATCH`), not already applied (a repeat returns `{ events: [] }`;
 * the same id with other content is `DUPLICATE_EVENT_ID`), allowed in this phase
 * (`INVALID_TRANSITION`), in order (`OUT_OF_ORDER`), references exist (`NOT_FOUND`), not further
 * ahead of `options.now` than the clock skew allows, and the policy's requirements
 * (`GUARD_REJECTED`). With no incident, the event must be the DECLARE that starts one.
 *
 * @example
 * ```ts
 * import { decide } from 'incidentkit/lifecycle';
 * const declared = decide(undefined, { type: 'DECLARE', incidentId: 'INC-7', title: 'Checkout errors', at: 0 });
 * const { events, incident } = decide(declared.incident, { type: 'ACKNOWLEDGE', id: 'ack-1', at: 60_000 }, { now: 60_000 });
 * events.length; // 1 — append it to the log
 * incident.phase; // 'triage'
 * ```
 */
export function decide(
  incident: Incident | undefined,
  event: IncidentEventInput | IncidentEvent,
  options?: DecideOptions,
): Decision {
  const settings = decideSettings(options);
  if (incident === undefined) return decideNew(event, settings);
  const current = checkIncident(incident);
  const policy = policyForIncident(current, { policy: settings.policy });
  let normalized: IncidentEvent;
  let hash: string;
  try {
    normalized = normalizeForDecide(event, current, policy);
    if (normalized.type === 'DECLARE') throw invalidTransition(current, 'DECLARE', []);
    const step = checkFold(current, normalized);
    if (step.kind === 'repeat') return { events: [], incident: current };
    hash = step.hash;
    checkSkew(normalized, settings);
    checkCancel(current, normalized);
  } catch (error) {
    throw inContext(error, current, event);
  }
  const transition = transitionTable()[current.phase][normalized.type]!;
  if (transition.guard !== undefined) {
    const rejected = GUARDS[transition.guard](current, normalized, policy);
    if (rejected) throw rejected;
  }
  return { events: [normalized], incident: folded(current, normalized, hash) };
}

/**
 * {@link decide}, returning `{ ok: false, error }` instead of throwing an `IncidentKitError`.
 *
 * @example
 * ```ts
 * import { declareIncident, safeDecide } from 'incidentkit/lifecycle';
 * const { incident } = declareIncident({ title: 'Checkout errors', at: 0 });
 * const result = safeDecide(incident, { type: 'CLOSE', at: 1 });
 * if (!result.ok) result.error.code; // 'INVALID_TRANSITION'
 * ```
 */
export function safeDecide(
  incident: Incident | undefined,
  event: IncidentEventInput | IncidentEvent,
  options?: DecideOptions,
): SafeDecision {
  try {
    const { events, incident: next } = decide(incident, event, options);
    return { ok: true, events, incident: next };
  } catch (error) {
    if (isIncidentKitError(error)) return { ok: false, error };
    throw error;
  }
}
