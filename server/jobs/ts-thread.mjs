// The job thread from TypeScript sources (tests, `tsx`): registers tsx in this thread, then loads the entry.
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
await import(workerData.entry);
