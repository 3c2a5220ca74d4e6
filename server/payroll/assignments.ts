/**
 * Reading compensation plan assignments (who is paid by which plan from
 * when), newest first. Only the roles that read compensation plans call it,
 * and they see every assignment.
 */
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';

const include = { plan: { select: { code: true, version: true, name: true } } } satisfies Prisma.CompensationAssignmentInclude;
export type AssignmentRow = Prisma.CompensationAssignmentGetPayload<{ include: typeof include }> & { personName: string | null; employeeNo: string | null };

export async function listAssignments(ctx: Context, take = 500): Promise<AssignmentRow[]> {
  const rows = await ctx.prisma.compensationAssignment.findMany({ include, orderBy: [{ effectiveFrom: 'desc' }, { createdAt: 'desc' }], take });
  const ids = [...new Set(rows.map((r) => r.personId).filter((x): x is string => !!x))];
  const people = ids.length ? await ctx.prisma.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, employeeNo: true } }) : [];
  const byId = new Map(people.map((p) => [p.id, p]));
  return rows.map((r) => ({ ...r, personName: r.personId ? (byId.get(r.personId)?.name ?? null) : null, employeeNo: r.personId ? (byId.get(r.personId)?.employeeNo ?? null) : null }));
}
