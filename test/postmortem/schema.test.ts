import { describe, expect, it } from 'vitest';
import { isIncidentKitError } from '../../src/model/index.js';
import { draftPostmortem, type Postmortem, parsePostmortem } from '../../src/postmortem/index.js';
import { sev1Incident, sev1Input } from './sev1.js';

const pm = draftPostmortem(sev1Incident(), sev1Input);

function issuesOf(value: unknown): { path: string; message: string }[] {
  try {
    parsePostmortem(value);
  } catch (error) {
    expect(isIncidentKitError(error)).toBe(true);
    expect((error as { code: string }).code).toBe('INVALID_INPUT');
    return (error as { issues: { path: string; message: string }[] }).issues;
  }
  throw new Error('expected a throw');
}

const edit = (change: (doc: Postmortem) => void): unknown => {
  const copy = structuredClone(pm);
  change(copy);
  return copy;
};

describe('parsePostmortem', () => {
  it('accepts JSON text and parsed objects alike', () => {
    expect(parsePostmortem(JSON.stringify(pm))).toEqual(pm);
    expect(parsePostmortem(JSON.parse(JSON.stringify(pm)))).toEqual(pm);
  });

  it('accepts a custom section holding a list', () => {
    const doc = edit((d) => {
      d.sections.push({
        id: 'risks',
        title: 'Risks',
        required: false,
        content: { kind: 'list', items: ['a'] },
      });
    });
    expect(parsePostmortem(doc).sections.at(-1)!.id).toBe('risks');
  });

  it('rejects text that is not JSON', () => {
    expect(issuesOf('{not json')[0]!.path).toBe('postmortem');
  });

  it('rejects a section id used twice', () => {
    const doc = edit((d) => {
      d.sections[1]!.id = 'summary';
    });
    expect(issuesOf(doc)).toContainEqual({
      path: 'postmortem.sections[1].id',
      message: 'section id "summary" is used twice',
    });
  });

  it('rejects a built-in section holding the wrong kind of content', () => {
    const doc = edit((d) => {
      d.sections[3]!.content = { kind: 'text', paragraphs: ['not a timeline'] };
    });
    expect(issuesOf(doc)).toEqual([
      {
        path: 'postmortem.sections[3].content.kind',
        message: 'section "timeline" holds "timeline" content, not "text"',
      },
    ]);
  });

  it.each([
    [
      'an unknown metadata field',
      (d: Postmortem) => Object.assign(d.metadata, { owner: 'x' }),
      'postmortem.metadata',
    ],
    [
      'an unknown time zone',
      (d: Postmortem) => Object.assign(d.metadata, { timeZone: 'Nowhere/Land' }),
      'postmortem.metadata.timeZone',
    ],
    [
      'a fractional timestamp',
      (d: Postmortem) => Object.assign(d.metadata, { draftedAt: 1.5 }),
      'postmortem.metadata.draftedAt',
    ],
    [
      'an unknown schema version',
      (d: Postmortem) => Object.assign(d.metadata, { schemaVersion: 2 }),
      'postmortem.metadata.schemaVersion',
    ],
    [
      'an unknown content kind',
      (d: Postmortem) => Object.assign(d.sections[0]!, { content: { kind: 'video' } }),
      'postmortem.sections[0].content.kind',
    ],
    [
      'an action item without a title',
      (d: Postmortem) => {
        const c = d.sections.find((s) => s.id === 'actionItems')!.content;
        if (c.kind === 'actionItems') Object.assign(c.items[0]!, { title: '' });
      },
      'postmortem.sections[10].content.items[0].title',
    ],
  ])('rejects %s, naming the field', (_label, change, path) => {
    expect(issuesOf(edit(change))[0]!.path).toBe(path);
  });
});
