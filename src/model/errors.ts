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

/** Extra detail a rejection carries so hosts can act on it without parsing the message. */
export interface IncidentKitErrorDetails {
  readonly issues?: readonly IncidentKitIssue[];
  readonly incidentId?: string;
  readonly phase?: string;
  readonly eventType?: string;
  readonly requirement?: string;
  readonly cause?: unknown;
}

// A registered symbol, so the brand survives two copies of the package in one process.
const BRAND = Symbol.for('incidentkit.IncidentKitError');

/**
 * The only error incidentkit throws. `code` is stable; `issues` names every bad field of an input.
 *
 * @example
 * ```ts
 * import { IncidentKitError } from 'incidentkit';
 * const error = new IncidentKitError('NOT_FOUND', 'no incident inc_1');
 * error.code; // 'NOT_FOUND'
 * ```
 */
export class IncidentKitError extends Error {
  readonly code: IncidentKitErrorCode;
  readonly issues: readonly IncidentKitIssue[];
  readonly incidentId: string | undefined;
  readonly phase: string | undefined;
  readonly eventType: string | undefined;
  readonly requirement: string | undefined;

  constructor(code: IncidentKitErrorCode, message: string, details: IncidentKitErrorDetails = {}) {
    super(`${code}: ${message}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'IncidentKitError';
    this.code = code;
    this.issues = details.issues ?? [];
    this.incidentId = details.incidentId;
    this.phase = details.phase;
    this.eventType = details.eventType;
    this.requirement = details.requirement;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * True for an {@link IncidentKitError}, including one thrown by another copy of the package
 * (where `instanceof` would say no).
 *
 * @example
 * ```ts
 * import { isIncidentKitError } from 'incidentkit';
 * try { JSON.parse('{'); } catch (e) { isIncidentKitError(e); } // false
 * ```
 */
export function isIncidentKitError(value: unknown): value is IncidentKitError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value instanceof IncidentKitError || (value as Record<PropertyKey, unknown>)[BRAND] === true)
  );
}

/**
 * Shorthand for an `INVALID_INPUT` error naming one field.
 *
 * @example
 * ```ts
 * import { invalidInput } from 'incidentkit';
 * throw invalidInput('event.at', 'must not be negative');
 * ```
 */
export function invalidInput(path: string, message: string): IncidentKitError {
  return new IncidentKitError('INVALID_INPUT', `${path}: ${message}`, { issues: [{ path, message }] });
}
