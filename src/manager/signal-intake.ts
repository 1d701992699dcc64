import * as z from 'zod/mini';
import type { Signal, SignalKey } from '../adapters/index.js';
import { LIMITS } from '../internal/limits.js';
import { parseWith } from '../internal/validate.js';
import {
  ImpactSchema,
  type Incident,
  type IncidentEvent,
  type IncidentEventOf,
  isIncidentKitError,
  TimestampSchema,
} from '../model/index.js';
import { built, lazy } from '../model/lazy.js';
import { declareStep, holdsEvent, notFound } from './apply-command.js';
import { decideCommand } from './decide-command.js';
import { derivedId } from './derived-id.js';
import { MANAGER_ACTOR } from './reminders.js';
import type { ManagerContext, StepResult } from './transact.js';
import { transact } from './transact.js';

/**
 * What `manager.signal` did with an alert: declared an incident for a new firing, attached a
 * repeat to the open incident that has its key, noted a resolved alert on it, or ignored a
 * resolved alert no open incident has (people closed it already).
 *
 * @example
 * ```ts
 * import type { SignalResult } from 'incidentkit/manager';
 * function describe(result: SignalResult): string {
 *   return result.action === 'ignored' ? 'nothing open' : `${result.action} ${result.incident.id}`;
 * }
 * ```
 */
export type SignalResult =
  | { readonly action: 'declared' | 'attached' | 'noted'; readonly incident: Incident }
  | { readonly action: 'ignored'; readonly incident: undefined };

const keyText = () => z.string().check(z.minLength(1), z.maxLength(200));

const SignalSchema = /*#__PURE__*/ lazy(() =>
  z.strictObject({
    source: keyText(),
    dedupKey: keyText(),
    status: z.enum(['firing', 'resolved']),
    title: z.string().check(z.minLength(1), z.maxLength(LIMITS.title)),
    at: built(TimestampSchema),
    impact: z.optional(built(ImpactSchema)),
    labels: z.optional(
      z.record(z.string().check(z.maxLength(200)), z.string().check(z.maxLength(LIMITS.text))),
    ),
  }),
);

/** A label value usable as a service or category name (the DECLARE bounds), or undefined. */
function labelName(labels: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  const value = labels !== undefined && Object.hasOwn(labels, key) ? labels[key] : undefined;
  return value !== undefined && value.trim() !== '' && value.length <= LIMITS.name ? value : undefined;
}

/**
 * The id of the event a signal leads to on one incident: the same for the same alert state sent
 * twice (Alertmanager repeats a firing alert with its `startsAt` every repeat interval), so a
 * redelivered webhook is a no-op, and equal to the DECLARE id when the repeat is of the signal
 * that declared the incident.
 */
function signalEventId(incidentId: string, signal: Signal): string {
  return derivedId('evt', 's', [incidentId, signal.source, signal.dedupKey, signal.status, signal.at]);
}

function declareInput(incidentId: string, signal: Signal): IncidentEventOf<'DECLARE'> {
  const service = labelName(signal.labels, 'service');
  const category = labelName(signal.labels, 'alertname');
  return {
    type: 'DECLARE',
    id: signalEventId(incidentId, signal),
    incidentId,
    at: signal.at,
    title: signal.title,
    source: 'monitoring',
    ...(signal.impact === undefined ? {} : { impact: signal.impact }),
    ...(service === undefined ? {} : { services: [service] }),
    ...(category === undefined ? {} : { category }),
  } as IncidentEventOf<'DECLARE'>;
}

function attachStep(ctx: ManagerContext, incidentId: string, signal: Signal) {
  return (current: Incident | undefined, now: number): StepResult => {
    if (current === undefined) throw notFound(incidentId, 'NOTE');
    const id = signalEventId(incidentId, signal);
    if (holdsEvent(current, id)) return { kind: 'done', incident: current };
    const what = signal.status === 'firing' ? 'fired again' : 'resolved';
    // A note may be backfilled from the impact's start on, not before it.
    const floor = current.milestones.startedAt ?? current.milestones.detectedAt;
    const note: IncidentEvent = {
      type: 'NOTE',
      id,
      at: Math.max(signal.at, floor),
      by: MANAGER_ACTOR,
      text: `Alert ${what} (${signal.source} ${signal.dedupKey}): ${signal.title}`.slice(0, LIMITS.text),
    };
    const decided = decideCommand(current, note, {
      policy: ctx.policy,
      now,
      maxClockSkewMs: ctx.maxClockSkewMs,
    });
    if (decided.events.length === 0) return { kind: 'done', incident: current };
    return { kind: 'append', events: decided.events, incident: decided.incident, outbox: [] };
  };
}

/**
 * The detect phase: a new firing (source, dedupKey) declares an incident that holds the key; a
 * repeat while that incident is open (not closed, not cancelled) becomes a timeline note on it; a
 * resolved alert is noted, never resolving the incident by itself (people decide that). The
 * dedup index is the store's, so it holds across replicas: when two replicas declare for one key
 * at once, the store lets one through and the other attaches to it.
 */
export async function intakeSignal(
  ctx: ManagerContext,
  input: unknown,
  attempts = ctx.maxAttempts,
): Promise<SignalResult> {
  const signal = parseWith(SignalSchema(), input, 'signal') as Signal;
  const key: SignalKey = { source: signal.source, dedupKey: signal.dedupKey };
  const incidentId = ctx.ids.newId('inc');
  for (let attempt = 1; ; attempt++) {
    const open = await ctx.store.findSignal(key);
    try {
      if (open === undefined) {
        if (signal.status === 'resolved') return { action: 'ignored', incident: undefined };
        const result = await transact(
          ctx,
          incidentId,
          undefined,
          declareStep(ctx, declareInput(incidentId, signal), [key]),
          {
            maxAttempts: 1,
          },
        );
        return { action: 'declared', incident: result.incident };
      }
      const result = await transact(ctx, open, undefined, attachStep(ctx, open, signal));
      return { action: signal.status === 'firing' ? 'attached' : 'noted', incident: result.incident };
    } catch (error) {
      // Another replica declared for this key first, or the open incident closed meanwhile: look
      // the key up again and go the other way.
      const raced =
        isIncidentKitError(error, 'CONCURRENCY_CONFLICT') ||
        (open !== undefined && isIncidentKitError(error, 'INVALID_TRANSITION'));
      if (raced && attempt < attempts) continue;
      throw error;
    }
  }
}
