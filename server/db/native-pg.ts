/**
 * The pg connection that holds a Prisma interactive transaction on
 * PostgreSQL, for the few writes that must run at the driver's floor (a
 * payroll run's payslips: issue 12 §1). Sending ten thousand payslips through
 * Prisma's raw SQL carries every array through its query engine and took
 * three times as long as the same statement on the connection itself.
 *
 * The pool is ours (PrismaPg accepts a pg.Pool): it remembers which client is
 * checked out for which server process, and a transaction finds its own by
 * asking the server `pg_backend_pid()` through Prisma. Statements sent on that
 * client run inside the transaction, and are rolled back with it.
 */
import type pg from 'pg';

type PgModule = typeof pg;
type Tx = { $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): Promise<T> };

export interface TrackedPool {
  pool: pg.Pool;
  /** The checked-out client connected to this server process, if any. */
  checkedOut(pid: number): pg.PoolClient | undefined;
  /** Which checkout of the client this is: it changes when the client goes back to the pool and again when it is next taken. */
  lease(client: pg.PoolClient): number | undefined;
}

/** Distinct statements kept prepared on each connection (beyond this, statements go unnamed as before). */
const PREPARED_STATEMENTS = 500;
/** Statements with more parameters than this (Prisma's IN lists, batched writes) vary with their data: not worth keeping. */
const MOST_PARAMETERS = 64;
/** SQL texts remembered as seen once, waiting for a second use (forgotten all at once past this). */
const SEEN_ONCE = 5000;

/**
 * Errors after which a connection's copy of a named statement cannot be
 * trusted, so the statement is parsed again under a new name: the statement
 * is gone (26000: pg closes it when binding a value fails, yet still counts
 * it as parsed), its plan no longer fits the table after another instance
 * migrated (0A000), or pg failed before the server answered (no code).
 */
const distrusts = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code !== 'string' || code === '26000' || code === '0A000';
};

/**
 * A pg.Client that keeps the server's repeated statements prepared on its
 * connection: a parameterised SQL text used a second time gets a name (pg
 * parses a named statement once per connection, then only binds and
 * executes it). Prisma's adapter sends every query unnamed, so PostgreSQL
 * parsed and planned each one anew. Texts used once (a one-off report's
 * filter) never take one of the PREPARED_STATEMENTS names.
 */
function preparingClient(pgModule: PgModule): typeof pg.Client {
  // One name per SQL text for the pool's every connection (each parses it once).
  const names = new Map<string, string>();
  const seenOnce = new Set<string>();
  const nameOf = (text: string, values: unknown): string | undefined => {
    // Without parameters pg sends a simple query (which may hold several statements): left as it is.
    if (!Array.isArray(values) || values.length === 0 || values.length > MOST_PARAMETERS) return undefined;
    const name = names.get(text);
    if (name || names.size >= PREPARED_STATEMENTS) return name;
    if (!seenOnce.has(text)) {
      if (seenOnce.size >= SEEN_ONCE) seenOnce.clear();
      seenOnce.add(text);
      return undefined;
    }
    seenOnce.delete(text);
    names.set(text, `qb${names.size}`);
    return names.get(text);
  };
  class PreparingClient extends pgModule.Client {
    /** Statements this connection parses again under a new name (see distrusts): their generation. */
    private renamed = new Map<string, number>();

    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override query(config: any, ...rest: any[]): any {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const send = (super.query as any).bind(this);
      const named = config && typeof config === 'object' && typeof config.text === 'string' && config.name === undefined && typeof config.submit !== 'function' && !config.callback;
      const base = named ? nameOf(config.text, config.values ?? (Array.isArray(rest[0]) ? rest[0] : undefined)) : undefined;
      if (!base) return send(config, ...rest);
      const generation = this.renamed.get(base);
      const name = generation ? `${base}_${generation}` : base;
      const failed = (error: unknown) => {
        if (distrusts(error) && this.renamed.get(base) === generation) this.renamed.set(base, (generation ?? 0) + 1);
      };
      const callback = typeof rest.at(-1) === 'function' ? rest.pop() : undefined;
      if (callback) {
        return send({ ...config, name }, ...rest, (error: unknown, result: unknown) => {
          if (error) failed(error);
          callback(error, result);
        });
      }
      return (send({ ...config, name }, ...rest) as Promise<unknown>).catch((error: unknown) => {
        failed(error);
        throw error;
      });
    }
  }
  return PreparingClient as unknown as typeof pg.Client;
}

/** A pg.Pool (a subclass, as PrismaPg requires) that keeps its checked-out clients by server process id. */
export function trackedPool(pgModule: PgModule, config: pg.PoolConfig, { prepared = true }: { prepared?: boolean } = {}): TrackedPool {
  const byPid = new Map<number, pg.PoolClient>();
  const leases = new WeakMap<pg.PoolClient, number>();
  const nextLease = (client: pg.PoolClient) => leases.set(client, (leases.get(client) ?? 0) + 1);
  class Pool extends pgModule.Pool {
    override async connect(...args: unknown[]) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      if (args.length) return (super.connect as any)(...args);
      const client = await super.connect();
      const pid = (client as unknown as { processID?: number }).processID;
      if (typeof pid !== 'number') return client;
      byPid.set(pid, client);
      nextLease(client);
      const release = client.release;
      client.release = (error?: Error | boolean) => {
        if (byPid.get(pid) === client) byPid.delete(pid);
        nextLease(client);
        return release.call(client, error);
      };
      return client;
    }
  }
  const pool = new Pool(prepared ? { Client: preparingClient(pgModule), ...config } : config);
  return { pool, checkedOut: (pid) => byPid.get(pid), lease: (client) => leases.get(client) };
}

const pools = new WeakMap<object, TrackedPool>();

export function registerPgPool(prisma: object, pool: TrackedPool) {
  pools.set(prisma, pool);
}

/** The connection of the transaction `tx` of this client, or null (SQLite, or a pool not ours). */
export async function pgConnection(prisma: object, tx: Tx): Promise<pg.PoolClient | null> {
  return (await pgTransaction(prisma, tx))?.client ?? null;
}

/**
 * The connection of the transaction `tx`, as long as the transaction holds
 * it: check() refuses once the client has gone back to the pool (Prisma
 * rolls back a transaction that outlives its timeout while its callback
 * still runs; a COPY sent after that would commit on its own, or in
 * another request's transaction).
 */
export interface PgTransaction {
  client: pg.PoolClient;
  /** Refuses once the client has gone back to the pool. */
  check(): void;
}

export async function pgTransaction(prisma: object, tx: Tx): Promise<PgTransaction | null> {
  const tracked = pools.get(prisma);
  if (!tracked) return null;
  const [row] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
  const client = row ? tracked.checkedOut(Number(row.pid)) : undefined;
  if (!client) return null;
  const lease = tracked.lease(client);
  return {
    client,
    check() {
      if (tracked.lease(client) !== lease) throw new Error('The transaction has ended (rolled back after its timeout?); nothing more is written in it');
    },
  };
}
