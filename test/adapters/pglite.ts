import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll } from 'vitest';

/**
 * One PGlite for the whole test file (it takes seconds to start and ~700 MB), started before
 * its tests and closed after them; `use` receives it once it is ready.
 */
export function onePGlitePerFile(use: (db: PGlite) => void): void {
  let db: PGlite | undefined;
  beforeAll(async () => {
    db = new PGlite();
    await db.waitReady;
    use(db);
  }, 30_000);
  afterAll(() => db?.close());
}
