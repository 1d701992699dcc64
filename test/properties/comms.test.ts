/**
 * No user string can become a mention, a link or markup in any rendered format, and no comms entry
 * point throws anything but IncidentKitError on arbitrary input.
 *
 * Markdown is checked semantically: the output is rendered by markdown-it (HTML allowed,
 * GFM-style linkify on) and the resulting HTML may hold only the elements the renderer itself
 * emits. markdown-it is installed with typedoc (a devDependency).
 */
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { safeUrl } from '../../src/comms/safe-url.js';
import {
  acknowledgement,
  channelName,
  type Incident,
  initialNotification,
  isIncidentKitError,
  type Message,
  postmortemPublished,
  reminder,
  renderMessage,
  resolutionNotice,
  type SlackMessage,
  type StatusUpdateInput,
  statusPageStatus,
  statusPageUpdate,
  statusUpdate,
  TEAMS_MESSAGE_MAX_BYTES,
  type TeamsMessage,
} from '../../src/index.js';
import {
  HOSTILE_PIECES,
  hostileIncidentArb,
  hostileJsonArb,
  hostileStatusInputArb,
  hostileStatusPageInputArb,
  hostileTextArb,
} from '../arbitraries/comms.js';
import { sev1Stages } from '../comms/helpers.js';

const RUNS = Number(process.env.FC_RUNS ?? 1000);
const stages = sev1Stages();

const markdown = new MarkdownIt({ html: true, linkify: true });
// Like GFM: scheme URLs, `//host` and `www.` are linked, bare domain names are not. Bare e-mail
// addresses are off too: GFM's e-mail autolink needs an unbroken ASCII address (the zero-width space
// after `@` breaks it, which the LINK and MENTION checks below verify), but linkify-it counts
// invisible characters as letters and would still link `ops@\u200Bexample.com`, just as it links
// bare domain names. Both show their real destination; neither can hide behind other text.
markdown.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
// For the public and stakeholders, host names are broken too: every output must pass linkify-it with
// bare domains and e-mail addresses on (IDN hosts included).
const fuzzy = new MarkdownIt({ html: true, linkify: true });
fuzzy.linkify.set({ fuzzyLink: true, fuzzyEmail: true });

/** What a reader (or a sloppy downstream normaliser) would see: NFKC, joiners dropped, ZWSP kept. */
function view(text: string): string {
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each invisible character is removed on its own.
  return text.normalize('NFKC').replace(/[\u00AD\u034F\u200C\u200D\u2060-\u2064\uFE00-\uFE0F\uFEFF]/g, '');
}

const MENTION = /@(?:channel|here|everyone)|@[\p{L}\p{N}_]|<[!@#]/iu;
const LINK =
  /[a-z][a-z0-9+.-]*:\/\/|(?:^|[^\p{L}\p{N}_])www\.(?=[\p{L}\p{N}])|(?:^|[^:/])\/\/(?=[\p{L}\p{N}])/iu;
const HASH_REF = /(?:^|[^\p{L}\p{N}_&\\])#[\p{L}\p{N}_]/u;
// Invisible or control characters that may not survive into any output (ZWSP is our defuse mark).
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point.
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/;

/** Collects what is wrong with a rendering; one assertion per run keeps the suite fast. */
type Problems = string[];

/** Whether the message being checked is for the public or stakeholders (bare hosts must not link). */
let breaksHosts = false;

function inertText(text: string, where: string, problems: Problems): void {
  const seen = view(text);
  if (breaksHosts && (fuzzy.linkify.test(text) || fuzzy.linkify.test(seen)))
    problems.push(`${where}: linkable host in ${JSON.stringify(text.slice(0, 200))}`);
  const report = (what: string, m: RegExpExecArray | null) => {
    if (m)
      problems.push(
        `${where}: ${what} ${JSON.stringify(seen.slice(Math.max(0, m.index - 10), m.index + 20))}`,
      );
  };
  report('mention', MENTION.exec(seen));
  report('link', LINK.exec(seen));
  report('channel or issue reference', HASH_REF.exec(seen));
  if (FORBIDDEN_CHARS.test(text)) problems.push(`${where}: control character in ${JSON.stringify(text)}`);
}

function decodeEntities(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

const HTML_TAGS = [
  /^<section class="incidentkit-message incidentkit-[a-z-]+" data-audience="(?:responders|stakeholders|public)">$/,
  /^<p class="incidentkit-meta">$/,
  /^<time datetime="[0-9TZ:.+-]+">$/,
  /^<\/?(?:section|h2|p|dl|dt|dd|ul|li|time)>$/,
  /^<br>$/,
];

function checkHtml(html: string, message: Message, problems: Problems): void {
  for (const tag of html.match(/<[^>]*>?/g) ?? []) {
    if (!HTML_TAGS.some((allowed) => allowed.test(tag))) problems.push(`html: unexpected tag ${tag}`);
  }
  if (count(html, /<dt>/g) !== message.fields.length) problems.push('html: field structure changed');
  if (/&(?!(?:amp|lt|gt|quot|#39);)/.test(html)) problems.push('html: bare &');
  inertText(decodeEntities(html.replace(/<[^>]*>/g, ' ')), 'html', problems);
}

const MD_TAGS = /^<\/?(?:h2|p|ul|li|strong|em)>$|^<br>$/;

function checkMarkdown(md: string, message: Message, problems: Problems): void {
  // Bare domains are linked here (markdown-it's default): public and stakeholder messages break host
  // names, responder ones show them as code spans (the only element they may add).
  const html = fuzzy.render(md);
  const responders = message.audience === 'responders';
  for (const tag of html.match(/<[^>]*>?/g) ?? []) {
    if (!MD_TAGS.test(tag) && !(responders && /^<\/?code>$/.test(tag)))
      problems.push(`markdown: unexpected element ${tag} in ${JSON.stringify(md)}`);
  }
  const items = message.fields.reduce((n, f) => n + 1 + (f.items?.length ?? 0), 0);
  if (count(html, /<li>/g) !== items)
    problems.push(`markdown: list structure changed in ${JSON.stringify(md)}`);
  if (count(html, /<h2>/g) !== 1 || count(html, /<em>/g) !== 1)
    problems.push('markdown: heading or footer changed');
  if (count(html, /<strong>/g) !== message.fields.length) problems.push('markdown: labels changed');
  inertText(decodeEntities(html.replace(/<[^>]*>/g, ' ')), 'markdown', problems);
}

/** Our own markup in a Slack text object: a bold label line and list bullets. */
function stripSlackLayout(text: string): string {
  return text.replace(/^\*[^*\n]+\*\n/, '').replace(/^• /gm, '');
}

function checkSlackText(text: string, where: string, mrkdwn: boolean, problems: Problems): void {
  if (/[<>]/.test(text)) problems.push(`${where}: raw < or > in ${JSON.stringify(text)}`);
  if (/&(?!(?:amp|lt|gt);)/.test(text)) problems.push(`${where}: bare & in ${JSON.stringify(text)}`);
  if (text.trim() === '') problems.push(`${where}: empty text`);
  inertText(text, where, problems);
  if (mrkdwn) {
    const body = stripSlackLayout(text);
    if (/(?:^|[^\p{L}\p{N}\u200B])[*_~`]/u.test(body))
      problems.push(`${where}: formatting marker in ${JSON.stringify(body)}`);
    if (/^[ \t]*&gt;/m.test(body)) problems.push(`${where}: quote in ${JSON.stringify(body)}`);
  }
}

function checkSlack(slack: SlackMessage, problems: Problems): void {
  checkSlackText(slack.text, 'slack text', true, problems);
  if (slack.blocks.length > 50) problems.push('slack: more than 50 blocks');
  for (const block of slack.blocks) {
    if (block.type === 'header') {
      if (block.text.text.length > 150) problems.push('slack: header over 150');
      checkSlackText(block.text.text, 'slack header', false, problems);
    } else if (block.type === 'section') {
      if (block.fields) {
        if (block.fields.length > 10) problems.push('slack: more than 10 fields');
        for (const f of block.fields) {
          if (f.text.length > 2_000 || f.verbatim !== true)
            problems.push('slack: field over 2000 or not verbatim');
          checkSlackText(f.text, 'slack field', true, problems);
        }
      } else {
        if (block.text.text.length > 3_000 || block.text.verbatim !== true) {
          problems.push('slack: section over 3000 or not verbatim');
        }
        checkSlackText(block.text.text, 'slack section', true, problems);
      }
    } else {
      for (const element of block.elements) checkSlackText(element.text, 'slack context', true, problems);
    }
  }
}

const TEAMS_RUN_KEYS = new Set(['type', 'text', 'weight', 'size', 'isSubtle', 'color', 'selectAction']);
const TEAMS_BLOCK_KEYS = new Set(['type', 'inlines', 'spacing', 'separator']);

/**
 * Teams: the documented envelope, an Adaptive Card 1.4 within 28 KB, and every piece of text a
 * TextRun of a RichTextBlock (TextRuns are never markdown-processed, microsoft/AdaptiveCards#2673;
 * TextBlock and Fact text would be). No mention can form without `msteams.entities`, which the card
 * never has; the text itself is also inert (no `@name`, `<at>`, URL or entity), and the only
 * action opens a URL a builder set on a field.
 */
function checkTeams(teams: TeamsMessage, message: Message, problems: Problems): void {
  const json = JSON.stringify(teams);
  if (new TextEncoder().encode(json).length > TEAMS_MESSAGE_MAX_BYTES) problems.push('teams: over 28 KB');
  if (teams.type !== 'message' || teams.attachments.length !== 1) problems.push('teams: envelope changed');
  const [attachment] = teams.attachments;
  if (
    attachment.contentType !== 'application/vnd.microsoft.card.adaptive' ||
    attachment.contentUrl !== null ||
    attachment.content.type !== 'AdaptiveCard' ||
    attachment.content.version !== '1.4'
  )
    problems.push('teams: attachment changed');
  const cardKeys = Object.keys(attachment.content).sort().join(',');
  if (cardKeys !== '$schema,body,msteams,type,version') problems.push(`teams: card keys ${cardKeys}`);
  if (JSON.stringify(attachment.content.msteams) !== '{"width":"Full"}')
    problems.push('teams: msteams changed');
  const urls = new Set(message.fields.flatMap((f) => (safeUrl(f.url) === undefined ? [] : [f.url])));
  for (const block of attachment.content.body) {
    if (block.type !== 'RichTextBlock' || Object.keys(block).some((k) => !TEAMS_BLOCK_KEYS.has(k)))
      problems.push(`teams: unexpected block ${JSON.stringify(block).slice(0, 80)}`);
    for (const run of block.inlines) {
      if (run.type !== 'TextRun' || Object.keys(run).some((k) => !TEAMS_RUN_KEYS.has(k)))
        problems.push(`teams: unexpected inline ${JSON.stringify(run).slice(0, 80)}`);
      if (run.selectAction !== undefined) {
        const { type, url } = run.selectAction;
        if (type !== 'Action.OpenUrl' || !urls.has(url) || Object.keys(run.selectAction).length !== 2)
          problems.push(`teams: action not set by a builder ${JSON.stringify(run.selectAction)}`);
      }
      if (run.text.trim() === '') problems.push('teams: empty text');
      inertText(run.text, 'teams', problems);
      if (/<at\b|&[#A-Za-z]/i.test(view(run.text)))
        problems.push(`teams: tag or entity in ${JSON.stringify(run.text)}`);
    }
  }
}

function checkAllFormats(message: Message): void {
  breaksHosts = message.audience !== 'responders';
  const problems: Problems = [];
  const text = renderMessage(message, 'text');
  inertText(text, 'text', problems);
  if (/<[!@#/?\p{L}]/u.test(text)) problems.push(`text: tag-like < in ${JSON.stringify(text)}`);
  checkMarkdown(renderMessage(message, 'markdown'), message, problems);
  checkHtml(renderMessage(message, 'html'), message, problems);
  checkSlack(renderMessage(message, 'slack'), problems);
  checkTeams(renderMessage(message, 'teams'), message, problems);
  expect(problems).toEqual([]);
}

const timeZoneArb = fc.constantFrom(undefined, 'UTC', 'America/New_York', 'Asia/Kolkata');

// Each property renders every format 1,000 times; on a loaded machine that can pass 30 s.
describe('no user string becomes a mention, link or markup', { timeout: 120_000 }, () => {
  it('holds for every hostile piece on its own, in every builder and format', () => {
    for (const piece of HOSTILE_PIECES) {
      const incident: Incident = {
        ...stages.resolved,
        title: `x ${piece}`,
        summary: piece,
        services: [`s${piece}`.slice(0, 100)],
        roles: { commander: piece.trim() || 'x', commsLead: `y${piece}` },
      };
      const status = piece.trim() === '' ? 'x' : piece;
      checkAllFormats(initialNotification(incident));
      checkAllFormats(
        statusUpdate(incident, { status, actionsTaken: [status, `- ${status}`], nextSteps: status }),
      );
      checkAllFormats(resolutionNotice(incident, { resolution: status }));
      checkAllFormats(
        statusPageUpdate(incident, { message: status, title: status, services: [status.slice(0, 100)] }),
      );
    }
  });

  it('holds for initial notifications', () => {
    fc.assert(
      fc.property(hostileIncidentArb(stages.mitigating), timeZoneArb, (incident, timeZone) => {
        checkAllFormats(initialNotification(incident, { timeZone }));
      }),
      { numRuns: RUNS },
    );
  });

  it('holds for status updates', () => {
    fc.assert(
      fc.property(hostileIncidentArb(stages.mitigating), hostileStatusInputArb, (incident, input) => {
        checkAllFormats(statusUpdate(incident, input as StatusUpdateInput));
      }),
      { numRuns: RUNS },
    );
  });

  it('holds for resolution notices and postmortem announcements', () => {
    fc.assert(
      fc.property(
        hostileIncidentArb(stages.published),
        fc.option(hostileTextArb, { nil: undefined }),
        // A recorded postmortem URL is the one thing rendered as a link, and only when it is a
        // plain http(s) URL: hostile ones must stay inert text.
        hostileTextArb.filter((url) => safeUrl(url) === undefined),
        (incident, resolution, url) => {
          const withUrl = { ...incident, postmortem: { publishedAt: incident.postmortem!.publishedAt, url } };
          checkAllFormats(resolutionNotice(withUrl, resolution === undefined ? {} : { resolution }));
          checkAllFormats(postmortemPublished(withUrl));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('holds for reminders and acknowledgements', () => {
    fc.assert(
      fc.property(
        hostileIncidentArb(stages.mitigating),
        fc.constantFrom(
          'update-overdue',
          'acknowledge-overdue',
          'mitigate-overdue',
          'roles-missing',
          'postmortem-due',
        ) as fc.Arbitrary<'update-overdue'>,
        timeZoneArb,
        (incident, reason, timeZone) => {
          const input =
            (reason as string) === 'roles-missing'
              ? { reason, dueAt: incident.milestones.detectedAt, missingRoles: ['commander', 'scribe'] }
              : { reason, dueAt: incident.milestones.detectedAt };
          checkAllFormats(reminder(incident, input, { timeZone }));
          checkAllFormats(acknowledgement(incident, { timeZone }));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('holds for the Teams card of any user text in any text field, channel names included', () => {
    fc.assert(
      fc.property(hostileTextArb, hostileTextArb, (text, other) => {
        const nonBlank = (t: string) => (t.trim() === '' ? 'x' : t);
        const incident: Incident = {
          ...stages.mitigating,
          title: nonBlank(text).slice(0, 500),
          summary: `${other}\n${text}`.slice(0, 4_000),
          services: [nonBlank(other).slice(0, 100)],
          roles: { commander: nonBlank(text).slice(0, 100) },
        };
        const messages = [
          initialNotification(incident, { channel: { id: 'C0123ABCD', name: nonBlank(other).slice(0, 80) } }),
          statusUpdate(incident, {
            status: nonBlank(text),
            actionsTaken: [nonBlank(other)],
            nextSteps: text + other,
          }),
          statusPageUpdate(incident, { message: nonBlank(other), title: nonBlank(text).slice(0, 500) }),
        ];
        for (const message of messages) {
          breaksHosts = true;
          const problems: Problems = [];
          checkTeams(renderMessage(message, 'teams'), message, problems);
          expect(problems).toEqual([]);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('holds for public status-page updates', () => {
    fc.assert(
      fc.property(hostileIncidentArb(stages.monitoring), hostileStatusPageInputArb, (incident, input) => {
        checkAllFormats(statusPageUpdate(incident, input));
      }),
      { numRuns: RUNS },
    );
  });

  it('holds for text that hosts put into templates', () => {
    fc.assert(
      fc.property(hostileTextArb, hostileTextArb, (title, label) => {
        const message = statusUpdate(
          stages.mitigating,
          { status: 'ok' },
          {
            templates: {
              statusUpdate: {
                title: title.replace(/[{}]/g, ''),
                body: () => title,
                labels: { status: label.trim() === '' ? 'S' : label.slice(0, 100) },
              },
            },
          },
        );
        const problems: Problems = [];
        breaksHosts = true;
        inertText(renderMessage(message, 'text'), 'text', problems);
        checkHtml(renderMessage(message, 'html'), message, problems);
        checkSlack(renderMessage(message, 'slack'), problems);
        checkTeams(renderMessage(message, 'teams'), message, problems);
        expect(problems).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('every comms entry point, fed arbitrary input', () => {
  const body = stages.published;
  const message = statusUpdate(stages.mitigating, { status: 'ok' });
  const entryPoints: [string, (input: unknown) => unknown][] = [
    ['initialNotification', (x) => initialNotification(x as never)],
    ['initialNotification (options)', (x) => initialNotification(body, x as never)],
    ['statusUpdate', (x) => statusUpdate(x as never, { status: 'x' })],
    ['statusUpdate (input)', (x) => statusUpdate(body, x as never)],
    ['statusUpdate (options)', (x) => statusUpdate(body, { status: 'x' }, x as never)],
    ['resolutionNotice', (x) => resolutionNotice(x as never)],
    ['resolutionNotice (input)', (x) => resolutionNotice(body, x as never)],
    ['statusPageUpdate', (x) => statusPageUpdate(x as never)],
    ['statusPageUpdate (input)', (x) => statusPageUpdate(body, x as never)],
    ['postmortemPublished', (x) => postmortemPublished(x as never)],
    ['postmortemPublished (options)', (x) => postmortemPublished(body, x as never)],
    ['channelName', (x) => channelName(x)],
    ['channelName (options)', (x) => channelName(body, x as never)],
    ['statusPageStatus', (x) => statusPageStatus(x as never)],
    ['renderMessage', (x) => renderMessage(x as never, 'slack')],
    ['renderMessage (format)', (x) => renderMessage(message, x as never)],
    ['renderMessage (teams)', (x) => renderMessage(x as never, 'teams')],
    ['reminder', (x) => reminder(x as never, { reason: 'update-overdue', dueAt: 0 })],
    ['reminder (input)', (x) => reminder(stages.mitigating, x as never)],
    ['acknowledgement', (x) => acknowledgement(x as never)],
    ['acknowledgement (options)', (x) => acknowledgement(stages.mitigating, x as never)],
    ['initialNotification (channel)', (x) => initialNotification(body, { channel: x as never })],
    ['renderMessage (fields)', (x) => renderMessage({ ...message, fields: x } as never, 'html')],
    [
      'builders (incident fields)',
      (x) => initialNotification({ ...body, title: x, roles: x, impact: x } as never),
    ],
  ];

  it.each(entryPoints)('%s throws only IncidentKitError and pollutes no prototype', (_name, call) => {
    fc.assert(
      fc.property(hostileJsonArb, (input) => {
        try {
          call(input);
        } catch (error) {
          if (!isIncidentKitError(error)) throw error;
          expect(error.code).toBe('INVALID_INPUT');
          for (const issue of error.issues) expect(issue.path).toBeTypeOf('string');
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: Math.max(200, Math.floor(RUNS / 5)) },
    );
  });
});
