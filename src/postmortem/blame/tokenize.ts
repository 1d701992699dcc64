/**
 * The tokenizer of the blameless-language rules: words (with contractions and possessives split),
 * the punctuation the rules reason about, quotation state, and sentence boundaries.
 */
import { CONTRACTIONS } from './lexicon.js';

/** One word or punctuation mark of a sentence, with where it sits in the text. */
export interface Token {
  /** Lower-case, normalised word or punctuation. */
  readonly w: string;
  readonly start: number;
  readonly end: number;
  /** Starts with an upper-case letter in the text. */
  readonly cap: boolean;
  /** Written as `@handle`. */
  readonly handle: boolean;
  /** Inside quotation marks (a mention, not a use). */
  readonly quoted: boolean;
  /** First word of its sentence. */
  readonly initial: boolean;
  /** Written in capitals (`AWS`, `DNS`): an acronym, not a name. */
  readonly acronym: boolean;
}

const MAX_SENTENCE_TOKENS = 400;
const WORD = /@?[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*|[.,;:!?()"“”—–]|['’]/gu;

/** Splits a word into the tokens the rules reason about (`didn't` → `did not`, `Bob's` → `bob 's`). */
function expand(lower: string): readonly string[] {
  const known = CONTRACTIONS.get(lower);
  if (known) return known;
  if (lower.endsWith("n't") && lower.length > 3) return [lower.slice(0, -3), 'not'];
  if (lower.endsWith("'ve")) return [lower.slice(0, -3), 'have'];
  if (lower.endsWith("'d")) return [lower.slice(0, -2), "'d"];
  if (lower.endsWith("'ll")) return [lower.slice(0, -3), "'ll"];
  if (lower.endsWith("'re")) return [lower.slice(0, -3), "'re"];
  if (lower.endsWith("'m")) return [lower.slice(0, -2), "'m"];
  if (lower.endsWith("'s")) return [lower.slice(0, -2), "'s"];
  return [lower];
}

/** Tokens of one line (starting at `offset` in the text), split into sentences. */
export function tokenizeLine(line: string, offset: number): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  let doubleQuoted = false;
  let singleQuoted = false;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(line); m !== null; m = WORD.exec(line)) {
    const raw = m[0].replace(/’/g, "'");
    const start = offset + m.index;
    const end = start + m[0].length;
    if (raw === '.' || raw === '!' || raw === '?') {
      if (current.length > 0) out.push(current);
      current = [];
      continue;
    }
    if (raw === '"' || raw === '“' || raw === '”') {
      doubleQuoted = raw === '“' ? true : raw === '”' ? false : !doubleQuoted;
      current.push({
        w: '"',
        start,
        end,
        cap: false,
        handle: false,
        quoted: false,
        initial: false,
        acronym: false,
      });
      continue;
    }
    if (raw === "'") {
      // A lone apostrophe right after a word ending in s is a plural possessive (`engineers'`).
      const prev = line[m.index - 1];
      if (prev !== undefined && /s/i.test(prev)) {
        current.push({
          w: "'s",
          start,
          end,
          cap: false,
          handle: false,
          quoted: doubleQuoted || singleQuoted,
          initial: false,
          acronym: false,
        });
      } else {
        singleQuoted = !singleQuoted;
      }
      continue;
    }
    const handle = raw.startsWith('@');
    const word = handle ? raw.slice(1) : raw;
    const cap = /^\p{Lu}/u.test(word);
    const initial = current.length === 0;
    const acronym = word.length > 1 && word === word.toUpperCase();
    for (const w of expand(word.toLowerCase())) {
      current.push({ w, start, end, cap, handle, quoted: doubleQuoted || singleQuoted, initial, acronym });
    }
    if (current.length >= MAX_SENTENCE_TOKENS) {
      out.push(current);
      current = [];
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}
