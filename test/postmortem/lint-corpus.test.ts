/**
 * Precision and recall of the blame-language rules on the fixture corpus: a tuning set (the rules
 * were developed against it) and a held-out set written before the rules existed and never tuned
 * against, plus held-out sentences of three phrasings the first rules missed, written and committed
 * before the rules were taught them. Each sentence goes through `lintPostmortem` as the root cause
 * of a postmortem.
 */
import { describe, expect, it } from 'vitest';
import { declareIncident } from '../../src/lifecycle/index.js';
import { draftPostmortem, lintPostmortem, type PostmortemLintRule } from '../../src/postmortem/index.js';
import { type CorpusSentence, tuningCorpus } from '../fixtures/lint-corpus.js';
import { heldOutCorpus, heldOutPhrasingCorpus, type PhrasingKind } from '../fixtures/lint-corpus-heldout.js';

const BLAME_RULES: ReadonlySet<PostmortemLintRule> = new Set([
  'blame-language',
  'person-as-cause',
  'counterfactual',
]);
const { incident } = declareIncident({ incidentId: 'INC-1', title: 'Corpus', at: '2026-11-24T09:00:00Z' });
const base = draftPostmortem(incident);
const rootCause = base.sections.findIndex((s) => s.id === 'rootCause');

function flags(sentence: CorpusSentence): boolean {
  const pm = structuredClone(base);
  pm.sections[rootCause]!.content = { kind: 'text', paragraphs: [sentence.text] };
  return lintPostmortem(pm, { people: [...(sentence.people ?? [])] }).some((f) => BLAME_RULES.has(f.rule));
}

interface Score {
  readonly precision: number;
  readonly recall: number;
  readonly falsePositives: readonly string[];
  readonly falseNegatives: readonly string[];
  readonly size: number;
}

function score(corpus: readonly CorpusSentence[]): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const falsePositives: string[] = [];
  const falseNegatives: string[] = [];
  for (const sentence of corpus) {
    const flagged = flags(sentence);
    if (flagged && sentence.blameful) tp++;
    else if (flagged) {
      fp++;
      falsePositives.push(sentence.text);
    } else if (sentence.blameful) {
      fn++;
      falseNegatives.push(sentence.text);
    }
  }
  return {
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    falsePositives,
    falseNegatives,
    size: corpus.length,
  };
}

function report(name: string, s: Score): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(
    `[blame lint] ${name}: ${s.size} sentences, precision ${pct(s.precision)}, recall ${pct(s.recall)}` +
      s.falsePositives.map((t) => `\n  false positive: ${t}`).join('') +
      s.falseNegatives.map((t) => `\n  missed: ${t}`).join(''),
  );
}

describe('blame-language lint on the fixture corpus', () => {
  it('has a corpus of blameful and blameless sentences that share their words', () => {
    expect(tuningCorpus.length + heldOutCorpus.length).toBeGreaterThanOrEqual(120);
    expect(heldOutCorpus.length).toBeGreaterThanOrEqual(40);
    for (const corpus of [tuningCorpus, heldOutCorpus, heldOutPhrasingCorpus]) {
      const blameful = corpus.filter((s) => s.blameful).length;
      expect(blameful).toBeGreaterThan(corpus.length / 4);
      expect(corpus.length - blameful).toBeGreaterThan(corpus.length / 4);
    }
    const texts = [...tuningCorpus, ...heldOutCorpus, ...heldOutPhrasingCorpus].map((s) => s.text);
    expect(new Set(texts).size).toBe(texts.length);
  });

  const heldOutAll = [...heldOutCorpus, ...heldOutPhrasingCorpus];

  it('keeps precision and recall at or above 0.9 on the whole corpus and on the held-out part', () => {
    const tuning = score(tuningCorpus);
    const heldOut = score(heldOutAll);
    const whole = score([...tuningCorpus, ...heldOutAll]);
    report('tuning', tuning);
    report('held-out', heldOut);
    report('whole corpus', whole);
    expect(whole.precision).toBeGreaterThanOrEqual(0.9);
    expect(whole.recall).toBeGreaterThanOrEqual(0.9);
    expect(heldOut.precision).toBeGreaterThanOrEqual(0.9);
    expect(heldOut.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('flags no systemic near-miss on the whole corpus (precision 100%)', () => {
    expect(score([...tuningCorpus, ...heldOutAll]).falsePositives).toEqual([]);
  });

  it.each(['pronoun-risky-action', 'role-wrong-target', 'passive-approval'] satisfies PhrasingKind[])(
    'catches the held-out %s phrasing without flagging its near-misses',
    (kind) => {
      const sentences = heldOutPhrasingCorpus.filter((s) => s.kind === kind);
      expect(sentences.filter((s) => s.blameful).length).toBeGreaterThanOrEqual(8);
      expect(sentences.filter((s) => !s.blameful).length).toBeGreaterThanOrEqual(6);
      const kindScore = score(sentences);
      report(`held-out ${kind}`, kindScore);
      expect(kindScore.falsePositives).toEqual([]);
      expect(kindScore.recall).toBeGreaterThanOrEqual(0.8);
    },
  );
});
