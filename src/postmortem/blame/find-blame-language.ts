/**
 * The blameless-language rules over a text. A sentence is flagged when
 *
 * - a judgement word describes how someone worked (`careless`, `sloppy`, `rubber-stamped`,
 *   `human error`, `fault of`, `didn't bother`) — rule `blame-language`;
 * - a person (a known name, a common given name, a role noun such as `the on-call engineer`, a
 *   pronoun such as `he` or `someone`) is the grammatical subject of a failure (`broke`, `forgot`,
 *   `failed to`, `did not check`, `deployed bad code`, `made a mistake`, `Bob's typo`) — rule
 *   `person-as-cause`;
 * - a counterfactual is about a person (`X should have…`, `had X tested…`, `if X had…`,
 *   `X could have prevented…`) — rule `counterfactual`.
 *
 * The same verbs with a system as the subject (`the deploy broke the build cache`, `the health
 * check failed to detect…`) are not flagged, nor are technical senses (`lazy loading`, `fault
 * injector`, `git blame`), quoted mentions, negations (`no one is to blame`) and systemic framings
 * (`prone to human error`).
 */
import type { BlameLexicon } from './blame-lexicon.js';
import { type BlameWork, blameWork } from './blame-work.js';
import { counterfactualHit } from './counterfactual-hit.js';
import type { BlameMatch, BlameRule, Hit } from './hit.js';
import { judgementHit } from './judgement-hit.js';
import { personAsCauseHit } from './person-as-cause-hit.js';
import { riskyActionHit } from './risky-action-hit.js';
import { Sentence } from './sentence.js';
import { forEachSentence } from './tokenize.js';
import { unreviewedApprovalHit } from './unreviewed-approval-hit.js';

/** Each rule's detector, asked at every token until it has found its phrase in the sentence. */
const DETECTORS: readonly (readonly [BlameRule, (s: Sentence, i: number) => Hit | undefined])[] = [
  ['blame-language', judgementHit],
  ['blame-language', unreviewedApprovalHit],
  ['person-as-cause', personAsCauseHit],
  ['person-as-cause', riskyActionHit],
  ['counterfactual', counterfactualHit],
];
/** The rules above: blame-language, person-as-cause, counterfactual. */
const RULES = 3;

/**
 * Finds blameful phrases in `text`: at most one match per rule per sentence, in text order.
 * Never throws on any string. Work is linear in the text length: each character and each token
 * costs a bounded number of steps, counted in `work` (by default {@link blameWork}).
 */
export function findBlameLanguage(
  text: string,
  lexicon: BlameLexicon,
  work: BlameWork = blameWork,
): BlameMatch[] {
  const matches: BlameMatch[] = [];
  forEachSentence(text, work, (tokens) => {
    const s = new Sentence(tokens, lexicon, work);
    const found = new Map<BlameRule, Hit>();
    for (let i = 0; i < tokens.length && found.size < RULES; i++) {
      for (const [rule, detect] of DETECTORS) {
        if (found.has(rule)) continue;
        const hit = detect(s, i);
        if (hit) found.set(hit.rule, hit);
      }
    }
    const own: BlameMatch[] = [];
    for (const hit of found.values()) {
      const start = tokens[hit.from]!.start;
      const end = tokens[Math.min(hit.to, tokens.length - 1)]!.end;
      own.push({ rule: hit.rule, start, end, excerpt: text.slice(start, end), message: hit.message });
    }
    // Sentences come in text order, so sorting each one's (at most three) matches sorts them all.
    own.sort((a, b) => a.start - b.start);
    matches.push(...own);
  });
  return matches;
}
