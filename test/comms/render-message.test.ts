import { describe, expect, it } from 'vitest';
import {
  acknowledgement,
  type Incident,
  initialNotification,
  type Message,
  type MessageFormat,
  postmortemPublished,
  reminder,
  renderMessage,
  resolutionNotice,
  type SlackMessage,
  statusPageUpdate,
  statusUpdate,
  TEAMS_MESSAGE_MAX_BYTES,
  type TeamsMessage,
} from '../../src/index.js';
import { iso, kitError, min, sev1Stages } from './helpers.js';

const stages = sev1Stages();

/** One realistic message of every kind, from the SEV1 fixture. */
const messages: Record<string, Message> = {
  'initial-notification': initialNotification(stages.mitigating, { at: min(6) }),
  'status-update': statusUpdate(
    stages.mitigating,
    {
      status: 'We traced the 502s to release 2026.11.24-3 and are rolling it back.',
      actionsTaken: ['Paused all deploys', 'Started the rollback of 2026.11.24-3'],
      nextSteps: 'Confirm the error rate returns to baseline',
      eta: '2026-11-24T09:45:00Z',
    },
    { at: min(30) },
  ),
  'resolution-notice': resolutionNotice(stages.resolved),
  'status-page-update': statusPageUpdate(stages.monitoring, { services: ['Checkout', 'Payments'] }),
  'postmortem-published': postmortemPublished(stages.published, { timeZone: 'Europe/Berlin' }),
  reminder: reminder(
    stages.declared,
    { reason: 'roles-missing', dueAt: iso(5), missingRoles: ['commander', 'commsLead'] },
    { at: min(6) },
  ),
  acknowledged: acknowledgement(stages.mitigating, { at: min(2) }),
};

const EXTENSION: Record<MessageFormat, string> = {
  text: 'txt',
  markdown: 'md',
  html: 'html',
  slack: 'slack.json',
  teams: 'teams.json',
};
const formats = Object.keys(EXTENSION) as MessageFormat[];

function render(message: Message, format: MessageFormat): string {
  const out = renderMessage(message, format);
  return typeof out === 'string' ? out : `${JSON.stringify(out, null, 2)}\n`;
}

describe('renderMessage golden files', () => {
  for (const [kind, message] of Object.entries(messages)) {
    for (const format of formats) {
      it(`renders a ${kind} as ${format}`, async () => {
        await expect(render(message, format)).toMatchFileSnapshot(
          `./__golden__/${kind}.${EXTENSION[format]}`,
        );
      });
    }
  }

  it('renders hostile text inertly (golden, all formats)', async () => {
    const hostile = statusUpdate(
      {
        ...stages.mitigating,
        title: '<!channel> *URGENT* [click](https://evil.example) & <script>alert(1)</script>',
        roles: { ...stages.mitigating.roles, commander: '<@U024BE7LH> ＠ｈｅｒｅ' },
      },
      {
        status:
          '# Heading\n> quote\n- item\n```\ncode\n``` @everyone <https://evil.example|login> www.evil.example',
        actionsTaken: ['![img](https://evil.example/x.png)', '| a | b |', '&lt;!here&gt; &amp;'],
      },
      { at: min(30) },
    );
    for (const format of formats) {
      await expect(render(hostile, format)).toMatchFileSnapshot(`./__golden__/hostile.${EXTENSION[format]}`);
    }
  });
});

describe('renderMessage', () => {
  it('puts the status first in the Slack fallback text and footer in a context block', () => {
    const slack = renderMessage(messages['status-update']!, 'slack');
    expect(slack.text).toBe(
      'SEV1 update: Checkout API returning 502s — We traced the 502s to release 2026.11.24-3 and are rolling it back.',
    );
    expect(slack.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'SEV1 update: Checkout API returning 502s', emoji: true },
    });
    expect(slack.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Incident INC-2041 · 2026-11-24 09:30 UTC', verbatim: true }],
    });
  });

  it('keeps Slack within Block Kit limits for oversized text, cutting safely', () => {
    const big = statusUpdate(
      { ...stages.mitigating, title: '&'.repeat(200), summary: '<'.repeat(4_000) },
      {
        status: `${'word '.repeat(1_999)}end`,
        actionsTaken: Array.from({ length: 100 }, (_, i) => `${'&'.repeat(400)} ${i}`),
        nextSteps: '*'.repeat(10_000),
      },
    );
    const slack = renderMessage(big, 'slack');
    expectValidBlockKit(slack);
    const header = slack.blocks[0]!;
    expect(header.type === 'header' && header.text.text.endsWith('&amp;…')).toBe(true);
    const initial = renderMessage(
      initialNotification({ ...stages.mitigating, summary: '<'.repeat(4_000) }),
      'slack',
    );
    expectValidBlockKit(initial);
    expect(initial.blocks.filter((b) => b.type === 'section' && b.text).length).toBeGreaterThan(5);
  });

  it('keeps Slack within Block Kit limits and Teams within 28 KB for every message kind at maximum input sizes', () => {
    for (const piece of ['&', '<', '@a', '*', '\u{1F525}', 'x ']) {
      for (const message of maximalMessages(piece)) {
        expectValidBlockKit(renderMessage(message, 'slack'));
        expectValidTeams(renderMessage(message, 'teams'));
      }
    }
  });

  it('does not let a split of long text start a section with a formatting marker or quote', () => {
    for (const tail of ['*bold*', '>quote', '_it_']) {
      const m: Message = { ...messages['status-page-update']!, body: `${'x'.repeat(3_000)}${tail}` };
      const sections = renderMessage(m, 'slack').blocks.flatMap((b) =>
        b.type === 'section' && b.text ? [b.text.text] : [],
      );
      expect(sections).toHaveLength(2);
      expect(sections[1]).toMatch(/^\u200B/);
    }
  });

  it('groups short fields ten to a section', () => {
    const many: Message = {
      ...messages['status-update']!,
      fields: Array.from({ length: 23 }, (_, i) => ({ key: `f${i}`, label: `Field ${i}`, value: `v${i}` })),
    };
    const slack = renderMessage(many, 'slack');
    expectValidBlockKit(slack);
    const sizes = slack.blocks.flatMap((b) => (b.type === 'section' && b.fields ? [b.fields.length] : []));
    expect(sizes).toEqual([10, 10, 3]);
  });

  it('renders text that escapes to nothing as a dash, so no Block Kit text is empty', () => {
    const blank: Message = { ...messages['status-page-update']!, title: '\u200B\u0000', body: '\u202E' };
    const slack = renderMessage(blank, 'slack');
    expectValidBlockKit(slack);
    expect(renderMessage(blank, 'text').startsWith('\n')).toBe(false);
  });

  it('prints the incident id for internal audiences only', () => {
    for (const format of formats) {
      expect(render(messages['status-update']!, format)).toContain('INC-2041');
      expect(render(messages['status-page-update']!, format)).not.toContain('INC-2041');
      expect(render(messages['status-page-update']!, format)).toContain('Posted 2026-11-24 09:21 UTC');
    }
  });

  it('rejects an unknown format or a malformed message with INVALID_INPUT', () => {
    expect(kitError(() => renderMessage(messages['status-update']!, 'pdf' as never)).issues[0]?.path).toBe(
      'format',
    );
    expect(
      kitError(() => renderMessage({ ...messages['status-update']!, kind: 'memo' } as never, 'text')).code,
    ).toBe('INVALID_INPUT');
    expect(
      kitError(() =>
        renderMessage({ ...messages['status-update']!, fields: [{ label: 'x' }] } as never, 'html'),
      ).issues[0]?.path,
    ).toMatch(/^message\.fields\[0\]/);
    expect(
      kitError(() =>
        renderMessage({ ...messages['status-page-update']!, audience: 'stakeholders' } as never, 'text'),
      ).code,
    ).toBe('INVALID_INPUT');
    expect(
      kitError(() => renderMessage({ ...messages['status-update']!, timeZone: 'Atlantis/Capital' }, 'text'))
        .issues[0]?.path,
    ).toBe('message.timeZone');
    expect(kitError(() => renderMessage(null as never, 'slack')).code).toBe('INVALID_INPUT');
  });
});

/** Fills `max` characters with repetitions of `piece`. */
const fill = (piece: string, max: number) => piece.repeat(Math.ceil(max / piece.length)).slice(0, max);

/** Every kind of message built from an incident and inputs at every documented maximum length. */
function maximalMessages(piece: string): Message[] {
  const long = (max: number) => fill(piece, max).replace(/[\uD800-\uDBFF]$/, 'x');
  const names = (n: number, max: number) => Array.from({ length: n }, (_, i) => `${i}${long(max - 3)}`);
  const base = stages.published;
  const incident: Incident = {
    ...base,
    title: long(500),
    summary: long(4_000),
    services: names(100, 100),
    roles: { commander: long(100), commsLead: long(100), techLead: long(100) },
    impact: { ...base.impact, regions: names(100, 100) },
    resolution: { at: base.resolution!.at, summary: long(4_000) },
  };
  const text = long(10_000);
  const list = Array.from({ length: 100 }, () => text);
  return [
    initialNotification(incident, { channel: { id: 'C0123ABCD', name: long(80) } }),
    statusUpdate(incident, { status: text, actionsTaken: list, nextSteps: list, eta: iso(90) }),
    resolutionNotice(incident, { resolution: long(4_000) }),
    statusPageUpdate(incident, { message: text, title: long(500), services: names(100, 100) }),
    postmortemPublished(incident),
    reminder(
      incident,
      {
        reason: 'roles-missing',
        dueAt: iso(5),
        missingRoles: Array.from({ length: 100 }, (_, i) => `r${i}${'x'.repeat(60)}`),
      },
      { at: min(6) },
    ),
    acknowledgement(incident),
  ];
}

/** What a Teams Workflows webhook accepts: the envelope, an Adaptive Card 1.4, at most 28 KB. */
function expectValidTeams(teams: TeamsMessage): void {
  expect(new TextEncoder().encode(JSON.stringify(teams)).length).toBeLessThanOrEqual(TEAMS_MESSAGE_MAX_BYTES);
  expect(teams.type).toBe('message');
  expect(teams.attachments).toHaveLength(1);
  const [attachment] = teams.attachments;
  expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
  expect(attachment.contentUrl).toBeNull();
  expect(attachment.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
  expect(attachment.content.body.length).toBeGreaterThan(1);
  for (const block of attachment.content.body) {
    expect(block.type).toBe('RichTextBlock');
    for (const run of block.inlines) {
      expect(run.type).toBe('TextRun');
      expect(run.text.trim().length).toBeGreaterThan(0);
    }
  }
}

/** Block Kit constraints Slack enforces (it rejects the whole message otherwise). */
function expectValidBlockKit(slack: SlackMessage): void {
  expect(slack.text.length).toBeGreaterThan(0);
  expect(slack.text.length).toBeLessThanOrEqual(3_000);
  expect(slack.blocks.length).toBeLessThanOrEqual(50);
  expect(slack.blocks[0]?.type).toBe('header');
  for (const block of slack.blocks) {
    if (block.type === 'header') {
      expect(block.text.type).toBe('plain_text');
      expect(block.text.text.length).toBeGreaterThan(0);
      expect(block.text.text.length).toBeLessThanOrEqual(150);
    } else if (block.type === 'section') {
      if (block.fields) {
        expect(block.fields.length).toBeGreaterThan(0);
        expect(block.fields.length).toBeLessThanOrEqual(10);
        for (const f of block.fields) {
          expect(f.text.trim().length).toBeGreaterThan(0);
          expect(f.text.length).toBeLessThanOrEqual(2_000);
        }
      } else {
        expect(block.text.text.trim().length).toBeGreaterThan(0);
        expect(block.text.text.length).toBeLessThanOrEqual(3_000);
      }
    } else {
      expect(block.elements.length).toBeGreaterThan(0);
      expect(block.elements.length).toBeLessThanOrEqual(10);
    }
  }
}
