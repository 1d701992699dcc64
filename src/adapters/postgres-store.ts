import type { Message } from '../comms/index.js';
import { canonicalJson, shortHash } from '../internal/canonical-json.js';
import { trustIncident } from '../internal/incident-input.js';
import { readOptions } from '../internal/validate.js';
import {
  derivedEventId,
  type Incident,
  type IncidentEvent,
  IncidentKitError,
  invalidInput,
  isIncidentKitError,
} from '../model/index.js';
import {
  CURRENT_EVENT_SCHEMA_VERSION,
  type EventUpcaster,
  readUpcasters,
  upcastEvent,
} from './event-upcasters.js';
import { chainHash, GENESIS_HASH, verifyChain } from './hash-chain.js';
import type {
  AppendOptions,
  AppendResult,
  ChainVerification,
  ClaimOptions,
  DeliveryOutcome,
  IncidentListFilter,
  IncidentStore,
  OutboxIncidentContext,
  OutboxRow,
  OutboxStatus,
  SignalKey,
  StoredEventRecord,
} from './incident-store.js';
import {
  constraintOf,
  createRunner,
  type PgClientMode,
  type PgQueryable,
  type PgRunner,
  sqlState,
} from './postgres-client.js';
import {
  isOwnProjection as isOwn,
  type ProjectionOptions,
  project,
  projectionCheck,
  REPLAY_BATCH,
  readProjection,
} from './projection.js';
import {
  type CheckedAppend,
  checkAppend,
  checkClaim,
  checkListFilter,
  checkOutcome,
  checkPage,
  checkRowId,
  checkStateKey,
  commandConflict,
  completeEvent,
  duplicateEventId,
  encodeCursor,
  holdsSignals,
  outboxRowId,
  rowCursor,
  rowNotFound,
  signalConflict,
  versionConflict,
} from './store-input.js';

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
   * Send the statements of reads and appends as named prepared statements, parsed and planned
   * once per connection (default true; node-postgres clients only). Turn it off behind a pooler
   * that does not keep them across transactions (PgBouncer in transaction mode before 1.21).
   */
  readonly preparedStatements?: boolean | undefined;
}

/** The migrations, in order; each runs once per schema, recorded in `<schema>.migrations`. */
function migrations(s: string): string[][] {
  return [
    [
      `CREATE TABLE IF NOT EXISTS ${s}.events (
        incident_id text COLLATE "C" NOT NULL,
        version integer NOT NULL,
        event_id text COLLATE "C" NOT NULL,
        event_type text NOT NULL,
        schema_version integer NOT NULL,
        body text NOT NULL,
        hash text NOT NULL,
        previous_hash text NOT NULL,
        written_at bigint NOT NULL,
        PRIMARY KEY (incident_id, version),
        CONSTRAINT events_event_id_unique UNIQUE (incident_id, event_id)
      )`,
      `CREATE TABLE IF NOT EXISTS ${s}.incidents (
        incident_id text COLLATE "C" PRIMARY KEY,
        version integer NOT NULL,
        phase text NOT NULL,
        severity text,
        category text,
        services text NOT NULL,
        drill boolean NOT NULL,
        detected_at bigint NOT NULL,
        head_hash text NOT NULL,
        body text NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS incidents_newest ON ${s}.incidents (detected_at DESC, incident_id DESC)`,
      `CREATE TABLE IF NOT EXISTS ${s}.outbox (
        id text COLLATE "C" PRIMARY KEY,
        incident_id text COLLATE "C" NOT NULL,
        notifier text COLLATE "C" NOT NULL,
        sequence integer NOT NULL,
        message text NOT NULL,
        incident text NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        due_at bigint NOT NULL,
        created_at bigint NOT NULL,
        delivered_at bigint,
        last_error text,
        lease_owner text,
        lease_until bigint,
        CONSTRAINT outbox_order UNIQUE (incident_id, notifier, sequence)
      )`,
      `CREATE INDEX IF NOT EXISTS outbox_pending ON ${s}.outbox (incident_id, notifier, sequence) WHERE status = 'pending'`,
      `CREATE INDEX IF NOT EXISTS outbox_dead ON ${s}.outbox (created_at, id) WHERE status = 'dead'`,
      `CREATE TABLE IF NOT EXISTS ${s}.commands (
        command_id text COLLATE "C" PRIMARY KEY,
        incident_id text NOT NULL,
        version integer NOT NULL
      )`,
      `CREATE TABLE IF NOT EXISTS ${s}.signals (
        source text COLLATE "C" NOT NULL,
        dedup_key text COLLATE "C" NOT NULL,
        incident_id text COLLATE "C" NOT NULL,
        open boolean NOT NULL,
        PRIMARY KEY (source, dedup_key)
      )`,
      `CREATE INDEX IF NOT EXISTS signals_incident ON ${s}.signals (incident_id)`,
      `CREATE TABLE IF NOT EXISTS ${s}.state (key text COLLATE "C" PRIMARY KEY, value text NOT NULL)`,
    ],
    // The projection's checksum (see projectionCheck): a body that matches it is the store's own.
    [`ALTER TABLE ${s}.incidents ADD COLUMN IF NOT EXISTS body_check text`],
  ];
}

/**
 * The head of a stream as this store last read or wrote it: the version, its chain hash and the
 * projection's JSON (`trusted` when it is the store's own: written here, or read back matching
 * its checksum). An append at exactly this version needs nothing else from the database.
 */
interface StreamHead {
  readonly version: number;
  readonly hash: string;
  readonly body: string;
  readonly trusted: boolean;
}

/** How many stream heads a store remembers, and how many characters of projection JSON at most. */
const HEADS = { count: 128, chars: 16_000_000 } as const;

/** The stream heads known in this process for one database client and schema, least recently used first. */
interface HeadCache {
  readonly heads: Map<string, StreamHead>;
  chars: number;
}

// Shared by every store object on the same client and schema: what one of them wrote, another
// in this process need not read back.
const headCaches = /*#__PURE__*/ new WeakMap<object, Map<string, HeadCache>>();

function headCacheOf(client: object, schema: string): HeadCache {
  let bySchema = headCaches.get(client);
  if (bySchema === undefined) {
    bySchema = new Map();
    headCaches.set(client, bySchema);
  }
  let cache = bySchema.get(schema);
  if (cache === undefined) {
    cache = { heads: new Map(), chars: 0 };
    bySchema.set(schema, cache);
  }
  return cache;
}

const int = (value: unknown): number => Number(value);
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

/** What the text of a one-statement append depends on. */
interface AppendShape {
  /** A new stream (insert its row) rather than one at a known head (update it under a guard). */
  readonly fresh: boolean;
  readonly events: number;
  readonly outbox: number;
  readonly command: boolean;
  /** The stream's signal keys open or close with this append. */
  readonly signals: boolean;
}

const PROJECTION_COLUMNS = [
  'version',
  'phase',
  'severity',
  'category',
  'services',
  'drill',
  'detected_at',
  'head_hash',
  'body',
  'body_check',
] as const;

/**
 * The statement of an append at a known head, for schema `s` and a shape. Its parameters are, in
 * order: now; per event its version, id, type, JSON, hash and previous hash; the projection's
 * columns and the incident id; for a known head the expected version and hash; per outbox row its
 * id, notifier, place among the notifier's rows, message, incident context and due time; the
 * command id and version; whether signal keys are open. Plain SELECTs from the guard rather than
 * a VALUES join: PGlite plans them markedly faster.
 */
function appendAtHeadSql(s: string, shape: AppendShape): string {
  let n = 0;
  const $ = (cast = '') => `$${++n}${cast}`;
  const writtenAt = $('::bigint');
  const events: string[] = [];
  for (let i = 0; i < shape.events; i++) {
    const [version, id, type, body, hash, previous] = [
      $('::integer'),
      $('::text'),
      $('::text'),
      $('::text'),
      $('::text'),
      $('::text'),
    ];
    events.push(
      `SELECT incident_id, ${version}, ${id}, ${type}, ${CURRENT_EVENT_SCHEMA_VERSION}, ${body}, ${hash}, ${previous}, ${writtenAt} FROM moved`,
    );
  }
  const columns = PROJECTION_COLUMNS.map((name) => [name, $()] as const);
  const incidentId = $();
  const moved = shape.fresh
    ? `INSERT INTO ${s}.incidents (incident_id, ${PROJECTION_COLUMNS.join(', ')})
       VALUES (${incidentId}, ${columns.map(([, p]) => p).join(', ')})
       ON CONFLICT (incident_id) DO NOTHING RETURNING incident_id`
    : `UPDATE ${s}.incidents SET ${columns.map(([name, p]) => `${name} = ${p}`).join(', ')}
       WHERE incident_id = ${incidentId} AND version = ${$()} AND head_hash = ${$()}
       RETURNING incident_id`;
  const parts = [
    `moved AS (${moved})`,
    `ev AS (INSERT INTO ${s}.events (incident_id, version, event_id, event_type, schema_version, body, hash, previous_hash, written_at)
       ${events.join(' UNION ALL ')})`,
  ];
  const rows: string[] = [];
  for (let i = 0; i < shape.outbox; i++) {
    const [id, notifier, nth, message, incident, dueAt] = [
      $('::text'),
      $('::text'),
      $('::integer'),
      $('::text'),
      $('::text'),
      $('::bigint'),
    ];
    // Each notifier's rows continue its sequence; the stream's row lock keeps it from racing.
    rows.push(
      `SELECT ${id}, incident_id, ${notifier},
         coalesce((SELECT o.sequence FROM ${s}.outbox AS o WHERE o.incident_id = moved.incident_id
                   AND o.notifier = ${notifier} ORDER BY o.sequence DESC LIMIT 1), 0) + ${nth},
         ${message}, ${incident}, 'pending', 0, ${dueAt}, ${writtenAt}
       FROM moved`,
    );
  }
  if (rows.length > 0)
    parts.push(
      `obx AS (INSERT INTO ${s}.outbox (id, incident_id, notifier, sequence, message, incident, status, attempts, due_at, created_at)
         ${rows.join(' UNION ALL ')} ON CONFLICT (id) DO NOTHING)`,
    );
  if (shape.command)
    parts.push(
      `cmd AS (INSERT INTO ${s}.commands (command_id, incident_id, version)
         SELECT ${$('::text')}, incident_id, ${$('::integer')} FROM moved)`,
    );
  if (shape.signals)
    parts.push(
      `sig AS (UPDATE ${s}.signals SET open = ${$('::boolean')}
         FROM moved WHERE ${s}.signals.incident_id = moved.incident_id)`,
    );
  return `WITH ${parts.join(',\n')} SELECT 1 AS moved FROM moved`;
}

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
  const cache = headCacheOf(given.client as object, schemaName);
  // The one-statement append's text per everyday shape, built once.
  const statements = new Map<string, string>();
  const heads = cache.heads;

  function forget(id: string): void {
    const known = heads.get(id);
    if (known === undefined) return;
    heads.delete(id);
    cache.chars -= known.body.length;
  }

  function remember(id: string, head: StreamHead): void {
    forget(id);
    if (head.body.length > HEADS.chars) return;
    heads.set(id, head);
    cache.chars += head.body.length;
    while (heads.size > HEADS.count || cache.chars > HEADS.chars) forget(heads.keys().next().value!);
  }

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
      forget(id);
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
    remember(id, head);
    return head;
  }

  const projectionOf = (head: StreamHead): Incident => {
    const incident = JSON.parse(head.body) as Incident;
    return head.trusted ? trustIncident(incident) : incident;
  };

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

  /**
   * An append as one statement, when this store knows the stream's head at the expected version
   * (it read it in `get`, or wrote it): the projection is folded from the head it knows, and the
   * statement writes the events, the projection, the outbox rows and the command id only if the
   * stream's row still holds that version and chain hash (the update's row lock and re-check make a
   * concurrent writer wait or find it moved). Writes nothing and returns `undefined` when the
   * locked path must decide (a stored event id or command id, a head that differs); throws
   * `CONCURRENCY_CONFLICT` when the stream moved on.
   */
  async function appendAtHead(checked: CheckedAppend): Promise<AppendResult | undefined> {
    const id = checked.incidentId;
    const { expectedVersion, now, outbox, commandId, signalKeys } = checked.options;
    if (signalKeys.length > 0 || checked.events.length === 0 || checked.events.length >= REPLAY_BATCH)
      return undefined;
    const head = expectedVersion === 0 ? undefined : heads.get(id);
    if (expectedVersion > 0 && head?.version !== expectedVersion) return undefined;
    const before = head === undefined ? undefined : projectionOf(head);
    const added: IncidentEvent[] = [];
    const bodies: string[] = [];
    const batch = new Set<string>();
    let incident: Incident;
    try {
      for (let i = 0; i < checked.events.length; i++) {
        const event = completeEvent(id, checked.events[i]!, expectedVersion + i + 1, `events[${i}]`);
        // A repeated id (in the batch or, caught by the unique index, in the log) is the locked path's to judge.
        if (batch.has(event.id)) return undefined;
        batch.add(event.id);
        added.push(event);
        bodies.push(canonicalJson(event));
      }
      incident = await project(before, added, projection);
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
    params.push(
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
      id,
    );
    if (head !== undefined) params.push(expectedVersion, head.hash);
    const rowIds = new Set<string>();
    const perNotifier = new Map<string, number>();
    let rows = 0;
    outbox.forEach((input, index) => {
      const rowId = input.id ?? outboxRowId(id, version, index, input.notifier);
      if (rowIds.has(rowId)) return;
      rowIds.add(rowId);
      const nth = (perNotifier.get(input.notifier) ?? 0) + 1;
      perNotifier.set(input.notifier, nth);
      rows++;
      params.push(
        rowId,
        input.notifier,
        nth,
        JSON.stringify(input.message),
        JSON.stringify(input.incident),
        input.dueAt ?? now,
      );
    });
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
      forget(id);
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
    remember(id, { version, hash, body: json, trusted: true });
    return { version, appended: added, incident };
  }

  /**
   * An append in a transaction that locks the stream's row and reads what it needs: the
   * authoritative path, for a stream whose head this store does not know, for signal keys and
   * large batches, and for whatever {@link appendAtHead} leaves to it (a stored event id, a
   * command id seen before, a head that moved).
   */
  async function appendLocked(checked: CheckedAppend): Promise<AppendResult> {
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
        const added: IncidentEvent[] = [];
        const bodies: string[] = [];
        const batch = new Map<string, string>();
        for (let i = 0; i < checked.events.length; i++) {
          const event = completeEvent(id, checked.events[i]!, actual + added.length + 1, `events[${i}]`);
          const body = canonicalJson(event);
          const seen = known.get(event.id) ?? batch.get(event.id);
          if (seen !== undefined) {
            if (seen !== body) throw duplicateEventId(id, event.id, `events[${i}]`);
            continue;
          }
          batch.set(event.id, body);
          added.push(event);
          bodies.push(body);
        }
        if (added.length === 0) {
          if (current === undefined)
            throw invalidInput('events', 'a new incident needs at least its DECLARE');
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
          `INSERT INTO ${s}.incidents (incident_id, version, phase, severity, category, services, drill, detected_at, head_hash, body, body_check)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (incident_id) DO UPDATE SET version = EXCLUDED.version, phase = EXCLUDED.phase,
             severity = EXCLUDED.severity, category = EXCLUDED.category, services = EXCLUDED.services,
             drill = EXCLUDED.drill, detected_at = EXCLUDED.detected_at, head_hash = EXCLUDED.head_hash,
             body = EXCLUDED.body, body_check = EXCLUDED.body_check`,
          [
            id,
            version,
            incident.phase,
            incident.severity ?? null,
            incident.category ?? null,
            JSON.stringify(incident.services),
            incident.drill,
            incident.milestones.detectedAt,
            previousHash,
            json,
            projectionCheck(json),
          ],
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
          const sequences = new Map(rows.map((r) => [String(r.notifier), int(r.n)]));
          const outValues: unknown[] = [];
          const outTuples: string[] = [];
          const ids = new Set<string>();
          outbox.forEach((input, index) => {
            const rowId = input.id ?? outboxRowId(id, version, index, input.notifier);
            if (ids.has(rowId)) return;
            ids.add(rowId);
            const sequence = (sequences.get(input.notifier) ?? 0) + 1;
            sequences.set(input.notifier, sequence);
            const p = outValues.length;
            outTuples.push(
              `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, 'pending', 0, $${p + 7}, $${p + 8})`,
            );
            outValues.push(
              rowId,
              id,
              input.notifier,
              sequence,
              JSON.stringify(input.message),
              JSON.stringify(input.incident),
              input.dueAt ?? now,
              now,
            );
          });
          await q.query(
            `INSERT INTO ${s}.outbox (id, incident_id, notifier, sequence, message, incident, status, attempts, due_at, created_at)
             VALUES ${outTuples.join(', ')} ON CONFLICT (id) DO NOTHING`,
            outValues,
          );
        }
        headAfter = { version, hash: previousHash, body: json, trusted: true };
        return { version, appended: added, incident };
      });
      if (headAfter !== undefined) remember(id, headAfter);
      return result;
    } catch (error) {
      forget(id);
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
      return (await appendAtHead(checked)) ?? (await appendLocked(checked));
    },

    async load(incidentId: string) {
      const id = checkId(incidentId);
      const events = await db.read((q) => loadEvents(q, id));
      return { events, version: events.length };
    },

    async records(incidentId: string): Promise<StoredEventRecord[]> {
      const id = checkId(incidentId);
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
      const id = checkId(incidentId);
      const head = await readHead(id);
      return head === undefined ? undefined : projectionOf(head);
    },

    peek(incidentId: string) {
      const head = heads.get(checkId(incidentId));
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
      const id = checkId(incidentId);
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
      const id = checkId(incidentId);
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
      const id = checkId(incidentId);
      const { rows } = await db.read((q) =>
        q.query(`SELECT * FROM ${s}.outbox WHERE incident_id = $1 ORDER BY created_at, notifier, sequence`, [
          id,
        ]),
      );
      return rows.map(rowFrom);
    },

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

function checkId(incidentId: unknown): string {
  if (typeof incidentId !== 'string' || incidentId === '' || incidentId.length > 200) {
    throw invalidInput('incidentId', 'expected an incident id');
  }
  return incidentId;
}
