/**
 * The better-sqlite3 connection behind a SQLite database's Prisma client, for
 * the few writes that must run at the driver's floor (a payroll run's
 * payslips: issue 12 §1). Prisma's raw queries prepare every statement anew
 * and pass every value through its engine; a prepared statement run once a
 * row is several times faster.
 *
 * Safe only inside one of that client's interactive transactions: the
 * serialised adapter (serialised-adapter.ts) gives the one connection to that
 * transaction from BEGIN to COMMIT, and better-sqlite3 is synchronous, so
 * statements run here belong to the transaction and nothing interleaves.
 */
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { HoldWriter, ReadConnection } from './serialised-adapter.ts';

/** The part of better-sqlite3's Database used here. */
export interface SqliteConnection {
  prepare(sql: string): { run(...params: unknown[]): unknown; readonly: boolean };
  pragma(source: string): unknown;
  inTransaction: boolean;
}

const connections = new WeakMap<object, () => SqliteConnection | null>();

/**
 * The connection of @prisma/adapter-better-sqlite3's adapter (its `client`
 * field). Checked at run time: should a later adapter hide it, callers get
 * null and use portable SQL instead.
 */
export function connectionOf(adapter: SqlDriverAdapter): SqliteConnection | null {
  const client = (adapter as unknown as { client?: unknown }).client;
  const c = client as Partial<SqliteConnection> | undefined;
  return c && typeof c.prepare === 'function' && typeof c.inTransaction === 'boolean' ? (c as SqliteConnection) : null;
}

const holds = new WeakMap<object, () => HoldWriter | null>();

export function registerSqliteConnection(prisma: object, connection: () => SqliteConnection | null, hold?: () => HoldWriter | null) {
  connections.set(prisma, connection);
  if (hold) holds.set(prisma, hold);
}

/**
 * Holds this client's connection while a writer on another connection (the
 * job thread) works: this process's writes wait for the release instead of
 * blocking the event loop in SQLite's busy handler, and its reads go to the
 * reader connection meanwhile. Null when the client has no such hold.
 */
export function holdWriter(prisma: object): Promise<() => void> | null {
  return holds.get(prisma)?.()?.() ?? null;
}

/**
 * The connection for writes inside a transaction of this client, or null
 * (PostgreSQL, or an adapter without one). Refuses outside a transaction.
 */
export function sqliteConnection(prisma: object): SqliteConnection | null {
  const connection = connections.get(prisma)?.() ?? null;
  if (connection && !connection.inTransaction) throw new Error('The SQLite connection is used directly only inside a transaction');
  return connection;
}

/**
 * A query-only connection on the same file for the serialised adapter's
 * reads during a transaction (serialised-adapter.ts): whether a statement
 * writes is better-sqlite3's `readonly`, remembered per SQL text (Prisma's
 * statements repeat); unknown or unpreparable statements count as writes.
 */
export async function readConnection(factory: SqlDriverAdapterFactory): Promise<ReadConnection | undefined> {
  const adapter = await factory.connect();
  const connection = connectionOf(adapter);
  if (!connection) {
    await adapter.dispose();
    return undefined;
  }
  connection.pragma('query_only = ON');
  const known = new Map<string, boolean>();
  return {
    adapter,
    readonly(sql) {
      let readonly = known.get(sql);
      if (readonly === undefined) {
        try {
          readonly = connection.prepare(sql).readonly;
        } catch {
          readonly = false;
        }
        if (known.size >= 2000) known.clear();
        known.set(sql, readonly);
      }
      return readonly;
    },
  };
}
