import * as z from 'zod/mini';
import { parseWith } from '../internal/validate.js';
import { decide } from '../lifecycle/index.js';
import {
  ActorSchema,
  HttpUrlSchema,
  type Incident,
  type IncidentEvent,
  type IncidentEventInput,
  IncidentKitError,
  type TimeInput,
  TimestampSchema,
} from '../model/index.js';
import { built, lazySchema } from '../model/lazy.js';
import type { SeverityPolicy, SeverityPolicyConfig } from '../severity/index.js';
import { lintPostmortem, type PostmortemLintOptions } from './lint-postmortem.js';
import { postmortemActionItemEvents } from './postmortem-action-item-events.js';
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
  readonly url?: string | undefined;
  /** Who publishes it (the event's `by`). */
  readonly by?: string | undefined;
  /**
   * Lint before publishing (default: yes, with these options) and refuse on error-level findings;
   * `false` publishes without linting.
   */
  readonly lint?: PostmortemLintOptions | false | undefined;
  /**
   * The incident it is the postmortem of. When given, the result's `events` are every event the
   * publication needs — the action items the postmortem adds, then PUBLISH_POSTMORTEM — decided
   * together against the incident as if applied in order, and `incident` is the incident after
   * them. If any of them would be refused, nothing is returned: the error is thrown.
   */
  readonly incident?: Incident | undefined;
  /** The policy to decide those events by (its id must match the incident's stamp). */
  readonly policy?: SeverityPolicy | SeverityPolicyConfig | undefined;
  /** The caller's clock, for the clock-skew check of `decide`. */
  readonly now?: TimeInput | undefined;
}

/** What {@link publishPostmortem} returns. */
export interface PublishedPostmortem {
  readonly postmortem: Postmortem;
  /** The PUBLISH_POSTMORTEM event (as given, before normalising). */
  readonly event: PublishPostmortemEvent;
  /**
   * With `options.incident`: the normalised events to append, in order (action items first, then
   * PUBLISH_POSTMORTEM). Without it: just the PUBLISH_POSTMORTEM event.
   */
  readonly events: readonly (IncidentEvent | PublishPostmortemEvent)[];
  /** With `options.incident`: the incident after the events. */
  readonly incident?: Incident | undefined;
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

const OptionsSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    at: built(TimestampSchema),
    url: z.optional(built(HttpUrlSchema)),
    by: z.optional(built(ActorSchema)),
    lint: z.optional(z.union([z.literal(false), z.unknown()])),
    incident: z.optional(z.unknown()),
    policy: z.optional(z.unknown()),
    now: z.optional(built(TimestampSchema)),
  }),
);

/**
 * Marks a postmortem published and returns it with the events to record on the incident: with
 * `options.incident`, every event the publication needs (the action items the postmortem adds, then
 * `PUBLISH_POSTMORTEM`), checked together as if applied in order — all or nothing — and the
 * incident after them; `PUBLISH_POSTMORTEM` is what lets `CLOSE` pass for severities that require
 * a postmortem. By default the postmortem is linted first and an error-level finding
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
export function publishPostmortem(pm: Postmortem, options: PublishPostmortemOptions): PublishedPostmortem {
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
  const postmortem = { metadata, sections: doc.sections };
  if (opts.incident === undefined) return { postmortem, event, events: [event] };
  const incident = opts.incident as Incident;
  const inputs: IncidentEventInput[] = [
    ...postmortemActionItemEvents(
      doc,
      incident,
      opts.by === undefined ? { at: opts.at } : { at: opts.at, by: opts.by },
    ),
    event,
  ];
  const decideOptions = {
    ...(opts.policy === undefined ? {} : { policy: opts.policy as SeverityPolicy }),
    ...(opts.now === undefined ? {} : { now: opts.now }),
  };
  let current = incident;
  const events: IncidentEvent[] = [];
  for (const input of inputs) {
    const decided = decide(current, input, decideOptions);
    events.push(...decided.events);
    current = decided.incident;
  }
  return { postmortem, event, events, incident: current };
}
