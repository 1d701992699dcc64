/**
 * An action item read from a list item (`- [ ] Alert on saturation (owner: carol, due 2026-12-01)`)
 * or a table row (owner, due, status and kind columns by their usual names).
 */
import { LIMITS } from '../../internal/limits.js';
import { lazyRegExp } from '../../model/lazy.js';
import type { PostmortemActionItemRow } from '../schema.js';
import { dueOf, ownerOf } from './action-item-dates.js';
import { isWontFixStatus, withoutEmptyParens } from './action-item-labels.js';
import { clip, trimTrailing } from './clip.js';
import { type Block, textOf } from './scan-markdown.js';
import { dateOf } from './timeline-clock.js';

/** `@name` at the start or after a space, `(`, `,` or a dash; the name in group 1. */
const MENTION = lazyRegExp('(?:^|[\\s(,—–-])@([\\p{L}\\p{N}_.-]+)', 'u');

const NONE = /^(?:—|-|–|n\/?a|none|tbd|unassigned|no due date|\?)$/i;

/** Whether a cell or fact says there is nothing (`—`, `n/a`, `none`, `TBD`, `unassigned`…). */
export function isNoValue(text: string): boolean {
  return NONE.test(text);
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

/** The action item a list item or table row under an action-items heading describes. */
export function actionItemOf(block: Block, n: number): PostmortemActionItemRow {
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
    owner = ownerCell && !isNoValue(ownerCell.trim()) ? ownerCell.replace(/^@/, '').trim() : undefined;
    due = dueCell ? dateOf(dueCell) : undefined;
    status = statusOf(statusCell, undefined);
    if (status === 'done' && statusCell) completedAt = dateOf(statusCell);
    kind = KINDS.find((k) => kindCell?.startsWith(k));
  } else {
    let text = textOf(block);
    // `owner: alice`, `(@alice)`, `— @alice`, `due 2026-12-01`, `by 2026-12-01`.
    const ownerMatch = ownerOf(text);
    const mention = MENTION().exec(text);
    owner = ownerMatch?.value ?? mention?.[1];
    const dueMatch = dueOf(text);
    due = dueMatch ? dateOf(dueMatch.value) : undefined;
    // The mention without the character before its `@` (a `(` or `,` the title keeps).
    const mentioned = mention?.[0].slice(mention[0].indexOf('@'));
    for (const m of [ownerMatch?.match, mentioned, dueMatch?.match])
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
