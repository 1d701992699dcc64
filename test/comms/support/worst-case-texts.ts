/**
 * Worst cases for the patterns the comms paths used to have (and for the ones they have now), each
 * a 20,000-character value: long whitespace runs with and without line breaks, Unicode spaces,
 * backslash runs, entities, mentions, template braces, host-like dots.
 */
export const WORST_CASE_TEXTS: Readonly<Record<string, string>> = {
  'spaces without a line break': `a${' '.repeat(19_998)}b`,
  'spaces around line breaks': ` \n${' '.repeat(9_997)}\n `.padEnd(20_000, ' '),
  'Unicode spaces': `x${'\u3000\u00A0\u2003'.repeat(6_665)}\n#`,
  backslashes: `${'\\'.repeat(19_999)}*`,
  entities: '&amp;'.repeat(4_000),
  mentions: '@a#b'.repeat(5_000),
  braces: '{{ '.repeat(6_666),
  'dots before letters': 'a.b'.repeat(6_666),
  'host names': 'db-1.eu.example.com '.repeat(1_000),
  'tabs and returns': '\t\r\n'.repeat(6_666),
};
