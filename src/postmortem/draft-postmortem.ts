import * as z from 'zod/mini';
import { assertTimeZone, formatDuration, formatTimestamp } from '../internal/format-time.js';
import { LIMITS } from '../internal/limits.js';
import { parseWith } from '../internal/validate.js';
import {
  ActionItemKindSchema,
  ActionItemStatusSchema,
  ActorSchema,
  IdSchema,
  type Incident,
  IncidentKitError,
  IncidentSchema,
  type IncidentSource,
  type TimeInput,
  TimestampSchema,
} from '../model/index.js';
import { built, lazySchema } from '../model/lazy.js';
import {
  policyForIncident,
  type SeverityPolicy,
  type SeverityPolicyConfig,
  severityLevel,
} from '../severity/index.js';
import { HolidaysSchema, type ReviewWeekday, reviewWindow, WorkingDaysSchema } from './review-window.js';
import type {
  Postmortem,
  PostmortemActionItemRow,
  PostmortemSection,
  PostmortemSectionContent,
  PostmortemTimelineRow,
  PostmortemWhy,
} from './schema.js';
import type { PostmortemSectionId } from './sections.js';
import {
  definePostmortemTemplate,
  type PostmortemTemplate,
  type PostmortemTemplateConfig,
  type ResolvedTemplateSection,
  templateSectionsFor,
} from './template.js';

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

const Paragraph = /*#__PURE__*/ lazySchema(() => z.string().check(z.maxLength(LIMITS.text)));
const TextInput = /*#__PURE__*/ lazySchema(() =>
  z.union([built(Paragraph), z.array(built(Paragraph)).check(z.maxLength(500))]),
);
const ActionItemInputSchema = /*#__PURE__*/ lazySchema(() =>
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

const DraftOptionsSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    policy: z.optional(z.unknown()),
    template: z.optional(z.unknown()),
  }),
);

const InputSchema = /*#__PURE__*/ lazySchema(() =>
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

/** Paragraphs without blank entries; surrounding whitespace trimmed. */
function paragraphs(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : value;
  return list.map((p) => p.trim()).filter((p) => p.length > 0);
}

const SOURCE_TEXT: Readonly<Record<IncidentSource, string>> = {
  monitoring: 'by monitoring',
  synthetic: 'by a synthetic check',
  anomaly: 'by anomaly detection',
  customer: 'from a customer report',
  internal: 'internally',
};

function since(from: number | undefined, to: number | undefined): number | undefined {
  return from === undefined || to === undefined || to < from ? undefined : to - from;
}

/** A factual opening sentence for a postmortem nobody has summarised yet. */
function generatedSummary(incident: Incident, timeZone: string | undefined): string {
  const m = incident.milestones;
  const start = m.startedAt ?? m.detectedAt;
  const parts = [
    `${incident.title}: ${incident.severity ? `a ${incident.severity} incident` : 'an incident'}${
      incident.services.length > 0 ? ` affecting ${incident.services.join(', ')}` : ''
    }.`,
  ];
  const detected = since(start, m.detectedAt) ?? 0;
  parts.push(
    `Impact began ${formatTimestamp(start, { timeZone })} and was detected ${SOURCE_TEXT[incident.source]} ${
      detected >= 1_000 ? `${formatDuration(detected)} later` : 'as it began'
    }`,
  );
  const mitigated = since(start, m.mitigatedAt);
  const resolved = since(start, m.resolvedAt);
  if (mitigated !== undefined && resolved !== undefined) {
    parts[1] += `; it was mitigated after ${formatDuration(mitigated)} and resolved after ${formatDuration(resolved)}.`;
  } else if (mitigated !== undefined) {
    parts[1] += `; it was mitigated after ${formatDuration(mitigated)}.`;
  } else {
    parts[1] += '.';
  }
  return parts.join(' ');
}

function timelineRows(incident: Incident): PostmortemTimelineRow[] {
  const rows = incident.timeline.map((entry) => {
    const row: PostmortemTimelineRow = {
      at: entry.at,
      text: entry.text,
      type: entry.type,
      eventId: entry.eventId,
    };
    if (entry.by !== undefined) row.by = entry.by;
    if (entry.decision) row.decision = true;
    return row;
  });
  // Stable sort: entries recorded at the same instant keep the order they were recorded in.
  return rows
    .map((row, i) => [row, i] as const)
    .sort((a, b) => a[0].at - b[0].at || a[1] - b[1])
    .map(([row]) => row);
}

function actionItemRows(
  incident: Incident,
  proposed: readonly z.output<typeof ActionItemInputSchema>[],
): PostmortemActionItemRow[] {
  const rows: PostmortemActionItemRow[] = incident.actionItems.map((item) => ({ ...item }));
  const onIncident = new Set(rows.map((r) => r.id));
  const ids = new Set(onIncident);
  proposed.forEach((item, i) => {
    let id = item.id;
    if (id === undefined) {
      let n = i + 1;
      do id = `act_pm_${n++}`;
      while (ids.has(id));
    } else if (onIncident.has(id)) {
      // Already recorded on the incident (a redraft after ADD_ACTION_ITEM): the incident's version wins.
      return;
    } else if (ids.has(id)) {
      const message = `action item ${id} appears twice in the list`;
      throw new IncidentKitError('INVALID_INPUT', `input.actionItems[${i}].id: ${message}`, {
        issues: [{ path: `input.actionItems[${i}].id`, message }],
      });
    }
    ids.add(id);
    const row: PostmortemActionItemRow = {
      id,
      title: item.title.trim() || item.title,
      status: item.status ?? 'open',
    };
    if (item.owner !== undefined) row.owner = item.owner;
    if (item.dueAt !== undefined) row.dueAt = item.dueAt;
    if (item.kind !== undefined) row.kind = item.kind;
    if (item.completedAt !== undefined) row.completedAt = item.completedAt;
    rows.push(row);
  });
  return rows;
}

function whys(input: z.output<typeof InputSchema>['fiveWhys']): PostmortemWhy[] {
  const steps: PostmortemWhy[] = [];
  for (const step of input ?? []) {
    if (typeof step === 'string') {
      if (step.trim()) steps.push({ answer: step.trim() });
    } else if (step.answer.trim()) {
      const why: PostmortemWhy = { answer: step.answer.trim() };
      if (step.question?.trim()) why.question = step.question.trim();
      steps.push(why);
    }
  }
  return steps;
}

interface DraftContext {
  readonly incident: Incident;
  readonly input: z.output<typeof InputSchema>;
  readonly policy: SeverityPolicy;
  readonly timeZone: string | undefined;
}

function builtInContent(id: PostmortemSectionId, ctx: DraftContext): PostmortemSectionContent {
  const { incident, input } = ctx;
  const m = incident.milestones;
  const start = m.startedAt ?? m.detectedAt;
  switch (id) {
    case 'summary': {
      const given = paragraphs(input.summary);
      if (given.length > 0) return { kind: 'text', paragraphs: given };
      const own = paragraphs(incident.summary);
      return { kind: 'text', paragraphs: own.length > 0 ? own : [generatedSummary(incident, ctx.timeZone)] };
    }
    case 'impact': {
      const content: PostmortemSectionContent = {
        kind: 'impact',
        impact: incident.impact,
        services: [...incident.services],
        startedAt: start,
        detectedAt: m.detectedAt,
        paragraphs: paragraphs(input.impact),
      };
      const ttd = since(start, m.detectedAt);
      if (ttd !== undefined) content.timeToDetectMs = ttd;
      if (m.mitigatedAt !== undefined) content.mitigatedAt = m.mitigatedAt;
      if (m.resolvedAt !== undefined) content.resolvedAt = m.resolvedAt;
      const ttm = since(start, m.mitigatedAt);
      if (ttm !== undefined) content.timeToMitigateMs = ttm;
      const ttr = since(start, m.resolvedAt);
      if (ttr !== undefined) content.timeToResolveMs = ttr;
      if (incident.mitigation?.summary) content.mitigation = incident.mitigation.summary;
      if (incident.resolution?.summary) content.resolution = incident.resolution.summary;
      if (incident.reopenCount > 0) content.reopenCount = incident.reopenCount;
      return content;
    }
    case 'triggerAndDetection': {
      const content: PostmortemSectionContent = {
        kind: 'detection',
        source: incident.source,
        startedAt: start,
        detectedAt: m.detectedAt,
        trigger: paragraphs(input.trigger),
        detection: paragraphs(input.detection),
      };
      const ttd = since(start, m.detectedAt);
      if (ttd !== undefined) content.timeToDetectMs = ttd;
      if (m.acknowledgedAt !== undefined) {
        content.acknowledgedAt = m.acknowledgedAt;
        const tta = since(m.detectedAt, m.acknowledgedAt);
        if (tta !== undefined) content.timeToAcknowledgeMs = tta;
      }
      return content;
    }
    case 'timeline':
      return { kind: 'timeline', entries: timelineRows(incident) };
    case 'rootCause':
      return { kind: 'text', paragraphs: paragraphs(input.rootCause) };
    case 'contributingFactors':
      return { kind: 'list', items: paragraphs(input.contributingFactors) };
    case 'fiveWhys':
      return { kind: 'whys', steps: whys(input.fiveWhys) };
    case 'wentWell':
      return { kind: 'list', items: paragraphs(input.wentWell) };
    case 'couldImprove':
      return { kind: 'list', items: paragraphs(input.couldImprove) };
    case 'gotLucky':
      return { kind: 'list', items: paragraphs(input.gotLucky) };
    case 'actionItems':
      return { kind: 'actionItems', items: actionItemRows(incident, input.actionItems ?? []) };
    case 'followUp': {
      const content: PostmortemSectionContent = { kind: 'followUp', paragraphs: paragraphs(input.followUp) };
      if (input.reviewAt !== undefined) content.reviewAt = input.reviewAt;
      if (m.resolvedAt !== undefined) {
        const window = reviewWindow(incident, {
          policy: ctx.policy,
          ...(ctx.timeZone === undefined ? {} : { timeZone: ctx.timeZone }),
          ...(input.workingDays === undefined ? {} : { workingDays: input.workingDays as ReviewWeekday[] }),
          ...(input.holidays === undefined ? {} : { holidays: input.holidays }),
        });
        content.reviewEarliest = window.earliest;
        content.reviewLatest = window.latest;
      }
      return content;
    }
    default: {
      const unreachable: never = id;
      throw new IncidentKitError('INVALID_INPUT', `unknown section ${String(unreachable)}`);
    }
  }
}

function latestEventAt(incident: Incident): number {
  let latest = incident.milestones.detectedAt;
  for (const entry of incident.timeline) if (entry.at > latest) latest = entry.at;
  return latest;
}

/**
 * Drafts a postmortem for an incident: a plain-JSON document whose sections (from the template,
 * per severity) come pre-filled from the incident — Summary, Impact (milestones and the durations
 * to detect, mitigate and resolve, users, services), Trigger and detection, the Timeline (every
 * entry, in time order, decisions marked), Action items (the incident's and the ones proposed
 * here), Follow-up (the review window) — plus what the authors bring in `input`: root cause,
 * contributing factors, five whys, what went well, what could improve, where we got lucky.
 * Pure: the incident is not changed and the draft time is `input.at` (default: its latest event).
 * Throws `INVALID_INPUT` naming the bad field.
 *
 * @example
 * ```ts
 * import { applyEvent, declareIncident } from 'incidentkit/lifecycle';
 * import { draftPostmortem } from 'incidentkit/postmortem';
 * let { incident } = declareIncident({
 *   incidentId: 'INC-7', title: 'Checkout API returning 502s', at: '2026-11-24T09:00:00Z', severity: 'SEV3',
 *   services: ['checkout-api'], source: 'monitoring',
 * });
 * incident = applyEvent(incident, { type: 'ACKNOWLEDGE', at: '2026-11-24T09:02:00Z', by: 'alice' });
 * const pm = draftPostmortem(incident, {
 *   rootCause: 'Release 2026.11.24-3 lowered the connection-pool limit from 200 to 20.',
 *   authors: ['alice'],
 * });
 * pm.sections.map((s) => s.id); // ['summary', 'impact', 'triggerAndDetection', 'timeline', 'rootCause', …]
 * ```
 */
export function draftPostmortem(
  incident: Incident,
  input: PostmortemInput = {},
  options?: DraftPostmortemOptions,
): Postmortem {
  // A full parse: drafting is rare, and zod's output is a fresh copy, so the draft never aliases the caller's incident.
  const checked = parseWith(IncidentSchema, incident, 'incident');
  const parsed = parseWith(InputSchema, input ?? {}, 'input');
  const opts = parseWith(DraftOptionsSchema, options ?? {}, 'options');
  assertTimeZone(parsed.timeZone, 'input.timeZone');
  const policy = policyForIncident(checked, {
    policy: (opts.policy ?? parsed.policy) as SeverityPolicy | SeverityPolicyConfig | undefined,
  });
  const template = definePostmortemTemplate(
    (opts.template ?? parsed.template ?? {}) as PostmortemTemplateConfig,
  );
  const chosen: ResolvedTemplateSection[] = templateSectionsFor(template, checked.severity, policy);

  const customIds = new Set<string>();
  for (const list of [template.sections, ...Object.values(template.bySeverity)]) {
    for (const s of list) if (s.custom) customIds.add(s.id);
  }
  for (const key of Object.keys(parsed.sections ?? {})) {
    if (!customIds.has(key)) {
      const message = `"${key}" is not a custom section of the template; built-in sections take their text from their own input field`;
      throw new IncidentKitError('INVALID_INPUT', `input.sections.${key}: ${message}`, {
        issues: [{ path: `input.sections.${key}`, message }],
      });
    }
  }

  const ctx: DraftContext = { incident: checked, input: parsed, policy, timeZone: parsed.timeZone };
  const sections: PostmortemSection[] = chosen.map((s) => {
    const content: PostmortemSectionContent = s.custom
      ? {
          kind: 'text',
          paragraphs: paragraphs(
            parsed.sections && Object.hasOwn(parsed.sections, s.id) ? parsed.sections[s.id] : undefined,
          ),
        }
      : builtInContent(s.id as PostmortemSectionId, ctx);
    const section: PostmortemSection = { id: s.id, title: s.title, required: s.required, content };
    if (s.prompt !== undefined) section.prompt = s.prompt;
    return section;
  });

  const metadata: Postmortem['metadata'] = {
    schemaVersion: 1,
    incidentId: checked.id,
    title: checked.title,
    status: parsed.status ?? (checked.postmortem ? 'published' : 'draft'),
    authors: [...(parsed.authors ?? [])],
    reviewers: [...(parsed.reviewers ?? [])],
    roles: { ...checked.roles },
    draftedAt: parsed.at ?? latestEventAt(checked),
    timeZone: parsed.timeZone ?? 'UTC',
  };
  if (checked.severity !== undefined) {
    metadata.severity = severityLevel(policy, checked.severity)?.key ?? checked.severity;
  }
  if (checked.drill) metadata.drill = true;
  if (checked.postmortem) {
    metadata.publishedAt = checked.postmortem.publishedAt;
    if (checked.postmortem.url !== undefined && /^https?:\/\//i.test(checked.postmortem.url)) {
      metadata.url = checked.postmortem.url;
    }
  }
  if (parsed.template !== undefined) metadata.template = template.name;
  return { metadata, sections };
}
