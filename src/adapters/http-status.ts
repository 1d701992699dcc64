// One classification of what an HTTP server answered (status, Retry-After), so Slack, Teams,
// PagerDuty, webhooks and trackers retry the same way; and the DELIVERY_FAILED error they raise.
import * as z from 'zod/mini';
import { parseWith } from '../internal/validate.js';
import { EpochMsSchema, IncidentKitError, invalidInput } from '../model/index.js';
import { built, lazySchema } from '../model/lazy.js';

/**
 * How a response status is to be treated.
 *
 * @example
 * ```ts
 * import type { HttpOutcome } from 'incidentkit/adapters';
 * const outcome: HttpOutcome = { kind: 'retry', retryAfterMs: 30_000 };
 * ```
 */
export type HttpOutcome =
  | { readonly kind: 'delivered' }
  | { readonly kind: 'permanent' }
  | { readonly kind: 'retry'; readonly retryAfterMs?: number | undefined };

/** The statuses in 4xx that are worth retrying: timeout, too early, too many requests. */
const RETRYABLE_4XX = new Set([408, 425, 429]);

/** A header value longer than this (an HTTP-date is 29 characters) says nothing usable. */
const HEADER_VALUE_USABLE = 256;

const RetryAfterOptionsSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    now: z.optional(built(EpochMsSchema)),
    date: z.optional(z.nullable(z.string())),
  }),
);

/** A header value argument: a string, `null` or nothing; anything else is INVALID_INPUT. */
function headerArgument(value: unknown, path: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string')
    throw invalidInput(path, 'expected a header value (a string), null or nothing');
  return value;
}

function retryAfterOptions(value: unknown): { now?: number | undefined; date?: string | undefined } {
  const o = parseWith(RetryAfterOptionsSchema, value === undefined ? {} : value, 'options');
  return { now: o.now, date: o.date ?? undefined };
}

// The trusted core of parseRetryAfter: the arguments are already checked.
function retryAfterMsOf(
  value: string | undefined,
  now: number | undefined,
  date: string | undefined,
): number | undefined {
  if (value === undefined || value.length > HEADER_VALUE_USABLE) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds * 1000) ? seconds * 1000 : undefined;
  }
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  const reference =
    now ??
    (date !== undefined && date !== '' && date.length <= HEADER_VALUE_USABLE ? Date.parse(date) : Number.NaN);
  if (Number.isNaN(reference)) return undefined;
  return Math.max(0, at - reference);
}

/**
 * Reads a `Retry-After` header: delay seconds, or an HTTP-date measured against `now` (epoch ms)
 * or, without it, against the response's `Date` header. Undefined when it says nothing usable
 * (including a value longer than 256 characters).
 *
 * @throws IncidentKitError `INVALID_INPUT` when `value` is not a string, `null` or `undefined`, or
 * the options are malformed (`now` outside the epoch-ms range, `date` not a string).
 *
 * @example
 * ```ts
 * import { parseRetryAfter } from 'incidentkit/adapters';
 * parseRetryAfter('120'); // 120000
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', { now: Date.UTC(2026, 9, 21, 7, 28) }); // 30000
 * ```
 */
export function parseRetryAfter(
  value: string | null | undefined,
  options: { readonly now?: number | undefined; readonly date?: string | null | undefined } = {},
): number | undefined {
  const text = headerArgument(value, 'value');
  const o = retryAfterOptions(options);
  return retryAfterMsOf(text, o.now, o.date);
}

// The trusted core of classifyHttpStatus.
export function outcomeOf(
  status: number,
  retryAfter: string | undefined,
  now: number | undefined,
  date: string | undefined,
): HttpOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  if (status >= 400 && status < 500 && !RETRYABLE_4XX.has(status)) return { kind: 'permanent' };
  // 1xx/3xx (fetch follows redirects, so a 3xx here is a redirect it would not follow) and the rest: retry.
  const retryAfterMs = retryAfterMsOf(retryAfter, now, date);
  return retryAfterMs === undefined ? { kind: 'retry' } : { kind: 'retry', retryAfterMs };
}

export function isStatus(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 999;
}

/**
 * How to treat a response: 2xx delivered; 4xx other than 408, 425 and 429 permanent (the request
 * itself is wrong, retrying cannot help); 5xx, 408, 425 and 429 retried, honouring `Retry-After`.
 *
 * @throws IncidentKitError `INVALID_INPUT` when `status` is not an integer from 100 to 999, or
 * `retryAfter` or the options are malformed (as for {@link parseRetryAfter}).
 *
 * @example
 * ```ts
 * import { classifyHttpStatus } from 'incidentkit/adapters';
 * classifyHttpStatus(404).kind; // 'permanent'
 * classifyHttpStatus(429, '7'); // { kind: 'retry', retryAfterMs: 7000 }
 * ```
 */
export function classifyHttpStatus(
  status: number,
  retryAfter?: string | null,
  options: { readonly now?: number | undefined; readonly date?: string | null | undefined } = {},
): HttpOutcome {
  if (!isStatus(status)) throw invalidInput('status', 'expected an HTTP status (an integer from 100 to 999)');
  const text = headerArgument(retryAfter, 'retryAfter');
  const o = retryAfterOptions(options);
  return outcomeOf(status, text, o.now, o.date);
}

/**
 * A `DELIVERY_FAILED` error as the deliverer reads it: `permanent` is dead-lettered at once,
 * `retryAfterMs` sets the next attempt's delay.
 *
 * @example
 * ```ts
 * import { deliveryFailed } from 'incidentkit/adapters';
 * deliveryFailed('slack answered 404', { target: 'slack', status: 404, permanent: true }).details.permanent; // true
 * ```
 */
export function deliveryFailed(
  reason: string,
  details: {
    readonly target?: string | undefined;
    readonly status?: number | undefined;
    readonly permanent?: boolean | undefined;
    readonly retryAfterMs?: number | undefined;
    readonly incidentId?: string | undefined;
    readonly eventId?: string | undefined;
    readonly cause?: unknown;
  } = {},
): IncidentKitError<'DELIVERY_FAILED'> {
  return new IncidentKitError('DELIVERY_FAILED', reason, details);
}
