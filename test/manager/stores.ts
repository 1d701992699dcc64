import type { IncidentStore } from '../../src/adapters/index.js';
import * as adapters from '../../src/adapters/index.js';

/** A store under test and how to dispose of it. */
export interface StoreCase {
  readonly name: string;
  /** A fresh, empty store (its own schema on a shared database). */
  create(): Promise<IncidentStore>;
  close(): Promise<void>;
}

type PostgresStoreFactory = (options: { client: unknown; schema?: string }) => IncidentStore;
const postgresStore = (adapters as unknown as { postgresStore?: PostgresStoreFactory }).postgresStore;

let schemaSeq = 0;
const nextSchema = () => `mgr_${process.pid}_${++schemaSeq}`;

/** memoryStore always; PGlite once `postgresStore` exists; a real server when `DATABASE_URL` is set. */
export function storeCases(): StoreCase[] {
  const cases: StoreCase[] = [
    { name: 'memoryStore', create: async () => adapters.memoryStore(), close: async () => {} },
  ];
  if (postgresStore === undefined) {
    console.log('[manager tests] postgresStore is not exported yet: the PGlite and server cases are skipped');
    return cases;
  }
  let pglite: { close(): Promise<void> } | undefined;
  cases.push({
    name: 'postgresStore on PGlite',
    async create() {
      if (pglite === undefined) {
        const { PGlite } = await import('@electric-sql/pglite');
        pglite = new PGlite();
      }
      const store = postgresStore({ client: pglite, schema: nextSchema() });
      await store.migrate();
      return store;
    },
    async close() {
      await pglite?.close();
      pglite = undefined;
    },
  });
  const url = process.env.DATABASE_URL;
  if (url === undefined || url === '') {
    console.log('[manager tests] DATABASE_URL is not set: the real PostgreSQL server case is skipped');
    return cases;
  }
  let pool: { end(): Promise<void> } | undefined;
  cases.push({
    name: 'postgresStore on a PostgreSQL server',
    async create() {
      if (pool === undefined) {
        const pg = await import('pg');
        pool = new pg.default.Pool({ connectionString: url, max: 10 });
      }
      const store = postgresStore({ client: pool, schema: nextSchema() });
      await store.migrate();
      return store;
    },
    async close() {
      await pool?.end();
      pool = undefined;
    },
  });
  return cases;
}

/** Wraps a store to count what the manager asked of it (a real store underneath, not a mock). */
export function countingStore(
  store: IncidentStore,
  onIdle: () => void = () => {},
): IncidentStore & { conflicts: number; appends: number; inFlight: number } {
  const counted = { conflicts: 0, appends: 0, inFlight: 0 } as IncidentStore & {
    conflicts: number;
    appends: number;
    inFlight: number;
  };
  for (const key of Object.keys(store) as (keyof IncidentStore)[]) {
    const value = store[key];
    if (typeof value !== 'function') {
      Object.defineProperty(counted, key, { value, enumerable: true });
      continue;
    }
    const method = (value as (...a: unknown[]) => Promise<unknown>).bind(store);
    if (key === 'peek') {
      // Synchronous: a look at what the store remembers, no I/O to count.
      Object.defineProperty(counted, key, { value: method, enumerable: true });
      continue;
    }
    Object.defineProperty(counted, key, {
      enumerable: true,
      value: async (...args: unknown[]) => {
        counted.inFlight++;
        if (key === 'append') counted.appends++;
        try {
          return await method(...args);
        } catch (error) {
          if ((error as { code?: string }).code === 'CONCURRENCY_CONFLICT') counted.conflicts++;
          throw error;
        } finally {
          counted.inFlight--;
          if (counted.inFlight === 0) onIdle();
        }
      },
    });
  }
  return counted;
}
