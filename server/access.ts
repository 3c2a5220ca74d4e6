/**
 * Row-level access: what part of the organisation a viewer may see, turned
 * into the database query's WHERE (Prisma `where` here; the roster's SQL in
 * roster/roster-query.ts), so that the database does the filtering.
 *   admin, finance, director, general manager: everything (the brief's
 *     "director / general manager: everything in their centre"; one centre);
 *   manager: the subtrees of the units they manage, and themself;
 *   rep: themself.
 * A user with several roles gets the union.
 */
import type { Prisma } from './db/client.ts';
import type { Viewer } from './auth/sessions.ts';
import type { Context } from './context.ts';
import { memo } from './context.ts';

export interface Scope {
  everything: boolean;
  /** Materialised paths of the subtrees the viewer manages. */
  unitPaths: string[];
  /** People the viewer may always see (themself). */
  personIds: string[];
}

export function seesEverything(viewer: Viewer): boolean {
  return viewer.roles.some((r) => r === 'ADMIN' || r === 'FINANCE' || r === 'DIRECTOR' || r === 'GENERAL_MANAGER');
}

export function viewerScope(ctx: Context): Promise<Scope> {
  return memo(ctx, 'scope', async () => {
    const viewer = ctx.viewer;
    if (!viewer) return { everything: false, unitPaths: [], personIds: [] };
    if (seesEverything(viewer)) return { everything: true, unitPaths: [], personIds: [] };
    const personIds = viewer.personId ? [viewer.personId] : [];
    let unitPaths: string[] = [];
    if (viewer.roles.includes('MANAGER') && viewer.personId) {
      const managed = await ctx.prisma.orgUnit.findMany({ where: { managerId: viewer.personId }, select: { path: true } });
      // Drop paths already inside another managed subtree.
      const paths = managed.map((u) => u.path).sort();
      unitPaths = paths.filter((p, i) => !paths.slice(0, i).some((q) => p.startsWith(q)));
    }
    return { everything: false, unitPaths, personIds };
  });
}

/** Assignments in force on a day: validFrom ≤ day < validTo. */
export function activeOn(day: Date): Prisma.AssignmentWhereInput {
  return { validFrom: { lte: day }, OR: [{ validTo: null }, { validTo: { gt: day } }] };
}

/** Org units the scope may see: managed subtrees, and the units the viewer's own people sit in. */
export function unitsVisible(scope: Scope, day: Date): Prisma.OrgUnitWhereInput {
  if (scope.everything) return {};
  const or: Prisma.OrgUnitWhereInput[] = scope.unitPaths.map((path) => ({ path: { startsWith: path } }));
  if (scope.personIds.length) or.push({ assignments: { some: { ...activeOn(day), personId: { in: scope.personIds } } } });
  return or.length ? { OR: or } : { id: { in: [] } };
}

/** Whether a unit (by its path) lies inside what the scope may change. */
export function mayChangeUnit(scope: Scope, unitPath: string): boolean {
  return scope.everything || scope.unitPaths.some((p) => unitPath.startsWith(p));
}
