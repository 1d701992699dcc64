/**
 * Rule `person-as-cause`: a person (a name, a role noun, a pronoun) as the grammatical subject of a
 * failure (`broke`, `forgot`, `failed to`, `did not check`, `deployed bad code`, `made a mistake`,
 * `Bob's typo`), or its passive agent (`was broken by Carol`). The same verbs with a system as the
 * subject are not flagged.
 */
import { causeMessage, type Hit, SYSTEM_REWRITE } from './hit.js';
import { blameWords } from './lexicon.js';
import { isPersonSubject, type Sentence } from './sentence.js';
import { skippedDiligence } from './skipped-diligence.js';
import { baseVerbIn, isAdverbish } from './word-forms.js';

/** The `person-as-cause` finding at token `i`, if any. */
export function personAsCauseHit(s: Sentence, i: number): Hit | undefined {
  const W = blameWords();
  const w = s.w(i);
  const t = s.t[i]!;
  if (t.quoted) return undefined;
  // Strong failure verbs with a person as the subject: `Alice broke checkout`, `the on-call ignored…`.
  const phrasal = (w === 'messed' || w === 'screwed') && s.w(i + 1) === 'up';
  const takeDown = W.TAKE_DOWN_VERBS.has(w) && [1, 2, 3].some((k) => W.TAKE_DOWN_PARTICLES.has(s.w(i + k)));
  const introduced = W.INTRODUCE_FORMS.has(w) && [1, 2, 3].some((k) => W.DEFECT_NOUNS.has(s.w(i + k)));
  // `broke the work into streams`, `broke down the problem`, `broke the glass` (emergency access).
  const decomposes =
    W.BREAK_FORMS.has(w) &&
    (W.BREAK_DOWN_PARTICLES.has(s.w(i + 1)) ||
      [1, 2, 3, 4].some((k) => W.BREAK_BENIGN_OBJECTS.has(s.w(i + k))));
  if ((W.FAILURE_VERBS.has(w) && !decomposes) || phrasal || takeDown || introduced) {
    if (s.isPassiveAt(i) && !phrasal) return passiveByPerson(s, i);
    const subject = s.subjectBefore(i);
    if (s.w(i + 1) === 'nothing' || missedSchedule(s, i)) return undefined;
    if (
      isPersonSubject(subject, W.HUMAN_ONLY_VERBS.has(w) || phrasal, W.HUMAN_ONLY_VERBS.has(w) || phrasal)
    ) {
      return {
        rule: 'person-as-cause',
        from: i,
        to: phrasal ? i + 1 : i,
        message: causeMessage(s, subject, i, phrasal ? i + 1 : i),
      };
    }
    return undefined;
  }
  // Destructive acts by a person with no repair purpose: `the intern deleted the customer table`.
  const overrides = W.OVERRIDE_FORMS.has(w);
  if ((W.DESTRUCTIVE_VERBS.has(w) && !(w.startsWith('drop') && s.w(i + 2) === 'ball')) || overrides) {
    if (s.isPassiveAt(i)) return passiveByPerson(s, i);
    const subject = s.subjectBefore(i);
    const data = overrides || [1, 2, 3, 4, 5].some((k) => W.DATA_NOUNS.has(s.w(i + k)));
    if (subject.kind === 'person' && data && !s.repairAfter(i)) {
      return { rule: 'person-as-cause', from: i, to: i, message: causeMessage(s, subject, i, i) };
    }
    return undefined;
  }
  // Leaving something dangerous behind: `somebody left debug logging on in production`.
  if (W.LEAVE_FORMS.has(w)) {
    for (let k = i + 2; k < Math.min(s.t.length, i + 6); k++) {
      if (s.isBoundary(k) || W.PREPOSITIONS.has(s.w(k - 1))) break;
      if (W.LEFT_STATES.has(s.w(k))) {
        const subject = s.subjectBefore(i);
        if (isPersonSubject(subject, false)) {
          return { rule: 'person-as-cause', from: i, to: k, message: causeMessage(s, subject, i, k) };
        }
        break;
      }
    }
  }
  // Shipping something judged bad: `Dave deployed bad code`, `she pushed the wrong image tag`.
  // `rolled back the bad deploy` is the repair, not the cause.
  if (W.ACTION_VERBS.has(w) && !(W.ROLL_FORMS.has(w) && s.w(i + 1) !== 'out')) {
    let k = i + 1;
    if (W.ACTION_PARTICLES.has(s.w(k))) k++;
    for (let n = 0; n < 4 && k < s.t.length; n++, k++) {
      const o = s.w(k);
      if (W.NEGATIVE_OBJECT_WORDS.has(o)) {
        const subject = s.subjectBefore(i);
        if (subject.kind === 'person') {
          return { rule: 'person-as-cause', from: i, to: k, message: causeMessage(s, subject, i, k) };
        }
        break;
      }
      if (W.PREPOSITIONS.has(o) || s.isBoundary(k) || W.COORDINATORS.has(o)) break;
    }
  }
  // Judging adverbs in a clause whose subject is a person: `Ivan accidentally dropped…`,
  // `ran the script by mistake`, `approved it without looking`.
  const byMistake = w === 'by' && W.BY_MISHAP.has(s.w(i + 1));
  const withoutCare =
    (w === 'without' || (w === 'of' && s.w(i - 1) === 'instead')) && skippedDiligence(s, i + 1);
  if (
    W.JUDGING_ADVERBS.has(w) ||
    byMistake ||
    withoutCare ||
    (w === 'hurry' && s.w(i - 1) === 'a' && s.w(i - 2) === 'in')
  ) {
    const subject = byMistake || withoutCare || w === 'hurry' ? s.clauseSubject(i) : s.subjectBefore(i);
    const before = s.subjectBefore(i);
    const fallback =
      subject.kind === 'person'
        ? subject
        : before.kind === 'person'
          ? before
          : s.agentInClause(i).kind === 'person'
            ? s.agentInClause(i)
            : s.subjectAfterFrontedPhrase(i);
    if (fallback.kind === 'person') {
      return {
        rule: 'person-as-cause',
        from: i,
        to: byMistake || withoutCare ? i + 1 : i,
        message: `"${s.t
          .slice(i, byMistake || withoutCare ? i + 2 : i + 1)
          .map((x) => x.w)
          .join(' ')}" judges what a person did; ${SYSTEM_REWRITE}`,
      };
    }
    return undefined;
  }
  // Omissions: `X failed to…`, `X did not check…`, `X never tested…`, `Rachel not checking…`.
  if (W.FAIL_FORMS.has(w) && s.w(i + 1) === 'to') {
    const subject = s.subjectBefore(i);
    const humanVerb = baseVerbIn(s.w(i + 2), W.DILIGENCE_VERBS);
    if (isPersonSubject(subject, humanVerb)) {
      return { rule: 'person-as-cause', from: i, to: i + 2, message: causeMessage(s, subject, i, i + 2) };
    }
    return undefined;
  }
  if ((w === 'not' && W.DO_HAVE_FORMS.has(s.w(i - 1))) || w === 'never') {
    const didNot = w === 'not' && W.DO_FORMS.has(s.w(i - 1));
    let v = i + 1;
    // After `did not` the verb is bare, so a `have` there is the main verb (`did not have an alert`:
    // a missing safeguard), not an auxiliary to step over. `not yet` is an adverb too.
    while (
      (isAdverbish(s.w(v)) || (s.w(v) === 'yet' && v === i + 1)) &&
      !(didNot && W.HAVE_FORMS.has(s.w(v))) &&
      v < i + 3
    )
      v++;
    const verb = s.w(v);
    if (W.PERCEPTION_VERBS.has(verb) || W.NOT_OMISSIONS.has(verb) || verb === '' || s.isBoundary(v))
      return undefined;
    const diligence = baseVerbIn(verb, W.DILIGENCE_VERBS);
    // `X did not <anything>` names what a person left undone; `never` and `had not` only for diligence.
    if (!diligence && !didNot) return undefined;
    const subject = s.subjectBefore(w === 'not' ? i - 1 : i);
    if (
      (subject.kind === 'person' && (diligence || didNot)) ||
      isPersonSubject(subject, diligence, baseVerbIn(verb, W.STRICTLY_HUMAN_VERBS))
    ) {
      return {
        rule: 'person-as-cause',
        from: w === 'not' ? i - 1 : i,
        to: v,
        message: causeMessage(s, subject, i, v),
      };
    }
    return undefined;
  }
  if (w === 'not' && s.w(i + 1).endsWith('ing') && baseVerbIn(s.w(i + 1), W.DILIGENCE_VERBS)) {
    // A gerund's subject sits right before `not`, even after a preposition: `a result of Rachel not checking`.
    const before = i - 1;
    if (before >= 0 && s.isPersonHead(before, s.npStart(before))) {
      return {
        rule: 'person-as-cause',
        from: i,
        to: i + 1,
        message: causeMessage(s, { kind: 'person', at: before }, i, i + 1),
      };
    }
    return undefined;
  }
  // `made a mistake`, `made the wrong call`.
  if (W.MAKE_FORMS.has(w)) {
    // `The mistake was made by the release engineer.`
    if (s.isPassiveAt(i)) {
      const subject = s.subjectBefore(i);
      if (subject.at !== undefined && W.FAULT_NOUNS.has(s.w(subject.at))) return passiveByPerson(s, i);
    }
    for (let k = i + 1; k < Math.min(s.t.length, i + 5); k++) {
      const o = s.w(k);
      const judgedDecision = W.DECISION_NOUNS.has(o) && W.POOR_WORDS.has(s.w(k - 1));
      if (W.FAULT_NOUNS.has(o) || judgedDecision) {
        if (s.isPassiveAt(i)) return passiveByPerson(s, i);
        const subject = s.subjectBefore(i);
        if (isPersonSubject(subject, true, true)) {
          return { rule: 'person-as-cause', from: i, to: k, message: causeMessage(s, subject, i, k) };
        }
        return undefined;
      }
      if (W.PREPOSITIONS.has(o) || s.isBoundary(k)) break;
    }
    return undefined;
  }
  // `was not careful`, `wasn't paying attention`, `was responsible for the outage`.
  if (W.BE.has(w)) {
    let k = i + 1;
    const negated = s.w(k) === 'not';
    if (negated) k++;
    while (isAdverbish(s.w(k)) && k < i + 4) k++;
    const a = s.w(k);
    const tooSlow = a === 'too' && W.TOO_WORDS.has(s.w(k + 1));
    const careless = negated && W.CARE_WORDS.has(a);
    const theCause =
      a === 'the' && (s.w(k + 1) === 'cause' || (s.w(k + 1) === 'root' && s.w(k + 2) === 'cause'));
    const responsible =
      a === 'responsible' && s.w(k + 1) === 'for' && [2, 3, 4].some((n) => W.HARM_NOUNS.has(s.w(k + n)));
    // `The root cause was Mike.`: a person, and nothing more, as the cause.
    if (s.w(i - 1) === 'cause' && !negated) {
      let h = k;
      while (h + 1 < Math.min(s.t.length, k + 4) && s.isNPToken(h + 1)) h++;
      if (s.isNPToken(h) && s.isBoundary(h + 1) && s.isPersonHead(h, k)) {
        return {
          rule: 'person-as-cause',
          from: i - 1,
          to: h,
          message: `names "${s.t[h]!.w}" as the cause; ${SYSTEM_REWRITE}`,
        };
      }
    }
    if (careless || responsible || theCause || tooSlow) {
      const subject = s.subjectBefore(i);
      if (isPersonSubject(subject, true, careless)) {
        return { rule: 'person-as-cause', from: i, to: k, message: causeMessage(s, subject, i, k) };
      }
    }
    return undefined;
  }
  // `Bob's typo`, `the operator's mistake`, `Frank's negligence`.
  if (w === "'s" && i > 0) {
    let k = i + 1;
    while (k < i + 3 && k < s.t.length && !W.FAULT_NOUNS.has(s.w(k)) && !s.isBoundary(k)) k++;
    if (W.FAULT_NOUNS.has(s.w(k)) && s.isPersonHead(i - 1, s.npStart(i - 1))) {
      return {
        rule: 'person-as-cause',
        from: i - 1,
        to: k,
        message: `"${s.t[i - 1]!.w}'s ${s.w(k)}" makes a person the cause; ${SYSTEM_REWRITE}`,
      };
    }
  }
  return undefined;
}

/**
 * `missed the deadline`, `missed the maintenance window`: a date the plan did not meet, a process
 * fact rather than a person causing the failure. `missed the window to fail over` (a chance to act)
 * and `missed the page` stay blame.
 */
function missedSchedule(s: Sentence, i: number): boolean {
  const W = blameWords();
  if (!W.MISS_FORMS.has(s.w(i))) return false;
  for (let k = i + 1; k < Math.min(s.t.length, i + 4); k++) {
    const o = s.w(k);
    if (W.SCHEDULE_NOUNS.has(o)) return s.w(k + 1) !== 'to';
    if (s.isBoundary(k) || W.PREPOSITIONS.has(o) || W.COORDINATORS.has(o)) return false;
  }
  return false;
}

/** `was broken by Carol`, `the mistake was made by the release engineer`. */
function passiveByPerson(s: Sentence, i: number): Hit | undefined {
  const W = blameWords();
  for (let k = i + 1; k < Math.min(s.t.length, i + 4); k++) {
    if (s.w(k) !== 'by') {
      if (s.isBoundary(k)) return undefined;
      continue;
    }
    let from = k + 1;
    let end = Math.min(s.t.length, k + 5);
    for (let h = from; h < end; h++) {
      // `caused by a mistake by the developer`: the agent of the fault is the agent.
      if (from === k + 1 && h > from && s.w(h) === 'by' && W.FAULT_NOUNS.has(s.w(h - 1))) {
        from = h + 1;
        end = Math.min(s.t.length, h + 5);
        continue;
      }
      if (s.isBoundary(h) || W.PREPOSITIONS.has(s.w(h))) break;
      if (s.isPersonHead(h, from) && (h + 1 >= s.t.length || !s.isNPToken(h + 1) || s.isBoundary(h + 1))) {
        return {
          rule: 'person-as-cause',
          from: i,
          to: h,
          message: `names "${s.t[h]!.w}" as the cause (passive "… ${s.w(i)} by ${s.t[h]!.w}"); ${SYSTEM_REWRITE}`,
        };
      }
    }
    return undefined;
  }
  return undefined;
}
