import { invalidInput } from '../model/errors.js';
import type { IncidentSource } from '../model/index.js';
import { SEVERITY_KEY_MAX } from '../model/limits.js';
import { MILESTONE_NAMES } from '../model/milestones.js';
import { isTimeZone } from '../model/time-zone.js';
import { readOptions, snapshotInput } from '../model/validate.js';
import { readTime } from './read-time.js';
import { keyOfRank, rankOf } from './severity-rank.js';
import type { ImportedIncident, ImportedTimestamp, ImportWarning, SkippedRow } from './types.js';

// The state one import carries: checked options, the warnings (counted per field and problem, the
// first rows kept) and the skipped rows. Nothing here grows with the number of rows except the
// skipped list, which `maxSkipped` caps.

const SOURCES: readonly IncidentSource[] = ['monitoring', 'synthetic', 'anomaly', 'customer', 'internal'];
const DEFAULT_KEYS: readonly string[] = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];
const ROWS_PER_WARNING = 10;

/** The option keys every importer accepts. */
const COMMON_OPTION_KEYS = ['severityMap', 'severityKeys', 'timeZone', 'defaultSource'] as const;

interface WarningEntry {
  field: string;
  message: string;
  count: number;
  rows: number[];
  example?: string | undefined;
}

/** A mutable milestone record while a row is read. */
export type MilestoneDraft = { -readonly [K in ImportedTimestamp]?: number | undefined };

export interface ImportContext {
  readonly timeZone: string | undefined;
  readonly defaultSource: IncidentSource;
  readonly skipped: SkippedRow[];
  skippedCount: number;
  warn(field: string, message: string, row: number, example?: unknown): void;
  skip(row: number, reason: string, id?: string): void;
  warnings(): ImportWarning[];
  /** The severity key for a vendor value (`rank` when the vendor gives one), or `undefined` with a warning. */
  severity(value: unknown, row: number, field?: string, rank?: number): string | undefined;
  /** Reads a time into `draft[target]`; a present but unreadable value is left out with a warning. */
  time(draft: MilestoneDraft, target: ImportedTimestamp, value: unknown, row: number, column: string): void;
  /** The assembled incident, with warnings for milestones out of order. */
  finish(row: number, fields: IncidentFields): ImportedIncident;
}

/** What an importer read from one row, before {@link ImportContext.finish}. */
interface IncidentFields {
  readonly id: string;
  readonly externalId: string;
  readonly title: string | undefined;
  readonly severity: string | undefined;
  readonly source?: IncidentSource | undefined;
  readonly drill: boolean;
  readonly services: readonly string[];
  readonly tags: readonly string[];
  readonly category?: string | undefined;
  readonly phase?: 'closed' | 'cancelled' | undefined;
  readonly milestones: MilestoneDraft;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isSeverityKey = (key: unknown): key is string =>
  typeof key === 'string' && key !== '' && key.length <= SEVERITY_KEY_MAX;

function exampleOf(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = typeof value;
  }
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/**
 * Reads the options every importer takes (plus `extra` keys, returned unchecked) once: a shallow
 * copy made with `readOptions` (a throwing getter or Proxy trap is one INVALID_INPUT), the object
 * and list values among them copied with `snapshotInput`, so nothing read later can change or throw.
 */
export function readImportOptions(
  options: unknown,
  extra: readonly string[] = [],
): Readonly<Record<string, unknown>> {
  const copy = readOptions(options);
  if (copy === undefined) return {};
  if (Array.isArray(copy)) throw invalidInput('options', 'expected an object');
  const known: readonly string[] = [...COMMON_OPTION_KEYS, ...extra];
  for (const key of Object.keys(copy)) {
    if (!known.includes(key)) throw invalidInput(`options.${key}`, `expected one of ${known.join(', ')}`);
    const value = copy[key];
    if (typeof value === 'object' && value !== null) copy[key] = snapshotInput(value, `options.${key}`);
  }
  return copy;
}

/** A fresh context for one import. */
export function createImportContext(
  options: Readonly<Record<string, unknown>>,
  maxSkipped = Infinity,
): ImportContext {
  const { severityMap, severityKeys = DEFAULT_KEYS, timeZone, defaultSource = 'internal' } = options;
  const exact = new Map<string, string>();
  const loose = new Map<string, string>();
  if (severityMap !== undefined) {
    if (!isRecord(severityMap))
      throw invalidInput('options.severityMap', 'expected an object of vendor value → severity key');
    for (const [vendor, key] of Object.entries(severityMap)) {
      if (!isSeverityKey(key))
        throw invalidInput(
          `options.severityMap.${vendor.length > 40 ? `${vendor.slice(0, 40)}…` : vendor}`,
          `expected a severity key (a non-empty string of at most ${SEVERITY_KEY_MAX} characters)`,
        );
      exact.set(vendor, key);
      if (!loose.has(vendor.trim().toLowerCase())) loose.set(vendor.trim().toLowerCase(), key);
    }
  }
  if (!Array.isArray(severityKeys) || severityKeys.length === 0 || !severityKeys.every(isSeverityKey)) {
    throw invalidInput(
      'options.severityKeys',
      `expected the scale keys, most severe first (non-empty strings of at most ${SEVERITY_KEY_MAX} characters)`,
    );
  }
  if (timeZone !== undefined && !isTimeZone(timeZone))
    throw invalidInput('options.timeZone', 'expected an IANA time zone such as "America/Chicago", or "UTC"');
  if (!SOURCES.includes(defaultSource as IncidentSource))
    throw invalidInput('options.defaultSource', `expected one of ${SOURCES.join(', ')}`);
  const keys = severityKeys as readonly string[];
  const entries = new Map<string, WarningEntry>();
  const memo = new Map<string, string>();
  const skipped: SkippedRow[] = [];

  const context: ImportContext = {
    timeZone: timeZone as string | undefined,
    defaultSource: defaultSource as IncidentSource,
    skipped,
    skippedCount: 0,
    warn(field, message, row, example) {
      const key = `${field}\u0000${message}`;
      let entry = entries.get(key);
      if (entry === undefined) {
        entry = { field, message, count: 0, rows: [] };
        const shownExample = exampleOf(example);
        if (shownExample !== undefined) entry.example = shownExample;
        entries.set(key, entry);
      }
      entry.count++;
      if (entry.rows.length < ROWS_PER_WARNING) entry.rows.push(row);
    },
    skip(row, reason, id) {
      context.skippedCount++;
      if (skipped.length < maxSkipped) skipped.push(id === undefined ? { row, reason } : { row, reason, id });
    },
    warnings() {
      return [...entries.values()].map((e) => ({ ...e, rows: [...e.rows] }));
    },
    severity(value, row, field = 'severity', rank) {
      if (value === undefined || value === null || value === '') {
        context.warn('severity', `no ${field}; severity left out`, row);
        return undefined;
      }
      if (typeof value !== 'string' && typeof value !== 'number') {
        context.warn('severity', `${field} is not a string; severity left out`, row, value);
        return undefined;
      }
      const text = String(value);
      if (rank === undefined) {
        const known = memo.get(text);
        if (known !== undefined) return known;
      }
      const mapped = exact.get(text) ?? loose.get(text.trim().toLowerCase());
      const r = rank ?? rankOf(text);
      const key = mapped ?? (r === undefined ? undefined : keyOfRank(keys, r));
      if (key !== undefined) {
        // A long import repeats a handful of values; bounded, since values come from outside.
        if (rank === undefined && memo.size < 1_000) memo.set(text, key);
        return key;
      }
      context.warn(
        'severity',
        `${field} is not in options.severityMap and has no rank; severity left out`,
        row,
        text,
      );
      return undefined;
    },
    time(draft, target, value, row, column) {
      const read = readTime(value, context.timeZone);
      if ('ms' in read) draft[target] = read.ms;
      else if ('error' in read)
        context.warn(target, `${column} is unreadable; ${target} left out`, row, value);
    },
    finish(row, fields) {
      const m = fields.milestones;
      const detectedAt = m.detectedAt!;
      // The draft's own keys, once: a draft filled in milestone order (the usual case) is the
      // milestones object itself; any other is copied in that order.
      let inOrder = true;
      let last = -1;
      for (const name in m) {
        const at = m[name as ImportedTimestamp];
        const rank = milestoneRank(name);
        if (at === undefined || rank <= last) inOrder = false;
        else last = rank;
        if (at === undefined || rank < 0) continue;
        if (rank === 0) {
          if (at > detectedAt)
            context.warn('startedAt', 'impact start is after detection; kept as given', row);
        } else if (at < detectedAt) context.warn(name, `${name} is before detectedAt; kept as given`, row);
      }
      let milestones: Record<string, number>;
      if (inOrder) milestones = m as Record<string, number>;
      else {
        milestones = {};
        if (m.startedAt !== undefined) milestones.startedAt = m.startedAt;
        milestones.detectedAt = detectedAt;
        for (const name of MILESTONE_ORDER) {
          const at = m[name];
          if (at !== undefined) milestones[name] = at;
        }
      }
      if (fields.title === undefined) context.warn('title', 'no title; imported with an empty one', row);
      const incident: Record<string, unknown> = {
        id: fields.id,
        externalId: fields.externalId,
        title: fields.title ?? '',
      };
      if (fields.severity !== undefined) incident.severity = fields.severity;
      incident.source = fields.source ?? context.defaultSource;
      incident.drill = fields.drill;
      incident.services = fields.services;
      incident.tags = fields.tags;
      if (fields.category !== undefined) incident.category = fields.category;
      if (fields.phase !== undefined) incident.phase = fields.phase;
      incident.milestones = milestones;
      if (m.postmortemPublishedAt !== undefined)
        incident.postmortem = { publishedAt: m.postmortemPublishedAt };
      return incident as unknown as ImportedIncident;
    },
  };
  return context;
}

/** A draft key's place in milestone order (MILESTONE_NAMES); −1 for any other key (the postmortem's publication). */
const MILESTONE_RANK: ReadonlyMap<string, number> = new Map(MILESTONE_NAMES.map((name, i) => [name, i]));
const milestoneRank = (name: string): number => MILESTONE_RANK.get(name) ?? -1;

/** The milestones after detection, in order. */
const MILESTONE_ORDER = MILESTONE_NAMES.slice(2);

/** `items` without repeats and blanks, in first-seen order (lists are short: a scan beats a Set). */
export function uniqueStrings(items: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') continue;
    const text = item.trim();
    if (text !== '' && !out.includes(text)) out.push(text);
  }
  return out;
}
