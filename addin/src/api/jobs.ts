/**
 * Following a job the server runs off the request path (a payroll
 * calculation): ask for it until it has finished, reporting its progress;
 * a blip in the connection meanwhile is waited out, since the job goes on
 * without the pane. A failed job's refusal becomes the same ApiError a
 * refused request gives, so the pane says it in the user's language.
 */
import type { Client } from '@urql/core';
import { ApiError, run } from './client.ts';
import { isTransient } from './describe-error.ts';

export type JobStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

export interface JobView {
  id: string;
  status: JobStatus;
  done: number;
  total: number;
  /** What a finished job did (a calculation's payslips, a publication's version), when asked for. */
  summary?: { name: string; value: string; isNumber: boolean }[];
  error: { code: string; reason: string; field: string | null; message: string; params: { name: string; value: string; isNumber: boolean }[] } | null;
  /** What a succeeded job made, to download (the team's plan templates), when asked for. */
  file?: JobFileView | null;
}

export interface JobFileView {
  name: string;
  size: number;
  /** Relative to the server; carries its own secret, so it opens in a browser. */
  url: string;
  expiresAt: string;
}

export const JOB_FIELDS = 'id status done total summary { name value isNumber } error { code reason field message params { name value isNumber } }';
export const JOB = `query Job($id: ID!) { job(id: $id) { ${JOB_FIELDS} file { name size url expiresAt } } }`;

export const isOpen = (job: Pick<JobView, 'status'> | null | undefined): boolean => job?.status === 'QUEUED' || job?.status === 'RUNNING';

/** A finished job's summary by name, numbers as numbers (a calculation's payslips, a publication's version, an import's counts). */
export function summaryOf(job: JobView): Record<string, string | number> {
  return Object.fromEntries((job.summary ?? []).map((v) => [v.name, v.isNumber ? Number(v.value) : v.value]));
}

/** The refusal a failed job keeps, as the ApiError a refused request would have given. */
export function jobError(job: JobView): ApiError {
  const e = job.error ?? { code: 'INTERNAL', reason: 'JOB_FAILED', field: null, message: 'The job failed', params: [] };
  const params = Object.fromEntries(e.params.map((p) => [p.name, p.isNumber ? Number(p.value) : p.value]));
  return new ApiError(e.message, e.code, e.reason, params, e.field ?? undefined);
}

export interface FollowOptions {
  /** Between two asks (ms). */
  intervalMs?: number;
  /** Connection failures in a row waited out before giving up. */
  patience?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Starts a job with `mutation` (whose one field gives the job) and follows it to its end. */
export async function startAndFollow(client: Client, mutation: string, variables: Record<string, unknown>, progress: (job: JobView) => void = () => undefined): Promise<JobView> {
  const started = Object.values(await run<Record<string, JobView>>(client, mutation, variables, true))[0]!;
  return followJob(client, started.id, progress);
}

/**
 * Asks for the job until it has finished; `progress` gets each answer. Resolves
 * with the finished job when it succeeded, rejects with its refusal when it failed.
 */
export async function followJob(client: Client, id: string, progress: (job: JobView) => void, options: FollowOptions = {}): Promise<JobView> {
  const { intervalMs = 400, patience = 30, sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)) } = options;
  let failures = 0;
  for (;;) {
    let job: JobView;
    try {
      job = (await run<{ job: JobView }>(client, JOB, { id })).job;
      failures = 0;
    } catch (err) {
      if (!isTransient(err) || ++failures > patience) throw err;
      await sleep(intervalMs * Math.min(failures, 5));
      continue;
    }
    progress(job);
    if (job.status === 'SUCCEEDED') return job;
    if (job.status === 'FAILED') throw jobError(job);
    await sleep(intervalMs);
  }
}
