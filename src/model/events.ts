import * as z from 'zod/mini';
import { ActionItemKindSchema, ActionItemStatusSchema } from './action-item.js';
import { ImpactSchema } from './impact.js';
import { built, lazySchema } from './lazy.js';
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
export const AudienceSchema = /*#__PURE__*/ lazySchema(() =>
  z.enum(['responders', 'stakeholders', 'public']),
);
/** See {@link AudienceSchema}. */
export type Audience = z.output<typeof AudienceSchema>;

/** Where the incident was first noticed; monitoring, synthetic and anomaly count as automated. */
export const IncidentSourceSchema = /*#__PURE__*/ lazySchema(() =>
  z.enum(['monitoring', 'synthetic', 'anomaly', 'customer', 'internal']),
);
/** See {@link IncidentSourceSchema}. */
export type IncidentSource = z.output<typeof IncidentSourceSchema>;

/** Why an incident was cancelled. */
export const CancelReasonSchema = /*#__PURE__*/ lazySchema(() =>
  z.enum(['false-alarm', 'duplicate', 'not-an-incident']),
);
/** See {@link CancelReasonSchema}. */
export type CancelReason = z.output<typeof CancelReasonSchema>;

/** A severity key or alias as given (`SEV1`, `P0`); resolved against the policy's scale. */
export const SeverityKeySchema = /*#__PURE__*/ lazySchema(() => text(SEVERITY_KEY_MAX));

/** The policy an incident was declared under, as DECLARE records it: `{ id, version }`. */
export const PolicyStampSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    id: z.string().check(z.minLength(1), z.maxLength(32)),
    version: z.string().check(z.minLength(1), z.maxLength(64)),
  }),
);
/** See {@link PolicyStampSchema}. */
export type PolicyStampRecord = z.output<typeof PolicyStampSchema>;

/** Where an action item lives in a tracker (set by tracker sync). */
export const ExternalRefSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    tracker: z.string().check(z.minLength(1), z.maxLength(LIMITS.name)),
    key: z.string().check(z.minLength(1), z.maxLength(LIMITS.id)),
    url: z.optional(built(HttpUrlSchema)),
  }),
);

function event<T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) {
  return z.strictObject({
    type: z.literal(type),
    id: z.optional(built(IdSchema)),
    at: built(TimestampSchema),
    by: z.optional(built(ActorSchema)),
    ...shape,
  });
}

/** The fields of a DECLARE event besides `type`, `id`, `at`, `by`. */
const declareShape = () => ({
  incidentId: z.optional(built(IncidentIdSchema)),
  title: text(LIMITS.title),
  summary: z.optional(text(LIMITS.summary)),
  impact: z.optional(built(ImpactSchema)),
  source: z.optional(built(IncidentSourceSchema)),
  startedAt: z.optional(built(TimestampSchema)),
  severity: z.optional(built(SeverityKeySchema)),
  drill: z.optional(z.boolean()),
  services: z.optional(built(LabelListSchema)),
  category: z.optional(text(LIMITS.name)),
  tags: z.optional(built(LabelListSchema)),
  policy: z.optional(built(PolicyStampSchema)),
  /** Set by `decide` when the severity came from the policy's classification, not a person. */
  classified: z.optional(z.boolean()),
});

/** `DECLARE`: the first event of every incident. */
export const DeclareEventSchema = /*#__PURE__*/ lazySchema(() => event('DECLARE', declareShape()));
/** `ACKNOWLEDGE`: a responder has it (detect → triage). */
export const AcknowledgeEventSchema = /*#__PURE__*/ lazySchema(() => event('ACKNOWLEDGE', {}));
/** `TRIAGE`: severity confirmed (triage → mitigate). */
export const TriageEventSchema = /*#__PURE__*/ lazySchema(() =>
  event('TRIAGE', {
    severity: built(SeverityKeySchema),
    impact: z.optional(built(ImpactSchema)),
  }),
);
/** `MITIGATE`: user impact stopped (mitigate → resolve). */
export const MitigateEventSchema = /*#__PURE__*/ lazySchema(() =>
  event('MITIGATE', {
    summary: z.optional(text(LIMITS.summary)),
  }),
);
/** `RESOLVE`: the underlying problem fixed (resolve → review). */
export const ResolveEventSchema = /*#__PURE__*/ lazySchema(() =>
  event('RESOLVE', {
    summary: z.optional(text(LIMITS.summary)),
  }),
);
/** `CLOSE`: review done (review → closed). */
export const CloseEventSchema = /*#__PURE__*/ lazySchema(() => event('CLOSE', {}));
/** `REOPEN`: it came back (resolve, review, closed → mitigate). */
export const ReopenEventSchema = /*#__PURE__*/ lazySchema(() =>
  event('REOPEN', { reason: text(LIMITS.reason) }),
);
/** `CANCEL`: not an incident after all (detect, triage → cancelled). */
export const CancelEventSchema = /*#__PURE__*/ lazySchema(() =>
  event('CANCEL', {
    reason: built(CancelReasonSchema),
    duplicateOf: z.optional(built(IdSchema)),
  }),
);
/** `SET_SEVERITY`: re-classify at any time before the incident ends. */
export const SetSeverityEventSchema = /*#__PURE__*/ lazySchema(() =>
  event('SET_SEVERITY', {
    severity: built(SeverityKeySchema),
    reason: z.optional(text(LIMITS.reason)),
  }),
);
/** `ASSIGN_ROLE`: give a role (commander, techLead, commsLead or the host's own) to someone. */
export const AssignRoleEventSchema = /*#__PURE__*/ lazySchema(() =>
  event('ASSIGN_ROLE', {
    role: built(SafeKeySchema),
    assignee: built(ActorSchema),
  }),
);
/** `UNASSIGN_ROLE`: nobody holds the role any more. */
export const UnassignRoleEventSchema = /*#__PURE__*/ lazySchema(() =>
  event('UNASSIGN_ROLE', { role: built(SafeKeySchema) }),
);
/** `UPDATE_IMPACT`: merge what we now know into the impact (fields given replace, others stay). */
export const UpdateImpactEventSchema = /*#__PURE__*/ lazySchema(() =>
  event('UPDATE_IMPACT', { impact: built(ImpactSchema) }),
);
/** `POST_UPDATE`: a status update went out to an audience (counts for the update cadence). */
export const PostUpdateEventSchema = /*#__PURE__*/ lazySchema(() =>
  event('POST_UPDATE', {
    audience: built(AudienceSchema),
    message: text(LIMITS.text),
  }),
);
/** `NOTE`: something worth recording; `kind: 'decision'` marks it in the decision log. */
export const NoteEventSchema = /*#__PURE__*/ lazySchema(() =>
  event('NOTE', {
    text: text(LIMITS.text),
    kind: z.optional(z.enum(['note', 'decision'])),
  }),
);
/** `ADD_ACTION_ITEM`: a follow-up (its id generated when absent). */
export const AddActionItemEventSchema = /*#__PURE__*/ lazySchema(() =>
  event('ADD_ACTION_ITEM', {
    item: z.strictObject({
      id: z.optional(built(IdSchema)),
      title: text(LIMITS.title),
      owner: z.optional(built(ActorSchema)),
      dueAt: z.optional(built(TimestampSchema)),
      kind: z.optional(built(ActionItemKindSchema)),
    }),
  }),
);
/** `UPDATE_ACTION_ITEM`: change an action item; `completedAt` defaults to `at` when it becomes done. */
export const UpdateActionItemEventSchema = /*#__PURE__*/ lazySchema(() =>
  event('UPDATE_ACTION_ITEM', {
    itemId: built(IdSchema),
    changes: z.strictObject({
      title: z.optional(text(LIMITS.title)),
      owner: z.optional(built(ActorSchema)),
      dueAt: z.optional(built(TimestampSchema)),
      status: z.optional(built(ActionItemStatusSchema)),
      completedAt: z.optional(built(TimestampSchema)),
      kind: z.optional(built(ActionItemKindSchema)),
      external: z.optional(built(ExternalRefSchema)),
    }),
  }),
);
/** `PUBLISH_POSTMORTEM`: the postmortem is out (sets `reviewedAt`). */
export const PublishPostmortemEventSchema = /*#__PURE__*/ lazySchema(() =>
  event('PUBLISH_POSTMORTEM', {
    url: z.optional(built(HttpUrlSchema)),
  }),
);
/**
 * `AMEND_MILESTONE`: corrects a milestone recorded wrong (impact began earlier than declared, an
 * acknowledgement typed a year ahead). The chain must stay monotone; the timeline keeps from/to.
 */
export const AmendMilestoneEventSchema = /*#__PURE__*/ lazySchema(() =>
  event('AMEND_MILESTONE', {
    milestone: z.enum(AMENDABLE_MILESTONES),
    to: built(TimestampSchema),
    reason: text(LIMITS.reason),
  }),
);

/**
 * Every lifecycle event, discriminated on `type`. Parsing normalises timestamps to epoch ms.
 *
 * @example
 * ```ts
 * import { IncidentEventSchema } from 'incidentkit';
 * IncidentEventSchema.parse({ type: 'ACKNOWLEDGE', at: '2026-11-24T09:03:00Z', by: 'alice' });
 * ```
 */
export const IncidentEventSchema = /*#__PURE__*/ lazySchema(() =>
  z.discriminatedUnion('type', [
    built(DeclareEventSchema),
    built(AcknowledgeEventSchema),
    built(TriageEventSchema),
    built(MitigateEventSchema),
    built(ResolveEventSchema),
    built(CloseEventSchema),
    built(ReopenEventSchema),
    built(CancelEventSchema),
    built(SetSeverityEventSchema),
    built(AssignRoleEventSchema),
    built(UnassignRoleEventSchema),
    built(UpdateImpactEventSchema),
    built(PostUpdateEventSchema),
    built(NoteEventSchema),
    built(AddActionItemEventSchema),
    built(UpdateActionItemEventSchema),
    built(PublishPostmortemEventSchema),
    built(AmendMilestoneEventSchema),
  ]),
);

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
