import * as z from 'zod/mini';
import { LIMITS } from '../internal/limits.js';
import { parseWith } from '../internal/validate.js';
import { invalidInput } from '../model/index.js';
import { lazySchema } from '../model/lazy.js';
import { isTimeZone } from '../model/time-zone.js';
import { actionItemOf, isNoValue } from './markdown/action-item-row.js';
import { type FactEntry, factEntry, questionAndAnswer } from './markdown/block-lines.js';
import { clip } from './markdown/clip.js';
import { inlineText } from './markdown/inline-text.js';
import { type Block, type Scanned, scanMarkdown, textOf } from './markdown/scan-markdown.js';
import { customId, normaliseTitle, sectionIdFor } from './markdown/section-titles.js';
import { dateOf, timelineClock } from './markdown/timeline-clock.js';
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

/** A line of the preamble: its text and the `Label: value` facts it states (none when it is prose). */
interface PreambleLine {
  readonly text: string;
  readonly line: number;
  readonly facts: readonly FactEntry[];
  /** Whether the line only states metadata (`Authors: …`), so it is no prose to lint. */
  readonly metadata: boolean;
}

/** The preamble's paragraphs and list items line by line (adjacent fact lines stay one fact each). */
function preambleLines(preamble: readonly Block[]): Map<Block, PreambleLine[]> {
  const out = new Map<Block, PreambleLine[]>();
  for (const block of preamble) {
    if (block.kind === 'row' || block.kind === 'subheading') continue;
    const raw =
      block.kind === 'paragraph' && block.lines && block.lines.length > 1
        ? block.lines.map((text, k) => ({ text: inlineText(text), line: block.line + k }))
        : [{ text: block.text, line: block.line }];
    out.set(
      block,
      raw.map(({ text, line }) => {
        const facts: FactEntry[] = [];
        let metadata = text !== '';
        for (const part of text.split(/\s{2,}/)) {
          const fact = factEntry(part.trim());
          if (fact) facts.push(fact);
          const label = fact && normaliseTitle(fact.label);
          if (!label || !(METADATA_LABELS.has(label) || ROLE_FACTS[label] !== undefined)) metadata = false;
        }
        return { text, line, facts, metadata };
      }),
    );
  }
  return out;
}

/** Facts of the preamble (`- **Authors:** a, b`, `Severity: SEV2`) and the front matter, by lower-case label. */
function factsOf(scanned: Scanned, lines: Map<Block, PreambleLine[]>): Record<string, string> {
  const facts: Record<string, string> = { ...scanned.front };
  for (const block of scanned.preamble) {
    if (block.kind === 'row') {
      const values = Object.values(block.cells);
      if (values.length >= 2) facts[normaliseTitle(values[0]!)] = values[1]!;
      continue;
    }
    for (const line of lines.get(block) ?? [])
      for (const fact of line.facts) facts[normaliseTitle(fact.label)] = fact.value.trim();
  }
  return facts;
}

/** Labels of the facts a preamble states about the document rather than tells: not prose to lint. */
const METADATA_LABELS = new Set([
  'title',
  'author',
  'authors',
  'reviewer',
  'reviewers',
  'severity',
  'sev',
  'priority',
  'incident',
  'incident id',
  'id',
  'date',
  'status',
  'duration',
  'owner',
  'team',
  'services',
  'affected services',
  'started',
  'start',
  'detected',
  'resolved',
  'end',
  'last updated',
  'prepared by',
  'drafted',
  'published',
  'drill',
  'link',
  'url',
  'scribe',
  'time zone',
  'timezone',
]);

/** The preamble's prose (all but metadata facts, fact tables and subheadings), as paragraphs. */
function preambleProse(preamble: readonly Block[], lines: Map<Block, PreambleLine[]>): Block[] {
  const out: Block[] = [];
  for (const block of preamble) {
    const all = lines.get(block);
    if (all === undefined) continue;
    const prose = all.filter((l) => l.text !== '' && !l.metadata);
    if (prose.length === 0) continue;
    out.push({
      kind: 'paragraph',
      text: prose.length === all.length ? textOf(block) : prose.map((l) => l.text).join(' '),
      line: prose[0]!.line,
    });
  }
  return out;
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
  clock: { readonly timeZone: string; readonly documentDay: number | undefined },
): PostmortemSectionContent {
  const { timeZone } = clock;
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
      // Times without a date fall on the document's date, else on the timeline's first date.
      let firstDay: number | undefined;
      for (const block of blocks) {
        if (firstDay !== undefined || block.kind === 'subheading' || block.kind === 'paragraph') continue;
        firstDay = dateOf(textOf(block));
      }
      const readTime = timelineClock(timeZone, clock.documentDay ?? firstDay);
      const entries: PostmortemTimelineRow[] = [];
      let last = 0;
      for (const block of blocks) {
        if (block.kind === 'subheading' || block.kind === 'paragraph') continue;
        const text = textOf(block);
        if (text === '') continue;
        // A row whose time cannot be read keeps the previous row's, so it never reads as out of order.
        const at =
          readTime(block.kind === 'row' ? (Object.values(block.cells)[0] ?? '') : text) ??
          readTime(text) ??
          last;
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
 * `lintPostmortem` can check it. `##` headings (or setext headings, or `###` in a document without
 * `##`) become sections matched by title (`Root cause`,
 * `RCA`, `What went wrong`, `Action items`, `Next steps`… map onto the built-in sections; others
 * become sections of their own); paragraphs, list items and table rows become the section's
 * content. Under an action-items heading each list item or table row is an action item: owner
 * from an `Owner` column, `owner: name` or `@name`; due date from a `Due` column or `due
 * 2026-12-01`; `[x]` or a `done` status marks it done. Timeline rows get their time from the row
 * (a date carries forward, times without an offset are in `timeZone`). The first `#` heading is the
 * title; `Authors:`, `Reviewers:`, `Severity:` and role lines before the first section (one a line,
 * or front matter, with flow or block lists) fill the metadata, and other text there is read as
 * the summary (a `preamble` section when the document has a summary of its own). Code blocks and HTML comments are skipped. Every element's source line
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
  const preamble = preambleLines(scanned.preamble);
  const facts = factsOf(scanned, preamble);
  const lines: Lines = {};

  const sections: PostmortemSection[] = [];
  const taken = new Set<string>();
  const dated = facts.date ?? facts['incident date'];
  const documentDay = dated === undefined ? undefined : dateOf(dated);
  // Text before the first section is the summary, or a preamble when a section is the summary.
  const prose = preambleProse(scanned.preamble, preamble);
  const raws = scanned.sections.map((raw) => ({ ...raw, builtIn: sectionIdFor(raw.title) }));
  if (prose.length > 0) {
    const hasSummary = raws.some((raw) => raw.builtIn === 'summary');
    raws.unshift({
      title: hasSummary ? 'Preamble' : BUILT_IN_SECTIONS.summary.title,
      line: prose[0]!.line,
      blocks: prose,
      builtIn: hasSummary ? undefined : 'summary',
    });
  }
  for (const raw of raws) {
    if (sections.length >= 50) break;
    const builtIn = raw.builtIn;
    const id = builtIn && !taken.has(builtIn) ? builtIn : customId(raw.title, taken);
    taken.add(id);
    const base = `sections[${sections.length}]`;
    lines[base] = raw.line;
    const known = builtIn && id === builtIn ? builtIn : undefined;
    const content = contentOf(known, raw.blocks, base, lines, { timeZone, documentDay });
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
