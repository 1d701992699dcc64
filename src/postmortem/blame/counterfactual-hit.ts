/**
 * Rule `counterfactual`: hindsight about a person (`X should have…`, `X ought to have…`, `had X
 * tested…`, `if X had…`, `X could have prevented…`, `X was supposed to…`). The same forms about a
 * system (`the alert should have fired`, `if the canary had run`) are not flagged.
 */
import type { Hit } from './hit.js';
import { blameWords } from './lexicon.js';
import { isPersonSubject, type Sentence } from './sentence.js';
import { baseVerbIn, isAdverbish, likelyVerb } from './word-forms.js';

const COUNTERFACTUAL_MESSAGE =
  'is a counterfactual about a person (hindsight); describe what the person saw and what safeguard or signal was missing, e.g. "the runbook did not mention draining the node"';

/** The `counterfactual` finding at token `i`, if any. */
export function counterfactualHit(s: Sentence, i: number): Hit | undefined {
  const W = blameWords();
  const w = s.w(i);
  if (s.t[i]!.quoted) return undefined;
  // `X should have…`, `X shouldn't have…`, `X ought to have…`, `X could have prevented…`, `X was supposed to…`.
  if (w === 'should' || w === 'ought' || w === 'could' || (w === 'supposed' && s.w(i + 1) === 'to')) {
    let k = i + 1;
    if (s.w(k) === 'to' && w === 'ought') k++;
    if (s.w(k) === 'not') k++;
    if (w !== 'supposed') {
      if (s.w(k) !== 'have') return undefined;
      k++;
      while (isAdverbish(s.w(k)) && k < i + 6 && s.w(k) !== 'been') k++;
      const verb = s.w(k);
      if (verb === 'been') {
        const next = s.w(k + 1);
        const active = next.endsWith('ing') || W.BEEN_CONDUCT.has(next);
        if (!active) return undefined;
      }
      if (w === 'could' && !baseVerbIn(verb, W.COULD_HAVE_VERBS)) return undefined;
    }
    const subject = s.subjectBefore(w === 'supposed' ? i : i);
    const human = w === 'supposed' || baseVerbIn(s.w(k), W.DILIGENCE_VERBS) || s.w(k) === 'known';
    if (
      isPersonSubject(
        subject,
        human,
        human && (s.w(k) === 'known' || baseVerbIn(s.w(k), W.STRICTLY_HUMAN_VERBS)),
      )
    ) {
      return {
        rule: 'counterfactual',
        from: i,
        to: Math.min(k, s.t.length - 1),
        message: `"${s.t
          .slice(i, k + 1)
          .map((x) => x.w)
          .join(' ')}" ${COUNTERFACTUAL_MESSAGE}`,
      };
    }
    return undefined;
  }
  // `Had the release manager waited…` (inverted conditional at the start of a clause).
  if (w === 'had' && i > 0 && !s.isBoundary(i - 1) && !s.isPersonHead(i - 1, i - 1)) {
    // `…was preventable had the developer run the tests` (inversion after the main clause).
    const prev = s.w(i - 1);
    if (prev.endsWith('able') || prev.endsWith('ible') || W.AVOIDED_WORDS.has(prev)) {
      for (let h = i + 1; h < Math.min(s.t.length, i + 5); h++) {
        if (s.isBoundary(h)) break;
        if (s.isPersonHead(h, i + 1)) {
          const next = s.w(h + 1);
          if (W.PARTICIPLES.has(next) || (next.endsWith('ed') && next.length > 3)) {
            return {
              rule: 'counterfactual',
              from: i,
              to: h + 1,
              message: `"had ${s.t[h]!.w} ${next}…" ${COUNTERFACTUAL_MESSAGE}`,
            };
          }
          break;
        }
      }
    }
  }
  if (w === 'had' && (i === 0 || s.isBoundary(i - 1)) && !s.t[i]!.quoted) {
    for (let h = i + 1; h < Math.min(s.t.length, i + 6); h++) {
      if (s.isBoundary(h)) return undefined;
      const next = s.w(h + 1);
      const nextIsName = s.isPersonHead(h + 1, i + 1) || W.ROLE_NOUNS.has(next) || s.t[h + 1]?.cap === true;
      if (s.isPersonHead(h, i + 1) && (!s.isNPToken(h + 1) || !nextIsName)) {
        return {
          rule: 'counterfactual',
          from: i,
          to: h + 1,
          message: `"had ${s.t[h]!.w} ${next}…" ${COUNTERFACTUAL_MESSAGE}`,
        };
      }
      if (likelyVerb(next) || next === 'been' || next === 'not') {
        if (s.isPersonHead(h, i + 1)) {
          return {
            rule: 'counterfactual',
            from: i,
            to: h + 1,
            message: `"had ${s.t[h]!.w} ${next}…" ${COUNTERFACTUAL_MESSAGE}`,
          };
        }
        return undefined;
      }
    }
    return undefined;
  }
  // `if X had (not)…`, `if only X had…`, `if X were more careful`.
  if (w === 'if') {
    let k = i + 1;
    if (s.w(k) === 'only') k++;
    for (let h = k; h < Math.min(s.t.length, k + 5); h++) {
      const next = s.w(h + 1);
      if (
        next === 'had' ||
        next === "'d" ||
        ((next === 'was' || next === 'were') && W.IF_WERE_CONDUCT.has(s.w(h + 2)))
      ) {
        if (!s.isPersonHead(h, k)) return undefined;
        const after = s.w(h + 2);
        // `if Alice had the right permissions`: possession, not a counterfactual about conduct.
        if (next === 'had' && (W.DETERMINERS.has(after) || after === 'access')) return undefined;
        return {
          rule: 'counterfactual',
          from: i,
          to: h + 2,
          message: `"if ${s.t[h]!.w} ${next} ${after}…" ${COUNTERFACTUAL_MESSAGE}`,
        };
      }
      if (s.isBoundary(h) || !s.isNPToken(h)) return undefined;
    }
  }
  return undefined;
}
