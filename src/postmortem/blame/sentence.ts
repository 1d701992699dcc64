/**
 * The analysis of one sentence: noun phrases, who the subject of a verb is (walking back over
 * auxiliaries and adverbs, across prepositional phrases and coordination, through relative
 * pronouns), passives, negation and repair cues.
 */
import type { BlameLexicon } from './blame-lexicon.js';
import type { BlameWork } from './blame-work.js';
import { blameWords } from './lexicon.js';
import type { Token } from './tokenize.js';
import { isAdverbish, isPunct, likelyVerb } from './word-forms.js';

/**
 * `maybe`: a bare capitalised word the lexicon does not know (`Jess`, or `Terraform`); a person only
 * when the predicate is something only people do.
 */
type SubjectKind = 'person' | 'maybe' | 'they' | 'we' | 'system' | 'none';
export interface Subject {
  readonly kind: SubjectKind;
  /** Index of the subject's head token, when there is one. */
  readonly at?: number | undefined;
  /** The subject is a thing a person made (`Liam's change`). */
  readonly possessed?: boolean | undefined;
}

/**
 * The longest run of auxiliaries and adverbs, and the longest noun phrase, a walk crosses: more
 * than any real clause has, and a bound that keeps every walk constant-time on adversarial runs.
 */
const MAX_WALK = 8;
/** How far back a passive agent (`by Ahmed`) is looked for. */
const MAX_AGENT_DISTANCE = 16;

/**
 * The analysis of one sentence. Every question the rules ask looks at a bounded number of tokens,
 * or at an index built once per sentence, so the rules do constant work per token.
 */
export class Sentence {
  /** Index of the first token of the clause each token is in (after the last boundary before it). */
  private readonly clauseStarts: Int32Array;
  /** The nearest `who` / `whoever` before each token in its clause, or -1. */
  private readonly relatives: Int32Array;
  /** Whether a repair cue sits at or after each index. */
  private readonly repairs: Uint8Array;
  /** The first boundary of the sentence, or its length. */
  private readonly firstBoundary: number;

  constructor(
    readonly t: readonly Token[],
    readonly lex: BlameLexicon,
    private readonly work: BlameWork,
  ) {
    const W = blameWords();
    const n = t.length;
    this.clauseStarts = new Int32Array(n + 1);
    this.relatives = new Int32Array(n + 1);
    this.repairs = new Uint8Array(n + 1);
    let first = n;
    this.relatives[0] = -1;
    for (let i = 1; i <= n; i++) {
      const boundary = this.isBoundary(i - 1);
      if (boundary && first === n) first = i - 1;
      this.clauseStarts[i] = boundary ? i : this.clauseStarts[i - 1]!;
      const w = this.w(i - 1);
      const relative = w === 'whoever' || (w === 'who' && i - 1 >= 1);
      this.relatives[i] = boundary ? -1 : relative ? i - 1 : this.relatives[i - 1]!;
    }
    for (let i = n - 1; i >= 0; i--)
      this.repairs[i] = W.REPAIR_CUES.has(this.w(i)) ? 1 : this.repairs[i + 1]!;
    this.firstBoundary = first;
  }

  /** The word at `i` (`''` outside the sentence). Each look is a counted step of work. */
  w(i: number): string {
    this.work.steps++;
    return this.t[i]?.w ?? '';
  }

  isBoundary(i: number): boolean {
    const W = blameWords();
    const tok = this.t[i];
    return tok === undefined || isPunct(tok) || W.SUBORDINATORS.has(tok.w);
  }

  /** Is token `i` (ending a noun phrase that starts at `npStart`) a person? */
  isPersonHead(i: number, npStart: number): boolean {
    const W = blameWords();
    const tok = this.t[i];
    if (!tok || isPunct(tok)) return false;
    if (tok.handle) return true;
    if (W.PERSON_PRONOUNS.has(tok.w)) return !(tok.w === 'i' && !tok.cap);
    if (this.lex.names.has(tok.w)) return true;
    for (const [length, phrases] of this.lex.phrases.get(tok.w) ?? []) {
      const from = i - length + 1;
      if (from < 0) continue;
      let joined = this.w(from);
      for (let k = from + 1; k <= i; k++) joined += ` ${this.w(k)}`;
      if (phrases.has(joined)) return true;
    }
    if (tok.cap && W.GIVEN_NAMES.has(tok.w)) return true;
    if (this.lex.roles.has(tok.w)) return true;
    if (!W.ROLE_NOUNS.has(tok.w)) return false;
    const before = this.w(i - 1);
    if (tok.w === 'operator' || tok.w === 'operators') {
      for (let k = npStart; k < i; k++) {
        this.work.steps++;
        const m = this.t[k]!;
        if (W.TECH_OPERATOR_MODIFIERS.has(m.w) || (m.cap && !m.initial)) return false;
      }
      return true;
    }
    if (tok.w === 'hire' || tok.w === 'hires') return before === 'new' || before === 'recent';
    if (tok.w === 'member' || tok.w === 'members') return before === 'team' || before === 'staff';
    return true;
  }

  /** Is a noun phrase token (walking back from a head)? */
  isNPToken(i: number): boolean {
    const W = blameWords();
    const tok = this.t[i];
    if (!tok || isPunct(tok)) return false;
    const w = tok.w;
    if (W.PREPOSITIONS.has(w) || W.COORDINATORS.has(w) || W.SUBORDINATORS.has(w)) return false;
    if (w === 'who' || w === 'whom' || w === 'which') return false;
    if (W.AUXILIARIES.has(w) || W.MODALS.has(w) || W.BE.has(w)) return false;
    if (likelyVerb(w) && w !== "'s") return false;
    return true;
  }

  /** Start of the noun phrase whose head is `h`. */
  npStart(h: number): number {
    const W = blameWords();
    let start = h;
    // A participle between a determiner and the head is an adjective: `Tariq's rushed deploy`.
    const adjectival = (i: number) =>
      this.w(i).endsWith('ed') && (W.DETERMINERS.has(this.w(i - 1)) || this.w(i - 1) === "'s");
    for (let k = 0; k < 6 && start - 1 >= 0 && (this.isNPToken(start - 1) || adjectival(start - 1)); k++) {
      start--;
      if (W.DETERMINERS.has(this.w(start)) && this.w(start - 1) !== "'s") break;
    }
    return start;
  }

  /** What the noun phrase ending at `h` refers to. */
  classifyNP(h: number, depth = 0): Subject {
    const W = blameWords();
    const tok = this.t[h];
    if (!tok || isPunct(tok)) return { kind: 'none' };
    // Post-modifiers of a person: `the engineer on call`, `the SRE on duty`, `whoever was in charge`.
    if (W.ON_DUTY_NOUNS.has(tok.w) && W.ON_DUTY_PREPOSITIONS.has(this.w(h - 1)) && h >= 2 && depth < 3) {
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
        if (W.ARTIFACT_NOUNS.has(head) || W.FAULT_NOUNS.has(head))
          return { kind: 'person', at: k - 1, possessed: true };
      }
    }
    if (start === h && tok.cap && !tok.acronym && /^[a-z]{2,15}$/.test(head) && !W.DETERMINERS.has(head)) {
      return { kind: 'maybe', at: h };
    }
    // An infinitive phrase too: `Priya's decision to skip the canary`.
    if (depth < 3 && start >= 3 && this.w(start - 2) === 'to' && this.isNPToken(start - 3)) {
      const outer = this.classifyNP(start - 3, depth + 1);
      if (outer.kind === 'person') return outer;
    }
    // A prepositional phrase modifies the real head before it: `a bug in the rate limiter`.
    if (depth < 3 && start - 1 >= 1 && W.PREPOSITIONS.has(this.w(start - 1)) && this.isNPToken(start - 2)) {
      return this.classifyNP(start - 2, depth + 1);
    }
    return { kind: 'system', at: h };
  }

  /** The subject of the clause that ends at `i` (used for `X did A and broke B`). */
  clauseSubject(i: number): Subject {
    const W = blameWords();
    const start = this.clauseStart(i);
    for (let k = start; k < Math.min(i, start + 8); k++) {
      const w = this.w(k);
      if (W.DETERMINERS.has(w) || W.COORDINATORS.has(w)) continue;
      if (likelyVerb(w) || W.AUXILIARIES.has(w)) break;
      // The head of the first noun phrase: the last token before the first verb-like word.
      let h = k;
      while (h + 1 < i && h < k + MAX_WALK && this.isNPToken(h + 1) && !likelyVerb(this.w(h + 1))) h++;
      const who = this.classifyNP(h);
      if (who.kind !== 'system') return who;
      for (let q = k; q <= h; q++) if (this.isPersonHead(q, k)) return { kind: 'person', at: q };
      return who;
    }
    return { kind: 'none' };
  }

  /** The subject of the verb phrase starting at `p`. */
  subjectBefore(p: number): Subject {
    const W = blameWords();
    let i = p - 1;
    while (i >= 0 && i > p - 1 - MAX_WALK && isAdverbish(this.w(i)) && !this.isBoundary(i)) i--;
    if (i < 0) return { kind: 'none' };
    const w = this.w(i);
    if (w === 'who' || w === 'whom' || w === 'that' || w === 'which') {
      let a = i - 1;
      if (this.w(a) === ',') a--;
      if (a < 0) return { kind: 'none' };
      return this.classifyNP(a);
    }
    if (W.COORDINATORS.has(w)) return this.clauseSubject(i);
    // `He pushed straight to main, bypassing review`: a participle clause shares the main subject.
    if (w === ',' && this.w(p).endsWith('ing') && i > 0) return this.clauseSubject(i);
    // `Alice, who was on call, did not respond`: skip the appositive back to its antecedent.
    if (w === ',') {
      for (let k = i - 1; k > 0 && k > i - 12; k--) {
        if (this.w(k) !== ',') continue;
        if (W.PERSON_RELATIVES.has(this.w(k + 1))) return this.classifyNP(k - 1);
        break;
      }
    }
    if (this.isBoundary(i) || w === 'to') return { kind: 'none' };
    const subject = this.classifyNP(i);
    if (subject.kind === 'system') {
      // Inside a relative clause (`the person who approved this clearly didn't…`) the subject is the
      // antecedent of `who`.
      const k = this.relatives[i]!;
      if (k >= 0 && this.w(k) === 'whoever') return { kind: 'person', at: k };
      if (k >= 1) {
        const antecedent = this.classifyNP(this.w(k - 1) === ',' ? k - 2 : k - 1);
        if (antecedent.kind === 'person') return antecedent;
      }
    }
    return subject;
  }

  /**
   * For a phrase that opens the sentence (`Instead of following the runbook, the responder…`), the
   * subject of the main clause after its comma.
   */
  subjectAfterFrontedPhrase(i: number): Subject {
    // The phrase runs from the start of the sentence to its first boundary, which must be a comma.
    const comma = this.firstBoundary;
    if (comma < i || this.w(comma) !== ',') return { kind: 'none' };
    for (let h = comma + 1; h < Math.min(this.t.length, comma + 5); h++) {
      if (this.isPersonHead(h, comma + 1)) return { kind: 'person', at: h };
      if (!this.isNPToken(h)) break;
    }
    return { kind: 'none' };
  }

  /** A passive agent (`by Ahmed`) in the clause around `i`. */
  agentInClause(i: number): Subject {
    const start = Math.max(this.clauseStart(i), i - MAX_AGENT_DISTANCE);
    for (let k = start; k < i; k++) {
      if (this.w(k) !== 'by') continue;
      for (let h = k + 1; h < Math.min(i, k + 5); h++) {
        if (this.isPersonHead(h, k + 1)) return { kind: 'person', at: h };
      }
    }
    return { kind: 'none' };
  }

  isPassiveAt(p: number): boolean {
    const W = blameWords();
    let i = p - 1;
    while (i >= 0 && i > p - 1 - MAX_WALK && isAdverbish(this.w(i)) && !W.BE.has(this.w(i))) i--;
    return i >= 0 && W.BE.has(this.w(i));
  }

  /** A negator within `window` tokens before `i`, in the same clause. */
  negatedBefore(i: number, window: number): boolean {
    const W = blameWords();
    for (let k = i - 1; k >= Math.max(0, i - window); k--) {
      if (this.isBoundary(k)) return false;
      const w = this.w(k);
      if (W.NEGATORS.has(w)) return true;
      if ((w === 'one' && this.w(k - 1) === 'no') || w === 'nobody') return true;
    }
    return false;
  }

  /** A repair cue anywhere in the sentence after `i` (`to restore`, `which cleared`, `the stale lock`). */
  repairAfter(i: number): boolean {
    this.work.steps++;
    return this.repairs[i + 1] === 1;
  }

  /** The first token of the clause `i` is in. */
  clauseStart(i: number): number {
    this.work.steps++;
    return this.clauseStarts[Math.min(i, this.t.length)]!;
  }
}

/**
 * Whether a subject counts as a person for a predicate. `humanOnly`: only people do this (`forgot`,
 * `did not check`), so `they` is a person; `strictlyHuman`: not even software does this (`did not
 * read`, `misjudged`), so an unknown capitalised word is a name too.
 */
export function isPersonSubject(s: Subject, humanOnly: boolean, strictlyHuman = false): boolean {
  return s.kind === 'person' || (humanOnly && s.kind === 'they') || (strictlyHuman && s.kind === 'maybe');
}
