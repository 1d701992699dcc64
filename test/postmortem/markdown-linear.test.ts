/**
 * postmortemFromMarkdown does linear work on any text. Checked by counting, not timing: each
 * document of support/worst-case-markdown.ts (the worst text we know for one of its scanners) is
 * read at about 0.5 MB and 1 MB; the work per character (test/count-work.ts) must stay under a
 * fixed budget and must not grow with the input, as a scan that restarts at every opening would.
 */
import { describe, expect, it } from 'vitest';
import { postmortemFromMarkdown } from '../../src/postmortem/index.js';
import { hasQuotedText } from '../../src/postmortem/vague-action.js';
import { countWork } from '../count-work.js';
import { run, WORST_MARKDOWN } from './support/worst-case-markdown.js';

const MB = 1_000_000;

/**
 * Work per input character allowed. Measured: 4 to 42 (a one-line document is looked at by every
 * line test once, each charged the whole line); a scan that restarts at every `[` of a run costs
 * hundreds at the 500-character label limit alone, and re-joining an item's text for each of its
 * continuation lines (as the parser did) costs tens of thousands.
 */
const BUDGET = 60;

describe('postmortemFromMarkdown costs linear work per character', () => {
  it(`reads 1 MB of each worst-case document within ${BUDGET} units of work per character`, () => {
    const figures: string[] = [];
    for (const [name, make] of Object.entries(WORST_MARKDOWN)) {
      const small = make(MB / 2);
      const large = make(MB);
      const perCharSmall = countWork(() => postmortemFromMarkdown(small)) / small.length;
      const perCharLarge = countWork(() => postmortemFromMarkdown(large)) / large.length;
      figures.push(`${name}: ${perCharLarge.toFixed(1)}`);
      expect(perCharLarge, name).toBeLessThan(BUDGET);
      // Linear: twice the text costs no more per character (quadratic would cost twice as much).
      expect(perCharLarge, `${name} grows`).toBeLessThan(perCharSmall * 1.25 + 1);
    }
    console.info(`postmortemFromMarkdown work per character at 1 MB: ${figures.join('; ')}`);
  }, 300_000);
});

describe('the vague-action lint’s quoted-text test costs linear work per character', () => {
  for (const unit of ['“', '“a', '"', "'a'", '‘x”', 'a']) {
    it(`scans 1 MB of ${JSON.stringify(unit)} runs within the budget`, () => {
      const small = run(unit, MB / 2);
      const large = run(unit, MB);
      const perCharSmall = countWork(() => hasQuotedText(small)) / small.length;
      const perCharLarge = countWork(() => hasQuotedText(large)) / large.length;
      expect(perCharLarge).toBeLessThan(BUDGET);
      expect(perCharLarge).toBeLessThan(perCharSmall * 1.25 + 1);
    });
  }
});
