import * as z from 'zod/mini';
import { checkIncident } from '../internal/incident-input.js';
import { parseWith } from '../internal/validate.js';
import { invalidInput } from '../model/index.js';
import { lazySchema } from '../model/lazy.js';

/** Slack's limit on channel names. */
const MAX_LENGTH = 80;

/**
 * Options of {@link channelName}.
 *
 * @example
 * ```ts
 * import type { ChannelNameOptions } from 'incidentkit/comms';
 * const options: ChannelNameOptions = { prefix: 'inc', withId: true };
 * ```
 */
export interface ChannelNameOptions {
  /** First word of the name; default `incident`. Lowercase letters, digits and `-`, up to 20. */
  readonly prefix?: string | undefined;
  /** Append the incident id (slugged), for hosts that see several same-day incidents with one title. */
  readonly withId?: boolean | undefined;
}

const ChannelNameOptionsSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    prefix: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,19}$/, 'use 1–20 of a-z, 0-9 and -'))),
    withId: z.optional(z.boolean()),
  }),
);

/** `YYYY-MM-DD` in UTC (by hand: channel names need no time-zone code in the bundle). */
function utcDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Lowercase ASCII words joined by `-`: accents dropped, everything else a separator. */
function slug(title: string): string {
  const text = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
  return trimHyphens(text);
}

/** The text without leading and trailing hyphens (by hand: `/^-+|-+$/` rescans hyphen runs). */
function trimHyphens(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 0x2d) start++;
  while (end > start && text.charCodeAt(end - 1) === 0x2d) end--;
  return text.slice(start, end);
}

/** Cuts a slug to `max` characters at a word boundary when one is near. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const boundary = head.lastIndexOf('-');
  return trimHyphens(boundary >= max / 2 ? head.slice(0, boundary) : head);
}

/**
 * A Slack-friendly incident channel name: `incident-<detection date in UTC>-<title slug>`, lowercase
 * `a-z0-9-`, at most 80 characters. It depends only on the detection time and title (and the id
 * with `withId`), so it is stable across calls and events; a title with no ASCII letters or digits
 * uses the id instead.
 *
 * @example
 * ```ts
 * import { declareIncident } from 'incidentkit/lifecycle';
 * import { channelName } from 'incidentkit/comms';
 * const { incident } = declareIncident({ title: 'Checkout errors!', at: '2026-11-24T09:00:00Z' });
 * channelName(incident); // 'incident-2026-11-24-checkout-errors'
 * ```
 */
export function channelName(incident: unknown, options: ChannelNameOptions = {}): string {
  const i = checkIncident(incident);
  if (typeof i.title !== 'string') throw invalidInput('incident.title', 'expected a string');
  const detectedAt = i.milestones.detectedAt;
  if (!Number.isInteger(detectedAt) || detectedAt < 0 || detectedAt > 8.64e15) {
    throw invalidInput('incident.milestones.detectedAt', 'expected epoch ms');
  }
  const opts = parseWith(ChannelNameOptionsSchema, options, 'options');
  const date = utcDate(detectedAt);
  const head = `${opts.prefix ?? 'incident'}-${date}`;
  const idSlug = slug(i.id) || 'incident';
  let titleSlug = slug(i.title);
  if (titleSlug === '') return cut(`${head}-${idSlug}`, MAX_LENGTH);
  if (!opts.withId) return `${head}-${cut(titleSlug, MAX_LENGTH - head.length - 1)}`;
  const tail = cut(idSlug, 24);
  titleSlug = cut(titleSlug, MAX_LENGTH - head.length - tail.length - 2);
  return titleSlug === '' ? `${head}-${tail}` : `${head}-${titleSlug}-${tail}`;
}
