import { describe, expect, it } from 'vitest';
import {
  draftPostmortem,
  lintBlameLanguage,
  lintPostmortem,
  POSTMORTEM_LINT_RULES,
  type Postmortem,
  type PostmortemInput,
  type PostmortemLintRule,
} from '../../src/postmortem/index.js';
import { errorOf } from '../errors.js';
import { sev1Incident, sev1Input } from './sev1.js';

const incident = sev1Incident();
const draft = (input: PostmortemInput = {}) => draftPostmortem(incident, { ...sev1Input, ...input });
const rules = (pm: Postmortem, options = {}) => lintPostmortem(pm, options).map((f) => f.rule);
const index = (pm: Postmortem, id: string) => pm.sections.findIndex((s) => s.id === id);

describe('lintPostmortem', () => {
  it('finds nothing in a blameless, complete postmortem', () => {
    expect(lintPostmortem(draft())).toEqual([]);
  });

  it('flags blame language with its path, the words, and a blameless rewrite', () => {
    const pm = draft({
      rootCause: ['The pool limit was wrong.', 'Ultimately this was human error by the deployer.'],
    });
    const [finding] = lintPostmortem(pm);
    expect(finding).toEqual({
      rule: 'blame-language',
      level: 'error',
      path: `sections[${index(pm, 'rootCause')}].content.paragraphs[1]`,
      excerpt: 'human error',
      message: expect.stringMatching(/ask what made the mistake possible/),
    });
  });

  it('flags a role holder named as the cause, using the incident’s roles', () => {
    const pm = draft({ contributingFactors: ['sam broke the pool config in the release.'] });
    const finding = lintPostmortem(pm).find((f) => f.rule === 'person-as-cause');
    expect(finding).toMatchObject({
      level: 'error',
      path: `sections[${index(pm, 'contributingFactors')}].content.items[0]`,
      excerpt: 'broke',
    });
    expect(finding!.message).toMatch(/the deploy pipeline allowed/);
  });

  it('learns names from `people`', () => {
    const pm = draft({ rootCause: 'zed pushed a config change without testing it.' });
    expect(rules(pm)).toEqual([]);
    expect(rules(pm, { people: ['Zed Okafor'] })).toEqual(['person-as-cause']);
  });

  it('flags counterfactuals about people but not about systems', () => {
    expect(rules(draft({ couldImprove: ['The on-call engineer should have rolled back sooner.'] }))).toEqual([
      'counterfactual',
    ]);
    expect(rules(draft({ couldImprove: ['The canary should have run for 15 minutes.'] }))).toEqual([]);
  });

  it('lints the timeline text and action item titles too', () => {
    const pm = draft({ actionItems: [{ title: 'Stop dana from being careless', owner: 'x', dueAt: 0 }] });
    const finding = lintPostmortem(pm).find((f) => f.rule === 'blame-language');
    expect(finding?.path).toMatch(/^sections\[\d+\]\.content\.items\[1\]\.title$/);
  });

  it('flags open action items without an owner or a due date, but not finished ones', () => {
    const pm = draft({
      actionItems: [
        { title: 'Alert on pool saturation above 90% for 2 min' },
        { title: 'Remove the staging override from payments.yaml', status: 'done' },
        { title: 'Shard the sessions table by region', status: 'wontfix' },
      ],
    });
    const base = `sections[${index(pm, 'actionItems')}].content.items[1]`;
    expect(lintPostmortem(pm).map((f) => [f.rule, f.level, f.path])).toEqual([
      ['action-item-owner', 'error', `${base}.owner`],
      ['action-item-due-date', 'error', `${base}.dueAt`],
    ]);
  });

  it.each([
    'Be more careful',
    'be careful when deploying to production',
    'Improve monitoring',
    'Improve alerting',
    'Investigate further',
    'Look into it',
    'Add more tests',
    'Better testing',
    'Fix the issue',
    'Make sure this does not happen again',
    'Pay more attention to alerts',
    'Remind engineers to double-check the region',
    'Review the process',
    'Follow up',
    'TBD',
  ])('flags the vague action item "%s"', (title) => {
    const pm = draft({ actionItems: [{ title, owner: 'lee', dueAt: '2026-12-01T00:00:00Z' }] });
    const finding = lintPostmortem(pm).find((f) => f.rule === 'vague-action-item');
    expect(finding).toMatchObject({ level: 'warning', excerpt: title });
    expect(finding!.message).toMatch(/e\.g\. "/);
  });

  it.each([
    'Alert when checkout-api p99 latency exceeds 2 s for 5 min',
    'Improve monitoring of the payment queue depth',
    'Investigate why the failover took twenty minutes and propose a target',
    'Add an integration test for empty allow-lists in config-validator',
    'Add a canary stage to the deploy pipeline',
    'Document the rollback command in the checkout runbook',
    'Rotate the Kafka TLS certificates automatically',
    'Make the cleanup CLI ask for the account name before deleting',
  ])('accepts the concrete action item "%s"', (title) => {
    const pm = draft({ actionItems: [{ title, owner: 'lee', dueAt: '2026-12-01T00:00:00Z' }] });
    expect(rules(pm)).toEqual([]);
  });

  it('flags empty required sections with the section’s prompt', () => {
    const pm = draft({ rootCause: [] });
    expect(lintPostmortem(pm)).toEqual([
      {
        rule: 'missing-section',
        level: 'error',
        path: `sections[${index(pm, 'rootCause')}]`,
        message: expect.stringContaining(
          'required section "Root cause" is empty: The conditions in the system',
        ),
      },
    ]);
  });

  it('flags an empty impact when nothing about users or services is known', () => {
    const pm = draft();
    const i = index(pm, 'impact');
    const emptied = structuredClone(pm);
    emptied.sections[i]!.content = { kind: 'impact', impact: {}, services: [], paragraphs: [] };
    expect(rules(emptied)).toEqual(['missing-section']);
  });

  it('warns when a template left out Root cause, Impact or Timeline', () => {
    const pm = draftPostmortem(incident, {
      ...sev1Input,
      template: { sections: [{ id: 'summary' }, { id: 'rootCause' }, { id: 'actionItems' }] },
    });
    expect(lintPostmortem(pm).map((f) => [f.rule, f.level, f.message.slice(0, 40)])).toEqual([
      ['missing-section', 'warning', 'the postmortem has no Impact section: Wh'],
      ['missing-section', 'warning', 'the postmortem has no Timeline section: '],
    ]);
  });

  it('flags timeline rows out of time order', () => {
    const pm = structuredClone(draft());
    const t = index(pm, 'timeline');
    const content = pm.sections[t]!.content;
    if (content.kind !== 'timeline') throw new Error('timeline expected');
    [content.entries[3], content.entries[4]] = [content.entries[4]!, content.entries[3]!];
    expect(lintPostmortem(pm)).toEqual([
      {
        rule: 'timeline-order',
        level: 'error',
        path: `sections[${t}].content.entries[4]`,
        message:
          'timeline row at 2026-11-24 14:04 UTC comes after one at 2026-11-24 14:05 UTC; keep the timeline in time order',
      },
    ]);
  });

  it('warns past the word budget (about two pages), not counting the timeline', () => {
    const long = Array.from(
      { length: 120 },
      () => 'The replica lag grew while the pool stayed saturated.',
    ).join(' ');
    const pm = draft({ rootCause: long });
    const [finding] = lintPostmortem(pm);
    expect(finding).toMatchObject({ rule: 'word-budget', level: 'warning', path: 'sections' });
    expect(finding!.message).toMatch(
      /^the postmortem has \d+ words outside the timeline \(budget 1000, about 2 pages\)/,
    );
    expect(rules(pm, { wordBudget: 5_000 })).toEqual([]);
    expect(rules(draft(), { wordBudget: 200 })).toEqual(['word-budget']);
  });

  it('skips disabled rules', () => {
    const pm = draft({
      rootCause: 'Dave was careless and should have known.',
      actionItems: [{ title: 'Be careful' }],
    });
    expect(new Set(rules(pm))).toEqual(
      new Set([
        'blame-language',
        'counterfactual',
        'action-item-owner',
        'action-item-due-date',
        'vague-action-item',
      ]),
    );
    const all = Object.keys(POSTMORTEM_LINT_RULES) as PostmortemLintRule[];
    expect(rules(pm, { disable: all })).toEqual([]);
    expect(rules(pm, { disable: ['blame-language', 'vague-action-item'] })).not.toContain('blame-language');
  });

  it('lists errors before warnings within a section', () => {
    const pm = draft({ actionItems: [{ title: 'Improve monitoring' }] });
    const levels = lintPostmortem(pm).map((f) => f.level);
    expect(levels).toEqual(['error', 'error', 'warning']);
  });

  it('every rule has an id, a level and a description', () => {
    for (const [id, rule] of Object.entries(POSTMORTEM_LINT_RULES)) {
      expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(['error', 'warning']).toContain(rule.level);
      expect(rule.description.length).toBeGreaterThan(10);
    }
  });

  it('rejects an unknown rule to disable, naming it', () => {
    expect(errorOf(() => lintPostmortem(draft(), { disable: ['blame'] as never })).issues[0]!.path).toBe(
      'options.disable[0]',
    );
  });

  it('rejects a malformed postmortem with INVALID_INPUT', () => {
    expect(errorOf(() => lintPostmortem({ metadata: {}, sections: [] } as never)).code).toBe('INVALID_INPUT');
    expect(errorOf(() => lintPostmortem(null as never)).code).toBe('INVALID_INPUT');
  });

  it('does not change the postmortem', () => {
    const pm = draft({ rootCause: 'Dave was careless.' });
    const before = structuredClone(pm);
    lintPostmortem(pm);
    expect(pm).toEqual(before);
  });
});

describe('lintBlameLanguage', () => {
  it('checks one piece of text', () => {
    expect(lintBlameLanguage('The on-call engineer ignored the alert.')).toMatchObject([
      { rule: 'person-as-cause', level: 'error', path: 'text', excerpt: 'ignored' },
    ]);
    expect(lintBlameLanguage('The health check ignored the alert.')).toEqual([]);
  });

  it('reports each rule once per sentence, in text order', () => {
    const findings = lintBlameLanguage('Bob was careless. Alice should have checked. The cache broke.', {
      people: ['Bob', 'Alice'],
    });
    expect(findings.map((f) => [f.rule, f.excerpt])).toEqual([
      ['blame-language', 'careless'],
      ['counterfactual', 'should have checked'],
    ]);
  });

  it('leaves quoted mentions alone', () => {
    expect(lintBlameLanguage('We avoid words like "careless" and "human error" in reviews.')).toEqual([]);
  });

  it('points its excerpts at the right words after Windows line breaks and emoji', () => {
    const text = 'Line one.\r\n🙂 Second line.\r\nThe on-call engineer ignored the alert.';
    const [finding] = lintBlameLanguage(text);
    expect(finding?.excerpt).toBe('ignored');
  });

  it('ends a sentence at a line break, so a judgement on one line is not the next line’s subject', () => {
    expect(lintBlameLanguage('The engineer\nbroke nothing: the cache broke.')).toEqual([]);
    expect(lintBlameLanguage('Dave\r\nwas careless.').map((f) => f.rule)).toEqual(['blame-language']);
  });

  it('still finds a phrase after a long run of punctuation (sentences are cut, not dropped)', () => {
    const text = `${','.repeat(5_000)} The intern deleted the customer table.`;
    expect(lintBlameLanguage(text).map((f) => f.excerpt)).toEqual(['deleted']);
  });

  it('knows a multi-word name among many people who share its last word', () => {
    const others = Array.from({ length: 999 }, (_, i) => `Person${i} Smith`);
    const text = 'jo lovelace smith broke the build.';
    expect(lintBlameLanguage(text, { people: others })).toEqual([]);
    expect(lintBlameLanguage(text, { people: [...others, 'Jo Lovelace Smith'] }).map((f) => f.rule)).toEqual([
      'person-as-cause',
    ]);
  });

  it('flags a person making a live change at a risky moment, not a tool doing so or a repair', () => {
    const [finding] = lintBlameLanguage('He pushed the release to production at 5 p.m. on a Friday.');
    expect(finding).toMatchObject({
      rule: 'person-as-cause',
      excerpt: 'pushed the release to production at 5 p.m. on a Friday',
    });
    expect(finding!.message).toMatch(/^names "he" as the cause .*Friday-evening freeze/);
    expect(lintBlameLanguage('The pipeline pushed the release to production at 5 p.m. on a Friday.')).toEqual(
      [],
    );
    expect(
      lintBlameLanguage('She pushed the fix to production during the peak to restore checkout.'),
    ).toEqual([]);
    expect(lintBlameLanguage('He pushed the release at 10:00, inside the approved change window.')).toEqual(
      [],
    );
  });

  it('flags a person acting on the wrong target, not a tool that picked it', () => {
    const [finding] = lintBlameLanguage(
      'The on-call engineer ran the failover script against the wrong cluster.',
    );
    expect(finding).toMatchObject({
      rule: 'person-as-cause',
      excerpt: 'ran the failover script against the wrong cluster',
    });
    expect(finding!.message).toMatch(/wrong target easy to pick/);
    expect(
      lintBlameLanguage('The failover script ran against the wrong cluster because both had one name.'),
    ).toEqual([]);
    expect(
      lintBlameLanguage('The SRE applied it to production instead of staging.').map((f) => f.rule),
    ).toEqual(['person-as-cause']);
  });

  it('flags a passive approval nobody reviewed, not a process that allows one', () => {
    const [finding] = lintBlameLanguage('The pull request was approved without anyone reading the diff.');
    expect(finding).toMatchObject({ rule: 'blame-language', excerpt: 'approved without anyone reading' });
    expect(finding!.message).toMatch(/careful review hard or optional/);
    expect(lintBlameLanguage('The access request was approved sight unseen.')).toHaveLength(1);
    expect(lintBlameLanguage('Changes could be approved without review.')).toEqual([]);
    expect(lintBlameLanguage('Bumps are approved automatically by the bot.')).toEqual([]);
    expect(lintBlameLanguage('The request was approved by the policy engine without a human.')).toEqual([]);
  });

  it('reads an abbreviation’s period inside a sentence as part of it', () => {
    expect(lintBlameLanguage('She shipped it at 5 p.m. on a Friday.').map((f) => f.excerpt)).toEqual([
      'shipped it at 5 p.m. on a Friday',
    ]);
    expect(lintBlameLanguage('We paged at 5 p.m. Dave was careless.').map((f) => f.excerpt)).toEqual([
      'careless',
    ]);
  });

  it('rejects text that is not a string', () => {
    expect(errorOf(() => lintBlameLanguage(42 as never)).issues[0]!.path).toBe('text');
  });
});
