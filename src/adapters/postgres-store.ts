import { canonicalJson, shortHash } from '../internal/canonical-json.js';
import { readOptions, refuseUnknownFields } from '../internal/validate.js';
import { type IncidentEvent, invalidInput } from '../model/index.js';
import {
  CURRENT_EVENT_SCHEMA_VERSION,
  type EventUpcaster,
  readUpcasters,
  upcastEvent,
} from './event-upcasters.js';
import { verifyChain } from './hash-chain.js';
import type {
  AppendOptions,
  ChainVerification,
  IncidentListFilter,
  IncidentStore,
  SignalKey,
  StoredEventRecord,
} from './incident-store.js';
import { type AppendContext, appendAtHead, appendLocked } from './postgres-append.js';
import { createRunner, int, type PgClientMode, type PgQueryable, type PgRunner } from './postgres-client.js';
import { projectionOf, type StreamHead, streamHeads } from './postgres-heads.js';
import { outboxMethods } from './postgres-outbox.js';
import { migrations } from './postgres-schema.js';
import { isOwnProjection as isOwn, type ProjectionOptions, readProjection } from './projection.js';
import { checkAppend, checkListFilter, checkStateKey, checkStreamId, encodeCursor } from './store-input.js';

/**
 * Options of {@link postgresStore}.
 *
 * @example
 * ```ts
 * import type { PostgresStoreOptions } from 'incidentkit/adapters';
 * const options: PostgresStoreOptions = { client: { query: async () => ({ rows: [] }) }, schema: 'incidents' };
 * ```
 */
export interface PostgresStoreOptions {
  /** `pg.Pool` (a connection per transaction), `pg.Client` (serialised), PGlite (its `transaction()`), or any `query(text, params)`. */
  readonly client: PgQueryable;
  /** The schema holding the tables (default `'incidentkit'`); lower-case letters, digits and `_`. */
  readonly schema?: string | undefined;
  /** Overrides how transactions are run (detected from the client by default). */
  readonly mode?: PgClientMode | undefined;
  /** The severity policy whose scale the events use (for the projection). */
  readonly policy?: ProjectionOptions['policy'] | undefined;
  /** Upcasters for event schema versions (beside the built-in ones). */
  readonly upcasters?: readonly EventUpcaster[] | undefined;
  /**
   * Send the everyday statements of reads and appends prepared, parsed and planned once per
   * connection (default true): as named statements on node-postgres, with `PREPARE` / `EXECUTE`
   * on PGlite; other clients get plain statements. Turn it off behind a pooler that does not keep
   * them across transactions (PgBouncer in transaction mode before 1.21).
   */
  readonly preparedStatements?: boolean | undefined;
}

/** Every field of {@link PostgresStoreOptions}: anything else is a typo, refused. */
const POSTGRES_STORE_OPTIONS = ['client', 'schema', 'mode', 'policy', 'upcasters', 'preparedStatements'];

/**
 * An {@link IncidentStore} in PostgreSQL. Works with anything that has `query(text, params)`:
 * `pg.Pool` (each append and claim on a connection of its own), `pg.Client` (serialised behind a
 * mutex), PGlite (its `transaction()`). Call `migrate()` once at start-up; it is idempotent and
 * takes an advisory lock, so several processes may start at once.
 *
 * Events are stored as text (the JSON the caller wrote, so `\u0000` and key order survive) with
 * unique `(incident_id, version)` and `(incident_id, event_id)`, their schema version and a
 * SHA-256 hash chain; the projection table answers `get` and `list` without a replay; outbox
 * rows, command ids and signal keys are written in the append's transaction. Claims lock rows
 * with `FOR UPDATE SKIP LOCKED`. Every time (due times, leases, written-at) comes from the
 * caller's `now`, never the database's `now()`. Errors of the database client itself (a refused
 * connection, a timeout) pass through unchanged.
 *
 * @param options - the client, the schema, and the projection's policy.
 * @returns an {@link IncidentStore}.
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { postgresStore } from 'incidentkit/adapters';
 * const store = postgresStore({ client: new PGlite() });
 * await store.migrate();
 * ```
 */
export function postgresStore(options: PostgresStoreOptions): IncidentStore {
  // Read once: a getter or trap that throws is INVALID_INPUT, and nothing read later can change.
  const given = readOptions(options, 'options') as Partial<PostgresStoreOptions> | undefined;
  if (given === undefined || Array.isArray(given))
    throw invalidInput('options', 'expected { client, schema?, mode?, policy?, upcasters? }');
  refuseUnknownFields(given, POSTGRES_STORE_OPTIONS, 'options');
  const schemaName = given.schema ?? 'incidentkit';
  if (typeof schemaName !== 'string' || !/^[a-z_][a-z0-9_]{0,62}$/.test(schemaName)) {
    throw invalidInput(
      'options.schema',
      'use lower-case letters, digits and _ (at most 63), starting with a letter or _',
    );
  }
  if (given.preparedStatements !== undefined && typeof given.preparedStatements !== 'boolean')
    throw invalidInput('options.preparedStatements', 'expected true or false');
  const db: PgRunner = createRunner(
    given.client as PgQueryable,
    given.mode,
    given.preparedStatements ?? true,
  );
  const s = `"${schemaName}"`;
  const projection: ProjectionOptions = given.policy === undefined ? {} : { policy: given.policy };
  const upcasters = readUpcasters(given.upcasters, 'options.upcasters');
  // A stable 32-bit lock key per schema, so two stores in different schemas never wait for each other.
  const lockKey = Number.parseInt(shortHash(`incidentkit:${schemaName}`).slice(0, 8), 16) | 0;
  let migrated: Promise<void> | undefined;
  // Recently seen stream heads, least recently used first (a Map keeps insertion order).
  const heads = streamHeads(given.client as object, schemaName);
  // The one-statement append's text per everyday shape, built once.
  const statements = new Map<string, string>();

  /** The stream's head as the database holds it, remembered (so the append that usually follows needs no read). */
  async function readHead(id: string): Promise<StreamHead | undefined> {
    const { rows } = await db.read((q) =>
      db.prepared(
        q,
        `SELECT version, head_hash, body, body_check FROM ${s}.incidents WHERE incident_id = $1`,
        [id],
      ),
    );
    const row = rows[0];
    if (row === undefined) {
      heads.forget(id);
      return undefined;
    }
    const body = String(row.body);
    const version = int(row.version);
    const hash = String(row.head_hash);
    // The text this process already holds as its own needs no checksum pass (a string compare).
    const known = heads.get(id);
    const same =
      known?.trusted === true && known.version === version && known.hash === hash && known.body === body;
    const head = { version, hash, body, trusted: same || isOwn(body, row.body_check) };
    heads.remember(id, head);
    return head;
  }

  const readEvent = (r: Record<string, unknown>): IncidentEvent =>
    upcastEvent(
      JSON.parse(String(r.body)) as Record<string, unknown>,
      int(r.schema_version),
      upcasters,
    ) as IncidentEvent;

  async function loadEvents(q: PgQueryable, id: string): Promise<IncidentEvent[]> {
    // One row for the whole log when every event is current (drivers pay per row); else per event.
    const { rows } = await q.query(
      `SELECT '[' || coalesce(string_agg(body, ',' ORDER BY version), '') || ']' AS log,
              coalesce(bool_and(schema_version = $2), true) AS current
       FROM ${s}.events WHERE incident_id = $1`,
      [id, CURRENT_EVENT_SCHEMA_VERSION],
    );
    if (rows[0]?.current === true) return JSON.parse(String(rows[0].log)) as IncidentEvent[];
    const each = await q.query(
      `SELECT body, schema_version FROM ${s}.events WHERE incident_id = $1 ORDER BY version`,
      [id],
    );
    return each.rows.map(readEvent);
  }

  async function currentVersion(id: string): Promise<number> {
    const { rows } = await db.read((q) =>
      db.prepared(q, `SELECT version FROM ${s}.incidents WHERE incident_id = $1`, [id]),
    );
    return rows[0] === undefined ? 0 : int(rows[0].version);
  }

  const appends: AppendContext = {
    db,
    s,
    heads,
    projection,
    statements,
    readEvent,
    loadEvents,
    currentVersion,
    readHead,
  };

  const store: IncidentStore = {
    kind: 'postgres',

    migrate() {
      migrated ??= db
        .transaction(async (q) => {
          await q.query('SELECT pg_advisory_xact_lock($1)', [lockKey]);
          await q.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
          await q.query(`CREATE TABLE IF NOT EXISTS ${s}.migrations (version integer PRIMARY KEY)`);
          const { rows } = await q.query(`SELECT coalesce(max(version), 0) AS v FROM ${s}.migrations`);
          const done = int(rows[0]?.v ?? 0);
          const steps = migrations(s);
          for (let v = done; v < steps.length; v++) {
            for (const statement of steps[v]!) await q.query(statement);
            await q.query(`INSERT INTO ${s}.migrations (version) VALUES ($1)`, [v + 1]);
          }
        })
        .catch((error: unknown) => {
          migrated = undefined;
          throw error;
        });
      return migrated;
    },

    async append(incidentId: string, events: readonly IncidentEvent[], appendOptions: AppendOptions) {
      const checked = checkAppend(incidentId, events, appendOptions);
      return (await appendAtHead(appends, checked)) ?? (await appendLocked(appends, checked));
    },

    async load(incidentId: string) {
      const id = checkStreamId(incidentId);
      const events = await db.read((q) => loadEvents(q, id));
      return { events, version: events.length };
    },

    async records(incidentId: string): Promise<StoredEventRecord[]> {
      const id = checkStreamId(incidentId);
      const { rows } = await db.read((q) =>
        q.query(
          `SELECT version, body, schema_version, hash, previous_hash, written_at FROM ${s}.events
           WHERE incident_id = $1 ORDER BY version`,
          [id],
        ),
      );
      return rows.map((r) => ({
        incidentId: id,
        version: int(r.version),
        event: readEvent(r),
        schemaVersion: int(r.schema_version),
        hash: String(r.hash),
        previousHash: String(r.previous_hash),
        writtenAt: int(r.written_at),
      }));
    },

    async get(incidentId: string) {
      const id = checkStreamId(incidentId);
      const head = await readHead(id);
      return head === undefined ? undefined : projectionOf(head);
    },

    peek(incidentId: string) {
      const head = heads.get(checkStreamId(incidentId));
      return head === undefined ? undefined : projectionOf(head);
    },

    async list(filter?: IncidentListFilter) {
      const f = checkListFilter(filter);
      const where: string[] = [];
      const params: unknown[] = [];
      const param = (value: unknown) => {
        params.push(value);
        return `$${params.length}`;
      };
      if (!f.includeDrills) where.push('NOT drill');
      if (f.phases !== undefined)
        where.push(`phase IN (SELECT json_array_elements_text(${param(JSON.stringify(f.phases))}::json))`);
      if (f.severities !== undefined)
        where.push(
          `severity IN (SELECT json_array_elements_text(${param(JSON.stringify(f.severities))}::json))`,
        );
      if (f.services !== undefined)
        where.push(
          `EXISTS (SELECT 1 FROM json_array_elements_text(services::json) AS s(v)
                   WHERE s.v IN (SELECT json_array_elements_text(${param(JSON.stringify(f.services))}::json)))`,
        );
      if (f.category !== undefined) where.push(`category = ${param(f.category)}`);
      if (f.since !== undefined) where.push(`detected_at >= ${param(f.since)}`);
      if (f.until !== undefined) where.push(`detected_at < ${param(f.until)}`);
      if (f.after !== undefined)
        where.push(
          `(detected_at, incident_id) < (${param(f.after.detectedAt)}, ${param(f.after.id)} COLLATE "C")`,
        );
      const sql = `SELECT body, body_check FROM ${s}.incidents ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY detected_at DESC, incident_id DESC LIMIT ${param(f.limit + 1)}`;
      const { rows } = await db.read((q) => q.query(sql, params));
      const items = rows.slice(0, f.limit).map((r) => readProjection(String(r.body), r.body_check));
      const last = items[items.length - 1];
      return rows.length > f.limit && last !== undefined
        ? { items, nextCursor: encodeCursor(last) }
        : { items };
    },

    async verify(incidentId: string): Promise<ChainVerification> {
      const id = checkStreamId(incidentId);
      const { rows } = await db.read((q) =>
        q.query(
          `SELECT version, body, hash, previous_hash FROM ${s}.events WHERE incident_id = $1 ORDER BY version`,
          [id],
        ),
      );
      const links = [];
      for (const r of rows) {
        let body: string;
        try {
          body = canonicalJson(JSON.parse(String(r.body)));
        } catch {
          return {
            ok: false,
            brokenAt: int(r.version),
            reason: `version ${int(r.version)} is not valid JSON any more`,
          };
        }
        links.push({
          version: int(r.version),
          body,
          hash: String(r.hash),
          previousHash: String(r.previous_hash),
        });
      }
      return verifyChain(links);
    },

    async head(incidentId: string) {
      const id = checkStreamId(incidentId);
      const { rows } = await db.read((q) =>
        q.query(`SELECT hash FROM ${s}.events WHERE incident_id = $1 ORDER BY version DESC LIMIT 1`, [id]),
      );
      return rows[0] === undefined ? undefined : String(rows[0].hash);
    },

    async findCommand(commandId: string) {
      const key = checkStateKey(commandId);
      const { rows } = await db.read((q) =>
        q.query(`SELECT incident_id, version FROM ${s}.commands WHERE command_id = $1`, [key]),
      );
      return rows[0] === undefined
        ? undefined
        : { incidentId: String(rows[0].incident_id), version: int(rows[0].version) };
    },

    async findSignal(key: SignalKey) {
      const source = checkStateKey(key?.source);
      const dedupKey = checkStateKey(key?.dedupKey);
      const { rows } = await db.read((q) =>
        q.query(`SELECT incident_id FROM ${s}.signals WHERE source = $1 AND dedup_key = $2 AND open`, [
          source,
          dedupKey,
        ]),
      );
      return rows[0] === undefined ? undefined : String(rows[0].incident_id);
    },

    ...outboxMethods(db, s),

    async getState(key: string) {
      const k = checkStateKey(key);
      const { rows } = await db.read((q) => q.query(`SELECT value FROM ${s}.state WHERE key = $1`, [k]));
      return rows[0] === undefined ? undefined : String(rows[0].value);
    },

    async setState(key: string, value: string) {
      const k = checkStateKey(key);
      if (typeof value !== 'string' || value.length > 100_000) {
        throw invalidInput('value', 'expected a string of at most 100000 characters');
      }
      await db.read((q) =>
        q.query(
          `INSERT INTO ${s}.state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
          [k, value],
        ),
      );
    },
  };
  return store;
}
