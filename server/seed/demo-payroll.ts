/**
 * The demo's payroll, so that Payroll, sign-off, the payroll report and a
 * rep's own payslip show figures on first start: for the whole company, the
 * month three months before today's is calculated, signed by all three
 * signers and paid; the month two before is calculated and submitted,
 * waiting for the finance manager's signature. Last month is left for
 * finance to run, as they would in the first days of a month.
 *
 * Each month first gets a little attendance (late arrivals, an absent day)
 * and the top three sellers' rewards, so that deductions and adjustments
 * appear on payslips. The runs go through the same services the pane calls,
 * as the demo users (finance, finmgr, director, gm), so their events and
 * audit trail are real. Deterministic for a given today. A month whose
 * year has no working calendar is skipped: it could not be paid either.
 */
import type { Db, Prisma } from '../db/client.ts';
import type { Config } from '../config.ts';
import type { Context } from '../context.ts';
import { systemClock, type Clock } from '../clock.ts';
import type { Viewer } from '../auth/sessions.ts';
import { createThrottle } from '../auth/throttle.ts';
import { addDays, dayToDate, type IsoDay } from '../../schema/dates.ts';
import { isWorkingDay, type WorkingCalendar } from '../../schema/working-calendar.ts';
import { payrollCalendar } from '../payroll/working-calendar.ts';
import { approveRun, calculateRun, createRun, markPaid, submitRun } from '../payroll/runs.ts';
import { recordAudit } from '../audit.ts';
import { month as monthOf } from '../payroll/month.ts';
import { GraphQLError } from 'graphql';

export interface DemoPayroll {
  month: string;
  status: 'PAID' | 'SUBMITTED';
  payslips: number;
}

/** The month (YYYY-MM) `back` months before the month of `day`. */
export function monthsBefore(day: IsoDay, back: number): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 - back;
  const year = y + Math.floor(m / 12);
  return `${year}-${String(((m % 12) + 12) % 12 + 1).padStart(2, '0')}`;
}

/** Reward for the month's first, second and third seller, in fen (1,000 / 600 / 300 yuan). */
export const TOP_THREE_REWARDS_FEN = [100_000n, 60_000n, 30_000n] as const;
/** The rewards' reason, "月度销售前三名奖励（第1名）": the pane says it in English too (addin/src/i18n/pay-components.ts reasonText). */
export const TOP_THREE_REASON = '月度销售前三名奖励';

/** The demo user's viewer, as a session of theirs would have it; null when there is no such user. */
export async function viewerOf(prisma: Db, username: string): Promise<Viewer | null> {
  const user = await prisma.user.findUnique({ where: { username }, include: { roles: true, person: { select: { name: true } } } });
  if (!user) return null;
  return { userId: user.id, username: user.username, sessionId: `seed:${username}`, roles: user.roles.map((r) => r.role).sort(), personId: user.personId, personName: user.person?.name ?? null };
}

/** A service context for the viewer, as a request of theirs would have it (the clock: the machine's unless given). */
export const contextFor = (prisma: Db, config: Config, viewer: Viewer, clock: Clock = systemClock): Context => ({ prisma, config, viewer, sessionProblem: null, clock, loginThrottle: createThrottle(), memo: new Map() });

function workingDaysOf(calendar: WorkingCalendar, start: IsoDay, end: IsoDay): IsoDay[] {
  const days: IsoDay[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) if (isWorkingDay(calendar, d)) days.push(d);
  return days;
}

/** Late arrivals for every sixth seller, an absent day for every thirteenth, on working days not already recorded. */
async function seedAttendance(tx: Prisma.TransactionClient, key: string, calendar: WorkingCalendar, sellers: { id: string }[]) {
  const m = monthOf(key);
  const days = workingDaysOf(calendar, m.start, m.end);
  const taken = new Set(
    (await tx.attendanceDay.findMany({ where: { date: { gte: dayToDate(m.start), lte: dayToDate(m.end) }, personId: { in: sellers.map((s) => s.id) } }, select: { personId: true, date: true } })).map(
      (a) => `${a.personId}|${a.date.toISOString().slice(0, 10)}`,
    ),
  );
  const rows: Prisma.AttendanceDayCreateManyInput[] = [];
  const add = (personId: string, day: IsoDay | undefined, row: Omit<Prisma.AttendanceDayCreateManyInput, 'personId' | 'date'>) => {
    if (!day || taken.has(`${personId}|${day}`)) return;
    taken.add(`${personId}|${day}`);
    rows.push({ personId, date: dayToDate(day), ...row });
  };
  sellers.forEach((s, i) => {
    if (i % 6 === 1) {
      add(s.id, days[(i * 3) % days.length], { status: 'LATE', lateMinutes: 5 + (i % 25), note: '迟到' });
      add(s.id, days[(i * 7 + 4) % days.length], { status: 'LATE', lateMinutes: 10 + (i % 15), note: '迟到' });
    }
    if (i % 13 === 5) add(s.id, days[(i * 5 + 2) % days.length], { status: 'ABSENT', note: '旷工' });
  });
  if (rows.length) await tx.attendanceDay.createMany({ data: rows });
  return rows.length;
}

/** Rewards for the month's three best sellers by sales, approved by the sales director. */
async function seedTopThree(tx: Prisma.TransactionClient, key: string, approver: Viewer, finance: Viewer) {
  const sums = await tx.salesMonth.groupBy({ by: ['personId'], where: { month: key }, _sum: { amountFen1: true, amountFen2: true, amountFen3: true, amountFen4: true } });
  const top = sums
    .map((s) => ({ personId: s.personId, fen: (s._sum.amountFen1 ?? 0n) + (s._sum.amountFen2 ?? 0n) + (s._sum.amountFen3 ?? 0n) + (s._sum.amountFen4 ?? 0n) }))
    .sort((a, b) => (a.fen === b.fen ? (a.personId < b.personId ? -1 : 1) : a.fen > b.fen ? -1 : 1))
    .slice(0, TOP_THREE_REWARDS_FEN.length);
  for (const [i, t] of top.entries()) {
    const a = await tx.payAdjustment.create({
      data: { personId: t.personId, month: key, amountFen: TOP_THREE_REWARDS_FEN[i]!, reason: `${TOP_THREE_REASON}（第${i + 1}名）`, approvedBy: approver.personName ?? approver.username, createdById: finance.userId },
    });
    await recordAudit(tx, finance, { entityType: 'PayAdjustment', entityId: a.id, action: 'create', before: null, after: { personId: a.personId, month: key, amountFen: String(a.amountFen), reason: a.reason } });
  }
  return top.length;
}

/**
 * Seeds the demo's two payroll runs (see above) into a database the demo
 * organisation was just written to. Returns what it made; nothing when the
 * demo users are missing.
 */
export async function seedDemoPayroll(prisma: Db, config: Config, today: IsoDay): Promise<DemoPayroll[]> {
  const [finance, finmgr, director, gm] = await Promise.all(['finance', 'finmgr', 'director', 'gm'].map((u) => viewerOf(prisma, u)));
  if (!finance || !finmgr || !director || !gm) return [];
  const company = await prisma.orgUnit.findFirst({ where: { parentId: null }, orderBy: { code: 'asc' } });
  if (!company) return [];
  const made: DemoPayroll[] = [];
  for (const [back, status] of [
    [3, 'PAID'],
    [2, 'SUBMITTED'],
  ] as const) {
    const key = monthsBefore(today, back);
    let calendar: WorkingCalendar;
    try {
      calendar = await payrollCalendar(prisma, key);
    } catch (error) {
      if (error instanceof GraphQLError && (error.extensions as { reason?: string }).reason === 'CALENDAR_YEAR_MISSING') continue;
      throw error;
    }
    const m = monthOf(key);
    const sellers = await prisma.person.findMany({
      where: { position: { in: ['SALES_REP', 'ACCOUNT_MANAGER'] }, hireDate: { lte: dayToDate(m.start) }, OR: [{ leaveDate: null }, { leaveDate: { gt: dayToDate(m.end) } }] },
      select: { id: true },
      orderBy: { employeeNo: 'asc' },
    });
    await prisma.$transaction(async (tx) => {
      await seedAttendance(tx, key, calendar, sellers);
      await seedTopThree(tx, key, director, finance);
    });
    const asFinance = contextFor(prisma, config, finance);
    let run = await createRun(asFinance, key, company.id);
    run = await calculateRun(asFinance, run.id, run.revision);
    run = await submitRun(asFinance, run.id, run.revision);
    if (status === 'PAID') {
      for (const signer of [finmgr, director, gm]) run = await approveRun(contextFor(prisma, config, signer), run.id, run.revision, null);
      run = await markPaid(asFinance, run.id, run.revision);
    }
    made.push({ month: key, status, payslips: await prisma.payslip.count({ where: { runId: run.id } }) });
  }
  return made;
}
