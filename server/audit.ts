/**
 * Every change writes one audit event in the same transaction as the change:
 * who, when, which entity, what action, the state before and after.
 */
import type { Prisma } from './db/client.ts';
import type { Viewer } from './auth/sessions.ts';
import type { Context } from './context.ts';
import { forbidden } from './errors.ts';
import { reaches, servedReach, type ServedReach } from './payroll/served-units.ts';
import { addDays, dayToDate } from '../schema/dates.ts';
import { period } from '../schema/periods.ts';

type Tx = Prisma.TransactionClient;

const toJson = (value: unknown) =>
  value == null ? null : JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));

export async function recordAudit(
  tx: Tx,
  actor: Viewer | null,
  event: { entityType: string; entityId: string; action: string; before?: unknown; after?: unknown },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: actor?.userId ?? null,
      actorName: actor?.username ?? 'system',
      entityType: event.entityType,
      entityId: event.entityId,
      action: event.action,
      before: toJson(event.before),
      after: toJson(event.after),
    },
  });
}

/** The kinds of entity whose changes are recorded, as `auditTrail` takes them. */
export const AUDITED_ENTITIES = [
  'AttendanceImport', 'CompensationAssignment', 'CompensationPlan', 'CrossTerritoryFlag', 'Customer', 'Job', 'KpiIndicatorSet', 'LeaveRequest',
  'MonthlyReport', 'Organisation', 'OrgUnit', 'PayAdjustment', 'PayrollRun', 'PeriodLock', 'Person', 'RankingAdjustmentProposal', 'RankingSnapshot',
  'RepPlan', 'SalesImport', 'Scorecard', 'SeasonalityProfile', 'Setting', 'TargetPlan', 'UnitExpenses', 'User', 'VisitSlip', 'WeeklyReport', 'WorkingCalendar',
  'WorkingCalendarDay', 'WorkLog',
] as const;

/** The trails finance (and the finance manager) read: pay and what feeds it, and the expenses they keep. */
const PAYROLL_ENTITIES: readonly string[] = ['AttendanceImport', 'CompensationAssignment', 'CompensationPlan', 'PayAdjustment', 'PayrollRun', 'UnitExpenses', 'WorkingCalendar', 'WorkingCalendarDay'];

/**
 * One entity's recorded changes, newest first: any kind for admins,
 * directors and the general manager; for finance only the payroll kinds.
 */
export async function auditTrail<Q extends Omit<Prisma.AuditEventFindManyArgs, 'where' | 'orderBy' | 'take'>>(ctx: Context, query: Q, entityType: string, entityId: string, first: number) {
  const everything = !!ctx.viewer?.roles.some((r) => r === 'ADMIN' || r === 'DIRECTOR' || r === 'GENERAL_MANAGER');
  if (!everything && !PAYROLL_ENTITIES.includes(entityType)) throw forbidden('ROLE_NOT_ALLOWED', 'Finance reads the trails of pay and what feeds it');
  if (!everything && !ctx.viewer?.roles.includes('FINANCE_MANAGER')) {
    const reach = await servedReach(ctx);
    if (reach) {
      // An import's or a month's expenses entry spans units: not for finance who serve some of them.
      if (!SERVED_ENTITIES.includes(entityType)) throw forbidden('ROLE_NOT_ALLOWED', 'Finance who serve named units read the trails of their units’ runs, adjustments and plan assignments, and of plans and the calendar');
      if (!(await withinReach(ctx, reach, entityType, entityId))) return [];
    }
  }
  return ctx.prisma.auditEvent.findMany({ ...query, where: { entityType, entityId }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: first });
}

/** The trails finance who serve named units read: one run's, one person's pay, and the company-wide rules. */
const SERVED_ENTITIES: readonly string[] = ['CompensationAssignment', 'CompensationPlan', 'PayAdjustment', 'PayrollRun', 'WorkingCalendar', 'WorkingCalendarDay'];

/** Whether an entity of those kinds lies within the served units: a run's scope, an adjustment's or assignment's person ever placed there. */
async function withinReach(ctx: Context, reach: ServedReach, entityType: string, entityId: string): Promise<boolean> {
  const placed = async (personId: string | null | undefined) =>
    personId === null || (!!personId && (await ctx.prisma.assignment.count({ where: { personId, unitId: { in: [...reach.unitIds] } } })) > 0);
  switch (entityType) {
    case 'PayrollRun': {
      const run = await ctx.prisma.payrollRun.findUnique({ where: { id: entityId }, select: { scopeUnit: { select: { path: true } } } });
      return !!run && reaches(reach, run.scopeUnit.path);
    }
    case 'PayAdjustment': {
      // As payAdjustments lists them: the person was placed in a served unit during the adjustment's month.
      const a = await ctx.prisma.payAdjustment.findUnique({ where: { id: entityId }, select: { personId: true, month: true } });
      if (!a) return false;
      const m = period(a.month);
      const during = { validFrom: { lt: dayToDate(addDays(m.end, 1)) }, OR: [{ validTo: null }, { validTo: { gt: dayToDate(m.start) } }] };
      return (await ctx.prisma.assignment.count({ where: { personId: a.personId, unitId: { in: [...reach.unitIds] }, ...during } })) > 0;
    }
    case 'CompensationAssignment':
      return placed((await ctx.prisma.compensationAssignment.findUnique({ where: { id: entityId }, select: { personId: true } }))?.personId);
    default:
      return true;
  }
}
