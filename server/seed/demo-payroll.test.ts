/**
 * The demo's payroll on first start (server/seed/demo-payroll.ts): a paid
 * run and one waiting for the finance manager, made through the services
 * as the demo users, with attendance deductions and top-three rewards on
 * their payslips, reproducible from their frozen inputs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from './seed.ts';
import { monthsBefore, TOP_THREE_REASON, TOP_THREE_REWARDS_FEN } from './demo-payroll.ts';
import { loadConfig } from '../config.ts';
import { migrate } from '../db/migrate.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { recheckRun } from '../payroll/runs.ts';
import { tempDatabase, testProviders, type TempDatabase } from '../../test/support/databases.ts';

describe('monthsBefore', () => {
  it('counts back across a year end', () => {
    expect(monthsBefore('2026-06-15', 3)).toBe('2026-03');
    expect(monthsBefore('2026-12-03', 2)).toBe('2026-10');
    expect(monthsBefore('2027-01-31', 3)).toBe('2026-10');
    expect(monthsBefore('2027-02-01', 2)).toBe('2026-12');
  });
});

const opened: { db: Database; temp: TempDatabase }[] = [];
afterAll(async () => {
  for (const { db, temp } of opened) {
    await db.close();
    await temp.drop();
  }
});

describe.each(testProviders)('the demo payroll on %s', (provider) => {
  it('has a paid run three months back and a submitted one two months back, for the whole company', async () => {
    const temp = await tempDatabase(provider);
    await migrate(temp.url);
    const db = await openDatabase(temp.url);
    opened.push({ db, temp });
    const prisma = db.prisma;
    const seeded = await seedDemoIfEmpty(prisma, { today: '2026-06-15', config: loadConfig({ DATABASE_URL: temp.url }) });
    expect(seeded!.payroll!.map((p) => [p.month, p.status])).toEqual([
      ['2026-03', 'PAID'],
      ['2026-04', 'SUBMITTED'],
    ]);

    const runs = await prisma.payrollRun.findMany({ include: { scopeUnit: true, events: { orderBy: { at: 'asc' } } }, orderBy: { month: 'asc' } });
    expect(runs.map((r) => [r.month, r.status, r.version, r.scopeUnit.parentId])).toEqual([
      ['2026-03', 'PAID', 1, null],
      ['2026-04', 'SUBMITTED', 1, null],
    ]);
    // Each step by the demo user whose step it is, as the pane would have sent it.
    expect(runs[0]!.events.map((e) => [e.action, e.actor, e.toStatus])).toEqual([
      ['create', 'finance', 'DRAFT'],
      ['calculate', 'finance', 'CALCULATED'],
      ['submit', 'finance', 'SUBMITTED'],
      ['approve', 'finmgr', 'FINANCE_APPROVED'],
      ['approve', 'director', 'SALES_APPROVED'],
      ['approve', 'gm', 'LOCKED'],
      ['pay', 'finance', 'PAID'],
    ]);
    expect(runs[1]!.events.map((e) => e.action)).toEqual(['create', 'calculate', 'submit']);
    expect(await prisma.auditEvent.count({ where: { entityType: 'PayrollRun', entityId: runs[0]!.id } })).toBe(7);

    for (const run of runs) {
      const slips = await prisma.payslip.findMany({ where: { runId: run.id }, include: { lines: true } });
      expect(slips.length).toBe(seeded!.payroll!.find((p) => p.month === run.month)!.payslips);
      expect(slips.length).toBeGreaterThan(50);
      // A payslip's net is its lines' sum, to the fen.
      for (const s of slips) expect(s.lines.reduce((sum, l) => sum + l.amountFen, 0n)).toBe(s.netFen);
      const lines = slips.flatMap((s) => s.lines);
      // Late arrivals and absent days cost something on some payslips.
      expect(lines.filter((l) => l.code === 'attendance' && l.amountFen < 0n).length).toBeGreaterThan(2);
      // The month's three best sellers got their rewards, in order of sales.
      const rewards = await prisma.payAdjustment.findMany({ where: { month: run.month }, orderBy: { amountFen: 'desc' } });
      expect(rewards.map((r) => [r.amountFen, r.reason])).toEqual(TOP_THREE_REWARDS_FEN.map((fen, i) => [fen, `${TOP_THREE_REASON}（第${i + 1}名）`]));
      const sales = await prisma.salesMonth.groupBy({ by: ['personId'], where: { month: run.month }, _sum: { amountFen1: true, amountFen2: true, amountFen3: true, amountFen4: true } });
      const total = (s: (typeof sales)[number]) => (s._sum.amountFen1 ?? 0n) + (s._sum.amountFen2 ?? 0n) + (s._sum.amountFen3 ?? 0n) + (s._sum.amountFen4 ?? 0n);
      const best = sales.reduce((a, b) => (total(b) > total(a) ? b : a));
      expect(rewards[0]!.personId).toBe(best.personId);
      const rewarded = slips.find((s) => s.personId === best.personId)!;
      expect(rewarded.lines.map((l) => [l.code, l.kind, l.amountFen])).toContainEqual(['adjustment1', 'adjustments', TOP_THREE_REWARDS_FEN[0]]);
      // Every payslip is reproduced from its frozen inputs.
      expect(await recheckRun(prisma, run.id)).toEqual([]);
    }
    // The demo rep has a signed-off payslip to open.
    const rep = await prisma.user.findUniqueOrThrow({ where: { username: 'rep' } });
    expect(await prisma.payslip.count({ where: { personId: rep.personId!, runId: runs[0]!.id } })).toBe(1);
  }, 120_000);
});
