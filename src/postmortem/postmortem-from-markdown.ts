import * as z from 'zod/mini';
import { isValidTimeZone } from '../internal/format-time.js';
import { LIMITS } from '../internal/limits.js';
import { parseWith } from '../internal/validate.js';
import { invalidInput } from '../model/index.js';
import { dueLabel, isWontFixStatus, ownerLabel, withoutEmptyParens } from './markdown/action-item-labels.js';
import {
  factEntry,
  frontMatterEntry,
  headingLine,
  isTableRow,
  isTableSeparator,
  listItemLine,
  questionAndAnswer,
} from './markdown/block-lines.js';
import { replaceAutolinks, replaceLinks } from './markdown/inline-links.js';
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

const OptionsSchema = /*#__PURE__*/ z.strictObject({
  incidentId: z.optional(z.string().check(z.minLength(1), z.maxLength(LIMITS.incidentId))),
  timeZone: z.optional(z.string().check(z.refine(isValidTimeZone, 'must be an IANA time zone'))),
  draftedAt: z.optional(z.number().check(z.int(), z.nonnegative())),
});

/** Heading titles (normalised) that name each built-in section, as postmortem templates in use word them. */
const SYNONYMS: Readonly<Record<PostmortemSectionId, readonly string[]>> = {
  summary: [
    'summary',
    'executive summary',
    'overview',
    'tldr',
    'tl dr',
    'incident summary',
    'description',
    'abstract',
  ],
  impact: ['impact', 'customer impact', 'user impact', 'business impact', 'impact assessment'],
  triggerAndDetection: [
    'trigger and detection',
    'trigger',
    'detection',
    'how we detected it',
    'detection and response',
  ],
  timeline: ['timeline', 'incident timeline', 'chronology', 'sequence of events', 'timeline of events'],
  rootCause: ['root cause', 'root causes', 'root cause analysis', 'rca', 'cause', 'causes', 'what happened'],
  contributingFactors: ['contributing factors', 'contributing causes', 'contributing factor'],
  fiveWhys: ['five whys', '5 whys', 'the five whys'],
  wentWell: ['what went well', 'went well', 'things that went well', 'what worked'],
  couldImprove: [
    'what could improve',
    'what could be improved',
    'what went wrong',
    'what didnt go well',
    'what did not go well',
    'where we could improve',
    'things that went wrong',
    'lessons learned',
    'lessons',
  ],
  gotLucky: ['where we got lucky', 'got lucky', 'where we were lucky', 'luck'],
  actionItems: [
    'action items',
    'actions',
    'action plan',
    'follow up actions',
    'followup actions',
    'follow up items',
    'corrective actions',
    'remediation',
    'remediation items',
    'remediations',
    'next steps',
    'todo',
    'to do',
    'tasks',
  ],
  followUp: ['follow up', 'followup', 'review', 'postmortem review', 'review meeting'],
};

let synonymIndex: Map<string, PostmortemSectionId> | undefined;

function sectionIdFor(title: string): PostmortemSectionId | undefined {
  if (!synonymIndex) {
    synonymIndex = new Map();
    for (const [id, names] of Object.entries(SYNONYMS) as [PostmortemSectionId, readonly string[]][]) {
      for (const name of names) synonymIndex.set(name, id);
    }
  }
  return synonymIndex.get(normaliseTitle(title));
}

/** `"3. What didn't go well 🙁"` → `what didnt go well`. */
function normaliseTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/^[\s\d.)]+/, '')
    .replace(/['’`]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// The characters our own renderer inserts (U+200B) and markdown's backslash escapes are not text.
function plain(text: string): string {
  return text
    .replace(/\u200B/g, '')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .trim();
}

/**
 * Inline markdown to the text a reader sees: links keep their label, emphasis and code marks go.
 * Links are read by forward scans and the remaining patterns are single runs, so the work is
 * linear in the text.
 */
function inlineText(text: string): string {
  const out = replaceAutolinks(replaceLinks(text))
    .replace(/\*+/g, (run, at: number, whole: string) => (whole[at - 1] === '\\' ? run : ''))
    .replace(/(^|[^\p{L}\p{N}\\])_+|_+(?![\p{L}\p{N}])/gu, '$1')
    .replace(/`+/g, '')
    .replace(/~~/g, '');
  return plain(out);
}

/** Drops separators and spaces at the end (a loop: an anchored regex would rescan long runs). */
function trimTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** One block of a section's body, with the line it starts on. */
type Block =
  | { readonly kind: 'paragraph'; readonly text: string; readonly line: number }
  | {
      readonly kind: 'item';
      // Written once more after the scan when indented lines continue the item.
      text: string;
      readonly line: number;
      readonly checked?: boolean | undefined;
    }
  | { readonly kind: 'row'; readonly cells: Record<string, string>; readonly line: number }
  | { readonly kind: 'subheading'; readonly text: string; readonly line: number };

interface RawSection {
  readonly title: string;
  readonly line: number;
  readonly blocks: Block[];
}

interface Scanned {
  readonly title?: { text: string; line: number };
  readonly front: Record<string, string>;
  readonly preamble: Block[];
  readonly sections: RawSection[];
}

function cellsOf(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  // A `\|` inside a cell is a literal pipe.
  return inner.split(/(?<!\\)\|/).map((cell) => inlineText(cell));
}

/** Splits the document into front matter, title, preamble and `##` sections; code and comments dropped. */
function scan(markdown: string): Scanned {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const front: Record<string, string> = {};
  let i = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, k) => k > 0 && /^(---|\.\.\.)\s*$/.test(l));
    if (end > 0) {
      for (const line of lines.slice(1, end)) {
        const entry = frontMatterEntry(line);
        if (entry) front[entry.key.trim().toLowerCase()] = entry.value.replace(/^["']|["']$/g, '').trim();
      }
      i = end + 1;
    }
  }
  let title: { text: string; line: number } | undefined;
  const preamble: Block[] = [];
  const sections: RawSection[] = [];
  let blocks = preamble;
  let paragraph: { text: string[]; line: number } | undefined;
  let header: string[] | undefined;
  let fence: string | undefined;
  let comment = false;
  // Continuation lines of an item, joined once at the end (re-joining per line is quadratic).
  const continued = new Map<Extract<Block, { kind: 'item' }>, string[]>();
  const flush = () => {
    if (paragraph)
      blocks.push({ kind: 'paragraph', text: inlineText(paragraph.text.join(' ')), line: paragraph.line });
    paragraph = undefined;
  };
  for (; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = i + 1;
    if (fence !== undefined) {
      if (raw.trim().startsWith(fence)) fence = undefined;
      continue;
    }
    if (comment) {
      if (raw.includes('-->')) comment = false;
      continue;
    }
    const fenceOpen = /^\s{0,3}(`{3,}|~{3,})/.exec(raw);
    if (fenceOpen) {
      flush();
      fence = fenceOpen[1]!;
      continue;
    }
    if (/^\s*<!--/.test(raw)) {
      flush();
      comment = !raw.includes('-->');
      continue;
    }
    const heading = headingLine(raw);
    if (heading) {
      flush();
      header = undefined;
      const level = heading.level;
      const text = inlineText(heading.text);
      if (level === 1 && title === undefined && sections.length === 0) title = { text, line };
      else if (level <= 2) {
        const section: RawSection = { title: text, line, blocks: [] };
        sections.push(section);
        blocks = section.blocks;
      } else blocks.push({ kind: 'subheading', text, line });
      continue;
    }
    if (raw.trim() === '') {
      flush();
      header = undefined;
      continue;
    }
    if (isTableRow(raw)) {
      flush();
      const next = lines[i + 1];
      if (header === undefined && next !== undefined && isTableSeparator(next)) {
        header = cellsOf(raw).map(normaliseTitle);
        i++;
        continue;
      }
      if (isTableSeparator(raw)) continue;
      const cells = cellsOf(raw);
      const named: Record<string, string> = {};
      cells.forEach((cell, k) => {
        named[header?.[k] || `column ${k + 1}`] = cell;
      });
      blocks.push({ kind: 'row', cells: named, line });
      continue;
    }
    header = undefined;
    const item = listItemLine(raw);
    if (item) {
      flush();
      const checked = item.box === undefined ? undefined : item.box !== ' ';
      blocks.push({
        kind: 'item',
        text: inlineText(item.text),
        line,
        ...(checked !== undefined && { checked }),
      });
      continue;
    }
    const last = blocks[blocks.length - 1];
    // An indented line right after a list item continues it (a lazy continuation).
    if (!paragraph && last?.kind === 'item' && /^\s+\S/.test(raw) && lines[i - 1]?.trim() !== '') {
      let parts = continued.get(last);
      if (parts === undefined) {
        parts = [last.text];
        continued.set(last, parts);
      }
      parts.push(inlineText(raw));
      continue;
    }
    if (/^\s{0,3}>/.test(raw)) {
      paragraph ??= { text: [], line };
      paragraph.text.push(raw.replace(/^\s{0,3}>\s?/, ''));
      continue;
    }
    paragraph ??= { text: [], line };
    paragraph.text.push(raw.trim());
  }
  flush();
  // Both sides are trimmed already: what `${text} ${more}`.trim() gave, line by line.
  for (const [item, parts] of continued) item.text = parts.filter((part) => part !== '').join(' ');
  return { ...(title && { title }), front, preamble, sections };
}

/** The text of a block, table rows joined cell by cell. */
function textOf(block: Block): string {
  return block.kind === 'row' ? Object.values(block.cells).filter(Boolean).join(' — ') : block.text;
}

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

const NONE = /^(?:—|-|–|n\/?a|none|tbd|unassigned|no due date|\?)$/i;

function names(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(/[,;]|\band\b/)
    .map((n) => clip(n.replace(/^@/, '').trim(), LIMITS.name))
    .filter((n) => n !== '' && !NONE.test(n))
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

const DATE = /(\d{4})-(\d{2})-(\d{2})/;
const TIME = /(?:^|[^\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?(?![\d:])/i;

/** Epoch ms of a calendar date, or undefined when there is none (or it does not exist). */
function dateOf(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) && ms >= 0 ? ms : undefined;
}

/** The offset (minutes east of UTC) of a zone at an instant. */
function offsetMinutes(timeZone: string, at: number): number {
  if (timeZone === 'UTC') return 0;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((wall - Math.floor(at / 60_000) * 60_000) / 60_000);
}

/** Reads timeline rows' times: a date carries forward, a time alone past midnight rolls the day. */
function timelineClock(timeZone: string) {
  let day: number | undefined;
  let previous: number | undefined;
  return (text: string): number | undefined => {
    const date = dateOf(text);
    const time = TIME.exec(text);
    if (date === undefined && !time) return undefined;
    if (date !== undefined) day = date;
    let wall =
      (day ?? 0) +
      (time ? (Number(time[1]) * 60 + Number(time[2])) * 60_000 + Number(time[3] ?? 0) * 1000 : 0);
    const zone = time?.[4];
    let offset: number;
    if (zone === undefined) offset = offsetMinutes(timeZone, wall);
    else if (/^(z|utc|gmt)$/i.test(zone)) offset = 0;
    else {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.replace(/[+:-]/g, '');
      offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
    }
    let at = wall - offset * 60_000;
    // "23:50 … 00:10" without dates: the second row is on the next day.
    if (date === undefined && previous !== undefined && at < previous - 12 * 3_600_000) {
      wall += 86_400_000;
      at += 86_400_000;
      day = (day ?? 0) + 86_400_000;
    }
    if (at < 0) return undefined;
    previous = at;
    return at;
  };
}

const OWNER_COLUMNS = ['owner', 'owners', 'assignee', 'assigned to', 'who', 'responsible', 'dri'];
const DUE_COLUMNS = ['due', 'due date', 'deadline', 'due by', 'by', 'eta', 'target date', 'when'];
const STATUS_COLUMNS = ['status', 'state', 'done'];
const KIND_COLUMNS = ['kind', 'type', 'category'];
const TITLE_COLUMNS = ['action', 'action item', 'item', 'title', 'description', 'task', 'what', 'summary'];
const KINDS = ['prevent', 'detect', 'mitigate', 'process'] as const;

function column(cells: Record<string, string>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = cells[name];
    if (value !== undefined) return value;
  }
  return undefined;
}

function statusOf(text: string | undefined, checked: boolean | undefined): PostmortemActionItemRow['status'] {
  if (checked) return 'done';
  if (text === undefined) return 'open';
  const t = text.toLowerCase();
  if (isWontFixStatus(t)) return 'wontfix';
  if (/^(done|closed|complete|completed|fixed|resolved|shipped|merged)\b|✅|✔|☑/.test(t.trim()))
    return 'done';
  return 'open';
}

function actionItemOf(block: Block, n: number): PostmortemActionItemRow {
  let title: string;
  let owner: string | undefined;
  let due: number | undefined;
  let status: PostmortemActionItemRow['status'];
  let kind: PostmortemActionItemRow['kind'];
  let completedAt: number | undefined;
  if (block.kind === 'row') {
    const cells = block.cells;
    const ownerCell = column(cells, OWNER_COLUMNS);
    const dueCell = column(cells, DUE_COLUMNS);
    const statusCell = column(cells, STATUS_COLUMNS);
    const kindCell = column(cells, KIND_COLUMNS)?.toLowerCase();
    const known = new Set([...OWNER_COLUMNS, ...DUE_COLUMNS, ...STATUS_COLUMNS, ...KIND_COLUMNS]);
    title =
      column(cells, TITLE_COLUMNS) ??
      Object.entries(cells).find(([k, v]) => !known.has(k) && v.trim() !== '')?.[1] ??
      '';
    owner = ownerCell && !NONE.test(ownerCell.trim()) ? ownerCell.replace(/^@/, '').trim() : undefined;
    due = dueCell ? dateOf(dueCell) : undefined;
    status = statusOf(statusCell, undefined);
    if (status === 'done' && statusCell) completedAt = dateOf(statusCell);
    kind = KINDS.find((k) => kindCell?.startsWith(k));
  } else {
    let text = textOf(block);
    // `owner: alice`, `(@alice)`, `— @alice`, `due 2026-12-01`, `by 2026-12-01`.
    const ownerMatch = ownerLabel(text);
    const mention = /(?:^|[\s(,—–-])@([\p{L}\p{N}_.-]+)/u.exec(text);
    owner = ownerMatch?.value ?? mention?.[1];
    const dueMatch = dueLabel(text);
    due = dueMatch ? dateOf(dueMatch.value) : undefined;
    for (const m of [ownerMatch?.match, mention?.[0], dueMatch?.match])
      if (m !== undefined) text = text.replace(m, ' ');
    // Leftover separators: "( , )", trailing dashes.
    title = trimTrailing(withoutEmptyParens(text), ' \t,;:(—–-')
      .replace(/\s{2,}/g, ' ')
      .trim();
    status = statusOf(undefined, block.kind === 'item' ? block.checked : undefined);
    const kindLabel = /\[(prevent|detect|mitigate|process)\]/i.exec(title);
    if (kindLabel) {
      kind = kindLabel[1]!.toLowerCase() as (typeof KINDS)[number];
      title = title
        .replace(kindLabel[0], '')
        .replace(/\s{2,}/g, ' ')
        .trim();
    }
  }
  const row: PostmortemActionItemRow = {
    id: `act_md_${n + 1}`,
    title: clip(title || 'Untitled action item', LIMITS.title),
    status,
  };
  if (owner) row.owner = clip(owner, LIMITS.name);
  if (due !== undefined) row.dueAt = due;
  if (kind) row.kind = kind;
  if (completedAt !== undefined) row.completedAt = completedAt;
  return row;
}

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
                .filter((c) => c !== '' && !NONE.test(c))
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

function customId(title: string, taken: ReadonlySet<string>): string {
  const words = normaliseTitle(title)
    .replace(/[^a-z0-9 ]/g, '')
    .split(' ')
    .filter(Boolean);
  let base = words
    .map((w, k) => (k === 0 ? w : w[0]!.toUpperCase() + w.slice(1)))
    .join('')
    .slice(0, 56);
  if (!/^[a-z]/.test(base)) base = `section${base}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
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
  const scanned = scan(source);
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
      ...(severity && severity.length <= 32 && !NONE.test(severity) && { severity }),
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
