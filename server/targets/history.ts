/**
 * Last year's actuals for a plan: per period (each sale moved a year on, into
 * the plan's columns) and per owner (child unit of the scope, or person).
 */
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import type { Metric } from '../db/generated/sqlite/client/enums.ts';
import { dateToDay, dayToDate, addDays } from '../../schema/dates.ts';
import { period, type FiscalCalendar } from '../../schema/periods.ts';
import type { PlanRecord, PlanShape } from './plan-shape.ts';

type Db = Context['prisma'] | Prisma.TransactionClient;

const measure: Record<Metric, (s: { amountFen: bigint; units: number; newCustomer: boolean; collectedFen: bigint; marginFen: bigint }) => bigint> = {
  SALES_AMOUNT: (s) => s.amountFen,
  UNITS: (s) => BigInt(s.units),
  NEW_CUSTOMERS: (s) => (s.newCustomer ? 1n : 0n),
  COLLECTIONS: (s) => s.collectedFen,
  GROSS_MARGIN: (s) => s.marginFen,
};

/** The same calendar day a year later (29 February becomes 28 February). */
function aYearLater(day: string): string {
  const [y, m, d] = day.split('-');
  const next = `${Number(y) + 1}-${m}-${d}`;
  return m === '02' && d === '29' ? `${Number(y) + 1}-02-28` : next;
}

export interface History {
  byPeriod: Map<string, bigint>;
  byOwner: Map<string, bigint>;
  total: bigint;
}

export async function lastYear(db: Db, plan: PlanRecord, shape: PlanShape, calendar: FiscalCalendar): Promise<History> {
  const previous = period(String(plan.year - 1), calendar);
  const sales = await db.salesRecord.findMany({
    where: { date: { gte: dayToDate(previous.start), lt: dayToDate(addDays(previous.end, 1)) }, unit: { path: { startsWith: shape.scope.path } } },
    select: { personId: true, date: true, amountFen: true, units: true, newCustomer: true, collectedFen: true, marginFen: true, unit: { select: { path: true } } },
  });
  const byPeriod = new Map(shape.periods.map((p) => [p.key, 0n]));
  const byOwner = new Map(shape.owners.map((o) => [o.key, 0n]));
  let total = 0n;
  const f = measure[plan.metric];
  for (const s of sales) {
    const v = f(s);
    total += v;
    const day = aYearLater(dateToDay(s.date));
    // Every level's period that holds the day (a quarter and its month).
    for (const col of shape.periods) if (col.start <= day && day <= col.end) byPeriod.set(col.key, byPeriod.get(col.key)! + v);
    const owner = plan.ownerKind === 'PERSON' ? s.personId : s.unit.path.slice(shape.scope.path.length).split('/')[0];
    if (owner && byOwner.has(owner)) byOwner.set(owner, byOwner.get(owner)! + v);
  }
  return { byPeriod, byOwner, total };
}
