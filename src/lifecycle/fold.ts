import { trustIncident } from '../internal/incident-input.js';
import { LIMITS } from '../internal/limits.js';
import {
  type ActionItem,
  type Impact,
  type Incident,
  type IncidentEvent,
  type IncidentEventOf,
  MILESTONE_NAMES,
  type Milestones,
  type Phase,
  type ReopenRecord,
  type StatusUpdate,
  type TimelineEntry,
  unreachable,
} from '../model/index.js';
import { classify, type SeverityPolicy } from '../severity/index.js';
import { amendText, cancelText, describeImpact, isoTime } from './timeline-wording.js';

/** Longest timeline sentence (the schema's bound); longer ones, e.g. many impact attributes, are clipped. */
const MAX_TEXT = LIMITS.text + LIMITS.title;

/** Milestones a REOPEN clears, in lifecycle order. */
export const CLEARED_BY_REOPEN = ['mitigatedAt', 'resolvedAt', 'reviewedAt', 'closedAt'] as const;

/** What a timeline entry may carry beside the sentence. */
interface EntryDetail {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly reason?: string | undefined;
  readonly decision?: boolean | undefined;
}

// Built field by field: this runs once per event of every replay.
function entry(event: IncidentEvent, hash: string, text: string, detail?: EntryDetail): TimelineEntry {
  const e: TimelineEntry = {
    eventId: event.id,
    type: event.type,
    at: event.at,
    text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text,
  };
  if (event.by !== undefined) e.by = event.by;
  if (detail !== undefined) {
    if (detail.decision) e.decision = true;
    if (detail.from !== undefined) e.from = detail.from;
    if (detail.to !== undefined) e.to = detail.to;
    if (detail.reason !== undefined) e.reason = detail.reason;
  }
  e.hash = hash;
  return e;
}

/** The lists of an incident a fold appends to. */
type ListField = 'timeline' | 'updates' | 'actionItems' | 'reopens';
type ListItem<F extends ListField> = Incident[F][number];

/**
 * Lists a draft still shares with the incident it was made from ({@link draftOf}): the first write
 * to one makes the draft's own copy, so the base incident never changes and a fold that appends one
 * entry copies each list it touches once (one native copy with room for the entry), never twice.
 * A draft replay folds into owns its lists from the start and appends in place.
 */
const borrowed = new WeakMap<Incident, Set<ListField>>();

/** The draft's own copy of `field`, made on first use when the list is still borrowed. */
function ownList<F extends ListField>(draft: Incident, field: F, extra?: ListItem<F>): ListItem<F>[] {
  const shared = borrowed.get(draft);
  if (shared?.has(field)) {
    shared.delete(field);
    const list = draft[field] as ListItem<F>[];
    // concat allocates the copy at its final size: no second copy when the entry is pushed.
    const copy = extra === undefined ? list.slice() : list.concat([extra] as never);
    (draft as Record<F, unknown>)[field] = copy;
    return copy;
  }
  const list = draft[field] as ListItem<F>[];
  if (extra !== undefined) list.push(extra);
  return list;
}

/** Appends `item` to the draft's `field` (copying a borrowed list once, at its final size). */
function append<F extends ListField>(draft: Incident, field: F, item: ListItem<F>): void {
  ownList(draft, field, item);
}

/**
 * Adds `item` to the draft's `field`, ordered by `at` (then by arrival): appending is the common
 * case; a backfilled NOTE or POST_UPDATE goes after the last item at or before its time.
 */
function insertByTime<F extends 'timeline' | 'updates'>(draft: Incident, field: F, item: ListItem<F>): void {
  const list = draft[field] as ListItem<F>[];
  let i = list.length;
  while (i > 0 && list[i - 1]!.at > item.at) i--;
  if (i === list.length) append(draft, field, item);
  else ownList(draft, field).splice(i, 0, item);
}

/** The id an action item gets when its ADD_ACTION_ITEM names none (logs written before decide filled it in). */
export function legacyActionItemId(incident: Incident): string {
  return `act_${incident.id}_${incident.version + 1}`;
}

/** The policy stamp a DECLARE carries, or the policy's own for a log written before stamps. */
function stampOf(event: IncidentEventOf<'DECLARE'>, policy: SeverityPolicy): { id: string; version: string } {
  return event.policy ?? { id: policy.id, version: policy.version };
}

/**
 * The incident a DECLARE event starts. `legacyPolicy` is read only for a DECLARE stored before
 * decide wrote the classified severity and the policy stamp into it.
 */
export function createIncident(
  event: IncidentEventOf<'DECLARE'>,
  legacyPolicy: SeverityPolicy,
  hash: string,
): Incident {
  const impact: Impact = event.impact ?? {};
  const severity = event.severity ?? classify(legacyPolicy, impact).severity;
  const classified = event.severity === undefined || event.classified === true;
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
    policy: stampOf(event, legacyPolicy),
  };
  if (event.summary !== undefined) incident.summary = event.summary;
  if (event.category !== undefined) incident.category = event.category;
  append(
    incident,
    'timeline',
    entry(
      event,
      hash,
      `Declared${event.drill ? ' (drill)' : ''}: ${event.title} (${severity}${classified ? ', classified from impact' : ''})`,
      {
        to: severity,
      },
    ),
  );
  return trustIncident(incident);
}

function mergeImpact(current: Impact, patch: Impact): Impact {
  const merged: Impact = { ...current, ...patch };
  if (current.attributes || patch.attributes)
    merged.attributes = { ...current.attributes, ...patch.attributes };
  return merged;
}

function summaryOf(
  event: IncidentEventOf<'MITIGATE'> | IncidentEventOf<'RESOLVE'>,
): NonNullable<Incident['mitigation']> {
  const s: NonNullable<Incident['mitigation']> = { at: event.at };
  if (event.by !== undefined) s.by = event.by;
  if (event.summary !== undefined) s.summary = event.summary;
  return s;
}

/**
 * Folds an accepted event into `draft` in place: the draft must be owned by the caller (a copy of
 * the incident, or the accumulator of a replay). `target` is the phase the transition leads to;
 * `hash` the event's content digest, kept on its timeline entry.
 */
export function foldEvent(
  draft: Incident,
  event: IncidentEvent,
  target: Phase | undefined,
  hash: string,
): void {
  const m = draft.milestones;
  switch (event.type) {
    case 'DECLARE':
      // The transition table accepts DECLARE in no phase; replay starts incidents with createIncident.
      unreachable(event.type as never, 'DECLARE of an existing incident');
      break;
    case 'ACKNOWLEDGE':
      m.acknowledgedAt = event.at;
      insertByTime(draft, 'timeline', entry(event, hash, 'Acknowledged'));
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
      insertByTime(draft, 'timeline', entry(event, hash, text, { from, to: event.severity }));
      break;
    }
    case 'MITIGATE':
      m.mitigatedAt = event.at;
      draft.mitigation = summaryOf(event);
      insertByTime(
        draft,
        'timeline',
        entry(event, hash, event.summary ? `Mitigated: ${event.summary}` : 'Mitigated'),
      );
      break;
    case 'RESOLVE':
      m.resolvedAt = event.at;
      draft.resolution = summaryOf(event);
      insertByTime(
        draft,
        'timeline',
        entry(event, hash, event.summary ? `Resolved: ${event.summary}` : 'Resolved'),
      );
      break;
    case 'CLOSE':
      m.closedAt = event.at;
      insertByTime(draft, 'timeline', entry(event, hash, 'Closed'));
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
      append(draft, 'reopens', record);
      draft.reopenCount += 1;
      insertByTime(
        draft,
        'timeline',
        entry(event, hash, `Reopened: ${event.reason}`, { reason: event.reason }),
      );
      break;
    }
    case 'CANCEL':
      m.cancelledAt = event.at;
      draft.cancellation =
        event.duplicateOf === undefined
          ? { reason: event.reason }
          : { reason: event.reason, duplicateOf: event.duplicateOf };
      insertByTime(
        draft,
        'timeline',
        entry(event, hash, cancelText(event.reason, event.duplicateOf), { reason: event.reason }),
      );
      break;
    case 'SET_SEVERITY': {
      const from = draft.severity;
      draft.severity = event.severity;
      const change =
        from === undefined
          ? `Severity set to ${event.severity}`
          : from === event.severity
            ? `Severity confirmed as ${event.severity}`
            : `Severity ${from} → ${event.severity}`;
      insertByTime(
        draft,
        'timeline',
        entry(event, hash, event.reason ? `${change}: ${event.reason}` : change, {
          from,
          to: event.severity,
          reason: event.reason,
        }),
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
      insertByTime(draft, 'timeline', entry(event, hash, text, { from: previous, to: event.assignee }));
      break;
    }
    case 'UNASSIGN_ROLE': {
      const previous = draft.roles[event.role]!;
      const roles = { ...draft.roles };
      delete roles[event.role];
      draft.roles = roles;
      insertByTime(
        draft,
        'timeline',
        entry(event, hash, `${previous} is no longer ${event.role}`, { from: previous }),
      );
      break;
    }
    case 'UPDATE_IMPACT':
      draft.impact = mergeImpact(draft.impact, event.impact);
      insertByTime(
        draft,
        'timeline',
        entry(event, hash, `Impact updated: ${describeImpact(event.impact) || 'no change'}`),
      );
      break;
    case 'POST_UPDATE': {
      const update: StatusUpdate = {
        eventId: event.id,
        at: event.at,
        audience: event.audience,
        message: event.message,
      };
      if (event.by !== undefined) update.by = event.by;
      insertByTime(draft, 'updates', update);
      insertByTime(draft, 'timeline', entry(event, hash, `Update to ${event.audience}: ${event.message}`));
      break;
    }
    case 'NOTE':
      insertByTime(
        draft,
        'timeline',
        entry(event, hash, event.text, { decision: event.kind === 'decision' }),
      );
      break;
    case 'ADD_ACTION_ITEM': {
      const item: ActionItem = {
        id: event.item.id ?? legacyActionItemId(draft),
        title: event.item.title,
        status: 'open',
      };
      if (event.item.owner !== undefined) item.owner = event.item.owner;
      if (event.item.dueAt !== undefined) item.dueAt = event.item.dueAt;
      if (event.item.kind !== undefined) item.kind = event.item.kind;
      append(draft, 'actionItems', item);
      insertByTime(
        draft,
        'timeline',
        entry(event, hash, `Action item added: ${item.title}${item.owner ? ` (owner ${item.owner})` : ''}`),
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
      if (c.external !== undefined) next.external = c.external;
      if (c.status !== undefined) next.status = c.status;
      if (c.completedAt !== undefined) next.completedAt = c.completedAt;
      else if (c.status === 'done' && current.status !== 'done') next.completedAt = event.at;
      else if (c.status !== undefined && c.status !== 'done') delete next.completedAt;
      ownList(draft, 'actionItems')[index] = next;
      const what = Object.entries(c)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => (k === 'dueAt' || k === 'completedAt' || k === 'external' ? k : `${k} ${String(v)}`))
        .join(', ');
      insertByTime(
        draft,
        'timeline',
        entry(event, hash, `Action item "${next.title}" updated: ${what || 'no change'}`),
      );
      break;
    }
    case 'PUBLISH_POSTMORTEM': {
      const first = draft.postmortem === undefined;
      if (m.reviewedAt === undefined) m.reviewedAt = event.at;
      const publishedAt = draft.postmortem?.publishedAt ?? event.at;
      const url = event.url ?? draft.postmortem?.url;
      draft.postmortem = url === undefined ? { publishedAt } : { publishedAt, url };
      insertByTime(
        draft,
        'timeline',
        entry(event, hash, first ? 'Postmortem published' : 'Postmortem updated'),
      );
      break;
    }
    case 'AMEND_MILESTONE': {
      const from = m[event.milestone]!;
      m[event.milestone] = event.to;
      if (event.milestone === 'mitigatedAt' && draft.mitigation)
        draft.mitigation = { ...draft.mitigation, at: event.to };
      if (event.milestone === 'resolvedAt' && draft.resolution)
        draft.resolution = { ...draft.resolution, at: event.to };
      insertByTime(
        draft,
        'timeline',
        entry(event, hash, amendText(event.milestone, from, event.to, event.reason), {
          from: isoTime(from),
          to: isoTime(event.to),
          reason: event.reason,
        }),
      );
      break;
    }
    default:
      unreachable(event, 'event');
      break;
  }
  if (target !== undefined) draft.phase = target;
  draft.version += 1;
}

/** A copy of `incident` that {@link foldEvent} may change without touching the original. */
export function draftOf(incident: Incident): Incident {
  const draft: Incident = { ...incident, milestones: { ...incident.milestones } };
  // The lists stay shared until the fold writes one (see `borrowed`): one copy each, at most.
  borrowed.set(draft, new Set<ListField>(['timeline', 'updates', 'actionItems', 'reopens']));
  return draft;
}

/** The latest milestone (or REOPEN) of the incident: no milestone event may be timed before it. */
export function latestMilestoneAt(incident: Incident): number {
  const m = incident.milestones;
  let latest = m.detectedAt;
  for (const name of MILESTONE_NAMES) {
    const at = m[name];
    if (at !== undefined && at > latest) latest = at;
  }
  const reopen = incident.reopens[incident.reopens.length - 1];
  if (reopen !== undefined && reopen.at > latest) latest = reopen.at;
  return latest;
}
