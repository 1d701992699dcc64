/** What a rule reports: the rule, the token span it names, and the rewrite hint. */
import type { Sentence, Subject } from './sentence.js';

/** The three blame rules. */
export type BlameRule = 'blame-language' | 'person-as-cause' | 'counterfactual';

/** One blameful phrase: which rule, where in the text (UTF-16 offsets), and a rewrite hint. */
export interface BlameMatch {
  readonly rule: BlameRule;
  readonly start: number;
  readonly end: number;
  readonly excerpt: string;
  readonly message: string;
}

/** A rule's finding in one sentence, as token indexes (`from`..`to`, inclusive). */
export interface Hit {
  readonly rule: BlameRule;
  readonly from: number;
  readonly to: number;
  readonly message: string;
}

/** The rewrite every person-as-cause message ends with. */
export const SYSTEM_REWRITE =
  'make the system the subject and say what allowed it, e.g. "the deploy pipeline allowed an untested change to reach production"';

/** `names "X" as the cause ("… verb"); <rewrite>`. */
export function causeMessage(s: Sentence, subject: Subject, verbFrom: number, verbTo: number): string {
  const who = subject.at === undefined ? 'a person' : `"${s.t[subject.at]!.w}"`;
  const verb = s.t
    .slice(verbFrom, verbTo + 1)
    .map((x) => x.w)
    .join(' ');
  return `names ${who} as the cause ("… ${verb}"); ${SYSTEM_REWRITE}`;
}
