// The Postgres store's outbox: claims under a lease (FOR UPDATE SKIP LOCKED), outcomes, dead
// letters and redrives. Every time comes from the caller's now, never the database's now().
import type { Message } from '../comms/index.js';
import { IncidentKitError, invalidInput } from '../model/index.js';
import type {
  ClaimOptions,
  DeliveryOutcome,
  IncidentStore,
  OutboxIncidentContext,
  OutboxRow,
  OutboxStatus,
} from './incident-store.js';
import { int, type PgRunner } from './postgres-client.js';
import {
  checkClaim,
  checkOutcome,
  checkPage,
  checkRowId,
  checkStateKey,
  checkStreamId,
  rowCursor,
  rowNotFound,
} from './store-input.js';

const optionalInt = (value: unknown): number | undefined =>
  value === null || value === undefined ? undefined : Number(value);

function rowFrom(r: Record<string, unknown>): OutboxRow {
  const deliveredAt = optionalInt(r.delivered_at);
  const leaseUntil = optionalInt(r.lease_until);
  return {
    id: String(r.id),
    incidentId: String(r.incident_id),
    notifier: String(r.notifier),
    message: JSON.parse(String(r.message)) as Message,
    incident: JSON.parse(String(r.incident)) as OutboxIncidentContext,
    sequence: int(r.sequence),
    status: String(r.status) as OutboxStatus,
    attempts: int(r.attempts),
    dueAt: int(r.due_at),
    createdAt: int(r.created_at),
    ...(deliveredAt === undefined ? {} : { deliveredAt }),
    ...(r.last_error === null || r.last_error === undefined ? {} : { lastError: String(r.last_error) }),
    ...(r.lease_owner === null || r.lease_owner === undefined ? {} : { leaseOwner: String(r.lease_owner) }),
    ...(leaseUntil === undefined ? {} : { leaseUntil }),
  };
}

/** The outbox methods of a Postgres store on `db`, schema `s` (quoted). */
export function outboxMethods(
  db: PgRunner,
  s: string,
): Pick<IncidentStore, 'claim' | 'settle' | 'deadLetters' | 'redrive' | 'outbox'> {
  return {
    async claim(claimOptions: ClaimOptions) {
      const { now, limit, leaseMs, owner, notifiers } = checkClaim(claimOptions);
      const params: unknown[] = [now, now + leaseMs, owner, limit];
      let only = '';
      if (notifiers !== undefined) {
        params.push(JSON.stringify(notifiers));
        only = `AND notifier IN (SELECT json_array_elements_text($5::json))`;
      }
      // Heads first (the lowest pending sequence per incident and notifier, leased or not), then
      // lock the due, unleased ones; SKIP LOCKED leaves rows another deliverer is claiming.
      const sql = `
        UPDATE ${s}.outbox AS o SET lease_owner = $3, lease_until = $2, attempts = o.attempts + 1
        WHERE o.id IN (
          SELECT c.id FROM ${s}.outbox AS c
          WHERE c.id IN (
            SELECT DISTINCT ON (incident_id, notifier) id FROM ${s}.outbox
            WHERE status = 'pending' ${only}
            ORDER BY incident_id, notifier, sequence
          )
          AND c.status = 'pending' AND c.due_at <= $1 AND (c.lease_until IS NULL OR c.lease_until <= $1)
          ORDER BY c.due_at, c.created_at, c.id
          LIMIT $4
          FOR UPDATE SKIP LOCKED
        )
        AND o.status = 'pending' AND (o.lease_until IS NULL OR o.lease_until <= $1)
        RETURNING o.*`;
      const { rows } = await db.transaction((q) => q.query(sql, params));
      return rows
        .map(rowFrom)
        .sort(
          (a, b) =>
            a.dueAt - b.dueAt || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
        );
    },

    async settle(rowId: string, owner: string, outcome: DeliveryOutcome) {
      const id = checkRowId(rowId);
      const who = checkStateKey(owner);
      const result = checkOutcome(outcome);
      let set: string;
      const params: unknown[] = [id, who];
      switch (result.kind) {
        case 'delivered':
          set = `status = 'delivered', delivered_at = $3`;
          params.push(result.at);
          break;
        case 'retry':
          set = `due_at = $3, last_error = $4`;
          params.push(result.dueAt, result.error);
          break;
        case 'dead':
          set = `status = 'dead', last_error = $3`;
          params.push(result.error);
          break;
      }
      const { rows } = await db.transaction((q) =>
        q.query(
          `UPDATE ${s}.outbox SET ${set}, lease_owner = NULL, lease_until = NULL
           WHERE id = $1 AND lease_owner = $2 AND status = 'pending' RETURNING id`,
          params,
        ),
      );
      if (rows.length > 0) return true;
      const exists = await db.read((q) => q.query(`SELECT 1 FROM ${s}.outbox WHERE id = $1`, [id]));
      if (exists.rows.length === 0) throw rowNotFound(id);
      return false;
    },

    async deadLetters(page) {
      const p = checkPage(page);
      const params: unknown[] = [p.limit + 1];
      let after = '';
      if (p.after !== undefined) {
        params.push(p.after.createdAt, p.after.id);
        after = `AND (created_at, id) > ($2, $3 COLLATE "C")`;
      }
      const { rows } = await db.read((q) =>
        q.query(
          `SELECT * FROM ${s}.outbox WHERE status = 'dead' ${after} ORDER BY created_at, id LIMIT $1`,
          params,
        ),
      );
      const items = rows.slice(0, p.limit).map(rowFrom);
      const last = items[items.length - 1];
      return rows.length > p.limit && last !== undefined ? { items, nextCursor: rowCursor(last) } : { items };
    },

    async redrive(rowId: string, redriveOptions: { readonly now: number }) {
      const id = checkRowId(rowId);
      const now = (redriveOptions as { now?: unknown } | undefined)?.now;
      if (typeof now !== 'number' || !Number.isSafeInteger(now) || now < 0) {
        throw invalidInput('options.now', 'expected epoch ms (a non-negative integer)');
      }
      const { rows } = await db.transaction((q) =>
        q.query(
          `WITH before AS (SELECT id, status FROM ${s}.outbox WHERE id = $1 FOR UPDATE),
                moved AS (UPDATE ${s}.outbox SET status = 'pending', due_at = $2, attempts = 0,
                            lease_owner = NULL, lease_until = NULL
                          WHERE id = $1 AND status = 'dead' RETURNING id)
           SELECT before.status FROM before`,
          [id, now],
        ),
      );
      if (rows[0] === undefined) throw rowNotFound(id);
      if (rows[0].status === 'delivered') {
        throw new IncidentKitError(
          'INVALID_INPUT',
          `outbox row ${id} was delivered; only dead letters are redriven`,
          {
            issues: [{ path: 'rowId', message: 'was delivered, not dead-lettered' }],
            eventId: id,
          },
        );
      }
    },

    async outbox(incidentId: string) {
      const id = checkStreamId(incidentId);
      const { rows } = await db.read((q) =>
        q.query(`SELECT * FROM ${s}.outbox WHERE incident_id = $1 ORDER BY created_at, notifier, sequence`, [
          id,
        ]),
      );
      return rows.map(rowFrom);
    },
  };
}
