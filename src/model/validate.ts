import type * as z from 'zod/mini';
import { IncidentKitError, type IncidentKitIssue } from './errors.js';
import { LIMITS } from './limits.js';

interface RawIssue {
  readonly code?: string | undefined;
  readonly path?: readonly PropertyKey[] | undefined;
  readonly message?: string | undefined;
  readonly expected?: string | undefined;
  readonly maximum?: number | bigint | undefined;
  readonly minimum?: number | bigint | undefined;
  readonly inclusive?: boolean | undefined;
  readonly origin?: string | undefined;
  readonly keys?: readonly string[] | undefined;
  readonly values?: readonly unknown[] | undefined;
  readonly options?: readonly unknown[] | undefined;
  readonly discriminator?: string | undefined;
  readonly errors?: readonly (readonly RawIssue[])[] | undefined;
}

/** Renders a path as `root.a[2].b`. */
export function formatPath(root: string, path: readonly PropertyKey[] = []): string {
  let out = root;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** `object` → `an object`, `number` → `a number`: zod's type names as a sentence says them. */
function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

// zod/mini ships without a locale (a locale would ride in every user's bundle), so the wording is ours.
function describe(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.message?.endsWith('received undefined')) return 'is required';
      return issue.expected === undefined ? 'has the wrong type' : `must be ${article(issue.expected)}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${String(issue.maximum)} characters`
        : issue.origin === 'array'
          ? `must have at most ${String(issue.maximum)} entries`
          : issue.inclusive === false
            ? `must be less than ${String(issue.maximum)}`
            : `must be ${String(issue.maximum)} or less`;
    case 'too_small':
      return issue.origin === 'string'
        ? Number(issue.minimum) <= 1
          ? 'must not be empty'
          : `must be at least ${String(issue.minimum)} characters`
        : issue.origin === 'array'
          ? `must have at least ${String(issue.minimum)} entries`
          : issue.inclusive === false
            ? `must be more than ${String(issue.minimum)}`
            : `must be ${String(issue.minimum)} or more`;
    case 'unrecognized_keys':
      return unknownFields(issue.keys ?? []);
    case 'invalid_value':
      return `must be one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      if (issue.discriminator) {
        return `unknown ${issue.discriminator}; expected one of ${(issue.options ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
      }
      return 'matches none of the accepted shapes';
    case 'invalid_format':
      return 'has an invalid format';
    case 'invalid_key':
      return 'has an invalid key';
    default:
      return issue.message && issue.message !== 'Invalid input' ? issue.message : 'is invalid';
  }
}

/** Converts zod issues into incidentkit issues rooted at `root`. */
export function toIssues(root: string, raw: readonly RawIssue[]): IncidentKitIssue[] {
  const issues: IncidentKitIssue[] = [];
  for (const issue of raw) {
    // A union of scalars (a number or a name): every branch refused the value itself, so say
    // what each would take. A union of objects: the first branch's detail is the useful one.
    if (issue.code === 'invalid_union' && !issue.discriminator && issue.errors && issue.errors.length > 0) {
      const scalar = eitherOf(issue.errors);
      if (scalar !== undefined) {
        issues.push({ path: formatPath(root, issue.path), message: scalar });
        continue;
      }
      const nested = toIssues(formatPath(root, issue.path), issue.errors[0] ?? []);
      if (nested.length > 0) {
        issues.push(...nested);
        continue;
      }
    }
    issues.push({ path: formatPath(root, issue.path), message: describe(issue) });
  }
  return issues;
}

/** An INVALID_INPUT error listing `issues`, with the first one in the message. */
export function invalidIssues(issues: readonly IncidentKitIssue[], context = ''): IncidentKitError {
  const first = issues[0];
  const head = first ? `${first.path || 'input'} ${first.message}` : 'invalid input';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new IncidentKitError('INVALID_INPUT', `${context}${head}${more}`, { issues });
}

/** Bounds of the copy {@link snapshotInput} makes; every input within the documented limits fits. */
const SNAPSHOT = { depth: 64, keys: 1_000, entries: LIMITS.events, nodes: 40_000_000 } as const;

/**
 * `must be a number or one of "sun", "mon", …` when every branch of a union refused the value itself
 * with a `must be …` of its own; otherwise undefined.
 */
function eitherOf(branches: readonly (readonly RawIssue[])[]): string | undefined {
  const takes: string[] = [];
  for (const branch of branches) {
    const only = branch.length === 1 ? branch[0] : undefined;
    if (only === undefined || (only.path ?? []).length > 0) return undefined;
    const message = describe(only);
    if (!message.startsWith('must be ')) return undefined;
    takes.push(message.slice('must be '.length));
  }
  return `must be ${takes.join(' or ')}`;
}

function unknownFields(keys: readonly string[]): string {
  return `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}`;
}

/**
 * `INVALID_INPUT` at `path` naming every field of `fields` that `known` does not list, worded as a
 * strict schema words it: for options read by hand, where a typo must not pass as "not given".
 */
export function refuseUnknownFields(fields: object, known: readonly string[], path: string): void {
  const unknown = Object.keys(fields).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw refused(path, unknownFields(unknown));
}

function refused(path: string, message: string, cause?: unknown): IncidentKitError {
  return new IncidentKitError('INVALID_INPUT', `${path || 'input'}: ${message}`, {
    issues: [{ path, message }],
    cause,
  });
}

/**
 * A plain copy of a caller's value in which every property was read exactly once, so that what is
 * validated is what is used: a getter that would answer differently on a second read, or a Proxy
 * whose `length` grows while it is iterated, is read here and never again. Arrays are copied up to
 * the length read first and refused past `LIMITS.events` (a sparse array of 2³²−1 is refused
 * before anything walks it); depth, fields per object and total nodes are bounded (a 1e5-deep
 * nesting is refused, not a stack overflow); a shared sub-object is copied once and stays shared
 * (a DAG does not blow up), a cycle is refused. Only plain objects (prototype `Object.prototype`
 * or `null`) and arrays are copied; anything else (a Date, a class instance, a function) is kept
 * as it is for the schema to judge. A getter or Proxy trap that throws becomes one
 * `INVALID_INPUT` whose `cause` is the thrown value.
 */
export function snapshotInput(value: unknown, root: string): unknown {
  let nodes = 0;
  const done = new Map<object, unknown>();
  const open = new Set<object>();
  const copy = (v: unknown, at: string, depth: number): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    const known = done.get(v);
    if (known !== undefined) return known;
    if (open.has(v)) throw refused(at, 'refers to itself');
    if (++nodes > SNAPSHOT.nodes) throw refused(root, 'is too large');
    if (depth > SNAPSHOT.depth) throw refused(at, `is nested more than ${SNAPSHOT.depth} deep`);
    let out: unknown;
    open.add(v);
    if (Array.isArray(v)) {
      const length = v.length;
      if (length > SNAPSHOT.entries) throw refused(at, `must have at most ${SNAPSHOT.entries} entries`);
      const list: unknown[] = new Array(length);
      for (let i = 0; i < length; i++) list[i] = copy(v[i], `${at}[${i}]`, depth + 1);
      out = list;
    } else {
      const proto: unknown = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) {
        out = v;
      } else {
        const keys = Object.keys(v);
        if (keys.length > SNAPSHOT.keys) throw refused(at, `must have at most ${SNAPSHOT.keys} fields`);
        const record: Record<string, unknown> = {};
        for (const key of keys) {
          const field = copy(
            (v as Record<string, unknown>)[key],
            at === '' ? key : `${at}.${key}`,
            depth + 1,
          );
          // defineProperty, so a "__proto__" key stays a plain field the schema can refuse.
          Object.defineProperty(record, key, {
            value: field,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        out = record;
      }
    }
    open.delete(v);
    done.set(v, out);
    return out;
  };
  try {
    return copy(value, root, 0);
  } catch (error) {
    if (error instanceof IncidentKitError) throw error;
    throw refused(root, 'reading it threw', error);
  }
}

/**
 * {@link parseWith} for a value that is already a {@link snapshotInput} copy (no second copy).
 */
export function parseSnapshotWith<S extends z.ZodMiniType>(
  schema: S,
  copy: unknown,
  root: string,
): z.output<S> {
  let result: ReturnType<S['safeParse']>;
  try {
    result = schema.safeParse(copy) as ReturnType<S['safeParse']>;
  } catch (error) {
    // Only values the snapshot kept as they are (a class instance, a Date) can still throw here.
    throw refused(root, 'reading it threw', error);
  }
  if (result.success) return result.data as z.output<S>;
  throw invalidIssues(toIssues(root, result.error.issues as readonly RawIssue[]));
}

/**
 * Validates `value` with `schema`; throws INVALID_INPUT naming every bad field under `root`.
 * The value is first copied with {@link snapshotInput} (each property read once, sizes bounded),
 * so the schema checks exactly what the caller's code goes on to use. Never lets a ZodError (or
 * anything else) escape.
 */
export function parseWith<S extends z.ZodMiniType>(schema: S, value: unknown, root: string): z.output<S> {
  return parseSnapshotWith(schema, snapshotInput(value, root), root);
}

/**
 * An options argument read once at the boundary: `undefined` stays `undefined`; a plain object
 * (or an array, for the positional forms that take a list) becomes a shallow plain copy, each
 * field read exactly once, so a getter or Proxy trap that throws is one `INVALID_INPUT` with the
 * thrown value as `cause` and nothing read later can change; anything else is `INVALID_INPUT`.
 * Field values are kept as they are (a policy stays the same object, so its caches still apply);
 * their own parsers snapshot them.
 */
export function readOptions(value: unknown, path = 'options'): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null)
    throw refused(path, 'expected an options object or nothing');
  try {
    if (Array.isArray(value)) {
      const length = value.length;
      if (length > SNAPSHOT.entries) throw refused(path, `must have at most ${SNAPSHOT.entries} entries`);
      const list: unknown[] = new Array(length);
      for (let i = 0; i < length; i++) list[i] = value[i];
      return list as unknown as Record<string, unknown>;
    }
    const keys = Object.keys(value);
    if (keys.length > SNAPSHOT.keys) throw refused(path, `must have at most ${SNAPSHOT.keys} fields`);
    const copy: Record<string, unknown> = {};
    for (const key of keys)
      Object.defineProperty(copy, key, {
        value: (value as Record<string, unknown>)[key],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return copy;
  } catch (error) {
    if (error instanceof IncidentKitError) throw error;
    throw refused(path, 'reading it threw', error);
  }
}

/**
 * A caller's list read once at the boundary: a shallow plain copy of its entries, the length read
 * first and bounded by `max` (a sparse array of 2³²−1 or a Proxy whose length grows is refused or
 * copied to the length first read); a revoked Proxy, a throwing getter or trap is one
 * `INVALID_INPUT` with the thrown value as `cause`; anything but an array is `INVALID_INPUT`
 * saying `expected`. Entries are kept as they are; their own parsers snapshot them.
 */
export function readList(
  value: unknown,
  path: string,
  expected = 'expected an array',
  max: number = SNAPSHOT.entries,
): unknown[] {
  try {
    if (!Array.isArray(value)) throw refused(path, expected);
    const length = value.length;
    if (length > max) throw refused(path, `must have at most ${max} entries`);
    const list: unknown[] = new Array(length);
    for (let i = 0; i < length; i++) list[i] = value[i];
    return list;
  } catch (error) {
    if (error instanceof IncidentKitError) throw error;
    throw refused(path, 'reading it threw', error);
  }
}
