/**
 * Jobs on PostgreSQL: a pg-boss queue in the same database (its own schema),
 * so that any server process on any machine takes the next job, one process
 * each (SKIP LOCKED), and a job whose process died is delivered again after
 * its expiry; runJob makes a second delivery harmless. The queue entry is
 * written on the transaction that creates the job's row, so there is never
 * one without the other. The work itself runs in the process's job thread
 * (its own connection), off the event loop that answers other users.
 * Progress goes to the job row, a few times a second.
 */
import PgBoss from 'pg-boss';
import type { Database } from '../db/client.ts';
import { splitPgSchema } from '../db/client.ts';
import { pgConnection } from '../db/native-pg.ts';
import { lockForTransaction } from '../db/advisory-lock.ts';
import type { Config } from '../config.ts';
import { describeError } from '../logging.ts';
import { recordFailure } from './run-job.ts';
import { jobThread } from './job-thread-runner.ts';
import type { JobQueue } from './queue.ts';

const QUEUE = 'quotabook-jobs';
/** A job not finished this long after it started is taken to have lost its process, and is delivered again. */
const EXPIRE_SECONDS = 5 * 60;
const PROGRESS_EVERY_MS = 250;

/** pg-boss's schema beside ours: `pgboss`, or `<schema>_jobs` when the URL names a schema. */
export const jobsSchemaFor = (url: string) => {
  const { schema } = splitPgSchema(url);
  return schema ? `${schema}_jobs` : 'pgboss';
};

export function pgQueue(db: Database, config: Config): JobQueue {
  const { connectionString } = splitPgSchema(db.url);
  const connect = () => {
    const boss = new PgBoss({ connectionString, schema: jobsSchemaFor(db.url), max: 2, application_name: 'quotabook-jobs', schedule: false });
    boss.on('error', (e) => console.error(`job queue: ${describeError(e)}`));
    return boss;
  };
  let ready: Promise<PgBoss> | null = null;
  let workerId: string | null = null;
  const thread = jobThread(db.url, config);

  /** Progress to the job row, at most a few times a second; never after the job has finished. */
  const progressOf = (id: string) => {
    let last = 0;
    return (done: number, total: number) => {
      const now = Date.now();
      if (done !== 0 && done !== total && now - last < PROGRESS_EVERY_MS) return;
      last = now;
      db.prisma.job.updateMany({ where: { id, status: 'RUNNING' }, data: { done, total } }).catch((e: unknown) => console.error(`job progress: ${describeError(e)}`));
    };
  };

  /**
   * Starts pg-boss and makes sure the queue exists. Processes starting at once
   * (WORKERS, or several machines) create it one at a time: pg-boss's
   * create_queue adds a foreign key to its queue table while the other
   * inserts into it, and PostgreSQL then refuses one of them as a deadlock
   * (3 of 15 concurrent starts, measured). A start that fails is not kept:
   * the next job or start tries again, with a new pg-boss (one whose start
   * failed counts itself started).
   */
  const open = () =>
    (ready ??= (async () => {
      const boss = connect();
      try {
        await boss.start();
        await db.prisma.$transaction(
          async (tx) => {
            await lockForTransaction(tx, `jobs:${QUEUE}`);
            await boss.createQueue(QUEUE, { name: QUEUE, retryLimit: 2, retryDelay: 5, expireInSeconds: EXPIRE_SECONDS });
          },
          { timeout: 60_000 },
        );
        return boss;
      } catch (error) {
        ready = null;
        await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
        throw error;
      }
    })());

  return {
    async enqueue(tx, id) {
      const boss = await open();
      const client = await pgConnection(db.prisma, tx);
      if (!client) throw new Error('The job queue needs the transaction’s PostgreSQL connection');
      await boss.send(QUEUE, { jobId: id }, { db: { executeSql: (text, values) => client.query(text, values) } });
      // Once committed, this process's worker looks at once instead of at its next poll.
      return () => {
        if (workerId) boss.notifyWorker(workerId);
      };
    },
    live: () => undefined,
    async start() {
      const boss = await open();
      if (workerId) return;
      workerId = await boss.work<{ jobId: string }>(QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
        if (!job) return;
        const id = job.data.jobId;
        const { crashed } = await thread.run(id, progressOf(id));
        if (crashed) await recordFailure(db.prisma, id, crashed);
      });
    },
    async stop() {
      const boss = await ready?.catch(() => null);
      if (!boss) return;
      await boss.stop({ graceful: true, wait: true, timeout: 15_000 });
      await thread.stop();
    },
  };
}
