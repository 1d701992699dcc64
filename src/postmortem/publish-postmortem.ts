import * as z from 'zod/mini';
import { parseWith } from '../internal/validate.js';
import {
  ActorSchema,
  type IncidentEventInput,
  IncidentKitError,
  type TimeInput,
  TimestampSchema,
} from '../model/index.js';
import { lintPostmortem, type PostmortemLintOptions } from './lint-postmortem.js';
import { type Postmortem, PostmortemSchema } from './schema.js';

/**
 * Options of {@link publishPostmortem}.
 *
 * @example
 * ```ts
 * import type { PublishPostmortemOptions } from 'incidentkit/postmortem';
 * const options: PublishPostmortemOptions = { at: '2026-11-25T15:00:00Z', url: 'https://wiki.example.com/pm/INC-7', by: 'alice' };
 * ```
 */
export interface PublishPostmortemOptions {
  /** When it is published. */
  readonly at: TimeInput;
  /** Where it is published (http or https). */
  readonly url?: string;
  /** Who publishes it (the event's `by`). */
  readonly by?: string;
  /**
   * Lint before publishing (default: yes, with these options) and refuse on error-level findings;
   * `false` publishes without linting.
   */
  readonly lint?: PostmortemLintOptions | false;
}

/**
 * The `PUBLISH_POSTMORTEM` event to apply to the incident.
 *
 * @example
 * ```ts
 * import type { PublishPostmortemEvent } from 'incidentkit/postmortem';
 * const event: PublishPostmortemEvent = { type: 'PUBLISH_POSTMORTEM', at: '2026-11-25T15:00:00Z' };
 * ```
 */
export type PublishPostmortemEvent = Extract<IncidentEventInput, { type: 'PUBLISH_POSTMORTEM' }>;

const OptionsSchema = z.strictObject({
  at: TimestampSchema,
  url: z.optional(z.url({ protocol: /^https?$/ }).check(z.maxLength(2_000))),
  by: z.optional(ActorSchema),
  lint: z.optional(z.union([z.literal(false), z.unknown()])),
});

/**
 * Marks a postmortem published and returns it with the `PUBLISH_POSTMORTEM` event to record on the
 * incident (`applyEvent(incident, event)`), which is what lets `CLOSE` pass for severities that
 * require a postmortem. By default the postmortem is linted first and an error-level finding
 * (blame language, an action item without owner or due date, an empty required section…) is
 * `GUARD_REJECTED` with the findings as `issues`; pass `lint: false` to skip, or lint options to
 * tune it. Pure: `pm` is not changed.
 *
 * @example
 * ```ts
 * import { declareIncident } from 'incidentkit/lifecycle';
 * import { draftPostmortem, publishPostmortem } from 'incidentkit/postmortem';
 * const { incident } = declareIncident({ title: 'Checkout errors', at: '2026-11-24T09:00:00Z' });
 * const draft = draftPostmortem(incident, { rootCause: 'A config change removed the retry budget.' });
 * const { postmortem, event } = publishPostmortem(draft, { at: '2026-11-25T15:00:00Z', lint: false });
 * postmortem.metadata.status; // 'published'
 * event.type; // 'PUBLISH_POSTMORTEM'
 * ```
 */
export function publishPostmortem(
  pm: Postmortem,
  options: PublishPostmortemOptions,
): { postmortem: Postmortem; event: PublishPostmortemEvent } {
  const doc = parseWith(PostmortemSchema, pm, 'postmortem');
  const opts = parseWith(OptionsSchema, options, 'options');
  if (opts.lint !== false) {
    const lintOptions = (opts.lint ?? {}) as PostmortemLintOptions;
    const errors = lintPostmortem(doc, lintOptions).filter((f) => f.level === 'error');
    if (errors.length > 0) {
      const first = errors[0]!;
      throw new IncidentKitError(
        'GUARD_REJECTED',
        `cannot publish the postmortem of ${doc.metadata.incidentId}: ${errors.length} lint error${errors.length > 1 ? 's' : ''}, first ${first.rule} at ${first.path}: ${first.message} (fix them, disable the rule, or pass lint: false)`,
        {
          incidentId: doc.metadata.incidentId,
          requirement: 'postmortemLint',
          issues: errors.map((f) => ({ path: `postmortem.${f.path}`, message: `${f.rule}: ${f.message}` })),
        },
      );
    }
  }
  const metadata = {
    ...doc.metadata,
    status: 'published' as const,
    publishedAt: doc.metadata.publishedAt ?? opts.at,
  };
  if (opts.url !== undefined) metadata.url = opts.url;
  const event: PublishPostmortemEvent = { type: 'PUBLISH_POSTMORTEM', at: opts.at };
  if (opts.url !== undefined) event.url = opts.url;
  if (opts.by !== undefined) event.by = opts.by;
  return { postmortem: { metadata, sections: doc.sections }, event };
}
