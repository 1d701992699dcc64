import * as z from 'zod/mini';
import { LIMITS } from '../internal/limits.js';
import { parseWith } from '../internal/validate.js';
import { type ActionItem, ActionItemSchema } from '../model/index.js';
import { lazySchema } from '../model/lazy.js';

/** Where an action item lives in a team's tracker. */
export interface ExternalRef {
  readonly tracker: string;
  readonly key: string;
  readonly url?: string | undefined;
}

/** The tracker's view of an item's state. */
export interface TrackedStatus {
  readonly status: 'open' | 'done' | 'wontfix';
  /** Epoch ms it was completed, when the tracker says. */
  readonly completedAt?: number | undefined;
}

/** Follow-ups in the team's own tracker (GitHub issues, Jira…). */
export interface ActionItemTracker {
  readonly name: string;
  create(
    item: ActionItem,
    context: { readonly incidentId: string; readonly incidentTitle: string },
  ): Promise<ExternalRef>;
  update(ref: ExternalRef, item: ActionItem): Promise<void>;
  status(ref: ExternalRef): Promise<TrackedStatus>;
}

/** What a tracker reads of an {@link ExternalRef} it is handed (read once, bounded). */
const ExternalRefSchema = /*#__PURE__*/ lazySchema(() =>
  z.looseObject({
    tracker: z.string().check(z.maxLength(100)),
    key: z.string().check(z.maxLength(300)),
  }),
);

/** The context of `create`: the incident the item came from. */
const TrackerContextSchema = /*#__PURE__*/ lazySchema(() =>
  z.object({
    incidentId: z.string().check(z.minLength(1), z.maxLength(LIMITS.incidentId)),
    incidentTitle: z.string().check(z.maxLength(LIMITS.title)),
  }),
);

/** An action item a tracker is handed, read once and checked ({@link ActionItemSchema}). */
export function readTrackedItem(value: unknown): ActionItem {
  return parseWith(ActionItemSchema, value, 'item');
}

/** A ref a tracker is handed (`update`, `status`), read once: INVALID_INPUT naming `ref` when malformed. */
export function readRef(value: unknown): Pick<ExternalRef, 'tracker' | 'key'> {
  return parseWith(ExternalRefSchema, value, 'ref');
}

/** What `create` is handed, read once: the item and the incident it came from. */
export function readCreate(
  item: unknown,
  context: unknown,
): { readonly item: ActionItem; readonly context: z.output<typeof TrackerContextSchema> } {
  return { item: readTrackedItem(item), context: parseWith(TrackerContextSchema, context, 'context') };
}
