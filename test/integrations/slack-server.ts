// Slack as docs.slack.dev documents it. Incoming webhooks: a JSON POST answered `200 ok`, or a
// status with a plain-text error (400 invalid_payload, 403 action_prohibited, 404
// channel_not_found, 410 channel_is_archived; 429 with Retry-After seconds). Web API:
// `chat.postMessage` / `chat.update` answer HTTP 200 with `{ ok, channel, ts }` or `{ ok: false,
// error }`, and HTTP 429 + Retry-After when rate limited. Block Kit limits: ≤ 50 blocks, header
// plain_text ≤ 150, section text ≤ 3000, ≤ 10 fields of ≤ 2000, context ≤ 10 elements.
import type { RecordedRequest, Reply } from './vendor-server.js';

/** What Block Kit rejects in a payload (`invalid_blocks`), or [] when it is valid. */
export function blockKitProblems(payload: unknown): string[] {
  const p = payload as { text?: unknown; blocks?: unknown };
  const problems: string[] = [];
  if (typeof p?.text !== 'string' && !Array.isArray(p?.blocks)) return ['no text and no blocks'];
  if (p.blocks === undefined) return [];
  if (!Array.isArray(p.blocks)) return ['blocks is not an array'];
  if (p.blocks.length > 50) problems.push(`${p.blocks.length} blocks`);
  const textObject = (t: unknown, max: number, where: string, plainOnly = false) => {
    const o = t as { type?: unknown; text?: unknown };
    if (o?.type !== 'plain_text' && (plainOnly || o?.type !== 'mrkdwn'))
      problems.push(`${where}: bad text type`);
    if (typeof o?.text !== 'string' || o.text.length === 0) problems.push(`${where}: empty text`);
    else if (o.text.length > max) problems.push(`${where}: ${o.text.length} > ${max}`);
  };
  p.blocks.forEach(
    (block: { type?: string; text?: unknown; fields?: unknown[]; elements?: unknown[] }, i: number) => {
      const where = `blocks[${i}]`;
      switch (block?.type) {
        case 'header':
          textObject(block.text, 150, where, true);
          break;
        case 'section':
          if (block.text !== undefined) textObject(block.text, 3000, `${where}.text`);
          if (block.fields !== undefined) {
            if (block.fields.length > 10) problems.push(`${where}: ${block.fields.length} fields`);
            block.fields.forEach((f, j) => {
              textObject(f, 2000, `${where}.fields[${j}]`);
            });
          }
          if (block.text === undefined && block.fields === undefined)
            problems.push(`${where}: empty section`);
          break;
        case 'context':
          if (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 10)
            problems.push(`${where}: context elements`);
          else
            block.elements.forEach((e, j) => {
              textObject(e, 3000, `${where}.elements[${j}]`);
            });
          break;
        case 'divider':
          break;
        default:
          problems.push(`${where}: unknown type ${String(block?.type)}`);
      }
    },
  );
  return problems;
}

export type WebhookMode =
  | 'ok'
  | 'invalid_payload'
  | 'action_prohibited'
  | 'channel_not_found'
  | 'channel_is_archived';
const MODE_STATUS: Record<WebhookMode, number> = {
  ok: 200,
  invalid_payload: 400,
  action_prohibited: 403,
  channel_not_found: 404,
  channel_is_archived: 410,
};

/** One incoming webhook (it names its channel). */
export function slackWebhook() {
  const posted: { text: string; blocks: unknown[] }[] = [];
  const state = { mode: 'ok' as WebhookMode };
  const handler = (req: RecordedRequest): Reply => {
    if (req.method !== 'POST') return { status: 405, body: 'invalid_method' };
    if (!String(req.headers['content-type']).startsWith('application/json'))
      return { status: 400, body: 'invalid_payload' };
    let payload: { text: string; blocks: unknown[] };
    try {
      payload = JSON.parse(req.body);
    } catch {
      return { status: 400, body: 'invalid_payload' };
    }
    if (state.mode !== 'ok') return { status: MODE_STATUS[state.mode], body: state.mode };
    if (blockKitProblems(payload).length > 0) return { status: 400, body: 'invalid_blocks' };
    posted.push(payload);
    return { status: 200, body: 'ok' };
  };
  return { posted, state, handler };
}

export interface SlackChannelMessage {
  ts: string;
  text: string;
  blocks: unknown[];
  thread_ts?: string;
  edits: number;
}

/** The Web API methods the notifier calls, for one workspace. */
export function slackWebApi(options: { token: string; channels: Record<string, string> }) {
  const channels = new Map<string, SlackChannelMessage[]>();
  for (const id of Object.values(options.channels)) channels.set(id, []);
  let seq = 100;
  const ok = (body: Record<string, unknown>): Reply => ({ status: 200, body: { ok: true, ...body } });
  const fail = (error: string): Reply => ({ status: 200, body: { ok: false, error } });
  const handler = (req: RecordedRequest): Reply => {
    if (req.headers.authorization !== `Bearer ${options.token}`) return fail('invalid_auth');
    const body = JSON.parse(req.body) as Record<string, unknown>;
    const channelArg = String(body.channel ?? '');
    if (blockKitProblems(body).length > 0) return fail('invalid_blocks');
    switch (req.path) {
      case '/api/chat.postMessage': {
        // chat.postMessage takes an ID or a name; it answers with the ID.
        const id = options.channels[channelArg] ?? (channels.has(channelArg) ? channelArg : undefined);
        if (id === undefined) return fail('channel_not_found');
        const ts = `1795510800.000${seq++}`;
        const message: SlackChannelMessage = {
          ts,
          text: String(body.text),
          blocks: body.blocks as unknown[],
          edits: 0,
          ...(typeof body.thread_ts === 'string' ? { thread_ts: body.thread_ts } : {}),
        };
        channels.get(id)!.push(message);
        return ok({ channel: id, ts, message: { text: message.text, ts } });
      }
      case '/api/chat.update': {
        // chat.update needs the channel ID, not a name.
        const messages = channels.get(channelArg);
        if (!messages) return fail('channel_not_found');
        const message = messages.find((m) => m.ts === body.ts);
        if (!message) return fail('message_not_found');
        message.text = String(body.text);
        message.blocks = body.blocks as unknown[];
        message.edits++;
        return ok({ channel: channelArg, ts: message.ts, text: message.text });
      }
      default:
        return { status: 404, body: { ok: false, error: 'unknown_method' } };
    }
  };
  return { channels, handler };
}
