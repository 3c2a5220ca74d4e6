/**
 * A database's structure, read from its own catalog, as comparable data:
 * tables, columns, indexes, foreign keys (and enum types on PostgreSQL).
 */
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { sqliteFile, splitPgSchema } from '../../server/db/client.ts';
import { providerOf } from '../../server/db/providers.ts';

const LEDGER = '_quotabook_migrations';

export async function catalog(url: string): Promise<unknown> {
  if (providerOf(url) === 'sqlite') {
    const db = new Sqlite(sqliteFile(url), { readonly: true });
    try {
      const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != ? ORDER BY name`).all(LEDGER) as { name: string }[]).map((t) => t.name);
      return tables.map((t) => ({
        table: t,
        columns: db.prepare(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid`).all(t),
        indexes: (db.prepare(`SELECT name, "unique" FROM pragma_index_list(?) ORDER BY name`).all(t) as { name: string; unique: number }[]).map((i) => ({
          ...i,
          columns: db.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).all(i.name),
        })),
        foreignKeys: db.prepare(`SELECT "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY "from"`).all(t),
      }));
    } finally {
      db.close();
    }
  }
  const { connectionString, schema = 'public' } = splitPgSchema(url);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql, [schema])).rows;
    const found = {
      columns: await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default FROM information_schema.columns WHERE table_schema = $1 AND table_name <> '${LEDGER}' ORDER BY table_name, column_name`),
      indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename <> '${LEDGER}' ORDER BY indexname`),
      constraints: await q(`SELECT c.conname, c.contype, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = $1 AND c.conrelid::regclass::text NOT LIKE '%${LEDGER}%' ORDER BY c.conname`),
      // Labels in their order (ADD VALUE … BEFORE gives fractional sort keys; the order is what counts).
      enums: await q(`SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = $1 ORDER BY t.typname, e.enumsortorder`),
    };
    // The schema's own name is not part of its structure.
    return JSON.parse(JSON.stringify(found).replaceAll(`"${schema}".`, '').replaceAll(`${schema}.`, ''));
  } finally {
    await client.end();
  }
}
