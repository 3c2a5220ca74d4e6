/**
 * Runs one job wherever it was delivered (a pg-boss worker in any server
 * process, or the SQLite job thread): marks it running, does its kind's work
 * with the requester as viewer, and records the outcome. Success is recorded
 * inside the work's own transaction, so a job delivered twice (a process
 * that died after committing) takes effect once: the second delivery finds
 * it finished and does nothing. A refusal is kept as the API would give it
 * (code, reason, params, field), for the pane to render in its language.
 */
import { GraphQLError } from 'graphql';
import type { Db } from '../db/client.ts';
import type { Config } from '../config.ts';
import type { Context } from '../context.ts';
import { systemClock } from '../clock.ts';
import type { Viewer } from '../auth/sessions.ts';
import { accessEnded } from '../auth/sessions.ts';
import { createThrottle } from '../auth/throttle.ts';
import { describeError } from '../logging.ts';
import { forbidden, isDatabaseBusy } from '../errors.ts';
import { isJobKind, JOB_KINDS, type JobKind } from './kinds.ts';
import { dropInput } from './job-files.ts';

export interface JobEnv {
  prisma: Db;
  replica?: Db;
  config: Config;
}

export interface JobRefusal {
  code: string;
  reason: string;
  params: Record<string, string | number>;
  field?: string;
  message: string;
}

const UNFINISHED = { in: ['QUEUED' as const, 'RUNNING' as const] };

/** The requester as the work's viewer, if they may still do this kind of work (not disabled, not left, still holding a role for it). */
async function requesterOf(prisma: Db, userId: string, kind: JobKind<unknown>, jobId: string): Promise<Viewer | null> {
  const user = await prisma.user.findUnique({ where: { id: userId }, include: { roles: true, person: { select: { name: true, leaveDate: true } }, servedUnits: { select: { unitId: true } } } });
  if (!user || user.disabled || accessEnded(user.person?.leaveDate)) return null;
  const roles = user.roles.map((r) => r.role).sort();
  if (!kind.roles.some((r) => roles.includes(r))) return null;
  return {
    userId: user.id,
    username: user.username,
    sessionId: `job:${jobId}`,
    roles,
    personId: user.personId,
    personName: user.person?.name ?? null,
    servedUnitIds: user.servedUnits.map((s) => s.unitId).sort(),
  };
}

/** A refusal as the API gives it; anything unexpected is logged and kept as JOB_FAILED, without its message. */
export function refusalOf(error: unknown): JobRefusal {
  const ext = error instanceof GraphQLError ? (error.extensions as { code?: string; reason?: string; params?: Record<string, string | number>; field?: string }) : null;
  if (ext?.code && ext.reason) return { code: ext.code, reason: ext.reason, params: ext.params ?? {}, ...(ext.field ? { field: ext.field } : {}), message: (error as Error).message };
  console.error(`job failed: ${describeError(error)}`);
  if (isDatabaseBusy(error)) return { code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_BUSY', params: {}, message: 'The database did not answer in time; nothing the job was doing was saved. Try again in a moment' };
  return { code: 'INTERNAL', reason: 'JOB_FAILED', params: {}, message: 'The job stopped on an unexpected error; nothing it was doing was saved' };
}

/**
 * Records a job as failed with its refusal (or JOB_FAILED), unless it has
 * finished meanwhile: refused by its work, or its thread died under it (out
 * of memory, say) and its transaction with it, so nothing of it was kept.
 */
export async function recordFailure(prisma: Db, id: string, error: unknown): Promise<void> {
  const { count } = await prisma.job.updateMany({ where: { id, status: UNFINISHED }, data: { status: 'FAILED', finishedAt: new Date(), error: JSON.stringify(refusalOf(error)) } });
  // The file it was to read is not needed any more.
  if (count) await dropInput(prisma, id);
}

/**
 * Runs the job `id` once. `progress` receives items done and to do; where
 * it goes is the runner's choice (the job row on PostgreSQL, the main thread
 * on SQLite).
 */
export async function runJob(env: JobEnv, id: string, progress: (done: number, total: number) => void): Promise<void> {
  const job = await env.prisma.job.findUnique({ where: { id } });
  if (!job) return;
  // Finished already (delivered twice): nothing to do.
  const started = await env.prisma.job.updateMany({ where: { id, status: UNFINISHED }, data: { status: 'RUNNING', startedAt: new Date(), attempts: { increment: 1 } } });
  if (started.count === 0) return;
  try {
    if (!isJobKind(job.kind)) throw new Error(`unknown job kind ${job.kind}`);
    const kind = JOB_KINDS[job.kind] as JobKind<unknown>;
    const viewer = await requesterOf(env.prisma, job.requestedById, kind, id);
    if (!viewer) throw forbidden('JOB_NOT_ALLOWED', 'Whoever started this job may no longer do it');
    const ctx: Context = {
      prisma: env.prisma,
      replica: env.replica,
      config: env.config,
      viewer,
      sessionProblem: null,
      clock: systemClock,
      loginThrottle: createThrottle(),
      memo: new Map(),
    };
    let finished = false;
    await kind.run(ctx, JSON.parse(job.params), {
      jobId: id,
      progress,
      finish: async (tx, result, n) => {
        const { count } = await tx.job.updateMany({
          where: { id, status: UNFINISHED },
          data: { status: 'SUCCEEDED', finishedAt: new Date(), result: JSON.stringify(result), error: null, done: n, total: n },
        });
        // Finished meanwhile by another delivery: this one's work rolls back.
        if (count === 0) throw new Error(`job ${id} was finished by another delivery`);
        finished = true;
      },
    });
    if (!finished) throw new Error(`job ${id} did its work without recording it`);
  } catch (error) {
    await recordFailure(env.prisma, id, error);
  }
}
