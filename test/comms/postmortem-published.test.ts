import { describe, expect, it } from 'vitest';
import { postmortemPublished, renderMessage } from '../../src/index.js';
import { kitError, min, sev1Stages } from './helpers.js';

const { resolved, published, closed } = sev1Stages();
const URL = 'https://wiki.example.com/pm/INC-2041';

describe('postmortemPublished', () => {
  it('says when and where the postmortem was published and how the action items stand', () => {
    const m = postmortemPublished(published);
    expect(m).toMatchObject({
      kind: 'postmortem-published',
      title: 'Postmortem published: Checkout API returning 502s',
      publishedAt: min(60 * 26),
      url: URL,
      at: min(60 * 26),
    });
    expect(m.fields).toEqual([
      { key: 'severity', label: 'Severity', value: 'SEV1 (Critical)' },
      { key: 'duration', label: 'Duration', value: '1 h 25 min' },
      { key: 'published', label: 'Published', value: '2026-11-25 11:00 UTC' },
      { key: 'postmortem', label: 'Postmortem', value: URL, url: URL },
      { key: 'actionItems', label: 'Action items', value: '1 open, 1 done, 2 in total' },
      { key: 'commander', label: 'Incident commander', value: 'Alice Chen' },
    ]);
    expect(postmortemPublished(closed).at).toBe(min(60 * 27));
  });

  it('links the postmortem URL in every format', () => {
    const m = postmortemPublished(published);
    expect(renderMessage(m, 'text')).toContain(`Postmortem: ${URL}`);
    expect(renderMessage(m, 'markdown')).toContain(`[https://wiki.example.com/pm/INC-2041](${URL})`);
    expect(renderMessage(m, 'html')).toContain(`<a href="${URL}" rel="noopener noreferrer">${URL}</a>`);
    expect(JSON.stringify(renderMessage(m, 'slack'))).toContain(`<${URL}|${URL}>`);
  });

  it('shows an unsafe URL as inert text, never as a link', () => {
    for (const url of [
      'javascript:alert(1)',
      'https://x.io/a"onmouseover="x',
      'https://x.io/<!channel>',
      'https://x.io/a|b',
    ]) {
      const incident = { ...published, postmortem: { publishedAt: min(60 * 26), url } };
      const m = postmortemPublished(incident);
      expect(m.fields.find((f) => f.key === 'postmortem')?.url).toBeUndefined();
      expect(renderMessage(m, 'html')).not.toContain('<a ');
      expect(renderMessage(m, 'markdown')).not.toMatch(/\]\(/);
      const slack = JSON.stringify(renderMessage(m, 'slack'));
      expect(slack).not.toMatch(/<[^>]*\|/);
      expect(slack).not.toContain('<!');
    }
  });

  it('says when no action items were recorded and leaves out what is unknown', () => {
    const bare = { ...published, actionItems: [], roles: {}, postmortem: { publishedAt: min(60 * 26) } };
    const m = postmortemPublished(bare);
    expect(m.url).toBeUndefined();
    expect(m.fields.map((f) => f.key)).toEqual(['severity', 'duration', 'published', 'actionItems']);
    expect(m.fields.find((f) => f.key === 'actionItems')?.value).toBe('None recorded');
  });

  it('rejects an incident without a published postmortem', () => {
    expect(kitError(() => postmortemPublished(resolved)).issues[0]?.path).toBe('incident.postmortem');
  });
});
