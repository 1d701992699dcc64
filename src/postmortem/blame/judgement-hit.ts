/**
 * Rule `blame-language`: judgement words about how someone worked (`careless`, `sloppy`,
 * `rubber-stamped`, `human error`, `fault of`, `didn't bother`, `dropped the ball`), left alone in
 * technical senses (`lazy loading`, `git blame`, `fault injector`), negations and systemic framings
 * (`prone to human error`).
 */
import { type Hit, SYSTEM_REWRITE } from './hit.js';
import { blameWords } from './lexicon.js';
import type { Sentence } from './sentence.js';

/** The `blame-language` finding at token `i`, if any. */
export function judgementHit(s: Sentence, i: number): Hit | undefined {
  const W = blameWords();
  const w = s.w(i);
  const t = s.t[i]!;
  if (t.quoted) return undefined;
  // `human error`, `operator error`: the analysis stops at a person.
  const second = W.ERROR_PHRASES.get(w);
  if (second?.has(s.w(i + 1))) {
    if (W.TECHNICAL_AFTER_ERROR.has(s.w(i + 2))) return undefined;
    for (let k = Math.max(0, i - 4); k < i; k++) if (W.SYSTEMIC_ERROR_CONTEXT.has(s.w(k))) return undefined;
    if (s.negatedBefore(i, 3)) return undefined;
    if (w === 'operator' && s.t[i - 1]?.cap && !s.t[i - 1]?.initial) return undefined;
    return {
      rule: 'blame-language',
      from: i,
      to: i + 1,
      message: `"${w} ${s.w(i + 1)}" ends the analysis at a person; ask what made the mistake possible and easy, e.g. "the CLI defaulted to the production account"`,
    };
  }
  if (w === 'lazy' || w === 'dumb') {
    if (W.TECHNICAL_AFTER_JUDGEMENT.has(s.w(i + 1)) || s.negatedBefore(i, 3)) return undefined;
    return judgement(i, w);
  }
  if (W.JUDGEMENT_WORDS.has(w) || (w === 'fat' && s.w(i + 1).startsWith('finger'))) {
    if (w === 'rookie' && !W.FAULT_NOUNS.has(s.w(i + 1)) && !W.ROOKIE_MOVES.has(s.w(i + 1))) {
      return undefined;
    }
    if (s.negatedBefore(i, 3)) return undefined;
    return judgement(i, w === 'fat' ? 'fat-fingered' : w);
  }
  // `rubber-stamped`: blame in the passive or with a person, not for a bot doing its job.
  if (
    w.startsWith('rubber-stamp') ||
    w.startsWith('rubberstamp') ||
    (w === 'rubber' && s.w(i + 1).startsWith('stamp'))
  ) {
    if (s.isPassiveAt(i) || s.subjectBefore(i).kind !== 'system') return judgement(i, 'rubber-stamped');
    return undefined;
  }
  if (w === 'blindly' || w === 'hastily') {
    const subject = s.subjectBefore(i);
    if (subject.kind === 'system' || subject.kind === 'none') return undefined;
    return judgement(i, w);
  }
  // `fault of`, `at fault`, `their fault`, `Bob's fault` (but not `nobody's fault`, `fault injector`).
  if (w === 'fault') {
    const before = s.w(i - 1);
    const possessor = before === "'s" ? s.w(i - 2) : before;
    if (W.NOBODY_WORDS.has(possessor) || s.negatedBefore(i, 3)) return undefined;
    if (s.w(i + 1) === 'of' || before === 'at' || before === "'s" || W.PERSON_POSSESSIVES.has(before)) {
      return {
        rule: 'blame-language',
        from: i,
        to: i,
        message: `"fault" assigns blame; describe the conditions instead, e.g. "the firewall change had no review step"`,
      };
    }
    return undefined;
  }
  if (w === 'blame' || w === 'blamed' || w === 'blames' || w === 'blaming') {
    const before = s.w(i - 1);
    if (W.BLAME_TOOL_PREFIXES.has(before)) return undefined;
    if (W.BLAME_TOOL_NOUNS.has(s.w(i + 1))) {
      return undefined;
    }
    if (s.negatedBefore(i, 4)) return undefined;
    for (let k = Math.max(0, i - 3); k < i; k++) {
      if (W.BLAME_AVOIDERS.has(s.w(k))) return undefined;
    }
    return {
      rule: 'blame-language',
      from: i,
      to: i,
      message: `"${w}" looks for a culprit; a blameless review asks what in the system allowed the failure`,
    };
  }
  // `should have known (better)`, `knew better`.
  if (
    (w === 'known' || w === 'know' || w === 'knew') &&
    (s.w(i + 1) === 'better' ||
      (s.w(i - 1) === 'have' && W.HINDSIGHT_MODALS.has(s.w(i - 2) === 'to' ? s.w(i - 3) : s.w(i - 2))))
  ) {
    return {
      rule: 'blame-language',
      from: Math.max(0, i - 2),
      to: s.w(i + 1) === 'better' ? i + 1 : i,
      message: `"should have known" is hindsight; say what information was missing or hard to find, e.g. "the dashboard did not show that the flag also gated billing"`,
    };
  }
  // `didn't bother`, `nobody bothered`, `couldn't be bothered`.
  if (w === 'bother' || w === 'bothered' || w === 'bothering') {
    if (s.negatedBefore(i, 4)) {
      return {
        rule: 'blame-language',
        from: Math.max(0, i - 2),
        to: i,
        message: `"didn't bother" judges motive; say which step was skipped and what made skipping it easy, e.g. "the dry run was optional in the migration tool"`,
      };
    }
    return undefined;
  }
  // `not paying attention`, `paid no attention`, `lack of attention`, `lapse in judgement`.
  if (w === 'attention' || w === 'judgement' || w === 'judgment' || w === 'concentration') {
    const b1 = s.w(i - 1);
    const b2 = s.w(i - 2);
    const notPaying = (b1 === 'paying' || b1 === 'pay') && W.NEGATORS.has(b2);
    const paidNo = b1 === 'no' && (b2 === 'paid' || b2 === 'pay' || b2 === 'paying');
    const lack = (b1 === 'of' || b1 === 'in') && W.LAPSE_NOUNS.has(b2);
    const poor = W.POOR_WORDS.has(b1) && w !== 'attention';
    if (notPaying || paidNo || lack || poor) {
      return {
        rule: 'blame-language',
        from: i - 2 >= 0 ? i - 2 : i,
        to: i,
        message: `"${s.t
          .slice(Math.max(0, i - 2), i + 1)
          .map((x) => x.w)
          .join(
            ' ',
          )}" judges a person; describe what competed for attention or what signal was missing, e.g. "the alert was one of 40 firing at the time"`,
      };
    }
    return undefined;
  }
  // `held accountable for the outage`: accountability as punishment.
  if (w === 'accountable' && [1, 2, 3].some((k) => W.HOLD_FORMS.has(s.w(i - k)))) {
    return idiom(Math.max(0, i - 2), i, 'held accountable');
  }
  // Idioms: `dropped the ball`, `asleep at the wheel`, `cut corners`.
  if (w === 'ball' && s.w(i - 1) === 'the' && W.DROP_FORMS.has(s.w(i - 2))) {
    return idiom(i - 2, i, 'dropped the ball');
  }
  if (w === 'asleep' && s.w(i + 1) === 'at' && W.ASLEEP_AT.has(s.w(i + 3))) {
    return idiom(i, i + 3, 'asleep at the wheel');
  }
  if (w === 'corners' && W.CUT_FORMS.has(s.w(i - 1))) return idiom(i - 1, i, 'cut corners');
  if ((w === 'messed' || w === 'screwed') && s.w(i + 1) === 'up') return idiom(i, i + 1, `${w} up`);
  return undefined;

  function judgement(at: number, word: string): Hit {
    return {
      rule: 'blame-language',
      from: at,
      to: at,
      message: `"${word}" judges a person's care or skill; ${SYSTEM_REWRITE}`,
    };
  }
  function idiom(from: number, to: number, phrase: string): Hit {
    return {
      rule: 'blame-language',
      from,
      to,
      message: `"${phrase}" blames a person; ${SYSTEM_REWRITE}`,
    };
  }
}
