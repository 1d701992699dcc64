import * as z from 'zod/mini';
import { didYouMean } from '../internal/did-you-mean.js';
import { LIMITS } from '../internal/limits.js';
import { invalidIssues, snapshotInput, toIssues } from '../internal/validate.js';
import { IncidentKitError, type IncidentKitIssue } from '../model/index.js';
import { built, lazySchema } from '../model/lazy.js';
import { type SeverityPolicy, severityLevel } from '../severity/index.js';
import { BUILT_IN_SECTIONS, isBuiltInSectionId, POSTMORTEM_SECTION_IDS } from './sections.js';

/**
 * One section of a template as written: a built-in `id` (see `POSTMORTEM_SECTION_IDS`) with
 * optional overrides, or a section of your own (`custom: true`, a `title` required).
 *
 * @example
 * ```ts
 * import type { PostmortemTemplateSection } from 'incidentkit/postmortem';
 * const s: PostmortemTemplateSection = { id: 'fiveWhys', required: true };
 * const own: PostmortemTemplateSection = { id: 'securityReview', custom: true, title: 'Security review' };
 * ```
 */
export interface PostmortemTemplateSection {
  readonly id: string;
  readonly title?: string | undefined;
  readonly required?: boolean | undefined;
  readonly prompt?: string | undefined;
  readonly custom?: boolean | undefined;
}

/**
 * A postmortem template as plain data: the sections (order, titles, which are required) used for
 * every severity, and `bySeverity` lists that replace them for a given severity (keys are
 * severity keys or aliases of the policy's scale: `SEV1`, `P0`).
 *
 * @example
 * ```ts
 * import type { PostmortemTemplateConfig } from 'incidentkit/postmortem';
 * const config: PostmortemTemplateConfig = {
 *   name: 'lightweight',
 *   sections: [{ id: 'summary' }, { id: 'timeline' }, { id: 'rootCause' }, { id: 'actionItems' }],
 * };
 * ```
 */
export interface PostmortemTemplateConfig {
  readonly name?: string | undefined;
  readonly sections?: readonly PostmortemTemplateSection[] | undefined;
  readonly bySeverity?: Readonly<Record<string, readonly PostmortemTemplateSection[]>> | undefined;
}

/**
 * A template section with every default filled in.
 *
 * @example
 * ```ts
 * import { definePostmortemTemplate } from 'incidentkit/postmortem';
 * const [section] = definePostmortemTemplate({ sections: [{ id: 'rootCause' }] }).sections;
 * section?.title; // 'Root cause'
 * ```
 */
export interface ResolvedTemplateSection {
  id: string;
  title: string;
  required: boolean;
  prompt?: string | undefined;
  custom: boolean;
}

/**
 * A validated template (from {@link definePostmortemTemplate}): plain JSON, every section
 * resolved to its id, title, requiredness and prompt.
 *
 * @example
 * ```ts
 * import { defaultPostmortemTemplate } from 'incidentkit/postmortem';
 * defaultPostmortemTemplate.sections.filter((s) => s.required).map((s) => s.id);
 * // ['summary', 'impact', 'timeline', 'rootCause', 'actionItems']
 * ```
 */
export interface PostmortemTemplate {
  name: string;
  sections: ResolvedTemplateSection[];
  bySeverity: Record<string, ResolvedTemplateSection[]>;
}

const SectionSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    id: z.string().check(z.minLength(1), z.maxLength(64)),
    title: z.optional(z.string().check(z.minLength(1), z.maxLength(LIMITS.title))),
    required: z.optional(z.boolean()),
    prompt: z.optional(z.string().check(z.maxLength(LIMITS.reason))),
    custom: z.optional(z.boolean()),
  }),
);
const SectionListSchema = /*#__PURE__*/ lazySchema(() =>
  z.array(built(SectionSchema)).check(z.minLength(1), z.maxLength(50)),
);
const severityLabel = /*#__PURE__*/ lazySchema(() =>
  z
    .string()
    .check(z.minLength(1), z.maxLength(32), z.regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits and _ . -')),
);
const TemplateSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    name: z.optional(z.string().check(z.minLength(1), z.maxLength(LIMITS.name))),
    sections: z.optional(built(SectionListSchema)),
    bySeverity: z.optional(z.record(built(severityLabel), built(SectionListSchema))),
  }),
);

const CUSTOM_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;

function defaultSections(): ResolvedTemplateSection[] {
  return POSTMORTEM_SECTION_IDS.map((id) => ({
    id,
    title: BUILT_IN_SECTIONS[id].title,
    required: BUILT_IN_SECTIONS[id].required,
    prompt: BUILT_IN_SECTIONS[id].prompt,
    custom: false,
  }));
}

/**
 * The default template: every built-in section in the default order; Summary, Impact, Timeline,
 * Root cause and Action items required.
 *
 * @example
 * ```ts
 * import { defaultPostmortemTemplate } from 'incidentkit/postmortem';
 * defaultPostmortemTemplate.sections.map((s) => s.title)[0]; // 'Summary'
 * ```
 */
export const defaultPostmortemTemplate: PostmortemTemplate = {
  name: 'default',
  sections: /*#__PURE__*/ defaultSections(),
  bySeverity: {},
};

function unknownSectionMessage(id: string): string {
  // `root-cause`, `Root_Cause` or `rootcase` is suggested as `rootCause`.
  const near = didYouMean(id, POSTMORTEM_SECTION_IDS);
  const hint = near ? `did you mean "${near}"? ` : '';
  return `unknown section "${id}"; ${hint}built-in sections are ${POSTMORTEM_SECTION_IDS.join(', ')} (mark a section of your own with custom: true and give it a title)`;
}

function resolveList(
  list: readonly z.output<typeof SectionSchema>[],
  path: string,
  issues: IncidentKitIssue[],
): ResolvedTemplateSection[] {
  const seen = new Set<string>();
  const out: ResolvedTemplateSection[] = [];
  list.forEach((section, i) => {
    const where = `${path}[${i}]`;
    if (seen.has(section.id)) {
      issues.push({ path: `${where}.id`, message: `section "${section.id}" appears twice` });
      return;
    }
    seen.add(section.id);
    if (section.custom) {
      if (isBuiltInSectionId(section.id)) {
        issues.push({
          path: `${where}.id`,
          message: `"${section.id}" is a built-in section; drop custom: true to use it, or pick another id`,
        });
        return;
      }
      if (!CUSTOM_ID.test(section.id)) {
        issues.push({
          path: `${where}.id`,
          message: `custom section "${section.id}" must start with a letter and use letters, digits, _ and -`,
        });
        return;
      }
      if (section.title === undefined) {
        issues.push({ path: `${where}.title`, message: `custom section "${section.id}" needs a title` });
        return;
      }
      const resolved: ResolvedTemplateSection = {
        id: section.id,
        title: section.title,
        required: section.required ?? false,
        custom: true,
      };
      if (section.prompt !== undefined) resolved.prompt = section.prompt;
      out.push(resolved);
      return;
    }
    if (!isBuiltInSectionId(section.id)) {
      issues.push({ path: `${where}.id`, message: unknownSectionMessage(section.id) });
      return;
    }
    const builtIn = BUILT_IN_SECTIONS[section.id];
    out.push({
      id: section.id,
      title: section.title ?? builtIn.title,
      required: section.required ?? builtIn.required,
      prompt: section.prompt ?? builtIn.prompt,
      custom: false,
    });
  });
  return out;
}

/**
 * Validates a template (plain JSON, e.g. read from a file) and fills in defaults: a built-in
 * section keeps its default title, prompt and requiredness unless overridden. An unknown section
 * id is `INVALID_INPUT` naming it (`template.sections[2].id`), with a suggestion when it is a
 * near miss (`root-cause` → `rootCause`). Sections of your own need `custom: true` and a title.
 *
 * @example
 * ```ts
 * import { definePostmortemTemplate } from 'incidentkit/postmortem';
 * const template = definePostmortemTemplate({
 *   name: 'payments',
 *   sections: [{ id: 'summary' }, { id: 'impact' }, { id: 'timeline' }, { id: 'rootCause' }, { id: 'actionItems' }],
 *   bySeverity: {
 *     SEV1: [
 *       { id: 'summary' }, { id: 'impact' }, { id: 'triggerAndDetection', required: true },
 *       { id: 'timeline' }, { id: 'rootCause' }, { id: 'fiveWhys', required: true },
 *       { id: 'regulatoryNotice', custom: true, title: 'Regulatory notification', required: true },
 *       { id: 'actionItems' }, { id: 'followUp' },
 *     ],
 *   },
 * });
 * template.bySeverity.SEV1?.length; // 9
 * ```
 */
export function definePostmortemTemplate(config: PostmortemTemplateConfig = {}): PostmortemTemplate {
  // Read once (bounded; getters and Proxy traps become INVALID_INPUT), then validated.
  const copy = snapshotInput(config, 'template');
  let parsed: ReturnType<typeof TemplateSchema.safeParse>;
  try {
    parsed = TemplateSchema.safeParse(copy);
  } catch (error) {
    // Only what the snapshot keeps as it is (a class instance) can still throw while read.
    throw new IncidentKitError('INVALID_INPUT', 'template: reading it threw', {
      issues: [{ path: 'template', message: 'reading it threw' }],
      cause: error,
    });
  }
  if (!parsed.success) {
    throw invalidIssues(toIssues('template', parsed.error.issues), 'invalid postmortem template: ');
  }
  const input = parsed.data;
  const issues: IncidentKitIssue[] = [];
  const sections = input.sections
    ? resolveList(input.sections, 'template.sections', issues)
    : defaultSections();
  const bySeverity: Record<string, ResolvedTemplateSection[]> = {};
  for (const [severity, list] of Object.entries(input.bySeverity ?? {})) {
    bySeverity[severity] = resolveList(list, `template.bySeverity.${severity}`, issues);
  }
  if (issues.length > 0) throw invalidIssues(issues, 'invalid postmortem template: ');
  const name = input.name ?? (input.sections || input.bySeverity ? 'custom' : 'default');
  return { name, sections, bySeverity };
}

/**
 * The sections a template gives an incident of `severity`: the `bySeverity` list whose key is that
 * severity (or one of its aliases) on the policy's scale, else the template's `sections`.
 * Throws `INVALID_INPUT` when a `bySeverity` key is not on the scale.
 */
export function templateSectionsFor(
  template: PostmortemTemplate,
  severity: string | undefined,
  policy: SeverityPolicy,
): ResolvedTemplateSection[] {
  let chosen: ResolvedTemplateSection[] | undefined;
  for (const [key, list] of Object.entries(template.bySeverity)) {
    const level = severityLevel(policy, key);
    if (!level) {
      const known = policy.scale.map((l) => l.key).join(', ');
      const message = `"${key}" is not a severity of the policy's scale (${known})`;
      throw new IncidentKitError('INVALID_INPUT', `template.bySeverity.${key}: ${message}`, {
        issues: [{ path: `template.bySeverity.${key}`, message }],
      });
    }
    if (
      chosen === undefined &&
      severity !== undefined &&
      level.key === severityLevel(policy, severity)?.key
    ) {
      chosen = list;
    }
  }
  return (chosen ?? template.sections).map((s) => ({ ...s }));
}
