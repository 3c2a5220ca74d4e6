/**
 * Who sees and changes which customer files (domain §8):
 *   a rep: the customers they own;
 *   a manager: customers owned in the subtrees they manage (and their own);
 *   finance, director, admin: every customer (reading; changes by director and admin).
 * Turned into the query's WHERE, so that the database does the filtering.
 */
import type { Prisma } from '../db/client.ts';
import type { Context } from '../context.ts';
import { mayChangeUnit, viewerScope, type Scope } from '../access.ts';

export function customersVisible(scope: Scope): Prisma.CustomerWhereInput {
  if (scope.everything) return {};
  const or: Prisma.CustomerWhereInput[] = scope.unitPaths.map((path) => ({ ownerUnit: { path: { startsWith: path } } }));
  if (scope.personIds.length) or.push({ ownerId: { in: scope.personIds } });
  return or.length ? { OR: or } : { id: { in: [] } };
}

/** Flags a viewer may read: those whose selling or owning unit lies in a subtree they manage. */
export function flagsVisible(scope: Scope): Prisma.CrossTerritoryFlagWhereInput {
  if (scope.everything) return {};
  const or: Prisma.CrossTerritoryFlagWhereInput[] = scope.unitPaths.flatMap((path) => [
    { sellingUnit: { path: { startsWith: path } } },
    { owningUnit: { path: { startsWith: path } } },
  ]);
  return or.length ? { OR: or } : { id: { in: [] } };
}

/** Whether the viewer may edit a customer: its owner, a manager over its unit, a director or an admin (not finance, who only reads). */
export async function mayEditCustomer(ctx: Context, customer: { ownerId: string; ownerUnitPath: string }): Promise<boolean> {
  const viewer = ctx.viewer;
  if (!viewer) return false;
  if (viewer.roles.some((r) => r === 'ADMIN' || r === 'DIRECTOR')) return true;
  if (viewer.personId && viewer.personId === customer.ownerId) return true;
  const scope = await viewerScope(ctx);
  return !scope.everything && mayChangeUnit(scope, customer.ownerUnitPath);
}

/** Whether the viewer manages a unit (by its path): a manager over it, a director or an admin. */
export async function managesUnit(ctx: Context, unitPath: string, roles: readonly string[] = ['ADMIN', 'DIRECTOR']): Promise<boolean> {
  const viewer = ctx.viewer;
  if (!viewer) return false;
  if (viewer.roles.some((r) => roles.includes(r))) return true;
  if (!viewer.roles.includes('MANAGER')) return false;
  const scope = await viewerScope(ctx);
  return mayChangeUnit(scope, unitPath);
}
