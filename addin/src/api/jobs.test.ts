import { describe, expect, it } from 'vitest';
import type { Client } from '@urql/core';
import { ApiError } from './client.ts';
import { followJob, jobError, type JobView } from './jobs.ts';

/** A client whose answers to the job query are scripted, one per ask. */
function scripted(answers: (JobView | Error)[]): { client: Client; asked: () => number } {
  let n = 0;
  const client = {
    query: () => ({
      toPromise: async () => {
        const a = answers[Math.min(n++, answers.length - 1)]!;
        if (a instanceof Error) return { error: { graphQLErrors: [], networkError: a, message: a.message } };
        return { data: { job: a } };
      },
    }),
  } as unknown as Client;
  return { client, asked: () => n };
}

const job = (status: JobView['status'], done: number, total: number, error: JobView['error'] = null): JobView => ({ id: 'j1', status, done, total, error });
const noWait = { sleep: async () => undefined };

describe('following a job', () => {
  it('reports each answer until it succeeds', async () => {
    const { client, asked } = scripted([job('QUEUED', 0, 0), job('RUNNING', 0, 80), job('RUNNING', 40, 80), job('SUCCEEDED', 80, 80)]);
    const seen: number[] = [];
    const done = await followJob(client, 'j1', (j) => seen.push(j.done), noWait);
    expect(done.status).toBe('SUCCEEDED');
    expect(seen).toEqual([0, 0, 40, 80]);
    expect(asked()).toBe(4);
  });

  it('rejects with the job’s refusal as the ApiError a request gives, numbers as numbers', async () => {
    const refusal = { code: 'BAD_USER_INPUT', reason: 'PAID_IN_OTHER_RUN', field: 'scopeUnitId', message: 'paid twice', params: [{ name: 'count', value: '2', isNumber: true }, { name: 'names', value: '007', isNumber: false }] };
    const { client } = scripted([job('RUNNING', 0, 10), job('FAILED', 0, 10, refusal)]);
    const err = (await followJob(client, 'j1', () => undefined, noWait).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAID_IN_OTHER_RUN', field: 'scopeUnitId', params: { count: 2, names: '007' } });
  });

  it('waits out a dropped connection, since the job goes on without the pane', async () => {
    const { client } = scripted([job('RUNNING', 1, 10), new TypeError('Failed to fetch'), new TypeError('Failed to fetch'), job('SUCCEEDED', 10, 10)]);
    expect((await followJob(client, 'j1', () => undefined, noWait)).status).toBe('SUCCEEDED');
  });

  it('gives up after its patience, and at once on a refusal of the ask itself', async () => {
    const down = scripted([new TypeError('Failed to fetch')]);
    await expect(followJob(down.client, 'j1', () => undefined, { ...noWait, patience: 3 })).rejects.toBeTruthy();
    expect(down.asked()).toBe(4);
    expect(jobError(job('FAILED', 0, 0)).reason).toBe('JOB_FAILED');
  });
});
