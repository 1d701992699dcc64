import { IncidentKitError, isIncidentKitError } from '../model/index.js';
import type { ManagerContext } from './transact.js';

/** Delivery settings of one round. */
export interface DeliverOptions {
  readonly now: number;
  /** Rows claimed per round (default 100). */
  readonly limit?: number;
  /** Attempts before a row is dead-lettered (default 8). */
  readonly maxAttempts?: number;
  /** How long a claim is held while sending (default 60 s). */
  readonly leaseMs?: number;
}

/** What one delivery round did. */
export interface DeliverResult {
  readonly delivered: number;
  readonly retried: number;
  readonly dead: number;
}

/** One round: claim due rows, send each through its notifier, record the outcome. */
export async function deliverRound(ctx: ManagerContext, options: DeliverOptions): Promise<DeliverResult> {
  const { now } = options;
  const owner = ctx.ids.newId('msg');
  let delivered = 0;
  let retried = 0;
  let dead = 0;
  const limit = options.limit ?? 100;
  for (let total = 0; total < limit; ) {
    // Rows of one incident and notifier are claimed one at a time (in order), so claim again.
    const rows = await ctx.store.claim({
      now,
      limit: limit - total,
      leaseMs: options.leaseMs ?? 60_000,
      owner,
    });
    if (rows.length === 0) break;
    total += rows.length;
    await sendAll(rows);
  }
  return { delivered, retried, dead };

  async function sendAll(rows: readonly import('../adapters/index.js').OutboxRow[]): Promise<void> {
    for (const row of rows) {
      const notifier = ctx.notifiers.find((n) => n.name === row.notifier);
      try {
        if (notifier === undefined)
          throw new IncidentKitError('DELIVERY_FAILED', `no notifier ${row.notifier}`, { permanent: true });
        await notifier.send(row.message, {
          idempotencyKey: row.id,
          attempt: row.attempts,
          incident: row.incident,
          state: { get: (k) => ctx.store.getState(k), set: (k, v) => ctx.store.setState(k, v) },
        });
        await ctx.store.settle(row.id, owner, { kind: 'delivered', at: now });
        delivered++;
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        const permanent =
          isIncidentKitError(error) && (error.details as { permanent?: boolean }).permanent === true;
        if (permanent || row.attempts >= (options.maxAttempts ?? 8)) {
          await ctx.store.settle(row.id, owner, { kind: 'dead', at: now, error: text });
          dead++;
        } else {
          await ctx.store.settle(row.id, owner, {
            kind: 'retry',
            at: now,
            dueAt: now + 1_000 * 2 ** row.attempts,
            error: text,
          });
          retried++;
        }
      }
    }
  }
}
