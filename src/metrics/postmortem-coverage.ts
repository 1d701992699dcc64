import type { TimeInput } from '../model/time.js';
import { type Part, runPart } from './engine/run-part.js';
import {
  epochIn,
  epochOf,
  fail,
  fieldOf,
  firstCleared,
  isObject,
  need,
  type Options,
  ratio,
  readTime,
} from './engine/validate.js';
import type { IncidentFacts } from './incident-facts.js';
import type { IncidentFilterOptions } from './incident-filter.js';

/**
 * Which severities need a postmortem, and how soon after resolution: a severity policy as plain
 * data. `defaultSeverityPolicy` (or any policy from `incidentkit/severity`) fits as it is; only
 * `requirements` and `uncertain` are read, and an incident without a severity gets the
 * `uncertain` one's requirements.
 *
 * @example
 * ```ts
 * import type { PostmortemPolicy } from 'incidentkit/metrics';
 * const policy: PostmortemPolicy = {
 *   requirements: {
 *     SEV1: { postmortemRequired: true, postmortemDueHours: 48 },
 *     SEV2: { postmortemRequired: true, postmortemDueHours: 72 },
 *     SEV3: { postmortemRequired: false },
 *   },
 *   uncertain: 'SEV2',
 * };
 * ```
 */
export interface PostmortemPolicy {
  readonly requirements: Readonly<
    Record<string, { readonly postmortemRequired: boolean; readonly postmortemDueHours?: number | undefined }>
  >;
  readonly uncertain?: string | undefined;
}

/**
 * Options of {@link postmortemCoverage}: the policy, the filters, and `now` to tell overdue
 * postmortems from ones not yet due.
 *
 * @example
 * ```ts
 * import { defaultSeverityPolicy } from 'incidentkit/severity';
 * import type { PostmortemCoverageOptions } from 'incidentkit/metrics';
 * const options: PostmortemCoverageOptions = { policy: defaultSeverityPolicy, now: '2026-12-01T00:00:00Z' };
 * ```
 */
export interface PostmortemCoverageOptions<T extends IncidentFacts = IncidentFacts>
  extends IncidentFilterOptions<T> {
  policy: PostmortemPolicy;
  now?: TimeInput | undefined;
}

/**
 * The result of {@link postmortemCoverage}. `required`: resolved incidents whose severity requires a
 * postmortem; `published` of those have one (`coverage` = published ÷ required), `publishedOnTime`
 * within the due window after the first resolution (`onTimeRate` = on time ÷ required; with no due
 * window, any published one is on time). `overdue`: unpublished
 * past the window at `now` (`null` without `now`). `missing` lists the incidents without one.
 *
 * @example
 * ```ts
 * import { postmortemCoverage } from 'incidentkit/metrics';
 * postmortemCoverage([], { policy: { requirements: {} } }).coverage; // null
 * ```
 */
export interface PostmortemCoverage {
  readonly required: number;
  readonly published: number;
  readonly publishedOnTime: number;
  readonly overdue: number | null;
  readonly coverage: number | null;
  readonly onTimeRate: number | null;
  readonly missing: readonly string[];
}

/**
 * The policy as a function of the severity: the due window in ms after resolution (Infinity without
 * one) when a postmortem is required, `undefined` when it is not.
 */
export type RequirementOf = (severity: string | undefined) => number | undefined;

export function readRequirements(policy: unknown, path: string): RequirementOf {
  need(isObject(policy) && isObject(policy.requirements), path, 'an object');
  const { requirements, uncertain } = policy as { requirements: Options; uncertain?: unknown };
  return (severity) => {
    const key = severity ?? uncertain;
    const entry =
      typeof key === 'string' && Object.hasOwn(requirements, key)
        ? (requirements[key] as Options)
        : undefined;
    const hours = entry?.postmortemDueHours ?? Infinity;
    if (!(typeof hours === 'number' && hours >= 0))
      fail(`${path}.requirements.${key}.postmortemDueHours`, 'hours');
    return entry?.postmortemRequired === true ? (hours as number) * 3_600_000 : undefined;
  };
}

/** Counts postmortem coverage of incidents as they come. */
export function postmortemCounter(
  requirementOf: RequirementOf,
  now: number | undefined,
): Part<PostmortemCoverage> {
  let required = 0;
  let published = 0;
  let onTime = 0;
  let overdue = 0;
  const missing: string[] = [];
  return {
    add(incident, m, i) {
      // The due window runs from the first resolution; a reopened incident keeps it in `reopens`,
      // and the first postmortem published with it.
      const resolvedAt =
        firstCleared(incident, i, 'previous', 'resolvedAt') ?? epochOf(m.resolvedAt, i, 'resolvedAt');
      const publishedAt =
        firstCleared(incident, i, 'postmortem', 'publishedAt') ??
        epochIn(incident.postmortem, 'publishedAt', i, 'postmortem');
      if (resolvedAt === undefined) return;
      const dueMs = requirementOf(fieldOf<string>(incident.severity, i, 'severity', 'string'));
      if (dueMs === undefined) return;
      required++;
      const dueAt = resolvedAt + dueMs;
      if (publishedAt !== undefined) {
        published++;
        if (publishedAt <= dueAt) onTime++;
      } else {
        if (now! > dueAt) overdue++;
        missing.push(typeof incident.id === 'string' ? incident.id : `incidents[${i}]`);
      }
    },
    result: () => ({
      required,
      published,
      publishedOnTime: onTime,
      overdue: now === undefined ? null : overdue,
      coverage: ratio(published, required),
      onTimeRate: ratio(onTime, required),
      missing,
    }),
  };
}

/**
 * Whether incidents that need a postmortem get one, and in time: over resolved incidents the
 * filters admit whose severity requires one (by the policy's `requirements`, or your functions),
 * the share with a published postmortem and the share published within the due window after the
 * first resolution. Import nothing from `incidentkit/severity` to use it: pass
 * `defaultSeverityPolicy` (or any policy-shaped object) as `policy`.
 *
 * @example
 * ```ts
 * import { postmortemCoverage } from 'incidentkit/metrics';
 * const h = 3_600_000;
 * const coverage = postmortemCoverage(
 *   [
 *     { id: 'INC-1', severity: 'SEV1', milestones: { detectedAt: 0, resolvedAt: h }, postmortem: { publishedAt: 30 * h } },
 *     { id: 'INC-2', severity: 'SEV2', milestones: { detectedAt: 0, resolvedAt: h } },
 *     { id: 'INC-3', severity: 'SEV4', milestones: { detectedAt: 0, resolvedAt: h } },
 *   ],
 *   {
 *     policy: {
 *       requirements: {
 *         SEV1: { postmortemRequired: true, postmortemDueHours: 48 },
 *         SEV2: { postmortemRequired: true, postmortemDueHours: 72 },
 *         SEV4: { postmortemRequired: false },
 *       },
 *     },
 *     now: 100 * h,
 *   },
 * );
 * coverage.coverage; // 0.5
 * coverage.overdue; // 1 (INC-2: due 73 h after detection)
 * coverage.missing; // ['INC-2']
 * ```
 */
export function postmortemCoverage<T extends IncidentFacts>(
  incidents: readonly T[],
  options: PostmortemCoverageOptions<T>,
): PostmortemCoverage {
  return runPart(incidents, options, ['policy', 'now'], (o) =>
    postmortemCounter(readRequirements(o.policy, 'options.policy'), readTime(o, 'now', 'options')),
  );
}
