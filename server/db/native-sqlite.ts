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
import { ColumnTypeEnum, type ColumnType, type SqlDriverAdapter, type SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { Holder, HoldWriter, ReadConnection } from './serialised-adapter.ts';
import { rowObjects } from './raw-values.ts';

/** The part of better-sqlite3's Database used here. */
export interface SqliteConnection {
  prepare(sql: string): { run(...params: unknown[]): unknown; readonly: boolean };
  pragma(source: string): unknown;
  inTransaction: boolean;
  /** False once the connection is closed. */
  open: boolean;
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
  return c && typeof c.prepare === 'function' && typeof c.inTransaction === 'boolean' && typeof c.open === 'boolean' ? (c as SqliteConnection) : null;
}

const holds = new WeakMap<object, () => HoldWriter | null>();
const holders = new WeakMap<object, () => Holder | null>();

export function registerSqliteConnection(prisma: object, connection: () => SqliteConnection | null, hold?: () => HoldWriter | null, holder?: () => Holder | null) {
  connections.set(prisma, connection);
  if (hold) holds.set(prisma, hold);
  if (holder) holders.set(prisma, holder);
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

/** The connection of the transaction that holds it now, as long as that transaction lasts. */
export interface SqliteTransaction {
  connection: SqliteConnection;
  /** Refuses once the transaction that held the connection at the start has ended (committed, rolled back, timed out). */
  check(): void;
}

/**
 * The connection for direct use inside the transaction that holds it now
 * (call from within that transaction's callback), or null as for
 * sqliteConnection. Call check() before each use: Prisma rolls back a
 * transaction that outlives its timeout while the callback still runs, and
 * a statement run after that would commit on its own or land in the next
 * holder's transaction.
 */
export function sqliteTransaction(prisma: object): SqliteTransaction | null {
  const connection = sqliteConnection(prisma);
  if (!connection) return null;
  const holder = holders.get(prisma)?.() ?? null;
  const mine = holder?.() ?? null;
  return {
    connection,
    check() {
      if (!connection.inTransaction || (holder && holder() !== mine)) throw new Error('The transaction has ended (rolled back after its timeout?); nothing more is written or read in it');
    },
  };
}

/** Statements kept prepared per connection: Prisma's SQL repeats, and preparing is a large part of a small query's cost. */
const STATEMENT_CACHE = 500;

interface Statement {
  reader: boolean;
  readonly: boolean;
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  iterate(...params: unknown[]): IterableIterator<unknown>;
  columns(): unknown[];
  raw(toggle?: boolean): Statement;
  safeIntegers(toggle?: boolean): Statement;
}

/**
 * SQLite's page cache for each connection, in KiB (negative: a size, not a
 * page count): 64 MB where SQLite's default is 2 MB. A payroll run at
 * 100,000 people reads and writes indexes of hundreds of MB; with 2 MB every
 * page came back through a system call. The cache fills only as pages are
 * used, so a small database costs no more.
 */
export const PAGE_CACHE = -65_536;

/** How the server uses each of its connections: the page cache above, and statements kept prepared. */
export function tuneConnection(connection: SqliteConnection): void {
  connection.pragma(`cache_size = ${PAGE_CACHE}`);
  cacheStatements(connection);
}

/**
 * When a connection's commits copy the write-ahead log back into the
 * database file (SQLite's checkpoint). 'on-commit' is SQLite's own way: the
 * commit that takes the log past 1,000 pages does it, and whoever waits for
 * that commit waits for it too (70–80 ms after a 10,000-person payroll run,
 * whose log is 43 MB). 'when-asked': never at a commit; the owner calls
 * checkpoint() after the work whose outcome others wait for (the job
 * thread, after each job).
 */
export type Checkpoints = 'on-commit' | 'when-asked';

export function setCheckpoints(connection: SqliteConnection, checkpoints: Checkpoints): void {
  connection.pragma(`wal_autocheckpoint = ${checkpoints === 'when-asked' ? 0 : 1000}`);
}

/** What a checkpoint did: pages in the log, and how many of them are now in the database file. */
export interface Checkpointed {
  log: number;
  checkpointed: number;
}

/**
 * Copies the log back into the database file now, as far as no reader still
 * needs it (PASSIVE: it neither waits for nor blocks anyone; pages a reader
 * still needs stay in the log, and the next checkpoint, or the next commit
 * of a connection that checkpoints on commit, copies them). Null when it
 * did not run: inside a transaction of the connection (SQLite refuses it
 * there), or for a client without a SQLite connection (PostgreSQL).
 */
export function checkpoint(prisma: object): Checkpointed | null {
  const connection = connections.get(prisma)?.() ?? null;
  if (!connection || !connection.open || connection.inTransaction) return null;
  return checkpointConnection(connection);
}

/** checkpoint() on a connection of one's own (the bench's floor). */
export function checkpointConnection(connection: SqliteConnection): Checkpointed {
  const [result] = connection.pragma('wal_checkpoint(PASSIVE)') as { busy: number | bigint; log: number | bigint; checkpointed: number | bigint }[];
  return { log: Number(result?.log ?? 0), checkpointed: Number(result?.checkpointed ?? 0) };
}

/**
 * Keeps each connection's statements prepared, by SQL text (least recently
 * used dropped past STATEMENT_CACHE). better-sqlite3 binds a statement's
 * parameters once for good (`bind`), which the Prisma adapter does on every
 * query, so each use gets a thin statement of its own that passes its bound
 * parameters at the call. better-sqlite3 runs a statement to the end before
 * it returns (the adapter never keeps an iterator open), so one prepared
 * statement is never in use twice at a time.
 */
export function cacheStatements(connection: SqliteConnection): void {
  const db = connection as unknown as { prepare(sql: string): Statement };
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Statement>();
  db.prepare = (sql: string): Statement => {
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql);
    } else {
      statement = prepare(sql);
      if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, statement);
    return useOf(statement);
  };
}

/** One use of a cached statement: `bind` and `raw` hold for this use only, as on a statement just prepared. */
function useOf(statement: Statement): Statement {
  let bound: unknown[] | null = null;
  let raw = false;
  const params = (given: unknown[]) => {
    // A reader's mode is the statement's, shared by every use: set to this use's before it runs.
    if (statement.reader) statement.raw(raw);
    return given.length || !bound ? given : bound;
  };
  const use: Statement = {
    get reader() {
      return statement.reader;
    },
    get readonly() {
      return statement.readonly;
    },
    bind: (...given: unknown[]) => {
      if (bound) throw new TypeError('The bind() method can only be invoked once per statement object');
      bound = given;
      return use;
    },
    run: (...given) => statement.run(...params(given)),
    all: (...given) => statement.all(...params(given)),
    get: (...given) => statement.get(...params(given)),
    iterate: (...given) => statement.iterate(...params(given)),
    columns: () => statement.columns(),
    raw: (toggle = true) => {
      statement.raw(toggle); // refused as better-sqlite3 refuses it, for a statement that returns no data
      raw = toggle;
      return use;
    },
    safeIntegers: (toggle = true) => (statement.safeIntegers(toggle), use),
  } as Statement & { bind(...given: unknown[]): Statement };
  return use;
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
  tuneConnection(connection);
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

/**
 * A declared column type as @prisma/adapter-better-sqlite3 types it (its
 * `mapDeclType`, which the package does not export), for the types the
 * direct read hands on as better-sqlite3 gives them: Int, BigInt, Boolean,
 * text. 'infer' for a column without a type the adapter knows (an
 * expression): typed, as the adapter types it, by its first value that is
 * not null. Null for a type the adapter converts itself (dates, decimals,
 * floats, bytes, JSON): such a statement is left to the adapter.
 */
function columnTypeOf(declared: string | null): ColumnType | 'infer' | null {
  switch (declared?.toUpperCase() ?? '') {
    case 'TINYINT': case 'SMALLINT': case 'MEDIUMINT': case 'INT': case 'INTEGER': case 'SERIAL': case 'INT2':
      return ColumnTypeEnum.Int32;
    case 'BIGINT': case 'UNSIGNED BIG INT': case 'INT8':
      return ColumnTypeEnum.Int64;
    case 'BOOLEAN':
      return ColumnTypeEnum.Boolean;
    case 'TEXT': case 'CLOB': case 'CHARACTER': case 'VARCHAR': case 'VARYING CHARACTER': case 'NCHAR': case 'NATIVE CHARACTER': case 'NVARCHAR':
      return ColumnTypeEnum.Text;
    case 'DECIMAL': case 'FLOAT': case 'DOUBLE': case 'DOUBLE PRECISION': case 'NUMERIC': case 'REAL':
    case 'DATETIME': case 'TIMESTAMP': case 'TIME': case 'DATE': case 'BLOB': case 'JSONB':
      return null;
    default:
      return 'infer';
  }
}

/** A column's type from its first value that is not null, as the adapter infers it (its `inferColumnType`; SQLite gives no booleans, and bytes are left to the adapter). */
function inferredType(rows: unknown[][], column: number): ColumnType {
  for (const row of rows) {
    const v = row[column];
    if (v === null) continue;
    return typeof v === 'string' ? ColumnTypeEnum.Text : typeof v === 'bigint' ? ColumnTypeEnum.Int64 : ColumnTypeEnum.UnknownNumber;
  }
  return ColumnTypeEnum.Int32;
}

/** A statement read directly: its use kept (raw rows), its column names and types. */
interface DirectRead {
  use: Statement;
  columnNames: string[];
  columnTypes: (ColumnType | 'infer')[];
}

/** Per reader connection, per SQL text: how it is read directly, or null where the adapter must read it. */
const directReads = new WeakMap<object, Map<string, DirectRead | null>>();

/**
 * A read-only statement run on a connection itself, without the driver
 * adapter: the adapter asks SQLite for the statement's columns on every
 * query, turns each integer to text and back, and awaits a lock that such a
 * read never needs. Values as Prisma's raw query gives them (raw-values.ts).
 * The connection is either the query-only reader (readConnection), which
 * sees the last commit (WAL), or a transaction's own (direct-read.ts
 * transactionReads), which sees that transaction's writes too.
 * better-sqlite3 runs the statement to its end before returning, so nothing
 * interleaves with it. Null where the adapter must read it: a column or value
 * it converts itself (dates, decimals, bytes), a statement that writes, or
 * one that fails (the adapter then reports the error as Prisma does).
 */
export function readWithout(connection: SqliteConnection, sql: string, args: unknown[]): Record<string, unknown>[] | null {
  let known = directReads.get(connection);
  if (!known) directReads.set(connection, (known = new Map()));
  let read = known.get(sql);
  if (read === undefined) {
    const use = (connection as unknown as { prepare(sql: string): Statement }).prepare(sql);
    const columns = use.reader ? (use.columns() as { name: string; type: string | null }[]) : [];
    const columnTypes = columns.map((c) => columnTypeOf(c.type));
    // A reader that writes (INSERT … RETURNING) is the writer's: the reader connection is query-only.
    read = use.reader && use.readonly && columnTypes.every((t) => t !== null)
      ? { use: use.safeIntegers(true).raw(true), columnNames: columns.map((c) => c.name), columnTypes: columnTypes as (ColumnType | 'infer')[] }
      : null;
    if (known.size >= STATEMENT_CACHE) known.clear();
    known.set(sql, read);
  }
  if (!read) return null;
  let rows: unknown[][];
  try {
    rows = read.use.all(...args.map(argOf)) as unknown[][];
  } catch {
    return null;
  }
  // Bytes (a blob in any column): the adapter turns them into an array of numbers.
  for (const row of rows) for (const v of row) if (typeof v === 'object' && v !== null) return null;
  const columnTypes = read.columnTypes.map((type, i) => (type === 'infer' ? inferredType(rows, i) : type));
  return rowObjects({ columnNames: read.columnNames, columnTypes, rows });
}

/** A parameter as the adapter binds it: booleans as 1 and 0, dates as ISO 8601 text with an offset. */
function argOf(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00');
  return value;
}
