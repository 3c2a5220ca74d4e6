/**
 * Who should be on a viewer's roster, worked out independently of the server's
 * query: load every assignment and unit, and filter in plain code.
 */
import type { Database } from '../../server/db/client.ts';

export async function expectedRosterIds(db: Database, username: string, day: Date, unitId?: string): Promise<string[]> {
  const p = db.prisma;
  const user = await p.user.findUniqueOrThrow({ where: { username }, include: { roles: true } });
  const roles = user.roles.map((r) => r.role);
  const units = await p.orgUnit.findMany();
  const byId = new Map(units.map((u) => [u.id, u]));
  const assignments = await p.assignment.findMany();
  const active = assignments.filter((a) => a.validFrom <= day && (!a.validTo || a.validTo > day));
  const within = (unitIdOfA: string, rootId: string) => byId.get(unitIdOfA)!.path.includes(`/${rootId}/`);
  let visible = active;
  // The general manager, like the sales director, sees everything in the (one) centre (brief §8).
  if (!roles.some((r) => r === 'ADMIN' || r === 'FINANCE' || r === 'DIRECTOR' || r === 'GENERAL_MANAGER')) {
    const managed = roles.includes('MANAGER') ? units.filter((u) => u.managerId === user.personId).map((u) => u.id) : [];
    visible = active.filter((a) => a.personId === user.personId || managed.some((m) => within(a.unitId, m)));
  }
  if (unitId) visible = visible.filter((a) => within(a.unitId, unitId));
  return [...new Set(visible.map((a) => a.personId))].sort();
}
