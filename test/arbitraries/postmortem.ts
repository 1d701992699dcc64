/**
 * fast-check arbitraries for postmortems: hostile user text, postmortem inputs, and valid postmortem
 * documents built directly (every content kind) or drafted from an incident.
 */
import fc from 'fast-check';
import type {
  Postmortem,
  PostmortemInput,
  PostmortemSection,
  PostmortemSectionContent,
} from '../../src/index.js';

/** Runs for postmortem properties; FC_RUNS overrides. */
export const postmortemRuns = Number(process.env.FC_RUNS ?? 1000);

/** Fragments that try to break out of text in markdown, HTML, Slack or a table. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'; DROP TABLE postmortems; --",
  '[click](javascript:alert(1))',
  '![x](https://evil.example/x.png)',
  '<https://evil.example>',
  'https://evil.example/login',
  'www.evil.example',
  '@channel',
  '@here',
  '<!everyone>',
  '<@U123ABC>',
  '# Heading',
  '---',
  '| a | b |',
  '`code`',
  '```\nfence\n```',
  '*bold* _em_ ~~strike~~',
  '&amp; &lt;b&gt;',
  '\u202Eevil\u202C',
  '\u0000\u0007\u001b[31m',
  'line one\nline two\r\n\n    indented',
  '> quote',
  '1. list',
  '- item',
  '\\',
  '$$x$$',
  '＜script＞',
  'ｊａｖａｓｃｒｉｐｔ:',
] as const;

/** Any text a user might type, biased towards markup and control characters. */
export const postmortemTextArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 12 })), {
        minLength: 1,
        maxLength: 5,
      })
      .map((parts) => parts.join(' ')),
  },
);

/** Non-empty user text (for fields that must not be blank). */
export const postmortemNonBlankTextArb: fc.Arbitrary<string> = postmortemTextArb
  .map((s) => s.slice(0, 180))
  .filter((s) => s.trim().length > 0);

const nameArb = postmortemNonBlankTextArb.map((s) => s.slice(0, 100));
const listArb = fc.array(postmortemTextArb, { maxLength: 4 });
const epochArb = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) });

/** A draft input with hostile text in every free-text field. */
export const postmortemInputArb: fc.Arbitrary<PostmortemInput> = fc.record(
  {
    summary: postmortemTextArb,
    impact: listArb,
    trigger: postmortemTextArb,
    detection: postmortemTextArb,
    rootCause: listArb,
    contributingFactors: listArb,
    fiveWhys: fc.array(
      fc.oneof(postmortemTextArb, fc.record({ question: postmortemTextArb, answer: postmortemTextArb })),
      {
        maxLength: 5,
      },
    ),
    wentWell: listArb,
    couldImprove: listArb,
    gotLucky: listArb,
    followUp: listArb,
    authors: fc.array(nameArb, { maxLength: 3 }),
    reviewers: fc.array(nameArb, { maxLength: 3 }),
    actionItems: fc.array(
      fc.record(
        {
          title: postmortemNonBlankTextArb,
          owner: nameArb,
          dueAt: epochArb,
          kind: fc.constantFrom(
            'prevent' as const,
            'detect' as const,
            'mitigate' as const,
            'process' as const,
          ),
        },
        { requiredKeys: ['title'] },
      ),
      { maxLength: 4 },
    ),
    timeZone: fc.constantFrom(
      'UTC',
      'Europe/Berlin',
      'America/New_York',
      'Asia/Kolkata',
      'Australia/Adelaide',
    ),
  },
  { requiredKeys: [] },
);

const timelineRowArb = fc.record(
  {
    at: epochArb,
    text: postmortemTextArb,
    by: nameArb,
    decision: fc.constant(true as const),
  },
  { requiredKeys: ['at', 'text'] },
);

const actionRowArb = fc.record(
  {
    id: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,20}$/),
    title: postmortemNonBlankTextArb,
    owner: nameArb,
    dueAt: epochArb,
    status: fc.constantFrom('open' as const, 'done' as const, 'wontfix' as const),
    kind: fc.constantFrom('prevent' as const, 'detect' as const, 'mitigate' as const, 'process' as const),
  },
  { requiredKeys: ['id', 'title', 'status'] },
);

function section(
  id: string,
  content: fc.Arbitrary<PostmortemSectionContent>,
): fc.Arbitrary<PostmortemSection> {
  return fc.record(
    {
      id: fc.constant(id),
      title: postmortemNonBlankTextArb,
      required: fc.boolean(),
      prompt: postmortemTextArb,
      content,
    },
    { requiredKeys: ['id', 'title', 'required', 'content'] },
  );
}

/** A valid postmortem document with every content kind and hostile text everywhere. */
export const postmortemDocArb: fc.Arbitrary<Postmortem> = fc
  .record({
    metadata: fc.record(
      {
        schemaVersion: fc.constant(1 as const),
        incidentId: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,30}$/),
        title: postmortemNonBlankTextArb,
        severity: fc.constantFrom('SEV1', 'SEV2', 'P3'),
        status: fc.constantFrom('draft' as const, 'published' as const),
        authors: fc.array(nameArb, { maxLength: 3 }),
        reviewers: fc.array(nameArb, { maxLength: 3 }),
        roles: fc.dictionary(fc.constantFrom('commander', 'techLead', 'commsLead', 'scribe'), nameArb, {
          maxKeys: 3,
        }),
        draftedAt: epochArb,
        publishedAt: epochArb,
        url: fc.constantFrom('https://wiki.example.com/pm/1', 'http://example.com/a?b=c&d="e"'),
        timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'Asia/Tokyo'),
      },
      {
        requiredKeys: [
          'schemaVersion',
          'incidentId',
          'title',
          'status',
          'authors',
          'reviewers',
          'roles',
          'draftedAt',
          'timeZone',
        ],
      },
    ),
    sections: fc.tuple(
      section('summary', fc.record({ kind: fc.constant('text' as const), paragraphs: listArb })),
      section(
        'impact',
        fc.record(
          {
            kind: fc.constant('impact' as const),
            impact: fc.record(
              {
                usersAffectedPct: fc.integer({ min: 0, max: 100 }),
                customerFacing: fc.boolean(),
                regions: fc.array(nameArb, { maxLength: 2 }),
              },
              { requiredKeys: [] },
            ),
            services: fc.array(nameArb, { maxLength: 3 }),
            startedAt: epochArb,
            detectedAt: epochArb,
            timeToDetectMs: fc.nat(),
            mitigation: postmortemTextArb,
            paragraphs: listArb,
          },
          { requiredKeys: ['kind', 'impact', 'services', 'paragraphs'] },
        ),
      ),
      section(
        'triggerAndDetection',
        fc.record({
          kind: fc.constant('detection' as const),
          source: fc.constantFrom('monitoring' as const, 'customer' as const),
          trigger: listArb,
          detection: listArb,
        }),
      ),
      section(
        'timeline',
        fc.record({
          kind: fc.constant('timeline' as const),
          entries: fc.array(timelineRowArb, { maxLength: 5 }),
        }),
      ),
      section(
        'fiveWhys',
        fc.record({
          kind: fc.constant('whys' as const),
          steps: fc.array(
            fc.record(
              { question: postmortemTextArb, answer: postmortemTextArb },
              { requiredKeys: ['answer'] },
            ),
            { maxLength: 4 },
          ),
        }),
      ),
      section('wentWell', fc.record({ kind: fc.constant('list' as const), items: listArb })),
      section(
        'actionItems',
        fc.record({
          kind: fc.constant('actionItems' as const),
          items: fc.uniqueArray(actionRowArb, { maxLength: 4, selector: (r) => r.id }),
        }),
      ),
      section(
        'followUp',
        fc.record(
          {
            kind: fc.constant('followUp' as const),
            reviewAt: epochArb,
            reviewEarliest: epochArb,
            reviewLatest: epochArb,
            paragraphs: listArb,
          },
          { requiredKeys: ['kind', 'paragraphs'] },
        ),
      ),
      section('regulatoryNotice', fc.record({ kind: fc.constant('text' as const), paragraphs: listArb })),
    ),
  })
  .map(({ metadata, sections }) => ({ metadata, sections: [...sections] }) as Postmortem);
