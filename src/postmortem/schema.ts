import * as z from 'zod/mini';
import { LIMITS } from '../internal/limits.js';
import { text } from '../internal/text-schema.js';
import { parseWith } from '../internal/validate.js';
import { actionItemFields } from '../model/action-item.js';
import {
  ActorSchema,
  EpochMsSchema,
  EVENT_TYPES,
  IdSchema,
  ImpactSchema,
  IncidentSourceSchema,
  LabelListSchema,
  SafeKeySchema,
} from '../model/index.js';
import { built, lazySchema } from '../model/lazy.js';
import { isTimeZone } from '../model/time-zone.js';
import { BUILT_IN_SECTIONS, isBuiltInSectionId } from './sections.js';

/** Bounds of a postmortem document: roomy for real use, finite so one document cannot exhaust memory. */
const MAX_ENTRIES = 500;
const MAX_TIMELINE = 50_000;
const MAX_SECTIONS = 50;

const Paragraph = /*#__PURE__*/ lazySchema(() => z.string().check(z.maxLength(LIMITS.text)));
const Paragraphs = /*#__PURE__*/ lazySchema(() => z.array(built(Paragraph)).check(z.maxLength(MAX_ENTRIES)));
const DurationMs = /*#__PURE__*/ lazySchema(() => z.number().check(z.int(), z.nonnegative()));

/** Free text as paragraphs (Summary, Root cause, custom sections). */
export const PostmortemTextContentSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    kind: z.literal('text'),
    paragraphs: built(Paragraphs),
  }),
);

/** A bulleted list (Contributing factors, What went well, What could improve, Where we got lucky). */
export const PostmortemListContentSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    kind: z.literal('list'),
    items: built(Paragraphs),
  }),
);

/**
 * One link of the five-whys chain: the question (defaults to "Why?") and its answer.
 *
 * @example
 * ```ts
 * import { PostmortemWhySchema } from 'incidentkit/postmortem';
 * PostmortemWhySchema.parse({ question: 'Why did it run out?', answer: 'The pool limit dropped to 20.' });
 * ```
 */
export const PostmortemWhySchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    question: z.optional(built(Paragraph)),
    answer: built(Paragraph),
  }),
);

/** The five-whys chain: each answer is the subject of the next question. */
export const PostmortemWhysContentSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    kind: z.literal('whys'),
    steps: z.array(built(PostmortemWhySchema)).check(z.maxLength(MAX_ENTRIES)),
  }),
);

/**
 * Impact: the incident's impact as classified, the milestones that bound it (epoch ms), the
 * durations derived from them, the services and regions hit, what mitigated and what resolved it,
 * and the authors' own description.
 */
export const PostmortemImpactContentSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    kind: z.literal('impact'),
    impact: built(ImpactSchema),
    services: built(LabelListSchema),
    startedAt: z.optional(built(EpochMsSchema)),
    detectedAt: z.optional(built(EpochMsSchema)),
    mitigatedAt: z.optional(built(EpochMsSchema)),
    resolvedAt: z.optional(built(EpochMsSchema)),
    timeToDetectMs: z.optional(built(DurationMs)),
    timeToMitigateMs: z.optional(built(DurationMs)),
    timeToResolveMs: z.optional(built(DurationMs)),
    mitigation: z.optional(built(Paragraph)),
    resolution: z.optional(built(Paragraph)),
    reopenCount: z.optional(z.number().check(z.int(), z.nonnegative())),
    paragraphs: built(Paragraphs),
  }),
);

/** Trigger and detection: what set it off, how it was noticed (source) and how fast. */
export const PostmortemDetectionContentSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    kind: z.literal('detection'),
    source: z.optional(built(IncidentSourceSchema)),
    startedAt: z.optional(built(EpochMsSchema)),
    detectedAt: z.optional(built(EpochMsSchema)),
    acknowledgedAt: z.optional(built(EpochMsSchema)),
    timeToDetectMs: z.optional(built(DurationMs)),
    timeToAcknowledgeMs: z.optional(built(DurationMs)),
    trigger: built(Paragraphs),
    detection: built(Paragraphs),
  }),
);

/**
 * One timeline row: when (epoch ms), what, who, and whether it was a decision.
 *
 * @example
 * ```ts
 * import { PostmortemTimelineRowSchema } from 'incidentkit/postmortem';
 * PostmortemTimelineRowSchema.parse({ at: 1795532460000, text: 'Roll back payments-api', by: 'dana', decision: true });
 * ```
 */
export const PostmortemTimelineRowSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    at: built(EpochMsSchema),
    text: z.string().check(z.maxLength(LIMITS.text + LIMITS.title)),
    by: z.optional(built(ActorSchema)),
    type: z.optional(z.enum(EVENT_TYPES)),
    eventId: z.optional(built(IdSchema)),
    decision: z.optional(z.literal(true)),
  }),
);

/** The timeline, in time order. */
export const PostmortemTimelineContentSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    kind: z.literal('timeline'),
    entries: z.array(built(PostmortemTimelineRowSchema)).check(z.maxLength(MAX_TIMELINE)),
  }),
);

/**
 * One action item row (the incident's own action items and those the postmortem proposes).
 *
 * @example
 * ```ts
 * import { PostmortemActionItemRowSchema } from 'incidentkit/postmortem';
 * PostmortemActionItemRowSchema.parse({ id: 'act_1', title: 'Alert on pool saturation', status: 'open', kind: 'detect' });
 * ```
 */
export const PostmortemActionItemRowSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject(actionItemFields()),
);

/** The action items table. */
export const PostmortemActionItemsContentSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    kind: z.literal('actionItems'),
    items: z.array(built(PostmortemActionItemRowSchema)).check(z.maxLength(LIMITS.actionItems)),
  }),
);

/** Follow-up: the review meeting (scheduled time, or the window it should fall in) and notes. */
export const PostmortemFollowUpContentSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    kind: z.literal('followUp'),
    reviewAt: z.optional(built(EpochMsSchema)),
    reviewEarliest: z.optional(built(EpochMsSchema)),
    reviewLatest: z.optional(built(EpochMsSchema)),
    paragraphs: built(Paragraphs),
  }),
);

/**
 * What a section holds, discriminated on `kind`.
 *
 * @example
 * ```ts
 * import { PostmortemSectionContentSchema } from 'incidentkit/postmortem';
 * PostmortemSectionContentSchema.parse({ kind: 'list', items: ['The rollback took two minutes'] });
 * ```
 */
export const PostmortemSectionContentSchema = /*#__PURE__*/ lazySchema(() =>
  z.discriminatedUnion('kind', [
    built(PostmortemTextContentSchema),
    built(PostmortemListContentSchema),
    built(PostmortemWhysContentSchema),
    built(PostmortemImpactContentSchema),
    built(PostmortemDetectionContentSchema),
    built(PostmortemTimelineContentSchema),
    built(PostmortemActionItemsContentSchema),
    built(PostmortemFollowUpContentSchema),
  ]),
);

const SectionIdSchema = /*#__PURE__*/ lazySchema(() =>
  z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(64),
      z.regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'start with a letter; use letters, digits, _ and -'),
    ),
);

/**
 * One section of a postmortem: a stable `id` (a built-in id or a template's own), the `title`
 * shown, whether the template requires it, an optional `prompt` (guidance shown while it is
 * empty) and its content.
 *
 * @example
 * ```ts
 * import { PostmortemSectionSchema } from 'incidentkit/postmortem';
 * PostmortemSectionSchema.parse({
 *   id: 'rootCause', title: 'Root cause', required: true,
 *   content: { kind: 'text', paragraphs: ['The connection pool limit was lowered from 200 to 20.'] },
 * });
 * ```
 */
export const PostmortemSectionSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    id: built(SectionIdSchema),
    title: text(LIMITS.title),
    required: z.boolean(),
    prompt: z.optional(z.string().check(z.maxLength(LIMITS.reason))),
    content: built(PostmortemSectionContentSchema),
  }),
);

/**
 * `draft` while being written; `published` once shared (and `PUBLISH_POSTMORTEM` recorded).
 *
 * @example
 * ```ts
 * import { PostmortemStatusSchema } from 'incidentkit/postmortem';
 * PostmortemStatusSchema.parse('published');
 * ```
 */
export const PostmortemStatusSchema = /*#__PURE__*/ lazySchema(() => z.enum(['draft', 'published']));

/**
 * Who wrote and reviewed it, its state, and the incident facts the header shows (`roles` are the
 * incident's role holders; `timeZone` the zone times are shown in).
 *
 * @example
 * ```ts
 * import { PostmortemMetadataSchema } from 'incidentkit/postmortem';
 * PostmortemMetadataSchema.parse({
 *   schemaVersion: 1, incidentId: 'INC-7', title: 'Checkout errors', status: 'draft', authors: ['alice'],
 *   reviewers: [], roles: { commander: 'alice' }, draftedAt: 1795510800000, timeZone: 'UTC',
 * });
 * ```
 */
export const PostmortemMetadataSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    schemaVersion: z.literal(1),
    incidentId: built(IdSchema),
    title: text(LIMITS.title),
    severity: z.optional(z.string().check(z.minLength(1), z.maxLength(32))),
    drill: z.optional(z.boolean()),
    status: built(PostmortemStatusSchema),
    authors: z.array(built(ActorSchema)).check(z.maxLength(LIMITS.listEntries)),
    reviewers: z.array(built(ActorSchema)).check(z.maxLength(LIMITS.listEntries)),
    roles: z.record(built(SafeKeySchema), built(ActorSchema)),
    draftedAt: built(EpochMsSchema),
    publishedAt: z.optional(built(EpochMsSchema)),
    url: z.optional(z.url({ protocol: /^https?$/ }).check(z.maxLength(2_000))),
    timeZone: z.string().check(z.refine(isTimeZone, 'must be an IANA time zone such as "Europe/Berlin"')),
    template: z.optional(z.string().check(z.minLength(1), z.maxLength(LIMITS.name))),
  }),
);

/**
 * A postmortem document: plain JSON (timestamps in epoch ms), safe to store, diff and send. The
 * schema also checks that section ids are unique and that each built-in section holds its kind of
 * content (`timeline` a timeline, `actionItems` action items…).
 *
 * @example
 * ```ts
 * import { declareIncident } from 'incidentkit/lifecycle';
 * import { draftPostmortem, PostmortemSchema } from 'incidentkit/postmortem';
 * const { incident } = declareIncident({ title: 'Checkout errors', at: '2026-11-24T09:00:00Z' });
 * PostmortemSchema.parse(JSON.parse(JSON.stringify(draftPostmortem(incident)))).metadata.status; // 'draft'
 * ```
 */
export const PostmortemSchema = /*#__PURE__*/ lazySchema(() =>
  z
    .strictObject({
      metadata: built(PostmortemMetadataSchema),
      sections: z.array(built(PostmortemSectionSchema)).check(z.maxLength(MAX_SECTIONS)),
    })
    .check(
      z.superRefine((doc, ctx) => {
        const seen = new Set<string>();
        doc.sections.forEach((section, i) => {
          if (seen.has(section.id)) {
            ctx.issues.push({
              code: 'custom',
              message: `section id "${section.id}" is used twice`,
              input: section.id,
              path: ['sections', i, 'id'],
            });
          }
          seen.add(section.id);
          const expected = isBuiltInSectionId(section.id) ? BUILT_IN_SECTIONS[section.id].kind : 'text';
          const allowed = isBuiltInSectionId(section.id) ? [expected] : ['text', 'list'];
          if (!allowed.includes(section.content.kind)) {
            ctx.issues.push({
              code: 'custom',
              message: `section "${section.id}" holds ${allowed.map((k) => `"${k}"`).join(' or ')} content, not "${section.content.kind}"`,
              input: section.content.kind,
              path: ['sections', i, 'content', 'kind'],
            });
          }
        });
      }),
    ),
);

/**
 * A postmortem document (see {@link PostmortemSchema}).
 *
 * @example
 * ```ts
 * import type { Postmortem } from 'incidentkit/postmortem';
 * const titles = (pm: Postmortem) => pm.sections.map((s) => s.title);
 * ```
 */
export type Postmortem = z.output<typeof PostmortemSchema>;
/** See {@link PostmortemSectionSchema}. */
export type PostmortemSection = z.output<typeof PostmortemSectionSchema>;
/** See {@link PostmortemSectionContentSchema}. */
export type PostmortemSectionContent = z.output<typeof PostmortemSectionContentSchema>;
/** See {@link PostmortemMetadataSchema}. */
export type PostmortemMetadata = z.output<typeof PostmortemMetadataSchema>;
/** See {@link PostmortemStatusSchema}. */
export type PostmortemStatus = z.output<typeof PostmortemStatusSchema>;
/** See {@link PostmortemTimelineRowSchema}. */
export type PostmortemTimelineRow = z.output<typeof PostmortemTimelineRowSchema>;
/** See {@link PostmortemActionItemRowSchema}. */
export type PostmortemActionItemRow = z.output<typeof PostmortemActionItemRowSchema>;
/** See {@link PostmortemWhySchema}. */
export type PostmortemWhy = z.output<typeof PostmortemWhySchema>;

/**
 * Fully validates a postmortem read from storage or the network (JSON text or a parsed object);
 * throws `INVALID_INPUT` naming every bad field (`postmortem.sections[3].content.items[0]`).
 * `parsePostmortem(renderPostmortem(pm, 'json'))` equals `pm`.
 *
 * @example
 * ```ts
 * import { declareIncident } from 'incidentkit/lifecycle';
 * import { draftPostmortem, parsePostmortem, renderPostmortem } from 'incidentkit/postmortem';
 * const { incident } = declareIncident({ title: 'DNS outage', at: '2026-11-24T09:00:00Z' });
 * const pm = draftPostmortem(incident);
 * parsePostmortem(renderPostmortem(pm, 'json')).metadata.title; // 'DNS outage'
 * ```
 */
export function parsePostmortem(json: unknown): Postmortem {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch {
      return parseWith(PostmortemSchema, Symbol('not JSON'), 'postmortem');
    }
  }
  return parseWith(PostmortemSchema, value, 'postmortem');
}
