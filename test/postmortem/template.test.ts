import { describe, expect, it } from 'vitest';
import { declareIncident } from '../../src/lifecycle/index.js';
import {
  defaultPostmortemTemplate,
  definePostmortemTemplate,
  draftPostmortem,
  lintPostmortem,
  POSTMORTEM_SECTION_IDS,
  type PostmortemTemplateConfig,
} from '../../src/postmortem/index.js';
import { defineSeverityPolicy } from '../../src/severity/index.js';
import { errorOf } from '../errors.js';
import { sev1Incident } from './sev1.js';

const payments: PostmortemTemplateConfig = {
  name: 'payments',
  sections: [
    { id: 'summary', title: 'TL;DR' },
    { id: 'timeline' },
    { id: 'rootCause' },
    { id: 'actionItems' },
  ],
  bySeverity: {
    P0: [
      { id: 'summary' },
      { id: 'impact' },
      { id: 'rootCause' },
      { id: 'fiveWhys', required: true },
      {
        id: 'regulatoryNotice',
        custom: true,
        title: 'Regulatory notification',
        required: true,
        prompt: 'Who was told, when.',
      },
      { id: 'actionItems' },
    ],
  },
};

describe('postmortem templates', () => {
  it('the default template has every built-in section', () => {
    expect(defaultPostmortemTemplate.sections.map((s) => s.id)).toEqual([...POSTMORTEM_SECTION_IDS]);
    expect(definePostmortemTemplate()).toEqual(defaultPostmortemTemplate);
  });

  it('keeps a built-in section’s defaults unless overridden', () => {
    const t = definePostmortemTemplate({
      sections: [{ id: 'rootCause', title: 'Why it happened', required: false }],
    });
    expect(t.sections).toEqual([
      {
        id: 'rootCause',
        title: 'Why it happened',
        required: false,
        prompt: defaultPostmortemTemplate.sections.find((s) => s.id === 'rootCause')!.prompt,
        custom: false,
      },
    ]);
  });

  it('is plain data: defining a defined template again gives an equal one', () => {
    const t = definePostmortemTemplate(payments);
    expect(definePostmortemTemplate(JSON.parse(JSON.stringify(t)))).toEqual(t);
  });

  it('sets the sections, titles, order and required flags of a draft', () => {
    const { incident } = declareIncident({ title: 'Search slow', at: 0, severity: 'SEV3' });
    const pm = draftPostmortem(incident, { template: payments });
    expect(pm.sections.map((s) => [s.id, s.title, s.required])).toEqual([
      ['summary', 'TL;DR', true],
      ['timeline', 'Timeline', true],
      ['rootCause', 'Root cause', true],
      ['actionItems', 'Action items', true],
    ]);
    expect(pm.metadata.template).toBe('payments');
  });

  it('uses the list for the incident’s severity, matching aliases of the policy’s scale', () => {
    const pm = draftPostmortem(sev1Incident(), {
      template: payments,
      sections: { regulatoryNotice: 'Card schemes told at 15:00.' },
    });
    expect(pm.sections.map((s) => s.id)).toEqual([
      'summary',
      'impact',
      'rootCause',
      'fiveWhys',
      'regulatoryNotice',
      'actionItems',
    ]);
    const custom = pm.sections.find((s) => s.id === 'regulatoryNotice')!;
    expect(custom).toEqual({
      id: 'regulatoryNotice',
      title: 'Regulatory notification',
      required: true,
      prompt: 'Who was told, when.',
      content: { kind: 'text', paragraphs: ['Card schemes told at 15:00.'] },
    });
  });

  it('makes lint require what the template requires', () => {
    const pm = draftPostmortem(sev1Incident(), { template: payments });
    const missing = lintPostmortem(pm).filter((f) => f.rule === 'missing-section' && f.level === 'error');
    expect(missing.map((f) => f.path)).toEqual(['sections[2]', 'sections[3]', 'sections[4]']);
    expect(missing[2]!.message).toContain('Regulatory notification');
  });

  it('rejects an unknown section id, naming it and suggesting the near miss', () => {
    const error = errorOf(() =>
      definePostmortemTemplate({ sections: [{ id: 'summary' }, { id: 'root-cause' }] }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues).toEqual([
      {
        path: 'template.sections[1].id',
        message: expect.stringContaining('unknown section "root-cause"; did you mean "rootCause"?'),
      },
    ]);
    expect(error.message).toContain('root-cause');
  });

  it('rejects an unknown section in a per-severity list, naming its path', () => {
    const error = errorOf(() =>
      definePostmortemTemplate({ bySeverity: { SEV1: [{ id: 'blameAssignment' }] } }),
    );
    expect(error.issues[0]!.path).toBe('template.bySeverity.SEV1[0].id');
    expect(error.issues[0]!.message).toContain('"blameAssignment"');
  });

  it('rejects a template passed to draftPostmortem with an unknown section', () => {
    const error = errorOf(() =>
      draftPostmortem(sev1Incident(), { template: { sections: [{ id: 'lessons' }] } }),
    );
    expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'template.sections[0].id' }] });
  });

  it.each([
    ['a duplicate section', { sections: [{ id: 'summary' }, { id: 'summary' }] }, 'template.sections[1].id'],
    [
      'a custom section without a title',
      { sections: [{ id: 'risk', custom: true }] },
      'template.sections[0].title',
    ],
    [
      'a custom section that reuses a built-in id',
      { sections: [{ id: 'timeline', custom: true, title: 'T' }] },
      'template.sections[0].id',
    ],
    ['an empty section list', { sections: [] }, 'template.sections'],
    ['an unknown field', { sections: [{ id: 'summary', hidden: true }] }, 'template.sections[0]'],
  ])('rejects %s', (_label, config, path) => {
    expect(errorOf(() => definePostmortemTemplate(config as never)).issues[0]!.path).toBe(path);
  });

  it('rejects a per-severity key that is not on the policy’s scale when drafting', () => {
    const policy = defineSeverityPolicy();
    const error = errorOf(() =>
      draftPostmortem(sev1Incident(), { policy, template: { bySeverity: { SEV9: [{ id: 'summary' }] } } }),
    );
    expect(error.issues[0]).toMatchObject({ path: 'template.bySeverity.SEV9' });
  });

  it('reads a template once: a sections Proxy whose length grows, or a throwing getter, is INVALID_INPUT', () => {
    let length = 1;
    const growing = new Proxy([{ id: 'summary' }], {
      get(target, key, receiver) {
        if (key === 'length') return length++;
        if (typeof key === 'string' && /^\d+$/.test(key)) return { id: 'summary' };
        return Reflect.get(target, key, receiver);
      },
    });
    // Read once: the length seen first (1) is the list; the later reads are never made.
    expect(definePostmortemTemplate({ sections: growing }).sections.map((s) => s.id)).toEqual(['summary']);
    const throwing = {
      get sections(): never {
        throw new Error('getter');
      },
    };
    const error = errorOf(() => definePostmortemTemplate(throwing));
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect((error.cause as Error).message).toBe('getter');
  });
});
