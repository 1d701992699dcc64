import type { ActionItem } from '../model/index.js';

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
