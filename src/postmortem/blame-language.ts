/**
 * Blameless-language heuristics. A sentence is flagged when
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
 * The subject is found by walking back from the verb over auxiliaries and adverbs, across
 * prepositional phrases (`the SRE on duty`, `a bug in the rate limiter`) and coordination (`X ran
 * the script and broke…`), and through relative pronouns (`the engineer who broke…`). The same
 * verbs with a system as the subject (`the deploy broke the build cache`, `the health check failed
 * to detect…`) are not flagged, nor are technical senses (`lazy loading`, `fault injector`, `git
 * blame`), quoted mentions, negations (`no one is to blame`) and systemic framings (`prone to human
 * error`).
 */
import {
  ACTION_VERBS,
  ARTIFACT_NOUNS,
  AUXILIARIES,
  BE,
  COORDINATORS,
  DECISION_NOUNS,
  DESTRUCTIVE_VERBS,
  DETERMINERS,
  DILIGENCE_VERBS,
  ERROR_PHRASES,
  FAILURE_VERBS,
  FAULT_NOUNS,
  GIVEN_NAMES,
  HUMAN_ONLY_VERBS,
  JUDGEMENT_WORDS,
  JUDGING_ADVERBS,
  LY_NOUNS,
  MODALS,
  NEGATIVE_OBJECT_WORDS,
  NEGATORS,
  PERCEPTION_VERBS,
  PERSON_PRONOUNS,
  POOR_WORDS,
  PREPOSITIONS,
  REPAIR_CUES,
  ROLE_NOUNS,
  SUBORDINATORS,
  SYSTEMIC_ERROR_CONTEXT,
  TECH_OPERATOR_MODIFIERS,
  TECHNICAL_AFTER_ERROR,
  TECHNICAL_AFTER_JUDGEMENT,
  WITHOUT_DILIGENCE,
} from './lexicon.js';

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

/** Who counts as a person besides pronouns, role nouns and common given names. */
export interface BlameLexicon {
  /** Single-word names, lower case. */
  readonly names: ReadonlySet<string>;
  /** Multi-word names as lower-case word lists, by their last word. */
  readonly phrases: ReadonlyMap<string, readonly (readonly string[])[]>;
  /** Extra role nouns (from the incident's role keys), lower case. */
  readonly roles: ReadonlySet<string>;
}

interface Token {
  /** Lower-case, normalised word or punctuation. */
  readonly w: string;
  readonly start: number;
  readonly end: number;
  /** Starts with an upper-case letter in the text. */
  readonly cap: boolean;
  /** Written as `@handle`. */
  readonly handle: boolean;
  /** Inside quotation marks (a mention, not a use). */
  readonly quoted: boolean;
  /** First word of its sentence. */
  readonly initial: boolean;
  /** Written in capitals (`AWS`, `DNS`): an acronym, not a name. */
  readonly acronym: boolean;
}

/**
 * `maybe`: a bare capitalised word the lexicon does not know (`Jess`, or `Terraform`); a person only
 * when the predicate is something only people do.
 */
type SubjectKind = 'person' | 'maybe' | 'they' | 'we' | 'system' | 'none';
interface Subject {
  readonly kind: SubjectKind;
  /** Index of the subject's head token, when there is one. */
  readonly at?: number;
  /** The subject is a thing a person made (`Liam's change`). */
  readonly possessed?: boolean;
}

const MAX_SENTENCE_TOKENS = 400;
const WORD = /@?[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*|[.,;:!?()"“”—–]|['’]/gu;
const CONTRACTIONS: ReadonlyMap<string, readonly string[]> = /*#__PURE__*/ new Map([
  ["can't", ['can', 'not']],
  ["won't", ['will', 'not']],
  ['cannot', ['can', 'not']],
  ["it's", ['it', 'is']],
  ["that's", ['that', 'is']],
  ["there's", ['there', 'is']],
  ["what's", ['what', 'is']],
  ["he's", ['he', 'is']],
  ["she's", ['she', 'is']],
  ["who's", ['who', 'is']],
  ["let's", ['let', 'us']],
]);

/** Splits a word into the tokens the rules reason about (`didn't` → `did not`, `Bob's` → `bob 's`). */
function expand(lower: string): readonly string[] {
  const known = CONTRACTIONS.get(lower);
  if (known) return known;
  if (lower.endsWith("n't") && lower.length > 3) return [lower.slice(0, -3), 'not'];
  if (lower.endsWith("'ve")) return [lower.slice(0, -3), 'have'];
  if (lower.endsWith("'d")) return [lower.slice(0, -2), "'d"];
  if (lower.endsWith("'ll")) return [lower.slice(0, -3), "'ll"];
  if (lower.endsWith("'re")) return [lower.slice(0, -3), "'re"];
  if (lower.endsWith("'m")) return [lower.slice(0, -2), "'m"];
  if (lower.endsWith("'s")) return [lower.slice(0, -2), "'s"];
  return [lower];
}

/** Tokens of one line, split into sentences. */
function sentences(line: string, offset: number): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  let doubleQuoted = false;
  let singleQuoted = false;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(line); m !== null; m = WORD.exec(line)) {
    const raw = m[0].replace(/’/g, "'");
    const start = offset + m.index;
    const end = start + m[0].length;
    if (raw === '.' || raw === '!' || raw === '?') {
      if (current.length > 0) out.push(current);
      current = [];
      continue;
    }
    if (raw === '"' || raw === '“' || raw === '”') {
      doubleQuoted = raw === '“' ? true : raw === '”' ? false : !doubleQuoted;
      current.push({
        w: '"',
        start,
        end,
        cap: false,
        handle: false,
        quoted: false,
        initial: false,
        acronym: false,
      });
      continue;
    }
    if (raw === "'") {
      // A lone apostrophe right after a word ending in s is a plural possessive (`engineers'`).
      const prev = line[m.index - 1];
      if (prev !== undefined && /s/i.test(prev)) {
        current.push({
          w: "'s",
          start,
          end,
          cap: false,
          handle: false,
          quoted: doubleQuoted || singleQuoted,
          initial: false,
          acronym: false,
        });
      } else {
        singleQuoted = !singleQuoted;
      }
      continue;
    }
    const handle = raw.startsWith('@');
    const word = handle ? raw.slice(1) : raw;
    const cap = /^\p{Lu}/u.test(word);
    const initial = current.length === 0;
    const acronym = word.length > 1 && word === word.toUpperCase();
    for (const w of expand(word.toLowerCase())) {
      current.push({ w, start, end, cap, handle, quoted: doubleQuoted || singleQuoted, initial, acronym });
    }
    if (current.length >= MAX_SENTENCE_TOKENS) {
      out.push(current);
      current = [];
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

const PUNCT = /*#__PURE__*/ new Set([',', ';', ':', '(', ')', '—', '–', '"']);

function isPunct(t: Token): boolean {
  return PUNCT.has(t.w);
}

function isAdverbish(w: string): boolean {
  return AUXILIARIES.has(w) || (w.length >= 5 && w.endsWith('ly') && !LY_NOUNS.has(w));
}

/** Crude stem to a base verb (`checked` → `check`, `testing` → `test`, `noticed` → `notice`). */
function baseVerbIn(w: string, verbs: ReadonlySet<string>): boolean {
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

const IRREGULAR_VERBS = /*#__PURE__*/ new Set(
  'ran broke took made went wrote did had was were is are got set put saw sent left kept found gave told came became began brought knew thought'.split(
    ' ',
  ),
);

/** Likely a verb (ends a noun phrase walking backwards). */
function likelyVerb(w: string): boolean {
  return (
    IRREGULAR_VERBS.has(w) ||
    MODALS.has(w) ||
    BE.has(w) ||
    FAILURE_VERBS.has(w) ||
    DESTRUCTIVE_VERBS.has(w) ||
    (w.length > 4 && w.endsWith('ed') && !ROLE_NOUNS.has(w))
  );
}

/** The analysis of one sentence. */
class Sentence {
  constructor(
    readonly t: readonly Token[],
    readonly lex: BlameLexicon,
  ) {}

  w(i: number): string {
    return this.t[i]?.w ?? '';
  }

  isBoundary(i: number): boolean {
    const tok = this.t[i];
    return tok === undefined || isPunct(tok) || SUBORDINATORS.has(tok.w);
  }

  /** Is token `i` (ending a noun phrase that starts at `npStart`) a person? */
  isPersonHead(i: number, npStart: number): boolean {
    const tok = this.t[i];
    if (!tok || isPunct(tok)) return false;
    if (tok.handle) return true;
    if (PERSON_PRONOUNS.has(tok.w)) return !(tok.w === 'i' && !tok.cap);
    if (this.lex.names.has(tok.w)) return true;
    for (const phrase of this.lex.phrases.get(tok.w) ?? []) {
      const from = i - phrase.length + 1;
      if (from >= 0 && phrase.every((part, k) => this.t[from + k]?.w === part)) return true;
    }
    if (tok.cap && GIVEN_NAMES.has(tok.w)) return true;
    if (this.lex.roles.has(tok.w)) return true;
    if (!ROLE_NOUNS.has(tok.w)) return false;
    const before = this.w(i - 1);
    if (tok.w === 'operator' || tok.w === 'operators') {
      for (let k = npStart; k < i; k++) {
        const m = this.t[k]!;
        if (TECH_OPERATOR_MODIFIERS.has(m.w) || (m.cap && !m.initial)) return false;
      }
      return true;
    }
    if (tok.w === 'hire' || tok.w === 'hires') return before === 'new' || before === 'recent';
    if (tok.w === 'member' || tok.w === 'members') return before === 'team' || before === 'staff';
    return true;
  }

  /** Is a noun phrase token (walking back from a head)? */
  isNPToken(i: number): boolean {
    const tok = this.t[i];
    if (!tok || isPunct(tok)) return false;
    const w = tok.w;
    if (PREPOSITIONS.has(w) || COORDINATORS.has(w) || SUBORDINATORS.has(w)) return false;
    if (w === 'who' || w === 'whom' || w === 'which') return false;
    if (AUXILIARIES.has(w) || MODALS.has(w) || BE.has(w)) return false;
    if (likelyVerb(w) && w !== "'s") return false;
    return true;
  }

  /** Start of the noun phrase whose head is `h`. */
  npStart(h: number): number {
    let start = h;
    // A participle between a determiner and the head is an adjective: `Tariq's rushed deploy`.
    const adjectival = (i: number) =>
      this.w(i).endsWith('ed') && (DETERMINERS.has(this.w(i - 1)) || this.w(i - 1) === "'s");
    for (let k = 0; k < 6 && start - 1 >= 0 && (this.isNPToken(start - 1) || adjectival(start - 1)); k++) {
      start--;
      if (DETERMINERS.has(this.w(start)) && this.w(start - 1) !== "'s") break;
    }
    return start;
  }

  /** What the noun phrase ending at `h` refers to. */
  classifyNP(h: number, depth = 0): Subject {
    const tok = this.t[h];
    if (!tok || isPunct(tok)) return { kind: 'none' };
    // Post-modifiers of a person: `the engineer on call`, `the SRE on duty`, `whoever was in charge`.
    if (
      ['call', 'duty', 'shift', 'charge', 'rotation', 'pager'].includes(tok.w) &&
      ['on', 'in'].includes(this.w(h - 1)) &&
      h >= 2
    ) {
      const inner = this.classifyNP(h - 2, depth + 1);
      if (inner.kind === 'person') return inner;
    }
    const start = this.npStart(h);
    const head = tok.w;
    if (this.isPersonHead(h, start)) return { kind: 'person', at: h };
    if (head === 'they' || head === 'them') return { kind: 'they', at: h };
    if (head === 'we' || head === 'us') return { kind: 'we', at: h };
    if (head === 'it' || head === 'this' || head === 'that') return { kind: 'system', at: h };
    // `Liam's change`, `the operator's mistake`: a person's artifact or fault.
    for (let k = start; k < h; k++) {
      if (this.w(k) === "'s" && k > 0 && this.isPersonHead(k - 1, Math.max(0, k - 3))) {
        if (ARTIFACT_NOUNS.has(head) || FAULT_NOUNS.has(head))
          return { kind: 'person', at: k - 1, possessed: true };
      }
    }
    if (start === h && tok.cap && !tok.acronym && /^[a-z]{2,15}$/.test(head) && !DETERMINERS.has(head)) {
      return { kind: 'maybe', at: h };
    }
    // An infinitive phrase too: `Priya's decision to skip the canary`.
    if (depth < 3 && start >= 3 && this.w(start - 2) === 'to' && this.isNPToken(start - 3)) {
      const outer = this.classifyNP(start - 3, depth + 1);
      if (outer.kind === 'person') return outer;
    }
    // A prepositional phrase modifies the real head before it: `a bug in the rate limiter`.
    if (depth < 3 && start - 1 >= 1 && PREPOSITIONS.has(this.w(start - 1)) && this.isNPToken(start - 2)) {
      return this.classifyNP(start - 2, depth + 1);
    }
    return { kind: 'system', at: h };
  }

  /** The subject of the clause that ends at `i` (used for `X did A and broke B`). */
  clauseSubject(i: number): Subject {
    let start = i;
    while (start - 1 >= 0 && !this.isBoundary(start - 1)) start--;
    for (let k = start; k < Math.min(i, start + 8); k++) {
      const w = this.w(k);
      if (DETERMINERS.has(w) || COORDINATORS.has(w)) continue;
      if (likelyVerb(w) || AUXILIARIES.has(w)) break;
      // The head of the first noun phrase: the last token before the first verb-like word.
      let h = k;
      while (h + 1 < i && this.isNPToken(h + 1) && !likelyVerb(this.w(h + 1))) h++;
      const who = this.classifyNP(h);
      if (who.kind !== 'system') return who;
      for (let q = k; q <= h; q++) if (this.isPersonHead(q, k)) return { kind: 'person', at: q };
      return who;
    }
    return { kind: 'none' };
  }

  /** The subject of the verb phrase starting at `p`. */
  subjectBefore(p: number): Subject {
    let i = p - 1;
    while (i >= 0 && isAdverbish(this.w(i)) && !this.isBoundary(i)) i--;
    if (i < 0) return { kind: 'none' };
    const w = this.w(i);
    if (w === 'who' || w === 'whom' || w === 'that' || w === 'which') {
      let a = i - 1;
      if (this.w(a) === ',') a--;
      if (a < 0) return { kind: 'none' };
      return this.classifyNP(a);
    }
    if (COORDINATORS.has(w)) return this.clauseSubject(i);
    // `He pushed straight to main, bypassing review`: a participle clause shares the main subject.
    if (w === ',' && this.w(p).endsWith('ing') && i > 0) return this.clauseSubject(i);
    // `Alice, who was on call, did not respond`: skip the appositive back to its antecedent.
    if (w === ',') {
      for (let k = i - 1; k > 0 && k > i - 12; k--) {
        if (this.w(k) !== ',') continue;
        if (['who', 'whom'].includes(this.w(k + 1))) return this.classifyNP(k - 1);
        break;
      }
    }
    if (this.isBoundary(i) || w === 'to') return { kind: 'none' };
    const subject = this.classifyNP(i);
    if (subject.kind === 'system') {
      // Inside a relative clause (`the person who approved this clearly didn't…`) the subject is the
      // antecedent of `who`.
      for (let k = i - 1; k >= 0 && !this.isBoundary(k); k--) {
        if (this.w(k) === 'whoever') return { kind: 'person', at: k };
        if (this.w(k) === 'who' && k >= 1) {
          const antecedent = this.classifyNP(this.w(k - 1) === ',' ? k - 2 : k - 1);
          if (antecedent.kind === 'person') return antecedent;
          break;
        }
      }
    }
    return subject;
  }

  /**
   * For a phrase that opens the sentence (`Instead of following the runbook, the responder…`), the
   * subject of the main clause after its comma.
   */
  subjectAfterFrontedPhrase(i: number): Subject {
    for (let k = 0; k < i; k++) if (this.isBoundary(k)) return { kind: 'none' };
    let comma = i + 1;
    while (comma < this.t.length && this.w(comma) !== ',') {
      if (this.isBoundary(comma)) return { kind: 'none' };
      comma++;
    }
    for (let h = comma + 1; h < Math.min(this.t.length, comma + 5); h++) {
      if (this.isPersonHead(h, comma + 1)) return { kind: 'person', at: h };
      if (!this.isNPToken(h)) break;
    }
    return { kind: 'none' };
  }

  /** A passive agent (`by Ahmed`) in the clause around `i`. */
  agentInClause(i: number): Subject {
    let start = i;
    while (start - 1 >= 0 && !this.isBoundary(start - 1)) start--;
    for (let k = start; k < i; k++) {
      if (this.w(k) !== 'by') continue;
      for (let h = k + 1; h < Math.min(i, k + 5); h++) {
        if (this.isPersonHead(h, k + 1)) return { kind: 'person', at: h };
      }
    }
    return { kind: 'none' };
  }

  isPassiveAt(p: number): boolean {
    let i = p - 1;
    while (i >= 0 && isAdverbish(this.w(i)) && !BE.has(this.w(i))) i--;
    return i >= 0 && BE.has(this.w(i));
  }

  /** A negator within `window` tokens before `i`, in the same clause. */
  negatedBefore(i: number, window: number): boolean {
    for (let k = i - 1; k >= Math.max(0, i - window); k--) {
      if (this.isBoundary(k)) return false;
      const w = this.w(k);
      if (NEGATORS.has(w)) return true;
      if ((w === 'one' && this.w(k - 1) === 'no') || w === 'nobody') return true;
    }
    return false;
  }

  /** A repair cue anywhere in the sentence after `i` (`to restore`, `which cleared`, `the stale lock`). */
  repairAfter(i: number): boolean {
    for (let k = i + 1; k < this.t.length; k++) if (REPAIR_CUES.has(this.w(k))) return true;
    return false;
  }
}

/**
 * Whether a subject counts as a person for a predicate. `humanOnly`: only people do this (`forgot`,
 * `did not check`), so `they` is a person; `strictlyHuman`: not even software does this (`did not
 * read`, `misjudged`), so an unknown capitalised word is a name too.
 */
function isPersonSubject(s: Subject, humanOnly: boolean, strictlyHuman = false): boolean {
  return s.kind === 'person' || (humanOnly && s.kind === 'they') || (strictlyHuman && s.kind === 'maybe');
}

interface Hit {
  readonly rule: BlameRule;
  readonly from: number;
  readonly to: number;
  readonly message: string;
}

/** Words before `blame` that reject it (`avoids blaming`, `stop blaming the network`). */
const BLAME_AVOIDERS = /*#__PURE__*/ new Set(
  'avoid avoids avoided avoiding stop stops stopped without rather instead beyond against discourage discourages not never no'.split(
    ' ',
  ),
);

const SYSTEM_REWRITE =
  'make the system the subject and say what allowed it, e.g. "the deploy pipeline allowed an untested change to reach production"';

function judgementHit(s: Sentence, i: number): Hit | undefined {
  const w = s.w(i);
  const t = s.t[i]!;
  if (t.quoted) return undefined;
  // `human error`, `operator error`: the analysis stops at a person.
  const second = ERROR_PHRASES.get(w);
  if (second?.has(s.w(i + 1))) {
    if (TECHNICAL_AFTER_ERROR.has(s.w(i + 2))) return undefined;
    for (let k = Math.max(0, i - 4); k < i; k++) if (SYSTEMIC_ERROR_CONTEXT.has(s.w(k))) return undefined;
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
    if (TECHNICAL_AFTER_JUDGEMENT.has(s.w(i + 1)) || s.negatedBefore(i, 3)) return undefined;
    return judgement(i, w);
  }
  if (JUDGEMENT_WORDS.has(w) || (w === 'fat' && s.w(i + 1).startsWith('finger'))) {
    if (w === 'rookie' && !FAULT_NOUNS.has(s.w(i + 1)) && !['move', 'moves'].includes(s.w(i + 1))) {
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
    if (['nobody', 'anyone', 'anybody', 'noone'].includes(possessor) || s.negatedBefore(i, 3))
      return undefined;
    if (
      s.w(i + 1) === 'of' ||
      before === 'at' ||
      before === "'s" ||
      ['their', 'his', 'her', 'my', 'your', 'our'].includes(before)
    ) {
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
    if (['git', 'svn', 'hg', 'code', 'no'].includes(before)) return undefined;
    if (
      ['view', 'output', 'annotation', 'annotations', 'tool', 'log', 'history', 'ignore'].includes(s.w(i + 1))
    ) {
      return undefined;
    }
    if (s.negatedBefore(i, 4)) return undefined;
    for (let k = Math.max(0, i - 3); k < i; k++) {
      if (BLAME_AVOIDERS.has(s.w(k))) return undefined;
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
      (s.w(i - 1) === 'have' &&
        ['should', 'ought', 'must'].includes(s.w(i - 2) === 'to' ? s.w(i - 3) : s.w(i - 2))))
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
    const notPaying = (b1 === 'paying' || b1 === 'pay') && NEGATORS.has(b2);
    const paidNo = b1 === 'no' && (b2 === 'paid' || b2 === 'pay' || b2 === 'paying');
    const lack = (b1 === 'of' || b1 === 'in') && ['lack', 'lapse', 'error'].includes(b2);
    const poor = POOR_WORDS.has(b1) && w !== 'attention';
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
  if (
    w === 'accountable' &&
    [1, 2, 3].some((k) => ['held', 'hold', 'holds', 'holding'].includes(s.w(i - k)))
  ) {
    return idiom(Math.max(0, i - 2), i, 'held accountable');
  }
  // Idioms: `dropped the ball`, `asleep at the wheel`, `cut corners`.
  if (w === 'ball' && s.w(i - 1) === 'the' && ['dropped', 'drop', 'drops', 'dropping'].includes(s.w(i - 2))) {
    return idiom(i - 2, i, 'dropped the ball');
  }
  if (w === 'asleep' && s.w(i + 1) === 'at' && ['wheel', 'switch'].includes(s.w(i + 3))) {
    return idiom(i, i + 3, 'asleep at the wheel');
  }
  if (w === 'corners' && ['cut', 'cutting', 'cuts'].includes(s.w(i - 1)))
    return idiom(i - 1, i, 'cut corners');
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

function causeMessage(s: Sentence, subject: Subject, verbFrom: number, verbTo: number): string {
  const who = subject.at === undefined ? 'a person' : `"${s.t[subject.at]!.w}"`;
  const verb = s.t
    .slice(verbFrom, verbTo + 1)
    .map((x) => x.w)
    .join(' ');
  return `names ${who} as the cause ("… ${verb}"); ${SYSTEM_REWRITE}`;
}

function personAsCauseHit(s: Sentence, i: number): Hit | undefined {
  const w = s.w(i);
  const t = s.t[i]!;
  if (t.quoted) return undefined;
  // Strong failure verbs with a person as the subject: `Alice broke checkout`, `the on-call ignored…`.
  const phrasal = (w === 'messed' || w === 'screwed') && s.w(i + 1) === 'up';
  const takeDown =
    ['took', 'take', 'takes', 'brought', 'bring', 'knocked'].includes(w) &&
    ['down', 'out', 'over', 'offline'].some((p) => s.w(i + 1) === p || s.w(i + 2) === p || s.w(i + 3) === p);
  const introduced =
    (w === 'introduced' || w === 'introduces') &&
    [1, 2, 3].some((k) =>
      [
        'bug',
        'regression',
        'error',
        'outage',
        'defect',
        'typo',
        'mistake',
        'vulnerability',
        'breakage',
      ].includes(s.w(i + k)),
    );
  // `broke the work into streams`, `broke down the problem`, `broke the glass` (emergency access).
  const decomposes =
    (w === 'broke' || w === 'break' || w === 'breaks') &&
    (['down', 'out', 'even', 'ground'].includes(s.w(i + 1)) ||
      [1, 2, 3, 4].some((k) =>
        ['into', 'glass', 'break-glass', 'news', 'tie', 'silence', 'ice'].includes(s.w(i + k)),
      ));
  if ((FAILURE_VERBS.has(w) && !decomposes) || phrasal || takeDown || introduced) {
    if (s.isPassiveAt(i) && !phrasal) return passiveByPerson(s, i);
    const subject = s.subjectBefore(i);
    if (s.w(i + 1) === 'nothing') return undefined;
    if (isPersonSubject(subject, HUMAN_ONLY_VERBS.has(w) || phrasal, HUMAN_ONLY_VERBS.has(w) || phrasal)) {
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
  const overrides = ['overrode', 'overridden', 'overrides', 'override', 'overriding'].includes(w);
  if ((DESTRUCTIVE_VERBS.has(w) && !(w.startsWith('drop') && s.w(i + 2) === 'ball')) || overrides) {
    if (s.isPassiveAt(i)) return passiveByPerson(s, i);
    const subject = s.subjectBefore(i);
    const data = overrides || [1, 2, 3, 4, 5].some((k) => DATA_NOUNS.has(s.w(i + k)));
    if (subject.kind === 'person' && data && !s.repairAfter(i)) {
      return { rule: 'person-as-cause', from: i, to: i, message: causeMessage(s, subject, i, i) };
    }
    return undefined;
  }
  // Leaving something dangerous behind: `somebody left debug logging on in production`.
  if (w === 'left' || w === 'leaves' || w === 'leave') {
    for (let k = i + 2; k < Math.min(s.t.length, i + 6); k++) {
      if (s.isBoundary(k) || PREPOSITIONS.has(s.w(k - 1))) break;
      if (LEFT_STATES.has(s.w(k))) {
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
  if (ACTION_VERBS.has(w) && !((w === 'rolled' || w === 'roll') && s.w(i + 1) !== 'out')) {
    let k = i + 1;
    if (['out', 'in', 'up'].includes(s.w(k))) k++;
    for (let n = 0; n < 4 && k < s.t.length; n++, k++) {
      const o = s.w(k);
      if (NEGATIVE_OBJECT_WORDS.has(o)) {
        const subject = s.subjectBefore(i);
        if (subject.kind === 'person') {
          return { rule: 'person-as-cause', from: i, to: k, message: causeMessage(s, subject, i, k) };
        }
        break;
      }
      if (PREPOSITIONS.has(o) || s.isBoundary(k) || COORDINATORS.has(o)) break;
    }
  }
  // Judging adverbs in a clause whose subject is a person: `Ivan accidentally dropped…`,
  // `ran the script by mistake`, `approved it without looking`.
  const byMistake = w === 'by' && ['mistake', 'accident'].includes(s.w(i + 1));
  const withoutCare =
    (w === 'without' || (w === 'of' && s.w(i - 1) === 'instead')) && skippedDiligence(s, i + 1);
  if (
    JUDGING_ADVERBS.has(w) ||
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
  if ((w === 'failed' || w === 'fail' || w === 'fails') && s.w(i + 1) === 'to') {
    const subject = s.subjectBefore(i);
    const humanVerb = baseVerbIn(s.w(i + 2), DILIGENCE_VERBS);
    if (isPersonSubject(subject, humanVerb)) {
      return { rule: 'person-as-cause', from: i, to: i + 2, message: causeMessage(s, subject, i, i + 2) };
    }
    return undefined;
  }
  if ((w === 'not' && ['did', 'does', 'do', 'had', 'has', 'have'].includes(s.w(i - 1))) || w === 'never') {
    let v = i + 1;
    while (isAdverbish(s.w(v)) && v < i + 3) v++;
    const verb = s.w(v);
    if (PERCEPTION_VERBS.has(verb) || NOT_OMISSIONS.has(verb) || verb === '' || s.isBoundary(v))
      return undefined;
    const diligence = baseVerbIn(verb, DILIGENCE_VERBS);
    // `X did not <anything>` names what a person left undone; `never` and `had not` only for diligence.
    const didNot = w === 'not' && ['did', 'does', 'do'].includes(s.w(i - 1));
    if (!diligence && !didNot) return undefined;
    const subject = s.subjectBefore(w === 'not' ? i - 1 : i);
    if (
      (subject.kind === 'person' && (diligence || didNot)) ||
      isPersonSubject(subject, diligence, baseVerbIn(verb, STRICTLY_HUMAN_VERBS))
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
  if (w === 'not' && s.w(i + 1).endsWith('ing') && baseVerbIn(s.w(i + 1), DILIGENCE_VERBS)) {
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
  if (['made', 'make', 'makes', 'making'].includes(w)) {
    // `The mistake was made by the release engineer.`
    if (s.isPassiveAt(i)) {
      const subject = s.subjectBefore(i);
      if (subject.at !== undefined && FAULT_NOUNS.has(s.w(subject.at))) return passiveByPerson(s, i);
    }
    for (let k = i + 1; k < Math.min(s.t.length, i + 5); k++) {
      const o = s.w(k);
      const judgedDecision = DECISION_NOUNS.has(o) && POOR_WORDS.has(s.w(k - 1));
      if (FAULT_NOUNS.has(o) || judgedDecision) {
        if (s.isPassiveAt(i)) return passiveByPerson(s, i);
        const subject = s.subjectBefore(i);
        if (isPersonSubject(subject, true, true)) {
          return { rule: 'person-as-cause', from: i, to: k, message: causeMessage(s, subject, i, k) };
        }
        return undefined;
      }
      if (PREPOSITIONS.has(o) || s.isBoundary(k)) break;
    }
    return undefined;
  }
  // `was not careful`, `wasn't paying attention`, `was responsible for the outage`.
  if (BE.has(w)) {
    let k = i + 1;
    const negated = s.w(k) === 'not';
    if (negated) k++;
    while (isAdverbish(s.w(k)) && k < i + 4) k++;
    const a = s.w(k);
    const tooSlow = a === 'too' && ['slow', 'late'].includes(s.w(k + 1));
    const careless =
      negated && ['careful', 'attentive', 'thorough', 'diligent', 'watching', 'cautious'].includes(a);
    const theCause =
      a === 'the' && (s.w(k + 1) === 'cause' || (s.w(k + 1) === 'root' && s.w(k + 2) === 'cause'));
    const responsible =
      a === 'responsible' &&
      s.w(k + 1) === 'for' &&
      [2, 3, 4].some((n) =>
        [
          'outage',
          'incident',
          'failure',
          'breakage',
          'mistake',
          'error',
          'problem',
          'downtime',
          'bad',
          'bug',
        ].includes(s.w(k + n)),
      );
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
    while (k < i + 3 && k < s.t.length && !FAULT_NOUNS.has(s.w(k)) && !s.isBoundary(k)) k++;
    if (FAULT_NOUNS.has(s.w(k)) && s.isPersonHead(i - 1, s.npStart(i - 1))) {
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

/** `was broken by Carol`, `the mistake was made by the release engineer`. */
function passiveByPerson(s: Sentence, i: number): Hit | undefined {
  for (let k = i + 1; k < Math.min(s.t.length, i + 4); k++) {
    if (s.w(k) !== 'by') {
      if (s.isBoundary(k)) return undefined;
      continue;
    }
    for (let h = k + 1; h < Math.min(s.t.length, k + 5); h++) {
      if (s.isBoundary(h) || PREPOSITIONS.has(s.w(h))) break;
      if (s.isPersonHead(h, k + 1) && (h + 1 >= s.t.length || !s.isNPToken(h + 1) || s.isBoundary(h + 1))) {
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

const COUNTERFACTUAL_MESSAGE =
  'is a counterfactual about a person (hindsight); describe what the person saw and what safeguard or signal was missing, e.g. "the runbook did not mention draining the node"';

function counterfactualHit(s: Sentence, i: number): Hit | undefined {
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
        const active =
          next.endsWith('ing') ||
          ['more', 'careful', 'aware', 'attentive', 'quicker', 'faster', 'on'].includes(next);
        if (!active) return undefined;
      }
      if (w === 'could' && !baseVerbIn(verb, COULD_HAVE_VERBS)) return undefined;
    }
    const subject = s.subjectBefore(w === 'supposed' ? i : i);
    const human = w === 'supposed' || baseVerbIn(s.w(k), DILIGENCE_VERBS) || s.w(k) === 'known';
    if (
      isPersonSubject(
        subject,
        human,
        human && (s.w(k) === 'known' || baseVerbIn(s.w(k), STRICTLY_HUMAN_VERBS)),
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
    if (
      prev.endsWith('able') ||
      prev.endsWith('ible') ||
      ['avoided', 'prevented', 'averted', 'sooner', 'earlier'].includes(prev)
    ) {
      for (let h = i + 1; h < Math.min(s.t.length, i + 5); h++) {
        if (s.isBoundary(h)) break;
        if (s.isPersonHead(h, i + 1)) {
          const next = s.w(h + 1);
          if (PARTICIPLES.has(next) || (next.endsWith('ed') && next.length > 3)) {
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
      const nextIsName = s.isPersonHead(h + 1, i + 1) || ROLE_NOUNS.has(next) || s.t[h + 1]?.cap === true;
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
        ((next === 'was' || next === 'were') &&
          ['more', 'paying', 'careful', 'watching'].includes(s.w(h + 2)))
      ) {
        if (!s.isPersonHead(h, k)) return undefined;
        const after = s.w(h + 2);
        // `if Alice had the right permissions`: possession, not a counterfactual about conduct.
        if (next === 'had' && (DETERMINERS.has(after) || after === 'access')) return undefined;
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

/** What a person left in place that caused harm (`left debug logging on`). */
const LEFT_STATES = /*#__PURE__*/ new Set('on running enabled unlocked unattended exposed active'.split(' '));

/** Things whose deletion is data loss, not routine cleanup (`deleted the customer table`). */
const DATA_NOUNS = /*#__PURE__*/ new Set(
  `table tables index indexes indices database databases db bucket buckets volume volumes namespace namespaces
  row rows record records data file files key keys cluster clusters queue queues topic topics backup backups
  snapshot snapshots collection collections schema schemas column columns partition partitions disk disks
  directory directories folder folders repository repo secret secrets certificate certificates zone zones
  instance instances account accounts branch customer customers user users dataset datasets`.split(/\s+/),
);

const WITHOUT_FILLERS = /*#__PURE__*/ new Set(
  'any proper adequate sufficient enough prior further real actual much the a an its their his her'.split(
    ' ',
  ),
);

/** `without (any) testing`, `instead of investigating`: a skipped step of diligence starts at `k`. */
function skippedDiligence(s: Sentence, k: number): boolean {
  let j = k;
  while (WITHOUT_FILLERS.has(s.w(j)) && j < k + 3) j++;
  const w = s.w(j);
  if (WITHOUT_DILIGENCE.has(w) && w !== 'a') return true;
  if (
    [
      'second',
      'review',
      'test',
      'tests',
      'dry',
      'dry-run',
      'canary',
      'rehearsal',
      'backup',
      'snapshot',
      'sign-off',
      'approval',
    ].includes(w)
  ) {
    return true;
  }
  return w.endsWith('ing') && baseVerbIn(w, DILIGENCE_VERBS);
}

/** Diligence only a person shows; software does not `read` a note or `notice` a graph. */
const STRICTLY_HUMAN_VERBS = /*#__PURE__*/ new Set(
  'read notice ask think bother escalate communicate tell inform understand realise realize remember care consult heed proofread double-check review pay'.split(
    ' ',
  ),
);

/** Verbs after `did not` that state a fact about a person rather than an omission. */
const NOT_OMISSIONS = /*#__PURE__*/ new Set(
  'expect anticipate intend mean want find reach exist happen matter sleep rest eat appear seem feel like require need have'.split(
    ' ',
  ),
);

const PARTICIPLES = /*#__PURE__*/ new Set(
  'been known taken written done seen run read gone set put caught'.split(' '),
);

const COULD_HAVE_VERBS = /*#__PURE__*/ new Set(
  'prevent avoid catch caught stop notice spot see seen check test verify know known escalate read wait fix revert call follow realise realize flag raise page warn tell ask'.split(
    ' ',
  ),
);

/**
 * Finds blameful phrases in `text`: at most one match per rule per sentence, in text order.
 * Never throws on any string; work is linear in the text length.
 */
export function findBlameLanguage(text: string, lexicon: BlameLexicon): BlameMatch[] {
  const matches: BlameMatch[] = [];
  let offset = 0;
  for (const line of text.split(/\r\n|[\n\r\u2028\u2029]/)) {
    for (const tokens of sentences(line, offset)) {
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

/** Words in a name that are too common (or too much like a word) to treat as a name on their own. */
const NOT_A_NAME = /*#__PURE__*/ new Set(
  `the a an and or of team bot ops on-call oncall deploy release system admin user service platform infra sre
  will may can must should might shall would could bill mark pat rob sue grant page lead max summer april june
  august don ray art jack hope joy faith dawn chase drew wade miles gene guy`.split(/\s+/),
);

/**
 * A lexicon from the people a postmortem knows (role holders, authors, reviewers, action-item
 * owners, `people` from the options) and its role keys (`techLead` → `tech lead`).
 */
export function blameLexicon(people: readonly string[], roleKeys: readonly string[]): BlameLexicon {
  const names = new Set<string>();
  const phrases = new Map<string, string[][]>();
  for (const person of people) {
    const local =
      person.includes('@') && !person.startsWith('@') ? person.slice(0, person.indexOf('@')) : person;
    const words = local
      .replace(/^@/, '')
      .toLowerCase()
      .split(/[\s._]+/)
      .filter((p) => p.length >= 2);
    if (words.length === 1 && !NOT_A_NAME.has(words[0]!)) names.add(words[0]!);
    if (words.length > 1) {
      const last = words[words.length - 1]!;
      phrases.set(last, [...(phrases.get(last) ?? []), words]);
      // A first name alone is how people refer to each other in prose.
      if (words[0]!.length >= 3 && !NOT_A_NAME.has(words[0]!)) names.add(words[0]!);
    }
  }
  const roles = new Set<string>();
  for (const key of roleKeys) {
    const words = key
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[\s_.-]+/)
      .filter(Boolean);
    const last = words[words.length - 1];
    if (last && last.length >= 3 && !NOT_A_NAME.has(last)) roles.add(last);
  }
  return { names, phrases, roles };
}
