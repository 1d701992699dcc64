import * as z from 'zod/mini';
import { parseWith } from '../internal/validate.js';
import { built, lazySchema } from '../model/lazy.js';
import { httpRequest } from './http-delivery.js';
import { HttpUrlSchema } from './http-options.js';
import { type Notifier, notifierOverrides, readSend, renderFor, requestOptionsFor } from './notifier.js';
import type { FetchLike } from './web.js';

/**
 * Options of {@link teamsNotifier}.
 *
 * @example
 * ```ts
 * import type { TeamsNotifierOptions } from 'incidentkit/adapters';
 * const options: TeamsNotifierOptions = { webhookUrl: 'https://prod-00.westeurope.logic.azure.com/workflows/…' };
 * ```
 */
export interface TeamsNotifierOptions {
  /** The URL of the Workflows "When a Teams webhook request is received" trigger for the channel. */
  readonly webhookUrl: string;
  /** The `fetch` to use; default the global one. */
  readonly fetch?: FetchLike | undefined;
  /** Per-request timeout in ms; default 10 000. */
  readonly timeoutMs?: number | undefined;
  /** The notifier's name in routes and outbox rows; default `'teams'`. */
  readonly name?: string | undefined;
}

const OptionsSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({ webhookUrl: built(HttpUrlSchema), ...notifierOverrides() }),
);

/**
 * A notifier that posts each message to a Microsoft Teams channel through a Workflows webhook
 * (Power Automate's "Post to a channel when a webhook request is received"; the Office 365
 * connectors it replaces are retired): the body is `renderMessage(message, 'teams')`, an Adaptive
 * Card 1.4 in the `{ type: 'message', attachments: [{ contentType:
 * 'application/vnd.microsoft.card.adaptive', content }] }` envelope, at most 28 KB, with no mention,
 * link or markup from user text. 2xx (Workflows answers 202 Accepted) is delivered; 429 is retried
 * after `Retry-After`; 400, 401, 403, 404 and 413 are `permanent`; 5xx and network errors are
 * retried.
 *
 * @param options - The webhook URL, and the `fetch`, timeout and name overrides.
 * @returns A {@link Notifier} named `teams` (or `options.name`).
 * @throws IncidentKitError `INVALID_INPUT` naming the option that is malformed (a `webhookUrl` that
 * is not an http(s) URL, a timeout a timer cannot wait). Options are read once, here.
 *
 * @example
 * ```ts
 * import { teamsNotifier } from 'incidentkit/adapters';
 * const notifier = teamsNotifier({ webhookUrl: 'https://prod-00.westeurope.logic.azure.com/workflows/abc' });
 * notifier.name; // 'teams'
 * ```
 */
export function teamsNotifier(options: TeamsNotifierOptions): Notifier {
  const o = parseWith(OptionsSchema, options, 'options');
  const name = o.name ?? 'teams';
  return {
    name,
    async send(message, context) {
      const { message: m, context: ctx } = readSend(name, message, context);
      const body = renderFor(name, m, 'teams');
      await httpRequest(o.webhookUrl, {
        ...requestOptionsFor(name, o, ctx),
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'idempotency-key': ctx.idempotencyKey,
        },
        body: JSON.stringify(body),
      });
    },
  };
}
