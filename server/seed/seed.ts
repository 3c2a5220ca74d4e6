/**
 * Writes a generated organisation into an empty database, with the demo
 * users. The password is for demonstration only (README says so).
 */
import crypto from 'node:crypto';
import type { Db } from '../db/client.ts';
import type { Role } from '../db/generated/sqlite/client/enums.ts';
import { dayToDate, addDays } from '../../schema/dates.ts';
import { hashPassword } from '../auth/passwords.ts';
import { generateDemoOrg, type DemoOrg } from './demo-org.ts';
import { ensureBuiltInPlans } from '../payroll/plans.ts';
import { ensureWorkingCalendar } from '../payroll/working-calendar.ts';
import { ensureKpiSets } from './kpi-sets.ts';

export const DEMO_PASSWORD = 'quotabook-demo';

export interface SeedResult {
  units: number;
  people: number;
  users: string[];
}

export async function seedOrganisation(prisma: Db, org: DemoOrg, options: { withUsers?: boolean } = {}): Promise<SeedResult> {
  const unitId = new Map(org.units.map((u) => [u.key, crypto.randomUUID()]));
  const personId = new Map(org.people.map((p) => [p.key, crypto.randomUUID()]));
  const pathOf = new Map<string, { path: string; depth: number }>();
  for (const u of org.units) {
    const parent = u.parentKey ? pathOf.get(u.parentKey)! : { path: '/', depth: -1 };
    pathOf.set(u.key, { path: `${parent.path}${unitId.get(u.key)}/`, depth: parent.depth + 1 });
  }
  const passwordHash = options.withUsers === false ? '' : await hashPassword(DEMO_PASSWORD);

  await prisma.$transaction(
    async (tx) => {
      await tx.orgUnit.createMany({
        data: org.units.map((u) => ({
          id: unitId.get(u.key)!,
          code: u.code,
          name: u.name,
          kind: u.kind,
          parentId: u.parentKey ? unitId.get(u.parentKey)! : null,
          path: pathOf.get(u.key)!.path,
          depth: pathOf.get(u.key)!.depth,
        })),
      });
      await tx.person.createMany({
        data: org.people.map((p) => ({
          id: personId.get(p.key)!,
          employeeNo: p.employeeNo,
          name: p.name,
          phone: p.phone,
          email: p.email,
          position: p.position,
          rank: p.rank,
          hireDate: dayToDate(p.hireDate),
          leaveDate: p.leaveDate ? dayToDate(p.leaveDate) : null,
          status: p.status,
          employmentType: p.employmentType,
          baseSalaryFen: p.baseSalaryFen,
          mentorId: p.mentorKey ? personId.get(p.mentorKey)! : null,
        })),
      });
      await tx.assignment.createMany({
        data: org.people.map((p) => ({
          personId: personId.get(p.key)!,
          unitId: unitId.get(p.unitKey)!,
          position: p.position,
          validFrom: dayToDate(p.hireDate),
          validTo: p.leaveDate ? dayToDate(addDays(p.leaveDate, 1)) : null,
        })),
      });
      for (const u of org.units) {
        if (u.managerKey) await tx.orgUnit.update({ where: { id: unitId.get(u.key)! }, data: { managerId: personId.get(u.managerKey)! } });
      }
      if (options.withUsers !== false) {
        const users: { username: string; roles: Role[]; personKey: string | null }[] = [
          { username: 'admin', roles: ['ADMIN'], personKey: null },
          { username: 'finance', roles: ['FINANCE'], personKey: org.users.finance },
          { username: 'finmgr', roles: ['FINANCE_MANAGER'], personKey: org.users.financeManager },
          { username: 'gm', roles: ['GENERAL_MANAGER'], personKey: null },
          { username: 'director', roles: ['DIRECTOR'], personKey: org.users.director },
          { username: 'manager', roles: ['MANAGER'], personKey: org.users.manager },
          { username: 'rep', roles: ['REP'], personKey: org.users.rep },
        ];
        for (const u of users) {
          await tx.user.create({
            data: {
              username: u.username,
              passwordHash,
              personId: u.personKey ? personId.get(u.personKey)! : null,
              roles: { create: u.roles.map((role) => ({ role })) },
            },
          });
        }
      }
      await tx.auditEvent.create({
        data: { actorName: 'system', entityType: 'Organisation', entityId: 'demo', action: 'seed', after: JSON.stringify({ units: org.units.length, people: org.people.length }) },
      });
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  await ensureBuiltInPlans(prisma);
  await ensureWorkingCalendar(prisma);
  await ensureKpiSets(prisma);
  return { units: org.units.length, people: org.people.length, users: options.withUsers === false ? [] : ['admin', 'finance', 'finmgr', 'director', 'gm', 'manager', 'rep'] };
}

/** Seeds the demo organisation when the database has no org units yet. */
export async function seedDemoIfEmpty(prisma: Db, options: { people?: number } = {}): Promise<SeedResult | null> {
  if ((await prisma.orgUnit.count()) > 0) return null;
  return seedOrganisation(prisma, generateDemoOrg({ people: options.people ?? 80 }));
}
