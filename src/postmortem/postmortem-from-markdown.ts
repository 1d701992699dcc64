import * as z from 'zod/mini';
import { LIMITS } from '../internal/limits.js';
import { parseWith } from '../internal/validate.js';
import { invalidInput } from '../model/index.js';
import { lazySchema } from '../model/lazy.js';
import { isTimeZone } from '../model/time-zone.js';
import { actionItemOf, isNoValue } from './markdown/action-item-row.js';
import { factEntry, questionAndAnswer } from './markdown/block-lines.js';
import { clip } from './markdown/clip.js';
import { type Block, type Scanned, scanMarkdown, textOf } from './markdown/scan-markdown.js';
import { customId, normaliseTitle, sectionIdFor } from './markdown/section-titles.js';
import { timelineClock } from './markdown/timeline-clock.js';
import type {
  Postmortem,
  PostmortemActionItemRow,
  PostmortemSection,
  PostmortemSectionContent,
  PostmortemTimelineRow,
  PostmortemWhy,
} from './schema.js';
import { BUILT_IN_SECTIONS, type PostmortemSectionId } from './sections.js';

/**
 * Options of {@link postmortemFromMarkdown}. The document states none of these reliably, so they
 * come from the caller: `incidentId` (else the front matter's `incident`/`id`, else `unknown`),
 * `timeZone` for timeline times without an offset (UTC by default) and `draftedAt` (epoch ms, 0 by
 * default: the parser reads no clock).
 *
 * @example
 * ```ts
 * import type { PostmortemFromMarkdownOptions } from 'incidentkit/postmortem';
 * const options: PostmortemFromMarkdownOptions = { incidentId: 'INC-42', timeZone: 'Europe/Berlin' };
 * ```
 */
export interface PostmortemFromMarkdownOptions {
  readonly incidentId?: string | undefined;
  readonly timeZone?: string | undefined;
  readonly draftedAt?: number | undefined;
}

/**
 * The result of {@link postmortemFromMarkdown}: the document, and the 1-based source line of each
 * element keyed by its path in the document (`metadata.title`, `sections[2]`,
 * `sections[2].content.items[0]`), so a lint finding's `path` finds its line by its longest known
 * prefix.
 *
 * @example
 * ```ts
 * import { postmortemFromMarkdown } from 'incidentkit/postmortem';
 * const { lines } = postmortemFromMarkdown('# Outage\n\n## Root cause\n\nThe pool was too small.\n');
 * lines['sections[0].content.paragraphs[0]']; // 5
 * ```
 */
export interface MarkdownPostmortem {
  readonly postmortem: Postmortem;
  readonly lines: Readonly<Record<string, number>>;
}

const OptionsSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    incidentId: z.optional(z.string().check(z.minLength(1), z.maxLength(LIMITS.incidentId))),
    timeZone: z.optional(z.string().check(z.refine(isTimeZone, 'must be an IANA time zone'))),
    draftedAt: z.optional(z.number().check(z.int(), z.nonnegative())),
  }),
);

/** Facts of the preamble (`- **Authors:** a, b`, `Severity: SEV2`) and the front matter, by lower-case label. */
function factsOf(scanned: Scanned): Record<string, string> {
  const facts: Record<string, string> = { ...scanned.front };
  for (const block of scanned.preamble) {
    if (block.kind === 'row') {
      const values = Object.values(block.cells);
      if (values.length >= 2) facts[normaliseTitle(values[0]!)] = values[1]!;
      continue;
    }
    if (block.kind === 'subheading') continue;
    for (const part of block.text.split(/\s{2,}|\n/)) {
      const fact = factEntry(part.trim());
      if (fact) facts[normaliseTitle(fact.label)] = fact.value.trim();
    }
  }
  return facts;
}

function names(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(/[,;]|\band\b/)
    .map((n) => clip(n.replace(/^@/, '').trim(), LIMITS.name))
    .filter((n) => n !== '' && !isNoValue(n))
    .slice(0, LIMITS.listEntries);
}

const ROLE_FACTS: Readonly<Record<string, string>> = {
  'incident commander': 'commander',
  commander: 'commander',
  ic: 'commander',
  'tech lead': 'techLead',
  'technical lead': 'techLead',
  'comms lead': 'commsLead',
  'communications lead': 'commsLead',
};

type Lines = Record<string, number>;

// What our renderer (and many templates) print in a section nobody has written yet.
const PLACEHOLDER = /^(?:not written yet\b|tbd\.?$|todo\.?$|n\/a$)/i;

function paragraphs(blocks: readonly Block[], base: string, field: string, lines: Lines): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'subheading') continue;
    const text = textOf(block);
    if (text === '' || PLACEHOLDER.test(text)) continue;
    lines[`${base}.content.${field}[${out.length}]`] = block.line;
    out.push(clip(text, LIMITS.text));
  }
  return out;
}

function contentOf(
  id: PostmortemSectionId | undefined,
  blocks: readonly Block[],
  base: string,
  lines: Lines,
  timeZone: string,
): PostmortemSectionContent {
  switch (id) {
    case undefined:
    case 'summary':
    case 'rootCause':
      return { kind: 'text', paragraphs: paragraphs(blocks, base, 'paragraphs', lines) };
    case 'contributingFactors':
    case 'wentWell':
    case 'couldImprove':
    case 'gotLucky':
      return { kind: 'list', items: paragraphs(blocks, base, 'items', lines) };
    case 'impact':
      return {
        kind: 'impact',
        impact: {},
        services: [],
        paragraphs: paragraphs(blocks, base, 'paragraphs', lines),
      };
    case 'triggerAndDetection': {
      // `### Detection` splits the section; without it everything is the trigger.
      const at = blocks.findIndex((b) => b.kind === 'subheading' && /detect/i.test(b.text));
      const trigger = at < 0 ? blocks : blocks.slice(0, at);
      return {
        kind: 'detection',
        trigger: paragraphs(trigger, base, 'trigger', lines),
        detection: at < 0 ? [] : paragraphs(blocks.slice(at + 1), base, 'detection', lines),
      };
    }
    case 'fiveWhys': {
      const steps: PostmortemWhy[] = [];
      for (const block of blocks) {
        const text = textOf(block);
        if (block.kind === 'subheading' || text === '') continue;
        const q = questionAndAnswer(text);
        lines[`${base}.content.steps[${steps.length}]`] = block.line;
        steps.push(
          q
            ? { question: q.question, answer: clip(q.answer, LIMITS.text) }
            : { answer: clip(text, LIMITS.text) },
        );
      }
      return { kind: 'whys', steps };
    }
    case 'timeline': {
      const clock = timelineClock(timeZone);
      const entries: PostmortemTimelineRow[] = [];
      let last = 0;
      for (const block of blocks) {
        if (block.kind === 'subheading' || block.kind === 'paragraph') continue;
        const text = textOf(block);
        if (text === '') continue;
        // A row whose time cannot be read keeps the previous row's, so it never reads as out of order.
        const at =
          clock(block.kind === 'row' ? (Object.values(block.cells)[0] ?? '') : text) ?? clock(text) ?? last;
        last = at;
        const body =
          block.kind === 'row'
            ? Object.values(block.cells)
                .slice(1)
                .filter((c) => c !== '' && !isNoValue(c))
                .join(' — ')
            : text;
        lines[`${base}.content.entries[${entries.length}]`] = block.line;
        entries.push({ at, text: clip(body || text, LIMITS.text + LIMITS.title) });
      }
      return { kind: 'timeline', entries };
    }
    case 'actionItems': {
      const items: PostmortemActionItemRow[] = [];
      for (const block of blocks) {
        if (block.kind === 'subheading' || block.kind === 'paragraph') continue;
        if (textOf(block) === '' || items.length >= LIMITS.actionItems) continue;
        lines[`${base}.content.items[${items.length}]`] = block.line;
        items.push(actionItemOf(block, items.length));
      }
      return { kind: 'actionItems', items };
    }
    case 'followUp':
      return { kind: 'followUp', paragraphs: paragraphs(blocks, base, 'paragraphs', lines) };
    default:
      throw invalidInput('section', `unknown section id ${String(id)}`);
  }
}

/**
 * Reads any markdown postmortem (ours, or a team's own template) into a {@link Postmortem}, so
 * `lintPostmortem` can check it. `##` headings become sections matched by title (`Root cause`,
 * `RCA`, `What went wrong`, `Action items`, `Next steps`… map onto the built-in sections; others
 * become sections of their own); paragraphs, list items and table rows become the section's
 * content. Under an action-items heading each list item or table row is an action item: owner
 * from an `Owner` column, `owner: name` or `@name`; due date from a `Due` column or `due
 * 2026-12-01`; `[x]` or a `done` status marks it done. Timeline rows get their time from the row
 * (a date carries forward, times without an offset are in `timeZone`). The first `#` heading is the
 * title; `Authors:`, `Reviewers:`, `Severity:` and role lines before the first section (or front
 * matter) fill the metadata. Code blocks and HTML comments are skipped. Every element's source line
 * is returned in `lines`. Throws `INVALID_INPUT` only for bad options; any text parses.
 *
 * @example
 * ```ts
 * import { lintPostmortem, postmortemFromMarkdown } from 'incidentkit/postmortem';
 * const md = [
 *   '# Checkout outage',
 *   '',
 *   '## Root cause',
 *   'A config change lowered the pool limit.',
 *   '',
 *   '## Action items',
 *   '- Be more careful',
 * ].join('\n');
 * const { postmortem, lines } = postmortemFromMarkdown(md, { incidentId: 'INC-7' });
 * const finding = lintPostmortem(postmortem).find((f) => f.rule === 'vague-action-item');
 * lines[finding!.path.replace(/\.title$/, '')]; // 7
 * ```
 */
export function postmortemFromMarkdown(
  markdown: string,
  options: PostmortemFromMarkdownOptions = {},
): MarkdownPostmortem {
  const source = parseWith(z.string().check(z.maxLength(20_000_000)), markdown, 'markdown');
  const opts = parseWith(OptionsSchema, options ?? {}, 'options');
  const timeZone = opts.timeZone ?? 'UTC';
  const scanned = scanMarkdown(source);
  const facts = factsOf(scanned);
  const lines: Lines = {};

  const sections: PostmortemSection[] = [];
  const taken = new Set<string>();
  for (const raw of scanned.sections) {
    if (sections.length >= 50) break;
    const builtIn = sectionIdFor(raw.title);
    const id = builtIn && !taken.has(builtIn) ? builtIn : customId(raw.title, taken);
    taken.add(id);
    const base = `sections[${sections.length}]`;
    lines[base] = raw.line;
    const known = builtIn && id === builtIn ? builtIn : undefined;
    const content = contentOf(known, raw.blocks, base, lines, timeZone);
    sections.push({
      id,
      title: clip(raw.title || 'Untitled section', LIMITS.title),
      required: known ? BUILT_IN_SECTIONS[known].required : false,
      ...(known && { prompt: BUILT_IN_SECTIONS[known].prompt }),
      content,
    });
  }

  const titleText = (scanned.title?.text ?? facts.title ?? '')
    .replace(/^post-?mortem\s*[:—–-]\s*/i, '')
    .trim();
  if (scanned.title) lines['metadata.title'] = scanned.title.line;
  const roles: Record<string, string> = {};
  for (const [label, role] of Object.entries(ROLE_FACTS)) {
    const who = names(facts[label])[0];
    if (who && roles[role] === undefined) roles[role] = who;
  }
  const idCandidate = opts.incidentId ?? facts.incident ?? facts['incident id'] ?? facts.id ?? 'unknown';
  const incidentId = /^[A-Za-z0-9][A-Za-z0-9_.:@/+-]*$/.test(idCandidate)
    ? idCandidate.slice(0, LIMITS.incidentId)
    : 'unknown';
  const severity = facts.severity?.trim();
  const postmortem: Postmortem = {
    metadata: {
      schemaVersion: 1,
      incidentId,
      title: clip(titleText || 'Untitled postmortem', LIMITS.title),
      ...(severity && severity.length <= 32 && !isNoValue(severity) && { severity }),
      status: 'draft',
      authors: names(facts.authors ?? facts.author),
      reviewers: names(facts.reviewers ?? facts.reviewer),
      roles,
      draftedAt: opts.draftedAt ?? 0,
      timeZone,
    },
    sections,
  };
  return { postmortem, lines };
}
