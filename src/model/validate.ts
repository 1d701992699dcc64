import type * as z from 'zod/mini';
import { IncidentKitError, type IncidentKitIssue } from './errors.js';

interface RawIssue {
  readonly code?: string;
  readonly path?: readonly PropertyKey[];
  readonly message?: string;
  readonly expected?: string;
  readonly maximum?: number | bigint;
  readonly minimum?: number | bigint;
  readonly origin?: string;
  readonly keys?: readonly string[];
  readonly values?: readonly unknown[];
  readonly options?: readonly unknown[];
  readonly discriminator?: string;
  readonly errors?: readonly (readonly RawIssue[])[];
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

// zod/mini ships without a locale (a locale would ride in every user's bundle), so the wording is ours.
function describe(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected ?? 'another type'}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${String(issue.maximum)} characters`
        : issue.origin === 'array'
          ? `must have at most ${String(issue.maximum)} entries`
          : `must be at most ${String(issue.maximum)}`;
    case 'too_small':
      return issue.origin === 'string'
        ? Number(issue.minimum) <= 1
          ? 'must not be empty'
          : `must be at least ${String(issue.minimum)} characters`
        : issue.origin === 'array'
          ? `must have at least ${String(issue.minimum)} entries`
          : `must be at least ${String(issue.minimum)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys && issue.keys.length > 1 ? 's' : ''} ${(issue.keys ?? []).map((k) => `"${k}"`).join(', ')}`;
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
    // A union of objects reports each branch; the first branch's detail is the useful one.
    if (issue.code === 'invalid_union' && !issue.discriminator && issue.errors && issue.errors.length > 0) {
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

/**
 * Validates `value` with `schema`; throws INVALID_INPUT naming every bad field under `root`.
 * Never lets a ZodError (or anything else) escape.
 */
export function parseWith<S extends z.ZodMiniType>(schema: S, value: unknown, root: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data as z.output<S>;
  throw invalidIssues(toIssues(root, result.error.issues as readonly RawIssue[]));
}
