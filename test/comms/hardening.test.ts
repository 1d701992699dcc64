import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import {
  declareIncident,
  type Message,
  type MessageFormat,
  MessageSchema,
  postmortemPublished,
  renderMessage,
  statusPageUpdate,
  statusUpdate,
} from '../../src/index.js';
import { kitError, min, sev1Stages } from './helpers.js';

const stages = sev1Stages();
const FORMATS: MessageFormat[] = ['text', 'markdown', 'html', 'slack', 'teams'];
const asText = (out: unknown) => (typeof out === 'string' ? out : JSON.stringify(out));

describe('markdown exposes no line-start syntax from user text', () => {
  const md = new MarkdownIt({ html: true });
  const spaces = ['', ' ', '\u00A0', '\u3000', '\u2003', '\u205F', '\u00A0\u3000 '];
  const markers = [
    '# FREE REFUNDS',
    '## x',
    '1. one',
    '2) two',
    '- item',
    '+ item',
    '> quote',
    '===',
    '---',
    '***',
  ];

  it('in a public status-page body, behind NBSP, U+3000, U+2003 or U+205F', () => {
    for (const space of spaces) {
      for (const marker of markers) {
        const message = statusPageUpdate(stages.monitoring, {
          message: `ok\n${space}${marker}\n${space}===`,
        });
        const html = md.render(renderMessage(message, 'markdown'));
        expect(html, JSON.stringify(space + marker)).not.toMatch(
          /<h1|<h3|<ol|<blockquote|<hr|<ul>\s*<li>(?!<strong>)/,
        );
        expect(html.match(/<h2>/g)).toHaveLength(1);
      }
    }
  });

  it('in multi-line field values', () => {
    for (const space of spaces) {
      const value = `first\n${space}# heading\n${space}1. item\n${space}- item\n${space}===`;
      const message: Message = {
        ...statusUpdate(stages.mitigating, { status: 'x' }),
        fields: [{ key: 'status', label: 'Status', value }],
      };
      const html = md.render(renderMessage(message, 'markdown'));
      expect(html).not.toMatch(/<h1|<ol|<hr/);
      expect(html.match(/<li>/g)).toHaveLength(1);
    }
  });
});

describe('links in messages', () => {
  const published = postmortemPublished(stages.published);
  const withUrl = (url: string): Message => ({
    ...published,
    fields: published.fields.map((f) => (f.key === 'postmortem' ? { ...f, value: url, url } : f)),
  });

  it('are allowed only on the fields a builder sets one on', () => {
    const forged: Message = {
      ...statusPageUpdate(stages.monitoring),
      fields: [{ key: 'status', label: 'Status', value: 'Resolved', url: 'https://evil.example/' }],
    };
    expect(kitError(() => renderMessage(forged, 'html')).issues[0]?.path).toBe('message.fields[0].url');
    const moved: Message = {
      ...published,
      fields: published.fields.map((f) =>
        f.key === 'severity' ? { ...f, url: 'https://evil.example/' } : f,
      ),
    };
    expect(kitError(() => renderMessage(moved, 'slack')).issues[0]?.path).toBe('message.fields[0].url');
    expect(MessageSchema.safeParse(moved).success).toBe(false);
  });

  it('are https: URLs; http: is linked only when the host allows it, and other schemes never', () => {
    expect(renderMessage(withUrl('https://wiki.example.com/pm/1'), 'html')).toContain(
      '<a href="https://wiki.example.com/pm/1"',
    );
    const http = withUrl('http://wiki.internal/pm/1');
    for (const format of FORMATS) expect(asText(renderMessage(http, format))).not.toContain('http://wiki');
    expect(renderMessage(http, 'html', { allowHttp: true })).toContain('<a href="http://wiki.internal/pm/1"');
    expect(
      renderMessage(http, 'slack', { allowHttp: true })
        .blocks.map((b) => JSON.stringify(b))
        .join(),
    ).toContain('<http://wiki.internal/pm/1|');
    expect(kitError(() => renderMessage(withUrl('javascript:alert(1)'), 'html')).issues[0]?.path).toBe(
      'message.fields[3].url',
    );
    expect(kitError(() => renderMessage(http, 'html', { allowHttp: 'yes' } as never)).issues[0]?.path).toBe(
      'options.allowHttp',
    );
  });
});

describe('lone surrogates', () => {
  it('are replaced with U+FFFD in every output, Slack and Teams JSON included', () => {
    const message: Message = {
      ...statusUpdate(stages.mitigating, { status: 'x' }),
      title: 'broken \uD800 title',
      body: 'half \uDC00 pair',
      fields: [{ key: 'status', label: 'Status \uDBFF', value: 'v \uD83D', items: ['\uDE00 item'] }],
    };
    for (const format of FORMATS) {
      const out = asText(renderMessage(message, format));
      expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(out), format).toBe(
        false,
      );
      expect(out, format).toContain('\uFFFD');
    }
  });

  it('are replaced on input, so an incident never stores one', () => {
    const { incident } = declareIncident({ title: 'a\uD800b', summary: '\uDC00', at: 0 });
    expect(incident.title).toBe('a\uFFFDb');
    expect(statusUpdate(incident, { status: 'x' }).title).toBe('SEV2 update: a\uFFFDb');
  });
});

describe('host names', () => {
  const linkify = new MarkdownIt({ linkify: true });
  linkify.linkify.set({ fuzzyLink: true, fuzzyEmail: true });
  const hosts =
    'Contact ops@evil.com or see evil.com/login, раураl.com, xn--80ak6aa92e.com, mailto:a@evil.com';

  it('are broken for the public and stakeholders, so no linkifier links them', () => {
    const pub = statusPageUpdate(stages.monitoring, { message: hosts });
    const internal = statusUpdate(stages.mitigating, { status: hosts });
    for (const message of [pub, internal]) {
      const md = renderMessage(message, 'markdown');
      expect(linkify.render(md)).not.toContain('<a');
      for (const format of ['text', 'markdown', 'html', 'slack'] as const) {
        expect(linkify.linkify.test(asText(renderMessage(message, format))), format).toBe(false);
      }
      // The card itself names its schema's URL; the text on it is what must not link.
      const runs = renderMessage(message, 'teams').attachments[0].content.body.flatMap((b) => b.inlines);
      for (const run of runs) expect(linkify.linkify.test(run.text), run.text).toBe(false);
    }
  });

  it('stay intact for responders, who copy them into terminals, as code spans in markdown', () => {
    const message = statusUpdate(
      stages.mitigating,
      { status: 'db-1.eu.example.com is down, e.g. since 09:00; see runbook.md' },
      { audience: 'responders' },
    );
    expect(renderMessage(message, 'text')).toContain(
      'db-1.eu.example.com is down, e.g. since 09:00; see runbook.md',
    );
    const md = renderMessage(message, 'markdown');
    expect(md).toContain('`db-1.eu.example.com` is down, e.g. since 09:00; see `runbook.md`');
    expect(linkify.render(md)).not.toContain('<a');
  });
});

describe('times and time zones', () => {
  it('rejects a message whose time is out of range with INVALID_INPUT, in every format', () => {
    const message = { ...statusUpdate(stages.mitigating, { status: 'x' }), at: 9e15 };
    for (const format of FORMATS) {
      expect(kitError(() => renderMessage(message, format)).issues[0]?.path).toBe('message.at');
    }
    const late = { ...statusUpdate(stages.mitigating, { status: 'x' }), nextUpdateAt: 253_402_300_800_000 };
    expect(kitError(() => renderMessage(late, 'html')).issues[0]?.path).toBe('message.nextUpdateAt');
  });

  it('accepts only IANA names or UTC as time zones, naming the field', () => {
    for (const zone of [
      'Not/A_Zone+05',
      'UTC+99',
      '+25:00',
      '__proto__',
      'toString',
      'hasOwnProperty',
      'x'.repeat(10_000),
    ]) {
      expect(
        kitError(() => statusUpdate(stages.mitigating, { status: 'x' }, { timeZone: zone })).issues[0]?.path,
      ).toBe('options.timeZone');
      const message = { ...statusUpdate(stages.mitigating, { status: 'x' }), timeZone: zone.slice(0, 64) };
      expect(kitError(() => renderMessage(message, 'text')).issues[0]?.path).toBe('message.timeZone');
    }
    expect(statusUpdate(stages.mitigating, { status: 'x' }, { timeZone: 'UTC', at: min(30) }).timeZone).toBe(
      'UTC',
    );
  });
});
