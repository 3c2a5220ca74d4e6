/**
 * A read sent to the database's driver adapter itself, for the few queries
 * every user's pane asks on opening (a rep's own targets: issue 12 §5).
 *
 * Prisma 6.19 compiles each raw query again in its WebAssembly query
 * compiler and maps every value through its client: about 150 µs of CPU a
 * query, measured, against a few µs for the SQL itself. The driver adapter
 * underneath is the same one Prisma uses: on SQLite the serialised adapter
 * (one holder of the connection at a time, reads on the reader connection
 * while a transaction works), on PostgreSQL the pool, whose statements stay
 * prepared (native-pg.ts). So a direct read sees what a Prisma read sees.
 *
 * Not for writes and not inside a transaction: those stay with Prisma.
 */
import type { ArgType, SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { Prisma } from './client.ts';
import type { Provider } from './providers.ts';

interface Direct {
  provider: Provider;
  adapter: SqlDriverAdapter | null;
}

const adapters = new WeakMap<object, Direct>();

/** A factory that remembers, for `prisma`, the adapter it connects: call before handing it to the client. */
export function rememberAdapter(factory: SqlDriverAdapterFactory, provider: Provider): { factory: SqlDriverAdapterFactory; register(prisma: object): void } {
  const direct: Direct = { provider, adapter: null };
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

const argType = (value: unknown): ArgType => ({
  scalarType: typeof value === 'number' ? (Number.isInteger(value) ? 'int' : 'float') : typeof value === 'bigint' ? 'bigint' : typeof value === 'boolean' ? 'boolean' : 'string',
  arity: 'scalar',
});

/**
 * The rows of a read-only query as objects keyed by column name. Values are
 * the driver's (64-bit integers may come as strings or bigints: convert them
 * where used). Falls back to Prisma's raw query where no adapter is known
 * (before the client's first connection, or a client opened elsewhere).
 */
export async function readRows<T extends Record<string, unknown>>(prisma: { $queryRaw<R>(query: Prisma.Sql): Promise<R> }, query: Prisma.Sql): Promise<T[]> {
  const direct = adapters.get(prisma);
  if (!direct?.adapter) return prisma.$queryRaw<T[]>(query);
  const args = query.values;
  const result = await direct.adapter.queryRaw({ sql: direct.provider === 'postgresql' ? query.text : query.sql, args, argTypes: args.map(argType) });
  const names = result.columnNames;
  return result.rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) out[names[i]!] = row[i];
    return out as T;
  });
}
