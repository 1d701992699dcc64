/**
 * The lint does linear work on any text. Checked by counting, not timing: the blame rules add one
 * step per character they scan and per token they look at to `blameWork`, and each test holds a
 * fixed budget of steps per character over 1 MB of the worst text we know for that path (runs of
 * one word, of spaces, of punctuation, of the phrases that make the rules walk furthest). A
 * quadratic walk inside a sentence would cost hundreds of steps per character here.
 */
import { describe, expect, it } from 'vitest';
import { declareIncident } from '../../src/lifecycle/index.js';
import { blameWork } from '../../src/postmortem/blame/blame-work.js';
import { draftPostmortem, lintBlameLanguage, lintPostmortem } from '../../src/postmortem/index.js';

const MB = 1_000_000;
/**
 * Steps per character allowed. The worst text below costs about 9 (`he ran ` over and over: every
 * verb has a person for its subject and sends two rules looking ahead), a run of commas 8, ordinary
 * prose about 2; a walk back to the start of a clause on every token (what the rules did before
 * their walks were bounded) costs 25 to 35 on a run of `did not`.
 */
const BUDGET = 12;

/** `unit` repeated up to `length` characters. */
const run = (unit: string, length = MB) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

function stepsOf(fn: () => unknown): number {
  const before = blameWork.steps;
  fn();
  return blameWork.steps - before;
}

/** Each at 1 MB: the worst of each family (one word, spaces, punctuation, phrases, one long word). */
const WORST = [
  ['a run of one word', 'did not '],
  ['a run of one word', 'accidentally '],
  ['a run of one word', 'should have '],
  ['a run of one word', 'broke '],
  ['a run of one word', 'Bob Smith '],
  ['a run of a phrase', 'he ran '],
  ['a run of a phrase', 'he pushed it, while '],
  ['a run of spaces', ' '],
  ['a run of spaces', '\r\n'],
  ['a run of punctuation', ','],
  ['a run of punctuation', '"'],
  ['a run of punctuation', '🙂'],
  ['a run of a phrase', 'he did not check and '],
  ['a run of a phrase', 'Dave, who was on call, '],
  ['a run of a phrase', 'was approved without anyone reading '],
  ['a run of a phrase', 'ran it against the wrong '],
  ['one word with no break', 'a'],
] as const;

/** The rest of each family, at 64 kB (the budget per character is the same). */
const MORE = [
  ...['he ', 'the ', 'and ', 'not ', 'just ', 'had ', 'if ', 'who ', 'on call ', 'by ', 'without '],
  ...['engineer ', 'approved ', 'wrong ', 'Bob ', '\t', '\n', '\u00a0', '\u2028', '.', "'", '’', '('],
  ...['—', '@', '-', '…', '“', 'the engineer who approved it and ', 'at 5 p.m. on a Friday, '],
  ...['had the on-call engineer been ', 'a-', "a'", 'a.', 'A', 'é', '1', 'he pushed ', 'was approved '],
  ...['was approved without ', 'was approved, ', 'p.m. ', 'p.m.', 'etc. ', 'a. b '],
];

describe('blame lint work is linear in the text', () => {
  it.each(WORST)(
    `lintBlameLanguage on 1 MB of %s (%j) stays within ${BUDGET} steps per character`,
    (_kind, unit) => {
      const text = run(unit);
      const steps = stepsOf(() => lintBlameLanguage(text, { people: ['Bob Smith'] }));
      expect(steps).toBeGreaterThan(0);
      expect(steps / text.length).toBeLessThanOrEqual(BUDGET);
    },
  );

  it(`lintBlameLanguage on 64 kB of every other run stays within ${BUDGET} steps per character`, () => {
    for (const unit of MORE) {
      const text = run(unit, 64_000);
      const perChar = stepsOf(() => lintBlameLanguage(text, { people: ['Bob Smith'] })) / text.length;
      expect(perChar, JSON.stringify(unit)).toBeLessThanOrEqual(BUDGET);
    }
  });

  it('costs the same per character at 64 kB and at 1 MB (no hidden growth)', () => {
    for (const unit of ['he did not check and ', ',']) {
      const small = run(unit, 64_000);
      const large = run(unit, MB);
      const perSmall = stepsOf(() => lintBlameLanguage(small)) / small.length;
      const perLarge = stepsOf(() => lintBlameLanguage(large)) / large.length;
      expect(perLarge).toBeLessThanOrEqual(perSmall * 1.05 + 0.01);
    }
  });

  // The blame rules are the only part of lintPostmortem whose work grows with a paragraph's length;
  // word counting and the vague-item check use the reviewed linear patterns of lint-regex.test.ts.
  it('lintPostmortem on 1 MB of worst-case paragraphs stays within budget', () => {
    const { incident } = declareIncident({
      incidentId: 'INC-1',
      title: 'Linear',
      at: '2026-11-24T09:00:00Z',
    });
    const base = draftPostmortem(incident);
    const rootCause = base.sections.findIndex((s) => s.id === 'rootCause');
    for (const unit of ['Dave, who was on call, ', ',']) {
      const paragraphs = Array.from({ length: 100 }, () => run(unit, 10_000));
      const pm = structuredClone(base);
      pm.sections[rootCause]!.content = { kind: 'text', paragraphs };
      const steps = stepsOf(() => lintPostmortem(pm));
      expect(steps / (paragraphs.length * 10_000)).toBeLessThanOrEqual(BUDGET);
    }
  });
});
