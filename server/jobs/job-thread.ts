/**
 * The SQLite job thread (thread-queue.ts): its own connection to the file,
 * runs each job it is sent, reports progress and when it is finished.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/client.ts';
import { checkpoint } from '../db/native-sqlite.ts';
import type { Config } from '../config.ts';
import { runJob } from './run-job.ts';

const { url, config } = workerData as { url: string; config: Config };
const port = parentPort!;
// One job at a time: its transaction's connection and one for its progress and status (PostgreSQL).
// On SQLite a job's commit does not copy the log back into the file: the thread does it after the
// job, once its outcome is committed and the pane can see it (native-sqlite.ts). The server
// process's held writes still wait for it, as they waited for the commit's own checkpoint.
const db = await openDatabase(url, { poolMax: 2, checkpoints: 'when-asked' });
const env = { prisma: db.prisma, config };

port.on('message', (m: { run: string }) => {
  // Progress comes a chunk of work at a time (2,000 people): each is passed on.
  void runJob(env, m.run, (done, total) => port.postMessage({ progress: m.run, done, total }))
    .catch((e: unknown) => console.error('job thread', e instanceof Error ? e.name : typeof e))
    .finally(() => {
      // Before the server process is told: it holds its writes for the thread until then, so its
      // commits do not meet a long log and copy it back themselves, on its event loop.
      try {
        // Pages a reader still needs stay in the log for the next checkpoint.
        checkpoint(db.prisma);
      } catch (e) {
        console.error('job thread checkpoint', e instanceof Error ? e.name : typeof e);
      }
      port.postMessage({ finished: m.run });
    });
});
