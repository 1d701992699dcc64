import { parseWith } from '../internal/validate.js';
import { type Impact, ImpactSchema, isImpactUnknown } from '../model/impact.js';
import { describeCondition, matchesCondition } from './condition.js';
import { resolvePolicy, type SeverityPolicy, type SeverityPolicyConfig } from './policy.js';
import { severityLevel } from './severity-key.js';

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
 * import { classify, defaultSeverityPolicy } from 'incidentkit/severity';
 * classify(defaultSeverityPolicy, { customerFacing: true, degraded: true });
 * // { severity: 'SEV2', matched: ['sev2-customer-degraded', 'sev3-customer-facing', 'sev3-degraded'], reasons: [...] }
 * ```
 */
export function classify(
  policy: SeverityPolicy | SeverityPolicyConfig | undefined,
  impact: Impact | undefined,
): Classification {
  const p = resolvePolicy(policy);
  const checked = impact === undefined ? {} : parseWith(ImpactSchema, impact, 'impact');
  return classifyParsed(p, checked);
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
    const rank = severityLevel(policy, rule.severity)?.rank ?? Number.POSITIVE_INFINITY;
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
