/**
 * The tokenizer of the blameless-language rules: words (with contractions and possessives split),
 * the punctuation the rules reason about, quotation state, and sentence boundaries. A hand-written
 * scanner rather than a regular expression, so every character costs one counted step and no input
 * can make it backtrack.
 */
import { lazyRegExp } from '../../model/lazy.js';
import type { BlameWork } from './blame-work.js';
import { blameWords } from './lexicon.js';

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

/** A sentence longer than this is cut, so no rule ever looks at an unbounded run of tokens. */
const MAX_SENTENCE_TOKENS = 400;

/** One code point of a letter or a digit (any script); the sticky flag tests exactly one position. */
const LETTER_OR_DIGIT = lazyRegExp('[\\p{L}\\p{N}]', 'uy');
const UPPER_FIRST = lazyRegExp('\\p{Lu}', 'uy');

/** Length (1 or 2 code units) of the letter or digit at `at`, or 0 when there is none. */
function wordCharAt(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (Number.isNaN(c)) return 0;
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
  const letterOrDigit = LETTER_OR_DIGIT();
  letterOrDigit.lastIndex = at;
  if (!letterOrDigit.test(text)) return 0;
  return letterOrDigit.lastIndex - at;
}

/** Punctuation tokens (sentence ends included). */
function isPunctuation(c: number): boolean {
  switch (c) {
    case 0x2e: // .
    case 0x2c: // ,
    case 0x3b: // ;
    case 0x3a: // :
    case 0x21: // !
    case 0x3f: // ?
    case 0x28: // (
    case 0x29: // )
    case 0x22: // "
    case 0x201c: // “
    case 0x201d: // ”
    case 0x2014: // —
    case 0x2013: // –
      return true;
    default:
      return false;
  }
}

/** Whether the text after an abbreviation's period goes on in lower case or digits (`p.m. on`). */
function continuesAfter(text: string, from: number, work: BlameWork): boolean {
  let k = from;
  while (text.charCodeAt(k) === 0x20 || text.charCodeAt(k) === 0x09) {
    work.steps++;
    k++;
  }
  const c = text.charCodeAt(k);
  if (k === from || Number.isNaN(c)) return false;
  if (c >= 0x30 && c <= 0x39) return true;
  if (wordCharAt(text, k) === 0) return false;
  const ch = text.slice(k, k + wordCharAt(text, k));
  return ch === ch.toLowerCase() && ch !== ch.toUpperCase();
}

/** Length of the line break at `at` (`\r\n` is one), or 0. */
function lineBreakAt(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === 0x0d) return text.charCodeAt(at + 1) === 0x0a ? 2 : 1;
  return c === 0x0a || c === 0x2028 || c === 0x2029 ? 1 : 0;
}

/** Splits a word into the tokens the rules reason about (`didn't` → `did not`, `Bob's` → `bob 's`). */
function expand(lower: string): readonly string[] {
  const W = blameWords();
  const known = W.CONTRACTIONS.get(lower);
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

/**
 * Calls `onSentence` with the tokens of each sentence of `text`, in order. A sentence ends at `.`,
 * `!`, `?`, a line break, or after {@link MAX_SENTENCE_TOKENS} tokens; quotation state does not
 * carry over a line break. A word is letters and digits joined by `'`, `’`, `.` or `-`
 * (`didn't`, `v4.2.1`, `on-call`), optionally written as an `@handle`.
 */
export function forEachSentence(text: string, work: BlameWork, onSentence: (tokens: Token[]) => void): void {
  const W = blameWords();
  let current: Token[] = [];
  let doubleQuoted = false;
  let singleQuoted = false;
  /** The last word, when it ends right where the scan is (for `p.m.` and `etc.` before a period). */
  let abbreviationEnd = -1;
  const end = () => {
    if (current.length > 0) onSentence(current);
    current = [];
  };
  const mark = (w: string, start: number, stop: number, quoted: boolean): Token => ({
    w,
    start,
    end: stop,
    cap: false,
    handle: false,
    quoted,
    initial: false,
    acronym: false,
  });
  let p = 0;
  while (p < text.length) {
    work.steps++;
    const br = lineBreakAt(text, p);
    if (br > 0) {
      end();
      doubleQuoted = false;
      singleQuoted = false;
      p += br;
      continue;
    }
    const c = text.charCodeAt(p);
    const handle = c === 0x40 && wordCharAt(text, p + 1) > 0;
    let q = handle ? p + 1 : p;
    let len = wordCharAt(text, q);
    if (len > 0) {
      // letters/digits, then any number of (joiner + letters/digits)
      for (;;) {
        while (len > 0) {
          q += len;
          work.steps++;
          len = wordCharAt(text, q);
        }
        const joiner = text.charCodeAt(q);
        const joins = joiner === 0x27 || joiner === 0x2019 || joiner === 0x2e || joiner === 0x2d;
        if (!joins) break;
        len = wordCharAt(text, q + 1);
        if (len === 0) break;
        q++;
      }
      const word = text.slice(handle ? p + 1 : p, q).replaceAll('’', "'");
      abbreviationEnd = word.includes('.') || W.ABBREVIATIONS.has(word.toLowerCase()) ? q : -1;
      const upperFirst = UPPER_FIRST();
      upperFirst.lastIndex = 0;
      const cap = upperFirst.test(word);
      const initial = current.length === 0;
      const acronym = word.length > 1 && word === word.toUpperCase();
      const quoted = doubleQuoted || singleQuoted;
      for (const w of expand(word.toLowerCase())) {
        current.push({ w, start: p, end: q, cap, handle, quoted, initial, acronym });
      }
      if (current.length >= MAX_SENTENCE_TOKENS) end();
      p = q;
      continue;
    }
    if (c === 0x2e || c === 0x21 || c === 0x3f) {
      // `at 5 p.m. on a Friday`, `tools, etc. and`: an abbreviation's period before a lower-case word
      // or a digit does not end the sentence.
      if (c !== 0x2e || abbreviationEnd !== p || !continuesAfter(text, p + 1, work)) end();
      p++;
      continue;
    }
    if (c === 0x22 || c === 0x201c || c === 0x201d) {
      doubleQuoted = c === 0x201c ? true : c === 0x201d ? false : !doubleQuoted;
      current.push(mark('"', p, p + 1, false));
    } else if (isPunctuation(c)) {
      current.push(mark(String.fromCharCode(c), p, p + 1, false));
    } else if (c === 0x27 || c === 0x2019) {
      // A lone apostrophe right after a word ending in s is a plural possessive (`engineers'`).
      const prev = text.charCodeAt(p - 1);
      if (prev === 0x73 || prev === 0x53) current.push(mark("'s", p, p + 1, doubleQuoted || singleQuoted));
      else singleQuoted = !singleQuoted;
    }
    if (current.length >= MAX_SENTENCE_TOKENS) end();
    // Step over a whole surrogate pair, never into its middle.
    p +=
      c >= 0xd800 && c <= 0xdbff && text.charCodeAt(p + 1) >= 0xdc00 && text.charCodeAt(p + 1) <= 0xdfff
        ? 2
        : 1;
  }
  end();
}
