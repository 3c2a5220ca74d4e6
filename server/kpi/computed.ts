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
import type { Context } from '../graphql/context.ts';
import type { Prisma } from '../db/client.ts';
import type { KpiComputation, Measured } from '../../schema/kpi.ts';
import { addDays, dayToDate, type IsoDay } from '../../schema/dates.ts';
import type { FiscalCalendar } from '../../schema/periods.ts';
import { planYears, targetsFor } from '../results/achievement.ts';

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

/** The computation behind each computed indicator. */
export function measure(db: Db, computation: KpiComputation, personId: string, p: KpiPeriod, calendar: FiscalCalendar): Promise<Measured> {
  switch (computation) {
    case 'SALES_ACHIEVEMENT':
      return salesAchievement(db, personId, p, calendar);
    case 'TEAM_SALES_ACHIEVEMENT':
      return teamSalesAchievement(db, personId, p, calendar);
    case 'COLLECTION_RATE':
      return collectionRate(db, personId, p);
    case 'NEW_CUSTOMERS':
      return newCustomers(db, personId, p);
  }
}
