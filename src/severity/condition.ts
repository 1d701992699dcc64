import { FORBIDDEN_KEYS } from '../internal/limits.js';
import type { Impact, IncidentKitIssue } from '../model/index.js';
import { isPlainObject } from '../model/plain-object.js';

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
  if (!isPlainObject(value) || depth > 17) return 1;
  const known = memo.get(value);
  if (known !== undefined) return known;
  memo.set(value, MAX_CONDITION_NODES + 1); // a cycle counts as too many
  let size = 1;
  const list = Object.hasOwn(value, 'all') ? value.all : Object.hasOwn(value, 'any') ? value.any : undefined;
  if (Array.isArray(list)) {
    if (list.length > MAX_LIST) size = MAX_CONDITION_NODES + 1;
    else
      for (let i = 0; i < list.length && size <= MAX_CONDITION_NODES; i++)
        size += conditionSize(list[i], memo, depth + 1);
  } else if (Object.hasOwn(value, 'not')) {
    size += conditionSize(value.not, memo, depth + 1);
  }
  memo.set(value, size);
  return size;
}

function isScalar(v: unknown): v is ConditionValue {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/** A condition checked by {@link readCondition}, and whether more impact can never match less. */
export interface CheckedCondition {
  readonly when: Condition;
  readonly monotone: boolean;
}

/**
 * Validates a condition tree (plain data, e.g. a {@link snapshotInput} copy), collecting issues
 * under `path`, and returns a fresh copy of it built from the checked fields only, so nothing of
 * the caller's objects is kept; `undefined` when it has issues. `monotone` says whether it uses
 * only operators for which more impact cannot match less (`eq` true/string, `gt`, `gte`, `in`).
 * At most {@link MAX_CONDITION_NODES} conditions (counted as written out) are visited.
 */
export function readCondition(
  value: unknown,
  path: string,
  issues: IncidentKitIssue[],
): CheckedCondition | undefined {
  const size = conditionSize(value, new Map(), 0);
  if (size > MAX_CONDITION_NODES) {
    issues.push({
      path,
      message: `has more than ${MAX_CONDITION_NODES} conditions (counted as written out, each reuse counts)`,
    });
    return undefined;
  }
  const before = issues.length;
  const state = { monotone: true };
  const when = copyCondition(value, path, issues, 0, state);
  return when === undefined || issues.length > before ? undefined : { when, monotone: state.monotone };
}

function copyCondition(
  value: unknown,
  path: string,
  issues: IncidentKitIssue[],
  depth: number,
  state: { monotone: boolean },
): Condition | undefined {
  if (depth > 16) {
    issues.push({ path, message: 'nests too deeply (max 16 levels)' });
    return undefined;
  }
  if (!isPlainObject(value)) {
    issues.push({
      path,
      message: 'expected a condition object ({ all }, { any }, { not } or { field, <op> })',
    });
    return undefined;
  }
  const c = value;
  const keys = Object.keys(c);
  if (Object.hasOwn(c, 'all') || Object.hasOwn(c, 'any')) {
    const key = Object.hasOwn(c, 'all') ? 'all' : 'any';
    if (keys.length !== 1) issues.push({ path, message: `"${key}" must be the only key` });
    const list = c[key];
    if (!Array.isArray(list) || list.length === 0 || list.length > MAX_LIST) {
      issues.push({ path: `${path}.${key}`, message: `expected a list of 1 to ${MAX_LIST} conditions` });
      return undefined;
    }
    const children: Condition[] = [];
    for (let i = 0; i < list.length; i++) {
      const child = copyCondition(list[i], `${path}.${key}[${i}]`, issues, depth + 1, state);
      if (child !== undefined) children.push(child);
    }
    return key === 'all' ? { all: children } : { any: children };
  }
  if (Object.hasOwn(c, 'not')) {
    if (keys.length !== 1) issues.push({ path, message: '"not" must be the only key' });
    // Whatever is inside, `not` turns "more impact" into "less".
    state.monotone = false;
    const inner = copyCondition(c.not, `${path}.not`, issues, depth + 1, { monotone: true });
    return inner === undefined ? undefined : { not: inner };
  }
  const field = c.field;
  if (typeof field !== 'string' || field.length === 0) {
    issues.push({ path: `${path}.field`, message: 'expected an impact field name or attributes.<key>' });
    return undefined;
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
      message: `unknown field "${field.length > 64 ? `${field.slice(0, 64)}…` : field}"; use one of ${Object.keys(LABELS).join(', ')} or attributes.<key>`,
    });
    return undefined;
  }
  const ops = keys.filter((k) => k !== 'field');
  const known = ops.filter((k): k is ConditionOp => (CONDITION_OPS as readonly string[]).includes(k));
  if (known.length !== 1 || ops.length !== 1) {
    const got = ops.length > 8 ? `${ops.slice(0, 8).join(', ')}, …` : ops.join(', ');
    issues.push({
      path,
      message: `needs exactly one operator of ${CONDITION_OPS.join(', ')} (got ${got || 'none'})`,
    });
    return undefined;
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
      return undefined;
    }
    return { field, in: [...operand] };
  }
  if (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') {
    if (typeof operand !== 'number' || !Number.isFinite(operand)) {
      issues.push({ path: `${path}.${op}`, message: 'expected a number' });
      return undefined;
    }
    if (!isAttribute && !NUMERIC_FIELDS.has(field)) {
      issues.push({ path: `${path}.${op}`, message: `"${field}" is not a number field` });
      return undefined;
    }
    if (op === 'lt' || op === 'lte') state.monotone = false;
    return { field, [op]: operand } as FieldCondition;
  }
  if (!isScalar(operand)) {
    issues.push({ path: `${path}.${op}`, message: 'expected a string, number or boolean' });
    return undefined;
  }
  if (!isAttribute && FLAG_FIELDS.has(field) && typeof operand !== 'boolean') {
    issues.push({ path: `${path}.${op}`, message: `"${field}" is true or false` });
    return undefined;
  }
  // `eq false` or `eq <number>` can stop matching when impact grows; `eq true` / a label cannot.
  if (!(op === 'eq' && (operand === true || typeof operand === 'string'))) state.monotone = false;
  return { field, [op]: operand } as FieldCondition;
}

/** A compiled condition: whether it matches an impact. */
export type ImpactTest = (impact: Impact) => boolean;

function fieldReader(field: string): (impact: Impact) => unknown {
  if (field.startsWith('attributes.')) {
    const key = field.slice('attributes.'.length);
    return (impact) => {
      const attributes = impact.attributes;
      return attributes && Object.hasOwn(attributes, key) ? attributes[key] : undefined;
    };
  }
  return (impact) => (impact as Record<string, unknown>)[field];
}

/**
 * Compiles a validated condition into a test of an impact (a missing field matches nothing; on a
 * list field, `eq` means "includes" and `in` "any of"). The operands are copied into the closures,
 * so the test reads nothing of the (frozen) policy when it runs: V8 takes slow paths for `in` and
 * for array builtins on frozen objects, and classify runs per event.
 */
export function compileCondition(condition: Condition): ImpactTest {
  if ('all' in condition) {
    const parts = condition.all.map(compileCondition);
    return (impact) => {
      for (let i = 0; i < parts.length; i++) if (!parts[i]!(impact)) return false;
      return true;
    };
  }
  if ('any' in condition) {
    const parts = condition.any.map(compileCondition);
    return (impact) => {
      for (let i = 0; i < parts.length; i++) if (parts[i]!(impact)) return true;
      return false;
    };
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not);
    return (impact) => !inner(impact);
  }
  const read = fieldReader(condition.field);
  const op = CONDITION_OPS.find((o) => o in condition)!;
  const operand = (condition as unknown as Record<string, unknown>)[op];
  const list = op === 'in' ? [...(operand as ConditionValue[])] : [];
  const compare = scalarTest(op, operand, list);
  return (impact) => {
    const value = read(impact);
    if (value === undefined) return false;
    if (Array.isArray(value)) {
      if (value.length === 0) return false;
      if (op === 'eq') return value.includes(operand);
      if (op === 'ne') return !value.includes(operand);
      if (op === 'in') return value.some((v) => list.includes(v as ConditionValue));
      return false;
    }
    return compare(value);
  };
}

function scalarTest(
  op: ConditionOp,
  operand: unknown,
  list: readonly ConditionValue[],
): (value: unknown) => boolean {
  switch (op) {
    case 'eq':
      return (value) => value === operand;
    case 'ne':
      return (value) => value !== operand;
    case 'in':
      return (value) => list.includes(value as ConditionValue);
    case 'gt':
      return (value) => typeof value === 'number' && value > (operand as number);
    case 'gte':
      return (value) => typeof value === 'number' && value >= (operand as number);
    case 'lt':
      return (value) => typeof value === 'number' && value < (operand as number);
    case 'lte':
      return (value) => typeof value === 'number' && value <= (operand as number);
  }
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
