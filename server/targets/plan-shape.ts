/**
 * A target plan's shape: its columns (periods of the year at the plan's
 * level), its scope row and the owners that must have a row (child units,
 * or the people in the scope's subtree during the year), and how lines are
 * checked against it with the shared rules in schema/target-validation.ts.
 */
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import type { OwnerKind, TargetLevel, Metric } from '../db/generated/sqlite/client/enums.ts';
import { addDays, dateToDay, dayToDate } from '../../schema/dates.ts';
import { period, periodChain, planPeriods, PERIOD_CHAINS, type FiscalCalendar } from '../../schema/periods.ts';
import type { PlanGrid } from '../../schema/target-plan-check.ts';
import type { GridOwner } from '../../schema/target-validation.ts';
export { checkLines, type LineInput, type CheckedLines } from '../../schema/target-plan-check.ts';

type Db = Context['prisma'] | Prisma.TransactionClient;

/** A plan's periodLevel: one level, or a chain such as "quarter,month,week" (schema/periods.ts). */
export const PERIOD_LEVELS = PERIOD_CHAINS;

export interface PlanRecord {
  id: string;
  year: number;
  metric: Metric;
  level: TargetLevel;
  scopeUnitId: string;
  periodLevel: string;
  ownerKind: OwnerKind;
  total: bigint;
}

export interface PlanShape extends PlanGrid {
  scope: { id: string; name: string; path: string; code: string };
  yearStart: string;
  yearEnd: string;
}

export async function planShape(db: Db, plan: PlanRecord, calendar: FiscalCalendar): Promise<PlanShape> {
  const year = period(String(plan.year), calendar);
  const periods = planPeriods(String(plan.year), periodChain(plan.periodLevel), calendar);
  const scope = await db.orgUnit.findUniqueOrThrow({ where: { id: plan.scopeUnitId }, select: { id: true, name: true, path: true, code: true } });
  let owners: GridOwner[];
  if (plan.ownerKind === 'UNIT') {
    const units = await db.orgUnit.findMany({ where: { parentId: scope.id }, orderBy: { code: 'asc' }, select: { id: true, name: true } });
    owners = units.map((u) => ({ key: u.id, name: u.name }));
  } else {
    const yearStart = dayToDate(year.start);
    const yearEndExclusive = dayToDate(addDays(year.end, 1));
    const assignments = await db.assignment.findMany({
      where: { validFrom: { lt: yearEndExclusive }, OR: [{ validTo: null }, { validTo: { gt: yearStart } }], unit: { path: { startsWith: scope.path } } },
      select: { validFrom: true, validTo: true, person: { select: { id: true, name: true, employeeNo: true, hireDate: true, leaveDate: true } } },
    });
    const byPerson = new Map<string, { name: string; employeeNo: string; from: string; to: string | null }>();
    for (const a of assignments) {
      const from = dateToDay(a.validFrom > a.person.hireDate ? a.validFrom : a.person.hireDate);
      const lastDay = a.validTo ? addDays(dateToDay(a.validTo), -1) : null;
      const to = a.person.leaveDate && (!lastDay || dateToDay(a.person.leaveDate) < lastDay) ? dateToDay(a.person.leaveDate) : lastDay;
      const prev = byPerson.get(a.person.id);
      if (!prev) byPerson.set(a.person.id, { name: a.person.name, employeeNo: a.person.employeeNo, from, to });
      else {
        prev.from = from < prev.from ? from : prev.from;
        prev.to = prev.to === null || to === null ? null : to > prev.to ? to : prev.to;
      }
    }
    owners = [...byPerson.entries()]
      .sort(([, a], [, b]) => (a.employeeNo < b.employeeNo ? -1 : 1))
      .map(([key, p]) => ({ key, name: `${p.name} (${p.employeeNo})`, hireDate: p.from, leaveDate: p.to }));
  }
  return { periods, scope, owners, yearStart: year.start, yearEnd: year.end };
}

