import * as z from 'zod/mini';
import { parseWith } from '../internal/validate.js';
import { built, lazySchema } from '../model/lazy.js';
import { httpExchange } from './http-delivery.js';
import { HttpUrlSchema } from './http-options.js';
import { deliveryFailed } from './http-status.js';
import { type Notifier, notifierOverrides, readSend, renderFor, requestOptionsFor } from './notifier.js';
import type { FetchLike } from './web.js';

/**
 * Options of {@link slackNotifier}.
 *
 * @example
 * ```ts
 * import type { SlackNotifierOptions } from 'incidentkit/adapters';
 * const options: SlackNotifierOptions = { webhookUrl: 'https://hooks.slack.com/services/T000/B000/XXXX' };
 * ```
 */
export interface SlackNotifierOptions {
  /** The incoming webhook URL Slack gave the app (it names the channel). */
  readonly webhookUrl: string;
  /** The `fetch` to use; default the global one. */
  readonly fetch?: FetchLike | undefined;
  /** Per-request timeout in ms; default 10 000. */
  readonly timeoutMs?: number | undefined;
  /** The notifier's name in routes and outbox rows; default `'slack'`. */
  readonly name?: string | undefined;
}

/**
 * The error strings Slack's incoming webhooks answer with that no retry can fix (the 2016
 * "Improving error conditions for Incoming Webhooks" change and the webhook guide's error table).
 */
const PERMANENT_ERRORS: Readonly<Record<string, string>> = {
  invalid_payload: 'the body is not a valid message',
  user_not_found: 'the user does not exist',
  action_prohibited: 'the workspace restricts posting through this webhook',
  channel_not_found: 'the channel does not exist',
  channel_is_archived: 'the channel is archived',
  invalid_token: 'the webhook was revoked',
  no_service: 'the webhook is disabled, removed or invalid',
  no_team: 'the workspace no longer exists',
  team_disabled: 'the workspace is disabled',
  posting_to_general_channel_denied: 'only admins may post to this channel',
  invalid_blocks: 'the blocks are invalid',
  invalid_blocks_format: 'the blocks are malformed',
  too_many_attachments: 'the message has too many attachments',
  missing_text_or_fallback_or_attachments: 'the message has no text',
};

const OptionsSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({ webhookUrl: built(HttpUrlSchema), ...notifierOverrides() }),
);

/** The documented error Slack's body names, when it is one no retry can fix. */
function permanentError(body: string): { code: string; meaning: string } | undefined {
  // Slack answers the bare error string; a longer body is some proxy's page, not Slack's error.
  if (body.length > 100) return undefined;
  const code = body.trim();
  return Object.hasOwn(PERMANENT_ERRORS, code) ? { code, meaning: PERMANENT_ERRORS[code]! } : undefined;
}

/**
 * A notifier that posts each message to a Slack incoming webhook as `renderMessage(message,
 * 'slack')` (Block Kit `{ text, blocks }`, link unfurling off). HTTP 200 (`ok`) is delivered; 429
 * is retried after its `Retry-After` seconds; the documented permanent errors — 400
 * `invalid_payload`, 403 `action_prohibited`, 404 `channel_not_found`, 410 `channel_is_archived`,
 * and the other webhook errors (`no_service`, `invalid_token`, …) — are `DELIVERY_FAILED` with
 * `permanent: true` and the error named, so the outbox dead-letters them at once; 5xx and network
 * errors are retried.
 *
 * @param options - The webhook URL, and the `fetch`, timeout and name overrides.
 * @returns A {@link Notifier} named `slack` (or `options.name`).
 * @throws IncidentKitError `INVALID_INPUT` naming the option that is malformed (a `webhookUrl` that
 * is not an http(s) URL, a timeout a timer cannot wait). Options are read once, here.
 *
 * @example
 * ```ts
 * import { slackNotifier } from 'incidentkit/adapters';
 * const notifier = slackNotifier({ webhookUrl: 'https://hooks.slack.com/services/T000/B000/XXXX' });
 * notifier.name; // 'slack'
 * ```
 */
export function slackNotifier(options: SlackNotifierOptions): Notifier {
  const o = parseWith(OptionsSchema, options, 'options');
  const name = o.name ?? 'slack';
  return {
    name,
    async send(message, context) {
      const { message: m, context: ctx } = readSend(name, message, context);
      const { text, blocks } = renderFor(name, m, 'slack');
      const answer = await httpExchange(o.webhookUrl, {
        ...requestOptionsFor(name, o, ctx),
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'idempotency-key': ctx.idempotencyKey,
        },
        body: JSON.stringify({ text, blocks, unfurl_links: false, unfurl_media: false }),
      });
      if (answer.failure === undefined) return;
      // Slack's own error string first in the reason, so a dead letter says what to fix.
      const known = permanentError(answer.text);
      if (known === undefined) throw answer.failure;
      throw deliveryFailed(`${name}: Slack answered ${answer.status} ${known.code}: ${known.meaning}`, {
        target: name,
        status: answer.status,
        permanent: true,
        cause: answer.failure,
      });
    },
  };
}
