// How the Postgres store talks to whatever client it was given. An append or a claim is one
// transaction, and a transaction needs a connection of its own: interleaving two transactions'
// statements on one connection silently merges them. So a pool lends a dedicated connection per
// transaction, PGlite runs its own `transaction()`, and a single shared client (pg.Client) is
// serialised behind a mutex.
import { shortHash } from '../internal/canonical-json.js';
import { IncidentKitError, invalidInput } from '../model/index.js';
import { createMutex } from './mutex.js';

/**
 * A query result: the rows (pg, PGlite and most drivers agree on `rows`).
 *
 * @example
 * ```ts
 * import type { PgQueryResult } from 'incidentkit/adapters';
 * const result: PgQueryResult = { rows: [{ version: 3 }] };
 * ```
 */
export interface PgQueryResult {
  readonly rows: readonly Record<string, unknown>[];
}

/**
 * Anything with `query(text, params)`: `pg.Pool`, `pg.Client`, a PGlite instance, or a host's own.
 *
 * @example
 * ```ts
 * import type { PgQueryable } from 'incidentkit/adapters';
 * const client: PgQueryable = { query: async () => ({ rows: [] }) };
 * ```
 */
export interface PgQueryable {
  query(text: string, params?: unknown[]): Promise<PgQueryResult>;
}

/** node-postgres's `query` with a statement config. */
interface NamedQueryable {
  query(config: { name: string; text: string; values: unknown[] }): Promise<PgQueryResult>;
}

/**
 * A pool (`pg.Pool`): lends a connection of its own for each transaction.
 *
 * @example
 * ```ts
 * import type { PgPoolLike } from 'incidentkit/adapters';
 * const connection = { query: async () => ({ rows: [] }), release: () => {} };
 * const pool: PgPoolLike = { query: async () => ({ rows: [] }), connect: async () => connection };
 * ```
 */
export interface PgPoolLike extends PgQueryable {
  connect(): Promise<PgQueryable & { release(error?: unknown): void }>;
}

/**
 * A client with its own transaction runner (PGlite).
 *
 * @example
 * ```ts
 * import type { PgQueryable, PgTransactionalLike } from 'incidentkit/adapters';
 * const tx: PgQueryable = { query: async () => ({ rows: [] }) };
 * const db: PgTransactionalLike = { ...tx, transaction: (fn) => fn(tx) };
 * ```
 */
export interface PgTransactionalLike extends PgQueryable {
  transaction<T>(fn: (tx: PgQueryable) => Promise<T>): Promise<T>;
}

/**
 * How the store runs statements on the client: `'pool'` (a connection per transaction),
 * `'transaction'` (the client's own `transaction()`), `'shared'` (one connection, serialised).
 *
 * @example
 * ```ts
 * import type { PgClientMode } from 'incidentkit/adapters';
 * const mode: PgClientMode = 'shared';
 * ```
 */
export type PgClientMode = 'pool' | 'transaction' | 'shared';

/** The store's view of the client: reads, and transactions that never share a connection. */
export interface PgRunner {
  readonly mode: PgClientMode;
  /**
   * Runs a statement the store sends often prepared, when preparing is on: as a named statement on
   * node-postgres, with `PREPARE` / `EXECUTE` on PGlite (parsed and planned once per connection);
   * plainly on other clients.
   */
  prepared(q: PgQueryable, text: string, params: unknown[]): Promise<PgQueryResult>;
  read<T>(fn: (q: PgQueryable) => Promise<T>): Promise<T>;
  transaction<T>(fn: (q: PgQueryable) => Promise<T>): Promise<T>;
}

/**
 * Picks the mode a client supports (a pool has `connect` and pool counters; PGlite has
 * `transaction`), reading what it needs once; throws `INVALID_INPUT` for anything without
 * `query(text, params)` (a getter or trap that throws is the `cause`).
 */
export function detectMode(client: unknown): PgClientMode {
  if (client === null || typeof client !== 'object') {
    throw invalidInput('options.client', 'expected a client with query(text, params)');
  }
  let kinds: { query: string; transaction: string; connect: string; counted: boolean };
  try {
    const c = client as Record<string, unknown>;
    kinds = {
      query: typeof c.query,
      transaction: typeof c.transaction,
      connect: typeof c.connect,
      counted: 'totalCount' in c || 'idleCount' in c,
    };
  } catch (cause) {
    throw new IncidentKitError('INVALID_INPUT', 'options.client: reading it threw', {
      issues: [{ path: 'options.client', message: 'reading it threw' }],
      cause,
    });
  }
  if (kinds.query !== 'function')
    throw invalidInput('options.client', 'expected a client with query(text, params)');
  if (kinds.transaction === 'function') return 'transaction';
  if (kinds.connect === 'function' && kinds.counted) return 'pool';
  return 'shared';
}

/**
 * Whether a client is node-postgres (`pg.Pool` or `pg.Client`), whose `query` also takes
 * `{ name, text, values }`: a pool has its `Client` class, a client its `connectionParameters`.
 */
export function isNodePostgres(client: unknown): boolean {
  try {
    const c = client as Record<string, unknown>;
    return (
      (typeof c.Client === 'function' && 'totalCount' in c) || typeof c.connectionParameters === 'object'
    );
  } catch {
    return false;
  }
}

/**
 * Whether a client is PGlite (or its worker): a client with its own `transaction()` that also
 * runs raw protocol messages, one session in this process, so statements prepared with `PREPARE`
 * stay for the next call.
 */
export function isPGlite(client: unknown): boolean {
  try {
    const c = client as Record<string, unknown>;
    return typeof c.transaction === 'function' && typeof c.execProtocol === 'function';
  } catch {
    return false;
  }
}

/**
 * A parameter as a literal an `EXECUTE` takes: the text the driver would send for it (PGlite's
 * serialisation: a number or bigint as digits, a boolean as t/f), as an escape-string constant,
 * whose reading does not depend on `standard_conforming_strings`; `undefined` for a value the
 * statement must get as a parameter instead (an object, a string with a NUL, which Postgres text
 * cannot hold and the driver reports).
 */
function literal(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'NULL';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else if (typeof value === 'bigint') text = value.toString();
  else if (typeof value === 'boolean') text = value ? 't' : 'f';
  else return undefined;
  if (text.includes('\u0000')) return undefined;
  return `E'${text.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

// A store sends the same few texts (the same string objects) again and again.
const names = new Map<string, string>();

/**
 * The name a statement is prepared under, on either driver: named by the text's hash, so the same
 * text always gets the same name (a second copy of this module preparing it finds it there).
 */
function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= 256) names.clear();
    name = `ik_${shortHash(text)}`;
    names.set(text, name);
  }
  return name;
}

// The statements prepared on each PGlite (one session per instance), by text: shared by every
// store on it, so two stores never prepare the same text twice.
const preparedOn = /*#__PURE__*/ new WeakMap<object, Map<string, string>>();

/**
 * Runs `text` with `params` as a statement prepared once on this PGlite (`PREPARE` on first use,
 * then `EXECUTE` with the values as literals): parsed, analysed and planned once instead of per
 * call. Falls back to a plain query for values that cannot be literals.
 */
async function executePrepared(
  client: object,
  q: PgQueryable,
  text: string,
  params: unknown[],
): Promise<PgQueryResult> {
  const args: string[] = [];
  for (const value of params) {
    const arg = literal(value);
    if (arg === undefined) return q.query(text, params);
    args.push(arg);
  }
  let statements = preparedOn.get(client);
  if (statements === undefined) {
    statements = new Map();
    preparedOn.set(client, statements);
  }
  const run = `(${args.join(', ')})`;
  for (let attempt = 0; ; attempt++) {
    let name = statements.get(text);
    if (name === undefined) {
      name = statementName(text);
      try {
        await q.query(`PREPARE ${name} AS ${text}`);
      } catch (error) {
        if (sqlState(error) !== '42P05') throw error;
      }
      if (statements.size >= 256) statements.clear();
      statements.set(text, name);
    }
    try {
      return await q.query(params.length === 0 ? `EXECUTE ${name}` : `EXECUTE ${name}${run}`);
    } catch (error) {
      // Deallocated behind our back (DEALLOCATE ALL, DISCARD ALL): prepare it again, once.
      if (sqlState(error) !== '26000' || attempt > 0) throw error;
      statements.delete(text);
    }
  }
}

/** Wraps a client in the runner for its mode (detected when not given). */
export function createRunner(client: PgQueryable, requested?: PgClientMode, prepare = true): PgRunner {
  const detected = detectMode(client);
  const mode = requested ?? detected;
  const named = prepare && mode !== 'transaction' && isNodePostgres(client);
  const executed = prepare && mode === 'transaction' && isPGlite(client);
  const prepared = (q: PgQueryable, text: string, params: unknown[]): Promise<PgQueryResult> =>
    named
      ? (q as unknown as NamedQueryable).query({ name: statementName(text), text, values: params })
      : executed
        ? executePrepared(client, q, text, params)
        : q.query(text, params);
  switch (mode) {
    case 'pool': {
      const pool = client as PgPoolLike;
      return {
        mode,
        prepared,
        read: (fn) => fn(pool),
        async transaction(fn) {
          const connection = await pool.connect();
          let broken: unknown;
          try {
            await connection.query('BEGIN');
            const result = await fn(connection);
            await connection.query('COMMIT');
            return result;
          } catch (error) {
            try {
              await connection.query('ROLLBACK');
            } catch (rollbackError) {
              // The connection itself failed: the pool must drop it, not lend it again.
              broken = rollbackError;
            }
            throw error;
          } finally {
            connection.release(broken);
          }
        },
      };
    }
    case 'transaction': {
      const db = client as PgTransactionalLike;
      return { mode, prepared, read: (fn) => fn(db), transaction: (fn) => db.transaction(fn) };
    }
    case 'shared': {
      const mutex = createMutex();
      return {
        mode,
        prepared,
        read: (fn) => mutex.run(() => fn(client)),
        transaction: (fn) =>
          mutex.run(async () => {
            await client.query('BEGIN');
            try {
              const result = await fn(client);
              await client.query('COMMIT');
              return result;
            } catch (error) {
              await client.query('ROLLBACK').catch(() => undefined);
              throw error;
            }
          }),
      };
    }
    default:
      throw invalidInput('options.mode', "expected 'pool', 'transaction' or 'shared'");
  }
}

/** The SQLSTATE of a driver error, when it has one (pg and PGlite both set `code`). */
/** A count or version column as a number (node-postgres returns bigint columns as strings). */
export const int = (value: unknown): number => Number(value);

export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The constraint a unique violation names, when the driver says. */
export function constraintOf(error: unknown): string {
  const e = error as { constraint?: unknown; message?: unknown; detail?: unknown } | null;
  if (typeof e?.constraint === 'string') return e.constraint;
  return `${typeof e?.message === 'string' ? e.message : ''} ${typeof e?.detail === 'string' ? e.detail : ''}`;
}
