import type { ExternalRef, TrackedStatus } from '../adapters/index.js';
import { LIMITS } from '../internal/limits.js';
import {
  type ActionItem,
  type Incident,
  type IncidentEvent,
  IncidentKitError,
  isIncidentKitError,
} from '../model/index.js';
import { holdsEvent, notFound } from './apply-command.js';
import { decideCommand } from './decide-command.js';
import { derivedId } from './derived-id.js';
import { type ManagerContext, type StepResult, transact } from './transact.js';

/**
 * What one `syncActionItems` round did: items created in a tracker, items whose changes were
 * pushed, completions pulled back as `UPDATE_ACTION_ITEM` events, and what failed (the tracker
 * was down: the next round tries again).
 *
 * @example
 * ```ts
 * import type { SyncResult } from 'incidentkit/manager';
 * const result: SyncResult = { created: 1, updated: 0, completed: 2, failed: [] };
 * ```
 */
export interface SyncResult {
  readonly created: number;
  readonly updated: number;
  readonly completed: number;
  readonly failed: readonly {
    readonly incidentId: string;
    readonly itemId: string;
    readonly error: IncidentKitError;
  }[];
}

const SYNCED_PHASES = ['detect', 'triage', 'mitigate', 'resolve', 'review', 'closed'] as const;

/** What the tracker shows of an item: a change here is pushed with `update`. */
function fingerprint(item: ActionItem): string {
  return JSON.stringify([item.title, item.owner ?? null, item.dueAt ?? null, item.status, item.kind ?? null]);
}

const stateKey = (kind: string, incidentId: string, itemId: string) =>
  `incidentkit:sync:${derivedId(kind, '', [incidentId, itemId])}`;

function asError(error: unknown, tracker: string): IncidentKitError {
  if (isIncidentKitError(error)) return error;
  return new IncidentKitError('DELIVERY_FAILED', `tracker ${tracker} failed`, {
    target: tracker,
    cause: error,
  });
}

function parseRef(json: string | undefined): ExternalRef | undefined {
  if (json === undefined) return undefined;
  try {
    const ref = JSON.parse(json) as ExternalRef;
    return typeof ref?.tracker === 'string' && typeof ref.key === 'string' ? ref : undefined;
  } catch {
    return undefined;
  }
}

function updateStep(ctx: ManagerContext, incidentId: string, event: IncidentEvent) {
  return (current: Incident | undefined, now: number): StepResult => {
    if (current === undefined) throw notFound(incidentId, event.type);
    if (holdsEvent(current, event.id)) return { kind: 'done', incident: current };
    const decided = decideCommand(current, { ...event, at: Math.max(event.at, now) } as IncidentEvent, {
      policy: ctx.policy,
      now,
      maxClockSkewMs: ctx.maxClockSkewMs,
    });
    if (decided.events.length === 0) return { kind: 'done', incident: current };
    return { kind: 'append', events: decided.events, incident: decided.incident, outbox: [] };
  };
}

async function record(
  ctx: ManagerContext,
  incidentId: string,
  itemId: string,
  tag: string,
  tracker: string,
  changes: Record<string, unknown>,
  now: number,
): Promise<void> {
  const event = {
    type: 'UPDATE_ACTION_ITEM',
    id: derivedId('evt', 'x', [incidentId, itemId, tag]),
    at: now,
    by: `tracker:${tracker}`.slice(0, LIMITS.name),
    itemId,
    changes,
  } as IncidentEvent;
  await transact(ctx, incidentId, undefined, updateStep(ctx, incidentId, event), { now });
}

async function syncItem(
  ctx: ManagerContext,
  incident: Incident,
  item: ActionItem,
  now: number,
  counts: { created: number; updated: number; completed: number },
): Promise<void> {
  let ref = item.external;
  if (ref === undefined) {
    if (item.status !== 'open') return;
    const tracker = ctx.trackers[0]!;
    const createdKey = stateKey('c', incident.id, item.id);
    // A ticket created by a round that died before recording it is reused, not created twice.
    ref = parseRef(await ctx.store.getState(createdKey));
    if (ref === undefined) {
      ref = await tracker.create(item, { incidentId: incident.id, incidentTitle: incident.title });
      await ctx.store.setState(createdKey, JSON.stringify(ref));
      counts.created++;
    }
    await ctx.store.setState(stateKey('p', incident.id, item.id), fingerprint(item));
    await record(
      ctx,
      incident.id,
      item.id,
      `link:${ref.tracker}:${ref.key}`,
      ref.tracker,
      { external: ref },
      now,
    );
    return;
  }
  const tracker = ctx.trackers.find((t) => t.name === ref.tracker);
  if (tracker === undefined) return;
  const pushedKey = stateKey('p', incident.id, item.id);
  const shown = fingerprint(item);
  if ((await ctx.store.getState(pushedKey)) !== shown) {
    await tracker.update(ref, item);
    await ctx.store.setState(pushedKey, shown);
    counts.updated++;
  }
  if (item.status !== 'open') return;
  const tracked: TrackedStatus = await tracker.status(ref);
  if (tracked.status === 'open') return;
  const completedAt = tracked.completedAt;
  const changes: Record<string, unknown> =
    tracked.status === 'done' && completedAt !== undefined
      ? { status: tracked.status, completedAt }
      : { status: tracked.status };
  await record(
    ctx,
    incident.id,
    item.id,
    `status:${tracked.status}:${completedAt ?? ''}`,
    ref.tracker,
    changes,
    now,
  );
  // What the tracker shows now is what we pulled: no need to push it back next round.
  await ctx.store.setState(pushedKey, fingerprint({ ...item, status: tracked.status }));
  counts.completed++;
}

/**
 * Pushes new action items to the first tracker and changed ones to the tracker that holds them,
 * and pulls completion back as `UPDATE_ACTION_ITEM` events (`done` with the tracker's completion
 * time, `wontfix` for an item closed as not planned). Each item keeps `external: { tracker, key,
 * url }`, so a second round creates nothing twice.
 */
export async function syncActionItems(ctx: ManagerContext, now: number): Promise<SyncResult> {
  const counts = { created: 0, updated: 0, completed: 0 };
  const failed: { incidentId: string; itemId: string; error: IncidentKitError }[] = [];
  if (ctx.trackers.length === 0) return { ...counts, failed };
  let cursor: string | undefined;
  do {
    const page = await ctx.store.list({
      phase: [...SYNCED_PHASES],
      limit: 500,
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const incident of page.items) {
      for (const item of incident.actionItems) {
        try {
          await syncItem(ctx, incident, item, now, counts);
        } catch (error) {
          failed.push({
            incidentId: incident.id,
            itemId: item.id,
            error: asError(error, item.external?.tracker ?? ctx.trackers[0]!.name),
          });
        }
      }
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return { ...counts, failed };
}
