/**
 * Opens Quotabook's database: the embedded SQLite file when DATABASE_URL is
 * unset (or file:), PostgreSQL for postgres:// URLs. Both generated clients
 * have the same model API; the code is typed against the SQLite one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/sqlite/client/client.ts';
import { defaultSqliteUrl, providerOf, type Provider } from './providers.ts';
import { serialisedAdapterFactory, type Holder, type HoldWriter } from './serialised-adapter.ts';
import { connectionOf, readConnection, tuneConnection, registerSqliteConnection, setCheckpoints, type Checkpoints, type SqliteConnection } from './native-sqlite.ts';
import { registerPgPool, trackedPool } from './native-pg.ts';
import { rememberAdapter } from './direct-read.ts';

export type Db = PrismaClient;
export { Prisma } from './generated/sqlite/client/client.ts';

export interface Database {
  prisma: Db;
  /** The read replica (DATABASE_READ_URL) for reads that tolerate a little lag; the primary when there is none. */
  replica: Db;
  provider: Provider;
  url: string;
  close(): Promise<void>;
}

export function sqliteFile(url: string): string {
  const file = url.replace(/^file:/i, '');
  return file.startsWith('/') ? file : path.resolve(file);
}

export async function openDatabase(url = process.env.DATABASE_URL || defaultSqliteUrl, options: {
    readUrl?: string | null;
    /** PostgreSQL connections at most (10 by default). */
    poolMax?: number;
    /** Keep repeated statements prepared on each PostgreSQL connection (on by default: PG_PREPARED_STATEMENTS). */
    preparedStatements?: boolean;
    /** PostgreSQL: the longest one statement may run before the database cancels it (ms; 0 or unset: no limit). */
    statementTimeoutMs?: number;
    /** SQLite: when the write-ahead log is copied back (native-sqlite.ts); 'on-commit' by default. */
    checkpoints?: Checkpoints;
  } = {}): Promise<Database> {
  const provider = providerOf(url);
  let prisma: Db;
  if (provider === 'sqlite') {
    const file = sqliteFile(url);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    let connection: SqliteConnection | null = null;
    let hold: HoldWriter | null = null;
    let holder: Holder | null = null;
    let reader: SqliteConnection | null = null;
    const direct = rememberAdapter(serialisedAdapterFactory(
      new PrismaBetterSQLite3({ url: `file:${file}`, timeout: 5000 }),
      (inner) => {
        connection = connectionOf(inner);
        if (connection) tuneConnection(connection);
        if (connection && options.checkpoints) setCheckpoints(connection, options.checkpoints);
      },
      // Reads while a transaction holds the connection go to a second, query-only one.
      async () => {
        const read = await readConnection(new PrismaBetterSQLite3({ url: `file:${file}`, timeout: 5000 }));
        reader = read ? connectionOf(read.adapter) : null;
        return read;
      },
      (h) => (hold = h),
      (h) => (holder = h),
    ), 'sqlite', () => (reader?.open ? reader : null));
    prisma = new PrismaClient({ adapter: direct.factory });
    direct.register(prisma);
    registerSqliteConnection(prisma, () => connection, () => hold, () => holder);
    await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  } else {
    prisma = await openPostgres(url, { readOnly: false, max: options.poolMax, prepared: options.preparedStatements, statementTimeoutMs: options.statementTimeoutMs });
  }
  const replica = options.readUrl ? await openPostgres(options.readUrl, { readOnly: true, prepared: options.preparedStatements, statementTimeoutMs: options.statementTimeoutMs }) : prisma;
  return {
    prisma,
    replica,
    provider,
    url,
    close: async () => {
      if (replica !== prisma) await replica.$disconnect();
      await prisma.$disconnect();
    },
  };
}

/**
 * A PostgreSQL client. PostgreSQL's client and adapter are loaded only for a
 * PostgreSQL database (a SQLite start does not pay for them). The primary's
 * pool is ours, so that a payroll run can write on its transaction's
 * connection (native-pg.ts); a read replica's sessions are read-only.
 */
async function openPostgres(url: string, { readOnly, max = 10, prepared = true, statementTimeoutMs = 0 }: { readOnly: boolean; max?: number; prepared?: boolean; statementTimeoutMs?: number }): Promise<Db> {
  const { connectionString, schema } = splitPgSchema(url);
  // Raw SQL (the roster query) names tables unqualified: point search_path at the schema too.
  // Raw SQL also reads dates as text (a day is the first ten characters): ISO, whatever the server's DateStyle.
  const settings = [...(schema ? [`-c search_path="${schema.replace(/"/g, '""')}"`] : []), '-c DateStyle=ISO', ...(readOnly ? ['-c default_transaction_read_only=on'] : []), ...(statementTimeoutMs > 0 ? [`-c statement_timeout=${statementTimeoutMs}`] : [])];
  const options = settings.join(' ');
  const [{ PrismaPg }, { PrismaClient: PgPrismaClient }, { default: pgModule }] = await Promise.all([import('@prisma/adapter-pg'), import('./generated/postgresql/client/client.ts'), import('pg')]);
  const pool = trackedPool(pgModule, { connectionString, max, options }, { prepared });
  const direct = rememberAdapter(new PrismaPg(pool.pool, { ...(schema ? { schema } : {}), disposeExternalPool: true }), 'postgresql');
  const prisma = new PgPrismaClient({ adapter: direct.factory }) as unknown as Db;
  direct.register(prisma);
  if (!readOnly) registerPgPool(prisma, pool);
  return prisma;
}

/**
 * A PostgreSQL URL may name a schema (`?schema=name`, as Prisma's own URLs
 * do); pg does not understand that parameter, so it is split off here.
 */
export function splitPgSchema(url: string): { connectionString: string; schema?: string } {
  const u = new URL(url);
  const schema = u.searchParams.get('schema') ?? undefined;
  u.searchParams.delete('schema');
  return { connectionString: u.toString(), schema };
}

export const isMain = (meta: ImportMeta) =>
  !!process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(meta.url);
