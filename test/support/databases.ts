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
export async function canReachPostgres(): Promise<boolean> {
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
      // pg-boss's schema beside it (server/jobs/pg-queue.ts), when a test ran a job.
      await client.query(`DROP SCHEMA IF EXISTS "${schema}_jobs" CASCADE`);
      await client.end();
    },
  };
}

/** The demo organisation's size in the template databases (startTestServer's default). */
export const DEMO_TEMPLATE_PEOPLE = 80;
/** Clones of the PostgreSQL template are databases named CLONE_PREFIX + run + '_' + tag. */
export const CLONE_PREFIX = 'qb_clone_';

/** What test/support/global-setup.ts made for this run (see there). */
export interface Templates {
  run: string;
  /** A migrated and seeded SQLite file. */
  sqlite?: string;
  /** A migrated and seeded PostgreSQL database, its tables in `schema`. */
  postgresql?: { database: string; schema: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    quotabookTemplates: Templates;
  }
}

/** PG_URL pointing at another database on the same server. */
export function pgDatabaseUrl(database: string): string {
  const u = new URL(PG_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A fresh database holding a copy of a template's rows: a copied SQLite file,
 * or a PostgreSQL database created from the template database.
 */
export async function cloneDatabase(provider: Provider, templates: Templates): Promise<TempDatabase | undefined> {
  const tag = crypto.randomBytes(6).toString('hex');
  if (provider === 'sqlite') {
    if (!templates.sqlite) return undefined;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quotabook-'));
    const file = path.join(dir, `test-${tag}.db`);
    fs.copyFileSync(templates.sqlite, file);
    return { url: `file:${file}`, provider, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  if (!templates.postgresql) return undefined;
  const name = `${CLONE_PREFIX}${templates.run}_${tag}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templates.postgresql.database}"`);
  } finally {
    await admin.end();
  }
  const base = pgDatabaseUrl(name);
  return {
    url: `${base}${base.includes('?') ? '&' : '?'}schema=${templates.postgresql.schema}`,
    provider,
    drop: async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
