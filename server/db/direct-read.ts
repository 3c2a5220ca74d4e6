/**
 * A read sent to the database's driver adapter itself, for the few queries
 * every user's pane asks on opening (a rep's own targets: issue 12 §5).
 *
 * Prisma 6.19 compiles each raw query again in its WebAssembly query
 * compiler and maps every value through its client: about 150 µs of CPU a
 * query, measured, against a few µs for the SQL itself. On PostgreSQL the
 * read goes to the driver adapter Prisma uses, over the pool whose
 * statements stay prepared (native-pg.ts). On SQLite it runs on the
 * query-only reader connection itself (native-sqlite.ts readWithout), which
 * sees the last commit as a read through the serialised adapter does; a
 * statement with a column only the adapter converts (a date) goes to the
 * adapter. Either way a direct read sees what a Prisma read sees.
 *
 * Not for writes. Inside a transaction only through transactionReads,
 * which reads on the transaction's own connection.
 */
import type { ArgType, SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { Prisma } from './client.ts';
import type { Provider } from './providers.ts';
import { readWithout, sqliteTransaction, type SqliteConnection } from './native-sqlite.ts';
import { rowObjects } from './raw-values.ts';

interface Direct {
  provider: Provider;
  adapter: SqlDriverAdapter | null;
  /** SQLite's query-only reader connection, once open (native-sqlite.ts readWithout). */
  reader?: () => SqliteConnection | null;
}

const adapters = new WeakMap<object, Direct>();

/** A factory that remembers, for `prisma`, the adapter it connects: call before handing it to the client. */
export function rememberAdapter(
  factory: SqlDriverAdapterFactory,
  provider: Provider,
  reader?: () => SqliteConnection | null,
): { factory: SqlDriverAdapterFactory; register(prisma: object): void } {
  const direct: Direct = { provider, adapter: null, reader };
  return {
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => {
        const adapter = await factory.connect();
        direct.adapter = adapter;
        // Once Prisma lets it go, reads go through Prisma again (which connects anew, or refuses as it would).
        const dispose = adapter.dispose.bind(adapter);
        adapter.dispose = () => {
          if (direct.adapter === adapter) direct.adapter = null;
          return dispose();
        };
        return adapter;
      },
    },
    register: (prisma) => adapters.set(prisma, direct),
  };
}

/** The database a client opened by openDatabase works on; null for a client opened elsewhere. */
export function providerOfClient(prisma: object): Provider | null {
  return adapters.get(prisma)?.provider ?? null;
}

/** How each parameter goes to the adapter; anything but a plain value is refused rather than sent as text. */
function argType(value: unknown): ArgType {
  return { scalarType: scalarTypeOf(value), arity: 'scalar' };
}

function checked(value: unknown): unknown {
  scalarTypeOf(value);
  return value;
}

function scalarTypeOf(value: unknown): ArgType['scalarType'] {
  const scalarType: ArgType['scalarType'] | null =
    typeof value === 'string' ? 'string'
    : typeof value === 'number' ? (Number.isInteger(value) ? 'int' : 'float')
    : typeof value === 'bigint' ? 'bigint'
    : typeof value === 'boolean' ? 'boolean'
    : value instanceof Date ? 'datetime'
    : value === null ? 'unknown'
    : null;
  if (!scalarType) throw new TypeError(`readRows takes strings, numbers, bigints, booleans, dates and null as parameters, not ${typeof value}`);
  return scalarType;
}

/**
 * The rows of a read-only query as objects keyed by column name, with the
 * value types Prisma's `$queryRaw` gives (raw-values.ts). Goes through Prisma
 * where no adapter is known: before the client's first connection, after it
 * disconnects, or for a client opened elsewhere.
 */
export async function readRows<T extends Record<string, unknown>>(prisma: { $queryRaw<R>(query: Prisma.Sql): Promise<R> }, query: Prisma.Sql): Promise<T[]> {
  const direct = adapters.get(prisma);
  if (!direct?.adapter) return prisma.$queryRaw<T[]>(query);
  const args = query.values;
  const reader = direct.reader?.();
  const rows = reader ? readWithout(reader, query.sql, args.map(checked)) : null;
  if (rows) return rows as T[];
  return rowObjects<T>(await direct.adapter.queryRaw({ sql: direct.provider === 'postgresql' ? query.text : query.sql, args, argTypes: args.map(argType) }));
}

/** Rows of a read-only query, as Prisma's `$queryRaw` gives them. */
export type ReadRows = <T extends Record<string, unknown>>(query: Prisma.Sql) => Promise<T[]>;

/**
 * Reads inside one of `prisma`'s interactive transactions `tx` (made within
 * its callback), seeing its own uncommitted writes. On SQLite each runs on the transaction's
 * connection itself (readWithout: no query compiled in Prisma's WebAssembly
 * and no value mapped through its client, which cost a payroll run's
 * gathering of 10,000 people's inputs about as much as SQLite's own work);
 * the serialised adapter gives that connection to the transaction alone
 * from BEGIN to COMMIT, and better-sqlite3 runs each statement to its end
 * before returning. A query readWithout declines (a date column, say), and
 * every query on PostgreSQL, goes through `tx`.
 */
export function transactionReads(prisma: object, tx: { $queryRaw<R>(query: Prisma.Sql): Promise<R> }): ReadRows {
  const transaction = sqliteTransaction(prisma);
  return async <T extends Record<string, unknown>>(query: Prisma.Sql) => {
    transaction?.check();
    const rows = transaction ? readWithout(transaction.connection, query.sql, query.values.map(checked)) : null;
    return rows ? (rows as T[]) : tx.$queryRaw<T[]>(query);
  };
}
