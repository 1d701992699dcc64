import { readFile } from 'node:fs/promises';
import { escapePlainText } from '../../internal/escape.js';
import {
  lintPostmortem,
  POSTMORTEM_LINT_RULES,
  type Postmortem,
  type PostmortemLintFinding,
  type PostmortemLintRule,
  parsePostmortem,
  postmortemFromMarkdown,
} from '../../postmortem/index.js';
import { usageError } from '../cli-error.js';
import { type Command, listOption, stringOption } from '../command.js';
import { githubAnnotation } from '../github-annotation.js';
import { writeOutput } from '../output.js';

/** A lint finding placed in its file. */
export interface LocatedFinding extends PostmortemLintFinding {
  readonly file: string;
  readonly line?: number | undefined;
}

/** The source line of a finding: its path, or the nearest enclosing element that has one. */
export function lineOf(lines: Readonly<Record<string, number>>, path: string): number | undefined {
  let p = path;
  while (p !== '') {
    const line = lines[p];
    if (line !== undefined) return line;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return undefined;
}

async function readPostmortem(
  file: string,
): Promise<{ postmortem: Postmortem; lines: Record<string, number> }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string | undefined }).code;
    throw usageError(
      '<postmortem>',
      code === 'ENOENT' ? `${file} not found` : `${file} cannot be read (${code})`,
    );
  }
  if (/\.json$/i.test(file) || /^\s*\{/.test(text)) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw usageError('<postmortem>', `${file} is not valid JSON (${(error as Error).message})`);
    }
    return { postmortem: parsePostmortem(json), lines: {} };
  }
  const { postmortem, lines } = postmortemFromMarkdown(text);
  return { postmortem, lines: { ...lines } };
}

const RULES = Object.keys(POSTMORTEM_LINT_RULES) as PostmortemLintRule[];

/** `incidentkit lint`: blameless-postmortem lint for any markdown (or JSON) postmortem, for CI. */
export const lintCommand: Command = {
  name: 'lint',
  summary: 'Lint postmortems (markdown or JSON) for blame, vague or unowned action items, missing sections',
  usage: 'lint <postmortem.md|json>... [options]',
  description: [
    'Checks postmortems against blameless-review practice. Any markdown postmortem works, not only',
    "incidentkit's: ## headings are sections matched by title, list items or table rows under an",
    'action-items heading are action items. Findings carry the line of the source file. Exits 1 when',
    'any finding is an error, so a postmortems repository can run it in CI (--format github annotates',
    'the pull request).',
    '',
    `Rules: ${RULES.join(', ')}`,
  ].join('\n'),
  options: {
    format: {
      type: 'string',
      short: 'f',
      value: 'format',
      choices: ['text', 'json', 'github'],
      description: 'Output format (default text).',
    },
    people: {
      type: 'string',
      value: 'names',
      multiple: true,
      description: 'More names to treat as people (comma-separated).',
    },
    disable: {
      type: 'string',
      value: 'rules',
      multiple: true,
      description: 'Rules to skip (comma-separated).',
    },
    'word-budget': {
      type: 'string',
      value: 'words',
      description: 'Words allowed outside the timeline (default 1000).',
    },
    out: { type: 'string', short: 'o', value: 'file', description: 'Write to this file instead of stdout.' },
  },
  examples: [
    'incidentkit lint postmortems/*.md',
    'incidentkit lint 2026-11-24-checkout.md --format github --people "Dana Whitfield"',
  ],
  async run(parsed, streams) {
    if (parsed.positionals.length === 0)
      throw usageError('<postmortem>', 'missing; pass one or more postmortem files');
    const format = stringOption(parsed, 'format') ?? 'text';
    const disable = listOption(parsed, 'disable');
    for (const rule of disable) {
      if (!RULES.includes(rule as PostmortemLintRule)) {
        throw usageError('--disable', `unknown rule "${rule}"; rules: ${RULES.join(', ')}`);
      }
    }
    const budgetText = stringOption(parsed, 'word-budget');
    const wordBudget = budgetText === undefined ? undefined : Number(budgetText);
    if (wordBudget !== undefined && !(Number.isInteger(wordBudget) && wordBudget > 0)) {
      throw usageError('--word-budget', `"${budgetText}" is not a positive whole number`);
    }
    const options = {
      people: listOption(parsed, 'people'),
      disable: disable as PostmortemLintRule[],
      ...(wordBudget !== undefined && { wordBudget }),
    };
    const findings: LocatedFinding[] = [];
    for (const file of parsed.positionals) {
      const { postmortem, lines } = await readPostmortem(file);
      for (const finding of lintPostmortem(postmortem, options)) {
        const line = lineOf(lines, finding.path);
        findings.push({ ...finding, file, ...(line !== undefined && { line }) });
      }
    }
    const errors = findings.filter((f) => f.level === 'error').length;
    const warnings = findings.length - errors;
    let text: string;
    if (format === 'json') text = `${JSON.stringify(findings, null, 2)}\n`;
    else if (format === 'github') {
      text = findings
        .map((f) =>
          githubAnnotation(f.level, f.message, {
            file: f.file,
            ...(f.line !== undefined && { line: f.line }),
            title: `postmortem lint: ${f.rule}`,
          }),
        )
        .map((l) => `${l}\n`)
        .join('');
    } else {
      const out = findings.map(
        (f) =>
          `${escapePlainText(f.file)}:${f.line ?? 1}: ${f.level} ${f.rule}: ${escapePlainText(f.message).replace(/\n/g, ' ')}`,
      );
      const files = parsed.positionals.length;
      out.push(
        findings.length === 0
          ? `${files} postmortem${files > 1 ? 's' : ''}: no findings`
          : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${files} postmortem${files > 1 ? 's' : ''}`,
      );
      text = `${out.join('\n')}\n`;
    }
    await writeOutput(text, stringOption(parsed, 'out'), streams);
    return errors > 0 ? 1 : 0;
  },
};
