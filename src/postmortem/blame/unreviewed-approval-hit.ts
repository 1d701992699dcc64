/**
 * Rule `blame-language`, one more shape: a passive approval that says nobody reviewed what they
 * approved (`the pull request was approved without anyone reading the diff`, `the migration got
 * approved without being read`, `approved sight unseen`, `approved even though nobody had looked at
 * it`). Like `rubber-stamped`, it judges the unnamed reviewer. A possibility (`changes could be
 * approved without review`), a habit (`bumps are approved automatically`) or an approval by a tool
 * (`approved by the policy engine without a human in the loop`) describes the process, and is not
 * flagged.
 */
import type { Hit } from './hit.js';
import { blameWords } from './lexicon.js';
import type { Sentence } from './sentence.js';
import { skippedDiligence } from './skipped-diligence.js';

/** How far past the approval its missing review is looked for. */
const REACH = 10;

const APPROVAL_REWRITE =
  'judges whoever approved it; say what made a careful review hard or optional, e.g. "the review tool collapsed the 2,000-line diff" or "nothing required a second reviewer"';

/** The token after the approval at `i` (`approved`, `signed off`, `waved through`), or -1. */
function approvalEnd(s: Sentence, i: number): number {
  const W = blameWords();
  const w = s.w(i);
  if (W.APPROVAL_VERBS.has(w)) return i + 1;
  const particle = W.APPROVAL_PHRASES.get(w);
  return particle !== undefined && s.w(i + 1) === particle ? i + 2 : -1;
}

/** `was approved`, `got approved`, `had been approved`: a passive reporting that it happened. */
function eventPassive(s: Sentence, i: number): boolean {
  const W = blameWords();
  let j = i - 1;
  while (j > i - 4 && j >= 0 && s.w(j).endsWith('ly')) j--;
  const aux = s.w(j);
  if (W.EVENT_PASSIVE_AUX.has(aux)) return true;
  return aux === 'been' && W.HAVE_FORMS.has(s.w(j - 1)) && !W.MODALS.has(s.w(j - 2));
}

/** Where the missing review is named after `from` (`without anyone reading`), or -1. */
function missingReviewAfter(s: Sentence, from: number): number {
  const W = blameWords();
  for (let k = from; k < Math.min(s.t.length, from + REACH); k++) {
    const w = s.w(k);
    // An approval by someone or something named is that agent's story, told by other rules.
    if (w === 'by') return -1;
    if (w === 'sight' && s.w(k + 1) === 'unseen') return k + 1;
    if (w === 'without') {
      const next = s.w(k + 1);
      if (next === 'being' && W.REVIEW_PARTICIPLES.has(s.w(k + 2))) return k + 2;
      if (W.NO_ONE_LOOKING.has(next)) return s.w(k + 2).endsWith('ing') ? k + 2 : k + 1;
      if (next === 'a' && s.w(k + 2) === 'single') return k + 3;
      return skippedDiligence(s, k + 1) ? k + 1 : -1;
    }
    if (w === 'though' || w === 'although') {
      let n = k + 1;
      if (s.w(n) === 'no' && s.w(n + 1) === 'one') n++;
      else if (s.w(n) !== 'nobody') return -1;
      n++;
      if (W.HAVE_FORMS.has(s.w(n)) || W.EVER_WORDS.has(s.w(n))) n++;
      return W.REVIEW_PARTICIPLES.has(s.w(n)) ? n : -1;
    }
    if (s.isBoundary(k) && w !== ',') return -1;
  }
  return -1;
}

/** `approved without review by design`, `…automatically`, `…as configured`: the process, not a person. */
function systemicApproval(s: Sentence, from: number, to: number): boolean {
  const W = blameWords();
  for (let k = from; k < Math.min(s.t.length, to); k++) {
    const w = s.w(k);
    if (W.SYSTEMIC_APPROVAL.has(w) && (w !== 'design' || s.w(k - 1) === 'by')) return true;
  }
  return false;
}

/** The `blame-language` finding for an unreviewed passive approval at token `i`, if any. */
export function unreviewedApprovalHit(s: Sentence, i: number): Hit | undefined {
  if (s.t[i]!.quoted) return undefined;
  const after = approvalEnd(s, i);
  if (after < 0 || !eventPassive(s, i)) return undefined;
  const to = missingReviewAfter(s, after);
  if (to < 0 || systemicApproval(s, after, to + REACH)) return undefined;
  const words = s.t
    .slice(i, to + 1)
    .map((x) => x.w)
    .join(' ');
  return { rule: 'blame-language', from: i, to, message: `"${words}" ${APPROVAL_REWRITE}` };
}
