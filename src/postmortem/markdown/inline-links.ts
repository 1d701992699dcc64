/**
 * Markdown links and autolinks reduced to the text a reader sees, by one forward scan. They used to
 * be the global patterns `/!?\[([^\]\n]{0,500})\]\([^)\s]{0,500}(?:\s+"[^"]{0,200}")?\)/g` and
 * `/<(https?:[^>\s]{1,2000})>/g`; these functions replace the same matches with the same text.
 * Every search for "the next `]`" or "the next space" is a pointer that only moves forward, so a
 * run of `[` or of `<http:` costs one step per character, not one scan per opening.
 */
import { isSpace, spacesEnd } from './chars.js';

const BANG = 0x21;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const QUOTE = 0x22;
const NEWLINE = 0x0a;
const GREATER = 0x3e;
const COLON = 0x3a;

const MAX_LABEL = 500;
const MAX_URL = 500;
const MAX_TITLE = 200;
const MAX_AUTOLINK = 2000;

/** A forward-only search for the next character that `stops`: asked for positions that never decrease. */
function forwardSearch(text: string, stops: (code: number) => boolean): (from: number) => number {
  let found = -1;
  return (from) => {
    if (found < from) {
      found = from;
      while (found < text.length && !stops(text.charCodeAt(found))) found++;
    }
    return found;
  };
}

/** `[label](url "title")` and `![alt](url)` → `label` / `alt`. */
export function replaceLinks(text: string): string {
  if (!text.includes('[')) return text;
  const labelEnd = forwardSearch(text, (c) => c === CLOSE_BRACKET || c === NEWLINE);
  const urlEnd = forwardSearch(text, (c) => c === CLOSE_PAREN || isSpace(c));
  const titleEnd = forwardSearch(text, (c) => c === QUOTE);
  // What follows a URL depends only on where the URL ends: remembered for the last one.
  let tailOf = -1;
  let tail = -1;
  const afterUrl = (at: number): number => {
    if (text.charCodeAt(at) === CLOSE_PAREN) return at + 1;
    const quote = spacesEnd(text, at);
    if (quote === at || text.charCodeAt(quote) !== QUOTE) return -1;
    const close = titleEnd(quote + 1);
    if (close >= text.length || close - (quote + 1) > MAX_TITLE) return -1;
    return text.charCodeAt(close + 1) === CLOSE_PAREN ? close + 2 : -1;
  };
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const open = text.charCodeAt(i) === BANG ? i + 1 : i;
    if (text.charCodeAt(open) !== OPEN_BRACKET) {
      i++;
      continue;
    }
    const close = labelEnd(open + 1);
    let end = -1;
    if (close - (open + 1) <= MAX_LABEL && text.charCodeAt(close) === CLOSE_BRACKET) {
      if (text.charCodeAt(close + 1) === OPEN_PAREN) {
        const url = urlEnd(close + 2);
        if (url - (close + 2) <= MAX_URL) {
          if (tailOf !== url) {
            tailOf = url;
            tail = afterUrl(url);
          }
          end = tail;
        }
      }
    }
    if (end < 0) {
      i++;
      continue;
    }
    out += text.slice(copied, i) + text.slice(open + 1, close);
    copied = end;
    i = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** `<https://example.com/x>` → `https://example.com/x` (`http:` and `https:` only). */
export function replaceAutolinks(text: string): string {
  if (!text.includes('<')) return text;
  const urlEnd = forwardSearch(text, (c) => c === GREATER || isSpace(c));
  let out = '';
  let copied = 0;
  let i = text.indexOf('<');
  while (i >= 0) {
    let next = i + 1;
    if (text.startsWith('http', i + 1)) {
      let colon = i + 5;
      if (text.charCodeAt(colon) === 0x73) colon++;
      if (text.charCodeAt(colon) === COLON) {
        const end = urlEnd(colon + 1);
        const length = end - (colon + 1);
        if (length >= 1 && length <= MAX_AUTOLINK && text.charCodeAt(end) === GREATER) {
          out += text.slice(copied, i) + text.slice(i + 1, end);
          copied = end + 1;
          next = end + 1;
        }
      }
    }
    i = text.indexOf('<', next);
  }
  return copied === 0 ? text : out + text.slice(copied);
}
