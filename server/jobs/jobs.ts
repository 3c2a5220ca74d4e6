/**
 * Starting jobs and watching them. Starting checks what can be checked at
 * once (the run exists, is calculable, the revision is current), so a
 * request that cannot succeed is refused straight away with nothing queued;
 * a second start while one is queued or running returns that one. Who may
 * watch a job is decided in the query: its requester, or anyone holding a
 * role that may start its kind.
 */
import { requireReach, servedReach } from '../payroll/served-units.ts';
import { financeLimitedToServedUnits } from '../access.ts';
import { recordAudit } from '../audit.ts';
import { badInput, conflict, notFound, clientError } from '../errors.ts';
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import type { Job } from '../db/generated/sqlite/client/client.ts';
import { requireStatus } from '../payroll/runs.ts';
import crypto from 'node:crypto';
import { kindsWatchedBy, type JobKindName, type PayrollCalculation, type SheetImport, type TemplatesZip } from './kinds.ts';
import { keepInput } from './job-files.ts';
import { fileKind, MAX_FILE_BYTES } from '../imports/tabular-file.ts';
import { teamTemplateRoster, type TemplateLanguage } from '../rep-plans/team-templates.ts';
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
  /** Rows kept with the new job in its transaction (the file it will read). */
  keep: (tx: Tx, jobId: string) => Promise<void> = async () => undefined,
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
    await keep(tx, created.id);
    await recordAudit(tx, viewer, { entityType: 'Job', entityId: created.id, action: 'start', after: { kind, subjectId, params: audited } });
    return { job: created, wake: await queue.enqueue(tx, created.id) };
  });
  wake?.();
  return job;
}

/** Queues the calculation of a payroll run, after the checks that need no calculation (its status, the revision). */
export async function startPayrollCalculation(ctx: Context, runId: string, revision: number) {
  const reach = await servedReach(ctx);
  if (reach) {
    // Before startJob, which answers with a calculation already queued or running: another finance user's, of a run these may not calculate.
    const run = await ctx.prisma.payrollRun.findUnique({ where: { id: runId }, select: { scopeUnit: { select: { path: true, name: true } } } });
    if (!run) throw notFound('PayrollRun', runId);
    requireReach(reach, run.scopeUnit);
  }
  return startJob(ctx, 'payroll.calculate', runId, { runId, revision } satisfies PayrollCalculation, async (tx) => {
    const run = await tx.payrollRun.findUnique({ where: { id: runId }, select: { status: true, revision: true, scopeUnit: { select: { path: true, name: true } } } });
    if (!run) throw notFound('PayrollRun', runId);
    requireReach(reach, run.scopeUnit);
    // The same refusals, in the same order, as calculateRun gives.
    requireStatus(run.status, ['DRAFT', 'CALCULATED'], 'calculate');
    if (run.revision !== revision) throw conflict('PayrollRun', runId, revision);
  });
}

/** Queues the publication of a ranking, once the viewer is known to be one who may publish it. */
export async function startRankingPublication(ctx: Context, query: RankingQuery) {
  await requirePublishable(ctx, query);
  // The requester's own: another's queued publication is theirs to watch and audited as theirs (as imports are).
  const subject = [ctx.viewer!.userId, query.unitId, query.periodKey, query.by, query.basis, query.metric].join(':');
  return startJob(ctx, 'ranking.publish', subject, query, async () => undefined);
}

/**
 * Queues the import of a sheet's rows (sales or attendance), as the sheet
 * import mutations do it but off the request path. The same rows sent twice
 * while the first is queued or running are the same job.
 */
/**
 * What an import job is about: the rows, as the requester sends them. The same rows from someone
 * else are another job, run with that person's reach and audited as theirs, never handed the first one's.
 */
const importSubject = (ctx: Context, kind: string, digest: string) => `${kind}:${ctx.viewer!.userId}:${digest}`;

export async function startSheetImport(ctx: Context, kind: 'import.sales' | 'import.attendance', grid: SheetGrid) {
  // Nothing below a header: refused at once (the rows themselves are read and checked by the job, as the import does).
  if (grid.rows.filter((row) => !isBlankRow(row)).length < 2) {
    throw clientError('BAD_USER_INPUT', `${grid.sheet} has no rows below its header`, { field: 'grid', reason: 'NO_ROWS', params: { sheet: grid.sheet } });
  }
  const digest = crypto.createHash('sha256').update(JSON.stringify(grid)).digest('hex');
  return startJob(ctx, kind, importSubject(ctx, kind, digest), { grid } satisfies SheetImport, async () => undefined, { sheet: grid.sheet, rows: grid.rows.length, sha256: digest });
}

/**
 * Queues the import of an uploaded file (.xlsx or .csv), kept with the job
 * until it has finished. Its size and type are checked at once (a legacy
 * .xls, a workbook that would expand too far: refused straight away); its
 * rows are read and checked by the job, as the file import mutations read them.
 */
export async function startFileImport(ctx: Context, kind: 'import.sales' | 'import.attendance', file: File) {
  if (!file || typeof file.arrayBuffer !== 'function') throw badInput(['file'], 'Send the file as a GraphQL multipart upload', 'FILE_MISSING');
  if (file.size > MAX_FILE_BYTES) throw badInput(['file'], `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`, 'FILE_TOO_LARGE', { megabytes: MAX_FILE_BYTES / 1024 / 1024 });
  const bytes = new Uint8Array(await file.arrayBuffer());
  fileKind(file.name, bytes);
  const digest = crypto.createHash('sha256').update(bytes).digest('hex');
  const described = { name: file.name, size: bytes.length, sha256: digest };
  return startJob(ctx, kind, importSubject(ctx, kind, digest), { file: described } satisfies SheetImport, async () => undefined, described, (tx, jobId) =>
    keepInput(tx, jobId, { name: file.name, contentType: file.type || 'application/octet-stream', bytes }),
  );
}

/**
 * Queues the team's plan templates for a month as one zip. Who is in it is
 * found at once, so a role that does not hand out templates, a bad month, a
 * unit not the viewer's, too many reps or none are refused straight away.
 */
export async function startPlanTemplatesZip(ctx: Context, month: string, unitId: string | null, lang: TemplateLanguage) {
  const roster = await teamTemplateRoster(ctx, month, unitId);
  if (!roster.length) throw clientError('BAD_USER_INPUT', `Nobody in these units has a ${month} plan to hand in`, { field: 'month', reason: 'NO_TEMPLATES', params: { month: month.trim() } });
  const params: TemplatesZip = { month: month.trim(), unitId, lang };
  return startJob(ctx, 'templates.zip', ['templates', ctx.viewer!.userId, params.month, unitId ?? '', lang].join(':'), params, async () => undefined);
}

/**
 * The jobs this viewer may see, as a where clause: their own, or of a kind
 * their role may start. Finance who serve named units watch only their own
 * (another's import or calculation may be of units they do not serve).
 */
function visibleTo(ctx: Context) {
  const viewer = ctx.viewer!;
  const watching = financeLimitedToServedUnits(viewer) ? viewer.roles.filter((r) => r !== 'FINANCE') : viewer.roles;
  return { OR: [{ requestedById: viewer.userId }, { kind: { in: kindsWatchedBy(watching) } }] };
}

/** A job as it is watched: without its parameters (an import's rows), which a pane asking every 400 ms has no use for. */
export type JobView = Omit<Job, 'params'>;
const WATCHED = { params: true } as const;

/** A running job with the progress this process knows ahead of the database (the SQLite job thread's). */
function withLive(ctx: Context, job: JobView): JobView {
  const live = job.status === 'RUNNING' ? ctx.jobs?.live(job.id) : undefined;
  return live ? { ...job, ...live } : job;
}

/** One job; NOT_FOUND when missing or not the viewer's to see. */
export async function jobFor(ctx: Context, id: string) {
  const job = await ctx.prisma.job.findFirst({ where: { AND: [{ id }, visibleTo(ctx)] }, omit: WATCHED });
  if (!job) throw notFound('Job', id);
  return withLive(ctx, job);
}

/** The newest job about a subject (a payroll run), if the viewer may see it: for a pane reopened while it runs. */
export async function latestJobAbout(ctx: Context, subjectId: string) {
  const job = await ctx.prisma.job.findFirst({ where: { AND: [{ subjectId }, visibleTo(ctx)] }, orderBy: { createdAt: 'desc' }, omit: WATCHED });
  return job && withLive(ctx, job);
}
