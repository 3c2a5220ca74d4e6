/**
 * The request context every domain service takes: who is asking (the
 * viewer, or why there is none), the database (and its read replica), the
 * configuration, the clock, the shared sign-in throttle, the job queue and a
 * per-request memo. Built by the GraphQL layer for a request and by a job
 * runner for a job; services never see GraphQL's own context.
 */
import type { Db } from './db/client.ts';
import type { SessionProblem, Viewer } from './auth/sessions.ts';
import type { Config } from './config.ts';
import type { Throttle } from './auth/throttle.ts';
import type { JobQueue } from './jobs/queue.ts';
import type { Clock } from './clock.ts';

export interface Context {
  prisma: Db;
  /**
   * The read replica (DATABASE_READ_URL) for reads that tolerate a little
   * lag; absent or the primary otherwise. Used only for the sales sums behind
   * results and rankings (replicaOf); who may see what is always read from
   * the primary.
   */
  replica?: Db;
  config: Config;
  /** The time the request acts at (clock.ts): services never read the machine's clock. */
  clock: Clock;
  viewer: Viewer | null;
  /** Why there is no viewer, so the error can say so. */
  sessionProblem: SessionProblem | null;
  /** Sign-in throttling, shared through the database (see auth/throttle.ts). */
  loginThrottle: Throttle;
  /** The caller's network address (the socket's peer), for sign-in throttling. */
  clientAddress?: string;
  /** Where long work goes to run off the request path (jobs/queue.ts); absent outside a server. */
  jobs?: JobQueue;
  /** Per-request memo (never shared between requests or users). */
  memo: Map<string, unknown>;
}

/** Where a read that tolerates a little lag goes: the replica when there is one. */
export const replicaOf = (ctx: Pick<Context, 'prisma' | 'replica'>): Db => ctx.replica ?? ctx.prisma;

export function memo<T>(ctx: Context, key: string, make: () => T): T {
  if (!ctx.memo.has(key)) ctx.memo.set(key, make());
  return ctx.memo.get(key) as T;
}
