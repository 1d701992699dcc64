// A Microsoft Teams Workflows webhook ("When a Teams webhook request is received" → "Post card in a
// chat or channel") as Microsoft documents it: a JSON POST of `{ type: 'message', attachments: [{
// contentType: 'application/vnd.microsoft.card.adaptive', contentUrl, content: AdaptiveCard }] }`
// answered 202 Accepted; messages over ~28 KB are refused (413); throttled requests get 429 with
// Retry-After; a body that is not that envelope gets 400.
import type { RecordedRequest, Reply } from './vendor-server.js';

export const TEAMS_LIMIT_BYTES = 28 * 1024;

/** Why Teams would refuse the body, or [] when it would post it. */
export function teamsEnvelopeProblems(body: unknown): string[] {
  const b = body as { type?: unknown; attachments?: unknown };
  if (b?.type !== 'message') return ['type must be "message"'];
  if (!Array.isArray(b.attachments) || b.attachments.length === 0) return ['attachments missing'];
  const problems: string[] = [];
  b.attachments.forEach(
    (
      a: { contentType?: unknown; content?: { type?: unknown; version?: unknown; body?: unknown } },
      i: number,
    ) => {
      if (a?.contentType !== 'application/vnd.microsoft.card.adaptive')
        problems.push(`attachments[${i}].contentType`);
      if (a?.content?.type !== 'AdaptiveCard') problems.push(`attachments[${i}].content.type`);
      if (a?.content?.version !== '1.4') problems.push(`attachments[${i}].content.version`);
      if (!Array.isArray(a?.content?.body)) problems.push(`attachments[${i}].content.body`);
    },
  );
  return problems;
}

export function teamsWorkflow() {
  const cards: unknown[] = [];
  const handler = (req: RecordedRequest): Reply => {
    if (req.method !== 'POST') return { status: 405, body: '' };
    if (Buffer.byteLength(req.body) > TEAMS_LIMIT_BYTES)
      return {
        status: 413,
        body: { error: { code: 'RequestEntityTooLarge', message: 'The request is too large' } },
      };
    let body: unknown;
    try {
      body = JSON.parse(req.body);
    } catch {
      return { status: 400, body: { error: { code: 'InvalidRequestContent', message: 'not JSON' } } };
    }
    const problems = teamsEnvelopeProblems(body);
    if (problems.length > 0)
      return {
        status: 400,
        body: { error: { code: 'InvalidRequestContent', message: problems.join('; ') } },
      };
    cards.push((body as { attachments: { content: unknown }[] }).attachments[0]!.content);
    return { status: 202, body: '' };
  };
  return { cards, handler };
}
