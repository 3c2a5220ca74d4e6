/**
 * Row-level access: what part of the organisation a viewer may see, turned
 * into the database query's WHERE (Prisma `where` here; the roster's SQL in
 * roster/roster-query.ts), so that the database does the filtering.
 *   admin, director, general manager: everything (the brief's
 *     "director / general manager: everything in their centre"; one centre);
 *   finance: the subtrees of the units they serve (brief §8); a finance user
 *     who serves no named unit works for the company's finance department and
 *     sees everything;
 *   manager: the subtrees of the units they manage, and themself;
 *   rep: themself.
 * A user with several roles gets the union. The sales line's own records
 * (work logs and reports) follow salesLineScope instead, without finance.
 */
import type { Prisma } from './db/client.ts';
import type { Viewer } from './auth/sessions.ts';
import type { Context } from './context.ts';
import { memo } from './context.ts';

export interface Scope {
  everything: boolean;
  /** Materialised paths of the subtrees the viewer may see: those they manage and, for finance, those they serve. */
  unitPaths: string[];
  /** The subtrees the viewer manages: what a manager's decisions reach (never a finance user's served units). */
  managedPaths: string[];
  /** People the viewer may always see (themself). */
  personIds: string[];
}

/** Finance who serve named units rather than the whole organisation. */
export const servesNamedUnits = (viewer: Viewer | null | undefined): boolean => !!viewer?.roles.includes('FINANCE') && !!viewer.servedUnitIds?.length;

export function seesEverything(viewer: Viewer): boolean {
  return viewer.roles.some((r) => r === 'ADMIN' || r === 'DIRECTOR' || r === 'GENERAL_MANAGER') || (viewer.roles.includes('FINANCE') && !servesNamedUnits(viewer));
}

/** Finance whose work reaches only the units they serve: no other role of theirs sees everything. */
export const financeLimitedToServedUnits = (viewer: Viewer | null | undefined): boolean => !!viewer && servesNamedUnits(viewer) && !seesEverything(viewer);

/** Paths with those inside another one dropped. */
const outermost = (list: string[]) => {
  const paths = [...new Set(list)].sort();
  return paths.filter((p, i) => !paths.slice(0, i).some((q) => p.startsWith(q)));
};

export function viewerScope(ctx: Context): Promise<Scope> {
  return memo(ctx, 'scope', async () => {
    const viewer = ctx.viewer;
    if (!viewer) return { everything: false, unitPaths: [], managedPaths: [], personIds: [] };
    if (seesEverything(viewer)) return { everything: true, unitPaths: [], managedPaths: [], personIds: [] };
    const personIds = viewer.personId ? [viewer.personId] : [];
    const [managed, served] = await Promise.all([
      viewer.roles.includes('MANAGER') && viewer.personId ? ctx.prisma.orgUnit.findMany({ where: { managerId: viewer.personId }, select: { path: true } }) : [],
      servesNamedUnits(viewer) ? ctx.prisma.orgUnit.findMany({ where: { id: { in: viewer.servedUnitIds } }, select: { path: true } }) : [],
    ]);
    const managedPaths = outermost(managed.map((u) => u.path));
    return { everything: false, unitPaths: outermost([...managedPaths, ...served.map((u) => u.path)]), managedPaths, personIds };
  });
}

/**
 * The subtrees of the units the viewer is named manager of, whatever their
 * roles: a director heading the sales centre, the general manager heading
 * the company, as much as a manager heading an area. Target plans follow it
 * (domain §3: drafted by the unit's manager, approved by the manager above);
 * what the viewer may read stays with viewerScope.
 */
export function ledPaths(ctx: Context): Promise<string[]> {
  return memo(ctx, 'ledPaths', async () => {
    const personId = ctx.viewer?.personId;
    if (!personId) return [];
    return outermost((await ctx.prisma.orgUnit.findMany({ where: { managerId: personId }, select: { path: true } })).map((u) => u.path));
  });
}

/**
 * Who reads the sales line's own records (work logs, weekly and monthly
 * reports, who handed them in): the brief's §8 gives finance payroll, not
 * field work. Admins, directors and the general manager read all of it; a
 * manager their managed subtrees; everyone their own. A finance role adds
 * nothing here, whether it serves named units or the whole company.
 */
export function salesLineScope(ctx: Context): Promise<Scope> {
  return memo(ctx, 'salesLineScope', async () => {
    const viewer = ctx.viewer;
    if (!viewer) return { everything: false, unitPaths: [], managedPaths: [], personIds: [] };
    if (viewer.roles.some((r) => r === 'ADMIN' || r === 'DIRECTOR' || r === 'GENERAL_MANAGER')) return { everything: true, unitPaths: [], managedPaths: [], personIds: [] };
    const managed = viewer.roles.includes('MANAGER') && viewer.personId ? await ctx.prisma.orgUnit.findMany({ where: { managerId: viewer.personId }, select: { path: true } }) : [];
    const managedPaths = outermost(managed.map((u) => u.path));
    return { everything: false, unitPaths: managedPaths, managedPaths, personIds: viewer.personId ? [viewer.personId] : [] };
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

/** Whether a unit (by its path) lies inside what the scope may change (as a manager: served units are not managed). */
export function mayChangeUnit(scope: Scope, unitPath: string): boolean {
  return scope.everything || scope.managedPaths.some((p) => unitPath.startsWith(p));
}

/** Whether a unit (by its path) lies inside what the scope may read. */
export function maySeeUnit(scope: Scope, unitPath: string): boolean {
  return scope.everything || scope.unitPaths.some((p) => unitPath.startsWith(p));
}
