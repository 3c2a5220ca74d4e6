/**
 * Fresh migrated databases for the tests of one file: each opened as the
 * server opens it, closed and dropped after the file's tests.
 */
import { afterAll } from 'vitest';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import type { Provider } from '../../server/db/providers.ts';
import { tempDatabase } from './databases.ts';

/** Call at a test file's top level; the function it returns opens a new migrated database on each call. */
export function migratedDatabases(): (provider: Provider, options?: Parameters<typeof openDatabase>[1]) => Promise<Database> {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });
  return async (provider, options) => {
    const temp = await tempDatabase(provider);
    let db: Database | undefined;
    cleanups.push(async () => {
      await db?.close();
      await temp.drop();
    });
    await migrate(temp.url);
    db = await openDatabase(temp.url, options);
    return db;
  };
}
