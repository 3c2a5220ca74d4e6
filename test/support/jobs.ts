/** Following a job through the public API in black-box tests: ask for it until it has finished. */
import { expect } from 'vitest';
import type { TestServer } from './harness.ts';

/** Asks `query` (one `job(id)` field) every 100 ms until the job has succeeded or failed; the job as last seen. */
export async function finishedJob(s: TestServer, query: string, id: string, token: string, tries = 600) {
  for (let i = 0; i < tries; i++) {
    const r = await s.gql(query, { id }, token);
    expect(r.errors).toBeUndefined();
    const job = r.data.job;
    if (job.status === 'SUCCEEDED' || job.status === 'FAILED') return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${id} did not finish`);
}

/** A job's summary as name → value (text, as the API gives it). */
export const summaryOf = (job: { summary: { name: string; value: string }[] }) => Object.fromEntries(job.summary.map((v) => [v.name, v.value]));
