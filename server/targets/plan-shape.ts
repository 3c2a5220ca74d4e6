/**
 * A target plan's shape: its columns (periods of the year at the plan's
 * level), its scope row and the owners that must have a row (child units,
 * or the people in the scope's subtree during the year), and how lines are
 * checked against it with the shared rules in schema/target-validation.ts.
 */
import type { Context } from '../graphql/context.ts';
import type { Prisma } from '../db/client.ts';
import type { OwnerKind, TargetLevel, Metric } from '../db/generated/sqlite/client/enums.ts';
import { addDays, dateToDay, dayToDate } from '../../schema/dates.ts';
import { childPeriods, period, type FiscalCalendar, type PeriodLevel, type PeriodSlice } from '../../schema/periods.ts';
import { validateTargetGrid, type GridOwner, type ValidationIssue } from '../../schema/target-validation.ts';

type Db = Context['prisma'] | Prisma.TransactionClient;

export const PERIOD_LEVELS = ['quarter', 'month', 'week', 'tenday'] as const;
export type PlanPeriodLevel = (typeof PERIOD_LEVELS)[number];

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

export interface PlanShape {
  periods: PeriodSlice[];
  scope: { id: string; name: string; path: string; code: string };
  owners: GridOwner[];
  yearStart: string;
  yearEnd: string;
}

export async function planShape(db: Db, plan: PlanRecord, calendar: FiscalCalendar): Promise<PlanShape> {
  const year = period(String(plan.year), calendar);
  const periods = childPeriods(String(plan.year), plan.periodLevel as PeriodLevel, calendar);
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

export interface LineInput {
  ownerId: string;
  periodKey: string;
  /** As typed or read from the sheet: a decimal string, a number, or blank. */
  amount: unknown;
}

export interface CheckedLines {
  issues: ValidationIssue[];
  /** The amounts to store, when there are no issues: scope row and owners' rows. */
  lines: { ownerId: string; ownerKind: OwnerKind; periodKey: string; amount: bigint }[];
}

/** Checks a plan's full set of lines (scope row and owners) against every rule. */
export function checkLines(plan: PlanRecord, shape: PlanShape, input: LineInput[], base?: Map<string, Map<string, bigint>>): CheckedLines {
  const issues: ValidationIssue[] = [];
  const col = new Map(shape.periods.map((p, i) => [p.key, i]));
  const expected = new Map(shape.owners.map((o) => [o.key, o]));
  const rowOrder: string[] = [];
  const cells = new Map<string, unknown[]>();
  const seen = new Set<string>();
  for (const line of input) {
    const c = col.get(line.periodKey);
    if (c === undefined) {
      issues.push({ rule: 'unknownPeriod', row: null, column: null, rowKey: line.ownerId, periodKey: line.periodKey, expected: `one of ${shape.periods[0]!.key} … ${shape.periods.at(-1)!.key}`, found: line.periodKey, message: `${line.periodKey} is not a column of this plan` });
      continue;
    }
    const k = `${line.ownerId}\u0000${line.periodKey}`;
    if (seen.has(k)) {
      issues.push({ rule: 'duplicateCell', row: null, column: c, rowKey: line.ownerId, periodKey: line.periodKey, expected: null, found: null, message: `${line.ownerId} has two amounts for ${line.periodKey}` });
      continue;
    }
    seen.add(k);
    if (!cells.has(line.ownerId)) {
      cells.set(line.ownerId, shape.periods.map(() => ''));
      if (line.ownerId !== shape.scope.id) rowOrder.push(line.ownerId);
    }
    cells.get(line.ownerId)![c] = line.amount;
  }
  const scopeOwner: GridOwner = { key: shape.scope.id, name: shape.scope.name };
  const scopeResult = validateTargetGrid({
    metric: plan.metric,
    level: plan.level,
    owners: [scopeOwner],
    periods: shape.periods,
    cells: [cells.get(shape.scope.id) ?? shape.periods.map(() => '')],
    ownerTotals: new Map([[shape.scope.id, plan.total]]),
  });
  issues.push(...scopeResult.issues);
  const scopeRow = scopeResult.values[0]!;
  const periodTotals = scopeRow.every((v) => v !== null) ? new Map(shape.periods.map((p, i) => [p.key, scopeRow[i]!])) : undefined;
  const owners = rowOrder.map((key) => expected.get(key) ?? { key, name: key });
  const ownerResult = validateTargetGrid({
    metric: plan.metric,
    level: plan.level,
    owners,
    periods: shape.periods,
    cells: owners.map((o) => cells.get(o.key)!),
    periodTotals,
    expectedOwners: shape.owners,
    base,
  });
  issues.push(...ownerResult.issues.map((i) => ({ ...i, row: i.row === null ? null : i.row + 1 })));
  if (issues.length) return { issues, lines: [] };
  const lines: CheckedLines['lines'] = [];
  shape.periods.forEach((p, c) => lines.push({ ownerId: shape.scope.id, ownerKind: 'UNIT', periodKey: p.key, amount: scopeRow[c]! }));
  owners.forEach((o, r) => shape.periods.forEach((p, c) => lines.push({ ownerId: o.key, ownerKind: plan.ownerKind, periodKey: p.key, amount: ownerResult.values[r]![c]! })));
  return { issues, lines };
}
