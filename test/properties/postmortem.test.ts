/**
 * Postmortem properties: user text cannot inject markup into markdown or HTML, JSON round-trips,
 * lint never throws on arbitrary text and its paths point into the document, and every public
 * entry point answers arbitrary input with IncidentKitError only.
 *
 * Markdown is checked semantically: the output is rendered by markdown-it (HTML allowed, linkify
 * on, as GFM does) and the resulting HTML may hold only the elements the renderer emits itself.
 * markdown-it comes with typedoc (a devDependency); its types are declared next to the comms suite.
 */
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { declareIncident } from '../../src/lifecycle/index.js';
import { isIncidentKitError } from '../../src/model/index.js';
import {
  definePostmortemTemplate,
  draftPostmortem,
  lintBlameLanguage,
  lintPostmortem,
  type Postmortem,
  parsePostmortem,
  postmortemActionItemEvents,
  publishPostmortem,
  renderPostmortem,
  reviewWindow,
} from '../../src/postmortem/index.js';
import {
  postmortemDocArb,
  postmortemInputArb,
  postmortemNonBlankTextArb,
  postmortemRuns,
  postmortemTextArb,
} from '../arbitraries/postmortem.js';
import { sev1Incident } from '../postmortem/sev1.js';

const config = { numRuns: postmortemRuns };
const incident = sev1Incident();
const markdown = new MarkdownIt({ html: true, linkify: true });
markdown.linkify.set({ fuzzyLink: false, fuzzyEmail: false });

/** The documents under test: built directly, and drafted from an incident with hostile input. */
const docArb: fc.Arbitrary<Postmortem> = fc.oneof(
  postmortemDocArb,
  fc.tuple(postmortemInputArb, postmortemNonBlankTextArb).map(([input, title]) => {
    const { incident: i } = declareIncident({
      incidentId: 'INC-9',
      title,
      at: 1_795_000_000_000,
      services: [title.slice(0, 100)],
    });
    return draftPostmortem(i, input);
  }),
);

const MARKDOWN_ELEMENTS = new Set([
  'h1',
  'h2',
  'h3',
  'p',
  'ul',
  'ol',
  'li',
  'strong',
  'em',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'a',
]);
const MENTION = /@(?:channel|here|everyone)\b|<[!@#]/i;
const LINK = /[a-z][a-z0-9+.-]*:\/\/|(?:^|[^\p{L}\p{N}_])www\.(?=[\p{L}\p{N}])/iu;

function decode(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function markdownProblems(pm: Postmortem): string[] {
  const problems: string[] = [];
  const html = markdown.render(renderPostmortem(pm, 'markdown'));
  const url = pm.metadata.url;
  for (const m of html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    const [tag, name, attributes] = m;
    if (!MARKDOWN_ELEMENTS.has(name!.toLowerCase())) problems.push(`element ${tag}`);
    if (name === 'a' && !tag!.startsWith('</')) {
      // The one link is the metadata URL (validated http/https), never something from text.
      if (!/^ href="https?:\/\/[^"]*"$/.test(attributes!)) problems.push(`link ${tag}`);
    } else if (attributes!.trim() !== '') {
      problems.push(`attributes ${tag}`);
    }
  }
  const count = (re: RegExp) => (html.match(re) ?? []).length;
  if (count(/<h1>/g) !== 1) problems.push('h1 count');
  if (count(/<h2>/g) !== pm.sections.length)
    problems.push(`h2 count ${count(/<h2>/g)} vs ${pm.sections.length}`);
  const links = count(/<a /g);
  if (links !== (url === undefined ? 0 : 1)) problems.push(`${links} links`);
  const text = decode(html.replace(/<a [^>]*>.*?<\/a>/g, ' '));
  const mention = MENTION.exec(text);
  if (mention) problems.push(`mention ${JSON.stringify(text.slice(mention.index, mention.index + 20))}`);
  const link = LINK.exec(text);
  if (link) problems.push(`bare link ${JSON.stringify(text.slice(link.index, link.index + 30))}`);
  return problems;
}

const HTML_TAG =
  /<(?:\/?(?:article|header|h1|h2|h3|p|dl|dt|dd|ul|ol|li|strong|em|table|thead|tbody|tr|th|td|section|a|br)|article class="incidentkit-postmortem"|section id="pm-[A-Za-z][A-Za-z0-9_-]*"|tr class="decision"|th scope="col"|a href="https?:\/\/[^"<>\s]*" rel="noopener noreferrer")>/g;

function htmlProblems(pm: Postmortem): string[] {
  const problems: string[] = [];
  const html = renderPostmortem(pm, 'html');
  const stripped = html.replace(HTML_TAG, '');
  const bad = /[<>]/.exec(stripped);
  if (bad)
    problems.push(`markup ${JSON.stringify(stripped.slice(Math.max(0, bad.index - 20), bad.index + 20))}`);
  const entity = /&(?!amp;|lt;|gt;|quot;|#39;)/.exec(stripped);
  if (entity) problems.push(`raw & ${JSON.stringify(stripped.slice(entity.index, entity.index + 12))}`);
  if (/"/.test(stripped.replace(/<[^>]*>/g, ''))) problems.push('raw quote in text');
  const text = decode(html.replace(/<a [^>]*>.*?<\/a>/g, ' '));
  const mention = MENTION.exec(text);
  if (mention) problems.push(`mention ${JSON.stringify(text.slice(mention.index, mention.index + 20))}`);
  if ((html.match(/<section /g) ?? []).length !== pm.sections.length) problems.push('section count');
  return problems;
}

describe('postmortem rendering properties', () => {
  it('user text cannot add markup, links or mentions to markdown', () => {
    fc.assert(
      fc.property(docArb, (pm) => {
        expect(markdownProblems(pm)).toEqual([]);
      }),
      config,
    );
  });

  it('user text cannot add markup, attributes or mentions to HTML', () => {
    fc.assert(
      fc.property(docArb, (pm) => {
        expect(htmlProblems(pm)).toEqual([]);
      }),
      config,
    );
  });

  it('JSON round-trips through parsePostmortem', () => {
    fc.assert(
      fc.property(docArb, (pm) => {
        expect(parsePostmortem(renderPostmortem(pm, 'json'))).toEqual(pm);
      }),
      config,
    );
  });

  it('drafts validate, and drafting changes neither the incident nor the input', () => {
    const before = structuredClone(incident);
    fc.assert(
      fc.property(postmortemInputArb, (input) => {
        const copy = structuredClone(input);
        const pm = draftPostmortem(incident, input);
        expect(parsePostmortem(JSON.parse(JSON.stringify(pm)))).toEqual(pm);
        expect(input).toEqual(copy);
      }),
      config,
    );
    expect(incident).toEqual(before);
  });
});

/** Resolves a finding path (`sections[3].content.items[0].title`) in a document. */
function at(doc: unknown, path: string): unknown {
  let value = doc;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

describe('postmortem lint properties', () => {
  it('never throws on arbitrary text, and points at real places in the document', () => {
    fc.assert(
      fc.property(
        docArb,
        fc.array(
          fc.string({ maxLength: 30 }).filter((s) => s.length > 0),
          { maxLength: 3 },
        ),
        (pm, people) => {
          for (const finding of lintPostmortem(pm, { people })) {
            // A missing owner or due date is named by the field that should be there.
            const missingField =
              finding.rule === 'action-item-owner' || finding.rule === 'action-item-due-date';
            const path = missingField ? finding.path.replace(/\.(owner|dueAt)$/, '') : finding.path;
            expect(at({ sections: pm.sections }, path)).toBeDefined();
            expect(finding.message.length).toBeGreaterThan(0);
          }
        },
      ),
      config,
    );
  });

  it('lintBlameLanguage never throws on any string, and its excerpts come from the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 400 }),
          fc
            .array(
              fc.oneof(
                postmortemTextArb,
                fc.constantFrom(
                  'the engineer',
                  'Bob',
                  'should have',
                  'failed to',
                  'careless',
                  ',',
                  '.',
                  'who',
                  'had',
                  'if',
                ),
              ),
              { maxLength: 60 },
            )
            .map((w) => w.join(' ')),
        ),
        (text) => {
          for (const finding of lintBlameLanguage(text, { people: ['Bob'] })) {
            expect(text.includes(finding.excerpt ?? '')).toBe(true);
          }
        },
      ),
      config,
    );
  });

  it('stays fast on long, pathological text', () => {
    const text = `${'the engineer who '.repeat(5_000)}broke it. ${'had if who, '.repeat(5_000)}`;
    const started = performance.now();
    lintBlameLanguage(text);
    // Generous: this guards against super-linear blow-ups, not speed (a linear pass takes ~20 ms).
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('postmortem entry points on arbitrary input', () => {
  const hostile = fc.oneof(
    fc.anything({ withNullPrototype: true, withObjectString: true, maxDepth: 3 }),
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'sections', 'metadata', 'kind'),
      fc.jsonValue({ maxDepth: 2 }),
    ),
  );
  const calls: [string, (a: unknown, b: unknown) => unknown][] = [
    ['draftPostmortem(incident, x)', (_a, b) => draftPostmortem(incident, b as never)],
    ['draftPostmortem(x, y)', (a, b) => draftPostmortem(a as never, b as never)],
    ['renderPostmortem(x, y)', (a, b) => renderPostmortem(a as never, b as never)],
    ['lintPostmortem(x, y)', (a, b) => lintPostmortem(a as never, b as never)],
    ['lintBlameLanguage(x, y)', (a, b) => lintBlameLanguage(a as never, b as never)],
    ['parsePostmortem(x)', (a) => parsePostmortem(a)],
    ['definePostmortemTemplate(x)', (a) => definePostmortemTemplate(a as never)],
    ['reviewWindow(incident, undefined, x)', (_a, b) => reviewWindow(incident, undefined, b as never)],
    ['reviewWindow(x, y)', (a, b) => reviewWindow(a as never, b as never)],
    ['publishPostmortem(x, y)', (a, b) => publishPostmortem(a as never, b as never)],
    [
      'postmortemActionItemEvents(x, incident, y)',
      (a, b) => postmortemActionItemEvents(a as never, incident, b as never),
    ],
  ];

  it.each(calls)('%s throws only IncidentKitError and pollutes no prototype', (_name, call) => {
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        try {
          call(a, b);
        } catch (error) {
          if (!isIncidentKitError(error)) throw error;
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.prototype).not.toHaveProperty('kind');
      }),
      { numRuns: Math.max(100, Math.floor(postmortemRuns / 4)) },
    );
  });
});
