import * as z from 'zod/mini';
import { canonicalJson, shortHash } from '../internal/canonical-json.js';
import { LIMITS } from '../internal/limits.js';
import { invalidIssues, snapshotInput, toIssues } from '../internal/validate.js';
import type { IncidentKitIssue } from '../model/errors.js';
import { built, lazy } from '../model/lazy.js';
import { SafeKeySchema } from '../model/primitives.js';
import { type Condition, readCondition } from './condition.js';
import { guarded } from './guard.js';
import { defaultSeverityScale, type SeverityLevel, trustScale } from './scale.js';

/** How widely to page for a severity. */
export type PageScope = 'all-hands' | 'team' | 'on-call' | 'none';

/**
 * What a severity asks of responders: update cadence, roles, paging, comms, postmortem and
 * response deadlines (minutes from detection).
 *
 * @example
 * ```ts
 * import { requirementsFor } from 'incidentkit/severity';
 * requirementsFor('SEV1').updateEveryMinutes; // 15
 * ```
 */
export interface SeverityRequirements {
  updateEveryMinutes?: number | undefined;
  requiredRoles: string[];
  page: PageScope;
  statusPage: boolean;
  customerComms: boolean;
  postmortemRequired: boolean;
  postmortemDueHours?: number | undefined;
  ackWithinMinutes?: number | undefined;
  mitigateWithinMinutes?: number | undefined;
  businessHoursOnly: boolean;
}

/**
 * A classification rule: when `when` matches the impact, the incident is at least `severity`.
 *
 * @example
 * ```ts
 * import type { SeverityRule } from 'incidentkit/severity';
 * const rule: SeverityRule = { id: 'sev1-data-loss', severity: 'SEV1', when: { field: 'dataLoss', eq: true } };
 * ```
 */
export interface SeverityRule {
  id: string;
  severity: string;
  when: Condition;
  description?: string | undefined;
}

/**
 * A validated severity policy: plain JSON, safe to store and read back. Build one with
 * {@link defineSeverityPolicy}. `monotone` says whether more impact can never classify lower.
 */
export interface SeverityPolicy {
  /** Names the policy; an incident is stamped with it and only decided under a policy of the same id. */
  id: string;
  /** This revision of the policy (given, or a short hash of its content). New decisions follow it. */
  version: string;
  scale: SeverityLevel[];
  rules: SeverityRule[];
  default: string;
  uncertain: string;
  requirements: Record<string, SeverityRequirements>;
  monotone: boolean;
}

/** A scale level as configured: `description` and `aliases` may be left out. */
export type SeverityLevelConfig = Omit<SeverityLevel, 'description' | 'aliases'> & {
  description?: string | undefined;
  aliases?: string[] | undefined;
};

/**
 * What {@link defineSeverityPolicy} accepts: every part optional. Without `scale` you get the
 * default scale and rules; `requirements` per severity are merged over the defaults for that key.
 */
export interface SeverityPolicyConfig {
  /** Default `'default'`; required with a custom `scale`, so a custom scale never passes for the default. */
  id?: string | undefined;
  /** Kept as given; default a short stable hash of the policy's content. */
  version?: string | undefined;
  scale?: SeverityLevelConfig[] | undefined;
  rules?: SeverityRule[] | undefined;
  default?: string | undefined;
  uncertain?: string | undefined;
  requirements?: Record<string, Partial<SeverityRequirements>> | undefined;
  monotone?: boolean | undefined;
}

// Policies defineSeverityPolicy returned (and the default): frozen, so they are used as they are.
const defined = new WeakSet<object>();

/** `defineSeverityPolicy({}).version`: the default policy's content hash. */
const DEFAULT_POLICY_VERSION = '83884dfe6fd2b2d5';

const NOTHING_REQUIRED: SeverityRequirements = {
  requiredRoles: [],
  page: 'none',
  statusPage: false,
  customerComms: false,
  postmortemRequired: false,
  businessHoursOnly: false,
};

const defaultRequirements: Record<string, SeverityRequirements> = {
  SEV1: {
    updateEveryMinutes: 15,
    requiredRoles: ['commander', 'commsLead'],
    page: 'all-hands',
    statusPage: true,
    customerComms: true,
    postmortemRequired: true,
    postmortemDueHours: 48,
    ackWithinMinutes: 5,
    mitigateWithinMinutes: 60,
    businessHoursOnly: false,
  },
  SEV2: {
    updateEveryMinutes: 30,
    requiredRoles: ['commander', 'commsLead'],
    page: 'team',
    statusPage: true,
    customerComms: true,
    postmortemRequired: true,
    postmortemDueHours: 72,
    ackWithinMinutes: 15,
    mitigateWithinMinutes: 240,
    businessHoursOnly: false,
  },
  SEV3: {
    requiredRoles: ['commander'],
    page: 'on-call',
    statusPage: false,
    customerComms: false,
    postmortemRequired: false,
    ackWithinMinutes: 60,
    businessHoursOnly: false,
  },
  SEV4: {
    requiredRoles: [],
    page: 'none',
    statusPage: false,
    customerComms: false,
    postmortemRequired: false,
    businessHoursOnly: true,
  },
};

const defaultRules: SeverityRule[] = [
  {
    id: 'sev1-core-down',
    severity: 'SEV1',
    when: { field: 'coreFunctionalityDown', eq: true },
    description: 'core functionality is down',
  },
  {
    id: 'sev1-most-users',
    severity: 'SEV1',
    when: { field: 'usersAffectedPct', gte: 50 },
    description: 'at least 50% of users are affected',
  },
  {
    id: 'sev1-data-loss',
    severity: 'SEV1',
    when: { field: 'dataLoss', eq: true },
    description: 'data was lost',
  },
  {
    id: 'sev1-security',
    severity: 'SEV1',
    when: { field: 'securityBreach', eq: true },
    description: 'security was breached',
  },
  {
    id: 'sev2-customer-degraded',
    severity: 'SEV2',
    when: {
      all: [
        { field: 'customerFacing', eq: true },
        { field: 'degraded', eq: true },
      ],
    },
    description: 'a customer-facing service is degraded',
  },
  {
    id: 'sev2-many-users',
    severity: 'SEV2',
    when: { field: 'usersAffectedPct', gte: 10 },
    description: 'at least 10% of users are affected',
  },
  {
    id: 'sev3-customer-facing',
    severity: 'SEV3',
    when: { field: 'customerFacing', eq: true },
    description: 'customers can see it',
  },
  {
    id: 'sev3-degraded',
    severity: 'SEV3',
    when: { field: 'degraded', eq: true },
    description: 'a service is degraded',
  },
  {
    id: 'sev3-some-users',
    severity: 'SEV3',
    when: { field: 'usersAffectedPct', gte: 1 },
    description: 'at least 1% of users are affected',
  },
];

/**
 * The default policy: the default scale, rules (SEV1 when core functionality is down, ≥ 50% of
 * users, data loss or a breach; SEV2 when customer-facing and degraded or ≥ 10%; SEV3 when
 * customer-facing, degraded or ≥ 1%; otherwise SEV4; SEV2 when the impact is unknown) and
 * requirements (see DESIGN and `docs/severity.md`).
 *
 * @example
 * ```ts
 * import { classify, defaultSeverityPolicy } from 'incidentkit/severity';
 * classify(defaultSeverityPolicy, { dataLoss: true }).severity; // 'SEV1'
 * ```
 */
export const defaultSeverityPolicy: SeverityPolicy = /*#__PURE__*/ frozenPolicy({
  id: 'default',
  // The content hash defineSeverityPolicy({}) computes; a test keeps the two equal.
  version: DEFAULT_POLICY_VERSION,
  scale: defaultSeverityScale as SeverityLevel[],
  rules: defaultRules,
  default: 'SEV4',
  uncertain: 'SEV2',
  requirements: defaultRequirements,
  monotone: true,
});

/**
 * Freezes a policy all the way down (levels, rules, conditions, requirements) and remembers it, so
 * every function that takes a policy can use it as it is, without reading it again: nothing can
 * change it after it was checked.
 */
function frozenPolicy(policy: SeverityPolicy): SeverityPolicy {
  deepFreeze(policy);
  trustScale(policy.scale);
  defined.add(policy);
  return policy;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
}

/** Whether `value` is a policy {@link defineSeverityPolicy} returned (frozen, so safe to use as it is). */
export function isDefinedPolicy(value: unknown): value is SeverityPolicy {
  return typeof value === 'object' && value !== null && defined.has(value);
}

const MAX_RULES = 500;
const MAX_LEVELS = 20;

/** Refuses a list past its bound before the schema walks every entry of it (1e6 rules, say). */
function tooLong(copy: unknown, key: string, max: number): void {
  const list = typeof copy === 'object' && copy !== null ? (copy as Record<string, unknown>)[key] : undefined;
  if (Array.isArray(list) && list.length > max)
    throw invalidIssues(
      [{ path: `policy.${key}`, message: `must have at most ${max} entries` }],
      'invalid severity policy: ',
    );
}

// The config schema is built on first use (defineSeverityPolicy), not at import.
const ConfigSchema = /*#__PURE__*/ lazy(() => {
  const minutes = z.optional(z.number().check(z.gt(0), z.lte(60 * 24 * 365)));
  const RequirementsSchema = z.strictObject({
    updateEveryMinutes: minutes,
    requiredRoles: z.optional(z.array(built(SafeKeySchema)).check(z.maxLength(20))),
    page: z.optional(z.enum(['all-hands', 'team', 'on-call', 'none'])),
    statusPage: z.optional(z.boolean()),
    customerComms: z.optional(z.boolean()),
    postmortemRequired: z.optional(z.boolean()),
    postmortemDueHours: z.optional(z.number().check(z.gt(0), z.lte(24 * 365))),
    ackWithinMinutes: minutes,
    mitigateWithinMinutes: minutes,
    businessHoursOnly: z.optional(z.boolean()),
  });
  const label = z
    .string()
    .check(z.minLength(1), z.maxLength(32), z.regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits and _ . -'));
  const LevelSchema = z.strictObject({
    key: label,
    rank: z.number().check(z.int(), z.gte(1), z.lte(100)),
    name: z.string().check(z.minLength(1), z.maxLength(LIMITS.name)),
    description: z.optional(z.string().check(z.maxLength(LIMITS.reason))),
    aliases: z.optional(z.array(label).check(z.maxLength(10))),
  });
  const RuleSchema = z.strictObject({
    id: z.string().check(z.minLength(1), z.maxLength(LIMITS.name)),
    severity: label,
    when: z.unknown(),
    description: z.optional(z.string().check(z.maxLength(LIMITS.reason))),
  });
  return z.strictObject({
    id: z.optional(label),
    version: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
    scale: z.optional(z.array(LevelSchema).check(z.minLength(1), z.maxLength(MAX_LEVELS))),
    rules: z.optional(z.array(RuleSchema).check(z.maxLength(MAX_RULES))),
    default: z.optional(label),
    uncertain: z.optional(label),
    requirements: z.optional(z.record(label, RequirementsSchema)),
    // Accepted so a stored policy can be read back; always recomputed.
    monotone: z.optional(z.boolean()),
  });
});

/**
 * Validates a policy (plain JSON, e.g. read from a file) and fills in defaults. Errors name the
 * bad rule (`policy.rules[3] (sev2-api)…`). The config is read once (a bounded plain copy, so a
 * getter or Proxy trap that throws is `INVALID_INPUT` with its `cause`) and nothing of it is kept.
 * The result is frozen all the way down, so every function that takes it uses it as it is, and
 * JSON-serialisable; passing it through `defineSeverityPolicy` again yields an equal policy.
 *
 * @example
 * ```ts
 * import { defineSeverityPolicy, classify } from 'incidentkit/severity';
 * const policy = defineSeverityPolicy({
 *   rules: [{ id: 'gold-tier', severity: 'SEV1', when: { field: 'attributes.tier', eq: 'gold' } }],
 *   requirements: { SEV3: { updateEveryMinutes: 120 } },
 * });
 * classify(policy, { attributes: { tier: 'gold' } }).severity; // 'SEV1'
 * ```
 */
export function defineSeverityPolicy(config: SeverityPolicyConfig = {}): SeverityPolicy {
  // A list is never a policy: refused before a million entries are copied only to be refused.
  if (guarded(() => Array.isArray(config), 'policy'))
    throw invalidIssues([{ path: 'policy', message: 'expected an object' }], 'invalid severity policy: ');
  // Read once: what is checked below is a plain copy, never the caller's object again.
  const copy = snapshotInput(config, 'policy');
  // Only what the copy kept as it is (a class instance, a Date) can run a caller's code here.
  const parsed = guarded(() => {
    tooLong(copy, 'rules', MAX_RULES);
    tooLong(copy, 'scale', MAX_LEVELS);
    return ConfigSchema().safeParse(copy);
  }, 'policy');
  if (!parsed.success)
    throw invalidIssues(toIssues('policy', parsed.error.issues), 'invalid severity policy: ');
  const input = parsed.data;
  const issues: IncidentKitIssue[] = [];
  const scale: SeverityLevel[] = (input.scale ?? defaultSeverityScale)
    .map((level) => ({
      key: level.key,
      rank: level.rank,
      name: level.name,
      description: level.description ?? '',
      aliases: [...(level.aliases ?? [])],
    }))
    .sort((a, b) => a.rank - b.rank);
  const names = new Map<string, string>();
  scale.forEach((level, i) => {
    for (const name of [level.key, ...level.aliases]) {
      const folded = name.toUpperCase();
      if (names.has(folded))
        issues.push({ path: `policy.scale[${i}]`, message: `"${name}" is used twice in the scale` });
      names.set(folded, level.key);
    }
    if (i > 0 && scale[i - 1]!.rank === level.rank)
      issues.push({ path: `policy.scale[${i}]`, message: `rank ${level.rank} is used twice` });
  });
  const keyOf = (name: string, path: string): string => {
    const key = names.get(name.toUpperCase());
    if (key === undefined)
      issues.push({
        path,
        message: `"${name}" is not a severity of the scale (${scale.map((l) => l.key).join(', ')})`,
      });
    return key ?? name;
  };
  // Without rules of its own, the default scale brings the default rules; a custom scale has none.
  const rules: SeverityRule[] = input.rules || input.scale ? [] : [...defaultRules];
  let monotone = true;
  const ruleIds = new Set<string>();
  (input.rules ?? []).forEach((rule, i) => {
    const path = `policy.rules[${i}] (${rule.id})`;
    if (ruleIds.has(rule.id)) issues.push({ path: `${path}.id`, message: 'rule ids must be unique' });
    ruleIds.add(rule.id);
    const before = issues.length;
    // A copy built from the checked fields: what the caller handed in is not kept.
    const checked = guarded(() => readCondition(rule.when, `${path}.when`, issues), `${path}.when`);
    if (checked && !checked.monotone) monotone = false;
    const severity = keyOf(rule.severity, `${path}.severity`);
    if (checked && issues.length === before) {
      rules.push({
        id: rule.id,
        severity,
        when: checked.when,
        ...(rule.description === undefined ? {} : { description: rule.description }),
      });
    }
  });
  const byRank = scale.map((l) => l.key);
  const fallback =
    input.default === undefined ? byRank[byRank.length - 1]! : keyOf(input.default, 'policy.default');
  const uncertain =
    input.uncertain === undefined
      ? (byRank[Math.min(1, byRank.length - 1)] ?? fallback)
      : keyOf(input.uncertain, 'policy.uncertain');
  const requirements: Record<string, SeverityRequirements> = {};
  for (const level of scale) {
    const base =
      !input.scale && Object.hasOwn(defaultRequirements, level.key)
        ? defaultRequirements[level.key]!
        : NOTHING_REQUIRED;
    requirements[level.key] = { ...base, requiredRoles: [...base.requiredRoles] };
  }
  for (const [name, overrides] of Object.entries(input.requirements ?? {})) {
    const key = keyOf(name, `policy.requirements.${name}`);
    const current = requirements[key];
    if (!current) continue;
    const merged: SeverityRequirements = { ...current };
    for (const [field, value] of Object.entries(overrides)) {
      if (value !== undefined)
        (merged as unknown as Record<string, unknown>)[field] = Array.isArray(value) ? [...value] : value;
    }
    requirements[key] = merged;
  }
  if (input.scale && input.id === undefined)
    issues.push({ path: 'policy.id', message: 'a policy with its own scale must name its id' });
  if (issues.length > 0) throw invalidIssues(issues, 'invalid severity policy: ');
  const content = { scale, rules, default: fallback, uncertain, requirements };
  const policy: SeverityPolicy = {
    id: input.id ?? 'default',
    version: input.version ?? shortHash(canonicalJson(content)),
    ...content,
    monotone,
  };
  return frozenPolicy(policy);
}

const normalised = new WeakMap<object, SeverityPolicy>();

/**
 * The policy to use: the default when none is given, the same object when it came from
 * {@link defineSeverityPolicy}, and a validated copy for a plain object, e.g. one parsed from JSON:
 * read once, the first time, and remembered by identity (later calls with the same object reuse
 * that policy and read nothing).
 *
 * @example
 * ```ts
 * import { resolvePolicy } from 'incidentkit/severity';
 * resolvePolicy(undefined).uncertain; // 'SEV2'
 * ```
 */
export function resolvePolicy(policy: SeverityPolicy | SeverityPolicyConfig | undefined): SeverityPolicy {
  if (policy === undefined) return defaultSeverityPolicy;
  if (typeof policy !== 'object' || policy === null) return defineSeverityPolicy(policy);
  if (defined.has(policy)) return policy as SeverityPolicy;
  let cached = normalised.get(policy);
  if (!cached) {
    // Read once: the object is copied and checked the first time; later calls reuse that result.
    cached = defineSeverityPolicy(policy);
    normalised.set(policy, cached);
  }
  return cached;
}
