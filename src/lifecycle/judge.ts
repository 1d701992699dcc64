import { LIMITS } from '../internal/limits.js';
import {
  EVENT_TYPES,
  type Incident,
  type IncidentEvent,
  IncidentKitError,
  MILESTONE_LOWER_BOUNDS,
  type MilestoneKey,
  type Phase,
  withErrorContext,
} from '../model/index.js';
import { CLEARED_BY_REOPEN } from './fold.js';
import type { GuardName } from './guards.js';
import { isoTime, milestoneWords } from './timeline-wording.js';

// What makes an event impossible to fold (phase, order, references, a reused id) — checked by
// both `decide` and `evolve`. Policy guards are not here: only `decide` consults them.

/** One edge of the lifecycle: where an event leads from a phase, and the guard it must pass. */
export interface Transition {
  /** The phase the event leads to; `undefined` keeps the phase. */
  readonly target: Phase | undefined;
  /** The policy guard, if any. */
  readonly guard: GuardName | undefined;
}

/** Events that may be timed before the latest milestone (backfill), from impact start on. */
const BACKFILLABLE: ReadonlySet<string> = new Set(['NOTE', 'POST_UPDATE']);

/** The phase does not take this event type. */
export function invalidTransition(
  incident: Incident,
  type: string,
  allowed: readonly string[],
): IncidentKitError {
  const hint =
    allowed.length > 0
      ? `; allowed: ${allowed.join(', ')}`
      : incident.phase === 'cancelled'
        ? '; a cancelled incident is final'
        : '';
  return new IncidentKitError(
    'INVALID_TRANSITION',
    `cannot ${type} ${incident.id} in phase ${incident.phase}${hint}`,
    {
      incidentId: incident.id,
      phase: incident.phase,
      eventType: type,
      allowed,
    },
  );
}

/**
 * An input error restated for the incident it was meant for: `cannot NOTE INC-1 (phase triage):
 * event.at …`, with the incident, phase and event type as details.
 */
export function inContext(error: unknown, incident: Incident, input: unknown): IncidentKitError {
  if (!(error instanceof IncidentKitError)) throw error;
  let type = 'event';
  try {
    const raw = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
    if (typeof raw === 'string' && (EVENT_TYPES as readonly string[]).includes(raw)) type = raw;
  } catch {
    // A hostile getter: keep the generic word.
  }
  return withErrorContext(error, { incidentId: incident.id, phase: incident.phase, eventType: type });
}

function outOfOrder(
  incident: Incident,
  event: IncidentEvent,
  text: string,
  detail: { latestMilestone?: string | undefined; latestAt: number; at: number },
): IncidentKitError {
  return new IncidentKitError(
    'OUT_OF_ORDER',
    `cannot ${event.type} ${incident.id} (phase ${incident.phase}): ${text}`,
    {
      incidentId: incident.id,
      phase: incident.phase,
      eventType: event.type,
      eventId: event.id,
      ...detail,
    },
  );
}

/** The upper neighbours of each milestone: those that must not precede it. */
function upperBounds(milestone: MilestoneKey): MilestoneKey[] {
  const out: MilestoneKey[] = [];
  for (const [name, lower] of Object.entries(MILESTONE_LOWER_BOUNDS) as [
    MilestoneKey,
    readonly MilestoneKey[],
  ][])
    if (lower.includes(milestone)) out.push(name);
  return out;
}

function amendProblem(
  incident: Incident,
  event: Extract<IncidentEvent, { type: 'AMEND_MILESTONE' }>,
): IncidentKitError | undefined {
  const m = incident.milestones;
  const name = event.milestone;
  if (m[name] === undefined) {
    const message = `${name} is not set on ${incident.id}; only a recorded milestone can be corrected`;
    return new IncidentKitError(
      'INVALID_INPUT',
      `cannot AMEND_MILESTONE ${incident.id} (phase ${incident.phase}): event.milestone: ${message}`,
      {
        issues: [{ path: 'event.milestone', message }],
        incidentId: incident.id,
        phase: incident.phase,
        eventType: event.type,
      },
    );
  }
  const to = event.to;
  let below: { name: string; at: number } | undefined;
  let above: { name: string; at: number } | undefined;
  for (const lower of MILESTONE_LOWER_BOUNDS[name]) {
    const at = m[lower];
    if (at !== undefined && at > to && (below === undefined || at >= below.at)) below = { name: lower, at };
  }
  for (const upper of upperBounds(name)) {
    const at = m[upper];
    if (at !== undefined && at < to && (above === undefined || at < above.at)) above = { name: upper, at };
  }
  // A REOPEN splits the chain: what it cleared was set again after it, the rest came before it.
  const reopens = incident.reopens;
  if (reopens.length > 0) {
    const cleared = (CLEARED_BY_REOPEN as readonly string[]).includes(name);
    const last = reopens[reopens.length - 1]!;
    const first = reopens[0]!;
    if (cleared && to < last.at && (below === undefined || last.at > below.at))
      below = { name: 'the last reopen', at: last.at };
    if (!cleared && to > first.at && (above === undefined || first.at < above.at))
      above = { name: 'the first reopen', at: first.at };
  }
  if (below === undefined && above === undefined) return undefined;
  const bounds = [
    below && `not before ${below.name} ${isoTime(below.at)}`,
    above && `not after ${above.name} ${isoTime(above.at)}`,
  ]
    .filter(Boolean)
    .join(' and ');
  const violated = below ?? above!;
  return outOfOrder(incident, event, `corrected ${milestoneWords(name)} ${isoTime(to)} must be ${bounds}`, {
    latestMilestone: violated.name,
    latestAt: violated.at,
    at: to,
  });
}

/**
 * Whether `event` breaks the milestone chain: milestone events may not be timed before the latest
 * milestone (`latest`, passed in so a replay can keep it as it goes); NOTE and POST_UPDATE may be
 * backfilled from impact start on; AMEND_MILESTONE must keep the corrected chain monotone.
 */
export function orderProblem(
  incident: Incident,
  event: IncidentEvent,
  latest: number,
): IncidentKitError | undefined {
  if (event.type === 'AMEND_MILESTONE') return amendProblem(incident, event);
  if (BACKFILLABLE.has(event.type)) {
    const start = incident.milestones.startedAt ?? incident.milestones.detectedAt;
    if (event.at >= start) return undefined;
    return outOfOrder(incident, event, `at ${isoTime(event.at)} is before impact started ${isoTime(start)}`, {
      latestMilestone: 'startedAt',
      latestAt: start,
      at: event.at,
    });
  }
  if (event.at >= latest) return undefined;
  return outOfOrder(
    incident,
    event,
    `at ${isoTime(event.at)} is before the latest milestone ${isoTime(latest)}`,
    {
      latestAt: latest,
      at: event.at,
    },
  );
}

function notFound(
  incident: Incident,
  event: IncidentEvent,
  what: string,
  resource: string,
  key: string,
): IncidentKitError {
  return new IncidentKitError(
    'NOT_FOUND',
    `cannot ${event.type} ${incident.id} (phase ${incident.phase}): ${what}`,
    {
      incidentId: incident.id,
      phase: incident.phase,
      eventType: event.type,
      resource,
      key,
    },
  );
}

/**
 * What makes an event impossible for this incident's data (as opposed to its phase or policy):
 * a role nobody holds, an unknown action item, a duplicate action-item id.
 */
export function referenceProblem(
  incident: Incident,
  event: IncidentEvent,
  itemId?: string,
): IncidentKitError | undefined {
  switch (event.type) {
    case 'UNASSIGN_ROLE':
      return Object.hasOwn(incident.roles, event.role)
        ? undefined
        : notFound(incident, event, `nobody holds the role ${event.role}`, 'role', event.role);
    case 'UPDATE_ACTION_ITEM':
      return incident.actionItems.some((item) => item.id === event.itemId)
        ? undefined
        : notFound(incident, event, `no action item ${event.itemId}`, 'actionItem', event.itemId);
    case 'ADD_ACTION_ITEM': {
      const id = itemId ?? event.item.id;
      if (id !== undefined && incident.actionItems.some((item) => item.id === id)) {
        const message = `action item ${id} already exists`;
        return new IncidentKitError(
          'INVALID_INPUT',
          `cannot ADD_ACTION_ITEM ${incident.id} (phase ${incident.phase}): event.item.id: ${message}`,
          {
            issues: [{ path: 'event.item.id', message }],
            incidentId: incident.id,
            phase: incident.phase,
            eventType: event.type,
          },
        );
      }
      if (incident.actionItems.length >= LIMITS.actionItems) {
        const message = `an incident holds at most ${LIMITS.actionItems} action items`;
        return new IncidentKitError(
          'INVALID_INPUT',
          `cannot ADD_ACTION_ITEM ${incident.id} (phase ${incident.phase}): event.item: ${message}`,
          {
            issues: [{ path: 'event.item', message }],
            incidentId: incident.id,
            phase: incident.phase,
            eventType: event.type,
          },
        );
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** A reused event id whose content differs from the event first applied under it. */
export function duplicateEventId(incident: Incident, event: IncidentEvent): IncidentKitError {
  return new IncidentKitError(
    'DUPLICATE_EVENT_ID',
    `cannot ${event.type} ${incident.id} (phase ${incident.phase}): event id ${event.id} was already applied with different content; give a new event a new id`,
    { incidentId: incident.id, phase: incident.phase, eventType: event.type, eventId: event.id },
  );
}

/**
 * Everything but the policy that decides whether an already-normalised event can be folded into
 * `incident` now: the phase takes it, the milestone chain holds, its references exist.
 */
export function foldProblem(
  incident: Incident,
  event: IncidentEvent,
  row: Readonly<Record<string, Transition>>,
  latest: number,
): IncidentKitError | undefined {
  if (!Object.hasOwn(row, event.type)) return invalidTransition(incident, event.type, Object.keys(row));
  return orderProblem(incident, event, latest) ?? referenceProblem(incident, event);
}
