// One HTTP path for every notifier and tracker: a request with a timeout, and one classification
// of what came back, so Slack, Teams, PagerDuty, webhooks and trackers retry the same way. The
// option schemas every HTTP adapter shares (URL, timeout, fetch, headers) live here too.
import * as z from 'zod/mini';
import { parseWith, readOptions, snapshotInput } from '../internal/validate.js';
import { EpochMsSchema, IncidentKitError, invalidInput, isIncidentKitError } from '../model/index.js';
import { type AbortSignalLike, type AbortWatch, type FetchLike, watchSignal } from './web.js';

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

/** The longest URL an adapter sends to (what common servers accept in a request line). */
const URL_MAX = 8_192;
/** The longest delay a timer can wait (2³¹−1 ms); a longer one fires at once. */
const TIMER_MAX_MS = 2_147_483_647;
/** A header value longer than this (an HTTP-date is 29 characters) says nothing usable. */
const HEADER_VALUE_USABLE = 256;

/** A check that `pattern` matches, failing with `message` (which the error then quotes). */
export function matching(pattern: RegExp, message: string) {
  return z.refine<string>((value) => pattern.test(value), message);
}

/** An `http:` or `https:` URL without whitespace, at most 8,192 characters. */
export const HttpUrlSchema = /*#__PURE__*/ z
  .string()
  .check(z.maxLength(URL_MAX), matching(/^https?:\/\/[^\s]+$/i, 'must be an http(s) URL'));
/** A request timeout: a positive integer of ms a timer can wait. */
export const TimeoutMsSchema = /*#__PURE__*/ z.number().check(z.int(), z.positive(), z.lte(TIMER_MAX_MS));
/** A `fetch` override. */
export const FetchSchema = /*#__PURE__*/ z.custom<FetchLike>(
  (v) => typeof v === 'function',
  'expected a function',
);
/** Extra request headers: token names, values without CR, LF or NUL (no header injection). */
export const HeadersSchema = /*#__PURE__*/ z.record(
  z.string().check(matching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/, 'must be a header name')),
  z.string().check(z.maxLength(16_384), matching(/^[^\r\n\0]*$/, 'must not contain CR, LF or NUL')),
);
/** A notifier's or target's name: what routes, outbox rows and error messages call it. */
export const AdapterNameSchema = /*#__PURE__*/ z.string().check(z.minLength(1), z.maxLength(100));

/** `url` without its trailing slashes (in one pass from the end: no pattern to backtrack). */
export function trimTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url.charCodeAt(end - 1) === 0x2f) end--;
  return url.slice(0, end);
}

const RetryAfterOptionsSchema = /*#__PURE__*/ z.object({
  now: z.optional(EpochMsSchema),
  date: z.optional(z.nullable(z.string())),
});

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
function outcomeOf(
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

function isStatus(value: unknown): value is number {
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

const RequestOptionsSchema = /*#__PURE__*/ z.object({
  method: z.optional(z.string().check(matching(/^[A-Za-z]{1,16}$/, 'must be an HTTP method'))),
  headers: z.optional(HeadersSchema),
  body: z.optional(z.string()),
  fetch: z.optional(FetchSchema),
  timeoutMs: z.optional(TimeoutMsSchema),
  now: z.optional(EpochMsSchema),
  target: z.optional(AdapterNameSchema),
});

/** A request with every option read and checked once. */
interface RequestPlan {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  readonly fetch: FetchLike | undefined;
  readonly timeoutMs: number;
  readonly signal: unknown;
  readonly now: number | undefined;
  readonly target: string;
}

function planRequest(url: unknown, options: unknown): RequestPlan {
  const href = parseWith(HttpUrlSchema, url, 'url');
  const raw = readOptions(options, 'options') ?? {};
  if (Array.isArray(raw)) throw invalidInput('options', 'expected an options object or nothing');
  // The signal is live (its `aborted` flips later): it is watched, not copied.
  const { signal, ...rest } = raw;
  const o = parseWith(RequestOptionsSchema, rest, 'options');
  return {
    url: href,
    method: o.method ?? 'POST',
    headers: o.headers ?? {},
    body: o.body,
    fetch: o.fetch,
    timeoutMs: o.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS,
    signal,
    now: o.now,
    target: o.target ?? 'http',
  };
}

/** What came back, read once from the fetch's response. */
interface Answer {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  readonly text: string;
}

/** Reads a fetch's response once; something that is not a response is a retryable failure. */
function responseOf(
  value: unknown,
  target: string,
): { status: number; headers: Answer['headers']; text: () => unknown } {
  const notResponse = (cause?: unknown) =>
    deliveryFailed(`${target}: fetch resolved to something that is not a response`, { target, cause });
  if (typeof value !== 'object' || value === null) throw notResponse();
  let status: unknown;
  let headers: unknown;
  let text: unknown;
  let get: unknown;
  try {
    ({ status, headers, text } = value as Record<string, unknown>);
    get =
      typeof headers === 'object' && headers !== null ? (headers as Record<string, unknown>).get : undefined;
  } catch (error) {
    throw notResponse(error);
  }
  if (!isStatus(status) || typeof text !== 'function' || typeof get !== 'function') throw notResponse();
  const read = get;
  return {
    status,
    headers: {
      get(name) {
        try {
          const v: unknown = read.call(headers, name);
          return typeof v === 'string' ? v : null;
        } catch {
          // A fetch whose headers cannot be read answers no header (what a missing one means).
          return null;
        }
      },
    },
    text: () => text.call(value),
  };
}

/** Sends one planned request; resolves with whatever status came back, throws only on no answer. */
async function exchange(plan: RequestPlan): Promise<Answer> {
  const { target, timeoutMs } = plan;
  const fetch = plan.fetch ?? globals.fetch;
  if (fetch === undefined) {
    throw new IncidentKitError('INTERNAL', 'this runtime has no global fetch; pass `fetch` in the options');
  }
  const outer: AbortWatch | undefined = watchSignal(plan.signal, 'options.signal');
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
  const stopWatching = outer?.onAbort(() => {
    controller?.abort(outer.reason);
    expire(deliveryFailed(`${target}: the send was aborted`, { target }));
  });
  try {
    const response = responseOf(
      await Promise.race([
        fetch(plan.url, {
          method: plan.method,
          headers: { ...plan.headers },
          ...(plan.body === undefined ? {} : { body: plan.body }),
          ...(controller === undefined ? {} : { signal: controller.signal }),
        }),
        timeout,
      ]),
      target,
    );
    const text: unknown = await Promise.race([response.text(), timeout]);
    if (typeof text !== 'string')
      throw deliveryFailed(`${target}: the response body is not text`, { target, status: response.status });
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    if (isIncidentKitError(error)) throw error;
    if (timedOut)
      throw deliveryFailed(`${target}: no answer within ${timeoutMs} ms`, { target, cause: error });
    if (outer?.aborted) throw deliveryFailed(`${target}: the send was aborted`, { target, cause: error });
    throw deliveryFailed(`${target}: network error (${describeCause(error)})`, { target, cause: error });
  } finally {
    globals.clearTimeout(timer);
    stopWatching?.();
    outer?.dispose();
  }
}

/** The failure a non-2xx answer means, or undefined for 2xx. */
function failureOf(answer: Answer, plan: Pick<RequestPlan, 'target' | 'now'>): IncidentKitError | undefined {
  const { target } = plan;
  const outcome = outcomeOf(
    answer.status,
    answer.headers.get('retry-after') ?? undefined,
    plan.now,
    answer.headers.get('date') ?? undefined,
  );
  switch (outcome.kind) {
    case 'delivered':
      return undefined;
    case 'permanent':
      return deliveryFailed(`${target} answered ${answer.status}${excerpt(answer.text)}: not retried`, {
        target,
        status: answer.status,
        permanent: true,
      });
    case 'retry':
      return deliveryFailed(`${target} answered ${answer.status}${excerpt(answer.text)}`, {
        target,
        status: answer.status,
        ...(outcome.retryAfterMs === undefined ? {} : { retryAfterMs: outcome.retryAfterMs }),
      });
  }
}

/**
 * {@link httpRequest} without the classification, for an adapter that reads the vendor's own error
 * body first (Slack's incoming webhooks name the error in it): resolves with any status, and
 * `failure` is what {@link httpRequest} would have thrown (undefined on 2xx).
 */
export async function httpExchange(
  url: string,
  options: HttpRequestOptions = {},
): Promise<HttpDeliveryResponse & { readonly failure: IncidentKitError | undefined }> {
  const plan = planRequest(url, options);
  const answer = await exchange(plan);
  return { ...answer, failure: failureOf(answer, plan) };
}

/**
 * Sends one HTTP request with a timeout and classifies the answer: resolves with the response on
 * 2xx; otherwise throws `DELIVERY_FAILED` with `status`, `permanent` (4xx other than 408, 425,
 * 429) or `retryAfterMs` (from `Retry-After`). A timeout, an abort and a network error (refused,
 * reset, closed socket) throw a retryable `DELIVERY_FAILED` without `status`. The URL and options
 * are read once and checked first: a malformed one (a URL that is not http(s), a header value with
 * a line break, a timeout a timer cannot wait) is `INVALID_INPUT` naming it.
 *
 * @param url - the endpoint.
 * @param options - method, headers, body, fetch, timeout, abort signal, clock, target name.
 * @returns the 2xx response with its body read as text.
 * @throws IncidentKitError `DELIVERY_FAILED`, or `INVALID_INPUT` for malformed arguments.
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
  const plan = planRequest(url, options);
  const answer = await exchange(plan);
  const failure = failureOf(answer, plan);
  if (failure !== undefined) throw failure;
  return answer;
}

/**
 * POSTs a JSON body (`content-type: application/json`) through {@link httpRequest}. The payload is
 * copied once ({@link snapshotInput}: bounded size and depth, getters read once) and must be
 * JSON: a BigInt, a cycle or a `toJSON` that throws is `INVALID_INPUT` naming `payload`.
 *
 * @example
 * ```ts
 * import { postJson } from 'incidentkit/adapters';
 * const fetch = async () => ({ status: 200, ok: true, headers: { get: () => null }, text: async () => 'ok' });
 * (await postJson('https://hooks.example.com/x', { text: 'hi' }, { fetch })).text; // 'ok'
 * ```
 */
export async function postJson(
  url: string,
  payload: unknown,
  options: Omit<HttpRequestOptions, 'body' | 'method'> = {},
): Promise<HttpDeliveryResponse> {
  const plan = planRequest(url, options);
  const body = jsonBody(payload, 'payload');
  const answer = await exchange({
    ...plan,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...plan.headers },
    body,
  });
  const failure = failureOf(answer, plan);
  if (failure !== undefined) throw failure;
  return answer;
}

/**
 * A vendor's JSON answer checked with `schema`: a body that is not JSON is a retryable
 * `DELIVERY_FAILED` quoting its first 100 characters; JSON of another shape is INVALID_INPUT
 * naming `response.<field>`.
 */
export function readJsonResponse<S extends z.ZodMiniType>(
  response: HttpDeliveryResponse,
  schema: S,
  target: string,
): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(response.text);
  } catch (cause) {
    throw deliveryFailed(`${target}: expected JSON, got ${response.text.slice(0, 100)}`, {
      target,
      status: response.status,
      cause,
    });
  }
  return parseWith(schema, json, 'response');
}

/** A caller's value as JSON text, read once; what JSON cannot carry is INVALID_INPUT naming `path`. */
export function jsonBody(value: unknown, path: string): string {
  const copy = snapshotInput(value, path);
  let text: string | undefined;
  try {
    text = JSON.stringify(copy);
  } catch (error) {
    // A BigInt, a class instance whose toJSON throws, or text too long for one string.
    throw new IncidentKitError('INVALID_INPUT', `${path}: cannot be written as JSON`, {
      issues: [{ path, message: 'cannot be written as JSON' }],
      cause: error,
    });
  }
  if (text === undefined) throw invalidInput(path, 'expected a JSON value');
  return text;
}

function excerpt(text: string): string {
  // Cut before cleaning: a 10 MB error page costs no more than its first kilobyte.
  const clean = text.slice(0, 1_000).replace(/\s+/g, ' ').trim().slice(0, 200);
  return clean === '' ? '' : ` (${clean})`;
}

function describeCause(error: unknown): string {
  try {
    const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
    if (typeof cause?.code === 'string') return cause.code.slice(0, 100);
    const message = (error as { message?: unknown } | undefined)?.message;
    return typeof message === 'string' ? message.slice(0, 200) : 'unknown';
  } catch {
    return 'unknown';
  }
}
