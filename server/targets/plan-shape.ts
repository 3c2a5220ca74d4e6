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


/**
 * The shape with names for the owners of lines it does not have: people once
 * placed in the plan's scope (moved out before the year, say) and units in
 * it, so a refusal names them as the rest are named, "谢梓刚 (QB00016)", not
 * by id. Nobody outside the scope is named: an id the reader could not see
 * stays an id.
 */
export async function withOutsiders(db: Db, shape: PlanShape, lines: readonly { ownerId: string }[]): Promise<PlanShape> {
  const known = new Set([shape.scope.id, ...shape.owners.map((o) => o.key)]);
  const ids = [...new Set(lines.map((l) => l.ownerId).filter((id) => typeof id === 'string' && !known.has(id)))].slice(0, 500);
  if (!ids.length) return shape;
  const inScope = { path: { startsWith: shape.scope.path } };
  const [people, units] = await Promise.all([
    db.person.findMany({ where: { id: { in: ids }, assignments: { some: { unit: inScope } } }, select: { id: true, name: true, employeeNo: true } }),
    db.orgUnit.findMany({ where: { id: { in: ids }, ...inScope }, select: { id: true, name: true } }),
  ]);
  const outsiders = new Map<string, string>([...people.map((p) => [p.id, `${p.name} (${p.employeeNo})`] as const), ...units.map((u) => [u.id, u.name] as const)]);
  return outsiders.size ? { ...shape, outsiders } : shape;
}
