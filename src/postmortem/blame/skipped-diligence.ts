/** A skipped step of diligence after `without` / `instead of` (`without any testing`). */
import { blameWords } from './lexicon.js';
import type { Sentence } from './sentence.js';
import { baseVerbIn } from './word-forms.js';

/** `without (any) testing`, `instead of investigating`: a skipped step of diligence starts at `k`. */
export function skippedDiligence(s: Sentence, k: number): boolean {
  const W = blameWords();
  let j = k;
  while (W.WITHOUT_FILLERS.has(s.w(j)) && j < k + 3) j++;
  const w = s.w(j);
  if (W.WITHOUT_DILIGENCE.has(w) && w !== 'a') return true;
  if (W.SKIPPABLE_SAFEGUARDS.has(w)) return true;
  return w.endsWith('ing') && baseVerbIn(w, W.DILIGENCE_VERBS);
}
