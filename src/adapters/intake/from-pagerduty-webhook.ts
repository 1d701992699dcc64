import * as z from 'zod/mini';
import { LIMITS } from '../../internal/limits.js';
import { parseWith } from '../../internal/validate.js';
import { checkTime, invalidInput } from '../../model/index.js';
import { built, lazySchema } from '../../model/lazy.js';
import type { Signal } from '../signal.js';

// The manager's bound on a signal's dedup key.
const MAX_KEY = 200;

const reference = /*#__PURE__*/ lazySchema(() =>
  z.looseObject({ summary: z.optional(z.nullable(z.string())) }),
);

const IncidentDataSchema = /*#__PURE__*/ lazySchema(() =>
  z.looseObject({
    id: z.string().check(z.minLength(1), z.maxLength(MAX_KEY)),
    type: z.literal('incident'),
    title: z.optional(z.nullable(z.string())),
    status: z.optional(z.string()),
    incident_key: z.optional(z.nullable(z.string().check(z.maxLength(MAX_KEY)))),
    number: z.optional(z.nullable(z.number())),
    html_url: z.optional(z.nullable(z.string())),
    urgency: z.optional(z.nullable(z.string())),
    service: z.optional(z.nullable(built(reference))),
    priority: z.optional(z.nullable(built(reference))),
  }),
);

const EnvelopeSchema = /*#__PURE__*/ lazySchema(() =>
  z.looseObject({
    event: z.looseObject({
      id: z.string(),
      event_type: z.string().check(z.minLength(1)),
      resource_type: z.string(),
      occurred_at: z.string(),
      data: z.unknown(),
    }),
  }),
);

// Incident events that say the problem is (still) there, and the one that says it is over. The
// other V3 event types (annotated, priority_updated, responder.*, service.*) carry no alert state.
const FIRING = new Set([
  'incident.triggered',
  'incident.acknowledged',
  'incident.unacknowledged',
  'incident.reopened',
]);
const RESOLVED = 'incident.resolved';

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Turns a PagerDuty V3 webhook body (`{ event: { id, event_type, resource_type, occurred_at,
 * agent, client, data } }`) into signals: `incident.triggered`, `.acknowledged`, `.unacknowledged`
 * and `.reopened` are `firing`, `incident.resolved` is `resolved`; other event types carry no alert
 * state and give `[]`. `dedupKey` is the incident's `incident_key` (the alert dedup key, so an alert
 * that re-triggers after a resolve stays one incident here), else its id; `title` is its title; `at`
 * is `occurred_at`; `labels` carry `event_type`, `pagerduty_incident`, `urgency`, `service`,
 * `priority` and `html_url` when present. A malformed body is `INVALID_INPUT` naming the field.
 * Check the `X-PagerDuty-Signature` header first with {@link verifyPagerDutySignature}.
 *
 * @param payload - The parsed JSON body of the webhook request.
 * @returns Zero or one signal.
 * @throws IncidentKitError `INVALID_INPUT` when the body is not a V3 webhook payload.
 *
 * @example
 * ```ts
 * import { fromPagerDutyWebhook } from 'incidentkit/adapters';
 * const [signal] = fromPagerDutyWebhook({
 *   event: {
 *     id: '01DEN2ZZ4YX6X6A9A6ZS9XN4WU', event_type: 'incident.triggered', resource_type: 'incident',
 *     occurred_at: '2026-11-24T09:00:00.000Z', agent: null, client: null,
 *     data: { id: 'PGR0VU2', type: 'incident', title: 'Checkout is down', status: 'triggered',
 *       incident_key: 'd3640fbd41094207a1c11e58e46b1662', urgency: 'high' },
 *   },
 * });
 * signal?.status; // 'firing'
 * ```
 */
export function fromPagerDutyWebhook(payload: unknown): Signal[] {
  const { event } = parseWith(EnvelopeSchema, payload, 'payload');
  const firing = FIRING.has(event.event_type);
  if (!firing && event.event_type !== RESOLVED) return [];
  const data = parseWith(IncidentDataSchema, event.data, 'payload.event.data');
  const time = checkTime(event.occurred_at);
  if (!time.ok) throw invalidInput('payload.event.occurred_at', time.message);
  const labels: Record<string, string> = { event_type: event.event_type, pagerduty_incident: data.id };
  if (data.urgency) labels.urgency = data.urgency;
  if (data.service?.summary) labels.service = data.service.summary;
  if (data.priority?.summary) labels.priority = data.priority.summary;
  if (data.html_url) labels.html_url = data.html_url;
  for (const key of Object.keys(labels)) labels[key] = clip(labels[key]!, LIMITS.text);
  const title = data.title?.replace(/\s+/g, ' ').trim() || `PagerDuty incident ${data.id}`;
  return [
    {
      source: 'pagerduty',
      dedupKey: data.incident_key || data.id,
      status: firing ? 'firing' : 'resolved',
      title: clip(title, LIMITS.title),
      at: time.ms,
      labels,
    },
  ];
}
