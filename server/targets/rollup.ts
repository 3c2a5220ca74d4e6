/**
 * The chain of linked target plans below a unit for a year, metric and
 * level: the unit's plan, each child unit's own plan against the figure the
 * unit's plan gives it, down to the people of the teams, with each level's
 * total and whether it matches the level above and the level below.
 * Filtered by the viewer's scope in the queries themselves.
 */
import type { Context } from '../context.ts';
import { viewerScope, maySeeUnit } from '../access.ts';
import { notFound } from '../errors.ts';
import { fiscalCalendar } from './calendar.ts';
import { parentFigure, topLevelKeys, yearTotals, type PlanKey } from './parent-figure.ts';
import { plansVisible } from './plan-read.ts';

export interface RollupRow {
  depth: number;
  ownerKind: 'UNIT' | 'PERSON';
  ownerId: string;
  ownerName: string;
  parentOwnerId: string | null;
  /** The unit's own newest plan (any status); null for people and for units without one. */
  planId: string | null;
  planVersion: number | null;
  planStatus: string | null;
  /** The unit's own plan total, or a person's year in the team's plan. */
  total: bigint | null;
  /** What the level above gives this row (the parent's line for it), if anything. */
  assigned: bigint | null;
  /** What the rows below add up to, in this row's plan. */
  childrenTotal: bigint | null;
  matches: boolean;
}

export async function targetRollup(ctx: Context, unitId: string, key: PlanKey): Promise<RollupRow[]> {
  const scope = await viewerScope(ctx);
  const root = await ctx.prisma.orgUnit.findUnique({ where: { id: unitId }, select: { id: true, name: true, path: true } });
  if (!root || !maySeeUnit(scope, root.path)) throw notFound('OrgUnit', unitId);
  const calendar = await fiscalCalendar(ctx);
  const [units, plans, above] = await Promise.all([
    ctx.prisma.orgUnit.findMany({ where: { path: { startsWith: root.path } }, select: { id: true, name: true, code: true, parentId: true }, orderBy: { code: 'asc' } }),
    ctx.prisma.targetPlan.findMany({
      where: { AND: [plansVisible(scope), { year: key.year, metric: key.metric, level: key.level, scopeUnit: { path: { startsWith: root.path } } }] },
      orderBy: { version: 'desc' },
      include: { lines: true },
    }),
    parentFigure(ctx.prisma, key, root.id, calendar),
  ]);
  const newest = new Map<string, (typeof plans)[number]>();
  for (const p of plans) if (!newest.has(p.scopeUnitId)) newest.set(p.scopeUnitId, p);
  const childrenOf = new Map<string, typeof units>();
  for (const u of units) if (u.parentId) childrenOf.set(u.parentId, [...(childrenOf.get(u.parentId) ?? []), u]);
  const personIds = [...newest.values()].filter((p) => p.ownerKind === 'PERSON').flatMap((p) => p.lines.filter((l) => l.ownerKind === 'PERSON').map((l) => l.ownerId));
  const people = new Map(
    (await ctx.prisma.person.findMany({ where: { id: { in: [...new Set(personIds)] } }, select: { id: true, name: true, employeeNo: true } })).map((p) => [p.id, `${p.name} (${p.employeeNo})`]),
  );

  const rows: RollupRow[] = [];
  const visit = (unit: { id: string; name: string }, depth: number, parentOwnerId: string | null, assigned: bigint | null) => {
    const plan = newest.get(unit.id) ?? null;
    const below = plan ? yearTotals(plan.lines.filter((l) => l.ownerId !== unit.id), topLevelKeys(plan.year, plan.periodLevel, calendar)) : new Map<string, bigint>();
    const childrenTotal = plan && below.size ? [...below.values()].reduce((a, b) => a + b, 0n) : null;
    const total = plan?.total ?? null;
    rows.push({
      depth,
      ownerKind: 'UNIT',
      ownerId: unit.id,
      ownerName: unit.name,
      parentOwnerId,
      planId: plan?.id ?? null,
      planVersion: plan?.version ?? null,
      planStatus: plan?.status ?? null,
      total,
      assigned,
      childrenTotal,
      matches: total !== null && (assigned === null || assigned === total) && (childrenTotal === null || childrenTotal === total),
    });
    if (plan?.ownerKind === 'PERSON') {
      for (const [personId, amount] of [...below].sort(([a], [b]) => ((people.get(a) ?? a) < (people.get(b) ?? b) ? -1 : 1))) {
        rows.push({ depth: depth + 1, ownerKind: 'PERSON', ownerId: personId, ownerName: people.get(personId) ?? personId, parentOwnerId: unit.id, planId: null, planVersion: null, planStatus: null, total: amount, assigned: amount, childrenTotal: null, matches: true });
      }
      return;
    }
    for (const child of childrenOf.get(unit.id) ?? []) visit(child, depth + 1, unit.id, plan?.ownerKind === 'UNIT' ? (below.get(child.id) ?? null) : null);
  };
  visit(root, 0, null, above?.total ?? null);
  return rows;
}
