/**
 * How a markdown heading maps onto the built-in postmortem sections (the titles templates in use
 * give them) and the id a section of the document's own gets.
 */

import { lazyRegExp } from '../../model/lazy.js';
import type { PostmortemSectionId } from '../sections.js';

const NOT_LETTERS_OR_DIGITS = lazyRegExp('[^\\p{L}\\p{N}]+', 'gu');

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

/** The built-in section a heading names (`RCA` → `rootCause`), if any. */
export function sectionIdFor(title: string): PostmortemSectionId | undefined {
  if (!synonymIndex) {
    synonymIndex = new Map();
    for (const [id, names] of Object.entries(SYNONYMS) as [PostmortemSectionId, readonly string[]][]) {
      for (const name of names) synonymIndex.set(name, id);
    }
  }
  return synonymIndex.get(normaliseTitle(title));
}

/** `"3. What didn't go well 🙁"` → `what didnt go well`. */
export function normaliseTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/^[\s\d.)]+/, '')
    .replace(/['’`]/g, '')
    .replace(/&/g, ' and ')
    .replace(NOT_LETTERS_OR_DIGITS(), ' ')
    .trim();
}

/** An id for a section of the document's own, from its title, unlike every id already taken. */
export function customId(title: string, taken: ReadonlySet<string>): string {
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
