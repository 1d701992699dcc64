/**
 * renderPostmortem does linear work on any text: a postmortem holding about 1 MB of each
 * worst-case text (test/comms/support/worst-case-texts.ts: long runs of spaces with and without
 * line breaks, Unicode spaces, backslashes, entities, mentions, braces, host names) in paragraphs
 * and list items is rendered as markdown and HTML, and the work is counted (test/count-work.ts),
 * not timed: under a fixed budget per character, and no more per character at 1 MB than at 0.5 MB.
 */
import { describe, expect, it } from 'vitest';
import { declareIncident } from '../../src/lifecycle/index.js';
import { draftPostmortem, type Postmortem, renderPostmortem } from '../../src/postmortem/index.js';
import { WORST_CASE_TEXTS } from '../comms/support/worst-case-texts.js';
import { countWork } from '../count-work.js';

/** Work per input character allowed (measured: 30 to 65, most of it validating the document). */
const BUDGET = 100;

const { incident } = declareIncident({
  incidentId: 'INC-1',
  title: 'Checkout errors',
  at: 0,
  severity: 'SEV2',
});

/**
 * A postmortem whose Root cause has `n` paragraphs and whose Contributing factors has `n` items of
 * `text` (10,000 characters, the limit, between two letters so no trimming shortens the runs).
 */
function postmortemOf(text: string, n: number): { pm: Postmortem; chars: number } {
  const paragraph = `x${text.slice(0, 9_998)}x`;
  const many = Array.from({ length: n }, () => paragraph);
  const draft = draftPostmortem(incident);
  const sections = draft.sections.map((s) => {
    if (s.id === 'rootCause') return { ...s, content: { kind: 'text' as const, paragraphs: many } };
    if (s.id === 'contributingFactors') return { ...s, content: { kind: 'list' as const, items: many } };
    return s;
  });
  return { pm: { ...draft, sections }, chars: 2 * n * paragraph.length };
}

describe('renderPostmortem costs linear work per character', () => {
  for (const format of ['markdown', 'html'] as const) {
    it(`renders ${format} over 1 MB of worst-case text within ${BUDGET} units of work per character`, () => {
      const figures: string[] = [];
      for (const [name, text] of Object.entries(WORST_CASE_TEXTS)) {
        const small = postmortemOf(text, 25);
        const large = postmortemOf(text, 50);
        const perCharSmall = countWork(() => renderPostmortem(small.pm, format)) / small.chars;
        const perCharLarge = countWork(() => renderPostmortem(large.pm, format)) / large.chars;
        figures.push(`${name}: ${perCharLarge.toFixed(1)}`);
        expect(perCharLarge, name).toBeLessThan(BUDGET);
        expect(perCharLarge, `${name} grows`).toBeLessThan(perCharSmall * 1.25 + 1);
      }
      console.info(`renderPostmortem ${format} work per character at 1 MB: ${figures.join('; ')}`);
    }, 120_000);
  }
});
