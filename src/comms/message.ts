import * as z from 'zod/mini';
import { EpochMsSchema, IdSchema, PhaseSchema } from '../model/index.js';
import { built, lazySchema } from '../model/lazy.js';
import { safeUrl, URL_MAX } from './safe-url.js';

/**
 * What a message is: one per builder.
 *
 * @example
 * ```ts
 * import { MESSAGE_KINDS } from 'incidentkit/comms';
 * MESSAGE_KINDS.includes('status-update'); // true
 * ```
 */
export const MESSAGE_KINDS = [
  'initial-notification',
  'status-update',
  'resolution-notice',
  'status-page-update',
  'postmortem-published',
  'reminder',
  'acknowledged',
] as const;

/**
 * One of {@link MESSAGE_KINDS}.
 *
 * @example
 * ```ts
 * import type { MessageKind } from 'incidentkit/comms';
 * const kind: MessageKind = 'resolution-notice';
 * ```
 */
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * The Statuspage-style status of a public update, derived from the phase.
 *
 * @example
 * ```ts
 * import { StatusPageStatusSchema } from 'incidentkit/comms';
 * StatusPageStatusSchema.parse('identified'); // 'identified'
 * ```
 */
export const StatusPageStatusSchema = /*#__PURE__*/ lazySchema(() =>
  z.enum(['investigating', 'identified', 'monitoring', 'resolved']),
);
/** See {@link StatusPageStatusSchema}. */
export type StatusPageStatus = z.output<typeof StatusPageStatusSchema>;

/**
 * Why a responder is reminded: a status update is overdue under the cadence, the acknowledgement
 * or mitigation deadline has passed, roles the severity requires are unassigned, or the postmortem
 * is due.
 *
 * @example
 * ```ts
 * import { ReminderReasonSchema } from 'incidentkit/comms';
 * ReminderReasonSchema.parse('update-overdue'); // 'update-overdue'
 * ```
 */
export const ReminderReasonSchema = /*#__PURE__*/ lazySchema(() =>
  z.enum(['update-overdue', 'acknowledge-overdue', 'mitigate-overdue', 'roles-missing', 'postmortem-due']),
);
/** See {@link ReminderReasonSchema}. */
export type ReminderReason = z.output<typeof ReminderReasonSchema>;

/**
 * A real chat channel the incident is run in: its id in the chat platform (a Slack channel id such
 * as `C0123ABCD`, or a Teams channel id such as `19:abc@thread.tacv2`), its name, and optionally an
 * `https:` link to it. Slack renders a Slack id as a channel link (`<#C0123ABCD>`); Teams and the
 * other formats link `url`, or for a Teams id a Teams deep link built from it.
 *
 * @example
 * ```ts
 * import { ChannelRefSchema } from 'incidentkit/comms';
 * ChannelRefSchema.parse({ id: 'C0123ABCD', name: 'inc-checkout-errors' }).id; // 'C0123ABCD'
 * ```
 */
export const ChannelRefSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    id: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9:@._-]{0,199}$/, 'expected a chat channel id')),
    name: z.string().check(
      z.minLength(1),
      z.maxLength(80),
      z.refine((s) => s.trim() !== '', 'must not be blank'),
    ),
    url: z.optional(
      z.string().check(
        z.maxLength(URL_MAX),
        z.refine((url) => safeUrl(url) !== undefined, 'must be a plain https: URL'),
      ),
    ),
  }),
);
/** See {@link ChannelRefSchema}. */
export type ChannelRef = z.output<typeof ChannelRefSchema>;

const TEXT_MAX = 20_000;
const plain = (max: number) => z.string().check(z.maxLength(max));

/**
 * One labelled value of a message. `key` is stable (templates refer to it as `{{key}}`), `label` is
 * the wording shown, `items` (when present) is shown as a list and `value` is the same list on one
 * line. `url` is the only way a rendered message contains a link: builders set it only from an
 * incident's recorded postmortem URL, and renderers link it only when it is a plain `http(s)` URL.
 *
 * @example
 * ```ts
 * import type { MessageField } from 'incidentkit/comms';
 * const field: MessageField = { key: 'severity', label: 'Severity', value: 'SEV1 (Critical)' };
 * ```
 */
export const MessageFieldSchema = /*#__PURE__*/ lazySchema(() =>
  z.object({
    key: z
      .string()
      .check(z.regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/, 'use letters and digits, starting with a letter')),
    label: z.string().check(z.minLength(1), z.maxLength(200)),
    value: plain(TEXT_MAX),
    items: z.optional(z.array(plain(TEXT_MAX)).check(z.maxLength(100))),
    url: z.optional(
      z.string().check(
        z.maxLength(URL_MAX),
        z.refine(
          (url) => safeUrl(url, { allowHttp: true }) !== undefined,
          'must be a plain https: or http: URL',
        ),
      ),
    ),
  }),
);
/** See {@link MessageFieldSchema}. */
export type MessageField = z.output<typeof MessageFieldSchema>;

/** The fields that may carry a link, by kind: only those a builder sets one on. */
const LINKED_FIELDS: Readonly<Partial<Record<string, string>>> = {
  'initial-notification': 'channel',
  'postmortem-published': 'postmortem',
};

/**
 * A message a builder made: plain text only (no markup), rendered by {@link renderMessage}.
 * Discriminated on `kind`; every kind has `incidentId`, `audience`, `title`, `fields`, `body?`,
 * `at` (epoch ms) and `timeZone?` (the zone its times were written in), plus what is specific to
 * it (`nextUpdateAt`, `status`, …). A field may carry a `url` only where a builder sets one (the
 * `channel` of an initial notification, the `postmortem` of a postmortem announcement), and only a
 * plain `https:` or `http:` URL; renderers link `http:` only when asked to.
 *
 * @example
 * ```ts
 * import { declareIncident } from 'incidentkit/lifecycle';
 * import { initialNotification, MessageSchema } from 'incidentkit/comms';
 * const { incident } = declareIncident({ title: 'Checkout errors', at: '2026-11-24T09:00:00Z' });
 * MessageSchema.parse(initialNotification(incident)).kind; // 'initial-notification'
 * ```
 */
export const MessageSchema = /*#__PURE__*/ lazySchema(() => {
  const base = {
    incidentId: built(IdSchema),
    title: z.string().check(z.minLength(1), z.maxLength(1_000)),
    fields: z.array(built(MessageFieldSchema)).check(z.maxLength(30)),
    body: z.optional(plain(TEXT_MAX)),
    at: built(EpochMsSchema),
    timeZone: z.optional(z.string().check(z.maxLength(64))),
  };
  const internalAudience = z.enum(['responders', 'stakeholders']);
  const severity = z.optional(z.string().check(z.maxLength(64)));
  return z
    .discriminatedUnion('kind', [
      z.object({
        kind: z.literal('initial-notification'),
        audience: internalAudience,
        ...base,
        severity,
        channel: plain(80),
        channelRef: z.optional(built(ChannelRefSchema)),
        nextUpdateAt: z.optional(built(EpochMsSchema)),
      }),
      z.object({
        kind: z.literal('status-update'),
        audience: internalAudience,
        ...base,
        severity,
        phase: built(PhaseSchema),
        nextUpdateAt: z.optional(built(EpochMsSchema)),
        etaAt: z.optional(built(EpochMsSchema)),
      }),
      z.object({
        kind: z.literal('resolution-notice'),
        audience: internalAudience,
        ...base,
        severity,
        resolvedAt: built(EpochMsSchema),
        durationMs: z.number().check(z.int()),
        postmortemAt: z.optional(built(EpochMsSchema)),
      }),
      z.object({
        kind: z.literal('status-page-update'),
        audience: z.literal('public'),
        ...base,
        status: built(StatusPageStatusSchema),
        services: z.array(plain(200)).check(z.maxLength(100)),
      }),
      z.object({
        kind: z.literal('postmortem-published'),
        audience: internalAudience,
        ...base,
        severity,
        publishedAt: built(EpochMsSchema),
        url: z.optional(plain(2_000)),
      }),
      z.object({
        kind: z.literal('reminder'),
        audience: z.literal('responders'),
        ...base,
        severity,
        phase: built(PhaseSchema),
        reason: built(ReminderReasonSchema),
        dueAt: built(EpochMsSchema),
        missingRoles: z.optional(z.array(plain(64)).check(z.maxLength(100))),
      }),
      z.object({
        kind: z.literal('acknowledged'),
        audience: z.literal('responders'),
        ...base,
        severity,
        phase: built(PhaseSchema),
        acknowledgedAt: built(EpochMsSchema),
        acknowledgedBy: z.optional(plain(200)),
      }),
    ])
    .check(
      z.superRefine((message, ctx) => {
        const linked = LINKED_FIELDS[message.kind];
        message.fields.forEach((f, i) => {
          if (f.url !== undefined && f.key !== linked) {
            ctx.addIssue({
              code: 'custom',
              message: linked
                ? `only the ${linked} field of a ${message.kind} message may carry a link`
                : `a ${message.kind} message carries no links`,
              path: ['fields', i, 'url'],
              input: f.url,
            });
          }
        });
      }),
    );
});

/** See {@link MessageSchema}. */
export type Message = z.output<typeof MessageSchema>;

/**
 * The message of one kind.
 *
 * @example
 * ```ts
 * import type { MessageOf } from 'incidentkit/comms';
 * type Public = MessageOf<'status-page-update'>; // has `status`
 * ```
 */
export type MessageOf<K extends MessageKind> = Extract<Message, { kind: K }>;
/** A message from {@link initialNotification}. */
export type InitialNotificationMessage = MessageOf<'initial-notification'>;
/** A message from {@link statusUpdate}. */
export type StatusUpdateMessage = MessageOf<'status-update'>;
/** A message from {@link resolutionNotice}. */
export type ResolutionNoticeMessage = MessageOf<'resolution-notice'>;
/** A message from {@link statusPageUpdate}. */
export type StatusPageUpdateMessage = MessageOf<'status-page-update'>;
/** A message from {@link postmortemPublished}. */
export type PostmortemPublishedMessage = MessageOf<'postmortem-published'>;
/** A message from {@link reminder}. */
export type ReminderMessage = MessageOf<'reminder'>;
/** A message from {@link acknowledgement}. */
export type AcknowledgedMessage = MessageOf<'acknowledged'>;
