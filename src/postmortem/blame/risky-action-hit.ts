/**
 * Rule `person-as-cause`, two more shapes: a person as the subject of a change to a live system at a
 * risky moment or with a risky scope (`he pushed the release to production at 5 p.m. on a Friday`,
 * `she rolled it out to every region at once`), and a person acting on the wrong target (`the
 * on-call engineer ran the script against the wrong cluster`, `applied it to production instead of
 * staging`, `scaled down the pool thinking it was staging`). The moment or the target is what the
 * sentence blames the person for; the same words with a tool as the subject (`the pipeline pushed…`,
 * `the script ran against the wrong cluster because…`) are a system's behaviour, and are not flagged.
 */
import type { Hit } from './hit.js';
import { blameWords } from './lexicon.js';
import type { Sentence, Subject } from './sentence.js';

/** How far past the verb a moment or a target is looked for. */
const REACH = 16;

const RISK_REWRITE =
  'make the system the subject and say what let the change through at that moment, e.g. "the deploy tool did not enforce the Friday-evening freeze"';
const TARGET_REWRITE =
  'make the system the subject and say what made the wrong target easy to pick, e.g. "both clusters had the same name in the CLI prompt"';

/** A person acting on a live system at token `i`, with its subject; `undefined` otherwise. */
function liveActionBy(s: Sentence, i: number): Subject | undefined {
  const W = blameWords();
  const w = s.w(i);
  if (!W.LIVE_ACTION_VERBS.has(w)) return undefined;
  // `rolled back` is the repair, not the risky change.
  if ((w === 'rolled' || w === 'rolling') && [1, 2, 3, 4].some((k) => s.w(i + k) === 'back'))
    return undefined;
  if (s.isPassiveAt(i)) return undefined;
  const subject = s.subjectBefore(i);
  return subject.kind === 'person' ? subject : undefined;
}

/** Where a risky moment or scope is named after the verb at `i` (`on a Friday`, `at once`), or -1. */
function riskyMomentAfter(s: Sentence, i: number): number {
  const W = blameWords();
  let everyOrAll = false;
  for (let k = i + 1; k < Math.min(s.t.length, i + REACH); k++) {
    const w = s.w(k);
    if (W.SCOPE_ALL.has(w)) everyOrAll = true;
    if (W.RISKY_MOMENTS.has(w)) return k;
    if ((w === 'friday' || w === 'fridays') && (s.w(k - 1) === 'a' || W.FRIDAY_PARTS.has(s.w(k + 1))))
      return k;
    if (w === 'freeze' && [1, 2, 3].some((n) => W.FREEZE_PREPOSITIONS.has(s.w(k - n)))) return k;
    if (w === 'before' && W.CLOSE_BEFORE.has(s.w(k - 1))) {
      // Moments before a risky event (`minutes before the handover`), not before a safe step
      // (`just before the upgrade` is when a backup belongs).
      for (let n = k + 1; n < k + 5; n++) if (W.RISKY_EVENTS.has(s.w(n))) return n;
    }
    if (w === 'once' && s.w(k - 1) === 'at' && everyOrAll) return k;
    if ((w === 'straight' || w === 'directly') && W.INTO.has(s.w(k + 1))) {
      if (W.LIVE_TARGETS.has(s.w(k + 2))) return k + 2;
    }
    if (w.startsWith('mid-') && W.MID_OPERATIONS.has(w.slice(4))) return k;
    if (w === 'late' && s.w(k + 1) === 'at' && s.w(k + 2) === 'night') return k + 2;
    if (w === 'rush' && s.w(k + 1) === 'hour') return k + 1;
    if (w === 'middle' && s.w(k - 1) === 'the' && s.w(k - 2) === 'in') return k;
    // Cues first: `before` and `once` are boundaries too.
    if (W.CAUSE_STOPS.has(w) || (s.isBoundary(k) && !W.CAUSE_CROSSINGS.has(w))) return -1;
  }
  return -1;
}

/** Where the wrong target is named after the verb at `i` (`the wrong cluster`), or -1. */
function wrongTargetAfter(s: Sentence, i: number): number {
  const W = blameWords();
  for (let k = i + 1; k < Math.min(s.t.length, i + REACH); k++) {
    const w = s.w(k);
    if (W.COORDINATORS.has(w) || (s.isBoundary(k) && w !== ',')) return -1;
    // A purpose clause (`to fix the wrong balances`) is not the target.
    if (w === 'to' && (W.REPAIR_CUES.has(s.w(k + 1)) || W.DILIGENCE_VERBS.has(s.w(k + 1)))) return -1;
    if (w === 'wrong' && (s.w(k - 1) === 'the' || s.w(k - 1) === 'a') && s.isNPToken(k + 1)) return k + 1;
    if (w === 'instead' && s.w(k + 1) === 'of') {
      const target = s.w(k + 2) === 'the' ? k + 3 : k + 2;
      return W.ENVIRONMENT_NOUNS.has(s.w(target)) ? target : -1;
    }
    // `thinking it was staging`: a belief about which system it was (not `thinking it was stuck`).
    if (W.BELIEF_VERBS.has(w) && W.BELIEF_OBJECTS.has(s.w(k + 1)) && W.BELIEF_COPULAS.has(s.w(k + 2))) {
      const target = W.DETERMINERS.has(s.w(k + 3)) ? k + 4 : k + 3;
      return W.ENVIRONMENT_NOUNS.has(s.w(target)) ? target : -1;
    }
  }
  return -1;
}

function hitOf(s: Sentence, subject: Subject, from: number, to: number, rewrite: string): Hit {
  const who = subject.at === undefined ? 'a person' : `"${s.t[subject.at]!.w}"`;
  const words = s.t
    .slice(from, to + 1)
    .map((x) => x.w)
    .join(' ');
  return {
    rule: 'person-as-cause',
    from,
    to,
    message: `names ${who} as the cause ("… ${words}"); ${rewrite}`,
  };
}

/** The `person-as-cause` finding for a risky moment or a wrong target at token `i`, if any. */
export function riskyActionHit(s: Sentence, i: number): Hit | undefined {
  if (s.t[i]!.quoted) return undefined;
  const subject = liveActionBy(s, i);
  if (subject === undefined) return undefined;
  const target = wrongTargetAfter(s, i);
  if (target >= 0) return hitOf(s, subject, i, target, TARGET_REWRITE);
  // A change made in a hurry to repair something (`pushed the fix at midnight to restore checkout`)
  // is the response, not the cause.
  if (s.repairAfter(i)) return undefined;
  const moment = riskyMomentAfter(s, i);
  if (moment >= 0) return hitOf(s, subject, i, moment, RISK_REWRITE);
  return undefined;
}
