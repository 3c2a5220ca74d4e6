/**
 * Real databases for tests: a fresh SQLite file, and a fresh schema in the
 * PostgreSQL on 127.0.0.1:5432 (database `test`) when it is reachable.
 * REQUIRE_PG=1 turns an unreachable PostgreSQL into a failure.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Provider } from '../../server/db/providers.ts';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

let pgReachable: Promise<boolean> | undefined;
async function canReachPostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The providers to run database tests on. */
export async function providersUnderTest(): Promise<Provider[]> {
  const ok = await (pgReachable ??= canReachPostgres());
  if (!ok && process.env.REQUIRE_PG === '1') throw new Error(`REQUIRE_PG=1 but PostgreSQL is not reachable at ${PG_URL}`);
  if (!ok) console.warn(`PostgreSQL not reachable at ${PG_URL}: PostgreSQL tests skipped (set REQUIRE_PG=1 to fail instead)`);
  return ok ? ['sqlite', 'postgresql'] : ['sqlite'];
}

export const postgresAvailable = await providersUnderTest().then((p) => p.includes('postgresql'));
export const testProviders: Provider[] = postgresAvailable ? ['sqlite', 'postgresql'] : ['sqlite'];

export interface TempDatabase {
  url: string;
  provider: Provider;
  drop(): Promise<void>;
}

export async function tempDatabase(provider: Provider): Promise<TempDatabase> {
  const tag = crypto.randomBytes(6).toString('hex');
  if (provider === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quotabook-'));
    const file = path.join(dir, `test-${tag}.db`);
    return { url: `file:${file}`, provider, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `qb_test_${tag}`;
  const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}`;
  return {
    url,
    provider,
    drop: async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}
