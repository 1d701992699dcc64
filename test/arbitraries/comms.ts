import fc from 'fast-check';
import type { Incident } from '../../src/index.js';

/**
 * Pieces of text that try to become a mention, a link or markup in some output format: Slack
 * control sequences, bare and hidden URLs, HTML, markdown, entities, and the same again disguised
 * with zero-width characters, fullwidth and mathematical lookalikes, and soft hyphens.
 */
export const HOSTILE_PIECES = [
  '<!channel>',
  '<!here|x>',
  '<!everyone>',
  '<!subteam^S0123|@oncall>',
  '<@U024BE7LH>',
  '<#C123|general>',
  '<!date^1392734382^{date}|x>',
  '@channel',
  '@here',
  '@everyone',
  '@Channel',
  '@alice',
  '＠channel',
  '＠ｅｖｅｒｙｏｎｅ',
  '﹫here',
  '@\u200Bchannel',
  '@\u200Dhere',
  '@ch\u00ADannel',
  '@\u2060everyone',
  '@\uFE0Fhere',
  '＜!channel＞',
  '﹤!here﹥',
  '<https://evil.example|click here>',
  '<mailto:a@evil.example|mail>',
  'https://evil.example/login',
  'HTTP://EVIL.EXAMPLE',
  'ftp://evil.example',
  'javascript:alert(1)',
  'www.evil.example',
  'WWW.evil.example',
  'ⓦⓦⓦ.evil.example',
  'ｈｔｔｐｓ：／／evil.example',
  'https\uFF1A//evil.example',
  'https:\u200D//evil.example',
  '𝐡𝐭𝐭𝐩𝐬://evil.example',
  'ops@evil.example',
  'evil.com',
  'see evil.com/login now',
  'ops@evil.com',
  'mailto:ops@evil.com',
  'MAILTO:ops@evil.com',
  'xmpp:ops@evil.com',
  'раураl.com',
  'xn--80ak6aa92e.com',
  'пример.рф',
  'sub.evil.co.uk',
  'evil\u200B.com',
  'evil\uFF0Ecom',
  'evil\u3002com',
  'evil.\u00ADcom',
  '#general',
  '#123',
  '<at>Alice</at>',
  '<at id="0">x</at>',
  '&lt;at&gt;Bob&lt;/at&gt;',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="https://evil.example">x</a>',
  '"><svg onload=alert(1)>',
  "' onmouseover='alert(1)",
  '<!-- comment -->',
  '[click](https://evil.example)',
  '[click][1]\n\n[1]: https://evil.example',
  '![img](https://evil.example/x.png)',
  '<https://evil.example>',
  '&lt;!channel&gt;',
  '&#60;script&#62;',
  '&#x40;here',
  '&amp;',
  '*bold*',
  '**bold**',
  '_italic_',
  '~strike~',
  '~~strike~~',
  '`code`',
  '```\ncode\n```',
  '$x^2$',
  '\n> quote',
  '\n# heading',
  '\n## heading',
  '\n1. item',
  '\n2) item',
  '\n- item',
  '\n+ item',
  '\n* item',
  '\n---',
  '\n===',
  '\n    indented code',
  '\n\ttabbed',
  '| a | b |\n|---|---|',
  '\\',
  '\u0000',
  '\u0007',
  '\u001B[31m',
  '\r\n',
  '\u2028',
  '\u202Eevil',
  '\u2066isolate',
  '\uFEFF',
  ':fire:',
] as const;

/** Adversarial user text: hostile pieces mixed with arbitrary Unicode. */
export const hostileTextArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_PIECES) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
      { weight: 1, arbitrary: fc.constantFrom(' ', '\n', 'ok', 'x', '.', ':', '/') },
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((parts) => parts.join(''))
  .filter((s) => s.trim() !== '' && s.length <= 200);

/** Adversarial ids: only the characters an id may hold, arranged as mentions and URLs. */
export const hostileIdArb: fc.Arbitrary<string> = fc
  .array(
    fc.constantFrom(
      '@channel',
      '@here',
      'a@everyone',
      'https://evil.example',
      'www.evil',
      'x',
      '-',
      '+',
      '/',
      ':',
    ),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((parts) => `I${parts.join('')}`);

const labelArb = hostileTextArb.filter((s) => s.length <= 100);

/** Replaces every user string of an incident (as the schema allows them) with adversarial text. */
export function hostileIncidentArb(base: Incident): fc.Arbitrary<Incident> {
  return fc
    .record({
      id: hostileIdArb,
      title: hostileTextArb,
      summary: hostileTextArb,
      services: fc.array(labelArb, { minLength: 1, maxLength: 3 }),
      commander: labelArb,
      commsLead: labelArb,
      regions: fc.array(labelArb, { maxLength: 2 }),
      attribute: hostileTextArb,
      resolution: hostileTextArb,
      category: labelArb,
    })
    .map((h) => ({
      ...base,
      id: h.id,
      title: h.title,
      summary: h.summary,
      services: h.services,
      category: h.category,
      roles: { ...base.roles, commander: h.commander, commsLead: h.commsLead },
      impact: { ...base.impact, regions: h.regions, attributes: { note: h.attribute } },
      ...(base.resolution ? { resolution: { ...base.resolution, summary: h.resolution } } : {}),
    }));
}

/** Adversarial `statusUpdate` input. */
export const hostileStatusInputArb = fc.record(
  {
    status: hostileTextArb,
    actionsTaken: fc.oneof(hostileTextArb, fc.array(hostileTextArb, { minLength: 1, maxLength: 3 })),
    nextSteps: fc.oneof(hostileTextArb, fc.array(hostileTextArb, { minLength: 1, maxLength: 3 })),
  },
  { requiredKeys: ['status'] },
);

/** Adversarial `statusPageUpdate` input. */
export const hostileStatusPageInputArb = fc.record(
  {
    message: hostileTextArb,
    title: hostileTextArb,
    services: fc.array(labelArb, { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

/** Arbitrary JSON plus shapes that try prototype pollution and wrong types in the right places. */
export const hostileJsonArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.anything({ maxDepth: 2 }),
  fc
    .jsonValue()
    .map((v) =>
      JSON.parse(
        `{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "v": ${JSON.stringify(v) ?? 'null'}}`,
      ),
    ),
);
