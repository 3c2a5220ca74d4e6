/**
 * The job thread, seen from the server process: a worker thread with its own
 * database connection that runs one job at a time (job-thread.ts), so that a
 * long calculation's arithmetic never holds up the server's event loop. It
 * is started on the first job and kept; if it dies (out of memory, say) the
 * job it ran is reported as crashed and the next job starts a new one.
 */
import { Worker } from 'node:worker_threads';
import type { Config } from '../config.ts';
import { describeError } from '../logging.ts';

type FromThread = { progress: string; done: number; total: number } | { finished: string };

/** The thread's entry: the bundle's own when running from dist/server, else the TypeScript source through tsx. */
function threadEntry(): { file: URL; workerData: Record<string, unknown> } {
  const bundle = (globalThis as { QUOTABOOK_BUNDLE_URL?: string }).QUOTABOOK_BUNDLE_URL;
  if (bundle) return { file: new URL('./job-thread.mjs', bundle), workerData: {} };
  return { file: new URL('./ts-thread.mjs', import.meta.url), workerData: { entry: new URL('./job-thread.ts', import.meta.url).href } };
}

export interface JobThread {
  /** Runs the job in the thread; resolves when it is done (its outcome is on its row), or with the error that killed the thread. */
  run(id: string, progress: (done: number, total: number) => void): Promise<{ crashed: Error | null }>;
  stop(): Promise<void>;
}

export function jobThread(url: string, config: Config): JobThread {
  let worker: Worker | null = null;
  let running: { id: string; progress: (done: number, total: number) => void; end: (crashed: Error | null) => void } | null = null;

  const spawn = () => {
    const { file, workerData } = threadEntry();
    const w = new Worker(file, { workerData: { ...workerData, url, config } });
    w.on('message', (m: FromThread) => {
      if (!running) return;
      if ('progress' in m && m.progress === running.id) running.progress(m.done, m.total);
      else if ('finished' in m && m.finished === running.id) running.end(null);
    });
    w.on('error', (e) => console.error(`job thread: ${describeError(e)}`));
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      running?.end(new Error(`the job thread stopped (exit ${code})`));
    });
    return w;
  };

  return {
    run(id, progress) {
      if (running) return Promise.reject(new Error('the job thread runs one job at a time'));
      const w = (worker ??= spawn());
      return new Promise((resolve) => {
        running = {
          id,
          progress,
          end: (crashed) => {
            running = null;
            resolve({ crashed });
          },
        };
        w.postMessage({ run: id });
      });
    },
    async stop() {
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}
