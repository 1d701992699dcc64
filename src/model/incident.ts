import * as z from 'zod/mini';
import { ActionItemSchema } from './action-item.js';
import { CancelReasonSchema, IncidentSourceSchema } from './events.js';
import { ImpactSchema } from './impact.js';
import { built, lazySchema } from './lazy.js';
import { LIMITS } from './limits.js';
import { PHASES, type Phase } from './phase.js';
import { ActorSchema, EpochMsSchema, IdSchema, LabelListSchema, SafeKeySchema } from './primitives.js';
import { StatusUpdateSchema, TimelineEntrySchema } from './timeline.js';
import { trustIncident } from './trusted-incidents.js';
import { parseWith } from './validate.js';

/** Validates a {@link Phase}. */
export const PhaseSchema = /*#__PURE__*/ lazySchema(() => z.enum(PHASES));

/**
 * When each step happened (epoch ms). `startedAt` is when impact began and may precede detection.
 *
 * @example
 * ```ts
 * import type { Milestones } from 'incidentkit';
 * const m: Milestones = { startedAt: 1795510000000, detectedAt: 1795510800000 };
 * ```
 */
export const MilestonesSchema = /*#__PURE__*/ lazySchema(() => {
  const optionalMs = z.optional(built(EpochMsSchema));
  return z.object({
    startedAt: optionalMs,
    detectedAt: built(EpochMsSchema),
    acknowledgedAt: optionalMs,
    triagedAt: optionalMs,
    mitigatedAt: optionalMs,
    resolvedAt: optionalMs,
    reviewedAt: optionalMs,
    closedAt: optionalMs,
    cancelledAt: optionalMs,
  });
});
/** See {@link MilestonesSchema}. */
export type Milestones = z.output<typeof MilestonesSchema>;
/** A milestone name. */
export type MilestoneName = keyof Milestones;

/** A published postmortem. */
export const PostmortemRecordSchema = /*#__PURE__*/ lazySchema(() =>
  z.object({
    publishedAt: built(EpochMsSchema),
    url: z.optional(z.string().check(z.maxLength(2_000))),
  }),
);
/** See {@link PostmortemRecordSchema}. */
export type PostmortemRecord = z.output<typeof PostmortemRecordSchema>;

/** A MITIGATE or RESOLVE summary: what was done, when, by whom. */
export const PhaseSummarySchema = /*#__PURE__*/ lazySchema(() =>
  z.object({
    at: built(EpochMsSchema),
    by: z.optional(built(ActorSchema)),
    summary: z.optional(z.string().check(z.maxLength(LIMITS.summary))),
  }),
);
/** See {@link PhaseSummarySchema}. */
export type PhaseSummary = z.output<typeof PhaseSummarySchema>;

/**
 * One REOPEN: when, why, and what it cleared (the milestones, summaries and postmortem of the
 * resolution that did not hold), so every resolution stays known.
 */
export const ReopenRecordSchema = /*#__PURE__*/ lazySchema(() =>
  z.object({
    at: built(EpochMsSchema),
    by: z.optional(built(ActorSchema)),
    reason: z.string().check(z.maxLength(LIMITS.reason)),
    previous: z.partial(built(MilestonesSchema)),
    mitigation: z.optional(built(PhaseSummarySchema)),
    resolution: z.optional(built(PhaseSummarySchema)),
    postmortem: z.optional(built(PostmortemRecordSchema)),
  }),
);
/** See {@link ReopenRecordSchema}. */
export type ReopenRecord = z.output<typeof ReopenRecordSchema>;

/**
 * The incident read model: a plain JSON object folded from its events. Never mutate it; every
 * lifecycle function returns a new one.
 *
 * @example
 * ```ts
 * import { declareIncident } from 'incidentkit';
 * const { incident } = declareIncident({ title: 'Checkout errors', at: '2026-11-24T09:00:00Z' });
 * incident.phase; // 'detect'
 * ```
 */
export const IncidentSchema = /*#__PURE__*/ lazySchema(() =>
  z.object({
    id: built(IdSchema),
    title: z.string().check(z.minLength(1), z.maxLength(LIMITS.title)),
    summary: z.optional(z.string().check(z.maxLength(LIMITS.summary))),
    phase: built(PhaseSchema),
    severity: z.optional(z.string().check(z.maxLength(32))),
    impact: built(ImpactSchema),
    source: built(IncidentSourceSchema),
    drill: z.boolean(),
    services: built(LabelListSchema),
    category: z.optional(z.string().check(z.maxLength(LIMITS.name))),
    tags: built(LabelListSchema),
    milestones: built(MilestonesSchema),
    roles: z.record(built(SafeKeySchema), built(ActorSchema)),
    timeline: z.array(built(TimelineEntrySchema)),
    updates: z.array(built(StatusUpdateSchema)),
    actionItems: z.array(built(ActionItemSchema)).check(z.maxLength(LIMITS.actionItems)),
    mitigation: z.optional(built(PhaseSummarySchema)),
    resolution: z.optional(built(PhaseSummarySchema)),
    cancellation: z.optional(
      z.object({ reason: built(CancelReasonSchema), duplicateOf: z.optional(built(IdSchema)) }),
    ),
    postmortem: z.optional(built(PostmortemRecordSchema)),
    reopens: z.array(built(ReopenRecordSchema)),
    reopenCount: z.number().check(z.int(), z.nonnegative()),
    version: z.number().check(z.int(), z.nonnegative()),
    /** The severity policy it was declared under (absent on incidents stored before stamps: read as `default`). */
    policy: z.optional(
      z.object({ id: z.string().check(z.maxLength(32)), version: z.string().check(z.maxLength(64)) }),
    ),
  }),
);

/** See {@link IncidentSchema}. */
export type Incident = z.output<typeof IncidentSchema>;

/**
 * Fully validates an incident read from storage or the network (JSON text or a parsed object).
 * Throws `INVALID_INPUT` naming every bad field.
 *
 * @example
 * ```ts
 * import { declareIncident, parseIncident } from 'incidentkit';
 * const { incident } = declareIncident({ title: 'DB failover', at: 0 });
 * parseIncident(JSON.stringify(incident)).id === incident.id; // true
 * ```
 */
export function parseIncident(json: unknown): Incident {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch {
      return parseWith(IncidentSchema, Symbol('not JSON'), 'incident');
    }
  }
  return trustIncident(parseWith(IncidentSchema, value, 'incident'));
}
