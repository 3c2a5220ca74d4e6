/**
 * Linked target levels: a child unit's plan takes its total from the
 * parent unit's published plan (same year, metric and level), where the
 * parent broke its target down to units. The figure is the child's row in
 * that plan, summed over the plan's top level.
 */
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import type { Metric, TargetLevel } from '../db/generated/sqlite/client/enums.ts';
import { periodChain, planPeriods, type FiscalCalendar } from '../../schema/periods.ts';

type Db = Context['prisma'] | Prisma.TransactionClient;

export interface ParentFigure {
  planId: string;
  version: number;
  scopeUnitId: string;
  scopeUnitName: string;
  /** What the parent plan gives the unit for the year. */
  total: bigint;
}

export interface PlanKey {
  year: number;
  metric: Metric;
  level: TargetLevel;
}

const PUBLISHED = ['PUBLISHED', 'LOCKED'] as const;

/** Period keys of a plan's top level (a year's quarters, months …). */
export function topLevelKeys(year: number, periodLevel: string, calendar: FiscalCalendar): Set<string> {
  return new Set(planPeriods(String(year), periodChain(periodLevel), calendar).filter((p) => !p.parent).map((p) => p.key));
}

/** Sums each owner's lines over the plan's top level. */
export function yearTotals(lines: { ownerId: string; periodKey: string; amount: bigint }[], top: Set<string>): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const l of lines) if (top.has(l.periodKey)) out.set(l.ownerId, (out.get(l.ownerId) ?? 0n) + l.amount);
  return out;
}

/** The newest published plan of each unit for a year, metric and level, with its lines for the given owners. */
export async function publishedPlans(db: Db, key: PlanKey, unitIds: string[], ownerIds?: string[]) {
  if (!unitIds.length) return new Map<string, Awaited<ReturnType<typeof query>>[number]>();
  const query = () =>
    db.targetPlan.findMany({
      where: { year: key.year, metric: key.metric, level: key.level, scopeUnitId: { in: unitIds }, status: { in: [...PUBLISHED] }, ownerKind: 'UNIT' },
      orderBy: { version: 'desc' },
      include: { scopeUnit: { select: { name: true } }, lines: { where: ownerIds ? { ownerId: { in: ownerIds } } : {} } },
    });
  const newest = new Map<string, Awaited<ReturnType<typeof query>>[number]>();
  for (const p of await query()) if (!newest.has(p.scopeUnitId)) newest.set(p.scopeUnitId, p);
  return newest;
}

/** The figure the parent unit's published plan gives a unit, or null when there is none. */
export async function parentFigure(db: Db, key: PlanKey, unitId: string, calendar: FiscalCalendar): Promise<ParentFigure | null> {
  const unit = await db.orgUnit.findUnique({ where: { id: unitId }, select: { parentId: true } });
  if (!unit?.parentId) return null;
  return figureIn((await publishedPlans(db, key, [unit.parentId], [unitId])).get(unit.parentId), unitId, calendar);
}

/** What a parent's published plan gives one unit for the year (its row over the plan's top level), or null. */
function figureIn(
  parent: { id: string; version: number; year: number; periodLevel: string; scopeUnitId: string; scopeUnit: { name: string }; lines: { ownerId: string; periodKey: string; amount: bigint }[] } | undefined,
  unitId: string,
  calendar: FiscalCalendar,
): ParentFigure | null {
  if (!parent) return null;
  const total = yearTotals(parent.lines, topLevelKeys(parent.year, parent.periodLevel, calendar)).get(unitId);
  return total === undefined ? null : { planId: parent.id, version: parent.version, scopeUnitId: parent.scopeUnitId, scopeUnitName: parent.scopeUnit.name, total };
}

/** Parent figures for many plans at once (the plan list): by plan id. */
export async function parentFigures(db: Db, plans: { id: string; year: number; metric: Metric; level: TargetLevel; scopeUnitId: string; parentUnitId: string | null }[], calendar: FiscalCalendar): Promise<Map<string, ParentFigure>> {
  const out = new Map<string, ParentFigure>();
  const groups = new Map<string, typeof plans>();
  for (const p of plans) {
    if (!p.parentUnitId) continue;
    const g = `${p.year}/${p.metric}/${p.level}`;
    groups.set(g, [...(groups.get(g) ?? []), p]);
  }
  for (const group of groups.values()) {
    const { year, metric, level } = group[0]!;
    const parents = await publishedPlans(db, { year, metric, level }, [...new Set(group.map((p) => p.parentUnitId!))], [...new Set(group.map((p) => p.scopeUnitId))]);
    for (const p of group) {
      const figure = figureIn(parents.get(p.parentUnitId!), p.scopeUnitId, calendar);
      if (figure) out.set(p.id, figure);
    }
  }
  return out;
}
