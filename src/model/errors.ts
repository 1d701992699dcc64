/**
 * The stable error codes of incidentkit. Hosts branch on these, never on messages.
 *
 * @example
 * ```ts
 * import { ERROR_CODES } from 'incidentkit';
 * ERROR_CODES.includes('GUARD_REJECTED'); // true
 * ```
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'OUT_OF_ORDER',
  'INVALID_TRANSITION',
  'GUARD_REJECTED',
  'NOT_FOUND',
  'CONCURRENCY_CONFLICT',
  'DELIVERY_FAILED',
  'POLICY_MISMATCH',
  'DUPLICATE_EVENT_ID',
  'INTERNAL',
] as const;

/**
 * One of {@link ERROR_CODES}.
 *
 * @example
 * ```ts
 * import type { IncidentKitErrorCode } from 'incidentkit';
 * const code: IncidentKitErrorCode = 'NOT_FOUND';
 * ```
 */
export type IncidentKitErrorCode = (typeof ERROR_CODES)[number];

/**
 * One problem with an input: where (`path`, dotted with `[i]` for array positions) and what.
 *
 * @example
 * ```ts
 * import type { IncidentKitIssue } from 'incidentkit';
 * const issue: IncidentKitIssue = { path: 'event.at', message: 'an ISO string needs an offset or Z' };
 * ```
 */
export interface IncidentKitIssue {
  readonly path: string;
  readonly message: string;
}

/** Where an error happened: which incident, in which phase, for which event. Every code may carry it. */
export interface IncidentKitErrorContext {
  readonly incidentId?: string | undefined;
  readonly phase?: string | undefined;
  readonly eventType?: string | undefined;
  /** The id of the event (or outbox row, or command) the error is about, when there is one. */
  readonly eventId?: string | undefined;
}

/**
 * The details each code carries, keyed by code (like zod's issue union): a host reads
 * `error.details.missingRoles` after narrowing with `isIncidentKitError(e, 'GUARD_REJECTED')`.
 */
export interface IncidentKitErrorDetailsByCode {
  /** Malformed data; `issues` names each bad field. */
  readonly INVALID_INPUT: IncidentKitErrorContext;
  /** A milestone event timed before the latest milestone, or a correction that breaks the chain. */
  readonly OUT_OF_ORDER: IncidentKitErrorContext & {
    /** The milestone the event may not precede (e.g. `'triagedAt'`), when one is named. */
    readonly latestMilestone?: string | undefined;
    /** Epoch ms of that milestone. */
    readonly latestAt: number;
    /** Epoch ms the event (or the corrected milestone) is timed at. */
    readonly at: number;
  };
  /** The event type is not accepted in this phase. */
  readonly INVALID_TRANSITION: IncidentKitErrorContext & { readonly allowed: readonly string[] };
  /** Allowed in this phase, but a policy requirement is unmet. */
  readonly GUARD_REJECTED: IncidentKitErrorContext & {
    /** The unmet requirement: `'requiredRoles'`, `'postmortemRequired'`, `'actionItemOwners'`, … */
    readonly requirement: string;
    /** The roles nobody holds, when roles are what is missing. */
    readonly missingRoles?: readonly string[] | undefined;
  };
  /** An unknown incident, action item, outbox row, or a role nobody holds. */
  readonly NOT_FOUND: IncidentKitErrorContext & {
    readonly resource?: string | undefined;
    readonly key?: string | undefined;
  };
  /** A stale `expectedVersion`; nothing was written. */
  readonly CONCURRENCY_CONFLICT: IncidentKitErrorContext & {
    readonly expectedVersion: number;
    readonly actualVersion: number;
  };
  /** A notifier or tracker could not deliver. `permanent` ones are not retried. */
  readonly DELIVERY_FAILED: IncidentKitErrorContext & {
    readonly target?: string | undefined;
    readonly permanent?: boolean | undefined;
    readonly retryAfterMs?: number | undefined;
    readonly status?: number | undefined;
  };
  /** Deciding with a policy whose id differs from the one the incident was declared under. */
  readonly POLICY_MISMATCH: IncidentKitErrorContext & {
    readonly expectedPolicyId: string;
    readonly actualPolicyId: string;
  };
  /** An event id already applied with different content. */
  readonly DUPLICATE_EVENT_ID: IncidentKitErrorContext & { readonly eventId: string };
  /** A bug in incidentkit, never bad input: please report it. */
  readonly INTERNAL: IncidentKitErrorContext;
}

/**
 * The details of one code.
 *
 * @example
 * ```ts
 * import type { IncidentKitErrorDetails } from 'incidentkit';
 * const details: IncidentKitErrorDetails<'CONCURRENCY_CONFLICT'> = { expectedVersion: 3, actualVersion: 4 };
 * ```
 */
export type IncidentKitErrorDetails<C extends IncidentKitErrorCode = IncidentKitErrorCode> =
  IncidentKitErrorDetailsByCode[C];

/** What the constructor takes beside code and reason: the code's details, issues, and a cause. */
export type IncidentKitErrorInit<C extends IncidentKitErrorCode = IncidentKitErrorCode> =
  IncidentKitErrorDetails<C> & {
    readonly issues?: readonly IncidentKitIssue[] | undefined;
    readonly cause?: unknown;
  };

/** The constructor's arguments: details are required for the codes whose details have required fields. */
export type IncidentKitErrorArgs = {
  // Optional details when every field of the code's details is optional (then `{}` is assignable).
  [C in IncidentKitErrorCode]: Record<string, never> extends IncidentKitErrorDetails<C>
    ? [code: C, reason: string, init?: IncidentKitErrorInit<C>]
    : [code: C, reason: string, init: IncidentKitErrorInit<C>];
}[IncidentKitErrorCode];

/** The stable JSON form of an error, for hosts that return errors over HTTP. */
export interface IncidentKitErrorJSON<C extends IncidentKitErrorCode = IncidentKitErrorCode> {
  readonly name: 'IncidentKitError';
  readonly code: C;
  readonly reason: string;
  readonly issues: readonly IncidentKitIssue[];
  readonly details: IncidentKitErrorDetails<C>;
}

// A registered symbol, so the brand survives two copies of the package in one process.
const BRAND = Symbol.for('incidentkit.IncidentKitError');

function safeString(value: unknown, fallback: string): string {
  try {
    return typeof value === 'string' ? value : fallback;
  } catch {
    return fallback;
  }
}

// Bounds on what the constructor copies from a caller's init, so that no argument (a 10 MB string,
// a sparse issues list of 2³²−1, a Proxy whose length grows) can make building the error itself
// hang or run out of memory. Real errors carry a handful of each.
const MAX_DETAIL_KEYS = 64;
const MAX_ISSUES = 1_000;

function plainDetails(init: unknown): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  // Only a plain object carries details: a string or an array would spread into index keys.
  if (typeof init !== 'object' || init === null || Array.isArray(init)) return details;
  const keys = Object.keys(init);
  for (let k = 0; k < keys.length && k < MAX_DETAIL_KEYS; k++) {
    const key = keys[k]!;
    if (key === 'issues' || key === 'cause' || key === '__proto__') continue;
    const value = (init as Record<string, unknown>)[key];
    if (value !== undefined) details[key] = value;
  }
  return details;
}

function plainIssues(raw: unknown): IncidentKitIssue[] {
  if (!Array.isArray(raw)) return [];
  // The length is read once: a Proxy whose length grows cannot keep the loop going.
  const length = Math.min(raw.length, MAX_ISSUES);
  const issues: IncidentKitIssue[] = [];
  for (let i = 0; i < length; i++) {
    const issue = raw[i] as { path?: unknown; message?: unknown } | null | undefined;
    if (typeof issue !== 'object' || issue === null) continue;
    issues.push({ path: safeString(issue.path, ''), message: safeString(issue.message, '') });
  }
  return issues;
}

/**
 * The only error incidentkit throws. `code` is stable; `reason` is the sentence (the `message`,
 * which never repeats the code, so hosts print `${e.code}: ${e.message}`); `issues` names every bad
 * field of an input; `details` holds the code's structured data.
 *
 * @example
 * ```ts
 * import { IncidentKitError } from 'incidentkit';
 * const error = new IncidentKitError('CONCURRENCY_CONFLICT', 'INC-1 is at version 4, not 3', {
 *   incidentId: 'INC-1', expectedVersion: 3, actualVersion: 4,
 * });
 * `${error.code}: ${error.message}`; // 'CONCURRENCY_CONFLICT: INC-1 is at version 4, not 3'
 * ```
 */
export class IncidentKitError<C extends IncidentKitErrorCode = IncidentKitErrorCode> extends Error {
  readonly code: C;
  readonly reason: string;
  readonly issues: readonly IncidentKitIssue[];
  readonly details: IncidentKitErrorDetails<C>;
  /** Shorthand for `details.incidentId`. */
  readonly incidentId: string | undefined;
  /** Shorthand for `details.phase`. */
  readonly phase: string | undefined;
  /** Shorthand for `details.eventType`. */
  readonly eventType: string | undefined;
  /** Shorthand for `details.requirement` (GUARD_REJECTED). */
  readonly requirement: string | undefined;

  constructor(...args: IncidentKitErrorArgs) {
    const [rawCode, rawReason, init] = args;
    const code = (ERROR_CODES as readonly string[]).includes(rawCode) ? rawCode : 'INTERNAL';
    const reason = safeString(rawReason, 'unknown error');
    let cause: unknown;
    let issues: IncidentKitIssue[] = [];
    let details: Record<string, unknown> = {};
    try {
      const given: unknown = init;
      if (typeof given === 'object' && given !== null && !Array.isArray(given)) {
        const record = given as { cause?: unknown; issues?: unknown };
        cause = record.cause;
        issues = plainIssues(record.issues);
        details = plainDetails(given);
      }
    } catch {
      // A hostile init (a throwing getter): keep the error itself constructible.
    }
    super(reason, cause === undefined ? undefined : { cause });
    this.name = 'IncidentKitError';
    this.code = code as C;
    this.reason = reason;
    this.issues = code === 'INVALID_INPUT' && issues.length === 0 ? [{ path: '', message: reason }] : issues;
    this.details = details as unknown as IncidentKitErrorDetails<C>;
    this.incidentId = typeof details.incidentId === 'string' ? details.incidentId : undefined;
    this.phase = typeof details.phase === 'string' ? details.phase : undefined;
    this.eventType = typeof details.eventType === 'string' ? details.eventType : undefined;
    this.requirement = typeof details.requirement === 'string' ? details.requirement : undefined;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** `{ name, code, reason, issues, details }`, stable across versions. */
  toJSON(): IncidentKitErrorJSON<C> {
    return {
      name: 'IncidentKitError',
      code: this.code,
      reason: this.reason,
      issues: this.issues,
      details: this.details,
    };
  }
}

/**
 * True for an {@link IncidentKitError}, including one thrown by another copy of the package
 * (where `instanceof` would say no); with `code`, true only for that code, narrowing `details`.
 * Never throws, whatever it is given.
 *
 * @example
 * ```ts
 * import { isIncidentKitError } from 'incidentkit';
 * try { JSON.parse('{'); } catch (e) { isIncidentKitError(e); } // false
 * ```
 */
export function isIncidentKitError<C extends IncidentKitErrorCode = IncidentKitErrorCode>(
  value: unknown,
  code?: C,
): value is IncidentKitError<C> {
  try {
    if (typeof value !== 'object' || value === null) return false;
    const branded =
      value instanceof IncidentKitError || (value as Record<PropertyKey, unknown>)[BRAND] === true;
    return branded && (code === undefined || (value as { code?: unknown }).code === code);
  } catch {
    return false;
  }
}

/**
 * Shorthand for an `INVALID_INPUT` error naming one field.
 *
 * @example
 * ```ts
 * import { invalidInput } from 'incidentkit';
 * const error = invalidInput('event.at', 'must not be negative');
 * error.message; // 'event.at: must not be negative'
 * ```
 */
export function invalidInput(path: string, message: string): IncidentKitError<'INVALID_INPUT'> {
  const p = safeString(path, '');
  const m = safeString(message, 'is invalid');
  return new IncidentKitError('INVALID_INPUT', p === '' ? m : `${p}: ${m}`, {
    issues: [{ path: p, message: m }],
  });
}

/** Where to place an error as it travels outward: an index into a list, an incident, an event. */
export interface ErrorPlacement extends IncidentKitErrorContext {
  /**
   * The path of the thing that failed as the caller sees it (`'events[3]'`). Issue paths that
   * start with `from` (default `'event'`) are re-rooted onto it.
   */
  readonly at?: string | undefined;
  /** The root the inner function named its issues from (default `'event'`). */
  readonly from?: string | undefined;
}

const PLACEMENT_FIELDS = ['at', 'from', 'incidentId', 'phase', 'eventType', 'eventId'] as const;

/**
 * The placement's known fields, each read once: strings of at most 500 characters, or absent. A
 * placement that is not a plain object adds nothing (a string would spread into one key per
 * character); a field of another type, or a getter that throws, is INVALID_INPUT.
 */
function readPlacement(placement: unknown): ErrorPlacement {
  const out: Record<string, string> = {};
  if (typeof placement !== 'object' || placement === null) return out;
  for (const key of PLACEMENT_FIELDS) {
    let value: unknown;
    try {
      if (Array.isArray(placement)) return {};
      value = (placement as Record<string, unknown>)[key];
    } catch (cause) {
      throw new IncidentKitError('INVALID_INPUT', `placement.${key}: reading it threw`, {
        issues: [{ path: `placement.${key}`, message: 'reading it threw' }],
        cause,
      });
    }
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length > 500)
      throw invalidInput(`placement.${key}`, 'expected a string of at most 500 characters');
    out[key] = value;
  }
  return out;
}

function rebase(path: string, from: string, to: string): string {
  if (path === from) return to;
  if (path.startsWith(`${from}.`) || path.startsWith(`${from}[`)) return to + path.slice(from.length);
  return path;
}

/**
 * The same error placed in its caller's context: the reason gains `events[3]: ` or `cannot NOTE
 * INC-1 (phase triage): `, issue paths are re-rooted, and the context fills details the error did
 * not already have. The code and details stay; the original is the `cause`.
 *
 * @example
 * ```ts
 * import { invalidInput, withErrorContext } from 'incidentkit';
 * const error = withErrorContext(invalidInput('event.at', 'has no offset'), { at: 'events[3]' });
 * error.issues[0]?.path; // 'events[3].at'
 * ```
 */
export function withErrorContext<C extends IncidentKitErrorCode>(
  error: IncidentKitError<C>,
  placement: ErrorPlacement,
): IncidentKitError<C> {
  if (!isIncidentKitError(error)) throw invalidInput('error', 'expected an IncidentKitError');
  const { at, from = 'event', ...context } = readPlacement(placement);
  const details = error.details as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...details };
  for (const [key, value] of Object.entries(context))
    if (merged[key] === undefined && value !== undefined) merged[key] = value;
  let reason = error.reason;
  const alreadyPlaced = details.incidentId !== undefined && details.eventType !== undefined;
  if (!alreadyPlaced && context.incidentId !== undefined && context.eventType !== undefined) {
    const phase = context.phase === undefined ? '' : ` (phase ${context.phase})`;
    // "cannot ACKNOWLEDGE INC-1", or, when the event has no readable type, "cannot apply the event to INC-1".
    const what = context.eventType === 'event' ? 'apply the event to' : context.eventType;
    reason = `cannot ${what} ${context.incidentId}${phase}: ${reason}`;
  }
  if (at !== undefined) reason = `${at}: ${reason}`;
  const issues =
    at === undefined
      ? error.issues
      : error.issues.map((i) => ({ path: rebase(i.path, from, at), message: i.message }));
  const args = [error.code, reason, { ...merged, issues, cause: error }] as unknown as IncidentKitErrorArgs;
  // The placed error is thrown from where the original was caught, so its own stack would only
  // repeat the original's outer frames: it takes the original's stack (under its own message)
  // instead of capturing a new one, which is most of the cost of building it.
  // V8's `Error.stackTraceLimit` (not in the ES types; absent elsewhere, where this changes nothing).
  const v8 = Error as unknown as { stackTraceLimit?: number };
  const limit = v8.stackTraceLimit;
  let placed: IncidentKitError<C>;
  try {
    if (limit !== undefined) v8.stackTraceLimit = 0;
    placed = new IncidentKitError(...args) as IncidentKitError<C>;
  } finally {
    if (limit !== undefined) v8.stackTraceLimit = limit;
  }
  let stack: string | undefined;
  Object.defineProperty(placed, 'stack', {
    configurable: true,
    enumerable: false,
    get() {
      if (stack === undefined) {
        const inner = typeof error.stack === 'string' ? error.stack : '';
        const frames = inner.indexOf('\n    at ');
        stack = `IncidentKitError: ${placed.message}${frames >= 0 ? inner.slice(frames) : ''}`;
      }
      return stack;
    },
    set(value: unknown) {
      stack = String(value);
    },
  });
  return placed;
}

/**
 * For a branch the types prove impossible: throws `INTERNAL` (a bug, never bad input).
 *
 * @example
 * ```ts
 * import { unreachable } from 'incidentkit';
 * type Kind = 'a' | 'b';
 * function label(kind: Kind): string {
 *   switch (kind) {
 *     case 'a': return 'A';
 *     case 'b': return 'B';
 *     default: return unreachable(kind);
 *   }
 * }
 * label('a'); // 'A'
 * ```
 */
export function unreachable(value: never, whatGiven = 'value'): never {
  const what = safeString(whatGiven, 'value').slice(0, 80);
  let shown: string;
  try {
    shown =
      typeof value === 'string' ? (value as string).slice(0, 80) : (JSON.stringify(value) ?? String(value));
  } catch {
    shown = typeof value;
  }
  throw new IncidentKitError(
    'INTERNAL',
    `unexpected ${what} ${shown.slice(0, 80)}: this is a bug in incidentkit`,
  );
}
