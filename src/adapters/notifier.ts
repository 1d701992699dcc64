import * as z from 'zod/mini';
import {
  type Message,
  type MessageFormat,
  MessageSchema,
  renderMessage,
  type SlackMessage,
  type TeamsMessage,
} from '../comms/index.js';
import { parseWith, readOptions } from '../internal/validate.js';
import { EpochMsSchema, invalidInput, isIncidentKitError, PHASES } from '../model/index.js';
import { built, lazySchema } from '../model/lazy.js';
import type { HttpRequestOptions } from './http-delivery.js';
import { AdapterNameSchema, FetchSchema, matching, TimeoutMsSchema } from './http-options.js';
import { deliveryFailed } from './http-status.js';
import type { OutboxIncidentContext } from './incident-store.js';
import { type AbortSignalLike, type FetchLike, readMembers, watchSignal } from './web.js';

/** What a notifier is told beside the message. */
export interface NotifyContext {
  /** The outbox row id: the same on every attempt; pass it on (e.g. an `Idempotency-Key` header). */
  readonly idempotencyKey: string;
  /** 1 on the first attempt. */
  readonly attempt: number;
  readonly incident: OutboxIncidentContext;
  /** Per-key state kept in the store (e.g. a Slack message `ts` to update). */
  readonly state: {
    get(key: string): Promise<string | undefined>;
    set(key: string, value: string): Promise<void>;
  };
  /**
   * The deliverer's clock (epoch ms) when the attempt started: what a notifier should use for
   * times it writes (a signature timestamp) or reads (a `Retry-After` HTTP-date), never its own.
   */
  readonly now?: number | undefined;
  /** Aborted when the send should stop (the lease is about to run out, or the host is shutting down). */
  readonly signal?: AbortSignalLike | undefined;
}

/**
 * Delivers messages somewhere. `send` resolving means delivered; throwing means failed: an error
 * with `permanent: true` is not retried (dead-lettered at once), one with `retryAfterMs` asks for
 * that delay, anything else is retried with exponential backoff.
 */
export interface Notifier {
  readonly name: string;
  send(message: Message, context: NotifyContext): Promise<void>;
}

/** The paging levels a severity's requirements can ask for. */
export const PAGE_SCOPES = ['all-hands', 'team', 'on-call', 'none'] as const;

/** {@link OutboxIncidentContext} as a schema: what a send context says about the incident. */
export const IncidentContextSchema = /*#__PURE__*/ lazySchema(() =>
  z.object({
    id: z.string().check(z.minLength(1), z.maxLength(200)),
    severity: z.optional(z.string().check(z.minLength(1), z.maxLength(32))),
    phase: z.enum(PHASES),
    page: z.enum(PAGE_SCOPES),
  }),
);

/** A parsed {@link IncidentContextSchema} as the context type (whose `severity` is always present). */
export function incidentContextOf(c: z.output<typeof IncidentContextSchema>): OutboxIncidentContext {
  return { id: c.id, severity: c.severity, phase: c.phase, page: c.page };
}

const ContextSchema = /*#__PURE__*/ lazySchema(() =>
  z.object({
    // It travels as an `Idempotency-Key` header: no line break may ride along.
    idempotencyKey: z
      .string()
      .check(z.minLength(1), z.maxLength(1_000), matching(/^[^\r\n\0]*$/, 'must not contain CR, LF or NUL')),
    attempt: z.number().check(z.int(), z.positive(), z.lte(Number.MAX_SAFE_INTEGER)),
    incident: built(IncidentContextSchema),
    now: z.optional(built(EpochMsSchema)),
  }),
);

/**
 * A send context read once at a notifier's boundary: the plain fields copied and checked, the
 * state store's `get` / `set` read once and called on the caller's object, the signal checked.
 * Anything malformed is INVALID_INPUT naming `context.<field>` (the deliverer dead-letters it).
 */
export function readNotifyContext(value: unknown): NotifyContext {
  const raw = readOptions(value, 'context');
  if (raw === undefined || Array.isArray(raw)) throw invalidInput('context', 'expected a send context');
  const { state, signal, ...rest } = raw;
  const c = parseWith(ContextSchema, rest, 'context');
  const m = readMembers(state, 'context.state', ['get', 'set'], 'a state store with get and set');
  const { get, set } = m;
  if (typeof get !== 'function' || typeof set !== 'function')
    throw invalidInput('context.state', 'expected a state store with get and set');
  // Checked here so a bad one is named where it came from; httpRequest watches it per request.
  watchSignal(signal, 'context.signal')?.dispose();
  return {
    idempotencyKey: c.idempotencyKey,
    attempt: c.attempt,
    incident: incidentContextOf(c.incident),
    state: {
      get: (key) => get.call(state, key) as Promise<string | undefined>,
      set: (key, v) => set.call(state, key, v) as Promise<void>,
    },
    ...(c.now === undefined ? {} : { now: c.now }),
    ...(signal === undefined ? {} : { signal: signal as AbortSignalLike }),
  };
}

/**
 * Runs `step` (reading or rendering the message) for the notifier `name`: a message it refuses
 * (INVALID_INPUT from the schema or the renderer) can never be sent, so it becomes a permanent
 * `DELIVERY_FAILED` the outbox dead-letters at once, quoting at most 300 characters of why.
 * Anything else is rethrown as it is.
 */
export function unlessUnsendable<T>(name: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (!isIncidentKitError(error)) throw error;
    throw deliveryFailed(`${name}: the message cannot be rendered (${error.message.slice(0, 300)})`, {
      target: name,
      permanent: true,
      cause: error,
    });
  }
}

/**
 * What a notifier's `send` was handed, read once: the context ({@link readNotifyContext}) and the
 * message ({@link MessageSchema}; one it refuses is unsendable, see {@link unlessUnsendable}).
 */
export function readSend(
  name: string,
  message: unknown,
  context: unknown,
): { readonly message: Message; readonly context: NotifyContext } {
  const ctx = readNotifyContext(context);
  return {
    message: unlessUnsendable(name, () => parseWith(MessageSchema, message, 'message')),
    context: ctx,
  };
}

/** `renderMessage(message, format)` for the notifier `name`; a refusal is unsendable ({@link unlessUnsendable}). */
export function renderFor<F extends MessageFormat>(name: string, message: Message, format: F) {
  return unlessUnsendable(name, () => renderMessage(message, format) as RenderedAs<F>);
}

type RenderedAs<F extends MessageFormat> = F extends 'slack'
  ? SlackMessage
  : F extends 'teams'
    ? TeamsMessage
    : string;

/** The options every HTTP notifier takes beside its own: the `fetch`, timeout and name overrides. */
export function notifierOverrides() {
  return {
    fetch: z.optional(built(FetchSchema)),
    timeoutMs: z.optional(built(TimeoutMsSchema)),
    name: z.optional(built(AdapterNameSchema)),
  };
}

/**
 * The request options every notifier's HTTP call shares: its name as the target, its `fetch` and
 * timeout overrides, and the send context's abort signal and clock.
 */
export function requestOptionsFor(
  target: string,
  overrides: { readonly fetch?: FetchLike | undefined; readonly timeoutMs?: number | undefined },
  context: NotifyContext,
): HttpRequestOptions {
  return {
    target,
    ...(overrides.fetch === undefined ? {} : { fetch: overrides.fetch }),
    ...(overrides.timeoutMs === undefined ? {} : { timeoutMs: overrides.timeoutMs }),
    ...(context.signal === undefined ? {} : { signal: context.signal }),
    ...(context.now === undefined ? {} : { now: context.now }),
  };
}
