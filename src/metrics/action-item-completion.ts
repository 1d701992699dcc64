import type { TimeInput } from '../model/time.js';
import { type Part, runPart } from './engine/run-part.js';
import { epochOf, fail, fieldOf, isObject, NONE, type Options, ratio, readNow } from './engine/validate.js';
import type { IncidentFacts } from './incident-facts.js';
import type { IncidentFilterOptions } from './incident-filter.js';

/**
 * Options of {@link actionItemCompletion}: `now` (what is overdue) and the usual filters, which
 * select incidents (and so their action items).
 *
 * @example
 * ```ts
 * import type { ActionItemCompletionOptions } from 'incidentkit/metrics';
 * const options: ActionItemCompletionOptions = { now: '2026-12-01T00:00:00Z', severity: ['SEV1', 'SEV2'] };
 * ```
 */
export interface ActionItemCompletionOptions<T extends IncidentFacts = IncidentFacts>
  extends IncidentFilterOptions<T> {
  now: TimeInput;
}

/**
 * An open action item past its due date.
 *
 * @example
 * ```ts
 * import type { OverdueActionItem } from 'incidentkit/metrics';
 * const item: OverdueActionItem = {
 *   incidentId: 'INC-42', itemId: 'act_1', title: 'Add a canary stage', owner: 'carol',
 *   dueAt: 1795000000000, overdueByMs: 86_400_000,
 * };
 * ```
 */
export interface OverdueActionItem {
  readonly incidentId: string | undefined;
  readonly itemId: string;
  readonly title: string;
  readonly owner?: string | undefined;
  readonly dueAt: number;
  readonly overdueByMs: number;
}

/**
 * Follow-through on action items. `completionRate` = done ÷ (total − wontfix). `onTimeRate` =
 * on time ÷ judged, where the judged items are (a) `done` items with both a `dueAt` and a
 * `completedAt`, and (b) `open` items whose `dueAt` is before `now`; on time are the items of (a)
 * with `completedAt` ≤ `dueAt`. Not judged: `wontfix` items, items without a `dueAt`, `done` items
 * without a `completedAt` (whether they were late is unknown), and `open` items not yet due.
 * `overdue` counts the open items past their due date (listed in `overdueItems`, most overdue
 * first); open items without a due date can never be overdue, so set one. Rates are `null` when
 * there is nothing to divide.
 *
 * @example
 * ```ts
 * import { actionItemCompletion } from 'incidentkit/metrics';
 * actionItemCompletion([], { now: 0 }).completionRate; // null
 * ```
 */
export interface ActionItemCompletion {
  readonly total: number;
  readonly done: number;
  readonly wontfix: number;
  readonly open: number;
  readonly overdue: number;
  readonly completionRate: number | null;
  readonly onTimeRate: number | null;
  readonly overdueItems: readonly OverdueActionItem[];
}

/** An action item's time (a time input, in range): the path is only built for an error. */
function itemTime(value: unknown, i: number, j: number, key: string): number | undefined {
  return epochOf(value, i, key, false, `actionItems[${j}]`);
}

/** Counts the action items of incidents as they come. */
export function actionItemCounter(now: number): Part<ActionItemCompletion> {
  // total, done, wontfix, done on time, due (done with a date, or overdue)
  const c = [0, 0, 0, 0, 0];
  const overdueItems: OverdueActionItem[] = [];
  return {
    add(incident, _m, i) {
      const items = fieldOf<readonly unknown[]>(incident.actionItems, i, 'actionItems', 'array') ?? NONE;
      for (let j = 0; j < items.length; j++) {
        const item = items[j] as Options;
        if (!isObject(item)) fail(`incidents[${i}].actionItems[${j}]`, 'an object');
        const { status, id, title, owner } = item;
        if (status !== 'open' && status !== 'done' && status !== 'wontfix')
          fail(`incidents[${i}].actionItems[${j}].status`, 'open, done or wontfix');
        c[0]!++;
        const dueAt = itemTime(item.dueAt, i, j, 'dueAt');
        if (status === 'wontfix') c[2]!++;
        else if (status === 'done') {
          c[1]!++;
          const completedAt = itemTime(item.completedAt, i, j, 'completedAt');
          // Done without a completion time: on time or not is unknown, so it stays out of the rate.
          if (dueAt !== undefined && completedAt !== undefined) {
            c[4]!++;
            if (completedAt <= dueAt) c[3]!++;
          }
        } else if (dueAt !== undefined && dueAt < now) {
          c[4]!++;
          overdueItems.push({
            incidentId: typeof incident.id === 'string' ? incident.id : undefined,
            itemId: String(id),
            title: String(title),
            ...(typeof owner === 'string' ? { owner } : {}),
            dueAt,
            overdueByMs: now - dueAt,
          });
        }
      }
    },
    result() {
      const [total = 0, done = 0, wontfix = 0, onTime = 0, due = 0] = c;
      return {
        total,
        done,
        wontfix,
        open: total - done - wontfix,
        overdue: overdueItems.length,
        completionRate: ratio(done, total - wontfix),
        onTimeRate: ratio(onTime, due),
        // Stable: ties keep the order of the incidents and their items.
        overdueItems: overdueItems.sort((a, b) => b.overdueByMs - a.overdueByMs),
      };
    },
  };
}

/**
 * Whether the action items from incidents get done: totals by status, the completion rate
 * (done ÷ (all − wontfix)), the on-time rate, and the open items past their due date at `now`.
 *
 * @example
 * ```ts
 * import { actionItemCompletion } from 'incidentkit/metrics';
 * const day = 86_400_000;
 * const result = actionItemCompletion(
 *   [
 *     {
 *       id: 'INC-1',
 *       milestones: { detectedAt: 0 },
 *       actionItems: [
 *         { id: 'a1', title: 'Alert on queue depth', status: 'done', dueAt: 7 * day, completedAt: 5 * day },
 *         { id: 'a2', title: 'Add a canary stage', status: 'open', owner: 'carol', dueAt: 14 * day },
 *         { id: 'a3', title: 'Rewrite the scheduler', status: 'wontfix' },
 *       ],
 *     },
 *   ],
 *   { now: 20 * day },
 * );
 * result.completionRate; // 0.5 (1 done of 2 that count)
 * result.overdueItems[0]?.overdueByMs; // 518400000 (6 days)
 * ```
 */
export function actionItemCompletion<T extends IncidentFacts>(
  incidents: readonly T[],
  options: ActionItemCompletionOptions<T>,
): ActionItemCompletion {
  return runPart(incidents, options, ['now'], (o) => actionItemCounter(readNow(o)));
}
