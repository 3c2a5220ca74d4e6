/**
 * Starting jobs and watching them. Starting checks what can be checked at
 * once (the run exists, is calculable, the revision is current), so a
 * request that cannot succeed is refused straight away with nothing queued;
 * a second start while one is queued or running returns that one. Who may
 * watch a job is decided in the query: its requester, or anyone holding a
 * role that may start its kind.
 */
import { recordAudit } from '../audit.ts';
import { conflict, notFound, clientError } from '../errors.ts';
import type { Context } from '../graphql/context.ts';
import type { Prisma } from '../db/client.ts';
import type { Job } from '../db/generated/sqlite/client/client.ts';
import { requireStatus } from '../payroll/runs.ts';
import crypto from 'node:crypto';
import { kindsWatchedBy, type JobKindName, type PayrollCalculation, type SheetImport } from './kinds.ts';
import type { SheetGrid } from '../imports/sources.ts';
import { isBlankRow } from '../imports/cells.ts';
import { requirePublishable, type RankingQuery } from '../results/ranking.ts';

type Tx = Prisma.TransactionClient;

export async function startJob(
  ctx: Context,
  kind: JobKindName,
  subjectId: string,
  params: object,
  check: (tx: Tx) => Promise<void>,
  /** What the audit records of the params, when they are bulky (a sheet's rows): a summary. */
  audited: object = params,
) {
  const queue = ctx.jobs;
  if (!queue || !ctx.viewer) throw new Error('Jobs need a queue and a viewer');
  const viewer = ctx.viewer;
  const openJob = (db: Tx | Context['prisma']) => db.job.findFirst({ where: { kind, subjectId, status: { in: ['QUEUED', 'RUNNING'] } }, orderBy: { createdAt: 'desc' } });
  // One queued or running already: that one, at once (on SQLite a running job holds the writer, so this is read first).
  const running = await openJob(ctx.prisma);
  if (running) return running;
  const { job, wake } = await ctx.prisma.$transaction(async (tx) => {
    const open = await openJob(tx);
    if (open) return { job: open, wake: null };
    await check(tx);
    const created = await tx.job.create({ data: { kind, subjectId, params: JSON.stringify(params), requestedById: viewer.userId } });
    await recordAudit(tx, viewer, { entityType: 'Job', entityId: created.id, action: 'start', after: { kind, subjectId, params: audited } });
    return { job: created, wake: await queue.enqueue(tx, created.id) };
  });
  wake?.();
  return job;
}

/** Queues the calculation of a payroll run, after the checks that need no calculation (its status, the revision). */
export async function startPayrollCalculation(ctx: Context, runId: string, revision: number) {
  return startJob(ctx, 'payroll.calculate', runId, { runId, revision } satisfies PayrollCalculation, async (tx) => {
    const run = await tx.payrollRun.findUnique({ where: { id: runId }, select: { status: true, revision: true } });
    if (!run) throw notFound('PayrollRun', runId);
    // The same refusals, in the same order, as calculateRun gives.
    requireStatus(run.status, ['DRAFT', 'CALCULATED'], 'calculate');
    if (run.revision !== revision) throw conflict('PayrollRun', runId, revision);
  });
}

/** Queues the publication of a ranking, once the viewer is known to be one who may publish it. */
export async function startRankingPublication(ctx: Context, query: RankingQuery) {
  await requirePublishable(ctx, query);
  const subject = [query.unitId, query.periodKey, query.by, query.basis, query.metric].join(':');
  return startJob(ctx, 'ranking.publish', subject, query, async () => undefined);
}

/**
 * Queues the import of a sheet's rows (sales or attendance), as the sheet
 * import mutations do it but off the request path. The same rows sent twice
 * while the first is queued or running are the same job.
 */
export async function startSheetImport(ctx: Context, kind: 'import.sales' | 'import.attendance', grid: SheetGrid) {
  // Nothing below a header: refused at once (the rows themselves are read and checked by the job, as the import does).
  if (grid.rows.filter((row) => !isBlankRow(row)).length < 2) {
    throw clientError('BAD_USER_INPUT', `${grid.sheet} has no rows below its header`, { field: 'grid', reason: 'NO_ROWS', params: { sheet: grid.sheet } });
  }
  const digest = crypto.createHash('sha256').update(JSON.stringify(grid)).digest('hex');
  return startJob(ctx, kind, `${kind}:${digest}`, { grid } satisfies SheetImport, async () => undefined, { sheet: grid.sheet, rows: grid.rows.length, sha256: digest });
}

/** The jobs this viewer may see, as a where clause: their own, or of a kind their role may start. */
function visibleTo(ctx: Context) {
  const viewer = ctx.viewer!;
  return { OR: [{ requestedById: viewer.userId }, { kind: { in: kindsWatchedBy(viewer.roles) } }] };
}

/** A running job with the progress this process knows ahead of the database (the SQLite job thread's). */
function withLive(ctx: Context, job: Job): Job {
  const live = job.status === 'RUNNING' ? ctx.jobs?.live(job.id) : undefined;
  return live ? { ...job, ...live } : job;
}

/** One job; NOT_FOUND when missing or not the viewer's to see. */
export async function jobFor(ctx: Context, id: string) {
  const job = await ctx.prisma.job.findFirst({ where: { AND: [{ id }, visibleTo(ctx)] } });
  if (!job) throw notFound('Job', id);
  return withLive(ctx, job);
}

/** The newest job about a subject (a payroll run), if the viewer may see it: for a pane reopened while it runs. */
export async function latestJobAbout(ctx: Context, subjectId: string) {
  const job = await ctx.prisma.job.findFirst({ where: { AND: [{ subjectId }, visibleTo(ctx)] }, orderBy: { createdAt: 'desc' } });
  return job && withLive(ctx, job);
}
