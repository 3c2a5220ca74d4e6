/**
 * When reps' monthly plans are due: a day of the month before (the 28th by
 * default, as the source documents say), kept as data in the Setting
 * "repPlans.dueDay", changed by admins, audited. A change applies to plans
 * started afterwards; a version keeps the due day it was started with.
 */
import type { Context } from '../context.ts';
import { memo } from '../context.ts';
import { recordAudit } from '../audit.ts';
import { badInput } from '../errors.ts';
import { DEFAULT_DUE_DAY } from '../../schema/rep-plan.ts';

export const REP_PLAN_DUE_DAY = 'repPlans.dueDay';

export function repPlanDueDay(ctx: Context): Promise<number> {
  return memo(ctx, REP_PLAN_DUE_DAY, async () => {
    const s = await ctx.prisma.setting.findUnique({ where: { key: REP_PLAN_DUE_DAY } });
    return s ? Number(s.value) : DEFAULT_DUE_DAY;
  });
}

export async function setRepPlanDueDay(ctx: Context, day: number): Promise<number> {
  if (!Number.isInteger(day) || day < 1 || day > 31) throw badInput(['day'], `The due day must be 1 to 31, not ${day}`, 'REP_PLAN_DUE_DAY_INVALID', { value: day });
  await ctx.prisma.$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key: REP_PLAN_DUE_DAY } });
    await tx.setting.upsert({ where: { key: REP_PLAN_DUE_DAY }, create: { key: REP_PLAN_DUE_DAY, value: String(day) }, update: { value: String(day) } });
    await recordAudit(tx, ctx.viewer, { entityType: 'Setting', entityId: REP_PLAN_DUE_DAY, action: 'update', before: { dueDay: before ? Number(before.value) : DEFAULT_DUE_DAY }, after: { dueDay: day } });
  });
  ctx.memo.delete(REP_PLAN_DUE_DAY);
  return day;
}
