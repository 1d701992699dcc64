import * as z from 'zod/mini';
import { escapeHtml, escapeMarkdown } from '../internal/escape.js';
import { assertTimeZone, formatDate, formatDuration, formatTimestamp } from '../internal/format-time.js';
import { parseWith } from '../internal/validate.js';
import { IncidentKitError, type IncidentSource } from '../model/index.js';
import { lazySchema } from '../model/lazy.js';
import { type Postmortem, PostmortemSchema, type PostmortemSection } from './schema.js';

/**
 * The output formats of {@link renderPostmortem}.
 *
 * @example
 * ```ts
 * import type { PostmortemFormat } from 'incidentkit/postmortem';
 * const format: PostmortemFormat = 'markdown';
 * ```
 */
export type PostmortemFormat = 'markdown' | 'html' | 'json';

/**
 * Options of {@link renderPostmortem}.
 *
 * @example
 * ```ts
 * import type { PostmortemRenderOptions } from 'incidentkit/postmortem';
 * const options: PostmortemRenderOptions = { timeZone: 'America/New_York' };
 * ```
 */
export interface PostmortemRenderOptions {
  /** Show times in this IANA zone (UTC alongside) instead of the document's `metadata.timeZone`. */
  readonly timeZone?: string | undefined;
}

/** Inline content: plain text is always escaped for the output format. */
type Inline = string | { readonly strong: string } | { readonly em: string } | { readonly link: string };
type Block =
  | { readonly kind: 'paragraph'; readonly content: readonly Inline[] }
  | { readonly kind: 'facts'; readonly rows: readonly { label: string; value: readonly Inline[] }[] }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly items: readonly (readonly Inline[])[] }
  | {
      readonly kind: 'table';
      readonly headers: readonly string[];
      readonly rows: readonly (readonly (readonly Inline[])[])[];
      readonly decisions?: readonly boolean[] | undefined;
    }
  | { readonly kind: 'subheading'; readonly text: string };
interface RenderedSection {
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly Block[];
}
interface DocumentModel {
  readonly title: string;
  readonly facts: Block & { kind: 'facts' };
  readonly sections: readonly RenderedSection[];
}

const SOURCE_LABEL: Readonly<Record<IncidentSource, string>> = {
  monitoring: 'monitoring (automated)',
  synthetic: 'a synthetic check (automated)',
  anomaly: 'anomaly detection (automated)',
  customer: 'a customer report',
  internal: 'an internal report',
};

const ROLE_LABEL: Readonly<Record<string, string>> = {
  commander: 'Incident commander',
  techLead: 'Tech lead',
  commsLead: 'Comms lead',
};

function roleLabel(key: string): string {
  const known = ROLE_LABEL[key];
  if (known) return known;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_.-]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

const yesNo = (v: boolean) => (v ? 'yes' : 'no');

/** Builds the format-neutral model of a validated postmortem. */
function model(pm: Postmortem, timeZone: string): DocumentModel {
  const zone = timeZone === 'UTC' ? undefined : timeZone;
  const time = (ms: number) =>
    zone === undefined
      ? formatTimestamp(ms)
      : `${formatTimestamp(ms, { timeZone: zone })} (${formatTimestamp(ms).slice(11)})`;
  const m = pm.metadata;
  const facts: { label: string; value: Inline[] }[] = [
    { label: 'Incident', value: [m.incidentId] },
    { label: 'Status', value: [m.status === 'published' ? 'Published' : 'Draft'] },
  ];
  if (m.severity !== undefined) facts.splice(1, 0, { label: 'Severity', value: [m.severity] });
  if (m.drill) facts.push({ label: 'Drill', value: ['yes (game day or exercise)'] });
  facts.push({ label: 'Authors', value: [m.authors.length > 0 ? m.authors.join(', ') : '—'] });
  facts.push({ label: 'Reviewers', value: [m.reviewers.length > 0 ? m.reviewers.join(', ') : '—'] });
  for (const [role, who] of Object.entries(m.roles)) facts.push({ label: roleLabel(role), value: [who] });
  facts.push({ label: 'Drafted', value: [time(m.draftedAt)] });
  if (m.publishedAt !== undefined) facts.push({ label: 'Published', value: [time(m.publishedAt)] });
  if (m.url !== undefined) facts.push({ label: 'Link', value: [{ link: m.url }] });
  return {
    title: `Postmortem: ${m.title}`,
    facts: { kind: 'facts', rows: facts },
    sections: pm.sections.map((s) => ({ id: s.id, title: s.title, blocks: sectionBlocks(s, time, zone) })),
  };
}

function paragraphsOf(list: readonly string[]): Block[] {
  return list.filter((p) => p.trim() !== '').map((p) => ({ kind: 'paragraph', content: [p] }));
}

function sectionBlocks(
  section: PostmortemSection,
  time: (ms: number) => string,
  zone: string | undefined,
): Block[] {
  const c = section.content;
  const blocks: Block[] = [];
  const after = (ms: number | undefined, label: string) =>
    ms === undefined || ms < 1_000 ? '' : `, ${formatDuration(ms)} after ${label}`;
  switch (c.kind) {
    case 'text':
      blocks.push(...paragraphsOf(c.paragraphs));
      break;
    case 'list': {
      const items = c.items.filter((i) => i.trim() !== '');
      if (items.length > 0) blocks.push({ kind: 'list', ordered: false, items: items.map((i) => [i]) });
      break;
    }
    case 'whys':
      if (c.steps.length > 0) {
        blocks.push({
          kind: 'list',
          ordered: true,
          items: c.steps.map((step) => [
            { strong: step.question?.trim() ? step.question : 'Why?' },
            ' ',
            step.answer,
          ]),
        });
      }
      break;
    case 'impact': {
      blocks.push(...paragraphsOf(c.paragraphs));
      const rows: { label: string; value: Inline[] }[] = [];
      if (c.startedAt !== undefined) rows.push({ label: 'Impact started', value: [time(c.startedAt)] });
      if (c.detectedAt !== undefined) {
        rows.push({
          label: 'Detected',
          value: [`${time(c.detectedAt)}${after(c.timeToDetectMs, 'impact began')}`],
        });
      }
      if (c.mitigatedAt !== undefined) {
        rows.push({
          label: 'Mitigated',
          value: [
            `${time(c.mitigatedAt)}${after(c.timeToMitigateMs, 'impact began')}${c.mitigation ? ' — ' : ''}`,
            ...(c.mitigation ? [c.mitigation] : []),
          ],
        });
      }
      if (c.resolvedAt !== undefined) {
        rows.push({
          label: 'Resolved',
          value: [
            `${time(c.resolvedAt)}${after(c.timeToResolveMs, 'impact began')}${c.resolution ? ' — ' : ''}`,
            ...(c.resolution ? [c.resolution] : []),
          ],
        });
      }
      // A zero time to detect usually means nobody recorded when impact began: not worth a figure.
      const durations = [
        ['detect', c.timeToDetectMs || undefined],
        ['mitigate', c.timeToMitigateMs],
        ['resolve', c.timeToResolveMs],
      ].filter((d): d is [string, number] => d[1] !== undefined);
      if (durations.length > 0) {
        rows.push({
          label: `Time to ${durations.map((d) => d[0]).join(' / ')}`,
          value: [durations.map((d) => formatDuration(d[1])).join(' / ')],
        });
      }
      const i = c.impact;
      if (i.usersAffectedPct !== undefined)
        rows.push({ label: 'Users affected', value: [`${i.usersAffectedPct}%`] });
      if (i.customerFacing !== undefined)
        rows.push({ label: 'Customer-facing', value: [yesNo(i.customerFacing)] });
      if (i.coreFunctionalityDown !== undefined) {
        rows.push({ label: 'Core functionality down', value: [yesNo(i.coreFunctionalityDown)] });
      }
      if (i.degraded !== undefined) rows.push({ label: 'Degraded', value: [yesNo(i.degraded)] });
      if (i.dataLoss !== undefined) rows.push({ label: 'Data lost', value: [yesNo(i.dataLoss)] });
      if (i.securityBreach !== undefined)
        rows.push({ label: 'Security breach', value: [yesNo(i.securityBreach)] });
      if (i.revenueImpact !== undefined)
        rows.push({ label: 'Revenue impact', value: [i.revenueImpact.toLocaleString('en-US')] });
      if (c.services.length > 0) rows.push({ label: 'Services', value: [c.services.join(', ')] });
      if (i.regions && i.regions.length > 0) rows.push({ label: 'Regions', value: [i.regions.join(', ')] });
      for (const [key, value] of Object.entries(i.attributes ?? {}))
        rows.push({ label: key, value: [String(value)] });
      if (c.reopenCount)
        rows.push({ label: 'Reopened', value: [`${c.reopenCount} time${c.reopenCount > 1 ? 's' : ''}`] });
      if (rows.length > 0) blocks.push({ kind: 'facts', rows });
      break;
    }
    case 'detection': {
      if (c.trigger.some((p) => p.trim() !== '')) {
        blocks.push({ kind: 'subheading', text: 'Trigger' }, ...paragraphsOf(c.trigger));
      }
      if (c.detection.some((p) => p.trim() !== '')) {
        blocks.push({ kind: 'subheading', text: 'Detection' }, ...paragraphsOf(c.detection));
      }
      const rows: { label: string; value: Inline[] }[] = [];
      if (c.source !== undefined) rows.push({ label: 'Detected by', value: [SOURCE_LABEL[c.source]] });
      if (c.detectedAt !== undefined) rows.push({ label: 'Detected at', value: [time(c.detectedAt)] });
      if (c.timeToDetectMs) {
        rows.push({
          label: 'Time to detect',
          value: [`${formatDuration(c.timeToDetectMs)} after impact began`],
        });
      }
      if (c.acknowledgedAt !== undefined) {
        rows.push({
          label: 'Acknowledged',
          value: [`${time(c.acknowledgedAt)}${after(c.timeToAcknowledgeMs, 'detection')}`],
        });
      }
      if (rows.length > 0) blocks.push({ kind: 'facts', rows });
      break;
    }
    case 'timeline':
      if (c.entries.length > 0) {
        blocks.push({
          kind: 'table',
          headers: ['Time', 'Event', 'By'],
          rows: c.entries.map((row) => [
            [time(row.at)],
            row.decision ? [{ strong: 'Decision:' }, ' ', row.text] : [row.text],
            [row.by ?? '—'],
          ]),
          decisions: c.entries.map((row) => row.decision === true),
        });
      }
      break;
    case 'actionItems':
      if (c.items.length > 0) {
        blocks.push({
          kind: 'table',
          headers: ['Action', 'Kind', 'Owner', 'Due', 'Status'],
          rows: c.items.map((item) => [
            [item.title],
            [item.kind ?? '—'],
            item.owner ? [item.owner] : [{ em: 'unassigned' }],
            item.dueAt === undefined ? [{ em: 'no due date' }] : [formatDate(item.dueAt, { timeZone: zone })],
            [
              item.status === 'done' && item.completedAt !== undefined
                ? `done ${formatDate(item.completedAt, { timeZone: zone })}`
                : item.status,
            ],
          ]),
        });
      }
      break;
    case 'followUp': {
      const rows: { label: string; value: Inline[] }[] = [];
      if (c.reviewAt !== undefined) rows.push({ label: 'Review meeting', value: [time(c.reviewAt)] });
      if (c.reviewEarliest !== undefined && c.reviewLatest !== undefined) {
        rows.push({
          label: 'Review window',
          value: [`not before ${time(c.reviewEarliest)}, due by ${time(c.reviewLatest)}`],
        });
      }
      if (rows.length > 0) blocks.push({ kind: 'facts', rows });
      blocks.push(...paragraphsOf(c.paragraphs));
      break;
    }
    default: {
      const unreachable: never = c;
      throw new IncidentKitError('INVALID_INPUT', `unknown content ${String(unreachable)}`);
    }
  }
  if (blocks.length === 0) {
    blocks.push({
      kind: 'paragraph',
      content: [{ em: `Not written yet.${section.prompt ? ` ${section.prompt}` : ''}` }],
    });
  }
  return blocks;
}

/** A URL already validated as http(s), made safe to place in an attribute or a markdown autolink. */
function safeUrl(url: string): string {
  return url.replace(
    /[\s<>"'`()[\]\\{}|^]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

function markdownInline(content: readonly Inline[]): string {
  return content
    .map((part) => {
      // The escaper trims leading blanks (they could start an indented code block); a separator stays.
      if (typeof part === 'string') return /^\s+$/.test(part) ? ' ' : escapeMarkdown(part, { inline: true });
      // Emphasis around nothing (`****`) would read as a thematic break.
      if ('strong' in part) {
        const inner = escapeMarkdown(part.strong, { inline: true });
        return inner.trim() ? `**${inner}**` : '';
      }
      if ('em' in part) {
        const inner = escapeMarkdown(part.em, { inline: true });
        return inner.trim() ? `*${inner}*` : '';
      }
      return `<${safeUrl(part.link)}>`;
    })
    .join('');
}

function markdownBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return block.content
        .map((part) => (typeof part === 'string' ? escapeMarkdown(part) : markdownInline([part])))
        .join('');
    case 'subheading':
      return `### ${escapeMarkdown(block.text, { inline: true })}`;
    case 'facts':
      return block.rows
        .map((row) => `- **${escapeMarkdown(row.label, { inline: true })}:** ${markdownInline(row.value)}`)
        .join('\n');
    case 'list':
      return block.items
        .map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${markdownInline(item)}`)
        .join('\n');
    case 'table': {
      const cell = (content: readonly Inline[]) => markdownInline(content) || '—';
      const lines = [
        `| ${block.headers.map((h) => escapeMarkdown(h, { inline: true })).join(' | ')} |`,
        `|${block.headers.map(() => ' --- ').join('|')}|`,
        ...block.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
      ];
      return lines.join('\n');
    }
    default: {
      const unreachable: never = block;
      return unreachable;
    }
  }
}

function toMarkdown(doc: DocumentModel): string {
  const parts = [`# ${escapeMarkdown(doc.title, { inline: true })}`, markdownBlock(doc.facts)];
  for (const section of doc.sections) {
    parts.push(`## ${escapeMarkdown(section.title, { inline: true })}`);
    for (const block of section.blocks) parts.push(markdownBlock(block));
  }
  return `${parts.join('\n\n')}\n`;
}

function htmlInline(content: readonly Inline[]): string {
  return content
    .map((part) => {
      if (typeof part === 'string') return escapeHtml(part, { lineBreaks: true });
      if ('strong' in part) return `<strong>${escapeHtml(part.strong)}</strong>`;
      if ('em' in part) return `<em>${escapeHtml(part.em)}</em>`;
      const href = safeUrl(part.link).replace(/&/g, '&amp;');
      return `<a href="${href}" rel="noopener noreferrer">${escapeHtml(part.link, { keepLinks: true })}</a>`;
    })
    .join('');
}

function htmlBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${htmlInline(block.content)}</p>`;
    case 'subheading':
      return `<h3>${escapeHtml(block.text)}</h3>`;
    case 'facts':
      return `<dl>\n${block.rows.map((row) => `<dt>${escapeHtml(row.label)}</dt><dd>${htmlInline(row.value)}</dd>`).join('\n')}\n</dl>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>\n${block.items.map((item) => `<li>${htmlInline(item)}</li>`).join('\n')}\n</${tag}>`;
    }
    case 'table': {
      const head = `<thead><tr>${block.headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
      const rows = block.rows.map((row, i) => {
        const cls = block.decisions?.[i] ? ' class="decision"' : '';
        return `<tr${cls}>${row.map((cell) => `<td>${htmlInline(cell)}</td>`).join('')}</tr>`;
      });
      return `<table>\n${head}\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
    }
    default: {
      const unreachable: never = block;
      return unreachable;
    }
  }
}

function toHtml(doc: DocumentModel): string {
  const parts = [
    '<article class="incidentkit-postmortem">',
    `<header>\n<h1>${escapeHtml(doc.title)}</h1>\n${htmlBlock(doc.facts)}\n</header>`,
  ];
  for (const section of doc.sections) {
    parts.push(
      `<section id="pm-${escapeHtml(section.id)}">\n<h2>${escapeHtml(section.title)}</h2>\n${section.blocks.map(htmlBlock).join('\n')}\n</section>`,
    );
  }
  parts.push('</article>');
  return `${parts.join('\n')}\n`;
}

const FormatSchema = /*#__PURE__*/ lazySchema(() => z.enum(['markdown', 'html', 'json']));
const OptionsSchema = /*#__PURE__*/ lazySchema(() => z.strictObject({ timeZone: z.optional(z.string()) }));

/**
 * Renders a postmortem as GitHub-flavoured Markdown, an HTML fragment (`<article>`, no styles or
 * scripts) or JSON. All user text is escaped for the format: no markup, link, mention or HTML can
 * come from it. Times show in the document's time zone (`metadata.timeZone`, or
 * `options.timeZone`), with UTC alongside when that is not UTC. The JSON is the validated document
 * itself: `parsePostmortem(renderPostmortem(pm, 'json'))` equals `pm`. Throws `INVALID_INPUT` for
 * a malformed postmortem or an unknown format.
 *
 * @example
 * ```ts
 * import { declareIncident } from 'incidentkit/lifecycle';
 * import { draftPostmortem, renderPostmortem } from 'incidentkit/postmortem';
 * const { incident } = declareIncident({ title: 'Checkout <b>errors</b>', at: '2026-11-24T09:00:00Z' });
 * const html = renderPostmortem(draftPostmortem(incident), 'html');
 * html.includes('Checkout &lt;\u200Bb&gt;errors'); // true
 * ```
 */
export function renderPostmortem(
  pm: Postmortem,
  format: PostmortemFormat,
  options: PostmortemRenderOptions = {},
): string {
  const doc = parseWith(PostmortemSchema, pm, 'postmortem');
  const kind = parseWith(FormatSchema, format, 'format');
  const opts = parseWith(OptionsSchema, options ?? {}, 'options');
  assertTimeZone(opts.timeZone, 'options.timeZone');
  if (kind === 'json') return `${JSON.stringify(doc, null, 2)}\n`;
  const built = model(doc, opts.timeZone ?? doc.metadata.timeZone);
  return kind === 'markdown' ? toMarkdown(built) : toHtml(built);
}
