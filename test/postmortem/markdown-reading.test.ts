/**
 * postmortemFromMarkdown on documents that are not laid out as `##` sections: deeper or setext
 * headings, text before the first heading. Every piece of prose must reach the lint.
 */
import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { lintPostmortem, postmortemFromMarkdown } from '../../src/postmortem/index.js';

const BLAME = 'Dave was careless and broke checkout.';

const rulesOf = (md: string) => lintPostmortem(postmortemFromMarkdown(md).postmortem).map((f) => f.rule);

/** Every string of user text the lint reads outside the timeline and action items. */
function prose(md: string): string[] {
  const out: string[] = [];
  for (const s of postmortemFromMarkdown(md).postmortem.sections) {
    const c = s.content;
    if (c.kind === 'text' || c.kind === 'impact' || c.kind === 'followUp') out.push(...c.paragraphs);
    else if (c.kind === 'list') out.push(...c.items);
    else if (c.kind === 'detection') out.push(...c.trigger, ...c.detection);
    else if (c.kind === 'whys') for (const step of c.steps) out.push(step.question ?? '', step.answer);
  }
  return out;
}

describe('postmortemFromMarkdown reads prose under any heading', () => {
  it('reads ### headings as the sections of a document that has no ##', () => {
    const md = `# Checkout outage\n\n### Root cause\n\n${BLAME}\n`;
    const { postmortem, lines } = postmortemFromMarkdown(md);
    expect(postmortem.sections.map((s) => s.id)).toEqual(['rootCause']);
    expect(lines['sections[0].content.paragraphs[0]']).toBe(5);
    const rules = rulesOf(md);
    expect(rules).toContain('blame-language');
    expect(rules).toContain('person-as-cause');
    expect(lintPostmortem(postmortem).some((f) => /no Root cause section/.test(f.message))).toBe(false);
  });

  it('reads setext headings: === is the title, --- a section', () => {
    const md = `Checkout outage\n===============\n\nRoot cause\n----------\n\n${BLAME}\n`;
    const { postmortem, lines } = postmortemFromMarkdown(md);
    expect(postmortem.metadata.title).toBe('Checkout outage');
    expect(lines['metadata.title']).toBe(1);
    expect(postmortem.sections.map((s) => s.id)).toEqual(['rootCause']);
    expect(lines['sections[0]']).toBe(4);
    expect(rulesOf(md)).toEqual(expect.arrayContaining(['blame-language', 'person-as-cause']));
  });

  it('reads a setext heading of several lines and a --- after a blank line is no heading', () => {
    const md = `# T\n\nRoot\ncause\n---\n\nText.\n\n---\n\nMore.\n`;
    const { postmortem } = postmortemFromMarkdown(md);
    expect(postmortem.sections[0]?.title).toBe('Root cause');
    expect(prose(md).join(' ')).toContain('More.');
  });

  it('reads text before the first section as the summary', () => {
    const md = `# Checkout outage\n\n${BLAME}\n\n## Root cause\n\nThe config schema accepts any value.\n`;
    const { postmortem, lines } = postmortemFromMarkdown(md);
    expect(postmortem.sections.map((s) => s.id)).toEqual(['summary', 'rootCause']);
    expect(postmortem.sections[0]?.content).toEqual({ kind: 'text', paragraphs: [BLAME] });
    expect(lines['sections[0].content.paragraphs[0]']).toBe(3);
    expect(rulesOf(md)).toEqual(expect.arrayContaining(['blame-language', 'person-as-cause']));
  });

  it('reads text before the first section as a preamble when the document has a summary', () => {
    const md = `# Checkout outage\n\n${BLAME}\n\n## Summary\n\nCheckout failed.\n`;
    const { postmortem } = postmortemFromMarkdown(md);
    expect(postmortem.sections.map((s) => s.id)).toEqual(['preamble', 'summary']);
    expect(rulesOf(md)).toContain('blame-language');
  });

  it('keeps metadata facts out of the preamble prose', () => {
    const md = `# X\n\n**Authors:** Dana Whitfield\n**Severity:** SEV2\n\n## Root cause\n\nx\n`;
    const { postmortem } = postmortemFromMarkdown(md);
    expect(postmortem.sections.map((s) => s.id)).toEqual(['rootCause']);
  });

  it('keeps ### under ## in the section above it', () => {
    const md = `# X\n\n## Root cause\n\nA.\n\n### Details\n\n${BLAME}\n\n## Impact\n\nB.\n`;
    const { postmortem } = postmortemFromMarkdown(md);
    expect(postmortem.sections.map((s) => s.id)).toEqual(['rootCause', 'impact']);
    expect(postmortem.sections[0]?.content).toEqual({ kind: 'text', paragraphs: ['A.', BLAME] });
  });

  const word = fc.stringMatching(/^[a-z]{3,8}$/);
  // Prefixed so that no heading names a timeline or action-items section and no paragraph is a placeholder.
  const paragraph = fc
    .array(
      word.map((w) => `p${w}`),
      { minLength: 1, maxLength: 6 },
    )
    .map((ws) => ws.join(' '));
  const heading = fc.oneof(
    fc.constantFrom(1, 2, 3, 4, 5, 6).chain((level) => word.map((w) => `${'#'.repeat(level)} h${w}`)),
    fc.tuple(word, fc.constantFrom('===', '---')).map(([w, u]) => `h${w}\n${u}`),
  );
  fcTest.prop([fc.array(fc.oneof(heading, paragraph), { minLength: 1, maxLength: 12 })])(
    "every paragraph's words reach the lint exactly once, whatever the headings",
    (parts) => {
      const md = parts.join('\n\n');
      const paragraphs = parts.filter((p) => !p.includes('\n') && !p.startsWith('#'));
      const read = prose(md);
      for (const p of paragraphs) {
        const want = paragraphs.filter((q) => q === p).length;
        expect(read.filter((r) => r === p).length, p).toBe(want);
      }
      expect(read.length).toBe(paragraphs.length);
    },
  );
});

describe('postmortemFromMarkdown reads metadata lists and facts one per line', () => {
  const meta = (md: string) => {
    const { metadata } = postmortemFromMarkdown(md).postmortem;
    return { authors: metadata.authors, reviewers: metadata.reviewers, roles: metadata.roles };
  };

  it('reads a YAML flow list of plain or quoted names', () => {
    expect(
      meta(
        '---\nauthors: [Dana Whitfield, "Sam Ortiz"]\nreviewers: [\'Lee Chen\']\n---\n\n## Summary\n\nx\n',
      ),
    ).toEqual({
      authors: ['Dana Whitfield', 'Sam Ortiz'],
      reviewers: ['Lee Chen'],
      roles: {},
    });
  });

  it('reads a YAML block list of names', () => {
    const md =
      '---\nauthors:\n  - Dana Whitfield\n  - "Sam Ortiz"\nseverity: SEV2\nreviewers:\n- Lee Chen\n---\n\n## Summary\n\nx\n';
    expect(meta(md)).toEqual({
      authors: ['Dana Whitfield', 'Sam Ortiz'],
      reviewers: ['Lee Chen'],
      roles: {},
    });
    expect(postmortemFromMarkdown(md).postmortem.metadata.severity).toBe('SEV2');
  });

  it('reads adjacent fact lines one fact each', () => {
    const md =
      '# X\n\n**Authors:** Dana Whitfield\n**Incident commander:** Dana Whitfield\n\n## Summary\n\nx\n';
    expect(meta(md)).toEqual({
      authors: ['Dana Whitfield'],
      reviewers: [],
      roles: { commander: 'Dana Whitfield' },
    });
    expect(postmortemFromMarkdown(md).postmortem.sections.map((s) => s.id)).toEqual(['summary']);
  });

  fcTest.prop([
    fc.array(fc.stringMatching(/^[A-Z][a-z]{1,8} [A-Z][a-z]{1,8}$/), { minLength: 1, maxLength: 5 }),
  ])('flow and block lists give the same names', (people) => {
    const flow = `---\nauthors: [${people.map((p, k) => (k % 2 ? `"${p}"` : p)).join(', ')}]\n---\n`;
    const block = `---\nauthors:\n${people.map((p) => `  - ${p}`).join('\n')}\n---\n`;
    expect(meta(flow).authors).toEqual(people);
    expect(meta(block).authors).toEqual(people);
  });
});

describe('postmortemFromMarkdown reads owner and due date from one action item line', () => {
  const items = (line: string) =>
    postmortemFromMarkdown(`# X\n\n## Action items\n\n${line}\n`).postmortem.sections[0]!.content;
  const first = (line: string) => {
    const c = items(line);
    if (c.kind !== 'actionItems') throw new TypeError('not action items');
    const { title, owner, dueAt } = c.items[0]!;
    return {
      title,
      owner,
      due: dueAt === undefined ? undefined : new Date(dueAt).toISOString().slice(0, 10),
    };
  };

  it('reads owner: name followed by due date', () => {
    expect(first('- Add a pool-limit canary check owner: priya due 2026-12-15')).toEqual({
      title: 'Add a pool-limit canary check',
      owner: 'priya',
      due: '2026-12-15',
    });
    expect(first('- Add a check owner: Ana Lima due 2026-12-15')).toEqual({
      title: 'Add a check',
      owner: 'Ana Lima',
      due: '2026-12-15',
    });
  });

  it('reads (@name, due date) after a bold title', () => {
    expect(first('- **Add alert** (@lee, due 2026-12-01)')).toEqual({
      title: 'Add alert',
      owner: 'lee',
      due: '2026-12-01',
    });
  });

  it('reads due dates written with English month names', () => {
    expect(first('- Add alert — @lee — Due: Dec 15, 2026')).toEqual({
      title: 'Add alert',
      owner: 'lee',
      due: '2026-12-15',
    });
    expect(first('- Add alert (owner: lee, due December 1st, 2026)')).toEqual({
      title: 'Add alert',
      owner: 'lee',
      due: '2026-12-01',
    });
    expect(first('- Add alert by 3 Sept 2026')).toEqual({
      title: 'Add alert',
      owner: undefined,
      due: '2026-09-03',
    });
    expect(first('- Add alert due Foo 15, 2026').due).toBeUndefined();
    expect(first('- Add alert due Feb 30, 2026').due).toBeUndefined();
  });
});

describe('postmortemFromMarkdown dates a timeline of times only', () => {
  const times =
    '## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n| 14:10 | SEV1 declared |\n| 14:34 | Rollback completes |\n';
  const iso = (md: string) => {
    const section = postmortemFromMarkdown(md).postmortem.sections.find((s) => s.id === 'timeline');
    return section?.content.kind === 'timeline'
      ? section.content.entries.map((e) => new Date(e.at).toISOString())
      : [];
  };

  it('on the date the document states', () => {
    expect(iso(`---\ndate: 2026-11-24\n---\n# Checkout outage\n\n${times}`)).toEqual([
      '2026-11-24T14:10:00.000Z',
      '2026-11-24T14:34:00.000Z',
    ]);
    expect(iso(`# Checkout outage\n\n**Date:** 2026-11-24\n\n${times}`)[0]).toBe('2026-11-24T14:10:00.000Z');
  });

  it('else on the first date the timeline gives, for the rows before it too', () => {
    const md = `# Checkout outage\n\n${times}| 2026-11-24 15:00 | All clear |\n`;
    expect(iso(md)).toEqual([
      '2026-11-24T14:10:00.000Z',
      '2026-11-24T14:34:00.000Z',
      '2026-11-24T15:00:00.000Z',
    ]);
  });

  it('and lint messages then name that day, not 1970', () => {
    const md = `---\ndate: 2026-11-24\n---\n# X\n\n## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n| 14:34 | Rollback completes |\n| 14:10 | SEV1 declared |\n`;
    const finding = lintPostmortem(postmortemFromMarkdown(md).postmortem).find(
      (f) => f.rule === 'timeline-order',
    );
    expect(finding?.message).toContain('2026-11-24');
    expect(finding?.message).not.toContain('1970');
  });
});
