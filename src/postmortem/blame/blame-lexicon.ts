/** The people a postmortem knows, as the blame rules look them up. */
import { blameWords } from './lexicon.js';

/** Longer names are not matched word by word (a first name alone still is). */
const MAX_NAME_WORDS = 6;

/** Who counts as a person besides pronouns, role nouns and common given names. */
export interface BlameLexicon {
  /** Single-word names, lower case. */
  readonly names: ReadonlySet<string>;
  /**
   * Multi-word names by their last word, then by their number of words, as lower-case words joined
   * by one space: a token is checked against each length once, however many people share a name.
   */
  readonly phrases: ReadonlyMap<string, ReadonlyMap<number, ReadonlySet<string>>>;
  /** Extra role nouns (from the incident's role keys), lower case. */
  readonly roles: ReadonlySet<string>;
}

/**
 * A lexicon from the people a postmortem knows (role holders, authors, reviewers, action-item
 * owners, `people` from the options) and its role keys (`techLead` → `tech lead`).
 */
export function blameLexicon(people: readonly string[], roleKeys: readonly string[]): BlameLexicon {
  const W = blameWords();
  const names = new Set<string>();
  const phrases = new Map<string, Map<number, Set<string>>>();
  for (const person of people) {
    const local =
      person.includes('@') && !person.startsWith('@') ? person.slice(0, person.indexOf('@')) : person;
    const words = local
      .replace(/^@/, '')
      .toLowerCase()
      .split(/[\s._]+/)
      .filter((p) => p.length >= 2);
    if (words.length === 1 && !W.NOT_A_NAME.has(words[0]!)) names.add(words[0]!);
    if (words.length > 1 && words.length <= MAX_NAME_WORDS) {
      const last = words[words.length - 1]!;
      const byLength = phrases.get(last) ?? new Map<number, Set<string>>();
      phrases.set(last, byLength);
      const same = byLength.get(words.length) ?? new Set<string>();
      byLength.set(words.length, same);
      same.add(words.join(' '));
    }
    // A first name alone is how people refer to each other in prose.
    if (words.length > 1 && words[0]!.length >= 3 && !W.NOT_A_NAME.has(words[0]!)) names.add(words[0]!);
  }
  const roles = new Set<string>();
  for (const key of roleKeys) {
    const words = key
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[\s_.-]+/)
      .filter(Boolean);
    const last = words[words.length - 1];
    if (last && last.length >= 3 && !W.NOT_A_NAME.has(last)) roles.add(last);
  }
  return { names, phrases, roles };
}
