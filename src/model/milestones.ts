// Zod-free: the lifecycle, the metrics and the tests all read the milestone names from here.

/**
 * Every milestone, in the order an incident reaches them (`cancelledAt` ends one early).
 *
 * @example
 * ```ts
 * import { MILESTONE_NAMES } from 'incidentkit';
 * MILESTONE_NAMES[0]; // 'startedAt'
 * ```
 */
export const MILESTONE_NAMES = [
  'startedAt',
  'detectedAt',
  'acknowledgedAt',
  'triagedAt',
  'mitigatedAt',
  'resolvedAt',
  'reviewedAt',
  'closedAt',
  'cancelledAt',
] as const;

/** A milestone name. */
export type MilestoneKey = (typeof MILESTONE_NAMES)[number];

/**
 * The monotone chain: each milestone, when set, is at or after the one before it. `closedAt`
 * follows `resolvedAt` (a postmortem may be published after closing, so `reviewedAt` may follow
 * `closedAt`); see {@link MILESTONE_LOWER_BOUNDS}.
 *
 * @example
 * ```ts
 * import { MILESTONE_CHAIN } from 'incidentkit';
 * MILESTONE_CHAIN.indexOf('triagedAt') > MILESTONE_CHAIN.indexOf('acknowledgedAt'); // true
 * ```
 */
export const MILESTONE_CHAIN = [
  'startedAt',
  'detectedAt',
  'acknowledgedAt',
  'triagedAt',
  'mitigatedAt',
  'resolvedAt',
  'reviewedAt',
] as const satisfies readonly MilestoneKey[];

/**
 * For each milestone, the milestones it must not precede (when both are set): the chain before it,
 * and `resolvedAt` for `closedAt`, `detectedAt` for `cancelledAt`.
 *
 * @example
 * ```ts
 * import { MILESTONE_LOWER_BOUNDS } from 'incidentkit';
 * MILESTONE_LOWER_BOUNDS.closedAt; // ['startedAt', 'detectedAt', 'acknowledgedAt', 'triagedAt', 'mitigatedAt', 'resolvedAt']
 * ```
 */
export const MILESTONE_LOWER_BOUNDS: Readonly<Record<MilestoneKey, readonly MilestoneKey[]>> = {
  startedAt: [],
  detectedAt: ['startedAt'],
  acknowledgedAt: ['startedAt', 'detectedAt'],
  triagedAt: ['startedAt', 'detectedAt', 'acknowledgedAt'],
  mitigatedAt: ['startedAt', 'detectedAt', 'acknowledgedAt', 'triagedAt'],
  resolvedAt: ['startedAt', 'detectedAt', 'acknowledgedAt', 'triagedAt', 'mitigatedAt'],
  reviewedAt: ['startedAt', 'detectedAt', 'acknowledgedAt', 'triagedAt', 'mitigatedAt', 'resolvedAt'],
  closedAt: ['startedAt', 'detectedAt', 'acknowledgedAt', 'triagedAt', 'mitigatedAt', 'resolvedAt'],
  cancelledAt: ['startedAt', 'detectedAt', 'acknowledgedAt'],
};

/**
 * The milestones `AMEND_MILESTONE` may correct: every one but `cancelledAt` (a cancelled incident
 * takes no more events).
 *
 * @example
 * ```ts
 * import { AMENDABLE_MILESTONES } from 'incidentkit';
 * AMENDABLE_MILESTONES.includes('startedAt'); // true
 * ```
 */
export const AMENDABLE_MILESTONES = [
  'startedAt',
  'detectedAt',
  'acknowledgedAt',
  'triagedAt',
  'mitigatedAt',
  'resolvedAt',
  'reviewedAt',
  'closedAt',
] as const satisfies readonly MilestoneKey[];
