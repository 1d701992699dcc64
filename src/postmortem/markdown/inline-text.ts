/** Inline markdown reduced to the text a reader sees. */

import { lazyRegExp } from '../../model/lazy.js';
import { replaceAutolinks, replaceLinks } from './inline-links.js';

/** A run of `_` after anything but a letter, digit or backslash, or before anything but a letter or digit. */
const UNDERSCORE_EMPHASIS = lazyRegExp('(^|[^\\p{L}\\p{N}\\\\])_+|_+(?![\\p{L}\\p{N}])', 'gu');

// The characters our own renderer inserts (U+200B) and markdown's backslash escapes are not text.
function plain(text: string): string {
  return text
    .replace(/\u200B/g, '')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .trim();
}

/**
 * Inline markdown to the text a reader sees: links keep their label, emphasis and code marks go.
 * Links are read by forward scans and the remaining patterns are single runs, so the work is
 * linear in the text.
 */
export function inlineText(text: string): string {
  const out = replaceAutolinks(replaceLinks(text))
    .replace(/\*+/g, (run, at: number, whole: string) => (whole[at - 1] === '\\' ? run : ''))
    .replace(UNDERSCORE_EMPHASIS(), '$1')
    .replace(/`+/g, '')
    .replace(/~~/g, '');
  return plain(out);
}
