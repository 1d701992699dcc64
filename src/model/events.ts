import * as z from 'zod/mini';
import { ActionItemKindSchema, ActionItemStatusSchema } from './action-item.js';
import { ImpactSchema } from './impact.js';
import { LIMITS, SEVERITY_KEY_MAX } from './limits.js';
import { AMENDABLE_MILESTONES } from './milestones.js';
import {
  ActorSchema,
  HttpUrlSchema,
  IdSchema,
  IncidentIdSchema,
  LabelListSchema,
  SafeKeySchema,
  TimestampSchema,
} from './primitives.js';
import { text } from './text.js';

/** Who a status update or message is for. */
export const AudienceSchema = /*#__PURE__*/ z.enum(['responders', 'stakeholders', 'public']);
/** See {@link AudienceSchema}. */
export type Audience = z.output<typeof AudienceSchema>;

/** Where the incident was first noticed; monitoring, synthetic and anomaly count as automated. */
export const IncidentSourceSchema = /*#__PURE__*/ z.enum([
  'monitoring',
  'synthetic',
  'anomaly',
  'customer',
  'internal',
]);
/** See {@link IncidentSourceSchema}. */
export type IncidentSource = z.output<typeof IncidentSourceSchema>;

/** Why an incident was cancelled. */
export const CancelReasonSchema = /*#__PURE__*/ z.enum(['false-alarm', 'duplicate', 'not-an-incident']);
/** See {@link CancelReasonSchema}. */
export type CancelReason = z.output<typeof CancelReasonSchema>;

/** A severity key or alias as given (`SEV1`, `P0`); resolved against the policy's scale. */
export const SeverityKeySchema = /*#__PURE__*/ text(SEVERITY_KEY_MAX);

/** The policy an incident was declared under, as DECLARE records it: `{ id, version }`. */
export const PolicyStampSchema = /*#__PURE__*/ z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(32)),
  version: z.string().check(z.minLength(1), z.maxLength(64)),
});
/** See {@link PolicyStampSchema}. */
export type PolicyStampRecord = z.output<typeof PolicyStampSchema>;

/** Where an action item lives in a tracker (set by tracker sync). */
export const ExternalRefSchema = /*#__PURE__*/ z.strictObject({
  tracker: z.string().check(z.minLength(1), z.maxLength(LIMITS.name)),
  key: z.string().check(z.minLength(1), z.maxLength(LIMITS.id)),
  url: z.optional(HttpUrlSchema),
});

const base = {
  id: z.optional(IdSchema),
  at: TimestampSchema,
  by: z.optional(ActorSchema),
};

function event<T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) {
  return z.strictObject({ type: z.literal(type), ...base, ...shape });
}

/** The fields of a DECLARE event besides `type`, `id`, `at`, `by`. */
const declareShape = {
  incidentId: z.optional(IncidentIdSchema),
  title: text(LIMITS.title),
  summary: z.optional(text(LIMITS.summary)),
  impact: z.optional(ImpactSchema),
  source: z.optional(IncidentSourceSchema),
  startedAt: z.optional(TimestampSchema),
  severity: z.optional(SeverityKeySchema),
  drill: z.optional(z.boolean()),
  services: z.optional(LabelListSchema),
  category: z.optional(text(LIMITS.name)),
  tags: z.optional(LabelListSchema),
  policy: z.optional(PolicyStampSchema),
  /** Set by `decide` when the severity came from the policy's classification, not a person. */
  classified: z.optional(z.boolean()),
};

/** `DECLARE`: the first event of every incident. */
export const DeclareEventSchema = /*#__PURE__*/ event('DECLARE', declareShape);
/** `ACKNOWLEDGE`: a responder has it (detect → triage). */
export const AcknowledgeEventSchema = /*#__PURE__*/ event('ACKNOWLEDGE', {});
/** `TRIAGE`: severity confirmed (triage → mitigate). */
export const TriageEventSchema = /*#__PURE__*/ event('TRIAGE', {
  severity: SeverityKeySchema,
  impact: z.optional(ImpactSchema),
});
/** `MITIGATE`: user impact stopped (mitigate → resolve). */
export const MitigateEventSchema = /*#__PURE__*/ event('MITIGATE', {
  summary: z.optional(text(LIMITS.summary)),
});
/** `RESOLVE`: the underlying problem fixed (resolve → review). */
export const ResolveEventSchema = /*#__PURE__*/ event('RESOLVE', {
  summary: z.optional(text(LIMITS.summary)),
});
/** `CLOSE`: review done (review → closed). */
export const CloseEventSchema = /*#__PURE__*/ event('CLOSE', {});
/** `REOPEN`: it came back (resolve, review, closed → mitigate). */
export const ReopenEventSchema = /*#__PURE__*/ event('REOPEN', { reason: text(LIMITS.reason) });
/** `CANCEL`: not an incident after all (detect, triage → cancelled). */
export const CancelEventSchema = /*#__PURE__*/ event('CANCEL', {
  reason: CancelReasonSchema,
  duplicateOf: z.optional(IdSchema),
});
/** `SET_SEVERITY`: re-classify at any time before the incident ends. */
export const SetSeverityEventSchema = /*#__PURE__*/ event('SET_SEVERITY', {
  severity: SeverityKeySchema,
  reason: z.optional(text(LIMITS.reason)),
});
/** `ASSIGN_ROLE`: give a role (commander, techLead, commsLead or the host's own) to someone. */
export const AssignRoleEventSchema = /*#__PURE__*/ event('ASSIGN_ROLE', {
  role: SafeKeySchema,
  assignee: ActorSchema,
});
/** `UNASSIGN_ROLE`: nobody holds the role any more. */
export const UnassignRoleEventSchema = /*#__PURE__*/ event('UNASSIGN_ROLE', { role: SafeKeySchema });
/** `UPDATE_IMPACT`: merge what we now know into the impact (fields given replace, others stay). */
export const UpdateImpactEventSchema = /*#__PURE__*/ event('UPDATE_IMPACT', { impact: ImpactSchema });
/** `POST_UPDATE`: a status update went out to an audience (counts for the update cadence). */
export const PostUpdateEventSchema = /*#__PURE__*/ event('POST_UPDATE', {
  audience: AudienceSchema,
  message: text(LIMITS.text),
});
/** `NOTE`: something worth recording; `kind: 'decision'` marks it in the decision log. */
export const NoteEventSchema = /*#__PURE__*/ event('NOTE', {
  text: text(LIMITS.text),
  kind: z.optional(z.enum(['note', 'decision'])),
});
/** `ADD_ACTION_ITEM`: a follow-up (its id generated when absent). */
export const AddActionItemEventSchema = /*#__PURE__*/ event('ADD_ACTION_ITEM', {
  item: z.strictObject({
    id: z.optional(IdSchema),
    title: text(LIMITS.title),
    owner: z.optional(ActorSchema),
    dueAt: z.optional(TimestampSchema),
    kind: z.optional(ActionItemKindSchema),
  }),
});
/** `UPDATE_ACTION_ITEM`: change an action item; `completedAt` defaults to `at` when it becomes done. */
export const UpdateActionItemEventSchema = /*#__PURE__*/ event('UPDATE_ACTION_ITEM', {
  itemId: IdSchema,
  changes: z.strictObject({
    title: z.optional(text(LIMITS.title)),
    owner: z.optional(ActorSchema),
    dueAt: z.optional(TimestampSchema),
    status: z.optional(ActionItemStatusSchema),
    completedAt: z.optional(TimestampSchema),
    kind: z.optional(ActionItemKindSchema),
    external: z.optional(ExternalRefSchema),
  }),
});
/** `PUBLISH_POSTMORTEM`: the postmortem is out (sets `reviewedAt`). */
export const PublishPostmortemEventSchema = /*#__PURE__*/ event('PUBLISH_POSTMORTEM', {
  url: z.optional(HttpUrlSchema),
});
/**
 * `AMEND_MILESTONE`: corrects a milestone recorded wrong (impact began earlier than declared, an
 * acknowledgement typed a year ahead). The chain must stay monotone; the timeline keeps from/to.
 */
export const AmendMilestoneEventSchema = /*#__PURE__*/ event('AMEND_MILESTONE', {
  milestone: z.enum(AMENDABLE_MILESTONES),
  to: TimestampSchema,
  reason: text(LIMITS.reason),
});

/**
 * Every lifecycle event, discriminated on `type`. Parsing normalises timestamps to epoch ms.
 *
 * @example
 * ```ts
 * import { IncidentEventSchema } from 'incidentkit';
 * IncidentEventSchema.parse({ type: 'ACKNOWLEDGE', at: '2026-11-24T09:03:00Z', by: 'alice' });
 * ```
 */
export const IncidentEventSchema = /*#__PURE__*/ z.discriminatedUnion('type', [
  DeclareEventSchema,
  AcknowledgeEventSchema,
  TriageEventSchema,
  MitigateEventSchema,
  ResolveEventSchema,
  CloseEventSchema,
  ReopenEventSchema,
  CancelEventSchema,
  SetSeverityEventSchema,
  AssignRoleEventSchema,
  UnassignRoleEventSchema,
  UpdateImpactEventSchema,
  PostUpdateEventSchema,
  NoteEventSchema,
  AddActionItemEventSchema,
  UpdateActionItemEventSchema,
  PublishPostmortemEventSchema,
  AmendMilestoneEventSchema,
]);

/**
 * An event as callers write it: `at` may be a `Date`, an ISO string with offset, or epoch ms;
 * `id` is optional.
 *
 * @example
 * ```ts
 * import type { IncidentEventInput } from 'incidentkit';
 * const e: IncidentEventInput = { type: 'NOTE', at: new Date(), text: 'rolled back to v41', kind: 'decision' };
 * ```
 */
export type IncidentEventInput = z.input<typeof IncidentEventSchema>;

/**
 * An accepted, normalised event as stored in the log: `id` set, timestamps in epoch ms.
 *
 * @example
 * ```ts
 * import type { IncidentEvent } from 'incidentkit';
 * const e: IncidentEvent = { type: 'ACKNOWLEDGE', id: 'evt_1', at: 1795510980000, by: 'alice' };
 * ```
 */
export type IncidentEvent =
  z.output<typeof IncidentEventSchema> extends infer E
    ? E extends unknown
      ? E & { id: string }
      : never
    : never;

/** The `type` of an {@link IncidentEvent}. */
export type IncidentEventType = IncidentEvent['type'];

/** The event with a given `type`. */
export type IncidentEventOf<T extends IncidentEventType> = Extract<IncidentEvent, { type: T }>;

/**
 * The DECLARE payload as callers write it (with `at`): what `declareIncident` and the machine's
 * `input` take.
 *
 * @example
 * ```ts
 * import type { DeclareInput } from 'incidentkit';
 * const input: DeclareInput = { title: 'Checkout errors', at: '2026-11-24T09:00:00Z', impact: { degraded: true } };
 * ```
 */
export type DeclareInput = Omit<z.input<typeof DeclareEventSchema>, 'type'>;

/** All event types in the order of the lifecycle table. */
export const EVENT_TYPES = [
  'DECLARE',
  'ACKNOWLEDGE',
  'TRIAGE',
  'MITIGATE',
  'RESOLVE',
  'CLOSE',
  'REOPEN',
  'CANCEL',
  'SET_SEVERITY',
  'ASSIGN_ROLE',
  'UNASSIGN_ROLE',
  'UPDATE_IMPACT',
  'POST_UPDATE',
  'NOTE',
  'ADD_ACTION_ITEM',
  'UPDATE_ACTION_ITEM',
  'PUBLISH_POSTMORTEM',
  'AMEND_MILESTONE',
] as const satisfies readonly IncidentEventType[];
