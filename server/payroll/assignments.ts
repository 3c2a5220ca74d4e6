/**
 * Reading compensation plan assignments (who is paid by which plan from
 * when), newest first (as payroll resolves them: of two from the same day,
 * the one made last). Only the roles that read compensation plans call it,
 * and they see every assignment; finance who serve named units see those to
 * a rank or a position (company-wide) and those to people ever placed in the
 * units they serve.
 */
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import { servedReach } from './served-units.ts';
import { ASSIGNMENT_ORDER } from './plans.ts';

const include = { plan: { select: { code: true, version: true, name: true } } } satisfies Prisma.CompensationAssignmentInclude;
export type AssignmentRow = Prisma.CompensationAssignmentGetPayload<{ include: typeof include }> & { personName: string | null; employeeNo: string | null };

export async function listAssignments(ctx: Context, take = 500): Promise<AssignmentRow[]> {
  const reach = await servedReach(ctx);
  // An assignment names its person by id only: the served people first (a region's, well within a query's bound variables).
  const served = reach
    ? (await ctx.prisma.person.findMany({ where: { assignments: { some: { unit: { OR: reach.paths.map((p) => ({ path: { startsWith: p } })) } } } }, select: { id: true } })).map((p) => p.id)
    : null;
  const where: Prisma.CompensationAssignmentWhereInput = served ? { OR: [{ personId: null }, { personId: { in: served } }] } : {};
  const rows = await ctx.prisma.compensationAssignment.findMany({ where, include, orderBy: ASSIGNMENT_ORDER, take });
  const ids = [...new Set(rows.map((r) => r.personId).filter((x): x is string => !!x))];
  const people = ids.length ? await ctx.prisma.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, employeeNo: true } }) : [];
  const byId = new Map(people.map((p) => [p.id, p]));
  return rows.map((r) => ({ ...r, personName: r.personId ? (byId.get(r.personId)?.name ?? null) : null, employeeNo: r.personId ? (byId.get(r.personId)?.employeeNo ?? null) : null }));
}
