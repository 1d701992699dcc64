import { FORBIDDEN_KEYS } from '../internal/limits.js';
import type { Impact, IncidentKitIssue } from '../model/index.js';

/** A scalar a condition compares with. */
export type ConditionValue = string | number | boolean;

/**
 * The comparison operators a field condition may use (exactly one per condition).
 *
 * @example
 * ```ts
 * import { CONDITION_OPS } from 'incidentkit/severity';
 * CONDITION_OPS.includes('gte'); // true
 * ```
 */
export const CONDITION_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in'] as const;
/** One of {@link CONDITION_OPS}. */
export type ConditionOp = (typeof CONDITION_OPS)[number];

/**
 * A field test with exactly one operator. `field` is an {@link Impact} field or
 * `attributes.<key>`; a missing field matches nothing. On `regions`, `eq` means "includes" and `in`
 * means "any of".
 */
export type FieldCondition = { field: string } & (
  | { eq: ConditionValue }
  | { ne: ConditionValue }
  | { gt: number }
  | { gte: number }
  | { lt: number }
  | { lte: number }
  | { in: ConditionValue[] }
);

/**
 * A declarative, JSON-serialisable condition over an {@link Impact}.
 *
 * @example
 * ```ts
 * import type { Condition } from 'incidentkit/severity';
 * const when: Condition = { all: [{ field: 'customerFacing', eq: true }, { field: 'degraded', eq: true }] };
 * ```
 */
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | FieldCondition;

const NUMERIC_FIELDS: ReadonlySet<string> = new Set(['usersAffectedPct', 'revenueImpact']);
const FLAG_FIELDS: ReadonlySet<string> = new Set([
  'customerFacing',
  'coreFunctionalityDown',
  'degraded',
  'dataLoss',
  'securityBreach',
]);
const LABELS: Readonly<Record<string, string>> = {
  usersAffectedPct: '% of users affected',
  revenueImpact: 'revenue impact',
  customerFacing: 'customer-facing',
  coreFunctionalityDown: 'core functionality down',
  degraded: 'degraded',
  dataLoss: 'data lost',
  securityBreach: 'security breached',
  regions: 'regions',
};
const OP_TEXT: Readonly<Record<ConditionOp, string>> = {
  eq: '=',
  ne: '≠',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  in: 'in',
};

/** The most conditions one rule may hold, counted as the JSON would be written out. */
const MAX_CONDITION_NODES = 1_000;
/** The longest `all` / `any` / `in` list. */
const MAX_LIST = 1_000;

/**
 * How many conditions `value` holds written out as JSON (a sub-object shared four ways counts four
 * times), memoised by identity so counting a DAG is linear in its distinct objects, and cut off
 * once past the limit (or past 16 levels, which the check reports itself).
 */
function conditionSize(value: unknown, memo: Map<object, number>, depth: number): number {
  if (typeof value !== 'object' || value === null || depth > 17) return 1;
  const known = memo.get(value);
  if (known !== undefined) return known;
  memo.set(value, MAX_CONDITION_NODES + 1); // a cycle counts as too many
  let size = 1;
  const c = value as Record<string, unknown>;
  const list = Object.hasOwn(c, 'all') ? c.all : Object.hasOwn(c, 'any') ? c.any : undefined;
  if (Array.isArray(list)) {
    if (list.length > MAX_LIST) size = MAX_CONDITION_NODES + 1;
    else
      for (let i = 0; i < list.length && size <= MAX_CONDITION_NODES; i++)
        size += conditionSize(list[i], memo, depth + 1);
  } else if (Object.hasOwn(c, 'not')) {
    size += conditionSize(c.not, memo, depth + 1);
  }
  memo.set(value, size);
  return size;
}

function isScalar(v: unknown): v is ConditionValue {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/**
 * Validates a condition tree, collecting issues under `path`. Returns whether the condition uses
 * only operators for which more impact cannot match less (`eq` true/string, `gt`, `gte`, `in`).
 */
export function checkCondition(value: unknown, path: string, issues: IncidentKitIssue[], depth = 0): boolean {
  if (depth === 0) {
    const size = conditionSize(value, new Map(), 0);
    if (size > MAX_CONDITION_NODES) {
      issues.push({
        path,
        message: `has more than ${MAX_CONDITION_NODES} conditions (counted as written out, each reuse counts)`,
      });
      return false;
    }
  }
  if (depth > 16) {
    issues.push({ path, message: 'nests too deeply (max 16 levels)' });
    return false;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.push({
      path,
      message: 'expected a condition object ({ all }, { any }, { not } or { field, <op> })',
    });
    return false;
  }
  const c = value as Record<string, unknown>;
  const keys = Object.keys(c);
  if (Object.hasOwn(c, 'all') || Object.hasOwn(c, 'any')) {
    const key = Object.hasOwn(c, 'all') ? 'all' : 'any';
    if (keys.length !== 1) issues.push({ path, message: `"${key}" must be the only key` });
    const list = c[key];
    if (!Array.isArray(list) || list.length === 0 || list.length > MAX_LIST) {
      issues.push({ path: `${path}.${key}`, message: `expected a list of 1 to ${MAX_LIST} conditions` });
      return false;
    }
    let monotone = true;
    list.forEach((child, i) => {
      if (!checkCondition(child, `${path}.${key}[${i}]`, issues, depth + 1)) monotone = false;
    });
    return monotone;
  }
  if (Object.hasOwn(c, 'not')) {
    if (keys.length !== 1) issues.push({ path, message: '"not" must be the only key' });
    checkCondition(c.not, `${path}.not`, issues, depth + 1);
    return false;
  }
  const field = c.field;
  if (typeof field !== 'string' || field.length === 0) {
    issues.push({ path: `${path}.field`, message: 'expected an impact field name or attributes.<key>' });
    return false;
  }
  const isAttribute = field.startsWith('attributes.');
  const attributeKey = field.slice('attributes.'.length);
  if (
    isAttribute
      ? attributeKey.length === 0 || FORBIDDEN_KEYS.has(attributeKey)
      : !Object.hasOwn(LABELS, field)
  ) {
    issues.push({
      path: `${path}.field`,
      message: `unknown field "${field}"; use one of ${Object.keys(LABELS).join(', ')} or attributes.<key>`,
    });
    return false;
  }
  const ops = keys.filter((k) => k !== 'field');
  const known = ops.filter((k): k is ConditionOp => (CONDITION_OPS as readonly string[]).includes(k));
  if (known.length !== 1 || ops.length !== 1) {
    issues.push({
      path,
      message: `needs exactly one operator of ${CONDITION_OPS.join(', ')} (got ${ops.join(', ') || 'none'})`,
    });
    return false;
  }
  const op = known[0]!;
  const operand = c[op];
  if (op === 'in') {
    if (
      !Array.isArray(operand) ||
      operand.length === 0 ||
      operand.length > MAX_LIST ||
      !operand.every(isScalar)
    ) {
      issues.push({
        path: `${path}.in`,
        message: 'expected a non-empty list of strings, numbers or booleans',
      });
    }
    return true;
  }
  if (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') {
    if (typeof operand !== 'number' || !Number.isFinite(operand))
      issues.push({ path: `${path}.${op}`, message: 'expected a number' });
    else if (!isAttribute && !NUMERIC_FIELDS.has(field))
      issues.push({ path: `${path}.${op}`, message: `"${field}" is not a number field` });
    return op === 'gt' || op === 'gte';
  }
  if (!isScalar(operand)) {
    issues.push({ path: `${path}.${op}`, message: 'expected a string, number or boolean' });
    return false;
  }
  if (!isAttribute && FLAG_FIELDS.has(field) && typeof operand !== 'boolean') {
    issues.push({ path: `${path}.${op}`, message: `"${field}" is true or false` });
  }
  // `eq false` or `eq <number>` can stop matching when impact grows; `eq true` / a label cannot.
  return op === 'eq' && (operand === true || typeof operand === 'string');
}

function fieldValue(impact: Impact, field: string): unknown {
  if (field.startsWith('attributes.')) {
    const attributes = impact.attributes;
    const key = field.slice('attributes.'.length);
    return attributes && Object.hasOwn(attributes, key) ? attributes[key] : undefined;
  }
  return (impact as Record<string, unknown>)[field];
}

/**
 * Evaluates a validated condition against an impact. A missing field matches nothing.
 */
export function matchesCondition(condition: Condition, impact: Impact): boolean {
  if ('all' in condition) return condition.all.every((c) => matchesCondition(c, impact));
  if ('any' in condition) return condition.any.some((c) => matchesCondition(c, impact));
  if ('not' in condition) return !matchesCondition(condition.not, impact);
  const value = fieldValue(impact, condition.field);
  if (value === undefined) return false;
  if (Array.isArray(value)) {
    if (value.length === 0) return false;
    if ('eq' in condition) return value.includes(condition.eq);
    if ('ne' in condition) return !value.includes(condition.ne);
    if ('in' in condition) return value.some((v) => condition.in.includes(v as ConditionValue));
    return false;
  }
  if ('eq' in condition) return value === condition.eq;
  if ('ne' in condition) return value !== condition.ne;
  if ('in' in condition) return condition.in.includes(value as ConditionValue);
  if (typeof value !== 'number') return false;
  if ('gt' in condition) return value > condition.gt;
  if ('gte' in condition) return value >= condition.gte;
  if ('lt' in condition) return value < condition.lt;
  return value <= condition.lte;
}

/** A short human reading of a condition: `% of users affected ≥ 50`. */
export function describeCondition(condition: Condition): string {
  if ('all' in condition) return condition.all.map(describeCondition).join(' and ');
  if ('any' in condition) return `(${condition.any.map(describeCondition).join(' or ')})`;
  if ('not' in condition) return `not (${describeCondition(condition.not)})`;
  const label = LABELS[condition.field] ?? condition.field;
  const op = CONDITION_OPS.find((o) => o in condition)!;
  const operand = (condition as unknown as Record<string, unknown>)[op];
  if (op === 'eq' && operand === true) return label;
  if (op === 'eq' && operand === false) return `not ${label}`;
  if (op === 'in') return `${label} in ${(operand as ConditionValue[]).join(', ')}`;
  return `${label} ${OP_TEXT[op]} ${String(operand)}`;
}
