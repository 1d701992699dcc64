import * as z from 'zod/mini';
import { built, lazySchema } from './lazy.js';
import { LIMITS } from './limits.js';
import { ActorSchema, EpochMsSchema, IdSchema } from './primitives.js';
import { text } from './text.js';

/** `open`, `done`, or `wontfix` (decided against; excluded from completion rates). */
export const ActionItemStatusSchema = /*#__PURE__*/ lazySchema(() => z.enum(['open', 'done', 'wontfix']));
/** What an action item is for: prevent a recurrence, detect sooner, mitigate faster, or fix process. */
export const ActionItemKindSchema = /*#__PURE__*/ lazySchema(() =>
  z.enum(['prevent', 'detect', 'mitigate', 'process']),
);

/**
 * The fields an action item has wherever it is written (the incident's items, a postmortem's
 * action item rows), as a fresh zod shape; the incident's items add `external`.
 *
 * @internal
 */
export function actionItemFields() {
  return {
    id: built(IdSchema),
    title: text(LIMITS.title),
    owner: z.optional(built(ActorSchema)),
    dueAt: z.optional(built(EpochMsSchema)),
    status: built(ActionItemStatusSchema),
    completedAt: z.optional(built(EpochMsSchema)),
    kind: z.optional(built(ActionItemKindSchema)),
  };
}

/**
 * A follow-up owned by someone with a deadline (stored form: timestamps in epoch ms).
 *
 * @example
 * ```ts
 * import { ActionItemSchema } from 'incidentkit';
 * ActionItemSchema.parse({ id: 'act_1', title: 'Alert on queue depth', status: 'open' });
 * ```
 */
export const ActionItemSchema = /*#__PURE__*/ lazySchema(() =>
  z.object({
    ...actionItemFields(),
    /** Where the item lives in the team's tracker, once synced. */
    external: z.optional(
      z.object({
        tracker: z.string().check(z.maxLength(LIMITS.name)),
        key: z.string().check(z.maxLength(LIMITS.id)),
        url: z.optional(z.string().check(z.maxLength(2_000))),
      }),
    ),
  }),
);

/**
 * See {@link ActionItemSchema}.
 *
 * @example
 * ```ts
 * import type { ActionItem } from 'incidentkit';
 * const item: ActionItem = { id: 'act_1', title: 'Add a canary stage', status: 'open', kind: 'prevent' };
 * ```
 */
export type ActionItem = z.output<typeof ActionItemSchema>;
/** See {@link ActionItemStatusSchema}. */
export type ActionItemStatus = z.output<typeof ActionItemStatusSchema>;
/** See {@link ActionItemKindSchema}. */
export type ActionItemKind = z.output<typeof ActionItemKindSchema>;
