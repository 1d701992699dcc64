/**
 * The built-in postmortem sections: ids, default titles, the guiding prompt shown while a section is
 * empty, and which kind of content each holds.
 */

/**
 * The ids of the built-in postmortem sections, in the default order.
 *
 * @example
 * ```ts
 * import { POSTMORTEM_SECTION_IDS } from 'incidentkit/postmortem';
 * POSTMORTEM_SECTION_IDS.includes('rootCause'); // true
 * ```
 */
export const POSTMORTEM_SECTION_IDS = [
  'summary',
  'impact',
  'triggerAndDetection',
  'timeline',
  'rootCause',
  'contributingFactors',
  'fiveWhys',
  'wentWell',
  'couldImprove',
  'gotLucky',
  'actionItems',
  'followUp',
] as const;

/**
 * A built-in section id (see {@link POSTMORTEM_SECTION_IDS}).
 *
 * @example
 * ```ts
 * import type { PostmortemSectionId } from 'incidentkit/postmortem';
 * const id: PostmortemSectionId = 'fiveWhys';
 * ```
 */
export type PostmortemSectionId = (typeof POSTMORTEM_SECTION_IDS)[number];

/**
 * The content kinds a section can hold.
 *
 * @example
 * ```ts
 * import type { PostmortemContentKind } from 'incidentkit/postmortem';
 * const kind: PostmortemContentKind = 'timeline';
 * ```
 */
export type PostmortemContentKind =
  | 'text'
  | 'list'
  | 'whys'
  | 'impact'
  | 'detection'
  | 'timeline'
  | 'actionItems'
  | 'followUp';

interface BuiltInSection {
  readonly title: string;
  readonly kind: PostmortemContentKind;
  readonly required: boolean;
  readonly prompt: string;
}

/** Default title, content kind, requiredness and prompt of each built-in section. */
export const BUILT_IN_SECTIONS: Readonly<Record<PostmortemSectionId, BuiltInSection>> = {
  summary: {
    title: 'Summary',
    kind: 'text',
    required: true,
    prompt:
      'Two or three sentences a busy reader can stop after: what happened, who was affected, how it ended.',
  },
  impact: {
    title: 'Impact',
    kind: 'impact',
    required: true,
    prompt: 'Who and what was affected, for how long, and how badly (users, requests, revenue, data).',
  },
  triggerAndDetection: {
    title: 'Trigger and detection',
    kind: 'detection',
    required: false,
    prompt: 'What set the failure off, and how (and how fast) we found out.',
  },
  timeline: {
    title: 'Timeline',
    kind: 'timeline',
    required: true,
    prompt: 'Key moments in order, with times; decisions marked.',
  },
  rootCause: {
    title: 'Root cause',
    kind: 'text',
    required: true,
    prompt:
      'The conditions in the system that made this failure possible. Make systems the subject, not people.',
  },
  contributingFactors: {
    title: 'Contributing factors',
    kind: 'list',
    required: false,
    prompt: 'What made it worse, longer or harder to see: tooling, process, load, timing.',
  },
  fiveWhys: {
    title: 'Five whys',
    kind: 'whys',
    required: false,
    prompt: 'Ask why the failure happened, then why that was so, until you reach something you can change.',
  },
  wentWell: {
    title: 'What went well',
    kind: 'list',
    required: false,
    prompt: 'What worked and should be kept.',
  },
  couldImprove: {
    title: 'What could improve',
    kind: 'list',
    required: false,
    prompt: 'Where the response, tools or process got in the way.',
  },
  gotLucky: {
    title: 'Where we got lucky',
    kind: 'list',
    required: false,
    prompt: 'What limited the damage by chance rather than design: those are risks to fix too.',
  },
  actionItems: {
    title: 'Action items',
    kind: 'actionItems',
    required: true,
    prompt: 'Concrete changes, each with an owner and a due date: prevent, detect, mitigate, process.',
  },
  followUp: {
    title: 'Follow-up',
    kind: 'followUp',
    required: false,
    prompt: 'When the review meeting is, and anything to check after it.',
  },
};

const BUILT_IN_SET: ReadonlySet<string> = /*#__PURE__*/ new Set<string>(POSTMORTEM_SECTION_IDS);

/** True for a built-in section id. */
export function isBuiltInSectionId(id: string): id is PostmortemSectionId {
  return BUILT_IN_SET.has(id);
}
