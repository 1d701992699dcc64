import type { ChannelRef } from './message.js';
import { safeUrl } from './safe-url.js';

const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{2,30}$/;
const TEAMS_CHANNEL_ID = /^19:[A-Za-z0-9_-]{1,160}@thread\.(?:tacv2|skype|v2)$/;

/** The id when it is a Slack channel id (`C0123ABCD`), which Slack renders as `<#C0123ABCD>`. */
export function slackChannelId(ref: ChannelRef): string | undefined {
  return SLACK_CHANNEL_ID.test(ref.id) ? ref.id : undefined;
}

// encodeURIComponent leaves ! ' ( ) * alone; the safe-URL rule admits none of the quotes or parentheses.
const encode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The link a channel reference renders as outside Slack: its own `url` when that is a safe
 * `https:` URL, else for a Teams channel id the Teams deep link to the channel
 * (`https://teams.microsoft.com/l/channel/<id>/<name>`), else none.
 */
export function channelUrl(ref: ChannelRef): string | undefined {
  if (ref.url !== undefined) return safeUrl(ref.url);
  if (!TEAMS_CHANNEL_ID.test(ref.id)) return undefined;
  return safeUrl(`https://teams.microsoft.com/l/channel/${encode(ref.id)}/${encode(ref.name)}`);
}
