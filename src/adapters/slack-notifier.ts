import { type Message, renderMessage, type SlackMessage } from '../comms/index.js';
import { invalidInput, isIncidentKitError } from '../model/index.js';
import { deliveryFailed, httpRequest } from './http-delivery.js';
import type { Notifier, NotifyContext } from './notifier.js';
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

/** Renders for Slack, or says why the message cannot be sent at all (never worth a retry). */
function slackPayload(message: Message, name: string): SlackMessage {
  try {
    return renderMessage(message, 'slack');
  } catch (error) {
    if (!isIncidentKitError(error)) throw error;
    throw deliveryFailed(`${name}: the message cannot be rendered (${error.message})`, {
      target: name,
      permanent: true,
      cause: error,
    });
  }
}

/** The request options every call shares: fetch, timeout, abort signal, the deliverer's clock. */
function requestOptions(
  options: { readonly fetch?: FetchLike | undefined; readonly timeoutMs?: number | undefined },
  context: NotifyContext,
  target: string,
) {
  return {
    target,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(context.signal === undefined ? {} : { signal: context.signal }),
    ...(context.now === undefined ? {} : { now: context.now }),
  };
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
 * @throws IncidentKitError `INVALID_INPUT` when `webhookUrl` is not an http(s) URL.
 *
 * @example
 * ```ts
 * import { slackNotifier } from 'incidentkit/adapters';
 * const notifier = slackNotifier({ webhookUrl: 'https://hooks.slack.com/services/T000/B000/XXXX' });
 * notifier.name; // 'slack'
 * ```
 */
export function slackNotifier(options: SlackNotifierOptions): Notifier {
  const url = checkUrl(
    (options as Partial<SlackNotifierOptions> | undefined)?.webhookUrl,
    'options.webhookUrl',
  );
  const name = options.name ?? 'slack';
  return {
    name,
    async send(message, context) {
      const { text, blocks } = slackPayload(message, name);
      try {
        await httpRequest(url, {
          ...requestOptions(options, context, name),
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'idempotency-key': context.idempotencyKey,
          },
          body: JSON.stringify({ text, blocks, unfurl_links: false, unfurl_media: false }),
        });
      } catch (error) {
        throw namedSlackError(error, name);
      }
    },
  };
}

// Puts Slack's own error string first in the reason, so a dead letter says what to fix.
function namedSlackError(error: unknown, name: string): unknown {
  if (!isIncidentKitError(error, 'DELIVERY_FAILED') || error.details.status === undefined) return error;
  const code = /\(([a-z_]+)\)/.exec(error.reason)?.[1];
  const meaning = code === undefined ? undefined : PERMANENT_ERRORS[code];
  if (meaning === undefined) return error;
  return deliveryFailed(`${name}: Slack answered ${error.details.status} ${code}: ${meaning}`, {
    target: name,
    status: error.details.status,
    permanent: true,
    cause: error,
  });
}

function checkUrl(value: unknown, path: string): string {
  if (typeof value !== 'string' || !/^https?:\/\/[^\s]+$/i.test(value))
    throw invalidInput(path, 'must be an http(s) URL');
  return value;
}
