import { describe, expect, it } from 'vitest';
import {
  DEFUSE,
  defuseMentionsAndLinks,
  escapeHtml,
  escapeMarkdown,
  escapePlainText,
  escapeSlackMrkdwn,
  truncateEscaped,
} from '../../src/internal/escape.js';

const Z = DEFUSE;

describe('escapePlainText', () => {
  it('removes control characters but keeps newlines and tabs', () => {
    expect(escapePlainText('a\u0000b\u0007c\u001Bd\u007Fe\u0085f\tg\nh')).toBe('abcde\nf\tg\nh');
  });

  it('normalises CR LF, CR and the Unicode line separators to \\n', () => {
    expect(escapePlainText('a\r\nb\rc\u2028d\u2029e')).toBe('a\nb\nc\nd\ne');
  });

  it('removes invisible and bidi formatting characters', () => {
    expect(escapePlainText('\uFEFFok\u200B\u202Egnp.exe\u2066x\u00AD')).toBe('okgnp.exex');
  });

  it('keeps joiners and variation selectors inside emoji and scripts, drops them between ASCII', () => {
    const technologist = '👩\u200D💻';
    expect(escapePlainText(technologist)).toBe(technologist);
    expect(escapePlainText('❤\uFE0F')).toBe('❤\uFE0F');
    expect(escapePlainText('1\uFE0F\u20E3')).toBe('1\uFE0F\u20E3');
    expect(escapePlainText('@\u200Dchan\u200C\uFE0Fnel')).toBe('@channel');
  });
});

describe('defuseMentionsAndLinks', () => {
  it.each([
    ['@channel', `@${Z}channel`],
    ['@HERE please', `@${Z}HERE please`],
    ['cc @everyone', `cc @${Z}everyone`],
    ['ops@example.com', `ops@${Z}example.com`],
    ['see #general', `see #${Z}general`],
    ['C# and org/repo#12', `C# and org/repo#${Z}12`],
    ['<!channel>', `<${Z}!channel>`],
    ['<@U123>', `<${Z}@${Z}U123>`],
    ['<#C123|x>', `<${Z}#${Z}C123|x>`],
    ['https://evil.example', `https:/${Z}/evil.example`],
    ['go to www.evil.example', `go to www${Z}.evil.example`],
  ])('defuses %j', (input, output) => {
    expect(defuseMentionsAndLinks(input)).toBe(output);
  });

  it('folds fullwidth and mathematical lookalikes before defusing', () => {
    expect(defuseMentionsAndLinks('＠ｃｈａｎｎｅｌ')).toBe(`@${Z}channel`);
    expect(defuseMentionsAndLinks('＜!here＞')).toBe(`<${Z}!here>`);
    expect(defuseMentionsAndLinks('ｈｔｔｐｓ：／／x.io')).toBe(`https:/${Z}/x.io`);
    expect(defuseMentionsAndLinks('@𝐜𝐡𝐚𝐧𝐧𝐞𝐥')).toBe(`@${Z}channel`);
  });

  it('is not fooled by zero-width characters inside the mention', () => {
    expect(defuseMentionsAndLinks('@\u200Bchannel')).toBe(`@${Z}channel`);
    expect(defuseMentionsAndLinks('@ch\u00ADan\u2060nel')).toBe(`@${Z}channel`);
    expect(defuseMentionsAndLinks('＠\u200Dｈｅｒｅ')).toBe(`@${Z}here`);
  });

  it('leaves ordinary text alone, including other scripts and emoji', () => {
    const text = 'Zahlungen schlagen fehl — 支払いエラー 🔥 (50%)';
    expect(defuseMentionsAndLinks(text)).toBe(text);
  });

  it('keeps bare URLs with keepLinks, but still defuses mentions', () => {
    expect(defuseMentionsAndLinks('https://x.io @here', { keepLinks: true })).toBe(`https://x.io @${Z}here`);
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`a & b < c > d " e ' f`)).toBe('a &amp; b &lt; c &gt; d &quot; e &#39; f');
  });

  it('cannot produce an element, an entity or a link', () => {
    expect(escapeHtml('<script>alert(1)</script>')).toBe(`&lt;${Z}script&gt;alert(1)&lt;${Z}/script&gt;`);
    expect(escapeHtml('&lt;b&gt;')).toBe('&amp;lt;b&amp;gt;');
    expect(escapeHtml('<a href="https://evil">x</a>')).not.toMatch(/<|https:\/\//);
  });

  it('turns newlines into <br> on request', () => {
    expect(escapeHtml('a\nb', { lineBreaks: true })).toBe('a<br>\nb');
  });
});

describe('escapeMarkdown', () => {
  it('escapes inline markup everywhere', () => {
    expect(escapeMarkdown('*b* _i_ `c` ~s~ [l](u) <h> a|b & $x$ \\')).toBe(
      `\\*b\\* \\_i\\_ \\\`c\\\` \\~s\\~ \\[l\\](u) \\<${Z}h\\> a\\|b \\& \\$x\\$ \\\\`,
    );
  });

  it('escapes images', () => {
    expect(escapeMarkdown('![x](https://evil/x.png)')).toBe(`\\!\\[x\\](https:/${Z}/evil/x.png)`);
  });

  it('escapes line-start constructs on every line', () => {
    expect(escapeMarkdown('# h\n> q\n- l\n+ l\n1. o\n2) o\n===\n    code')).toBe(
      '\\# h\n\\> q\n\\- l\n\\+ l\n1\\. o\n2\\) o\n\\===\ncode',
    );
  });

  it('folds newlines into spaces in inline positions', () => {
    expect(escapeMarkdown('a\n\n# b\n- c', { inline: true })).toBe('a # b - c');
  });

  it('leaves ordinary prose readable', () => {
    expect(escapeMarkdown('Rolled back release 2026.11.24-3 (checkout-api).')).toBe(
      'Rolled back release 2026.11.24-3 (checkout-api).',
    );
  });
});

describe('escapeSlackMrkdwn', () => {
  it('escapes Slack control characters so no control sequence can form', () => {
    expect(escapeSlackMrkdwn('<!channel> <@U1> <https://x|y> a & b')).toBe(
      `&lt;${Z}!channel&gt; &lt;${Z}@${Z}U1&gt; &lt;${Z}https:/${Z}/x|y&gt; a &amp; b`,
    );
  });

  it('neutralises emphasis, code and quotes but leaves snake_case intact', () => {
    expect(escapeSlackMrkdwn('*b* _i_ ~s~ `c`')).toBe(`${Z}*b* ${Z}_i_ ${Z}~s~ ${Z}\`c\``);
    expect(escapeSlackMrkdwn('```x```')).toBe(`${Z}\`${Z}\`${Z}\`x\`${Z}\`${Z}\``);
    expect(escapeSlackMrkdwn('> quoted\nnot > quoted')).toBe(`${Z}&gt; quoted\nnot &gt; quoted`);
    expect(escapeSlackMrkdwn('payment_api_v2')).toBe('payment_api_v2');
  });
});

describe('truncateEscaped', () => {
  it('leaves short text alone', () => {
    expect(truncateEscaped('abc', 3)).toBe('abc');
  });

  it('never cuts inside an entity, a surrogate pair or after a lone backslash', () => {
    expect(truncateEscaped('a &amp; b', 5)).toBe('a…');
    expect(truncateEscaped('ab😀cd', 4)).toBe('ab…');
    expect(truncateEscaped('ab\\*cd', 4)).toBe('ab…');
    expect(truncateEscaped('ab\\\\cd', 5)).toBe('ab\\\\…');
  });

  it('stays within the limit', () => {
    const text = '&amp;'.repeat(100);
    for (let max = 1; max < 60; max++) expect(truncateEscaped(text, max).length).toBeLessThanOrEqual(max);
  });
});
