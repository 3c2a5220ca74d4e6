/**
 * Every change writes one audit event in the same transaction as the change:
 * who, when, which entity, what action, the state before and after.
 */
import crypto from 'node:crypto';
import type { Prisma } from './db/client.ts';
import type { Viewer } from './auth/sessions.ts';
import type { Context } from './context.ts';
import { forbidden } from './errors.ts';
import { reaches, servedReach, type ServedReach } from './payroll/served-units.ts';
import { addDays, dayToDate } from '../schema/dates.ts';
import { period } from '../schema/periods.ts';

type Tx = Prisma.TransactionClient;

/** A state as the audit trail stores it: JSON, amounts in fen (bigint) as their digits; null for none. */
export const auditJson = (value: unknown) =>
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
      before: auditJson(event.before),
      after: auditJson(event.after),
    },
  });
}

/** The most rows one import's audit entry records: a larger import is recorded in several entries under its id. */
export const IMPORT_AUDIT_ROWS = 1000;

/**
 * An import's record, under an id of its own (what `auditTrail` is asked
 * for, and the import returns): each row it created as stored, and each row
 * it changed as it was (before) and as it is (after). At most
 * IMPORT_AUDIT_ROWS rows an entry; when there are several, each says which
 * part it is of how many. The summary (what else the import did) is in every
 * entry. Null when nothing changed: nothing is recorded.
 */
export async function recordImport<Row>(
  tx: Tx,
  actor: Viewer | null,
  entityType: 'SalesImport' | 'AttendanceImport',
  created: Row[],
  updated: { before: Row; after: Row }[],
  summary: Record<string, unknown>,
): Promise<string | null> {
  const rows = created.length + updated.length;
  if (!rows) return null;
  const entityId = crypto.randomUUID();
  const parts = Math.ceil(rows / IMPORT_AUDIT_ROWS);
  for (let part = 0; part < parts; part++) {
    const [from, to] = [part * IMPORT_AUDIT_ROWS, (part + 1) * IMPORT_AUDIT_ROWS];
    const changed = updated.slice(Math.max(0, from - created.length), Math.max(0, to - created.length));
    await recordAudit(tx, actor, {
      entityType,
      entityId,
      action: 'import',
      before: changed.length ? changed.map((u) => u.before) : null,
      after: { created: created.slice(from, to), updated: changed.map((u) => u.after), ...summary, ...(parts > 1 ? { part: part + 1, parts } : {}) },
    });
  }
  return entityId;
}

/** The kinds of entity whose changes are recorded, as `auditTrail` takes them. */
export const AUDITED_ENTITIES = [
  'AttendanceImport', 'CompensationAssignment', 'CompensationPlan', 'CrossTerritoryFlag', 'Customer', 'Job', 'KpiIndicatorSet', 'LeaveRequest',
  'MonthlyReport', 'Organisation', 'OrgUnit', 'PayAdjustment', 'PayrollRun', 'PeriodLock', 'Person', 'RankingAdjustmentProposal', 'RankingSnapshot',
  'RepPlan', 'SalesImport', 'Scorecard', 'SeasonalityProfile', 'Setting', 'TargetPlan', 'UnitExpenses', 'User', 'VisitSlip', 'WeeklyReport', 'WorkingCalendar',
  'WorkingCalendarDay', 'WorkLog',
] as const;

/** The trails finance (and the finance manager) read: pay and what feeds it, and the expenses they keep. */
const PAYROLL_ENTITIES: readonly string[] = ['AttendanceImport', 'CompensationAssignment', 'CompensationPlan', 'PayAdjustment', 'PayrollRun', 'SalesImport', 'UnitExpenses', 'WorkingCalendar', 'WorkingCalendarDay'];

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

/** The trails finance who serve named units read: one run's, one person's pay, a sales import of their units, and the company-wide rules. */
const SERVED_ENTITIES: readonly string[] = ['CompensationAssignment', 'CompensationPlan', 'PayAdjustment', 'PayrollRun', 'SalesImport', 'WorkingCalendar', 'WorkingCalendarDay'];

/** The rows an import's entry records: those it changed as they were, those it created or changed as they are. */
const importedRows = (e: { before: string | null; after: string | null }): unknown[] => {
  const after = e.after ? (JSON.parse(e.after) as { created?: unknown[]; updated?: unknown[] }) : null;
  return [...(e.before ? (JSON.parse(e.before) as unknown[]) : []), ...(after?.created ?? []), ...(after?.updated ?? [])];
};

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
    case 'SalesImport': {
      // As they import: every sale the import wrote, and every one it changed, booked in a served unit (an entry naming no unit, not theirs).
      const entries = await ctx.prisma.auditEvent.findMany({ where: { entityType, entityId }, select: { before: true, after: true } });
      return entries.flatMap(importedRows).every((r) => !!r && typeof r === 'object' && 'unitId' in r && typeof r.unitId === 'string' && reach.unitIds.has(r.unitId));
    }
    case 'CompensationAssignment':
      return placed((await ctx.prisma.compensationAssignment.findUnique({ where: { id: entityId }, select: { personId: true } }))?.personId);
    default:
      return true;
  }
}
