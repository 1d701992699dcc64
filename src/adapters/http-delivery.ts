// One HTTP path for every notifier and tracker: a request with a timeout, classified by
// http-status.ts; the shared option schemas are in http-options.ts.
import * as z from 'zod/mini';
import { parseWith, readOptions, snapshotInput } from '../internal/validate.js';
import { EpochMsSchema, IncidentKitError, invalidInput, isIncidentKitError } from '../model/index.js';
import { built, lazySchema } from '../model/lazy.js';
import {
  AdapterNameSchema,
  FetchSchema,
  HeadersSchema,
  HttpUrlSchema,
  matching,
  TimeoutMsSchema,
} from './http-options.js';
import { deliveryFailed, isStatus, outcomeOf } from './http-status.js';
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

interface TimerGlobals {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  AbortController?: new () => { readonly signal: AbortSignalLike; abort(reason?: unknown): void };
  fetch?: FetchLike | undefined;
}

const globals = globalThis as unknown as TimerGlobals;

const RequestOptionsSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    method: z.optional(z.string().check(matching(/^[A-Za-z]{1,16}$/, 'must be an HTTP method'))),
    headers: z.optional(built(HeadersSchema)),
    body: z.optional(z.string()),
    fetch: z.optional(built(FetchSchema)),
    timeoutMs: z.optional(built(TimeoutMsSchema)),
    now: z.optional(built(EpochMsSchema)),
    target: z.optional(built(AdapterNameSchema)),
  }),
);

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
 * copied once (bounded size and depth, getters read once) and must be
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
