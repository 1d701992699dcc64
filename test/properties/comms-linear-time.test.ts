/**
 * No renderer and no template costs more than linear time, whatever the text: each is run over
 * about 1 MB of its worst-case text (long whitespace runs with and without line breaks, runs of
 * backslashes, entities, mentions, braces) and the work is COUNTED, not timed: every string and
 * regular-expression operation is charged the characters it has to look at, and the total per
 * input character must stay under a fixed budget and must not grow with the input.
 */
import { describe, expect, it } from 'vitest';
import { templateParts } from '../../src/comms/templates.js';
import {
  declareIncident,
  type Message,
  type MessageFormat,
  MessageSchema,
  renderMessage,
  statusUpdate,
} from '../../src/index.js';
import { WORST_CASE_TEXTS } from '../comms/support/worst-case-texts.js';
import { countWork } from '../count-work.js';

/**
 * Work per input character any path may cost (measured: 40–70). This counts what the code asks of
 * the string and RegExp machinery; what a regular expression does inside (backtracking) is
 * counted by V8 itself in comms-regexp-backtracking.test.ts.
 */
const BUDGET = 150;

const base = statusUpdate(
  declareIncident({ incidentId: 'INC-1', title: 'Checkout errors', at: 0, severity: 'SEV1' }).incident,
  { status: 'Investigating' },
);

/** A message holding `items` × 20,000 characters of `text` in list items, plus a body and a value of it. */
function messageOf(text: string, items: number, audience: 'responders' | 'stakeholders'): Message {
  return MessageSchema.parse({
    ...base,
    audience,
    body: text,
    fields: [
      { key: 'status', label: 'Status', value: text },
      {
        key: 'actionsTaken',
        label: 'Actions taken',
        value: 'see list',
        items: Array.from({ length: items }, () => text),
      },
    ],
  });
}

const FORMATS: MessageFormat[] = ['text', 'markdown', 'html', 'slack', 'teams'];

describe('rendering costs linear work per character', () => {
  for (const format of FORMATS) {
    it(`renders ${format} over 1 MB of worst-case text within ${BUDGET} units of work per character`, () => {
      const figures: string[] = [];
      for (const [name, text] of Object.entries(WORST_CASE_TEXTS)) {
        // Stakeholder messages break host names; responder markdown wraps them in code spans.
        for (const audience of format === 'markdown'
          ? (['stakeholders', 'responders'] as const)
          : (['stakeholders'] as const)) {
          const small = messageOf(text, 5, audience); // ~140 kB
          const large = messageOf(text, 50, audience); // ~1 MB
          const chars = (m: Message) =>
            (m.body?.length ?? 0) +
            m.fields.reduce((n, f) => n + f.value.length + (f.items?.join('').length ?? 0), 0);
          const perCharSmall = countWork(() => renderMessage(small, format)) / chars(small);
          const perCharLarge = countWork(() => renderMessage(large, format)) / chars(large);
          figures.push(`${name}/${audience}: ${perCharLarge.toFixed(1)}`);
          expect(perCharLarge, `${format}, ${name}, ${audience}`).toBeLessThan(BUDGET);
          // Linear: seven times the text costs no more per character (quadratic would cost 7×).
          expect(perCharLarge, `${format}, ${name}, ${audience} grows`).toBeLessThan(perCharSmall * 1.25 + 1);
        }
      }
      console.info(`${format} work per character at 1 MB: ${figures.join('; ')}`);
    }, 120_000);
  }

  it('builds and renders the status update with 100 action items of 9,999 spaces for Slack in linear work', () => {
    const incident = declareIncident({ incidentId: 'INC-1', title: 'x', at: 0, severity: 'SEV1' }).incident;
    const input = { status: 'x', actionsTaken: Array.from({ length: 100 }, () => `a${' '.repeat(9_998)}`) };
    const work = countWork(() => renderMessage(statusUpdate(incident, input), 'slack'));
    expect(work / 1_000_000).toBeLessThan(BUDGET);
  });
});

describe('templates cost linear work per character', () => {
  const cases: Record<string, (n: number) => string> = {
    'an unclosed {{ before spaces': (n) => `{{${' '.repeat(n - 2)}`,
    'braces only': (n) => '{'.repeat(n),
    'nested openings': (n) => '{{ a '.repeat(n / 5),
    'closed placeholders': (n) => '{{ time }} '.repeat(n / 11),
  };
  for (const [name, make] of Object.entries(cases)) {
    it(`cuts a 1 MB template of ${name} within the budget, in linear work`, () => {
      const small = make(250_000);
      const large = make(1_000_000);
      const perCharSmall = countWork(() => templateParts(small)) / small.length;
      const perCharLarge = countWork(() => templateParts(large)) / large.length;
      expect(perCharLarge).toBeLessThan(BUDGET);
      expect(perCharLarge).toBeLessThan(perCharSmall * 1.25 + 1);
    });
  }

  it('checks and applies the longest template a builder accepts in linear work', () => {
    const incident = declareIncident({ incidentId: 'INC-1', title: 'x', at: 0, severity: 'SEV1' }).incident;
    const body = `{{ time }}${'{{'}${' '.repeat(19_980)}`;
    const work = countWork(() => {
      try {
        statusUpdate(incident, { status: 'x' }, { templates: { statusUpdate: { body } } });
      } catch {
        // An unclosed placeholder is rejected; the point is what finding out costs.
      }
    });
    expect(work / body.length).toBeLessThan(BUDGET);
  });
});
