import type { ActionItem, IncidentSource, MilestoneName, Phase } from '../model/index.js';
import type { TimeInput } from '../model/time.js';

/**
 * Milestones as the metrics accept them: each a time input (integer epoch ms from 0 to
 * `MAX_EPOCH_MS`, the fast path; a `Date`; or an ISO-8601 string with an offset), `detectedAt`
 * required. An `Incident`'s milestones are one.
 *
 * @example
 * ```ts
 * import type { FactsMilestones } from 'incidentkit/metrics';
 * const m: FactsMilestones = { detectedAt: '2026-11-24T09:00:00Z', resolvedAt: new Date('2026-11-24T11:00:00Z') };
 * ```
 */
export type FactsMilestones = { readonly [K in MilestoneName]?: TimeInput | undefined } & {
  readonly detectedAt: TimeInput;
};

/**
 * What the metrics read from an incident. Every `Incident` is one; a host that keeps incidents
 * elsewhere (a warehouse, a CSV export) can pass these lighter objects instead. Only `milestones`
 * is required; times may be epoch ms, `Date`s or ISO strings with an offset; a missing `drill`
 * counts as `false`, a missing `phase` is inferred from the milestones (`cancelledAt` → cancelled,
 * `closedAt` → closed).
 *
 * @example
 * ```ts
 * import { mttr, type IncidentFacts } from 'incidentkit/metrics';
 * const facts: IncidentFacts[] = [
 *   { id: 'INC-1', severity: 'SEV2', milestones: { startedAt: 0, detectedAt: 60_000, resolvedAt: 3_600_000 } },
 * ];
 * mttr(facts).medianMs; // 3600000
 * ```
 */
export interface IncidentFacts {
  readonly id?: string | undefined;
  readonly phase?: Phase | undefined;
  readonly severity?: string | undefined;
  readonly source?: IncidentSource | undefined;
  readonly drill?: boolean | undefined;
  readonly services?: readonly string[] | undefined;
  readonly category?: string | undefined;
  readonly milestones: FactsMilestones;
  /** One entry per REOPEN, oldest first: when, and the milestones (and postmortem) it cleared. */
  readonly reopens?: readonly {
    readonly at: TimeInput;
    readonly previous: { readonly [K in MilestoneName]?: TimeInput | undefined };
    readonly postmortem?: { readonly publishedAt: TimeInput } | undefined;
  }[];
  readonly actionItems?: readonly Readonly<ActionItem>[] | undefined;
  readonly postmortem?: { readonly publishedAt: TimeInput } | undefined;
}

/**
 * A point a duration metric measures from or to: a milestone, or `impactStart` (`startedAt`, or
 * `detectedAt` when the start of impact is unknown).
 *
 * @example
 * ```ts
 * import type { DurationMilestone } from 'incidentkit/metrics';
 * const from: DurationMilestone = 'impactStart';
 * ```
 */
export type DurationMilestone = MilestoneName | 'impactStart';
