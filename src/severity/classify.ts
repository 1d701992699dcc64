import { parseWith, readOptions } from '../internal/validate.js';
import { invalidInput } from '../model/errors.js';
import { type Impact, ImpactSchema, statesNothing } from '../model/impact.js';
import { compileCondition, describeCondition, type ImpactTest } from './condition.js';
import { guarded } from './guard.js';
import {
  defaultSeverityPolicy,
  resolvePolicy,
  type SeverityPolicy,
  type SeverityPolicyConfig,
} from './policy.js';
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
  // The lifecycle's path (a policy defineSeverityPolicy returned, then an impact): no copy of the policy.
  if (isPolicyLike(first, 'policy')) return classifyParsed(resolvePolicy(first), readImpact(second));
  // Read once: the options (or, in the old form, the impact) as a shallow copy.
  const options = readOptions(second);
  if (options !== undefined && !isClassifyOptions(options)) {
    // `classify(undefined, impact)`: the deprecated form with the default policy.
    if (first === undefined) return classifyParsed(defaultSeverityPolicy, readImpact(options));
    throw invalidInput('options', 'expected an options object ({ policy }) or nothing');
  }
  return classifyParsed(
    resolvePolicy(options?.policy as SeverityPolicy | SeverityPolicyConfig | undefined),
    readImpact(first),
  );
}

function readImpact(value: unknown): Impact {
  if (value === undefined) return {};
  // A list is never an impact: refused before a million entries are copied only to be refused.
  if (guarded(() => Array.isArray(value), 'impact')) throw invalidInput('impact', 'expected an object');
  return parseWith(ImpactSchema, value, 'impact');
}

function isClassifyOptions(value: Record<string, unknown>): boolean {
  if (Array.isArray(value)) return false;
  for (const key of Object.keys(value)) if (key !== 'policy') return false;
  return true;
}

/** Options of {@link classify}. */
export interface ClassifyOptions {
  /** The policy to classify by (default: the default policy). */
  readonly policy?: SeverityPolicy | SeverityPolicyConfig | undefined;
}

/** A rule ready to run: its test compiled, its rank and reason worked out once per policy. */
interface CompiledRule {
  readonly id: string;
  readonly severity: string;
  readonly rank: number;
  readonly reason: string;
  readonly test: ImpactTest;
}

// Per policy (frozen, so its rules never change): compiled once, then every classify reuses them.
const compiledRules = new WeakMap<SeverityPolicy, readonly CompiledRule[]>();

function rulesOf(policy: SeverityPolicy): readonly CompiledRule[] {
  let rules = compiledRules.get(policy);
  if (!rules) {
    rules = policy.rules.map((rule) => ({
      id: rule.id,
      severity: rule.severity,
      rank: levelOf(policy.scale, rule.severity)?.rank ?? Number.POSITIVE_INFINITY,
      reason: `${rule.severity}: ${rule.description ?? describeCondition(rule.when)}`,
      test: compileCondition(rule.when),
    }));
    compiledRules.set(policy, rules);
  }
  return rules;
}

/** {@link classify} for a resolved policy and an already-validated impact (the lifecycle's path). */
export function classifyParsed(policy: SeverityPolicy, impact: Impact): Classification {
  if (statesNothing(impact)) {
    return {
      severity: policy.uncertain,
      matched: [],
      reasons: ['impact not yet known: declared high, downgrade when known'],
    };
  }
  let best: CompiledRule | undefined;
  const matched: CompiledRule[] = [];
  const rules = rulesOf(policy);
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (!rule.test(impact)) continue;
    matched.push(rule);
    if (best === undefined || rule.rank < best.rank) best = rule;
  }
  if (best === undefined) {
    return {
      severity: policy.default,
      matched: [],
      reasons: [`${policy.default}: no rule matched (the policy's default)`],
    };
  }
  // Stable: equal ranks keep the policy's order.
  matched.sort((a, b) => a.rank - b.rank);
  return {
    severity: best.severity,
    matched: matched.map((m) => m.id),
    reasons: matched.map((m) => m.reason),
  };
}
