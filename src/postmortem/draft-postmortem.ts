import type * as z from 'zod/mini';
import { assertTimeZone, formatDuration, formatTimestamp } from '../internal/format-time.js';
import { parseWith } from '../internal/validate.js';
import { type Incident, IncidentKitError, IncidentSchema, type IncidentSource } from '../model/index.js';
import {
  policyForIncident,
  type SeverityPolicy,
  type SeverityPolicyConfig,
  severityLevel,
} from '../severity/index.js';
import {
  type ActionItemInputSchema,
  DraftOptionsSchema,
  type DraftPostmortemOptions,
  InputSchema,
  type PostmortemInput,
} from './draft-input.js';
import { type ReviewWeekday, reviewWindow } from './review-window.js';
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
  type PostmortemTemplateConfig,
  type ResolvedTemplateSection,
  templateSectionsFor,
} from './template.js';

export type {
  DraftPostmortemOptions,
  PostmortemActionItemInput,
  PostmortemInput,
  PostmortemText,
} from './draft-input.js';

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
