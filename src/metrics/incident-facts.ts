import type { ActionItem, IncidentSource, MilestoneName, Milestones, Phase } from '../model/index.js';

/**
 * What the metrics read from an incident. Every `Incident` is one; a host that keeps incidents
 * elsewhere (a warehouse, a CSV export) can pass these lighter objects instead. Only `milestones`
 * is required; a missing `drill` counts as `false`, a missing `phase` is inferred from the
 * milestones (`cancelledAt` → cancelled, `closedAt` → closed).
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
  readonly id?: string;
  readonly phase?: Phase;
  readonly severity?: string;
  readonly source?: IncidentSource;
  readonly drill?: boolean;
  readonly services?: readonly string[];
  readonly category?: string;
  readonly milestones: Readonly<Milestones>;
  /** One entry per REOPEN, oldest first: when, and the milestones (and postmortem) it cleared. */
  readonly reopens?: readonly {
    readonly at: number;
    readonly previous: Readonly<Partial<Milestones>>;
    readonly postmortem?: { readonly publishedAt: number };
  }[];
  readonly actionItems?: readonly Readonly<ActionItem>[];
  readonly postmortem?: { readonly publishedAt: number };
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
