/**
 * Computed KPI indicators (issue 10 §4): one function per indicator,
 * (person, period) → the measured figures (schema/kpi.ts turns them into a
 * value and a fraction of the indicator's weight).
 *
 * Sales are summed as the actuals service sums them (a person's own sales;
 * a unit's, by the unit each sale was booked in); targets are read by the
 * results service itself (targetsFor), so a scorecard and the results
 * screens never disagree.
 */
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import type { KpiComputation, Measured } from '../../schema/kpi.ts';
import { addDays, dateToDay, dayToDate, type IsoDay } from '../../schema/dates.ts';
import { companyDayOf } from '../clock.ts';
import type { FiscalCalendar } from '../../schema/periods.ts';
import { planYears, targetsFor } from '../results/achievement.ts';
import { countWorkingDays, workingCalendar, CN_CALENDAR } from '../../schema/working-calendar.ts';
import { daysBetween } from '../../schema/periods.ts';
import { mondayOf, monthlyReportDueOn, owesReportDueOn, timeliness, weeklyReportDue } from '../../schema/work-reports.ts';
import { DEFAULT_DUE_DAY } from '../../schema/rep-plan.ts';
import { calendarDays } from '../payroll/working-calendar.ts';
import { REP_PLAN_DUE_DAY } from '../rep-plans/settings.ts';

type Db = Context['prisma'] | Prisma.TransactionClient;

/** A scoring period: a month or a fiscal quarter, with its months. */
export interface KpiPeriod {
  key: string;
  start: IsoDay;
  end: IsoDay;
  /** Month keys inside the period (one for a month, three for a quarter). */
  months: string[];
}

const dateRange = (p: KpiPeriod) => ({ gte: dayToDate(p.start), lt: dayToDate(addDays(p.end, 1)) });

/**
 * An owner's base sales target for the period, read as the results screens
 * read it (server/results/achievement.ts targetsFor): the newest published
 * (or locked) version of each plan, rolled up to months and quarters, a
 * unit's own plan preferred over its parent's row for it; a scorecard and
 * the Performance sheet can never disagree. Null when no published plan
 * gives the owner a target for the period.
 */
export async function baseSalesTarget(db: Db, owner: { kind: 'PERSON' | 'UNIT'; id: string }, p: KpiPeriod, calendar: FiscalCalendar): Promise<bigint | null> {
  const targets = await targetsFor(db, [owner], 'SALES_AMOUNT', planYears([p], calendar), calendar);
  return targets.get(owner.id)?.BASE.get(p.key) ?? null;
}

/** 销售额目标达成率: the person's sales in the period against their base sales target. */
export async function salesAchievement(db: Db, personId: string, p: KpiPeriod, calendar: FiscalCalendar): Promise<Measured> {
  const sales = await db.salesRecord.aggregate({ where: { personId, date: dateRange(p) }, _sum: { amountFen: true } });
  const target = await baseSalesTarget(db, { kind: 'PERSON', id: personId }, p, calendar);
  return { actual: sales._sum.amountFen ?? 0n, basis: target };
}

/**
 * 团队销售额目标达成率: for a manager, the sales booked in the units they
 * manage (and below) against those units' base sales targets. No basis when
 * they manage no unit or a unit has no published target.
 */
export async function teamSalesAchievement(db: Db, personId: string, p: KpiPeriod, calendar: FiscalCalendar): Promise<Measured> {
  const managed = await db.orgUnit.findMany({ where: { managerId: personId }, select: { id: true, path: true }, orderBy: { path: 'asc' } });
  const top = managed.filter((u, i) => !managed.slice(0, i).some((v) => u.path.startsWith(v.path)));
  if (!top.length) return { actual: 0n, basis: null };
  const sales = await db.salesRecord.aggregate({ where: { date: dateRange(p), OR: top.map((u) => ({ unit: { path: { startsWith: u.path } } })) }, _sum: { amountFen: true } });
  let basis: bigint | null = 0n;
  for (const u of top) {
    const t = await baseSalesTarget(db, { kind: 'UNIT', id: u.id }, p, calendar);
    if (t === null) {
      basis = null;
      break;
    }
    basis += t;
  }
  return { actual: sales._sum.amountFen ?? 0n, basis };
}

/** 回款率: collections ÷ sales amount of the person's sales in the period (no basis without sales). */
export async function collectionRate(db: Db, personId: string, p: KpiPeriod): Promise<Measured> {
  const s = await db.salesRecord.aggregate({ where: { personId, date: dateRange(p) }, _sum: { amountFen: true, collectedFen: true } });
  return { actual: s._sum.collectedFen ?? 0n, basis: s._sum.amountFen ?? 0n };
}

/** 新客户开发数: the person's sales in the period that opened a new customer. */
export async function newCustomers(db: Db, personId: string, p: KpiPeriod): Promise<Measured> {
  const count = await db.salesRecord.count({ where: { personId, date: dateRange(p), newCustomer: true } });
  return { actual: BigInt(count), basis: null };
}

// ── work habits (issue 11 §6; domain §4: 5-10 calls a day, 1-3 visits a week, reports on time) ──

/**
 * The days of a period a habit is measured over: from its start (or the
 * person's hire) to its end, yesterday or the person's leave, whichever
 * comes first. Today is left out: its log is not due until tomorrow. Null
 * when no day is left.
 */
async function habitDays(db: Db, personId: string, p: KpiPeriod, now: IsoDay): Promise<{ start: IsoDay; end: IsoDay } | null> {
  const person = await db.person.findUnique({ where: { id: personId }, select: { hireDate: true, leaveDate: true } });
  if (!person) return null;
  const hired = dateToDay(person.hireDate);
  const left = person.leaveDate ? dateToDay(person.leaveDate) : null;
  const start = hired > p.start ? hired : p.start;
  let end = p.end < addDays(now, -1) ? p.end : addDays(now, -1);
  if (left && left < end) end = left;
  return start <= end ? { start, end } : null;
}

const submittedLogs = (personId: string, d: { start: IsoDay; end: IsoDay }) => ({ personId, status: 'SUBMITTED' as const, day: { gte: dayToDate(d.start), lte: dayToDate(d.end) } });

/** 日均电话数: calls in the person's submitted work logs ÷ the working days of the period so far (the working-day calendar's). */
export async function callsPerDay(db: Db, personId: string, p: KpiPeriod, now: IsoDay): Promise<Measured> {
  const d = await habitDays(db, personId, p, now);
  if (!d) return { actual: 0n, basis: null };
  const logs = await db.workLog.aggregate({ where: submittedLogs(personId, d), _sum: { calls: true } });
  const working = countWorkingDays(workingCalendar(CN_CALENDAR, await calendarDays(db, d.start, d.end)), d.start, d.end).count;
  return { actual: BigInt(logs._sum.calls ?? 0), basis: BigInt(working) };
}

/**
 * 每周拜访数: visits in the person's submitted work logs per week (7 calendar
 * days) of the period so far. Visit slips are not added: a slip approves a
 * trip before it happens, and the visits made on it are the ones the rep
 * logs on those days; counting both would count a visit twice.
 */
export async function visitsPerWeek(db: Db, personId: string, p: KpiPeriod, now: IsoDay): Promise<Measured> {
  const d = await habitDays(db, personId, p, now);
  if (!d) return { actual: 0n, basis: null };
  const logs = await db.workLog.aggregate({ where: submittedLogs(personId, d), _sum: { visits: true } });
  return { actual: BigInt(logs._sum.visits ?? 0), basis: BigInt(daysBetween(d.start, d.end)) };
}

/**
 * 报告按时率: of the person's weekly reports (those keyed by a Monday of the
 * period) and monthly reports (of the period's months) whose due day has
 * passed or that were handed in, the share handed in on time (schema/work-reports.ts
 * timeliness). No basis when none was due yet.
 */
export async function reportsOnTime(db: Db, personId: string, p: KpiPeriod, now: IsoDay): Promise<Measured> {
  const person = await db.person.findUnique({ where: { id: personId }, select: { hireDate: true, leaveDate: true } });
  if (!person) return { actual: 0n, basis: null };
  const hired = dateToDay(person.hireDate);
  const left = person.leaveDate ? dateToDay(person.leaveDate) : null;
  const employed = (day: IsoDay) => owesReportDueOn(day, hired, left);
  const setting = await db.setting.findUnique({ where: { key: REP_PLAN_DUE_DAY } });
  const dueDay = setting ? Number(setting.value) : DEFAULT_DUE_DAY;
  const mondays: IsoDay[] = [];
  for (let m = mondayOf(addDays(p.start, 6)); m <= p.end; m = addDays(m, 7)) if (employed(m)) mondays.push(m);
  // One after the other: inside a scorecard's transaction they share one connection.
  const weekly = await db.weeklyReport.findMany({ where: { personId, week: { in: mondays.map(dayToDate) } }, select: { week: true, submittedAt: true } });
  const monthly = await db.monthlyReport.findMany({ where: { personId, month: { in: p.months } }, select: { month: true, dueOn: true, submittedAt: true } });
  // A report's due day as fixed when it was first saved; one never saved, by the due day in force.
  const dueOf = (m: string) => {
    const stored = monthly.find((r) => r.month === m)?.dueOn;
    return monthlyReportDueOn(m, stored ? dateToDay(stored) : null, dueDay);
  };
  const months = p.months.filter((m) => employed(dueOf(m)));
  const submitted = (at: Date | null | undefined) => (at ? companyDayOf(at) : null);
  const states = [
    ...mondays.map((m) => timeliness(weeklyReportDue(m), submitted(weekly.find((r) => dateToDay(r.week) === m)?.submittedAt), now)),
    ...months.map((m) => timeliness(dueOf(m), submitted(monthly.find((r) => r.month === m)?.submittedAt), now)),
  ].filter((t) => t !== 'DUE');
  return { actual: BigInt(states.filter((t) => t === 'ON_TIME').length), basis: BigInt(states.length) };
}

/** The computation behind each computed indicator; `today` is the company's day it is taken on (habits count the period's days before it). */
export function measure(db: Db, computation: KpiComputation, personId: string, p: KpiPeriod, calendar: FiscalCalendar, today: IsoDay): Promise<Measured> {
  switch (computation) {
    case 'SALES_ACHIEVEMENT':
      return salesAchievement(db, personId, p, calendar);
    case 'TEAM_SALES_ACHIEVEMENT':
      return teamSalesAchievement(db, personId, p, calendar);
    case 'COLLECTION_RATE':
      return collectionRate(db, personId, p);
    case 'NEW_CUSTOMERS':
      return newCustomers(db, personId, p);
    case 'CALLS_PER_DAY':
      return callsPerDay(db, personId, p, today);
    case 'VISITS_PER_WEEK':
      return visitsPerWeek(db, personId, p, today);
    case 'REPORTS_ON_TIME':
      return reportsOnTime(db, personId, p, today);
  }
}
