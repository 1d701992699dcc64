import { LIMITS } from '../internal/limits.js';
import {
  type ActionItem,
  type Impact,
  type Incident,
  type IncidentEvent,
  type IncidentEventOf,
  IncidentKitError,
  type Milestones,
  type Phase,
  type ReopenRecord,
  type TimelineEntry,
} from '../model/index.js';
import { classify, type SeverityPolicy } from '../severity/index.js';

/** Longest timeline sentence (the schema's bound); longer ones, e.g. many impact attributes, are clipped. */
const MAX_TEXT = LIMITS.text + LIMITS.title;

/** Milestones a REOPEN clears, in lifecycle order. */
const CLEARED_BY_REOPEN = ['mitigatedAt', 'resolvedAt', 'reviewedAt', 'closedAt'] as const;

/** The incident a DECLARE event starts. */
export function createIncident(event: IncidentEventOf<'DECLARE'>, policy: SeverityPolicy): Incident {
  const impact: Impact = event.impact ?? {};
  const severity = event.severity ?? classify(policy, impact).severity;
  const incident: Incident = {
    id: event.incidentId!,
    title: event.title,
    phase: 'detect',
    severity,
    impact,
    source: event.source ?? 'internal',
    drill: event.drill ?? false,
    services: event.services ?? [],
    tags: event.tags ?? [],
    milestones: { startedAt: event.startedAt ?? event.at, detectedAt: event.at },
    roles: {},
    timeline: [],
    updates: [],
    actionItems: [],
    reopens: [],
    reopenCount: 0,
    version: 1,
  };
  if (event.summary !== undefined) incident.summary = event.summary;
  if (event.category !== undefined) incident.category = event.category;
  incident.timeline.push(
    entry(
      event,
      `Declared${event.drill ? ' (drill)' : ''}: ${event.title} (${severity}${event.severity ? '' : ', classified from impact'})`,
      undefined,
      severity,
    ),
  );
  return incident;
}

// Built field by field from positional detail: this runs once per event of every replay.
function entry(
  event: IncidentEvent,
  text: string,
  from?: string,
  to?: string,
  reason?: string,
  decision?: boolean,
): TimelineEntry {
  const e: TimelineEntry = {
    eventId: event.id,
    type: event.type,
    at: event.at,
    text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text,
  };
  if (event.by !== undefined) e.by = event.by;
  if (decision) e.decision = true;
  if (from !== undefined) e.from = from;
  if (to !== undefined) e.to = to;
  if (reason !== undefined) e.reason = reason;
  return e;
}

function notFound(incident: Incident, event: IncidentEvent, what: string): IncidentKitError {
  return new IncidentKitError(
    'NOT_FOUND',
    `cannot ${event.type} ${incident.id} (phase ${incident.phase}): ${what}`,
    {
      incidentId: incident.id,
      phase: incident.phase,
      eventType: event.type,
    },
  );
}

/**
 * What makes an event impossible for this incident's data (as opposed to its phase or policy):
 * a role nobody holds, an unknown action item, a duplicate action-item id.
 */
export function referenceProblem(incident: Incident, event: IncidentEvent): IncidentKitError | undefined {
  switch (event.type) {
    case 'UNASSIGN_ROLE':
      return Object.hasOwn(incident.roles, event.role)
        ? undefined
        : notFound(incident, event, `nobody holds the role ${event.role}`);
    case 'UPDATE_ACTION_ITEM':
      return incident.actionItems.some((item) => item.id === event.itemId)
        ? undefined
        : notFound(incident, event, `no action item ${event.itemId}`);
    case 'ADD_ACTION_ITEM': {
      const id = event.item.id ?? actionItemId(incident);
      if (incident.actionItems.some((item) => item.id === id)) {
        const message = `action item ${id} already exists`;
        return new IncidentKitError('INVALID_INPUT', `event.item.id: ${message}`, {
          issues: [{ path: 'event.item.id', message }],
          incidentId: incident.id,
          eventType: event.type,
        });
      }
      if (incident.actionItems.length >= 1_000) {
        const message = 'an incident holds at most 1000 action items';
        return new IncidentKitError('INVALID_INPUT', `event.item: ${message}`, {
          issues: [{ path: 'event.item', message }],
        });
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function actionItemId(incident: Incident): string {
  return `act_${incident.id}_${incident.version + 1}`;
}

function describeImpact(impact: Impact): string {
  const parts: string[] = [];
  if (impact.usersAffectedPct !== undefined) parts.push(`${impact.usersAffectedPct}% of users affected`);
  if (impact.coreFunctionalityDown !== undefined)
    parts.push(impact.coreFunctionalityDown ? 'core functionality down' : 'core functionality up');
  if (impact.customerFacing !== undefined)
    parts.push(impact.customerFacing ? 'customer-facing' : 'not customer-facing');
  if (impact.degraded !== undefined) parts.push(impact.degraded ? 'degraded' : 'not degraded');
  if (impact.dataLoss !== undefined) parts.push(impact.dataLoss ? 'data lost' : 'no data lost');
  if (impact.securityBreach !== undefined)
    parts.push(impact.securityBreach ? 'security breached' : 'no security breach');
  if (impact.regions !== undefined) parts.push(`regions ${impact.regions.join(', ') || 'none'}`);
  if (impact.revenueImpact !== undefined) parts.push(`revenue impact ${impact.revenueImpact}`);
  if (impact.attributes !== undefined) {
    for (const [k, v] of Object.entries(impact.attributes)) parts.push(`${k} ${String(v)}`);
  }
  return parts.join(', ');
}

function mergeImpact(current: Impact, patch: Impact): Impact {
  const merged: Impact = { ...current, ...patch };
  if (current.attributes || patch.attributes)
    merged.attributes = { ...current.attributes, ...patch.attributes };
  return merged;
}

const CANCEL_TEXT = {
  'false-alarm': 'false alarm',
  duplicate: 'duplicate',
  'not-an-incident': 'not an incident',
} as const;

/**
 * Applies an accepted event to `draft` in place: the draft must be owned by the caller (a copy of
 * the incident, or the accumulator of a replay). `target` is the phase the transition leads to.
 */
export function recordEvent(draft: Incident, event: IncidentEvent, target: Phase | undefined): void {
  const m = draft.milestones;
  switch (event.type) {
    case 'DECLARE':
      throw new IncidentKitError(
        'INVALID_TRANSITION',
        `DECLARE only starts an incident; ${draft.id} exists`,
        {
          incidentId: draft.id,
          eventType: 'DECLARE',
          allowed: [],
        },
      );
    case 'ACKNOWLEDGE':
      m.acknowledgedAt = event.at;
      draft.timeline.push(entry(event, 'Acknowledged'));
      break;
    case 'TRIAGE': {
      const from = draft.severity;
      draft.severity = event.severity;
      if (event.impact) draft.impact = mergeImpact(draft.impact, event.impact);
      m.triagedAt = event.at;
      const text =
        from !== undefined && from !== event.severity
          ? `Triaged: severity ${from} → ${event.severity}`
          : `Triaged as ${event.severity}`;
      draft.timeline.push(entry(event, text, from, event.severity));
      break;
    }
    case 'MITIGATE':
      m.mitigatedAt = event.at;
      draft.mitigation = summaryOf(event);
      draft.timeline.push(entry(event, event.summary ? `Mitigated: ${event.summary}` : 'Mitigated'));
      break;
    case 'RESOLVE':
      m.resolvedAt = event.at;
      draft.resolution = summaryOf(event);
      draft.timeline.push(entry(event, event.summary ? `Resolved: ${event.summary}` : 'Resolved'));
      break;
    case 'CLOSE':
      m.closedAt = event.at;
      draft.timeline.push(entry(event, 'Closed'));
      break;
    case 'REOPEN': {
      const previous: Partial<Milestones> = {};
      for (const key of CLEARED_BY_REOPEN) {
        if (m[key] !== undefined) {
          previous[key] = m[key];
          delete m[key];
        }
      }
      const record: ReopenRecord = { at: event.at, reason: event.reason, previous };
      if (event.by !== undefined) record.by = event.by;
      if (draft.mitigation) record.mitigation = draft.mitigation;
      if (draft.resolution) record.resolution = draft.resolution;
      if (draft.postmortem) record.postmortem = draft.postmortem;
      delete draft.mitigation;
      delete draft.resolution;
      delete draft.postmortem;
      draft.reopens.push(record);
      draft.reopenCount += 1;
      draft.timeline.push(entry(event, `Reopened: ${event.reason}`, undefined, undefined, event.reason));
      break;
    }
    case 'CANCEL': {
      m.cancelledAt = event.at;
      draft.cancellation =
        event.duplicateOf === undefined
          ? { reason: event.reason }
          : { reason: event.reason, duplicateOf: event.duplicateOf };
      const text = `Cancelled: ${CANCEL_TEXT[event.reason]}${event.duplicateOf ? ` of ${event.duplicateOf}` : ''}`;
      draft.timeline.push(entry(event, text, undefined, undefined, event.reason));
      break;
    }
    case 'SET_SEVERITY': {
      const from = draft.severity;
      draft.severity = event.severity;
      const change =
        from === undefined
          ? `Severity set to ${event.severity}`
          : from === event.severity
            ? `Severity confirmed as ${event.severity}`
            : `Severity ${from} → ${event.severity}`;
      draft.timeline.push(
        entry(
          event,
          event.reason ? `${change}: ${event.reason}` : change,
          from,
          event.severity,
          event.reason,
        ),
      );
      break;
    }
    case 'ASSIGN_ROLE': {
      const previous = Object.hasOwn(draft.roles, event.role) ? draft.roles[event.role] : undefined;
      draft.roles = { ...draft.roles, [event.role]: event.assignee };
      const text =
        previous === undefined
          ? `${event.assignee} is ${event.role}`
          : `${event.role} handed over: ${previous} → ${event.assignee}`;
      draft.timeline.push(entry(event, text, previous, event.assignee));
      break;
    }
    case 'UNASSIGN_ROLE': {
      const previous = draft.roles[event.role]!;
      const roles = { ...draft.roles };
      delete roles[event.role];
      draft.roles = roles;
      draft.timeline.push(entry(event, `${previous} is no longer ${event.role}`, previous));
      break;
    }
    case 'UPDATE_IMPACT':
      draft.impact = mergeImpact(draft.impact, event.impact);
      draft.timeline.push(entry(event, `Impact updated: ${describeImpact(event.impact) || 'no change'}`));
      break;
    case 'POST_UPDATE': {
      const update = {
        eventId: event.id,
        at: event.at,
        audience: event.audience,
        message: event.message,
      } as Incident['updates'][number];
      if (event.by !== undefined) update.by = event.by;
      draft.updates.push(update);
      draft.timeline.push(entry(event, `Update to ${event.audience}: ${event.message}`));
      break;
    }
    case 'NOTE':
      draft.timeline.push(
        entry(event, event.text, undefined, undefined, undefined, event.kind === 'decision'),
      );
      break;
    case 'ADD_ACTION_ITEM': {
      const item: ActionItem = {
        id: event.item.id ?? actionItemId(draft),
        title: event.item.title,
        status: 'open',
      };
      if (event.item.owner !== undefined) item.owner = event.item.owner;
      if (event.item.dueAt !== undefined) item.dueAt = event.item.dueAt;
      if (event.item.kind !== undefined) item.kind = event.item.kind;
      draft.actionItems.push(item);
      draft.timeline.push(
        entry(event, `Action item added: ${item.title}${item.owner ? ` (owner ${item.owner})` : ''}`),
      );
      break;
    }
    case 'UPDATE_ACTION_ITEM': {
      const index = draft.actionItems.findIndex((i) => i.id === event.itemId);
      const current = draft.actionItems[index]!;
      const next: ActionItem = { ...current };
      const c = event.changes;
      if (c.title !== undefined) next.title = c.title;
      if (c.owner !== undefined) next.owner = c.owner;
      if (c.dueAt !== undefined) next.dueAt = c.dueAt;
      if (c.kind !== undefined) next.kind = c.kind;
      if (c.status !== undefined) next.status = c.status;
      if (c.completedAt !== undefined) next.completedAt = c.completedAt;
      else if (c.status === 'done' && current.status !== 'done') next.completedAt = event.at;
      else if (c.status !== undefined && c.status !== 'done') delete next.completedAt;
      draft.actionItems[index] = next;
      const what = Object.entries(c)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => (k === 'dueAt' || k === 'completedAt' ? k : `${k} ${String(v)}`))
        .join(', ');
      draft.timeline.push(entry(event, `Action item "${next.title}" updated: ${what || 'no change'}`));
      break;
    }
    case 'PUBLISH_POSTMORTEM': {
      const first = draft.postmortem === undefined;
      if (m.reviewedAt === undefined) m.reviewedAt = event.at;
      const publishedAt = draft.postmortem?.publishedAt ?? event.at;
      draft.postmortem =
        event.url === undefined
          ? draft.postmortem?.url
            ? { publishedAt, url: draft.postmortem.url }
            : { publishedAt }
          : { publishedAt, url: event.url };
      draft.timeline.push(entry(event, first ? 'Postmortem published' : 'Postmortem updated'));
      break;
    }
    default: {
      const unreachable: never = event;
      throw new IncidentKitError(
        'INVALID_INPUT',
        `unknown event ${String((unreachable as { type: unknown }).type)}`,
      );
    }
  }
  if (target !== undefined) draft.phase = target;
  draft.version += 1;
}

function summaryOf(
  event: IncidentEventOf<'MITIGATE'> | IncidentEventOf<'RESOLVE'>,
): NonNullable<Incident['mitigation']> {
  const s: NonNullable<Incident['mitigation']> = { at: event.at };
  if (event.by !== undefined) s.by = event.by;
  if (event.summary !== undefined) s.summary = event.summary;
  return s;
}

/** A copy of `incident` that {@link recordEvent} may change without touching the original. */
export function draftOf(incident: Incident): Incident {
  return {
    ...incident,
    milestones: { ...incident.milestones },
    timeline: [...incident.timeline],
    updates: [...incident.updates],
    actionItems: [...incident.actionItems],
    reopens: [...incident.reopens],
  };
}

/** The latest milestone (or REOPEN) of the incident: nothing may be timed before it. */
export function latestMilestoneAt(incident: Incident): number {
  const m = incident.milestones;
  let latest = m.detectedAt;
  if (m.acknowledgedAt !== undefined && m.acknowledgedAt > latest) latest = m.acknowledgedAt;
  if (m.triagedAt !== undefined && m.triagedAt > latest) latest = m.triagedAt;
  if (m.mitigatedAt !== undefined && m.mitigatedAt > latest) latest = m.mitigatedAt;
  if (m.resolvedAt !== undefined && m.resolvedAt > latest) latest = m.resolvedAt;
  if (m.reviewedAt !== undefined && m.reviewedAt > latest) latest = m.reviewedAt;
  if (m.closedAt !== undefined && m.closedAt > latest) latest = m.closedAt;
  if (m.cancelledAt !== undefined && m.cancelledAt > latest) latest = m.cancelledAt;
  const reopen = incident.reopens[incident.reopens.length - 1];
  if (reopen !== undefined && reopen.at > latest) latest = reopen.at;
  return latest;
}
