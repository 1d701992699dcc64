import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { declareIncident } from '../../src/lifecycle/index.js';
import {
  draftPostmortem,
  lintPostmortem,
  PostmortemSchema,
  postmortemFromMarkdown,
  renderPostmortem,
} from '../../src/postmortem/index.js';
import { errorOf } from '../errors.js';

const TEAM_TEMPLATE = `---
title: Search outage
incident: INC-311
severity: SEV2
authors: Priya Raman, Tom
---

# Postmortem — Search outage

Incident commander: Priya Raman

## TL;DR

Search returned errors for 40 minutes.

## What happened

Dave deployed a bad index mapping without testing it.

## Timeline

- 2026-11-24 23:50 UTC — alert fired
- 00:05 — rollback started
- 00:30 — search recovered

## What went wrong

- The canary did not cover search.

## Next steps

| Action | Owner | Due | Status |
| --- | --- | --- | --- |
| Add search to the canary stage | @tom | 2026-12-05 | open |
| Be more careful | | | open |
| Remove the legacy mapping | priya | 2026-11-30 | done |

## Appendix

\`\`\`
## not a heading
\`\`\`
Some notes.
`;

describe('postmortemFromMarkdown', () => {
  it('matches ## headings to the built-in sections by title and keeps the others as their own', () => {
    const { postmortem } = postmortemFromMarkdown(TEAM_TEMPLATE);
    expect(postmortem.sections.map((s) => [s.id, s.content.kind])).toEqual([
      ['summary', 'text'],
      ['rootCause', 'text'],
      ['timeline', 'timeline'],
      ['couldImprove', 'list'],
      ['actionItems', 'actionItems'],
      ['appendix', 'text'],
    ]);
    // A heading inside a fenced code block is code, not a section.
    expect(postmortem.sections.find((s) => s.id === 'appendix')?.content).toEqual({
      kind: 'text',
      paragraphs: ['Some notes.'],
    });
  });

  it('reads front matter and preamble facts into the metadata', () => {
    const { postmortem } = postmortemFromMarkdown(TEAM_TEMPLATE);
    expect(postmortem.metadata).toMatchObject({
      incidentId: 'INC-311',
      title: 'Search outage',
      severity: 'SEV2',
      authors: ['Priya Raman', 'Tom'],
      roles: { commander: 'Priya Raman' },
    });
  });

  it('turns table rows under an action-items heading into action items with owner, due date and status', () => {
    const { postmortem } = postmortemFromMarkdown(TEAM_TEMPLATE);
    const section = postmortem.sections.find((s) => s.id === 'actionItems')!;
    expect(section.content.kind === 'actionItems' && section.content.items).toEqual([
      {
        id: 'act_md_1',
        title: 'Add search to the canary stage',
        owner: 'tom',
        dueAt: Date.UTC(2026, 11, 5),
        status: 'open',
      },
      { id: 'act_md_2', title: 'Be more careful', status: 'open' },
      {
        id: 'act_md_3',
        title: 'Remove the legacy mapping',
        owner: 'priya',
        dueAt: Date.UTC(2026, 10, 30),
        status: 'done',
      },
    ]);
  });

  it('turns list items into action items: [x] is done, owner from @name or owner:, due from due/by dates', () => {
    const md = [
      '## Action items',
      '- [ ] Alert on pool saturation (owner: carol, due 2026-12-01)',
      '- [x] Roll back the config — @dana',
      '- Add a [detect] synthetic check by 2026-12-10',
    ].join('\n');
    const section = postmortemFromMarkdown(md).postmortem.sections[0]!;
    expect(section.content.kind === 'actionItems' && section.content.items).toEqual([
      {
        id: 'act_md_1',
        title: 'Alert on pool saturation',
        owner: 'carol',
        dueAt: Date.UTC(2026, 11, 1),
        status: 'open',
      },
      { id: 'act_md_2', title: 'Roll back the config', owner: 'dana', status: 'done' },
      {
        id: 'act_md_3',
        title: 'Add a synthetic check',
        dueAt: Date.UTC(2026, 11, 10),
        status: 'open',
        kind: 'detect',
      },
    ]);
  });

  it('reads timeline times: a date carries forward and a time past midnight rolls to the next day', () => {
    const { postmortem } = postmortemFromMarkdown(TEAM_TEMPLATE);
    const timeline = postmortem.sections.find((s) => s.id === 'timeline')!;
    expect(timeline.content.kind === 'timeline' && timeline.content.entries.map((e) => e.at)).toEqual([
      Date.UTC(2026, 10, 24, 23, 50),
      Date.UTC(2026, 10, 25, 0, 5),
      Date.UTC(2026, 10, 25, 0, 30),
    ]);
  });

  it('reads times without an offset in the given time zone', () => {
    const md = '## Timeline\n\n| Time | Event |\n|---|---|\n| 2026-07-01 09:00 | Paged |\n';
    const { postmortem } = postmortemFromMarkdown(md, { timeZone: 'Europe/Berlin' });
    const c = postmortem.sections[0]!.content;
    expect(c.kind === 'timeline' && c.entries[0]).toEqual({ at: Date.UTC(2026, 6, 1, 7, 0), text: 'Paged' });
  });

  it('gives every element its source line, so lint findings point into the file', () => {
    const { postmortem, lines } = postmortemFromMarkdown(TEAM_TEMPLATE);
    const findings = lintPostmortem(postmortem);
    const at = (rule: string) => {
      const f = findings.find((x) => x.rule === rule)!;
      let p = f.path;
      while (lines[p] === undefined && p.includes('.')) p = p.slice(0, p.lastIndexOf('.'));
      return lines[p];
    };
    expect(at('person-as-cause')).toBe(
      TEAM_TEMPLATE.split('\n').indexOf('Dave deployed a bad index mapping without testing it.') + 1,
    );
    expect(at('vague-action-item')).toBe(
      TEAM_TEMPLATE.split('\n').findIndex((l) => l.startsWith('| Be more careful')) + 1,
    );
    expect(lines['metadata.title']).toBe(8);
    expect(lines['sections[0]']).toBe(12);
  });

  it('reads back its own rendered markdown: same sections, action items and timeline', () => {
    const { incident } = declareIncident({
      title: 'Checkout errors',
      at: '2026-11-24T09:00:00Z',
      severity: 'SEV2',
    });
    const pm = draftPostmortem(incident, {
      rootCause: 'A config change lowered the pool limit from 200 to 20.',
      actionItems: [{ title: 'Alert on pool saturation', owner: 'carol', dueAt: '2026-12-01T00:00:00Z' }],
      authors: ['alice'],
    });
    const back = postmortemFromMarkdown(renderPostmortem(pm, 'markdown')).postmortem;
    expect(back.sections.map((s) => s.id)).toEqual(pm.sections.map((s) => s.id));
    expect(back.metadata.authors).toEqual(['alice']);
    const items = back.sections.find((s) => s.id === 'actionItems')!.content;
    expect(items.kind === 'actionItems' && items.items[0]).toMatchObject({
      title: 'Alert on pool saturation',
      owner: 'carol',
      dueAt: Date.UTC(2026, 11, 1),
    });
    // Prompts of unwritten sections are not content.
    const wentWell = back.sections.find((s) => s.id === 'wentWell')!.content;
    expect(wentWell).toEqual({ kind: 'list', items: [] });
    expect(
      lintPostmortem(back)
        .filter((f) => f.level === 'error')
        .map((f) => f.rule),
    ).toEqual([]);
  });

  it('rejects bad options with INVALID_INPUT', () => {
    expect(errorOf(() => postmortemFromMarkdown('# x', { timeZone: 'Mars/Olympus' })).code).toBe(
      'INVALID_INPUT',
    );
  });

  const markdownish = fc.array(
    fc.oneof(
      fc.string({ maxLength: 400, unit: 'grapheme-composite' }),
      fc.constantFrom(
        '## Action items',
        '## Timeline',
        '## Root cause',
        '# Title',
        '---',
        '```',
        '<!--',
        '-->',
        '| a | b |',
        '|---|---|',
        '- [x] done @x due 2026-02-30',
        '- 25:99 z',
        '',
      ),
      fc
        .tuple(
          fc.constantFrom('## ', '- ', '| ', '1. ', '> '),
          fc.string({ maxLength: 400, unit: 'grapheme-composite' }),
        )
        .map(([a, b]) => a + b),
    ),
    // Real documents: hundreds of lines of up to a few hundred characters.
    { maxLength: 300 },
  );

  fcTest.prop([markdownish], { numRuns: 300 })(
    'reads any text into a valid postmortem that lint accepts',
    (parts) => {
      const { postmortem, lines } = postmortemFromMarkdown(parts.join('\n'));
      expect(PostmortemSchema.safeParse(postmortem).success).toBe(true);
      expect(() => lintPostmortem(postmortem)).not.toThrow();
      const count = parts.join('\n').split('\n').length;
      for (const line of Object.values(lines)) expect(line >= 1 && line <= count).toBe(true);
    },
  );
});
