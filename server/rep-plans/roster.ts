/**
 * Who handed in their plan for a month (issue 11 §2): every sales rep whose
 * unit for the month (the one whose managers read and decide the plan:
 * rep-plans/plans.ts; after a transfer, the new one) lies in a unit's
 * subtree, with their newest plan's status, version,
 * planned total against target, and whether it came in on time, late, is
 * still due or is missing. Filtered by the viewer's scope in the query: a
 * manager sees their subtrees; directors, finance and admins everyone.
 */
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import type { RepPlanStatus } from '../db/generated/sqlite/client/enums.ts';
import { maySeeUnit, salesLineScope } from '../access.ts';
import { notFound } from '../errors.ts';
import { dateToDay, dayToDate, type IsoDay } from '../../schema/dates.ts';
import { companyDayOf } from '../clock.ts';
import { formatMoney } from '../../schema/money.ts';
import { dueDateFor, timeliness, type Timeliness } from '../../schema/rep-plan.ts';
import { decideRefusal, duringMonth, monthEnd, monthUnitOrder, planMonth } from './plans.ts';
import { fiscalCalendar } from '../targets/calendar.ts';
import { planYears, targetsFor } from '../results/achievement.ts';
import { repPlanDueDay } from './settings.ts';

export interface RepPlanRosterRow {
  personId: string;
  personName: string;
  employeeNo: string;
  unitName: string;
  planId: string | null;
  status: RepPlanStatus | null;
  version: number | null;
  revision: number | null;
  dueOn: IsoDay;
  timeliness: Timeliness;
  submittedAt: Date | null;
  target: string | null;
  planned: string | null;
  decisionComment: string | null;
  /** Why the newest version plans below the target, as the rep wrote it (null when they gave none). */
  belowTargetReason: string | null;
  /** The newest version is submitted and the viewer may accept or return it. */
  canDecide: boolean;
}

export async function repPlanRoster(ctx: Context, monthText: string, unitId: string | null): Promise<RepPlanRosterRow[]> {
  const month = planMonth(monthText);
  const start = dayToDate(`${month}-01`);
  const end = dayToDate(monthEnd(month));
  const scope = await salesLineScope(ctx);
  // The subtrees listed (null: all).
  let paths: string[] | null = null;
  if (unitId) {
    const unit = await ctx.prisma.orgUnit.findUnique({ where: { id: unitId }, select: { path: true } });
    if (!unit || !maySeeUnit(scope, unit.path)) throw notFound('OrgUnit', unitId);
    paths = [unit.path];
  } else if (!scope.everything) {
    if (!scope.unitPaths.length) return [];
    paths = scope.unitPaths;
  }
  const units: Prisma.OrgUnitWhereInput = paths ? { OR: paths.map((p) => ({ path: { startsWith: p } })) } : {};
  const during = duringMonth(month);
  // Those in the subtrees at some time in the month, then those whose unit for the month lies there.
  const people = (
    await ctx.prisma.person.findMany({
      where: { position: 'SALES_REP', hireDate: { lte: end }, OR: [{ leaveDate: null }, { leaveDate: { gte: start } }], assignments: { some: { ...during, unit: units } } },
      select: {
        id: true,
        name: true,
        employeeNo: true,
        hireDate: true,
        assignments: { where: during, orderBy: monthUnitOrder, take: 1, select: { unit: { select: { name: true, path: true } } } },
        repPlans: { where: { month }, orderBy: { version: 'desc' } },
      },
      orderBy: { employeeNo: 'asc' },
    })
  ).filter((p) => !paths || paths.some((path) => p.assignments[0]!.unit.path.startsWith(path)));
  const dueDay = await repPlanDueDay(ctx);
  // Targets of those without a plan yet, in one read.
  const calendar = await fiscalCalendar(ctx);
  const without = people.filter((p) => !p.repPlans.length).map((p) => ({ kind: 'PERSON' as const, id: p.id }));
  const targets = without.length ? await targetsFor(ctx.prisma, without, 'SALES_AMOUNT', planYears([{ start: `${month}-01`, end: monthEnd(month) }], calendar), calendar) : new Map();
  const now = ctx.clock.today();
  const rows: RepPlanRosterRow[] = [];
  for (const p of people) {
    const newest = p.repPlans[0] ?? null;
    const first = p.repPlans.map((x) => x.submittedAt).filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
    const due = newest ? newest.dueOn.toISOString().slice(0, 10) : dueDateFor(month, dueDay, dateToDay(p.hireDate));
    const target: bigint | null = newest ? newest.targetFen : (targets.get(p.id)?.BASE.get(month) ?? null);
    rows.push({
      personId: p.id,
      personName: p.name,
      employeeNo: p.employeeNo,
      unitName: p.assignments[0]?.unit.name ?? '',
      planId: newest?.id ?? null,
      status: newest?.status ?? null,
      version: newest?.version ?? null,
      revision: newest?.revision ?? null,
      dueOn: due,
      timeliness: timeliness(due, first ? companyDayOf(first) : null, now),
      submittedAt: newest?.submittedAt ?? null,
      target: target === null ? null : formatMoney(target),
      planned: newest ? formatMoney(newest.plannedFen) : null,
      decisionComment: newest?.decisionComment ?? null,
      belowTargetReason: newest?.belowTargetReason ?? null,
      canDecide: newest?.status === 'SUBMITTED' && !decideRefusal(ctx, scope.managedPaths, { personId: p.id, unit: p.assignments[0]!.unit, person: { name: p.name } }),
    });
  }
  return rows;
}
