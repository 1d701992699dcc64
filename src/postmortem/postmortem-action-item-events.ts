import * as z from 'zod/mini';
import { checkIncident } from '../internal/incident-input.js';
import { parseWith } from '../internal/validate.js';
import { type Incident, type IncidentEventInput, type TimeInput, TimestampSchema } from '../model/index.js';
import { built, lazySchema } from '../model/lazy.js';
import { type Postmortem, PostmortemSchema } from './schema.js';

type AddActionItem = Extract<IncidentEventInput, { type: 'ADD_ACTION_ITEM' }>;
type UpdateActionItem = Extract<IncidentEventInput, { type: 'UPDATE_ACTION_ITEM' }>;

const OptionsSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    at: built(TimestampSchema),
    by: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  }),
);

/**
 * The events that record a postmortem's proposed action items on the incident, so they are tracked
 * (owners, due dates, completion metrics) and checked by the CLOSE guard: an `ADD_ACTION_ITEM` for
 * each item the incident does not have yet, followed by an `UPDATE_ACTION_ITEM` when the item is
 * already done or won't be fixed. Items the incident has are skipped, so calling it again adds
 * nothing. Pure: apply the events with `applyEvent`.
 *
 * @example
 * ```ts
 * import { applyEvent, declareIncident } from 'incidentkit/lifecycle';
 * import { draftPostmortem, postmortemActionItemEvents } from 'incidentkit/postmortem';
 * let { incident } = declareIncident({ title: 'Checkout errors', at: '2026-11-24T09:00:00Z' });
 * const pm = draftPostmortem(incident, {
 *   actionItems: [{ id: 'act_canary', title: 'Add a canary stage to checkout-api deploys', owner: 'sam', dueAt: '2026-12-08T17:00:00Z' }],
 * });
 * for (const event of postmortemActionItemEvents(pm, incident, { at: '2026-11-25T10:00:00Z' })) {
 *   incident = applyEvent(incident, event);
 * }
 * incident.actionItems.map((i) => i.id); // ['act_canary']
 * ```
 */
export function postmortemActionItemEvents(
  pm: Postmortem,
  incident: Incident,
  options: { readonly at: TimeInput; readonly by?: string | undefined },
): (AddActionItem | UpdateActionItem)[] {
  const doc = parseWith(PostmortemSchema, pm, 'postmortem');
  const checked = checkIncident(incident);
  const opts = parseWith(OptionsSchema, options, 'options');
  const known = new Set(checked.actionItems.map((item) => item.id));
  const events: (AddActionItem | UpdateActionItem)[] = [];
  const by = opts.by === undefined ? {} : { by: opts.by };
  for (const section of doc.sections) {
    if (section.content.kind !== 'actionItems') continue;
    for (const row of section.content.items) {
      if (known.has(row.id)) continue;
      known.add(row.id);
      const item: AddActionItem['item'] = { id: row.id, title: row.title };
      if (row.owner !== undefined) item.owner = row.owner;
      if (row.dueAt !== undefined) item.dueAt = row.dueAt;
      if (row.kind !== undefined) item.kind = row.kind;
      events.push({ type: 'ADD_ACTION_ITEM', at: opts.at, ...by, item });
      if (row.status !== 'open') {
        const changes: UpdateActionItem['changes'] = { status: row.status };
        if (row.completedAt !== undefined) changes.completedAt = row.completedAt;
        events.push({ type: 'UPDATE_ACTION_ITEM', at: opts.at, ...by, itemId: row.id, changes });
      }
    }
  }
  return events;
}
