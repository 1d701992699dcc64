import * as z from 'zod/mini';
import type { MessageFormat } from '../comms/index.js';
import { parseWith } from '../internal/validate.js';
import { built, lazySchema } from '../model/lazy.js';
import { httpRequest } from './http-delivery.js';
import { HeadersSchema, HttpUrlSchema } from './http-options.js';
import { type Notifier, notifierOverrides, readSend, renderFor, requestOptionsFor } from './notifier.js';
import type { FetchLike } from './web.js';
import { hmacSha256Hex } from './web-crypto.js';

/** The renderings a webhook body carries by default. */
const DEFAULT_FORMATS = ['text', 'markdown', 'html'] as const;
const FORMATS = ['text', 'markdown', 'html', 'slack', 'teams'] as const satisfies readonly MessageFormat[];

const OptionsSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    url: built(HttpUrlSchema),
    secret: z.optional(z.string().check(z.minLength(1), z.maxLength(4_096))),
    headers: z.optional(built(HeadersSchema)),
    ...notifierOverrides(),
    formats: z.optional(z.array(z.enum(FORMATS)).check(z.maxLength(FORMATS.length))),
  }),
);

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
 * 425 and 429 is permanent; the rest, timeouts and network errors are retried. The options are
 * read once and checked here; each send reads its message and context once.
 *
 * @throws IncidentKitError `INVALID_INPUT` naming the option that is malformed (a URL that is not
 * http(s), a header value with a line break, an unknown format).
 *
 * @example
 * ```ts
 * import { webhookNotifier } from 'incidentkit/adapters';
 * const notifier = webhookNotifier({ url: 'https://hooks.example.com/incidents', secret: 'whsec_test' });
 * notifier.name; // 'webhook'
 * ```
 */
export function webhookNotifier(options: WebhookNotifierOptions): Notifier {
  const o = parseWith(OptionsSchema, options, 'options');
  const name = o.name ?? 'webhook';
  const formats = [...new Set(o.formats ?? DEFAULT_FORMATS)];
  return {
    name,
    async send(message, context) {
      const { message: m, context: ctx } = readSend(name, message, context);
      const rendered: Record<string, unknown> = {};
      for (const format of formats) rendered[format] = renderFor(name, m, format);
      const payload: WebhookPayload = {
        id: ctx.idempotencyKey,
        attempt: ctx.attempt,
        incident: ctx.incident,
        message: m,
        rendered,
      };
      const body = JSON.stringify(payload);
      const headers: Record<string, string> = {
        ...(o.headers ?? {}),
        'idempotency-key': ctx.idempotencyKey,
      };
      if (o.secret !== undefined) {
        const t = Math.floor((ctx.now ?? Date.now()) / 1000);
        headers['incidentkit-signature'] = `t=${t},v1=${await hmacSha256Hex(o.secret, `${t}.${body}`)}`;
      }
      await httpRequest(o.url, {
        ...requestOptionsFor(name, o, ctx),
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    },
  };
}
