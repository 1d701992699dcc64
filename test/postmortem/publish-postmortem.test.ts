import { describe, expect, it } from 'vitest';
import { applyEvent } from '../../src/lifecycle/index.js';
import {
  draftPostmortem,
  parsePostmortem,
  postmortemActionItemEvents,
  publishPostmortem,
  renderPostmortem,
} from '../../src/postmortem/index.js';
import { errorOf } from '../errors.js';
import { at, sev1Incident, sev1Input } from './sev1.js';

describe('closing a SEV1 with a postmortem', () => {
  it('draft → render → PUBLISH_POSTMORTEM → CLOSE', () => {
    let incident = sev1Incident();
    expect(incident.phase).toBe('review');
    expect(errorOf(() => applyEvent(incident, { type: 'CLOSE', at: at(200) }))).toMatchObject({
      code: 'GUARD_REJECTED',
      requirement: 'postmortemRequired',
    });

    // Proposed action items become the incident's own, so they are tracked and checked at CLOSE.
    const draft = draftPostmortem(incident, sev1Input);
    const recorded = postmortemActionItemEvents(draft, incident, { at: at(200), by: 'dana' });
    expect(recorded.map((e) => e.type)).toEqual(['ADD_ACTION_ITEM', 'ADD_ACTION_ITEM', 'ADD_ACTION_ITEM']);
    for (const event of recorded) incident = applyEvent(incident, event);
    expect(incident.actionItems.map((i) => i.id)).toEqual([
      'act_pool_floor',
      'act_auth_alert',
      'act_canary_load',
      'act_config_owner',
    ]);
    expect(postmortemActionItemEvents(draft, incident, { at: at(201) })).toEqual([]);
    const markdown = renderPostmortem(draft, 'markdown');
    expect(markdown).toContain('# Postmortem: Card payments failing at checkout');

    const { postmortem, event } = publishPostmortem(draft, {
      at: '2026-11-26T16:00:00Z',
      url: 'https://wiki.example.com/pm/INC-4312',
      by: 'dana',
    });
    expect(event).toEqual({
      type: 'PUBLISH_POSTMORTEM',
      at: Date.parse('2026-11-26T16:00:00Z'),
      url: 'https://wiki.example.com/pm/INC-4312',
      by: 'dana',
    });
    expect(postmortem.metadata).toMatchObject({
      status: 'published',
      publishedAt: Date.parse('2026-11-26T16:00:00Z'),
      url: 'https://wiki.example.com/pm/INC-4312',
    });
    expect(renderPostmortem(postmortem, 'markdown')).toContain('- **Status:** Published');

    incident = applyEvent(incident, event);
    expect(incident.postmortem).toEqual({
      publishedAt: Date.parse('2026-11-26T16:00:00Z'),
      url: 'https://wiki.example.com/pm/INC-4312',
    });
    incident = applyEvent(incident, { type: 'CLOSE', at: '2026-11-26T16:05:00Z' });
    expect(incident.phase).toBe('closed');

    // A redraft of the closed incident reflects the published state.
    expect(draftPostmortem(incident, sev1Input).metadata.status).toBe('published');
  });
});

describe('publishPostmortem', () => {
  const draft = () => draftPostmortem(sev1Incident(), sev1Input);

  it('refuses to publish with lint errors, listing them as issues', () => {
    const pm = draftPostmortem(sev1Incident(), {
      ...sev1Input,
      rootCause: 'Sam was careless with the config.',
    });
    const error = errorOf(() => publishPostmortem(pm, { at: at(2_000) }));
    expect(error.code).toBe('GUARD_REJECTED');
    expect(error.requirement).toBe('postmortemLint');
    expect(error.issues).toEqual([
      {
        path: 'postmortem.sections[4].content.paragraphs[0]',
        message: expect.stringMatching(/^blame-language: "careless"/),
      },
    ]);
    expect(error.message).toMatch(/pass lint: false/);
  });

  it('publishes despite warnings, with lint options, or with lint off', () => {
    const warned = draftPostmortem(sev1Incident(), {
      ...sev1Input,
      actionItems: [{ title: 'Improve monitoring', owner: 'lee', dueAt: at(10_000) }],
    });
    expect(publishPostmortem(warned, { at: at(2_000) }).postmortem.metadata.status).toBe('published');
    const blamed = draftPostmortem(sev1Incident(), { ...sev1Input, rootCause: 'Sam was careless.' });
    expect(() =>
      publishPostmortem(blamed, { at: at(2_000), lint: { disable: ['blame-language'] } }),
    ).not.toThrow();
    expect(() => publishPostmortem(blamed, { at: at(2_000), lint: false })).not.toThrow();
  });

  it('keeps the first publication time when published again', () => {
    const first = publishPostmortem(draft(), { at: at(2_000) }).postmortem;
    const again = publishPostmortem(first, { at: at(3_000), url: 'https://wiki.example.com/v2' });
    expect(again.postmortem.metadata.publishedAt).toBe(at(2_000));
    expect(again.event.at).toBe(at(3_000));
  });

  it('returns a document that round-trips and leaves the draft unchanged', () => {
    const pm = draft();
    const before = structuredClone(pm);
    const { postmortem } = publishPostmortem(pm, { at: at(2_000) });
    expect(pm).toEqual(before);
    expect(parsePostmortem(renderPostmortem(postmortem, 'json'))).toEqual(postmortem);
  });

  it('records done and won’t-fix items with their status', () => {
    const incident = sev1Incident();
    const pm = draftPostmortem(incident, {
      actionItems: [
        { id: 'act_done', title: 'Revert the staging pool value', status: 'done', completedAt: at(140) },
      ],
    });
    const events = postmortemActionItemEvents(pm, incident, { at: at(200) });
    expect(events).toEqual([
      {
        type: 'ADD_ACTION_ITEM',
        at: at(200),
        item: { id: 'act_done', title: 'Revert the staging pool value' },
      },
      {
        type: 'UPDATE_ACTION_ITEM',
        at: at(200),
        itemId: 'act_done',
        changes: { status: 'done', completedAt: at(140) },
      },
    ]);
    let next = incident;
    for (const event of events) next = applyEvent(next, event);
    expect(next.actionItems.at(-1)).toMatchObject({ id: 'act_done', status: 'done', completedAt: at(140) });
  });

  it.each([
    ['no time', {}, 'options.at'],
    ['a javascript: url', { at: 0, url: 'javascript:alert(1)' }, 'options.url'],
    ['an unknown option', { at: 0, force: true }, 'options'],
  ])('rejects %s', (_label, options, path) => {
    expect(errorOf(() => publishPostmortem(draft(), options as never)).issues[0]!.path).toBe(path);
  });
});
