// One HTTP path for every notifier and tracker: a request with a timeout, and one classification
// of what came back, so Slack, Teams, PagerDuty, webhooks and trackers retry the same way.
import { IncidentKitError, isIncidentKitError } from '../model/index.js';
import type { AbortSignalLike, FetchLike, FetchResponseLike } from './web.js';

/**
 * The default time a request may take before it is abandoned and retried (10 s).
 *
 * @example
 * ```ts
 * import { DEFAULT_HTTP_TIMEOUT_MS } from 'incidentkit/adapters';
 * DEFAULT_HTTP_TIMEOUT_MS; // 10000
 * ```
 */
export const DEFAULT_HTTP_TIMEOUT_MS = 10_000;

/**
 * Options of {@link httpRequest} and {@link postJson}.
 *
 * @example
 * ```ts
 * import type { HttpRequestOptions } from 'incidentkit/adapters';
 * const options: HttpRequestOptions = { timeoutMs: 5_000, target: 'webhook' };
 * ```
 */
export interface HttpRequestOptions {
  /** `'POST'` by default. */
  readonly method?: string | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly body?: string | undefined;
  /** The fetch to use (default: the global `fetch`, looked up at call time so tests can replace it). */
  readonly fetch?: FetchLike | undefined;
  /** Abandon the request after this long (default {@link DEFAULT_HTTP_TIMEOUT_MS}); it is then retried. */
  readonly timeoutMs?: number | undefined;
  /** Aborts the request early (the deliverer's lease is running out, or the host is stopping). */
  readonly signal?: AbortSignalLike | undefined;
  /**
   * The caller's clock (epoch ms), to turn a `Retry-After` HTTP-date into a delay. Without it the
   * response's own `Date` header is the reference, so no local clock is read.
   */
  readonly now?: number | undefined;
  /** Who is being called (`'slack'`, `'webhook'`…), named in errors as `details.target`. */
  readonly target?: string | undefined;
}

/**
 * What came back from a request that succeeded (a 2xx status).
 *
 * @example
 * ```ts
 * import type { HttpDeliveryResponse } from 'incidentkit/adapters';
 * const response: HttpDeliveryResponse = { status: 200, headers: { get: () => null }, text: '{"ok":true}' };
 * ```
 */
export interface HttpDeliveryResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  /** The response body as text. */
  readonly text: string;
}

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

interface TimerGlobals {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  AbortController?: new () => { readonly signal: AbortSignalLike; abort(reason?: unknown): void };
  fetch?: FetchLike | undefined;
}

const globals = globalThis as unknown as TimerGlobals;

/** The statuses in 4xx that are worth retrying: timeout, too early, too many requests. */
const RETRYABLE_4XX = new Set([408, 425, 429]);

/**
 * Reads a `Retry-After` header: delay seconds, or an HTTP-date measured against `now` (epoch ms)
 * or, without it, against the response's `Date` header. Undefined when it says nothing usable.
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
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds * 1000) ? seconds * 1000 : undefined;
  }
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  const reference = options.now ?? (options.date ? Date.parse(options.date) : Number.NaN);
  if (Number.isNaN(reference)) return undefined;
  return Math.max(0, at - reference);
}

/**
 * How to treat a response: 2xx delivered; 4xx other than 408, 425 and 429 permanent (the request
 * itself is wrong, retrying cannot help); 5xx, 408, 425 and 429 retried, honouring `Retry-After`.
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
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  if (status >= 400 && status < 500 && !RETRYABLE_4XX.has(status)) return { kind: 'permanent' };
  // 1xx/3xx (fetch follows redirects, so a 3xx here is a redirect it would not follow) and the rest: retry.
  const retryAfterMs = parseRetryAfter(retryAfter, options);
  return retryAfterMs === undefined ? { kind: 'retry' } : { kind: 'retry', retryAfterMs };
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

/**
 * Sends one HTTP request with a timeout and classifies the answer: resolves with the response on
 * 2xx; otherwise throws `DELIVERY_FAILED` with `status`, `permanent` (4xx other than 408, 425,
 * 429) or `retryAfterMs` (from `Retry-After`). A timeout, an abort and a network error (refused,
 * reset, closed socket) throw a retryable `DELIVERY_FAILED` without `status`.
 *
 * @param url - the endpoint.
 * @param options - method, headers, body, fetch, timeout, abort signal, clock, target name.
 * @returns the 2xx response with its body read as text.
 * @throws IncidentKitError `DELIVERY_FAILED`.
 *
 * @example
 * ```ts
 * import { httpRequest } from 'incidentkit/adapters';
 * const fetch = async () => ({ status: 204, ok: true, headers: { get: () => null }, text: async () => '' });
 * (await httpRequest('https://hooks.example.com/x', { body: '{}', fetch })).status; // 204
 * ```
 */
export async function httpRequest(
  url: string,
  options: HttpRequestOptions = {},
): Promise<HttpDeliveryResponse> {
  const target = options.target ?? 'http';
  const fetch = options.fetch ?? globals.fetch;
  if (fetch === undefined) {
    throw new IncidentKitError('INTERNAL', 'this runtime has no global fetch; pass `fetch` in the options');
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const Controller = globals.AbortController;
  const controller = Controller === undefined ? undefined : new Controller();
  let timedOut = false;
  let expire: (error: IncidentKitError) => void = () => {};
  // Race the fetch against the timer too: a fetch that ignores its signal still ends on time.
  const timeout = new Promise<never>((_, reject) => {
    expire = reject;
  });
  timeout.catch(() => {});
  const timer = globals.setTimeout(() => {
    timedOut = true;
    controller?.abort();
    expire(deliveryFailed(`${target}: no answer within ${timeoutMs} ms`, { target }));
  }, timeoutMs);
  const outer = options.signal;
  const onAbort = () => {
    controller?.abort(outer?.reason);
    expire(deliveryFailed(`${target}: the send was aborted`, { target }));
  };
  if (outer !== undefined) {
    if (outer.aborted) onAbort();
    else outer.addEventListener('abort', onAbort, { once: true });
  }
  let response: FetchResponseLike;
  let text: string;
  try {
    response = await Promise.race([
      fetch(url, {
        method: options.method ?? 'POST',
        headers: { ...(options.headers ?? {}) },
        ...(options.body === undefined ? {} : { body: options.body }),
        ...(controller === undefined ? {} : { signal: controller.signal }),
      }),
      timeout,
    ]);
    text = await Promise.race([response.text(), timeout]);
  } catch (error) {
    if (isIncidentKitError(error)) throw error;
    if (timedOut)
      throw deliveryFailed(`${target}: no answer within ${timeoutMs} ms`, { target, cause: error });
    if (outer?.aborted) throw deliveryFailed(`${target}: the send was aborted`, { target, cause: error });
    throw deliveryFailed(`${target}: network error (${describeCause(error)})`, { target, cause: error });
  } finally {
    globals.clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
  const retryAfter = response.headers.get('retry-after');
  const outcome = classifyHttpStatus(response.status, retryAfter, {
    ...(options.now === undefined ? {} : { now: options.now }),
    date: response.headers.get('date'),
  });
  switch (outcome.kind) {
    case 'delivered':
      return { status: response.status, headers: response.headers, text };
    case 'permanent':
      throw deliveryFailed(`${target} answered ${response.status}${excerpt(text)}: not retried`, {
        target,
        status: response.status,
        permanent: true,
      });
    case 'retry':
      throw deliveryFailed(`${target} answered ${response.status}${excerpt(text)}`, {
        target,
        status: response.status,
        ...(outcome.retryAfterMs === undefined ? {} : { retryAfterMs: outcome.retryAfterMs }),
      });
  }
}

/**
 * POSTs a JSON body (`content-type: application/json`) through {@link httpRequest}.
 *
 * @example
 * ```ts
 * import { postJson } from 'incidentkit/adapters';
 * const fetch = async () => ({ status: 200, ok: true, headers: { get: () => null }, text: async () => 'ok' });
 * (await postJson('https://hooks.example.com/x', { text: 'hi' }, { fetch })).text; // 'ok'
 * ```
 */
export function postJson(
  url: string,
  payload: unknown,
  options: Omit<HttpRequestOptions, 'body' | 'method'> = {},
): Promise<HttpDeliveryResponse> {
  return httpRequest(url, {
    ...options,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.headers ?? {}) },
    body: JSON.stringify(payload),
  });
}

function excerpt(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  return clean === '' ? '' : ` (${clean})`;
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message.slice(0, 200) : 'unknown';
}
