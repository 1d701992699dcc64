export { type BlameLexicon, blameLexicon } from './blame-lexicon.js';
export { findBlameLanguage } from './find-blame-language.js';
