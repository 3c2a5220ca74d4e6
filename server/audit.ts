/**
 * Every change writes one audit event in the same transaction as the change:
 * who, when, which entity, what action, the state before and after.
 */
import type { Prisma } from './db/client.ts';
import type { Viewer } from './auth/sessions.ts';

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
  'RepPlan', 'SalesImport', 'Scorecard', 'SeasonalityProfile', 'Setting', 'TargetPlan', 'User', 'VisitSlip', 'WeeklyReport', 'WorkingCalendar',
  'WorkingCalendarDay', 'WorkLog',
] as const;

/** The trails finance (and the finance manager) read: pay and what feeds it. */
export const PAYROLL_ENTITIES: readonly string[] = ['AttendanceImport', 'CompensationAssignment', 'CompensationPlan', 'PayAdjustment', 'PayrollRun', 'WorkingCalendar', 'WorkingCalendarDay'];
