/**
 * Where jobs go to be run. On PostgreSQL a durable pg-boss queue in the same
 * database, which any server process (or instance) takes from, exactly once,
 * surviving a restart; on SQLite a worker thread with its own connection
 * (WAL lets this process keep reading meanwhile), the job rows themselves
 * being the queue. Started lazily on the first job, or by `start()` when a
 * server begins serving (which also takes jobs left by a stopped one).
 */
import type { Prisma } from '../db/client.ts';
import type { Database } from '../db/client.ts';
import type { Config } from '../config.ts';
import { sweepJobs, SWEEP_EVERY_MS } from './retention.ts';

export interface JobQueue {
  /**
   * Hands the job `id` over inside `tx`, the transaction that creates its row
   * (on PostgreSQL the queue entry commits with it); the returned function is
   * called once that transaction has committed.
   */
  enqueue(tx: Prisma.TransactionClient, id: string): Promise<() => void>;
  /** Progress known to this process ahead of the database (the SQLite job thread's), if any. */
  live(id: string): { done: number; total: number } | undefined;
  /** Starts taking jobs, including any left unfinished by a server that stopped. */
  start(): Promise<void>;
  /** Stops taking jobs; the one running finishes first (up to a timeout). */
  stop(): Promise<void>;
}

export async function jobQueueFor(db: Database, config: Config): Promise<JobQueue> {
  if (db.provider === 'postgresql') return (await import('./pg-queue.ts')).pgQueue(db, config);
  return (await import('./thread-queue.ts')).threadQueue(db, config);
}

/** A queue opened on first use: createApp stays synchronous and a server that runs no job never loads one. */
export function lazyJobQueue(db: Database, config: Config): JobQueue {
  let opened: Promise<JobQueue> | null = null;
  let stopped = false;
  const open = () => (opened ??= jobQueueFor(db, config));
  let known: JobQueue | null = null;
  let sweeping: NodeJS.Timeout | null = null;
  const sweep = () =>
    sweepJobs(db.prisma, config.jobRetentionDays).then(
      (swept) => swept.jobs + swept.files > 0 && console.log(`jobs: ${swept.jobs} finished more than ${config.jobRetentionDays} days ago and ${swept.files} expired files removed`),
      (e: unknown) => console.error(`jobs could not be swept: ${e instanceof Error ? e.message : String(e)}`),
    );
  return {
    // A process that hands a job over also takes jobs (a test's server, which nobody start()ed).
    enqueue: async (tx, id) => {
      known = await open();
      if (!stopped) await known.start();
      return known.enqueue(tx, id);
    },
    live: (id) => known?.live(id),
    // A serving server (main.ts) also sweeps old jobs away: now and daily (retention.ts).
    start: async () => {
      stopped = false;
      known = await open();
      await known.start();
      if (!sweeping) {
        void sweep();
        sweeping = setInterval(() => void sweep(), SWEEP_EVERY_MS).unref();
      }
    },
    stop: async () => {
      if (sweeping) clearInterval(sweeping);
      sweeping = null;
      if (stopped || !opened) return;
      stopped = true;
      await (await opened).stop();
    },
  };
}
