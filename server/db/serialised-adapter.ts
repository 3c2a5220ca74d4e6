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

function serialiseAdapter(inner: SqlDriverAdapter): SqlDriverAdapter {
  const mutex = new Mutex();
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
    queryRaw: (q: SqlQuery) => exclusive(() => inner.queryRaw(q)),
    executeRaw: (q: SqlQuery) => exclusive(() => inner.executeRaw(q)),
    executeScript: (script: string) => exclusive(() => inner.executeScript(script)),
    dispose: () => exclusive(() => inner.dispose()),
    async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
      const release = await mutex.acquire();
      let tx: Transaction;
      try {
        tx = await inner.startTransaction(isolationLevel);
      } catch (error) {
        release();
        throw error;
      }
      let done = false;
      const finish = async (end: () => Promise<void>) => {
        try {
          await end();
        } finally {
          if (!done) {
            done = true;
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
  if (inner.getConnectionInfo) adapter.getConnectionInfo = () => inner.getConnectionInfo!();
  return adapter;
}

/** `onConnect` sees the inner adapter once it is connected (native-sqlite.ts takes its connection). */
export function serialisedAdapterFactory(inner: SqlDriverAdapterFactory, onConnect?: (adapter: SqlDriverAdapter) => void): SqlDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const adapter = await inner.connect();
      onConnect?.(adapter);
      return serialiseAdapter(adapter);
    },
  };
}
