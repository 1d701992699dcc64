/**
 * The markdown scanners of postmortemFromMarkdown (and the vague-action lint's quoted-text test)
 * replaced regular expressions that a ReDoS analyser scored as ambiguous. Each must give exactly
 * the answer its pattern gave: the old patterns are kept here as the reference, and generated
 * lines built from the characters that decide a match (every kind of `\s`, line terminators
 * that `.` refuses, the markers, pipes, quotes, brackets, label words, case-folding letters) are
 * fed to both.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dueLabel,
  isWontFixStatus,
  ownerLabel,
  withoutEmptyParens,
} from '../../src/postmortem/markdown/action-item-labels.js';
import {
  factEntry,
  frontMatterEntry,
  headingLine,
  isTableRow,
  isTableSeparator,
  listItemLine,
  questionAndAnswer,
} from '../../src/postmortem/markdown/block-lines.js';
import { isLineTerminator, isSpace } from '../../src/postmortem/markdown/chars.js';
import { replaceAutolinks, replaceLinks } from '../../src/postmortem/markdown/inline-links.js';
import { hasQuotedText } from '../../src/postmortem/vague-action.js';

/** The patterns as they were (the reference; they live in the test, not in src/). */
const OLD = {
  listItem: /^(\s{0,3})(?:[-*+]|\d{1,9}[.)])\s+(?:\[([ xX])\]\s+)?(.*)$/,
  tableRow: /^\s{0,3}\|.*\|\s*$/,
  tableSeparator: /^\s{0,3}\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/,
  frontMatter: /^([A-Za-z][\w -]*):\s*(.*)$/,
  heading: /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/,
  fact: /^([A-Za-z][\w ]{0,40}?):\s*(.+)$/,
  question: /^(.{1,300}?\?)\s+(.+)$/,
  link: /!?\[([^\]\n]{0,500})\]\([^)\s]{0,500}(?:\s+"[^"]{0,200}")?\)/g,
  autolink: /<(https?:[^>\s]{1,2000})>/g,
  owner: /\b(?:owner|assignee|assigned to|dri)\s*[:=]?\s*@?([\p{L}\p{N}_.-]+(?: [\p{Lu}][\p{L}.-]+)?)/iu,
  due: /\b(?:due(?: date)?|deadline|by|eta)\s*[:=]?\s*(\d{4}-\d{2}-\d{2})/i,
  emptyParens: /\(\s*[,;]?\s*\)/g,
  wontFix: /won'?t ?fix|wontfix|cancel+ed|declined|dropped|not doing/,
  quoted: /["'`“‘][^"'`“‘”’]+["'`”’]/,
};

const SPACES = [
  ' ',
  ' ',
  ' ',
  '\t',
  '\u000b',
  '\f',
  '\u00a0',
  '\u1680',
  '\u2003',
  '\u202f',
  '\u3000',
  '\ufeff',
];
const BREAKS = ['\u2028', '\u2029', '\n', '\r'];

/** Pieces that decide the block patterns: indents, markers, boxes, pipes, dashes, hashes, colons. */
const BLOCK_PIECES = [
  ...SPACES,
  ...BREAKS,
  ...['-', '--', '---', '*', '+', '1', '12', '123456789', '0', '.', ')', '[', ']', '[ ]', '[x]', '[X]'],
  ...['|', '| ', ' |', ':', ':--', '--:', '#', '##', '######', '#######', '?', '? ', 'a', 'Ab', 'x', 'X'],
  ...['_', '9', 'word', 'Key', 'é', 'ſ', '𝒜', '"', "'", '\\', '!', '='],
];

/** Pieces that decide the inline and label patterns. */
const INLINE_PIECES = [
  ...SPACES,
  ...BREAKS,
  ...['[', ']', '(', ')', '![', '](', '"', '"t"', '<', '>', 'http:', 'https:', 'http', 'https', 's', ':'],
  ...['owner', 'Owner', 'OWNER', 'assignee', 'assigned to', 'aſſignee', 'dri', 'DRI', 'ownership', '@'],
  ...['due', 'Due', 'due date', ' date', 'deadline', 'by', 'eta', 'ETA', 'abby', '2026-12-01', '2026-1-01'],
  ...['=', ',', ';', 'carol', 'Ana', 'Lima', 'é', 'É', '\u0345', '1', '_', '.', '-', '𝒜', 'x'],
  ...["won't", 'wont', ' fix', 'fix', 'cancel', 'l', 'ed', 'declined', 'dropped', 'not doing'],
  ...["'", '`', '“', '”', '‘', '’', 'a'],
];

const line = (pieces: readonly string[], maxLength = 24) =>
  fc.array(fc.constantFrom(...pieces), { maxLength }).map((parts) => parts.join(''));
const randomInline = line(INLINE_PIECES, 40);
const tail = line(BLOCK_PIECES, 12);

/** A line made of one choice from each list (strings) or generated text (arbitraries), in order. */
const shaped = (...parts: (readonly string[] | fc.Arbitrary<string>)[]) =>
  fc
    .tuple(
      ...parts.map((p) =>
        Array.isArray(p) ? fc.constantFrom(...(p as readonly string[])) : (p as fc.Arbitrary<string>),
      ),
    )
    .map((chosen) => chosen.join(''));
const INDENT = ['', ' ', '  ', '   ', '    ', '\t', '\u2028', ' \u00a0', '\u3000\u3000\u3000\u3000'];
const GAP = ['', ' ', '  ', '\t', '\u2028', ' \u2029 ', '\u00a0', '\ufeff '];
const CELL = ['--', ':--', '--:', ':--:', '-', '---', '', ':-', 'a', '--::', '----------'];
const KEY = [
  'a',
  'Key',
  'key-name',
  'Key name',
  '1a',
  '_a',
  'Incident commander',
  'a'.repeat(40),
  'b'.repeat(41),
  'c'.repeat(42),
];

/**
 * Random lines, and lines shaped like each construct with its edges varied (indent depth, marker,
 * spaces of every kind, boxes, pipes, dashes, closing hashes, label lengths), so the generated
 * lines reach every branch of every pattern rather than mostly missing them.
 */
const blockLine = fc.oneof(
  line(BLOCK_PIECES),
  shaped(
    INDENT,
    ['-', '*', '+', '1.', '2)', '123456789.', '1234567890.', '', 'x', '#', '|', '.'],
    GAP,
    ['', '[ ]', '[x]', '[X]', '[y]', '[x', '[', '[]'],
    GAP,
    tail,
  ),
  shaped(INDENT, ['|', '', 'a|', '\\|'], tail, ['|', '', '||', '|a'], GAP),
  shaped(INDENT, ['|', ''], GAP, CELL, GAP, ['|', '', '||'], GAP, CELL, GAP, ['|', '', ':'], GAP),
  shaped(KEY, [':', '', ' :', '::'], GAP, tail),
  shaped(
    INDENT,
    ['#', '##', '######', '#######', '', ' #'],
    GAP,
    tail,
    GAP,
    ['', '#', '##', ' #', '\\#', '#a'],
    GAP,
  ),
  shaped(['', 'w', 'Why', '?'], ['?', '??', '', '\u2028?'], GAP, tail),
);

const words = line(INLINE_PIECES, 6);
const LABEL = [
  'owner',
  'Owner',
  'assignee',
  'assigned to',
  'DRI',
  'due',
  'Due date',
  'deadline',
  'by',
  'ETA',
  'ownership',
];
const NAME = [
  'carol',
  'Ana',
  ' Lima',
  ' lima',
  ' É.',
  '@',
  '2026-12-01',
  '2026-12-1',
  '',
  'ſ',
  '\u0345',
  '𝒜',
];
/** Random inline text, and text shaped like links, autolinks, labels and parentheses. */
const inlineText = fc.oneof(
  randomInline,
  shaped(
    words,
    ['', '!', 'a!'],
    ['[', ''],
    words,
    [']', '', '\n]'],
    ['(', ''],
    words,
    GAP,
    ['', '"t"', '"', '"a b"'],
    [')', '', ' )'],
    words,
  ),
  shaped(
    words,
    ['<', ''],
    ['http:', 'https:', 'http', 'httpx:', 'HTTP:', 'https'],
    words,
    ['>', '', ' >'],
    words,
  ),
  shaped(words, LABEL, GAP, [':', '=', '', '::', ': ='], GAP, NAME, NAME, NAME, words),
  shaped(words, ['(', '(('], GAP, [',', ';', '', ',,'], GAP, [')', '', 'a)'], words),
);
/** Runs per property in `npm test` (each was checked once at 60,000 runs). */
const RUNS = { numRuns: 2_000 };

describe('the character classes match the regular expressions they stand in for', () => {
  it('isSpace is \\s and isLineTerminator is what . refuses, for every UTF-16 code unit', () => {
    const wrong: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const ch = String.fromCharCode(code);
      if (isSpace(code) !== /\s/.test(ch) || isLineTerminator(code) !== !/./.test(ch))
        wrong.push(`U+${code.toString(16)}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('the block-line scanners give what their patterns gave', () => {
  it('list items', () => {
    fc.assert(
      fc.property(blockLine, (text) => {
        const m = OLD.listItem.exec(text);
        expect(listItemLine(text)).toEqual(m ? { box: m[2], text: m[3] } : undefined);
      }),
      RUNS,
    );
  });

  it('table rows and separators', () => {
    fc.assert(
      fc.property(blockLine, (text) => {
        expect(isTableRow(text)).toBe(OLD.tableRow.test(text));
        expect(isTableSeparator(text)).toBe(OLD.tableSeparator.test(text));
      }),
      RUNS,
    );
  });

  it('front matter entries and preamble facts', () => {
    fc.assert(
      fc.property(blockLine, fc.integer({ min: 0, max: 45 }), (text, keyLength) => {
        // Some keys of every length around the 41-character limit of a fact label.
        for (const candidate of [text, `${'k'.repeat(keyLength)}${text}`]) {
          const f = OLD.frontMatter.exec(candidate);
          expect(frontMatterEntry(candidate)).toEqual(f ? { key: f[1], value: f[2] } : undefined);
          const g = OLD.fact.exec(candidate);
          expect(factEntry(candidate)).toEqual(g ? { label: g[1], value: g[2] } : undefined);
        }
      }),
      RUNS,
    );
  });

  it('headings', () => {
    fc.assert(
      fc.property(blockLine, (text) => {
        const m = OLD.heading.exec(text);
        expect(headingLine(text)).toEqual(m ? { level: m[1]!.length, text: m[2] } : undefined);
      }),
      RUNS,
    );
  });

  it('five-whys questions, near the 300-character limit too', () => {
    fc.assert(
      fc.property(blockLine, fc.integer({ min: 0, max: 305 }), (text, pad) => {
        for (const candidate of [text, `${'w'.repeat(pad)}${text}`]) {
          const m = OLD.question.exec(candidate);
          expect(questionAndAnswer(candidate)).toEqual(m ? { question: m[1], answer: m[2] } : undefined);
        }
      }),
      RUNS,
    );
  });
});

describe('the inline scanners give what their patterns gave', () => {
  it('links and autolinks, near their length limits too', () => {
    // Fewer runs: the old patterns themselves are slow on the long runs near the limits.
    const longRun = fc.constantFrom(199, 200, 201, 499, 500, 501, 1999, 2000, 2001);
    fc.assert(
      fc.property(inlineText, inlineText, longRun, fc.constantFrom('a', ' ', '[', '"'), (a, b, n, filler) => {
        for (const text of [
          a,
          a + filler.repeat(n) + b,
          `[${'x'.repeat(n)}](u${b}`,
          `<http:${'y'.repeat(n)}>${a}`,
        ]) {
          expect(replaceLinks(text)).toBe(text.replace(OLD.link, '$1'));
          expect(replaceAutolinks(text)).toBe(text.replace(OLD.autolink, '$1'));
        }
      }),
      RUNS,
    );
  });

  it('owner and due labels, empty parentheses, won’t-fix words and quoted text', () => {
    fc.assert(
      fc.property(inlineText, (text) => {
        const o = OLD.owner.exec(text);
        expect(ownerLabel(text)).toEqual(o ? { match: o[0], value: o[1] } : undefined);
        const d = OLD.due.exec(text);
        expect(dueLabel(text)).toEqual(d ? { match: d[0], value: d[1] } : undefined);
        expect(withoutEmptyParens(text)).toBe(text.replace(OLD.emptyParens, ''));
        expect(isWontFixStatus(text)).toBe(OLD.wontFix.test(text));
        expect(hasQuotedText(text)).toBe(OLD.quoted.test(text));
      }),
      RUNS,
    );
  });

  it('agree on the examples the patterns were written for', () => {
    expect(ownerLabel('Alert on pool saturation (owner: carol, due 2026-12-01)')).toEqual({
      match: 'owner: carol',
      value: 'carol',
    });
    expect(dueLabel('Add a check Due Date: 2026-12-10')).toEqual({
      match: 'Due Date: 2026-12-10',
      value: '2026-12-10',
    });
    expect(withoutEmptyParens('Alert (  ,  ) now ()')).toBe('Alert  now ');
    expect(isWontFixStatus('cancelled')).toBe(true);
    expect(headingLine('  ## Action items ##  ')).toEqual({ level: 2, text: 'Action items' });
    expect(listItemLine('1) [x] Roll back')).toEqual({ box: 'x', text: 'Roll back' });
    expect(isTableSeparator('| :--- | ---: |')).toBe(true);
    expect(replaceLinks('see ![graph](https://x/y.png "p99") and [doc](https://d)')).toBe(
      'see graph and doc',
    );
  });
});
