import * as z from 'zod/mini';
import type { SlackMessage } from '../comms/index.js';
import { parseWith } from '../internal/validate.js';
import { built, lazySchema } from '../model/lazy.js';
import { httpRequest } from './http-delivery.js';
import { HttpUrlSchema, trimTrailingSlashes } from './http-options.js';
import { deliveryFailed, parseRetryAfter } from './http-status.js';
import {
  type Notifier,
  type NotifyContext,
  notifierOverrides,
  readSend,
  renderFor,
  requestOptionsFor,
} from './notifier.js';
import type { FetchLike } from './web.js';

/**
 * Options of {@link slackApiNotifier}.
 *
 * @example
 * ```ts
 * import type { SlackApiNotifierOptions } from 'incidentkit/adapters';
 * const options: SlackApiNotifierOptions = { token: 'xoxb-…', channel: 'C0123456789' };
 * ```
 */
export interface SlackApiNotifierOptions {
  /** A bot token (`xoxb-…`) with `chat:write` (and `chat:write.public` for channels it has not joined). */
  readonly token: string;
  /** The channel ID (`C0123456789`) or name (`#incidents`) to post to. */
  readonly channel: string;
  /** Web API root; default `https://slack.com/api`. */
  readonly baseUrl?: string | undefined;
  /** The `fetch` to use; default the global one. */
  readonly fetch?: FetchLike | undefined;
  /** Per-request timeout in ms; default 10 000. */
  readonly timeoutMs?: number | undefined;
  /** The notifier's name in routes and outbox rows; default `'slack-api'`. */
  readonly name?: string | undefined;
}

/** Where an incident's live card is: the channel ID Slack answered with and the message `ts`. */
interface Card {
  readonly channel: string;
  readonly ts: string;
}

// chat.update errors after which the card cannot be edited any more: post a fresh one instead.
const CARD_GONE = new Set(['message_not_found', 'cant_update_message', 'edit_window_closed']);
// Web API errors (HTTP 200, `{ ok: false, error }`) no retry can fix: the token, the channel or the
// message is wrong. Everything else (`ratelimited`, `internal_error`, `fatal_error`,
// `service_unavailable`, errors Slack adds later) is retried.
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'not_allowed_token_type',
  'ekm_access_denied',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'msg_too_long',
  'no_text',
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_arguments',
  'invalid_arg_name',
  'invalid_charset',
  'invalid_form_data',
  'invalid_post_type',
  'missing_post_type',
  'too_many_attachments',
  'as_user_not_supported',
  'method_deprecated',
  'deprecated_endpoint',
  'two_factor_setup_required',
  'team_access_not_granted',
  'access_denied',
]);

const notBlank = (max: number, message: string) =>
  z.string().check(
    z.maxLength(max),
    z.refine((v) => v.trim() !== '', message),
  );
const OptionsSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    token: notBlank(1_000, 'must be a bot token'),
    channel: notBlank(200, 'must be a channel ID or name'),
    baseUrl: z.optional(built(HttpUrlSchema)),
    ...notifierOverrides(),
  }),
);

// A channel ID and a message ts are short; anything else is not what Slack answers.
function isShortText(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value.length <= 200;
}

class CardGone {
  constructor(readonly error: string) {}
}

function cardKey(channel: string, incidentId: string): string {
  return `slack-api:${channel}:${incidentId}`;
}

function readCard(value: unknown): Card | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const card = JSON.parse(value) as Partial<Card>;
    return typeof card.channel === 'string' && typeof card.ts === 'string'
      ? { channel: card.channel, ts: card.ts }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A notifier for teams with a Slack app: each incident gets one live card per channel. The first
 * message is posted with `chat.postMessage` and its `ts` (with the channel ID Slack answers) is kept
 * in the store beside the outbox (`context.state`, key `slack-api:<channel>:<incidentId>`); every
 * later message replaces that card with `chat.update`, so the channel shows the incident's current
 * state, not a scroll of copies. Reminders are posted as replies in the card's thread instead. When
 * the card can no longer be edited (`message_not_found`, `cant_update_message`,
 * `edit_window_closed`) a fresh card is posted and remembered.
 *
 * The Web API answers HTTP 200 with `{ ok: false, error }`: `ratelimited` (or HTTP 429, with
 * `Retry-After`), `internal_error`, `fatal_error`, `service_unavailable` and unknown errors are
 * retried; `channel_not_found`, `not_in_channel`, `is_archived`, `invalid_auth`, `missing_scope`,
 * `msg_too_long`, `invalid_blocks` and the other configuration errors are `permanent`, named in the
 * reason.
 *
 * @param options - Bot token, channel, and the URL, `fetch`, timeout and name overrides.
 * @returns A {@link Notifier} named `slack-api` (or `options.name`).
 * @throws IncidentKitError `INVALID_INPUT` naming the option that is malformed (a missing token or
 * channel, a `baseUrl` that is not http(s)). Options are read once, here.
 *
 * @example
 * ```ts
 * import { slackApiNotifier } from 'incidentkit/adapters';
 * const notifier = slackApiNotifier({ token: 'xoxb-example', channel: '#incidents' });
 * notifier.name; // 'slack-api'
 * ```
 */
export function slackApiNotifier(options: SlackApiNotifierOptions): Notifier {
  const o = parseWith(OptionsSchema, options, 'options');
  const token = o.token;
  const channel = o.channel;
  const root = trimTrailingSlashes(o.baseUrl ?? 'https://slack.com/api');
  const name = o.name ?? 'slack-api';

  async function call(method: string, body: Record<string, unknown>, context: NotifyContext) {
    const response = await httpRequest(`${root}/${method}`, {
      ...requestOptionsFor(name, o, context),
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        authorization: `Bearer ${token}`,
        'idempotency-key': context.idempotencyKey,
      },
      body: JSON.stringify(body),
    });
    let answer: { ok?: unknown; error?: unknown; channel?: unknown; ts?: unknown };
    try {
      answer = JSON.parse(response.text) as typeof answer;
    } catch (cause) {
      throw deliveryFailed(`${name}: ${method} answered ${response.status} with a body that is not JSON`, {
        target: name,
        status: response.status,
        cause,
      });
    }
    if (answer?.ok === true) return answer;
    // Slack's error codes are short snake_case words; anything else is named by its first 100 characters.
    const error = typeof answer?.error === 'string' ? answer.error.slice(0, 100) : 'unknown_error';
    if (method === 'chat.update' && CARD_GONE.has(error)) throw new CardGone(error);
    const permanent = PERMANENT.has(error);
    const retryAfterMs = permanent
      ? undefined
      : parseRetryAfter(response.headers.get('retry-after'), {
          ...(context.now === undefined ? {} : { now: context.now }),
          date: response.headers.get('date'),
        });
    throw deliveryFailed(`${name}: ${method} failed with ${error}${permanent ? ': not retried' : ''}`, {
      target: name,
      status: response.status,
      ...(permanent ? { permanent: true } : {}),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }

  async function postCard(payload: SlackMessage, context: NotifyContext, key: string): Promise<void> {
    const answer = await call(
      'chat.postMessage',
      { channel, text: payload.text, blocks: payload.blocks, unfurl_links: false, unfurl_media: false },
      context,
    );
    if (!isShortText(answer.channel) || !isShortText(answer.ts))
      throw deliveryFailed(`${name}: chat.postMessage answered ok without channel and ts`, { target: name });
    await context.state.set(key, JSON.stringify({ channel: answer.channel, ts: answer.ts } satisfies Card));
  }

  return {
    name,
    async send(message, context) {
      const { message: m, context: ctx } = readSend(name, message, context);
      const payload = renderFor(name, m, 'slack');
      const key = cardKey(channel, ctx.incident.id);
      const card = readCard(await ctx.state.get(key));
      if (m.kind === 'reminder') {
        // A nudge belongs under the card, not in place of it.
        const thread = card === undefined ? {} : { thread_ts: card.ts };
        await call(
          'chat.postMessage',
          {
            channel: card?.channel ?? channel,
            text: payload.text,
            blocks: payload.blocks,
            unfurl_links: false,
            ...thread,
          },
          ctx,
        );
        return;
      }
      if (card === undefined) return postCard(payload, ctx, key);
      try {
        await call(
          'chat.update',
          { channel: card.channel, ts: card.ts, text: payload.text, blocks: payload.blocks },
          ctx,
        );
      } catch (error) {
        if (!(error instanceof CardGone)) throw error;
        await postCard(payload, ctx, key);
      }
    },
  };
}
