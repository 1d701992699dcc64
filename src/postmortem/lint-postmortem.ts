import * as z from 'zod/mini';
import { formatTimestamp } from '../internal/format-time.js';
import { parseWith } from '../internal/validate.js';
import { ActorSchema, isImpactUnknown } from '../model/index.js';
import { built, lazyRegExp, lazySchema } from '../model/lazy.js';
import { type BlameLexicon, blameLexicon, findBlameLanguage } from './blame/index.js';
import { type Postmortem, PostmortemSchema, type PostmortemSection } from './schema.js';
import { BUILT_IN_SECTIONS } from './sections.js';
import { vagueActionItem } from './vague-action.js';

/**
 * The lint rules: id → level and what the rule catches. Every rule can be turned off with
 * `disable`.
 *
 * @example
 * ```ts
 * import { POSTMORTEM_LINT_RULES } from 'incidentkit/postmortem';
 * POSTMORTEM_LINT_RULES['blame-language'].level; // 'error'
 * ```
 */
export const POSTMORTEM_LINT_RULES = {
  'blame-language': {
    level: 'error',
    description:
      'Judgement words about people: "careless", "sloppy", "human error", "operator error", "fault of", "rubber-stamped", "didn\'t bother", "should have known", "approved without anyone reading it".',
  },
  'person-as-cause': {
    level: 'error',
    description:
      'A person (a name, a role such as "the on-call engineer", a pronoun) as the subject of a failure: "X broke…", "X failed to…", "X deployed bad code", "Bob\'s typo", "X pushed to production on a Friday", "X ran it against the wrong cluster".',
  },
  counterfactual: {
    level: 'error',
    description:
      'Hindsight about a person: "X should have…", "had X tested…", "if X had…", "X could have prevented…".',
  },
  'vague-action-item': {
    level: 'warning',
    description:
      'Open action items with no concrete object: "be more careful", "improve monitoring", "investigate further".',
  },
  'action-item-owner': { level: 'error', description: 'Open action items without an owner.' },
  'action-item-due-date': { level: 'error', description: 'Open action items without a due date.' },
  'missing-section': {
    level: 'error',
    description:
      'Required sections left empty (error), and a postmortem without a Root cause, Impact or Timeline section (warning).',
  },
  'timeline-order': { level: 'error', description: 'Timeline rows out of time order.' },
  'word-budget': {
    level: 'warning',
    description: 'More words than the budget (default 1000, about two pages), timeline not counted.',
  },
} as const satisfies Record<string, { level: 'error' | 'warning'; description: string }>;

/**
 * A lint rule id (see {@link POSTMORTEM_LINT_RULES}).
 *
 * @example
 * ```ts
 * import type { PostmortemLintRule } from 'incidentkit/postmortem';
 * const off: PostmortemLintRule[] = ['word-budget'];
 * ```
 */
export type PostmortemLintRule = keyof typeof POSTMORTEM_LINT_RULES;

const RULE_IDS = Object.keys(POSTMORTEM_LINT_RULES) as PostmortemLintRule[];

/**
 * One lint finding: the rule, its level, what is wrong and how to rewrite it (`message`), where
 * (`path` into the postmortem, e.g. `sections[4].content.paragraphs[0]`) and, for text rules, the
 * offending words (`excerpt`).
 *
 * @example
 * ```ts
 * import type { PostmortemLintFinding } from 'incidentkit/postmortem';
 * const errors = (findings: PostmortemLintFinding[]) => findings.filter((f) => f.level === 'error');
 * ```
 */
export interface PostmortemLintFinding {
  rule: PostmortemLintRule;
  level: 'error' | 'warning';
  message: string;
  path: string;
  excerpt?: string | undefined;
}

/**
 * Options of {@link lintPostmortem}.
 *
 * @example
 * ```ts
 * import type { PostmortemLintOptions } from 'incidentkit/postmortem';
 * const options: PostmortemLintOptions = { people: ['Dana Whitfield'], wordBudget: 1500, disable: ['counterfactual'] };
 * ```
 */
export interface PostmortemLintOptions {
  /** More names to treat as people (the role holders, authors, reviewers and owners are known already). */
  readonly people?: readonly string[] | undefined;
  /** Words allowed outside the timeline. Default 1000 (about two pages). */
  readonly wordBudget?: number | undefined;
  /** Rule ids to skip. */
  readonly disable?: readonly PostmortemLintRule[] | undefined;
}

const DEFAULT_WORD_BUDGET = 1_000;

const OptionsSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    people: z.optional(z.array(built(ActorSchema)).check(z.maxLength(1_000))),
    wordBudget: z.optional(z.number().check(z.int(), z.gt(0), z.lte(1_000_000))),
    disable: z.optional(
      z.array(z.enum(RULE_IDS as [PostmortemLintRule, ...PostmortemLintRule[]])).check(z.maxLength(50)),
    ),
  }),
);

const BLAME_OPTIONS = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    people: z.optional(z.array(built(ActorSchema)).check(z.maxLength(1_000))),
  }),
);

interface TextSpot {
  readonly path: string;
  readonly text: string;
}

/** Every piece of user text in a section, with its path; `timeline` rows included. */
function textsOf(section: PostmortemSection, base: string): TextSpot[] {
  const c = section.content;
  const spots: TextSpot[] = [];
  const push = (list: readonly string[], field: string) =>
    list.forEach((text, i) => {
      spots.push({ path: `${base}.content.${field}[${i}]`, text });
    });
  switch (c.kind) {
    case 'text':
      push(c.paragraphs, 'paragraphs');
      break;
    case 'list':
      push(c.items, 'items');
      break;
    case 'whys':
      c.steps.forEach((step, i) => {
        if (step.question !== undefined)
          spots.push({ path: `${base}.content.steps[${i}].question`, text: step.question });
        spots.push({ path: `${base}.content.steps[${i}].answer`, text: step.answer });
      });
      break;
    case 'impact':
      push(c.paragraphs, 'paragraphs');
      if (c.mitigation !== undefined) spots.push({ path: `${base}.content.mitigation`, text: c.mitigation });
      if (c.resolution !== undefined) spots.push({ path: `${base}.content.resolution`, text: c.resolution });
      break;
    case 'detection':
      push(c.trigger, 'trigger');
      push(c.detection, 'detection');
      break;
    case 'timeline':
      c.entries.forEach((row, i) => {
        spots.push({ path: `${base}.content.entries[${i}].text`, text: row.text });
      });
      break;
    case 'actionItems':
      c.items.forEach((item, i) => {
        spots.push({ path: `${base}.content.items[${i}].title`, text: item.title });
      });
      break;
    case 'followUp':
      push(c.paragraphs, 'paragraphs');
      break;
    default: {
      const unreachable: never = c;
      return unreachable;
    }
  }
  return spots;
}

function isEmpty(section: PostmortemSection): boolean {
  const c = section.content;
  const blank = (list: readonly string[]) => list.every((p) => p.trim() === '');
  switch (c.kind) {
    case 'text':
      return blank(c.paragraphs);
    case 'list':
      return blank(c.items);
    case 'whys':
      return c.steps.every((s) => s.answer.trim() === '');
    case 'impact':
      return blank(c.paragraphs) && isImpactUnknown(c.impact) && c.services.length === 0;
    case 'detection':
      return blank(c.trigger) && blank(c.detection);
    case 'timeline':
      return c.entries.length === 0;
    case 'actionItems':
      return c.items.length === 0;
    case 'followUp':
      return blank(c.paragraphs) && c.reviewAt === undefined && c.reviewEarliest === undefined;
    default: {
      const unreachable: never = c;
      return unreachable;
    }
  }
}

const WORD = lazyRegExp("[\\p{L}\\p{N}]+(?:['’-][\\p{L}\\p{N}]+)*", 'gu');

function countWords(text: string): number {
  const word = WORD();
  let n = 0;
  word.lastIndex = 0;
  while (word.exec(text) !== null) n++;
  return n;
}

function peopleOf(pm: Postmortem, extra: readonly string[]): string[] {
  const people = [
    ...pm.metadata.authors,
    ...pm.metadata.reviewers,
    ...Object.values(pm.metadata.roles),
    ...extra,
  ];
  for (const section of pm.sections) {
    if (section.content.kind === 'actionItems') {
      for (const item of section.content.items) if (item.owner !== undefined) people.push(item.owner);
    }
  }
  return people;
}

function blameFindings(
  spot: TextSpot,
  lexicon: BlameLexicon,
  enabled: (rule: PostmortemLintRule) => boolean,
) {
  const findings: PostmortemLintFinding[] = [];
  for (const match of findBlameLanguage(spot.text, lexicon)) {
    if (!enabled(match.rule)) continue;
    findings.push({
      rule: match.rule,
      level: POSTMORTEM_LINT_RULES[match.rule].level,
      message: match.message,
      path: spot.path,
      excerpt: match.excerpt,
    });
  }
  return findings;
}

const CORE_SECTIONS = ['impact', 'timeline', 'rootCause'] as const;

/**
 * Checks a postmortem against blameless-review practice and returns findings, errors first within
 * each section (an empty list means clean). Rules (see {@link POSTMORTEM_LINT_RULES}): blame language,
 * a person as the cause, counterfactuals about people, vague / unowned / undated open action
 * items, empty required sections (and missing Root cause / Impact / Timeline), timeline order and
 * the word budget. The language rules are heuristics: they look for who is the subject of a
 * failure (a person or a system), so "the deploy broke the build cache" passes and "Dave broke the
 * build" does not. Names come from the role holders, authors, reviewers and action-item owners,
 * plus `options.people`. Throws `INVALID_INPUT` for a malformed postmortem or options; never for
 * any text inside a valid one.
 *
 * @example
 * ```ts
 * import { declareIncident } from 'incidentkit/lifecycle';
 * import { draftPostmortem, lintPostmortem } from 'incidentkit/postmortem';
 * const { incident } = declareIncident({
 *   title: 'Checkout errors', at: '2026-11-24T09:00:00Z', impact: { customerFacing: true, degraded: true },
 * });
 * const pm = draftPostmortem(incident, {
 *   rootCause: 'Dave pushed a bad config without testing it.',
 *   actionItems: [{ title: 'Be more careful' }],
 * });
 * lintPostmortem(pm, { people: ['Dave'] }).map((f) => f.rule);
 * // ['person-as-cause', 'action-item-owner', 'action-item-due-date', 'vague-action-item']
 * ```
 */
export function lintPostmortem(pm: Postmortem, options: PostmortemLintOptions = {}): PostmortemLintFinding[] {
  const doc = parseWith(PostmortemSchema, pm, 'postmortem');
  const opts = parseWith(OptionsSchema, options ?? {}, 'options');
  const disabled = new Set(opts.disable ?? []);
  const enabled = (rule: PostmortemLintRule) => !disabled.has(rule);
  const lexicon = blameLexicon(peopleOf(doc, opts.people ?? []), Object.keys(doc.metadata.roles));
  const timeZone = doc.metadata.timeZone;
  const findings: PostmortemLintFinding[] = [];
  const add = (rule: PostmortemLintRule, path: string, message: string, excerpt?: string) => {
    if (!enabled(rule)) return;
    const finding: PostmortemLintFinding = { rule, level: POSTMORTEM_LINT_RULES[rule].level, message, path };
    if (excerpt !== undefined) finding.excerpt = excerpt;
    findings.push(finding);
  };

  let words = 0;
  doc.sections.forEach((section, s) => {
    const base = `sections[${s}]`;
    const own: PostmortemLintFinding[] = [];
    const before = findings.length;
    if (section.required && isEmpty(section)) {
      add(
        'missing-section',
        base,
        `required section "${section.title}" is empty${section.prompt ? `: ${section.prompt}` : ''}`,
      );
    }
    const spots = textsOf(section, base);
    for (const spot of spots) {
      findings.push(...blameFindings(spot, lexicon, enabled));
      if (section.content.kind !== 'timeline') words += countWords(spot.text);
    }
    const c = section.content;
    if (c.kind === 'timeline') {
      for (let i = 1; i < c.entries.length; i++) {
        const previous = c.entries[i - 1]!;
        const row = c.entries[i]!;
        if (row.at < previous.at) {
          add(
            'timeline-order',
            `${base}.content.entries[${i}]`,
            `timeline row at ${formatTimestamp(row.at, { timeZone })} comes after one at ${formatTimestamp(previous.at, { timeZone })}; keep the timeline in time order`,
          );
        }
      }
    }
    if (c.kind === 'actionItems') {
      c.items.forEach((item, i) => {
        if (item.status !== 'open') return;
        const path = `${base}.content.items[${i}]`;
        if (item.owner === undefined || item.owner.trim() === '') {
          add(
            'action-item-owner',
            `${path}.owner`,
            `action item "${item.title}" has no owner; an item nobody owns does not get done (and blocks CLOSE)`,
          );
        }
        if (item.dueAt === undefined) {
          add(
            'action-item-due-date',
            `${path}.dueAt`,
            `action item "${item.title}" has no due date; agree one with its owner (and CLOSE needs it)`,
          );
        }
        const vague = vagueActionItem(item.title);
        if (vague)
          add(
            'vague-action-item',
            `${path}.title`,
            `action item "${item.title}" is vague: ${vague.suggestion}`,
            item.title,
          );
      });
    }
    // Errors first within a section, in a stable order.
    own.push(...findings.splice(before));
    own.sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
    findings.push(...own);
  });

  const ids = new Set(doc.sections.map((s) => s.id));
  for (const id of CORE_SECTIONS) {
    if (!ids.has(id) && enabled('missing-section')) {
      findings.push({
        rule: 'missing-section',
        level: 'warning',
        message: `the postmortem has no ${BUILT_IN_SECTIONS[id].title} section: ${BUILT_IN_SECTIONS[id].prompt}`,
        path: 'sections',
      });
    }
  }
  const budget = opts.wordBudget ?? DEFAULT_WORD_BUDGET;
  if (words > budget) {
    add(
      'word-budget',
      'sections',
      `the postmortem has ${words} words outside the timeline (budget ${budget}, about ${Math.max(1, Math.round(budget / 500))} pages); move detail to linked documents so it gets read`,
    );
  }
  return findings;
}

/**
 * The blameless-language rules on one piece of text (a note as it is typed, a Slack message
 * before it is posted): findings for `blame-language`, `person-as-cause` and `counterfactual`,
 * with `path` `text`. `people` adds names to the pronouns, role nouns and common given names the
 * heuristics know.
 *
 * @example
 * ```ts
 * import { lintBlameLanguage } from 'incidentkit/postmortem';
 * lintBlameLanguage('The on-call engineer ignored the alert.').map((f) => f.rule); // ['person-as-cause']
 * lintBlameLanguage('The health check ignored the alert.'); // []
 * ```
 */
export function lintBlameLanguage(
  text: string,
  options: { readonly people?: readonly string[] | undefined } = {},
): PostmortemLintFinding[] {
  const value = parseWith(z.string().check(z.maxLength(1_000_000)), text, 'text');
  const opts = parseWith(BLAME_OPTIONS, options ?? {}, 'options');
  return blameFindings({ path: 'text', text: value }, blameLexicon(opts.people ?? [], []), () => true);
}
