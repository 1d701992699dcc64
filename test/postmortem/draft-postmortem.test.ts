import { describe, expect, it } from 'vitest';
import { applyEvent, declareIncident } from '../../src/lifecycle/index.js';
import { type Incident, isIncidentKitError } from '../../src/model/index.js';
import {
  draftPostmortem,
  POSTMORTEM_SECTION_IDS,
  type Postmortem,
  PostmortemSchema,
  type PostmortemSectionContent,
} from '../../src/postmortem/index.js';
import { errorOf } from '../errors.js';
import { at, sev1Incident, sev1Input } from './sev1.js';

function content<K extends PostmortemSectionContent['kind']>(pm: Postmortem, id: string, kind: K) {
  const section = pm.sections.find((s) => s.id === id);
  expect(section?.content.kind).toBe(kind);
  return section!.content as Extract<PostmortemSectionContent, { kind: K }>;
}

describe('draftPostmortem', () => {
  const incident = sev1Incident();

  it('lists every built-in section in the default order with the default required set', () => {
    const pm = draftPostmortem(incident);
    expect(pm.sections.map((s) => s.id)).toEqual([...POSTMORTEM_SECTION_IDS]);
    expect(pm.sections.filter((s) => s.required).map((s) => s.id)).toEqual([
      'summary',
      'impact',
      'timeline',
      'rootCause',
      'actionItems',
    ]);
    expect(pm.sections.every((s) => s.prompt && s.prompt.length > 0)).toBe(true);
  });

  it('produces a document the schema accepts, unchanged by a JSON round trip', () => {
    const pm = draftPostmortem(incident, sev1Input);
    const copy = JSON.parse(JSON.stringify(pm));
    expect(PostmortemSchema.parse(copy)).toEqual(pm);
  });

  it('fills metadata from the incident and the input', () => {
    const pm = draftPostmortem(incident, sev1Input);
    expect(pm.metadata).toEqual({
      schemaVersion: 1,
      incidentId: 'INC-4312',
      title: 'Card payments failing at checkout',
      severity: 'SEV1',
      status: 'draft',
      authors: ['dana', 'sam'],
      reviewers: ['priya'],
      roles: { commander: 'dana', commsLead: 'lee', techLead: 'sam' },
      draftedAt: Date.parse('2026-11-25T10:00:00Z'),
      timeZone: 'UTC',
    });
  });

  it('defaults the draft time to the incident’s latest event', () => {
    expect(draftPostmortem(incident).metadata.draftedAt).toBe(at(150));
  });

  it('computes impact milestones and the durations to detect, mitigate and resolve from impact start', () => {
    const impact = content(draftPostmortem(incident), 'impact', 'impact');
    expect(impact).toMatchObject({
      startedAt: at(-8),
      detectedAt: at(0),
      mitigatedAt: at(34),
      resolvedAt: at(130),
      timeToDetectMs: 8 * 60_000,
      timeToMitigateMs: 42 * 60_000,
      timeToResolveMs: 138 * 60_000,
      services: ['payments-api', 'checkout-web'],
      mitigation: 'Rolled back payments-api to 2026.11.23-4',
      resolution: 'Pool limit restored to 200 and the release re-applied',
    });
    expect(impact.impact.usersAffectedPct).toBe(64);
  });

  it('records how and how fast the incident was detected and acknowledged', () => {
    const detection = content(draftPostmortem(incident, sev1Input), 'triggerAndDetection', 'detection');
    expect(detection).toMatchObject({
      source: 'monitoring',
      timeToDetectMs: 8 * 60_000,
      acknowledgedAt: at(2),
      timeToAcknowledgeMs: 2 * 60_000,
      trigger: [sev1Input.trigger],
    });
  });

  it('copies every timeline entry, in time order, with decisions marked', () => {
    const timeline = content(draftPostmortem(incident), 'timeline', 'timeline');
    expect(timeline.entries).toHaveLength(incident.timeline.length);
    expect(timeline.entries.map((e) => e.eventId)).toEqual(incident.timeline.map((e) => e.eventId));
    const decisions = timeline.entries.filter((e) => e.decision);
    expect(decisions.map((e) => e.text)).toEqual([
      'Roll back payments-api to 2026.11.23-4 instead of fixing forward.',
    ]);
  });

  it('sorts a timeline recorded out of order, keeping same-instant entries in recorded order', () => {
    let { incident: i } = declareIncident({ incidentId: 'INC-1', title: 'Queue backlog', at: at(0) });
    i = applyEvent(i, { type: 'NOTE', at: at(10), text: 'second' });
    i = applyEvent(i, { type: 'NOTE', at: at(5), text: 'first' });
    i = applyEvent(i, { type: 'NOTE', at: at(5), text: 'first, again' });
    const rows = content(draftPostmortem(i), 'timeline', 'timeline').entries.map((e) => e.text);
    expect(rows.slice(1)).toEqual(['first', 'first, again', 'second']);
  });

  it('lists the incident’s action items first, then the proposed ones with kinds, owners and due dates', () => {
    const items = content(draftPostmortem(incident, sev1Input), 'actionItems', 'actionItems').items;
    expect(items.map((i) => i.id)).toEqual([
      'act_pool_floor',
      'act_auth_alert',
      'act_canary_load',
      'act_config_owner',
    ]);
    expect(items[1]).toEqual({
      id: 'act_auth_alert',
      title: 'Page payments on-call when authorisation success rate drops below 98% for 3 min',
      owner: 'lee',
      dueAt: Date.parse('2026-12-01T17:00:00Z'),
      status: 'open',
      kind: 'detect',
    });
  });

  it('gives proposed action items without an id a fresh one', () => {
    const pm = draftPostmortem(incident, {
      actionItems: [{ title: 'Alert on pool saturation above 90%' }, { title: 'x' }],
    });
    const ids = content(pm, 'actionItems', 'actionItems').items.map((i) => i.id);
    expect(ids).toEqual(['act_pool_floor', 'act_pm_1', 'act_pm_2']);
  });

  it('leaves out a proposed action item the incident already has (the incident’s version wins)', () => {
    const items = content(
      draftPostmortem(incident, { actionItems: [{ id: 'act_pool_floor', title: 'older wording' }] }),
      'actionItems',
      'actionItems',
    ).items;
    expect(items.map((i) => [i.id, i.owner])).toEqual([['act_pool_floor', 'sam']]);
  });

  it('rejects the same proposed action item id twice, naming it', () => {
    const error = errorOf(() =>
      draftPostmortem(incident, {
        actionItems: [
          { id: 'a1', title: 'one' },
          { id: 'a1', title: 'two' },
        ],
      }),
    );
    expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'input.actionItems[1].id' }] });
  });

  it('keeps the authors’ text: root cause paragraphs, lists and the five-whys chain', () => {
    const pm = draftPostmortem(incident, {
      ...sev1Input,
      fiveWhys: ['No connections left', { answer: 'Pool limit 20' }],
    });
    expect(content(pm, 'rootCause', 'text').paragraphs).toEqual(sev1Input.rootCause);
    expect(content(pm, 'contributingFactors', 'list').items).toHaveLength(2);
    expect(content(pm, 'fiveWhys', 'whys').steps).toEqual([
      { answer: 'No connections left' },
      { answer: 'Pool limit 20' },
    ]);
    expect(content(pm, 'gotLucky', 'list').items).toEqual(sev1Input.gotLucky);
  });

  it('drops blank paragraphs and trims the rest', () => {
    const pm = draftPostmortem(incident, { rootCause: ['  ', ' A pool limit of 20. ', ''], wentWell: '' });
    expect(content(pm, 'rootCause', 'text').paragraphs).toEqual(['A pool limit of 20.']);
    expect(content(pm, 'wentWell', 'list').items).toEqual([]);
  });

  it('summarises from the incident’s facts when nobody wrote a summary', () => {
    const summary = content(draftPostmortem(incident), 'summary', 'text').paragraphs;
    expect(summary).toEqual([
      'Card payments failing at checkout: a SEV1 incident affecting payments-api, checkout-web. Impact began 2026-11-24 13:52 UTC and was detected by monitoring 8 min later; it was mitigated after 42 min and resolved after 2 h 18 min.',
    ]);
  });

  it('uses the incident’s own summary before generating one, and the input’s before both', () => {
    const { incident: i } = declareIncident({ title: 'DNS', summary: 'Resolvers timed out.', at: at(0) });
    expect(content(draftPostmortem(i), 'summary', 'text').paragraphs).toEqual(['Resolvers timed out.']);
    expect(content(draftPostmortem(i, { summary: 'Ours.' }), 'summary', 'text').paragraphs).toEqual([
      'Ours.',
    ]);
  });

  it('schedules the review: the window from the policy and the meeting the authors set', () => {
    const followUp = content(draftPostmortem(incident, sev1Input), 'followUp', 'followUp');
    expect(followUp).toMatchObject({
      reviewAt: Date.parse('2026-11-26T15:00:00Z'),
      reviewEarliest: at(130) + 24 * 3_600_000,
      reviewLatest: at(130) + 48 * 3_600_000,
    });
  });

  it('leaves the review window out while the incident is unresolved', () => {
    const { incident: open } = declareIncident({ title: 'Still burning', at: at(0) });
    const followUp = content(draftPostmortem(open), 'followUp', 'followUp');
    expect(followUp.reviewEarliest).toBeUndefined();
  });

  it('marks the document published when the incident has a published postmortem', () => {
    const published = applyEvent(incident, {
      type: 'PUBLISH_POSTMORTEM',
      at: at(60 * 20),
      url: 'https://wiki.example.com/pm/INC-4312',
    });
    const pm = draftPostmortem(published);
    expect(pm.metadata).toMatchObject({
      status: 'published',
      publishedAt: at(60 * 20),
      url: 'https://wiki.example.com/pm/INC-4312',
    });
  });

  it('marks drills', () => {
    const { incident: drill } = declareIncident({ title: 'Game day: region loss', at: at(0), drill: true });
    expect(draftPostmortem(drill).metadata.drill).toBe(true);
  });

  it('does not change the incident or the input', () => {
    const before = structuredClone(incident);
    const input = structuredClone(sev1Input);
    const pm = draftPostmortem(incident, input);
    expect(incident).toEqual(before);
    expect(input).toEqual(sev1Input);
    content(pm, 'impact', 'impact').services.push('mutated');
    expect(incident.services).toEqual(['payments-api', 'checkout-web']);
  });

  it.each([
    ['an unknown input field (a typo)', { rootcause: 'x' }, 'input'],
    ['a time without offset', { at: '2026-11-25T10:00' }, 'input.at'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'input.timeZone'],
    ['a non-string paragraph', { rootCause: [42] }, 'input.rootCause'],
    [
      'an unknown action item kind',
      { actionItems: [{ title: 't', kind: 'blame' }] },
      'input.actionItems[0].kind',
    ],
    ['text for a section the template does not have', { sections: { nope: 'x' } }, 'input.sections.nope'],
  ])('rejects %s with INVALID_INPUT naming the field', (_label, input, path) => {
    const error = errorOf(() => draftPostmortem(incident, input as never));
    expect(isIncidentKitError(error)).toBe(true);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues[0]!.path.startsWith(path)).toBe(true);
  });

  it.each([
    ['null', null],
    ['a string', 'INC-1'],
    ['an incident without milestones', { id: 'x', phase: 'detect' }],
  ])('rejects %s as the incident with INVALID_INPUT', (_label, value) => {
    const error = errorOf(() => draftPostmortem(value as unknown as Incident));
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(error.issues[0]!.path.startsWith('incident')).toBe(true);
  });
});
