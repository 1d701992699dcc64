/**
 * Escaping of user text for every output format incidentkit renders (plain text, markdown, Slack
 * mrkdwn, Teams Adaptive Card text, HTML). Every pass is linear in its input. Shared by `comms` and `postmortem`; never re-exported.
 *
 * Every function takes a string (callers validate first) and returns a new one. Guarantees, for any input string:
 *
 * - {@link escapePlainText}: no control characters except `\n` and `\t` (CR LF, lone CR, U+2028 and
 *   U+2029 become `\n`), no invisible formatting characters (zero-width spaces, bidi overrides, BOM,
 *   soft hyphen, word joiners). Joiners and variation selectors are kept only inside non-ASCII
 *   sequences (emoji such as 👩‍💻 need them).
 * - {@link defuseMentionsAndLinks}: the above, plus no Slack / GitHub mention (`@channel`, `@here`,
 *   `@everyone`, `@user`, `#channel`, `#123`), no `<!…>`, `<@…>`, `<#…>` control form and no bare
 *   URL that a linkifier recognises by its scheme (`https://…`), a leading `//` or a `www.` prefix.
 *   Defusing inserts a ZERO WIDTH SPACE (U+200B), the device chat bots use for this: the text looks
 *   the same, but the mention or link no longer parses. `mailto:` and `xmpp:` get one before the
 *   colon. Before defusing, characters whose NFKC form is a single printable ASCII character
 *   (fullwidth `＠`, `＜`, mathematical letters, …) are folded to it, and joiners between ASCII
 *   characters are dropped, so `＠ｃｈａｎｎｅｌ` or `@chan\u200Dnel` are
 *   caught too — and the output stays safe if a later system NFKC-normalises it.
 *   Bare domain names without scheme (`example.com`) are left alone unless `breakHosts` is set
 *   (public and stakeholder messages): then every `.` before a letter gets a HAIR SPACE after it, so
 *   no linkifier (linkify-it with fuzzy links and e-mails included, which counts U+200B as a letter)
 *   finds a top-level domain. Responder messages keep host names; `escapeMarkdown`'s `codeHosts`
 *   shows them as code spans. E-mail addresses get U+200B after `@`, which stops Slack and GFM from
 *   linking them. Slack output additionally sets `verbatim: true`, which turns Slack's own
 *   auto-linking off. Lone surrogates become U+FFFD.
 * - {@link escapeHtml}: defused text with `& < > " '` as entities, safe in element content and in
 *   quoted attribute values.
 * - {@link escapeMarkdown}: defused text that CommonMark / GFM render as exactly that text: no
 *   emphasis, code, link, image, autolink, raw HTML, table cell break, heading, quote, list,
 *   thematic break, setext underline, indented code or math from user text.
 * - {@link escapeTeamsText}: defused text with entity openers broken, for Adaptive Card TextRuns.
 * - {@link escapeSlackMrkdwn}: defused text with Slack's three reserved characters as entities
 *   (`&amp;`, `&lt;`, `&gt;`), so no `<!channel>`, `<@U…>`, `<#C…>` or `<url|text>` can form, and
 *   emphasis / code / quote markers neutralised with U+200B.
 *
 * Pass `{ keepLinks: true }` to leave bare URLs clickable (mentions are always defused).
 *
 * @module
 */

import { lazyRegExp } from '../model/lazy.js';
import { isSpace } from '../model/white-space.js';

/** `@` before a word: a letter, digit, symbol, mark or `_`. */
const AT_WORD = lazyRegExp('@(?=[\\p{L}\\p{N}\\p{S}\\p{M}_])', 'gu');
/** `#` before a word. */
const HASH_WORD = lazyRegExp('#(?=[\\p{L}\\p{N}\\p{S}\\p{M}_])', 'gu');
/** `<` before `!`, `@`, `#`, `/`, `?` or a letter. */
const OPENING_ANGLE = lazyRegExp('<(?=[!@#/?\\p{L}])', 'gu');
/** `.` before a letter (a host name's dot). */
const DOT_LETTER = lazyRegExp('\\.(?=\\p{L})', 'gu');
/** One letter or digit. */
const LETTER_OR_DIGIT = lazyRegExp('[\\p{L}\\p{N}]', 'u');
/** One letter. */
const LETTER = lazyRegExp('\\p{L}', 'u');
/** A formatting marker at the start or after anything but a letter or digit. */
const MARKER_AT_BOUNDARY = lazyRegExp('(^|[^\\p{L}\\p{N}])([*_~`])', 'gu');

/** Options shared by the format escapers. */
export interface EscapeOptions {
  /** Leave bare `scheme://` and `www.` URLs linkable. Mentions are defused regardless. Default false. */
  readonly keepLinks?: boolean | undefined;
  /**
   * Also break bare host names (`example.com`, IDN lookalikes such as `раураl.com`, the domain of
   * `ops@example.com`): a HAIR SPACE (U+200A, a space to every linkifier and still one after NFKC)
   * after each `.` that precedes a letter, so no top-level
   * domain can be recognised. For public and stakeholder audiences; responders keep host names
   * intact. Ignored with `keepLinks`. Default false.
   */
  readonly breakHosts?: boolean | undefined;
}

/** What {@link EscapeOptions.breakHosts} puts after the dot of a host name. */
const HOST_BREAK = '\u200A';

/** The character inserted to break a mention, link or markup marker without changing how text looks. */
export const DEFUSE = '\u200B';

// C0 controls except \t and \n, DEL, C1 controls (after NEL, CR, LS, PS became \n).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Invisible characters with no business in an incident message: soft hyphen, Arabic letter mark,
// Hangul fillers, Khmer inherent vowels, Mongolian selectors and separator, zero-width space, LRM/RLM,
// bidi embeddings, overrides and isolates, word joiner and invisible operators, BOM, halfwidth
// Hangul filler, interlinear annotation controls.
const INVISIBLE =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each code point is listed on purpose, to remove it alone.
  /[\u00AD\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B\u200E\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]/g;
// Kept inside emoji / scripts, dropped between ASCII: ZWNJ, ZWJ, combining grapheme joiner,
// variation selectors (and their supplement), tag characters.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: joiners are matched alone on purpose, to drop them between ASCII.
const JOINER_RUN = /(?:[\u200C\u200D\u034F\uFE00-\uFE0F]|\uDB40[\uDC20-\uDC7F\uDD00-\uDDEF])+/g;
const NON_ASCII = /[\u0080-\u{10FFFF}]/u;
const NON_ASCII_CHAR = /[\u0080-\u{10FFFF}]/gu;

/**
 * Removes control characters (keeping `\n` and `\t`; CR LF, CR, U+0085, U+2028 and U+2029 become
 * `\n`) and invisible formatting characters. Safe for plain-text output (terminal, SMS, e-mail).
 *
 * @example
 * ```ts
 * escapePlainText('db\u0000 down\r\n\u202Eok'); // 'db down\nok'
 * ```
 */
export function escapePlainText(text: string): string {
  let out = wellFormed(text)
    .replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
    .replace(CONTROLS, '');
  out = out.replace(INVISIBLE, '');
  if (!NON_ASCII.test(out)) return out;
  return out.replace(JOINER_RUN, (run, offset: number, whole: string) => {
    const before = whole.charCodeAt(offset - 1);
    const after = whole.charCodeAt(offset + run.length);
    const asciiBefore = offset === 0 || before < 0x80;
    const asciiAfter = offset + run.length >= whole.length || after < 0x80;
    return asciiBefore && asciiAfter ? '' : run;
  });
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text with every lone surrogate (half of a pair, which no encoder can write as UTF-8) replaced
 * by U+FFFD, as `String.prototype.toWellFormed` does (not yet in every runtime we support).
 */
function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * Every run of whitespace that holds a line break becomes one space (other whitespace stays): text
 * folded onto one line. The same result as `replace(/\s*\n\s*\/g, ' ')`, in one linear pass (that
 * pattern rescans a whitespace run from each of its positions: quadratic on long runs).
 *
 * @example
 * ```ts
 * foldLines('a  \n\n  b c'); // 'a b c'
 * ```
 */
export function foldLines(text: string): string {
  if (!text.includes('\n')) return text;
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (!isSpace(code)) {
      let j = i + 1;
      while (j < n && !isSpace(text.charCodeAt(j))) j++;
      out += text.slice(i, j);
      i = j;
      continue;
    }
    let j = i;
    let newline = false;
    while (j < n && isSpace(text.charCodeAt(j))) {
      if (text.charCodeAt(j) === 0x0a) newline = true;
      j++;
    }
    out += newline ? ' ' : text.slice(i, j);
    i = j;
  }
  return out;
}

const foldCache = new Map<string, string>();

// A character whose compatibility form is one printable ASCII character (fullwidth ＠, small ﹤,
// 𝐜, ⓒ, Kelvin sign…) is folded to it, so lookalikes cannot dodge the defusing below.
function foldCompatibility(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return text.replace(NON_ASCII_CHAR, (ch) => {
    let folded = foldCache.get(ch);
    if (folded === undefined) {
      const nfkc = ch.normalize('NFKC');
      folded = nfkc.length === 1 && nfkc >= '!' && nfkc <= '~' ? nfkc : ch;
      if (foldCache.size < 4096) foldCache.set(ch, folded);
    }
    return folded;
  });
}

/**
 * {@link escapePlainText}, then folds compatibility lookalikes and inserts U+200B so that no
 * mention (`@channel`, `@here`, `@everyone`, `@name`, `#channel`, `#123`), no `<!…>` / `<@…>` /
 * `<#…>` / `<scheme:…>` form and (unless `keepLinks`) no bare `scheme://` or `www.` URL can be
 * recognised (every `//` gets U+200B between its slashes). Visually the text is unchanged.
 *
 * @example
 * ```ts
 * defuseMentionsAndLinks('ping @channel: https://x.io'); // 'ping @\u200Bchannel: https:/\u200B/x.io'
 * ```
 */
export function defuseMentionsAndLinks(text: string, options: EscapeOptions = {}): string {
  let out = foldCompatibility(escapePlainText(text));
  // Folding can expose joiners that sat between lookalikes; drop them now that both sides are ASCII.
  out = escapePlainText(out);
  // `@` before a word (mentions, e-mail addresses, GitHub teams). Symbols and marks count too: a
  // circled or squared letter (㉠, 🅰) becomes a letter under NFKC.
  out = out.replace(AT_WORD(), `@${DEFUSE}`);
  // `#` before a word (Slack channels, GitHub issue references, also `org/repo#12`).
  out = out.replace(HASH_WORD(), `#${DEFUSE}`);
  // `<!channel>`, `<@U1>`, `<#C1>`, `<https:…>`, `<script>` in formats that keep `<` raw.
  out = out.replace(OPENING_ANGLE(), `<${DEFUSE}`);
  if (!options.keepLinks) {
    // Every `//`: breaks `scheme://` and protocol-relative `//host` (which markdown-it links too).
    out = out.replace(/\/(?=\/)/g, `/${DEFUSE}`);
    // Wherever it stands: what counts as a word boundary differs between linkifiers.
    out = out.replace(/(www)\./gi, `$1${DEFUSE}.`);
    if (options.breakHosts) out = out.replace(DOT_LETTER(), `.${HOST_BREAK}`);
  }
  // Schemes that linkifiers accept without `//` (linkify-it: mailto; GFM: mailto, xmpp).
  out = out.replace(/(mailto|xmpp)(?=:)/gi, `$1${DEFUSE}`);
  return out;
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Options of {@link escapeHtml}. */
export interface EscapeHtmlOptions extends EscapeOptions {
  /** Turn `\n` into `<br>` (for text shown in element content). Default false. */
  readonly lineBreaks?: boolean | undefined;
}

/**
 * Escapes user text for HTML element content or a quoted attribute value: defused (see
 * {@link defuseMentionsAndLinks}), then `& < > " '` as entities.
 *
 * @example
 * ```ts
 * escapeHtml('<script>alert("x")</script>'); // '&lt;\u200Bscript&gt;alert(&quot;x&quot;)&lt;\u200B/script&gt;'
 * ```
 */
export function escapeHtml(text: string, options: EscapeHtmlOptions = {}): string {
  const out = defuseMentionsAndLinks(text, options).replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch]!);
  return options.lineBreaks ? out.replace(/\n/g, '<br>\n') : out;
}

/** Options of {@link escapeMarkdown}. */
export interface EscapeMarkdownOptions extends EscapeOptions {
  /**
   * Show host names (`db-1.eu.example.com`, `config.yaml`: labels joined by dots, the last one of two
   * or more letters) as code spans, so a linkifier that links bare domains (markdown-it's default)
   * leaves them alone while a responder can still copy them. For responder messages, which keep host
   * names intact (see {@link EscapeOptions.breakHosts}). Default false.
   */
  readonly codeHosts?: boolean | undefined;
  /**
   * For inline positions (headings, table cells, list items, after a label): newlines become
   * spaces so the text cannot end the construct it sits in. Default false (block: paragraphs keep
   * their line breaks, every line is escaped as a line start).
   */
  readonly inline?: boolean | undefined;
}

// Always escaped: emphasis, code, links and images, raw HTML and autolinks, table pipes,
// strikethrough, entities, math, and the backslash itself.
const MD_ALWAYS = /[\\`*_[\]<>|~&$]/g;

function escapeMarkdownLine(line: string): string {
  // Leading whitespace would make an indented code block (or a continuation); it carries no meaning
  // here. All of it goes, NBSP, U+3000 and the other Unicode spaces too: renderers trim lines after
  // escaping, and a line-start marker behind a space that survived to then would be exposed.
  // Trailing whitespace stays (callers join escaped pieces).
  let out = line.trimStart().replace(MD_ALWAYS, '\\$&');
  // `![` would start an image (the `[` is already escaped; the `!` is escaped for good measure).
  out = out.replace(/!(?=\\\[)/g, '\\!');
  // Line-start constructs: ATX heading, list markers, setext underline / thematic break, ordered list.
  out = out.replace(/^([#+=-])/, '\\$1');
  out = out.replace(/^(\d{1,9})([.)])/, '$1\\$2');
  return out;
}

/**
 * Escapes user text so that CommonMark / GFM renders it literally (see the module notes for what is
 * neutralised). `inline: true` also folds newlines into spaces for headings, list items and table
 * cells.
 *
 * @example
 * ```ts
 * escapeMarkdown('# [click](https://evil) *now*'); // '\\# \\[click\\](https:/\u200B/evil) \\*now\\*'
 * ```
 */
export function escapeMarkdown(text: string, options: EscapeMarkdownOptions = {}): string {
  let out = defuseMentionsAndLinks(text, options).replace(/\t/g, ' ');
  if (options.inline) out = foldLines(out);
  const lines = out.split('\n').map(escapeMarkdownLine);
  return (options.codeHosts && !options.keepLinks ? lines.map(codeSpanHosts) : lines).join('\n');
}

/** A letter, digit or `-`: what a host label is made of (any script: IDN hosts too). */
function isLabelChar(ch: string): boolean {
  return ch === '-' || LETTER_OR_DIGIT().test(ch);
}

const isLetter = (ch: string) => LETTER().test(ch);

/**
 * Wraps each host name of an escaped markdown line in backticks, in one pass: a run of label
 * characters and dots, trimmed of dots and hyphens at its ends, with at least one dot and a last
 * label of two or more letters. Such a run holds no backslash or backtick, so it reads the same
 * inside a code span.
 */
function codeSpanHosts(line: string): string {
  let out = '';
  let i = 0;
  const chars = Array.from(line);
  while (i < chars.length) {
    if (!isLabelChar(chars[i]!) && chars[i] !== '.') {
      out += chars[i];
      i++;
      continue;
    }
    let j = i;
    while (j < chars.length && (isLabelChar(chars[j]!) || chars[j] === '.')) j++;
    let start = i;
    let end = j;
    while (start < end && (chars[start] === '.' || chars[start] === '-')) start++;
    while (end > start && (chars[end - 1] === '.' || chars[end - 1] === '-')) end--;
    const run = chars.slice(start, end);
    const lastDot = run.lastIndexOf('.');
    const tld = lastDot === -1 ? [] : run.slice(lastDot + 1);
    const host =
      lastDot > 0 &&
      tld.length >= 2 &&
      tld.every(isLetter) &&
      !run.some((ch, k) => ch === '.' && run[k + 1] === '.');
    out += host
      ? `${chars.slice(i, start).join('')}\`${run.join('')}\`${chars.slice(end, j).join('')}`
      : chars.slice(i, j).join('');
    i = j;
  }
  return out;
}

/**
 * Escapes user text for Slack mrkdwn: defused (see {@link defuseMentionsAndLinks}), `&`, `<`, `>`
 * as entities (so `<!channel>`, `<@U123>`, `<#C1>`, `<!subteam^S1>` and `<url|label>` cannot
 * form), and U+200B before `*`, `_`, `~` and `` ` `` where they could open emphasis or code, and
 * before a `>` that starts a line (a quote).
 *
 * @example
 * ```ts
 * escapeSlackMrkdwn('<!channel> *urgent*'); // '&lt;\u200B!channel&gt; \u200B*urgent*'
 * ```
 */
export function escapeSlackMrkdwn(text: string, options: EscapeOptions = {}): string {
  let out = defuseMentionsAndLinks(text, options).replace(/[&<>]/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;',
  );
  // A marker can only open formatting at a word boundary; a zero-width space there means it never does.
  out = out.replace(MARKER_AT_BOUNDARY(), `$1${DEFUSE}$2`);
  // Repeat once: in `**`, the second marker follows the first (the replacement consumed it).
  out = out.replace(/([*_~`])(?=[*_~`])/gu, `$1${DEFUSE}`);
  out = out.replace(/^([ \t]*)&gt;/gm, `$1${DEFUSE}&gt;`);
  return out;
}

/**
 * Escapes user text for an Adaptive Card `TextRun` (Microsoft Teams): defused (see
 * {@link defuseMentionsAndLinks}: no `@name`, no `<at>` form, no bare URL), and U+200B after an
 * `&` that could start an entity (`&lt;`, `&#64;`), so a client that decodes entities cannot turn
 * it into markup. TextRuns are not markdown-processed (only `TextBlock` and `Fact` text is), so
 * markdown characters stay as they are; renderers never put user text anywhere else.
 *
 * @example
 * ```ts
 * escapeTeamsText('<at>Alice</at> &lt;b&gt;'); // '<\u200Bat>Alice<\u200B/at> &\u200Blt;b&\u200Bgt;'
 * ```
 */
export function escapeTeamsText(text: string, options: EscapeOptions = {}): string {
  return defuseMentionsAndLinks(text, options).replace(/&(?=[#A-Za-z])/g, `&${DEFUSE}`);
}

/**
 * Shortens already-escaped text to at most `max` UTF-16 units, ending with `…` when cut. Never cuts
 * inside an HTML entity (`&amp;`), a surrogate pair or after a lone markdown backslash.
 *
 * @example
 * ```ts
 * truncateEscaped('a &amp; b', 4); // 'a…'
 * ```
 */
export function truncateEscaped(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - ellipsis.length);
  // Back off out of an entity: an `&` within the last 10 units without its `;` before the cut.
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp !== -1 && cut - amp <= 10) {
    const semi = text.indexOf(';', amp);
    if (semi === -1 || semi >= cut) cut = amp;
  }
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  let head = text.slice(0, cut);
  // An odd run of trailing backslashes would escape the ellipsis (or the next markup character).
  // Counted by hand: `/\\+$/` rescans a backslash run from each of its positions.
  let slashes = 0;
  while (slashes < head.length && head.charCodeAt(head.length - 1 - slashes) === 0x5c) slashes++;
  if (slashes % 2 === 1) head = head.slice(0, -1);
  return `${head.trimEnd()}${ellipsis}`;
}
