import * as z from 'zod/mini';
import { AudienceSchema, EVENT_TYPES } from './events.js';
import { built, lazySchema } from './lazy.js';
import { LIMITS } from './limits.js';
import { ActorSchema, EpochMsSchema, IdSchema } from './primitives.js';

/**
 * One accepted event as a human sentence. `decision: true` marks the decision log; `from` / `to`
 * carry severity changes and role handoffs; `reason` the stated why.
 *
 * @example
 * ```ts
 * import type { TimelineEntry } from 'incidentkit';
 * const entry: TimelineEntry = {
 *   eventId: 'evt_9', type: 'SET_SEVERITY', at: 1795510980000, text: 'Severity SEV1 → SEV2: fewer users than thought',
 *   from: 'SEV1', to: 'SEV2', reason: 'fewer users than thought',
 * };
 * ```
 */
export const TimelineEntrySchema = /*#__PURE__*/ lazySchema(() =>
  z.object({
    eventId: built(IdSchema),
    type: z.enum(EVENT_TYPES),
    at: built(EpochMsSchema),
    by: z.optional(built(ActorSchema)),
    text: z.string().check(z.maxLength(LIMITS.text + LIMITS.title)),
    decision: z.optional(z.literal(true)),
    from: z.optional(z.string().check(z.maxLength(LIMITS.name))),
    to: z.optional(z.string().check(z.maxLength(LIMITS.name))),
    reason: z.optional(z.string().check(z.maxLength(LIMITS.reason))),
    /** A 64-bit digest (16 hex digits) of the event's content, id left out, so a reused id with other content is caught. */
    hash: z.optional(z.string().check(z.maxLength(32))),
  }),
);
/** See {@link TimelineEntrySchema}. */
export type TimelineEntry = z.output<typeof TimelineEntrySchema>;

/**
 * A status update that went out (from a POST_UPDATE event).
 *
 * @example
 * ```ts
 * import type { StatusUpdate } from 'incidentkit';
 * const u: StatusUpdate = { eventId: 'evt_4', at: 1795510980000, audience: 'stakeholders', message: 'Still investigating' };
 * ```
 */
export const StatusUpdateSchema = /*#__PURE__*/ lazySchema(() =>
  z.object({
    eventId: built(IdSchema),
    at: built(EpochMsSchema),
    by: z.optional(built(ActorSchema)),
    audience: built(AudienceSchema),
    message: z.string().check(z.maxLength(LIMITS.text)),
  }),
);
/** See {@link StatusUpdateSchema}. */
export type StatusUpdate = z.output<typeof StatusUpdateSchema>;
