/**
 * The manager's weekly spot check of work logs (issue 11 §3; the source
 * documents: 团队负责人不定期对工作日志进行抽查): a sample of the submitted
 * logs of the week (Monday to Sunday) from the people the viewer manages
 * (never their own), drawn reproducibly from the manager's id and the week
 * (schema/work-reports.ts spotCheckSample): the same manager sees the same
 * sample for the same logs. The sample size is data, the Setting
 * "workReports.sampleSize" (5 by default), changed by admins, audited.
 */
import type { Context } from '../context.ts';
import { memo } from '../context.ts';
import { recordAudit } from '../audit.ts';
import { dynamicClientError } from '../errors.ts';
import { addDays, dayToDate, type IsoDay } from '../../schema/dates.ts';
import { DEFAULT_SAMPLE_SIZE, reportWeekProblem, sampleSizeProblem, spotCheckSample, spotCheckSeed } from '../../schema/work-reports.ts';
import { logViews, readableWhere, workReportInclude, type WorkLogView } from './reports.ts';

export const SAMPLE_SIZE = 'workReports.sampleSize';

export function workLogSampleSize(ctx: Context): Promise<number> {
  return memo(ctx, SAMPLE_SIZE, async () => {
    const s = await ctx.prisma.setting.findUnique({ where: { key: SAMPLE_SIZE } });
    return s ? Number(s.value) : DEFAULT_SAMPLE_SIZE;
  });
}

export async function setWorkLogSampleSize(ctx: Context, size: number): Promise<number> {
  const problem = sampleSizeProblem(size);
  if (problem) throw dynamicClientError('BAD_USER_INPUT', `The sample size must be 1 to 50, not ${size}`, { reason: problem.code, params: problem.params, field: problem.field });
  await ctx.prisma.$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key: SAMPLE_SIZE } });
    await tx.setting.upsert({ where: { key: SAMPLE_SIZE }, create: { key: SAMPLE_SIZE, value: String(size) }, update: { value: String(size) } });
    await recordAudit(tx, ctx.viewer, { entityType: 'Setting', entityId: SAMPLE_SIZE, action: 'update', before: { sampleSize: before ? Number(before.value) : DEFAULT_SAMPLE_SIZE }, after: { sampleSize: size } });
  });
  ctx.memo.delete(SAMPLE_SIZE);
  return size;
}

export interface SpotCheck {
  week: IsoDay;
  size: number;
  /** How many submitted logs of the week the sample was drawn from. */
  candidates: number;
  logs: WorkLogView[];
}

/** The viewer's spot-check sample of a week (its Monday): submitted logs of the people they may read, never their own. */
export async function workLogSpotCheck(ctx: Context, week: IsoDay): Promise<SpotCheck> {
  const problem = reportWeekProblem(week, '2999-12-31');
  if (problem) throw dynamicClientError('BAD_USER_INPUT', `"${week}" is not a Monday`, { reason: problem.code, params: problem.params, field: problem.field });
  const size = await workLogSampleSize(ctx);
  const where = await readableWhere(ctx);
  const own = ctx.viewer?.personId ?? null;
  const candidates = await ctx.prisma.workLog.findMany({
    where: { AND: [where, { status: 'SUBMITTED', day: { gte: dayToDate(week), lte: dayToDate(addDays(week, 6)) } }, ...(own ? [{ personId: { not: own } }] : [])] },
    select: { id: true },
  });
  const picked = spotCheckSample(spotCheckSeed(own ?? ctx.viewer?.userId ?? '', week), candidates.map((c) => c.id), size);
  const rows = await ctx.prisma.workLog.findMany({ where: { id: { in: picked } }, include: workReportInclude, orderBy: [{ day: 'asc' }, { person: { employeeNo: 'asc' } }] });
  return { week, size, candidates: candidates.length, logs: await logViews(ctx, rows) };
}
