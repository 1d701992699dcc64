// What draftPostmortem takes: the authors' input and the options, their types and schemas.
import * as z from 'zod/mini';
import { LIMITS } from '../internal/limits.js';
import {
  ActionItemKindSchema,
  ActionItemStatusSchema,
  ActorSchema,
  IdSchema,
  type TimeInput,
  TimestampSchema,
} from '../model/index.js';
import { built, lazySchema } from '../model/lazy.js';
import type { SeverityPolicy, SeverityPolicyConfig } from '../severity/index.js';
import { HolidaysSchema, type ReviewWeekday, WorkingDaysSchema } from './review-window.js';
import type { PostmortemTemplate, PostmortemTemplateConfig } from './template.js';

/**
 * Text as one paragraph or a list of paragraphs (list items for list sections).
 *
 * @example
 * ```ts
 * import type { PostmortemText } from 'incidentkit/postmortem';
 * const wentWell: PostmortemText = ['The alert paged within 8 min.', 'The rollback took 4 min.'];
 * ```
 */
export type PostmortemText = string | readonly string[];

/**
 * An action item the postmortem proposes (besides the incident's own). `dueAt` accepts a `Date`,
 * an ISO string with offset, or epoch ms.
 *
 * @example
 * ```ts
 * import type { PostmortemActionItemInput } from 'incidentkit/postmortem';
 * const item: PostmortemActionItemInput = {
 *   title: 'Alert when checkout-api 5xx rate exceeds 2% for 5 min', owner: 'dana', dueAt: '2026-12-08T17:00:00Z', kind: 'detect',
 * };
 * ```
 */
export interface PostmortemActionItemInput {
  readonly id?: string | undefined;
  readonly title: string;
  readonly owner?: string | undefined;
  readonly dueAt?: TimeInput | undefined;
  readonly status?: 'open' | 'done' | 'wontfix' | undefined;
  readonly completedAt?: TimeInput | undefined;
  readonly kind?: 'prevent' | 'detect' | 'mitigate' | 'process' | undefined;
}

/**
 * What the authors bring to {@link draftPostmortem}; everything else comes from the incident.
 *
 * @example
 * ```ts
 * import type { PostmortemInput } from 'incidentkit/postmortem';
 * const input: PostmortemInput = {
 *   rootCause: 'The connection-pool limit in release 2026.11.24-3 was 20 instead of 200.',
 *   fiveWhys: ['Checkout returned 502s', 'The API ran out of database connections'],
 *   authors: ['alice'],
 *   timeZone: 'Europe/Berlin',
 * };
 * ```
 */
export interface PostmortemInput {
  /** Summary paragraphs. Default: the incident's summary, else a sentence built from its facts. */
  readonly summary?: PostmortemText | undefined;
  /** The authors' description of the impact (the figures come from the incident). */
  readonly impact?: PostmortemText | undefined;
  /** What set the failure off. */
  readonly trigger?: PostmortemText | undefined;
  /** How we found out (the source and timings come from the incident). */
  readonly detection?: PostmortemText | undefined;
  readonly rootCause?: PostmortemText | undefined;
  readonly contributingFactors?: PostmortemText | undefined;
  /** The five-whys chain: answers (each question defaults to "Why?"), or question/answer pairs. */
  readonly fiveWhys?: readonly (
    | string
    | { readonly question?: string | undefined; readonly answer: string }
  )[];
  readonly wentWell?: PostmortemText | undefined;
  readonly couldImprove?: PostmortemText | undefined;
  readonly gotLucky?: PostmortemText | undefined;
  /**
   * Action items the postmortem proposes, listed after the incident's own; one whose `id` the
   * incident already has is left out (the incident's version wins).
   */
  readonly actionItems?: readonly PostmortemActionItemInput[] | undefined;
  /** Notes for the Follow-up section. */
  readonly followUp?: PostmortemText | undefined;
  /** Text of the template's custom sections, by section id. */
  readonly sections?: Readonly<Record<string, PostmortemText>> | undefined;
  readonly authors?: readonly string[] | undefined;
  readonly reviewers?: readonly string[] | undefined;
  /** A template (plain data or from `definePostmortemTemplate`). Default: `defaultPostmortemTemplate`. */
  readonly template?: PostmortemTemplateConfig | PostmortemTemplate | undefined;
  /**
   * The severity policy (for the review window and template severities). Default: the default policy.
   * @deprecated Pass it in the options (third argument): `draftPostmortem(incident, input, { policy })`.
   */
  readonly policy?: SeverityPolicy | SeverityPolicyConfig | undefined;
  /** IANA time zone the rendered document shows times in (UTC is shown alongside). Default UTC. */
  readonly timeZone?: string | undefined;
  /** Working days and holidays for the review window (see `reviewWindow`). */
  readonly workingDays?: readonly ReviewWeekday[] | undefined;
  readonly holidays?: readonly string[] | undefined;
  /** The scheduled review meeting. */
  readonly reviewAt?: TimeInput | undefined;
  /** When the draft is made. Default: the incident's latest event. */
  readonly at?: TimeInput | undefined;
  /** Default: `published` when the incident has a published postmortem, else `draft`. */
  readonly status?: 'draft' | 'published' | undefined;
}

export const Paragraph = /*#__PURE__*/ lazySchema(() => z.string().check(z.maxLength(LIMITS.text)));
export const TextInput = /*#__PURE__*/ lazySchema(() =>
  z.union([built(Paragraph), z.array(built(Paragraph)).check(z.maxLength(500))]),
);
export const ActionItemInputSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    id: z.optional(built(IdSchema)),
    title: z.string().check(z.minLength(1), z.maxLength(LIMITS.title)),
    owner: z.optional(built(ActorSchema)),
    dueAt: z.optional(built(TimestampSchema)),
    status: z.optional(built(ActionItemStatusSchema)),
    completedAt: z.optional(built(TimestampSchema)),
    kind: z.optional(built(ActionItemKindSchema)),
  }),
);
/**
 * Options of {@link draftPostmortem}: the policy and template to draft by.
 *
 * @example
 * ```ts
 * import type { DraftPostmortemOptions } from 'incidentkit/postmortem';
 * const options: DraftPostmortemOptions = { template: { sections: [{ id: 'summary', required: true }] } };
 * ```
 */
export interface DraftPostmortemOptions {
  /** The severity policy (its id must match the incident's stamp). Default: the default policy. */
  readonly policy?: SeverityPolicy | SeverityPolicyConfig | undefined;
  /** A template (plain data or from `definePostmortemTemplate`); wins over `input.template`. */
  readonly template?: PostmortemTemplateConfig | PostmortemTemplate | undefined;
}

export const DraftOptionsSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    policy: z.optional(z.unknown()),
    template: z.optional(z.unknown()),
  }),
);

export const InputSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    summary: z.optional(built(TextInput)),
    impact: z.optional(built(TextInput)),
    trigger: z.optional(built(TextInput)),
    detection: z.optional(built(TextInput)),
    rootCause: z.optional(built(TextInput)),
    contributingFactors: z.optional(built(TextInput)),
    fiveWhys: z.optional(
      z
        .array(
          z.union([
            built(Paragraph),
            z.strictObject({ question: z.optional(built(Paragraph)), answer: built(Paragraph) }),
          ]),
        )
        .check(z.maxLength(50)),
    ),
    wentWell: z.optional(built(TextInput)),
    couldImprove: z.optional(built(TextInput)),
    gotLucky: z.optional(built(TextInput)),
    actionItems: z.optional(z.array(built(ActionItemInputSchema)).check(z.maxLength(LIMITS.actionItems))),
    followUp: z.optional(built(TextInput)),
    sections: z.optional(
      z
        .record(
          z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'is not a section id')),
          built(TextInput),
        )
        .check(z.refine((r) => Object.keys(r).length <= 50, 'must have at most 50 sections')),
    ),
    authors: z.optional(z.array(built(ActorSchema)).check(z.maxLength(LIMITS.listEntries))),
    reviewers: z.optional(z.array(built(ActorSchema)).check(z.maxLength(LIMITS.listEntries))),
    template: z.optional(z.unknown()),
    policy: z.optional(z.unknown()),
    timeZone: z.optional(z.string()),
    workingDays: z.optional(built(WorkingDaysSchema)),
    holidays: z.optional(built(HolidaysSchema)),
    reviewAt: z.optional(built(TimestampSchema)),
    at: z.optional(built(TimestampSchema)),
    status: z.optional(z.enum(['draft', 'published'])),
  }),
);
