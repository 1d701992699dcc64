/**
 * The worst markdown we know for each scanner of postmortemFromMarkdown: long runs of spaces, of
 * markers, of openings that never close, of label words. Several made the patterns these
 * scanners replaced quadratic (at 20,000 characters: a heading of spaces before `x\u2028` 1.6 s,
 * `owner` before spaces 0.8 s, `(` before spaces 0.6 s, a question before spaces 0.6 s, a separator
 * cell before spaces 0.5 s, `due` before spaces 0.4 s). Read by markdown-linear.test.ts.
 */

/** `unit` repeated to about `n` characters (whole units, so both sizes end the same way). */
export const run = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length));

/** Each builds a document of about `n` characters. */
export const WORST_MARKDOWN: Readonly<Record<string, (n: number) => string>> = {
  'one line of spaces': (n) => run(' ', n),
  'blank lines': (n) => run('\n', n),
  'spaces and U+2028': (n) => run(' \u2028', n),
  'a heading before spaces': (n) => `# a${run(' ', n)}b`,
  'a heading of closing hashes': (n) => `## a${run(' #', n)}`,
  'a heading of spaces before a line separator': (n) => `# a${run(' ', n)}x\u2028`,
  'a list item before spaces': (n) => `- ${run(' ', n)}x`,
  'a task box before spaces and a line separator': (n) => `- [x]${run(' ', n)}\u2028`,
  'list markers': (n) => run('- ', n),
  'numbered markers': (n) => run('1234567890.', n),
  'a table row of pipes': (n) => `|${run('|', n)}`,
  'a table row before spaces': (n) => `| a${run(' ', n)}|${run(' ', 1000)}x`,
  'a separator of cells': (n) => `| a |\n|${run('--|', n)}`,
  'a separator that fails at the end': (n) => `${run(':--:|', n)}x`,
  'a separator cell before spaces': (n) => `| a |\n--${run(' ', n)}x`,
  'front matter key before spaces': (n) => `---\na:${run(' ', n)}\u2028\n---`,
  'a long front matter key': (n) => `---\n${run('a', n)}\n---`,
  'preamble facts': (n) => run('Key: value  ', n),
  'a fact label before spaces': (n) => `Authors:${run(' ', n)}`,
  'link openings': (n) => run('[', n),
  'image openings': (n) => run('![', n),
  'links without a closing parenthesis': (n) => run('[](', n),
  'a link before spaces': (n) => `[a](b${run(' ', n)}`,
  'an unclosed link title': (n) => `[a](b "${run('x', n)}`,
  'many links': (n) => run('[a](https://x "t") ', n),
  'autolink openings': (n) => run('<http:', n),
  'an autolink past its limit': (n) => `<https:${run('a', n)}>`,
  'emphasis and escapes': (n) => run('*_`~\\', n),
  'five whys questions': (n) => `## Five whys\n\n${run('?', n)}`,
  'a question before spaces': (n) => `## Five whys\n\nwhy?${run(' ', n)}`,
  'a question before spaces and a line separator': (n) => `## Five whys\n\nwhy?${run(' ', n)}x\u2028y`,
  'questions and spaces': (n) => `## Five whys\n\n${run('a? ', n)}\u2028`,
  'owner words': (n) => `## Action items\n\n- ${run('owner ', n)}`,
  'due words': (n) => `## Action items\n\n- ${run('due date ', n)}`,
  'a label before spaces': (n) => `## Action items\n\n- owner${run(' ', n)}!`,
  'a long owner name': (n) => `## Action items\n\n- owner: ${run('a', n)}`,
  mentions: (n) => `## Action items\n\n- ${run(' @', n)}`,
  'a parenthesis before spaces': (n) => `## Action items\n\n- x (${run(' ', n)}x`,
  'due before spaces': (n) => `## Action items\n\n- due${run(' ', n)}x`,
  parentheses: (n) => `## Action items\n\n- x ${run('( ', n)}`,
  'empty parentheses': (n) => `## Action items\n\n- x ${run('( , )', n)}`,
  'a cancelled status cell': (n) =>
    `## Action items\n\n| Action | Status |\n|---|---|\n| x | ${run('cancel', n)} |`,
  'action item lines': (n) => `## Action items\n\n${run('- [ ] Fix it (owner: a, due 2026-12-01)\n', n)}`,
  'timeline times': (n) => `## Timeline\n\n- ${run('1:2', n)}`,
  'timeline rows': (n) => `## Timeline\n\n${run('- 2026-11-24 23:50 UTC — alert\n', n)}`,
  'comment openings': (n) => run('<!--\n', n),
  fences: (n) => run('```\n', n),
  'lazy continuations': (n) => `- a\n${run('  b\n', n)}`,
  'due words before month dates': (n) => `## Action items\n\n- ${run('due Dec 15, 202 by 3 Sept ', n)}`,
  'owner names before label words': (n) => `## Action items\n\n- ${run('owner: a due ', n)}`,
  'setext headings': (n) => run('a\n---\n', n),
  'setext underlines': (n) => `a\n${run('=', n)}`,
  'headings of every level': (n) => run('# a\n## b\n### c\n#### d\ntext\n', n),
  'preamble prose lines': (n) => `# T\n\n${run('Dave: x\nline\n', n)}`,
  'a front matter flow list': (n) => `---\nauthors: [${run('"a, b", ', n)}]\n---`,
  'a front matter flow list of quotes': (n) => `---\nauthors: [${run('a"\'', n)}]\n---`,
  'a front matter block list': (n) => `---\nauthors:\n${run('  - a\n', n)}---`,
};
