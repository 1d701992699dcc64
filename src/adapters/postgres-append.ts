// How the Postgres store appends: one statement at a head it knows, else a transaction that
// locks the stream's row and reads what it needs (the authoritative path).
import { canonicalJson } from '../internal/canonical-json.js';
import {
  derivedEventId,
  type Incident,
  type IncidentEvent,
  invalidInput,
  isIncidentKitError,
} from '../model/index.js';
import { CURRENT_EVENT_SCHEMA_VERSION } from './event-upcasters.js';
import { chainHash, GENESIS_HASH } from './hash-chain.js';
import type { AppendResult, OutboxMessageInput } from './incident-store.js';
import { type AppendShape, appendAtHeadSql, PROJECTION_COLUMNS } from './postgres-append-sql.js';
import { constraintOf, int, type PgQueryable, type PgRunner, sqlState } from './postgres-client.js';
import { copiedFrom, projectionOf, type StreamHead, type StreamHeads } from './postgres-heads.js';
import {
  type ProjectionOptions,
  project,
  projectionCheck,
  REPLAY_BATCH,
  readProjection,
} from './projection.js';
import {
  type CheckedAppend,
  commandConflict,
  holdsSignals,
  newEvents,
  outboxEntries,
  signalConflict,
  versionConflict,
} from './store-input.js';

/** What the append paths need of the store they belong to. */
export interface AppendContext {
  readonly db: PgRunner;
  /** The quoted schema name. */
  readonly s: string;
  readonly heads: StreamHeads;
  readonly projection: ProjectionOptions;
  /** The one-statement append's text per everyday shape. */
  readonly statements: Map<string, string>;
  readEvent(row: Record<string, unknown>): IncidentEvent;
  loadEvents(q: PgQueryable, id: string): Promise<IncidentEvent[]>;
  currentVersion(id: string): Promise<number>;
  readHead(id: string): Promise<StreamHead | undefined>;
}

/** The projection row's columns after the incident id, in the order of `PROJECTION_COLUMNS`. */
function projectionValues(incident: Incident, version: number, hash: string, json: string): unknown[] {
  return [
    version,
    incident.phase,
    incident.severity ?? null,
    incident.category ?? null,
    JSON.stringify(incident.services),
    incident.drill,
    incident.milestones.detectedAt,
    hash,
    json,
    projectionCheck(json),
  ];
}

/** An outbox row's notifier, message JSON and incident context JSON. */
function outboxValues(input: OutboxMessageInput): [notifier: string, message: string, incident: string] {
  return [input.notifier, JSON.stringify(input.message), JSON.stringify(input.incident)];
}

/**
 * An append as one statement, when this store knows the stream's head at the expected version
 * (it read it in `get`, or wrote it): the projection is folded from the head it knows, and the
 * statement writes the events, the projection, the outbox rows and the command id only if the
 * stream's row still holds that version and chain hash (the update's row lock and re-check make a
 * concurrent writer wait or find it moved). Writes nothing and returns `undefined` when the
 * locked path must decide (a stored event id or command id, a head that differs); throws
 * `CONCURRENCY_CONFLICT` when the stream moved on.
 */
export async function appendAtHead(
  ctx: AppendContext,
  checked: CheckedAppend,
): Promise<AppendResult | undefined> {
  const { db, s, heads, projection, statements, currentVersion, readHead } = ctx;
  const id = checked.incidentId;
  const { expectedVersion, now, outbox, commandId, signalKeys } = checked.options;
  if (signalKeys.length > 0 || checked.events.length === 0 || checked.events.length >= REPLAY_BATCH)
    return undefined;
  const head = expectedVersion === 0 ? undefined : heads.get(id);
  if (expectedVersion > 0 && head?.version !== expectedVersion) return undefined;
  // The manager decided on a copy of this very head: the incident it decided is the fold.
  const decided = checked.decided;
  const own =
    head !== undefined && decided !== undefined && copiedFrom(decided.before, head) ? decided : undefined;
  const before = head === undefined ? undefined : (own?.before ?? projectionOf(head));
  let added: IncidentEvent[];
  let bodies: string[];
  let incident: Incident;
  try {
    // An id the log holds already is caught by the unique index: the locked path judges it.
    ({ added, bodies } = newEvents(id, checked.events, expectedVersion, () => undefined));
    if (added.length < checked.events.length) return undefined;
    incident =
      own !== undefined && added.every((event, i) => event === checked.events[i])
        ? own.after
        : await project(before, added, projection);
  } catch (error) {
    // The locked path reaches the same verdict with the stored events at hand.
    if (isIncidentKitError(error)) return undefined;
    throw error;
  }
  const version = expectedVersion + added.length;
  const json = JSON.stringify(incident);
  // The values, in the order appendAtHeadSql numbers its parameters.
  const params: unknown[] = [now];
  let hash = head?.hash ?? GENESIS_HASH;
  for (let i = 0; i < added.length; i++) {
    const previous = hash;
    hash = chainHash(previous, bodies[i]!);
    const e = added[i]!;
    params.push(expectedVersion + i + 1, e.id, e.type, JSON.stringify(e), hash, previous);
  }
  params.push(...projectionValues(incident, version, hash, json), id);
  if (head !== undefined) params.push(expectedVersion, head.hash);
  const entries = outboxEntries(id, version, outbox);
  const rows = entries.length;
  for (const { id: rowId, input, nth } of entries) {
    const [notifier, message, context] = outboxValues(input);
    params.push(rowId, notifier, nth, message, context, input.dueAt ?? now);
  }
  if (commandId !== undefined) params.push(commandId, version);
  const signals = before !== undefined && holdsSignals(before.phase) !== holdsSignals(incident.phase);
  if (signals) params.push(holdsSignals(incident.phase));
  const shape: AppendShape = {
    fresh: head === undefined,
    events: added.length,
    outbox: rows,
    command: commandId !== undefined,
    signals,
  };
  // The everyday shapes (a few events and rows) are kept and prepared; rarer ones are built
  // and sent plainly, so a connection never holds more than a few dozen statements per schema.
  const everyday = added.length <= 2 && rows <= 4;
  const key = `${+shape.fresh}${shape.events}.${shape.outbox}${+shape.command}${+shape.signals}`;
  let text = everyday ? statements.get(key) : undefined;
  if (text === undefined) {
    text = appendAtHeadSql(s, shape);
    if (everyday) statements.set(key, text);
  }
  const sql = text;
  let written: boolean;
  try {
    const { rows: result } = await db.read((q) =>
      everyday ? db.prepared(q, sql, params) : q.query(sql, params),
    );
    written = result.length === 1;
  } catch (error) {
    heads.forget(id);
    const state = sqlState(error);
    // A unique index refused a row (a stored event id, a command id seen before): nothing was
    // written, and the locked path tells a repeat from a conflict.
    if (state === '23505') return undefined;
    if (state === '40001' || state === '40P01')
      throw versionConflict(id, expectedVersion, await currentVersion(id));
    throw error;
  }
  if (!written) {
    // The stream moved on (or holds another history at this version): read its head, so the
    // retry decides on what the database holds now without another read.
    const actual = (await readHead(id))?.version ?? 0;
    if (actual !== expectedVersion) throw versionConflict(id, expectedVersion, actual);
    return undefined;
  }
  heads.remember(id, { version, hash, body: json, trusted: true });
  return { version, appended: added, incident };
}

/**
 * An append in a transaction that locks the stream's row and reads what it needs: the
 * authoritative path, for a stream whose head this store does not know, for signal keys and
 * large batches, and for whatever {@link appendAtHead} leaves to it (a stored event id, a
 * command id seen before, a head that moved).
 */
export async function appendLocked(ctx: AppendContext, checked: CheckedAppend): Promise<AppendResult> {
  const { db, s, heads, projection, readEvent, loadEvents, currentVersion } = ctx;
  const id = checked.incidentId;
  const { expectedVersion, now, outbox, commandId, signalKeys } = checked.options;
  // A stale writer is turned away by one plain read, before a transaction is opened: a
  // version only grows, so the in-transaction check below would refuse it too. Under
  // contention most attempts are stale, and each costs a round trip instead of three.
  const seen = await currentVersion(id);
  if (seen !== expectedVersion) throw versionConflict(id, expectedVersion, seen);
  let headAfter: StreamHead | undefined;
  try {
    const result = await db.transaction(async (q): Promise<AppendResult> => {
      // The ids the batch may carry: its own, and the derived ids of the versions it may
      // create (when the expected version holds, which is the only case they matter).
      const candidates = new Set<string>();
      checked.events.forEach((e, i) => {
        if (e.id !== undefined) candidates.add(e.id);
        else
          for (let v = expectedVersion + 1; v <= expectedVersion + i + 1; v++)
            candidates.add(derivedEventId(id, v));
      });
      // One round trip locks the stream, checks the command id, and, only when the version
      // matches, reads the projection and the stored events sharing the batch's ids.
      const head = await q.query(
        `SELECT i.version, i.head_hash,
           CASE WHEN i.version = $2 THEN i.body END AS body,
           CASE WHEN i.version = $2 THEN (
             SELECT json_agg(json_build_array(e.event_id, e.body, e.schema_version))
             FROM json_array_elements_text($3::json) AS c(id)
             JOIN ${s}.events AS e ON e.incident_id = i.incident_id AND e.event_id = c.id
           ) END AS known,
           ($4::text IS NOT NULL AND EXISTS (SELECT 1 FROM ${s}.commands WHERE command_id = $4)) AS command_seen
         FROM ${s}.incidents AS i WHERE i.incident_id = $1 FOR UPDATE OF i`,
        [id, expectedVersion, JSON.stringify([...candidates]), commandId ?? null],
      );
      const current = head.rows[0];
      const actual = current === undefined ? 0 : int(current.version);
      let commandSeen = current?.command_seen === true;
      if (current === undefined && commandId !== undefined) {
        const found = await q.query(`SELECT 1 FROM ${s}.commands WHERE command_id = $1`, [commandId]);
        commandSeen = found.rows.length > 0;
      }
      if (commandSeen && commandId !== undefined)
        throw commandConflict(id, commandId, expectedVersion, actual);
      if (expectedVersion !== actual) throw versionConflict(id, expectedVersion, actual);
      const known = new Map<string, string>();
      const knownRows = current?.known;
      if (knownRows !== null && knownRows !== undefined) {
        const list = (typeof knownRows === 'string' ? JSON.parse(knownRows) : knownRows) as [
          string,
          string,
          number,
        ][];
        for (const [eventId, body, schemaVersion] of list)
          known.set(eventId, canonicalJson(readEvent({ body, schema_version: schemaVersion })));
      }
      const { added, bodies } = newEvents(id, checked.events, actual, (eventId) => known.get(eventId));
      if (added.length === 0) {
        if (current === undefined) throw invalidInput('events', 'a new incident needs at least its DECLARE');
        return {
          version: actual,
          appended: [],
          incident: readProjection(String(current.body), current.body_check),
        };
      }
      const before =
        current === undefined ? undefined : readProjection(String(current.body), current.body_check);
      const incident = await project(before, added, projection, () => loadEvents(q, id));
      const version = actual + added.length;

      let previousHash = current === undefined ? GENESIS_HASH : String(current.head_hash);
      const values: unknown[] = [];
      const tuples: string[] = [];
      for (let i = 0; i < added.length; i++) {
        const hash = chainHash(previousHash, bodies[i]!);
        const e = added[i]!;
        const p = values.length;
        tuples.push(
          `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}, $${p + 8}, $${p + 9})`,
        );
        values.push(
          id,
          actual + i + 1,
          e.id,
          e.type,
          CURRENT_EVENT_SCHEMA_VERSION,
          JSON.stringify(e),
          hash,
          previousHash,
          now,
        );
        previousHash = hash;
      }
      await q.query(
        `INSERT INTO ${s}.events (incident_id, version, event_id, event_type, schema_version, body, hash, previous_hash, written_at)
         VALUES ${tuples.join(', ')}`,
        values,
      );
      const json = JSON.stringify(incident);
      await q.query(
        `INSERT INTO ${s}.incidents (incident_id, ${PROJECTION_COLUMNS.join(', ')})
         VALUES ($1, ${PROJECTION_COLUMNS.map((_, i) => `$${i + 2}`).join(', ')})
         ON CONFLICT (incident_id) DO UPDATE SET ${PROJECTION_COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
        [id, ...projectionValues(incident, version, previousHash, json)],
      );
      const open = holdsSignals(incident.phase);
      if (before !== undefined && holdsSignals(before.phase) !== open) {
        await q.query(`UPDATE ${s}.signals SET open = $2 WHERE incident_id = $1`, [id, open]);
      }
      for (const key of signalKeys) {
        const taken = await q.query(
          `INSERT INTO ${s}.signals (source, dedup_key, incident_id, open) VALUES ($1, $2, $3, $4)
           ON CONFLICT (source, dedup_key) DO UPDATE SET incident_id = EXCLUDED.incident_id, open = EXCLUDED.open
           WHERE ${s}.signals.incident_id = EXCLUDED.incident_id OR NOT ${s}.signals.open
           RETURNING incident_id`,
          [key.source, key.dedupKey, id, open],
        );
        if (taken.rows.length === 0) {
          const holder = await q.query(
            `SELECT incident_id FROM ${s}.signals WHERE source = $1 AND dedup_key = $2`,
            [key.source, key.dedupKey],
          );
          throw signalConflict(id, key, String(holder.rows[0]?.incident_id ?? '?'), actual);
        }
      }
      if (commandId !== undefined) {
        await q.query(`INSERT INTO ${s}.commands (command_id, incident_id, version) VALUES ($1, $2, $3)`, [
          commandId,
          id,
          version,
        ]);
      }
      if (outbox.length > 0) {
        const { rows } = await q.query(
          `SELECT notifier, max(sequence) AS n FROM ${s}.outbox WHERE incident_id = $1 GROUP BY notifier`,
          [id],
        );
        // Each notifier's rows continue its sequence (the stream's row lock keeps it from racing).
        const sequences = new Map(rows.map((r) => [String(r.notifier), int(r.n)]));
        const outValues: unknown[] = [];
        const outTuples: string[] = [];
        for (const { id: rowId, input, nth } of outboxEntries(id, version, outbox)) {
          const p = outValues.length;
          outTuples.push(
            `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, 'pending', 0, $${p + 7}, $${p + 8})`,
          );
          const [notifier, message, context] = outboxValues(input);
          const sequence = (sequences.get(notifier) ?? 0) + nth;
          outValues.push(rowId, id, notifier, sequence, message, context, input.dueAt ?? now, now);
        }
        await q.query(
          `INSERT INTO ${s}.outbox (id, incident_id, notifier, sequence, message, incident, status, attempts, due_at, created_at)
           VALUES ${outTuples.join(', ')} ON CONFLICT (id) DO NOTHING`,
          outValues,
        );
      }
      headAfter = { version, hash: previousHash, body: json, trusted: true };
      return { version, appended: added, incident };
    });
    if (headAfter !== undefined) heads.remember(id, headAfter);
    return result;
  } catch (error) {
    heads.forget(id);
    const state = sqlState(error);
    if (state === '23505') {
      // A writer that raced us to the same version (or command id) committed first.
      const constraint = constraintOf(error);
      const actual = await currentVersion(id);
      if (commandId !== undefined && constraint.includes('commands')) {
        throw commandConflict(id, commandId, expectedVersion, actual);
      }
      throw versionConflict(id, expectedVersion, actual);
    }
    if (state === '40001' || state === '40P01')
      throw versionConflict(id, expectedVersion, await currentVersion(id));
    throw error;
  }
}
