/**
 * @prisma/adapter-better-sqlite3 6.19 runs everything on one connection, so
 * while an interactive transaction is open, other requests' queries would run
 * inside it (seeing its uncommitted rows, and losing their writes if it rolls
 * back). This wrapper gives the connection to one holder at a time: a plain
 * query holds it for that query, a transaction from start to commit or
 * rollback. Queries issued through the transaction itself pass straight on.
 */
import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
  IsolationLevel,
} from '@prisma/driver-adapter-utils';

class Mutex {
  private tail: Promise<void> = Promise.resolve();
  /** Resolves with a release function once every earlier holder has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}

/**
 * A second connection on the same file for reads while a transaction holds
 * the first (WAL lets a reader see the last commit while a writer works):
 * another user's query does not wait for a long transaction such as a
 * payroll run (issue 12 §2). It is query-only; `readonly` says whether a
 * statement writes nothing (better-sqlite3's own judgement of it).
 */
export interface ReadConnection {
  adapter: SqlDriverAdapter;
  readonly(sql: string): boolean;
}

/** Holds the connection for a writer elsewhere (the SQLite job thread): this process's writes wait, its reads go to the reader. */
export type HoldWriter = () => Promise<() => void>;

/**
 * The transaction that holds the connection now: a token of its own for
 * each transaction, null between them. Code that uses the connection
 * directly inside a transaction (native-sqlite.ts sqliteTransaction) takes
 * the token when it starts and checks it before each use: once Prisma has
 * ended the transaction (a timeout rolls it back while its callback still
 * runs), a statement would otherwise commit on its own or land in the next
 * holder's transaction.
 */
export type Holder = () => object | null;

function serialiseAdapter(inner: SqlDriverAdapter, reader?: ReadConnection, onHold?: (hold: HoldWriter) => void, onHolder?: (holder: Holder) => void): SqlDriverAdapter {
  const mutex = new Mutex();
  let holder: object | null = null;
  onHolder?.(() => holder);
  // Transactions holding the connection or waiting for it: while there are any, reads go to the reader.
  let transactions = 0;
  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await mutex.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  };
  const adapter: SqlDriverAdapter = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (q: SqlQuery) => (reader && transactions > 0 && reader.readonly(q.sql) ? reader.adapter.queryRaw(q) : exclusive(() => inner.queryRaw(q))),
    executeRaw: (q: SqlQuery) => exclusive(() => inner.executeRaw(q)),
    executeScript: (script: string) => exclusive(() => inner.executeScript(script)),
    dispose: () => exclusive(async () => {
      await reader?.adapter.dispose();
      await inner.dispose();
    }),
    async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
      transactions++;
      let release: () => void;
      let tx: Transaction;
      try {
        release = await mutex.acquire();
      } catch (error) {
        transactions--;
        throw error;
      }
      try {
        tx = await inner.startTransaction(isolationLevel);
      } catch (error) {
        transactions--;
        release();
        throw error;
      }
      const token = {};
      holder = token;
      let done = false;
      const finish = async (end: () => Promise<void>) => {
        // Ended from here on, whatever COMMIT or ROLLBACK then says.
        if (holder === token) holder = null;
        try {
          await end();
        } finally {
          if (!done) {
            done = true;
            transactions--;
            release();
          }
        }
      };
      return {
        provider: tx.provider,
        adapterName: tx.adapterName,
        options: tx.options,
        queryRaw: (q: SqlQuery) => tx.queryRaw(q),
        executeRaw: (q: SqlQuery) => tx.executeRaw(q),
        commit: () => finish(() => tx.commit()),
        rollback: () => finish(() => tx.rollback()),
      };
    },
  };
  onHold?.(async () => {
    transactions++;
    const release = await mutex.acquire();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      transactions--;
      release();
    };
  });
  if (inner.getConnectionInfo) adapter.getConnectionInfo = () => inner.getConnectionInfo!();
  return adapter;
}

/**
 * `onConnect` sees the inner adapter once it is connected (native-sqlite.ts
 * takes its connection); `read` opens the reader connection, if any;
 * `onHold` receives the function that holds the connection for a writer elsewhere;
 * `onHolder` the one that tells which transaction holds it now.
 */
export function serialisedAdapterFactory(
  inner: SqlDriverAdapterFactory,
  onConnect?: (adapter: SqlDriverAdapter) => void,
  read?: () => Promise<ReadConnection | undefined>,
  onHold?: (hold: HoldWriter) => void,
  onHolder?: (holder: Holder) => void,
): SqlDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const adapter = await inner.connect();
      onConnect?.(adapter);
      return serialiseAdapter(adapter, await read?.(), onHold, onHolder);
    },
  };
}
