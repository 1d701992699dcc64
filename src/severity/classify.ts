import { parseWith } from '../internal/validate.js';
import { invalidInput } from '../model/errors.js';
import { type Impact, ImpactSchema, isImpactUnknown } from '../model/impact.js';
import { describeCondition, matchesCondition } from './condition.js';
import { resolvePolicy, type SeverityPolicy, type SeverityPolicyConfig } from './policy.js';
import { isPolicyLike } from './policy-arg.js';
import { levelOf } from './severity-key.js';

/**
 * The outcome of {@link classify}: the severity, the ids of every matching rule, and why, in words.
 */
export interface Classification {
  severity: string;
  matched: string[];
  reasons: string[];
}

/**
 * Classifies an impact by the policy's rules: the most severe matching rule wins. An impact that
 * states nothing gets the policy's `uncertain` severity (declare high, downgrade later); one that
 * matches no rule gets `default`.
 *
 * @example
 * ```ts
 * import { classify } from 'incidentkit/severity';
 * classify({ customerFacing: true, degraded: true });
 * // { severity: 'SEV2', matched: ['sev2-customer-degraded', 'sev3-customer-facing', 'sev3-degraded'], reasons: [...] }
 * ```
 */
export function classify(impact: Impact | undefined, options?: ClassifyOptions): Classification;
/** @deprecated Use `classify(impact, { policy })`; this form goes in 1.0. */
export function classify(
  policy: SeverityPolicy | SeverityPolicyConfig | undefined,
  impact: Impact | undefined,
): Classification;
export function classify(first: unknown, second?: unknown): Classification {
  const old =
    isPolicyLike(first) || (first === undefined && second !== undefined && !isClassifyOptions(second));
  if (!old && second !== undefined && !isClassifyOptions(second))
    throw invalidInput('options', 'expected an options object ({ policy }) or nothing');
  const p = resolvePolicy(
    (old ? first : (second as ClassifyOptions | undefined)?.policy) as SeverityPolicy | undefined,
  );
  const impact = old ? second : first;
  const checked = impact === undefined ? {} : parseWith(ImpactSchema, impact, 'impact');
  return classifyParsed(p, checked);
}

function isClassifyOptions(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).every((k) => k === 'policy')
  );
}

/** Options of {@link classify}. */
export interface ClassifyOptions {
  /** The policy to classify by (default: the default policy). */
  readonly policy?: SeverityPolicy | SeverityPolicyConfig | undefined;
}

/** {@link classify} for a resolved policy and an already-validated impact (the lifecycle's path). */
export function classifyParsed(policy: SeverityPolicy, impact: Impact): Classification {
  if (isImpactUnknown(impact)) {
    return {
      severity: policy.uncertain,
      matched: [],
      reasons: ['impact not yet known: declared high, downgrade when known'],
    };
  }
  let best: string | undefined;
  let bestRank = Number.POSITIVE_INFINITY;
  const matched: { id: string; rank: number; reason: string }[] = [];
  for (const rule of policy.rules) {
    if (!matchesCondition(rule.when, impact)) continue;
    const rank = levelOf(policy.scale, rule.severity)?.rank ?? Number.POSITIVE_INFINITY;
    matched.push({
      id: rule.id,
      rank,
      reason: `${rule.severity}: ${rule.description ?? describeCondition(rule.when)}`,
    });
    if (rank < bestRank) {
      bestRank = rank;
      best = rule.severity;
    }
  }
  if (best === undefined) {
    return {
      severity: policy.default,
      matched: [],
      reasons: [`${policy.default}: no rule matched (the policy's default)`],
    };
  }
  matched.sort((a, b) => a.rank - b.rank);
  return { severity: best, matched: matched.map((m) => m.id), reasons: matched.map((m) => m.reason) };
}
