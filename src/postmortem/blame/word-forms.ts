/** Word-shape tests the rules share: punctuation, adverbs, verb stems, likely verbs. */
import { blameWords } from './lexicon.js';
import type { Token } from './tokenize.js';

/** Punctuation that ends a phrase (not a sentence). */
export function isPunct(t: Token): boolean {
  const W = blameWords();
  return W.PUNCT.has(t.w);
}

/** An auxiliary or an adverb, which may sit between a subject and its verb. */
export function isAdverbish(w: string): boolean {
  const W = blameWords();
  return W.AUXILIARIES.has(w) || (w.length >= 5 && w.endsWith('ly') && !W.LY_NOUNS.has(w));
}

/** Crude stem to a base verb (`checked` → `check`, `testing` → `test`, `noticed` → `notice`). */
export function baseVerbIn(w: string, verbs: ReadonlySet<string>): boolean {
  if (verbs.has(w)) return true;
  const candidates: string[] = [];
  if (w.endsWith('ing')) {
    const stem = w.slice(0, -3);
    candidates.push(stem, `${stem}e`, stem.slice(0, -1));
  } else if (w.endsWith('ied')) {
    candidates.push(`${w.slice(0, -3)}y`);
  } else if (w.endsWith('ed')) {
    const stem = w.slice(0, -2);
    candidates.push(stem, w.slice(0, -1), stem.slice(0, -1));
  } else if (w.endsWith('es')) {
    candidates.push(w.slice(0, -2), w.slice(0, -1));
  } else if (w.endsWith('s')) {
    candidates.push(w.slice(0, -1));
  }
  return candidates.some((c) => verbs.has(c));
}

/** Likely a verb (ends a noun phrase walking backwards). */
export function likelyVerb(w: string): boolean {
  const W = blameWords();
  return (
    W.IRREGULAR_VERBS.has(w) ||
    W.MODALS.has(w) ||
    W.BE.has(w) ||
    W.FAILURE_VERBS.has(w) ||
    W.DESTRUCTIVE_VERBS.has(w) ||
    (w.length > 4 && w.endsWith('ed') && !W.ROLE_NOUNS.has(w))
  );
}
