import { type MessageFormat, renderMessage } from '../comms/index.js';
import { invalidInput, isIncidentKitError } from '../model/index.js';
import { deliveryFailed, httpRequest } from './http-delivery.js';
import type { Notifier } from './notifier.js';
import type { FetchLike } from './web.js';
import { hmacSha256Hex } from './web-crypto.js';

/** The renderings a webhook body carries by default. */
const DEFAULT_FORMATS = ['text', 'markdown', 'html'] as const;

/**
 * Options of {@link webhookNotifier}.
 *
 * @example
 * ```ts
 * import type { WebhookNotifierOptions } from 'incidentkit/adapters';
 * const options: WebhookNotifierOptions = { url: 'https://hooks.example.com/incidents', secret: 'whsec_…' };
 * ```
 */
export interface WebhookNotifierOptions {
  readonly url: string;
  /** Signs each body (`Incidentkit-Signature`) so the receiver can check it came from you. */
  readonly secret?: string | undefined;
  /** Extra headers (an `Authorization`, a routing key). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly fetch?: FetchLike | undefined;
  /** Per-request timeout (default 10 000 ms). */
  readonly timeoutMs?: number | undefined;
  /** The notifier's name in routes and outbox rows (default `'webhook'`). */
  readonly name?: string | undefined;
  /** The renderings to include (default text, markdown and html). */
  readonly formats?: readonly MessageFormat[] | undefined;
}

/**
 * The JSON body a webhook receives.
 *
 * @example
 * ```ts
 * import type { WebhookPayload } from 'incidentkit/adapters';
 * function handle(body: string): string {
 *   const payload = JSON.parse(body) as WebhookPayload;
 *   return payload.id; // drop the request when this id was seen before
 * }
 * ```
 */
export interface WebhookPayload {
  /** The idempotency key: the same on every attempt; a receiver drops a repeat it has seen. */
  readonly id: string;
  readonly attempt: number;
  readonly incident: {
    readonly id: string;
    readonly severity?: string | undefined;
    readonly phase: string;
    readonly page: string;
  };
  readonly message: unknown;
  /** The message rendered in each requested format (`text`, `markdown`, `html`, `slack`, `teams`). */
  readonly rendered: Readonly<Record<string, unknown>>;
}

/**
 * A notifier that POSTs each message as JSON ({@link WebhookPayload}) with an `Idempotency-Key`
 * header and, when `secret` is set, `Incidentkit-Signature: t=<unix s>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">` (checked by {@link verifyWebhookSignature}). 2xx is delivered; 4xx other than 408,
 * 425 and 429 is permanent; the rest, timeouts and network errors are retried.
 *
 * @example
 * ```ts
 * import { webhookNotifier } from 'incidentkit/adapters';
 * const notifier = webhookNotifier({ url: 'https://hooks.example.com/incidents', secret: 'whsec_test' });
 * notifier.name; // 'webhook'
 * ```
 */
export function webhookNotifier(options: WebhookNotifierOptions): Notifier {
  const url = options.url;
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) {
    throw invalidInput('options.url', 'must be an http(s) URL');
  }
  const name = options.name ?? 'webhook';
  const formats = options.formats ?? DEFAULT_FORMATS;
  return {
    name,
    async send(message, context) {
      const rendered: Record<string, unknown> = {};
      try {
        for (const format of formats) rendered[format] = renderMessage(message, format as 'text');
      } catch (error) {
        if (!isIncidentKitError(error)) throw error;
        throw deliveryFailed(`${name}: the message cannot be rendered (${error.message})`, {
          target: name,
          permanent: true,
          cause: error,
        });
      }
      const payload: WebhookPayload = {
        id: context.idempotencyKey,
        attempt: context.attempt,
        incident: context.incident,
        message,
        rendered,
      };
      const body = JSON.stringify(payload);
      const headers: Record<string, string> = {
        ...(options.headers ?? {}),
        'idempotency-key': context.idempotencyKey,
      };
      if (options.secret !== undefined) {
        const t = Math.floor((context.now ?? Date.now()) / 1000);
        headers['incidentkit-signature'] = `t=${t},v1=${await hmacSha256Hex(options.secret, `${t}.${body}`)}`;
      }
      await httpRequest(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        target: name,
        ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        ...(context.signal === undefined ? {} : { signal: context.signal }),
        ...(context.now === undefined ? {} : { now: context.now }),
      });
    },
  };
}
