/**
 * Writes a generated organisation into an empty database, with the demo
 * users. The password is for demonstration only (README says so).
 */
import crypto from 'node:crypto';
import { Prisma, type Db } from '../db/client.ts';
import { providerOfClient } from '../db/direct-read.ts';
import type { Role } from '../db/generated/sqlite/client/enums.ts';
import { dayToDate, addDays, today as todayIn, type IsoDay } from '../../schema/dates.ts';
import { hashPassword } from '../auth/passwords.ts';
import { generateDemoOrg, type DemoOrg, type DemoPerson } from './demo-org.ts';
import { demoPlans, demoSales, type ResultsOptions } from './demo-results.ts';
import { rebuildSalesMonths } from '../results/rollup.ts';
import { ensureBuiltInPlans } from '../payroll/plans.ts';
import { ensureWorkingCalendar } from '../payroll/working-calendar.ts';
import { ensureKpiSets } from './kpi-sets.ts';
import { DemoCustomerBook } from './demo-customers.ts';
import { seedDemoRepPlans } from './demo-rep-plans.ts';
import { seedDemoFieldWork } from './demo-field-work.ts';
import { seedDemoWorkReports } from './demo-work-reports.ts';
import { seedDemoExpenses } from './demo-expenses.ts';
import { flagCrossTerritorySales } from '../customers/cross-territory.ts';
import { seedDemoPayroll, type DemoPayroll } from './demo-payroll.ts';
import { seedDemoScorecards, type DemoScorecards } from './demo-scorecards.ts';
import { seedDemoLeave, type DemoLeave } from './demo-leave.ts';
import type { Config } from '../config.ts';
import { describeError } from '../logging.ts';

export const DEMO_PASSWORD = 'quotabook-demo';

export interface SeedResult {
  units: number;
  people: number;
  users: string[];
  /** Sales records and published target plans written (0 without results). */
  sales: number;
  plans: number;
  /** The demo's payroll runs (seedDemoIfEmpty with the server's config). */
  payroll?: DemoPayroll[];
  /** The demo's scorecards (server/seed/demo-scorecards.ts), with the server's config; null when not seeded. */
  scorecards?: DemoScorecards | null;
  /** The demo's leave requests (server/seed/demo-leave.ts), with the server's config; null when not seeded. */
  leave?: DemoLeave | null;
}

export interface SeedOptions {
  withUsers?: boolean;
  /** Also write the demo's sales and published targets (server/seed/demo-results.ts) up to results.today. */
  results?: ResultsOptions | null;
}

export async function seedOrganisation(prisma: Db, org: DemoOrg, options: SeedOptions = {}): Promise<SeedResult> {
  const unitId = new Map(org.units.map((u) => [u.key, crypto.randomUUID()]));
  const personId = new Map(org.people.map((p) => [p.key, crypto.randomUUID()]));
  const pathOf = new Map<string, { path: string; depth: number }>();
  for (const u of org.units) {
    const parent = u.parentKey ? pathOf.get(u.parentKey)! : { path: '/', depth: -1 };
    pathOf.set(u.key, { path: `${parent.path}${unitId.get(u.key)}/`, depth: parent.depth + 1 });
  }
  const passwordHash = options.withUsers === false ? '' : await hashPassword(DEMO_PASSWORD);

  let results = { sales: 0, plans: 0 };
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
        // Everyone on a unit's roster (the general manager heads the company without a place on one).
        data: org.people.filter((p): p is DemoPerson & { unitKey: string } => p.unitKey !== null).map((p) => ({
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
          { username: 'gm', roles: ['GENERAL_MANAGER'], personKey: org.users.generalManager },
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
        // Finance who serve one area (the demo manager's), not the whole company (brief §8).
        const area = org.units.find((x) => x.managerKey === org.users.manager);
        if (area) {
          await tx.user.create({
            data: { username: 'finance-area', passwordHash, roles: { create: [{ role: 'FINANCE' }] }, servedUnits: { create: [{ unitId: unitId.get(area.key)! }] } },
          });
        }
      }
      await tx.auditEvent.create({
        data: { actorName: 'system', entityType: 'Organisation', entityId: 'demo', action: 'seed', after: JSON.stringify({ units: org.units.length, people: org.people.length }) },
      });
      // In the same transaction: a first start that fails half-way leaves an empty database, seeded again next time.
      if (options.results) {
        results = await seedResults(tx, org, options.results, unitId, personId);
        const demoRep = options.withUsers === false ? null : (personId.get(org.users.rep) ?? null);
        await seedDemoRepPlans(tx, options.results.today, demoRep);
        await seedDemoFieldWork(tx, options.results.today, demoRep);
        await seedDemoWorkReports(tx, options.results.today, demoRep);
        await seedDemoExpenses(tx, options.results.today);
      }
    },
    { timeout: 30 * 60_000, maxWait: 30_000 },
  );
  await ensureBuiltInPlans(prisma);
  await ensureWorkingCalendar(prisma);
  await ensureKpiSets(prisma);
  await analyseAfterLoad(prisma);
  return {
    units: org.units.length,
    people: org.people.length,
    users: options.withUsers === false ? [] : ['admin', 'finance', 'finmgr', 'director', 'gm', 'manager', 'rep'],
    ...results,
  };
}

/** Rows per multi-row INSERT: at 13 parameters a sale, 2,000 rows stay under SQLite's 32,766. */
const SALES_BATCH = 2_000;
const LINE_BATCH = 4_000;

/**
 * Writes the demo's sales and published target plans. Multi-row INSERTs with
 * bound parameters (portable SQL), as payroll writes payslips: Prisma's
 * createMany costs about 140 µs a row, which made a million sales take minutes.
 */
async function seedResults(prisma: Prisma.TransactionClient, org: DemoOrg, o: ResultsOptions, unitId: Map<string, string>, personId: Map<string, string>): Promise<{ sales: number; plans: number }> {
  let sales = 0;
  let batch: Prisma.Sql[] = [];
  const now = new Date();
  // Customer files (issue 11 §5), written before the sales that name them.
  const book = new DemoCustomerBook(org, o.today, () => crypto.randomUUID());
  const flush = async () => {
    if (!batch.length) return;
    const files = book.drain();
    if (files.length) {
      await prisma.customer.createMany({
        data: files.map((f) => ({
          id: f.id,
          code: f.code,
          name: f.name,
          type: f.type,
          tier: f.tier,
          ownerId: personId.get(f.ownerKey)!,
          ownerUnitId: unitId.get(f.ownerUnitKey)!,
          ownershipStatus: f.confirmed ? ('CONFIRMED' as const) : ('PROPOSED' as const),
          confirmedBy: f.confirmed ? 'system' : null,
          confirmedAt: f.confirmed ? now : null,
        })),
      });
      await prisma.customerContact.createMany({ data: files.flatMap((f) => f.contacts.map((c) => ({ customerId: f.id, ...c }))) });
    }
    await prisma.$executeRaw`INSERT INTO "SalesRecord" ("id", "externalId", "personId", "unitId", "date", "amountFen", "units", "customer", "customerId", "newCustomer", "collectedFen", "marginFen", "importedAt") VALUES ${Prisma.join(batch)}`;
    batch = [];
  };
  for (const s of demoSales(org, o)) {
    const id = crypto.randomUUID();
    const file = book.customerFor(s, id);
    batch.push(
      Prisma.sql`(${id}, ${s.externalId}, ${personId.get(s.personKey)!}, ${unitId.get(s.unitKey)!}, ${dayToDate(s.date)}, ${s.amountFen}, ${s.units}, ${file?.name ?? s.customer}, ${file?.id ?? null}, ${s.newCustomer}, ${s.collectedFen}, ${s.marginFen}, ${now})`,
    );
    sales++;
    if (batch.length === SALES_BATCH) await flush();
  }
  await flush();
  await rebuildSalesMonths(prisma);
  await flagCrossTerritorySales(prisma, book.crossSaleIds);

  const plans = demoPlans(org, o);
  const ownerId = (kind: 'UNIT' | 'PERSON', key: string) => (kind === 'UNIT' ? unitId.get(key)! : personId.get(key)!);
  const planIds = plans.map(() => crypto.randomUUID());
  for (let start = 0; start < plans.length; start += 500) {
    const chunk = plans.slice(start, start + 500);
    await prisma.targetPlan.createMany({
      data: chunk.map((p, i) => ({
        id: planIds[start + i]!,
        year: p.year,
        metric: 'SALES_AMOUNT' as const,
        level: p.level,
        scopeUnitId: unitId.get(p.scopeKey)!,
        version: 1,
        status: 'PUBLISHED' as const,
        periodLevel: 'month',
        ownerKind: p.ownerKind,
        total: p.total,
      })),
    });
    await prisma.planEvent.createMany({
      data: chunk.map((_p, i) => ({ planId: planIds[start + i]!, actor: 'system', action: 'publish', fromStatus: null, toStatus: 'PUBLISHED' as const, comment: 'demo data' })),
    });
  }
  let lines: Prisma.Sql[] = [];
  const flushLines = async () => {
    if (!lines.length) return;
    await prisma.$executeRaw`INSERT INTO "TargetLine" ("id", "planId", "ownerKind", "ownerId", "periodKey", "amount") VALUES ${Prisma.join(lines)}`;
    lines = [];
  };
  for (const [i, p] of plans.entries()) {
    for (const l of p.lines) {
      lines.push(Prisma.sql`(${crypto.randomUUID()}, ${planIds[i]!}, ${l.ownerKind}, ${ownerId(l.ownerKind, l.ownerKey)}, ${l.periodKey}, ${l.amount})`);
      if (lines.length === LINE_BATCH) await flushLines();
    }
  }
  await flushLines();
  await prisma.auditEvent.create({ data: { actorName: 'system', entityType: 'Organisation', entityId: 'demo', action: 'seed-results', after: JSON.stringify({ today: o.today, sales, plans: plans.length }) } });
  return { sales, plans: plans.length };
}

/**
 * Statistics for PostgreSQL's planner on the tables just loaded, as its
 * manual advises after populating a database ("Run ANALYZE Afterwards"):
 * autovacuum gets to new tables only after a minute or more, and until then
 * the planner guesses a row or two per table. A rep's MyTargets took 210 µs
 * of PostgreSQL's CPU a query before, 130 µs after (issue 12 §5). Only the
 * schema's own tables (a shared database holds others). On SQLite the demo
 * keeps the planner's defaults, under which the server's queries were
 * tuned; `npm run demo:large` analyses its large SQLite database itself.
 */
async function analyseAfterLoad(prisma: Db): Promise<void> {
  if (providerOfClient(prisma) !== 'postgresql') return;
  const tables = await prisma.$queryRaw<{ name: string }[]>`SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname = current_schema()`;
  if (tables.length) await prisma.$executeRawUnsafe(`ANALYZE ${tables.map((t) => t.name).join(', ')}`);
}

/** A part of the demo that is a nicety, like its payroll: a failure is reported (null), and the server starts. */
async function nicety<T>(what: `${string} ${'was' | 'were'}`, seed: () => Promise<T>): Promise<T | null> {
  try {
    return await seed();
  } catch (error) {
    console.error(`The demo ${what} not seeded: ${describeError(error)}`);
    return null;
  }
}

/**
 * Seeds the demo organisation when the database has no org units yet: its
 * people and users, and its results (last year's and this year's sales up
 * to today, published targets for both years). Given the server's config,
 * also its payroll: a paid run and one waiting for sign-off
 * (server/seed/demo-payroll.ts); last month's scorecards of the demo
 * manager's people, approved or waiting for the director, and this month's
 * drafts (demo-scorecards.ts); and leave requests waiting for the manager
 * or decided (demo-leave.ts).
 */
export async function seedDemoIfEmpty(prisma: Db, options: { people?: number; today?: IsoDay; results?: boolean; config?: Config } = {}): Promise<SeedResult | null> {
  if ((await prisma.orgUnit.count()) > 0) return null;
  const today = options.today ?? todayIn();
  const seeded = await seedOrganisation(prisma, generateDemoOrg({ people: options.people ?? 80 }), { results: options.results === false ? null : { today } });
  if (options.results !== false && options.config) {
    // The demo's payroll is a nicety: a failure (say, a month the calendar cannot pay) is reported, and the server starts.
    seeded.payroll = (await nicety('payroll was', () => seedDemoPayroll(prisma, options.config!, today))) ?? [];
    seeded.scorecards = await nicety('scorecards were', () => seedDemoScorecards(prisma, options.config!, today));
    seeded.leave = await nicety('leave requests were', () => seedDemoLeave(prisma, options.config!, today));
  }
  return seeded;
}
