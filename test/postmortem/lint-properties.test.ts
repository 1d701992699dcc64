/**
 * Properties of the blame lint on generated text: bounded work per character whatever the mix of
 * words, punctuation and line breaks; lines are independent (a sentence never runs across a line
 * break); every excerpt is text found in the input; and the lint is deterministic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blameWork } from '../../src/postmortem/blame/blame-work.js';
import { lintBlameLanguage } from '../../src/postmortem/index.js';
import { postmortemRuns } from '../arbitraries/postmortem.js';

/** The words and marks the rules react to, plus filler, so generated text reaches every rule. */
const PIECES = [
  ...[
    'he',
    'she',
    'someone',
    'the',
    'engineer',
    'on-call',
    'Bob',
    'Smith',
    'Dave',
    'intern',
    'operator',
    'DBA',
  ],
  ...['broke', 'deleted', 'pushed', 'ran', 'deployed', 'approved', 'signed', 'off', 'waved', 'through'],
  ...['did', 'not', 'never', 'had', 'if', 'should', 'have', 'could', 'been', 'was', 'got', 'who', 'whoever'],
  ...['and', 'but', 'by', 'without', 'anyone', 'reading', 'review', 'being', 'read', 'sight', 'unseen'],
  ...['wrong', 'cluster', 'instead', 'of', 'staging', 'production', 'thinking', 'it', 'a', 'Friday'],
  ...['peak', 'during', 'at', 'once', 'every', 'just', 'before', 'freeze', 'straight', 'to', 'mid-release'],
  ...['careless', 'human', 'error', 'fault', 'blame', 'mistake', 'typo', "Bob's", "didn't", 'accidentally'],
  ...['p.m.', 'etc.', ',', '.', ';', '"', "'", '(', ')', '—', '\n', '\r\n', ' ', '  ', '🙂', '@bob'],
];

const textArb = fc
  .array(fc.constantFrom(...PIECES), { size: 'max', maxLength: 600 })
  .map((pieces) => pieces.join(' '));

const config = { numRuns: Math.max(50, Math.floor(postmortemRuns / 5)) };

describe('blame lint properties', () => {
  it('does at most 12 steps of work per character on any mix of words and marks', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const before = blameWork.steps;
        lintBlameLanguage(text, { people: ['Bob Smith'] });
        const steps = blameWork.steps - before;
        expect(steps).toBeLessThanOrEqual(12 * Math.max(1, text.length));
      }),
      config,
    );
  });

  it('treats lines independently: the findings of two lines joined are those of each line', () => {
    const lineArb = textArb.map((t) => t.replace(/[\r\n]+/g, ' '));
    fc.assert(
      fc.property(lineArb, lineArb, (a, b) => {
        const excerpts = (t: string) =>
          lintBlameLanguage(t, { people: ['Bob Smith'] }).map((f) => [f.rule, f.excerpt]);
        expect(excerpts(`${a}\n${b}`)).toEqual([...excerpts(a), ...excerpts(b)]);
      }),
      config,
    );
  });

  it('reports excerpts that occur in the text, and the same findings every time', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const first = lintBlameLanguage(text, { people: ['Bob Smith'] });
        for (const f of first) expect(text.includes(f.excerpt ?? '')).toBe(true);
        expect(lintBlameLanguage(text, { people: ['Bob Smith'] })).toEqual(first);
      }),
      config,
    );
  });
});
