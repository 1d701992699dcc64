import { describe, expect, it } from 'vitest';
import { declareIncident } from '../../src/lifecycle/index.js';
import {
  draftPostmortem,
  type Postmortem,
  parsePostmortem,
  renderPostmortem,
} from '../../src/postmortem/index.js';
import { errorOf } from '../errors.js';
import { sev1Incident, sev1Input } from './sev1.js';

const sev1 = () => draftPostmortem(sev1Incident(), sev1Input);

describe('renderPostmortem: golden files (reviewed by eye)', () => {
  it('renders the SEV1 as markdown', async () => {
    await expect(renderPostmortem(sev1(), 'markdown')).toMatchFileSnapshot('./__golden__/sev1.md');
  });

  it('renders the SEV1 as an HTML fragment', async () => {
    await expect(renderPostmortem(sev1(), 'html')).toMatchFileSnapshot('./__golden__/sev1.html');
  });

  it('renders the SEV1 as JSON', async () => {
    await expect(renderPostmortem(sev1(), 'json')).toMatchFileSnapshot('./__golden__/sev1.json');
  });

  it('renders a fresh draft with prompts in the empty sections', async () => {
    const { incident } = declareIncident({
      incidentId: 'INC-77',
      title: 'Search latency',
      at: '2026-11-24T09:00:00Z',
      severity: 'SEV3',
    });
    await expect(renderPostmortem(draftPostmortem(incident), 'markdown')).toMatchFileSnapshot(
      './__golden__/empty-draft.md',
    );
  });
});

describe('renderPostmortem', () => {
  it('round-trips JSON through parsePostmortem', () => {
    const pm = sev1();
    expect(parsePostmortem(renderPostmortem(pm, 'json'))).toEqual(pm);
  });

  it('shows times in the document’s time zone with UTC alongside', () => {
    const pm = draftPostmortem(sev1Incident(), { ...sev1Input, timeZone: 'America/New_York' });
    const md = renderPostmortem(pm, 'markdown');
    expect(md).toContain('| 2026-11-24 09:21 EST (14:21 UTC) | **Decision:** Roll back payments-api');
    expect(renderPostmortem(sev1(), 'markdown', { timeZone: 'America/New_York' })).toContain(
      '09:21 EST (14:21 UTC)',
    );
  });

  it('marks decisions in the timeline', () => {
    const html = renderPostmortem(sev1(), 'html');
    expect(html).toContain(
      '<tr class="decision"><td>2026-11-24 14:21 UTC</td><td><strong>Decision:</strong> Roll back payments-api',
    );
  });

  it('escapes user text in markdown: no markup, links, mentions or table breaks', () => {
    const { incident } = declareIncident({ title: '[pay](javascript:alert(1)) @channel', at: 0 });
    const pm = draftPostmortem(incident, {
      rootCause: '<script>alert(1)</script>\n# not a heading',
      wentWell: ['| cell | break |', '*bold* `code`'],
      actionItems: [{ title: 'Fix | the table', owner: '@here' }],
    });
    const md = renderPostmortem(pm, 'markdown');
    expect(md).toContain('# Postmortem: \\[pay\\](javascript:alert(1)) @\u200Bchannel');
    expect(md).toContain('\\<\u200Bscript\\>alert(1)\\<\u200B/script\\>\n\\# not a heading');
    expect(md).toContain('- \\| cell \\| break \\|');
    expect(md).toContain('| Fix \\| the table | — | @\u200Bhere |');
    expect(md).not.toMatch(/<script/);
  });

  it('escapes user text in HTML', () => {
    const { incident } = declareIncident({ title: '"><img src=x onerror=alert(1)>', at: 0 });
    const html = renderPostmortem(draftPostmortem(incident, { rootCause: "<b>bold</b> & 'quotes'" }), 'html');
    expect(html).toContain('<h1>Postmortem: &quot;&gt;&lt;\u200Bimg src=x onerror=alert(1)&gt;</h1>');
    expect(html).toContain('<p>&lt;\u200Bb&gt;bold&lt;\u200B/b&gt; &amp; &#39;quotes&#39;</p>');
    expect(html).not.toMatch(/<img|<b>/);
  });

  it('links the published document with a safe href', () => {
    const pm: Postmortem = sev1();
    const published = {
      ...pm,
      metadata: {
        ...pm.metadata,
        status: 'published' as const,
        url: 'https://wiki.example.com/pm?id=1&x="y"',
      },
    };
    expect(renderPostmortem(published, 'html')).toContain(
      '<a href="https://wiki.example.com/pm?id=1&amp;x=%22y%22" rel="noopener noreferrer">',
    );
    expect(renderPostmortem(published, 'markdown')).toContain(
      '- **Link:** <https://wiki.example.com/pm?id=1&x=%22y%22>',
    );
  });

  it('does not change the postmortem', () => {
    const pm = sev1();
    const before = structuredClone(pm);
    renderPostmortem(pm, 'markdown');
    renderPostmortem(pm, 'html');
    expect(pm).toEqual(before);
  });

  it('rejects an unknown format, naming it', () => {
    expect(errorOf(() => renderPostmortem(sev1(), 'pdf' as never)).issues[0]!.path).toBe('format');
  });

  it('rejects a malformed postmortem, naming the field', () => {
    const pm = sev1();
    const broken = {
      ...pm,
      sections: [{ ...pm.sections[0]!, content: { kind: 'timeline', entries: 'no' } }],
    };
    expect(errorOf(() => renderPostmortem(broken as never, 'markdown')).issues[0]!.path).toBe(
      'postmortem.sections[0].content.entries',
    );
  });

  it('rejects a javascript: link in the metadata', () => {
    const pm = sev1();
    const evil = { ...pm, metadata: { ...pm.metadata, url: 'javascript:alert(1)' } };
    expect(errorOf(() => renderPostmortem(evil, 'html')).issues[0]!.path).toBe('postmortem.metadata.url');
  });
});
