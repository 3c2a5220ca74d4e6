/**
 * Quotabook's migration runner. Migrations are SQL files authored with
 * `prisma migrate diff` (scripts/new-migration.ts), one folder per provider.
 * The runner records what it applied (name and checksum) and runs each file
 * in its own transaction, so a failing migration leaves nothing behind and a
 * second run applies nothing. Prisma Migrate itself needs engine binaries on
 * PostgreSQL (see shared/notes/stack.md), hence this small runner.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { providerOf, providerPaths, defaultSqliteUrl, type Provider } from './providers.ts';
import { splitPgSchema, sqliteFile } from './client.ts';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(provider: Provider): Migration[] {
  const dir = providerPaths(provider).migrationsDir;
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

const LEDGER = '_quotabook_migrations';

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

function checkLedger(migrations: Migration[], done: Map<string, string>): void {
  for (const [name, checksum] of done) {
    const m = migrations.find((x) => x.name === name);
    if (!m) throw new Error(`migration ${name} is recorded in the database but missing from the migrations folder`);
    if (m.checksum !== checksum) throw new Error(`migration ${name} was edited after it was applied (checksum differs)`);
  }
}

function migrateSqlite(url: string, migrations: Migration[]): MigrateResult {
  const file = sqliteFile(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Sqlite(file);
  try {
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE IF NOT EXISTS "${LEDGER}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const result: MigrateResult = { applied: [], alreadyApplied: [] };
    // BEGIN IMMEDIATE takes the write lock, so two runners cannot interleave.
    db.exec('BEGIN IMMEDIATE');
    try {
      const rows = db.prepare(`SELECT name, checksum FROM "${LEDGER}"`).all() as { name: string; checksum: string }[];
      const done = new Map(rows.map((r) => [r.name, r.checksum]));
      checkLedger(migrations, done);
      for (const m of migrations) {
        if (done.has(m.name)) {
          result.alreadyApplied.push(m.name);
          continue;
        }
        db.exec(`SAVEPOINT m`);
        try {
          db.exec(m.sql);
          db.prepare(`INSERT INTO "${LEDGER}" (name, checksum, applied_at) VALUES (?, ?, ?)`).run(m.name, m.checksum, new Date().toISOString());
          db.exec(`RELEASE m`);
        } catch (error) {
          db.exec(`ROLLBACK TO m`);
          db.exec(`RELEASE m`);
          throw new Error(`migration ${m.name} failed: ${(error as Error).message}`);
        }
        result.applied.push(m.name);
      }
      db.exec('COMMIT');
    } catch (error) {
      // Migrations applied before the failing one stay applied: each is whole.
      if (db.inTransaction) db.exec('COMMIT');
      throw error;
    }
    return result;
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<MigrateResult> {
  const { connectionString, schema } = splitPgSchema(url);
  const { default: pg } = await import('pg'); // only for PostgreSQL: a SQLite start does not load it
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    if (schema) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '""')}"`);
      await client.query(`SET search_path TO "${schema.replace(/"/g, '""')}"`);
    }
    // One runner at a time across processes.
    await client.query(`SELECT pg_advisory_lock(727274)`);
    await client.query(`CREATE TABLE IF NOT EXISTS "${LEDGER}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "${LEDGER}"`);
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    checkLedger(migrations, done);
    const result: MigrateResult = { applied: [], alreadyApplied: [] };
    for (const m of migrations) {
      if (done.has(m.name)) {
        result.alreadyApplied.push(m.name);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "${LEDGER}" (name, checksum, applied_at) VALUES ($1, $2, $3)`, [m.name, m.checksum, new Date().toISOString()]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.name} failed: ${(error as Error).message}`);
      }
      result.applied.push(m.name);
    }
    return result;
  } finally {
    await client.query(`SELECT pg_advisory_unlock(727274)`).catch(() => undefined);
    await client.end();
  }
}

/** Applies every pending migration of the URL's provider. Idempotent. */
export async function migrate(url = process.env.DATABASE_URL || defaultSqliteUrl, migrations?: Migration[]): Promise<MigrateResult> {
  const provider = providerOf(url);
  const list = migrations ?? loadMigrations(provider);
  return provider === 'sqlite' ? migrateSqlite(url, list) : migratePostgres(url, list);
}
