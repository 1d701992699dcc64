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
import { counterfactualHit } from './counterfactual-hit.js';
import type { BlameMatch, BlameRule, Hit } from './hit.js';
import { judgementHit } from './judgement-hit.js';
import { personAsCauseHit } from './person-as-cause-hit.js';
import { Sentence } from './sentence.js';
import { tokenizeLine } from './tokenize.js';

/**
 * Finds blameful phrases in `text`: at most one match per rule per sentence, in text order.
 * Never throws on any string; work is linear in the text length.
 */
export function findBlameLanguage(text: string, lexicon: BlameLexicon): BlameMatch[] {
  const matches: BlameMatch[] = [];
  let offset = 0;
  for (const line of text.split(/\r\n|[\n\r\u2028\u2029]/)) {
    for (const tokens of tokenizeLine(line, offset)) {
      const s = new Sentence(tokens, lexicon);
      const found = new Map<BlameRule, Hit>();
      for (let i = 0; i < tokens.length; i++) {
        for (const detect of [judgementHit, personAsCauseHit, counterfactualHit]) {
          const hit = detect(s, i);
          if (hit && !found.has(hit.rule)) found.set(hit.rule, hit);
        }
      }
      for (const hit of found.values()) {
        const start = tokens[hit.from]!.start;
        const end = tokens[Math.min(hit.to, tokens.length - 1)]!.end;
        matches.push({ rule: hit.rule, start, end, excerpt: text.slice(start, end), message: hit.message });
      }
    }
    offset += line.length + 1;
  }
  return matches.sort((a, b) => a.start - b.start);
}
