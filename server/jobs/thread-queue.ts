/**
 * Jobs on SQLite: one worker thread with its own connection runs them, one
 * at a time, in the order they came; the job rows are the queue (a job
 * left queued or running by a stopped server is taken again at start).
 * While the thread writes, this process holds its own connection for it
 * (holdWriter): this process's writes wait their turn without blocking the
 * event loop in SQLite's busy handler, and its reads go on, on the reader
 * connection. A kind that reads for long and writes only briefly at its end
 * (readsThenWrites: the templates zip) is not held for: this process's
 * writes go on, and SQLite's lock keeps them apart from the job's brief
 * ones. Progress comes by message and is kept here, where the job is read
 * from (SQLite means one server process).
 */
import type { Database } from '../db/client.ts';
import type { Config } from '../config.ts';
import { holdWriter } from '../db/native-sqlite.ts';
import { describeError } from '../logging.ts';
import { recordFailure } from './run-job.ts';
import { jobThread } from './job-thread-runner.ts';
import { isJobKind, JOB_KINDS, type JobKind } from './kinds.ts';
import type { JobQueue } from './queue.ts';

export function threadQueue(db: Database, config: Config): JobQueue {
  const pending: string[] = [];
  const progress = new Map<string, { done: number; total: number }>();
  const thread = jobThread(db.url, config);
  let pumping = false;
  let stopped = false;
  let idle: Promise<void> = Promise.resolve();

  const holds = async (id: string) => {
    const job = await db.prisma.job.findUnique({ where: { id }, select: { kind: true } });
    return !(job && isJobKind(job.kind) && (JOB_KINDS[job.kind] as JobKind<unknown>).readsThenWrites);
  };

  const runOne = async (id: string) => {
    const release = (await holds(id)) ? await (holdWriter(db.prisma) ?? Promise.resolve(() => undefined)) : () => undefined;
    let crashed: Error | null = null;
    try {
      ({ crashed } = await thread.run(id, (done, total) => progress.set(id, { done, total })));
    } finally {
      release();
      progress.delete(id);
    }
    if (crashed) await recordFailure(db.prisma, id, crashed);
  };

  const pump = () => {
    if (pumping || stopped) return;
    pumping = true;
    idle = (async () => {
      try {
        for (let id = pending.shift(); id && !stopped; id = pending.shift()) {
          await runOne(id).catch((e: unknown) => console.error(`job ${id}: ${describeError(e)}`));
        }
      } finally {
        pumping = false;
      }
    })();
  };

  let started = false;
  return {
    async enqueue(_tx, id) {
      return () => {
        if (!pending.includes(id)) pending.push(id);
        pump();
      };
    },
    live: (id) => progress.get(id),
    async start() {
      if (started) return;
      started = true;
      stopped = false;
      const left = await db.prisma.job.findMany({ where: { status: { in: ['QUEUED', 'RUNNING'] } }, orderBy: { createdAt: 'asc' }, select: { id: true } });
      for (const { id } of left) if (!pending.includes(id)) pending.push(id);
      pump();
    },
    async stop() {
      stopped = true;
      await idle;
      await thread.stop();
    },
  };
}
