/**
 * SalesMonth: sales summed per person, unit and month in four parts of the
 * month (schema/results.ts MONTH_PARTS), recomputed from SalesRecord in the
 * same transaction as every change to it (imports, the demo seed). Portable
 * SQL: a sale's day is the first ten characters of its date as text on both
 * databases (SQLite stores "2026-03-12T00:00:00.000+00:00", PostgreSQL casts
 * a timestamp to "2026-03-12 00:00:00").
 */
import { Prisma } from '../db/client.ts';
import { addDays, dayToDate } from '../../schema/dates.ts';

type Tx = Pick<Prisma.TransactionClient, '$executeRaw'>;

/** The sale's day, "2026-03-12", as SQL text. */
export const SALE_DAY = Prisma.sql`substr(CAST(s."date" AS TEXT), 1, 10)`;
/** The sale's day of the month, "01" … "31". */
const DOM = Prisma.sql`substr(CAST(s."date" AS TEXT), 9, 2)`;
/** The part of the month a sale falls in (1: 1-10, 2: 11-15, 3: 16-20, 4: 21-end), as SQL conditions. */
const PART = [Prisma.sql`${DOM} <= '10'`, Prisma.sql`${DOM} > '10' AND ${DOM} <= '15'`, Prisma.sql`${DOM} > '15' AND ${DOM} <= '20'`, Prisma.sql`${DOM} > '20'`];

/** Each metric's value of one sale (s), as SQL. */
export const SALE_VALUE = {
  SALES_AMOUNT: Prisma.sql`s."amountFen"`,
  UNITS: Prisma.sql`s."units"`,
  NEW_CUSTOMERS: Prisma.sql`CASE WHEN s."newCustomer" THEN 1 ELSE 0 END`,
  COLLECTIONS: Prisma.sql`s."collectedFen"`,
  GROSS_MARGIN: Prisma.sql`s."marginFen"`,
} as const;

/** SalesMonth's column prefix for each metric (columns are prefix1 … prefix4). */
export const MONTH_COLUMN = { SALES_AMOUNT: 'amountFen', UNITS: 'units', NEW_CUSTOMERS: 'newCustomers', COLLECTIONS: 'collectedFen', GROSS_MARGIN: 'marginFen' } as const;

const COLUMNS = Object.values(MONTH_COLUMN).flatMap((c) => [1, 2, 3, 4].map((p) => `"${c}${p}"`));
const SUMS = Prisma.join(
  (Object.keys(MONTH_COLUMN) as (keyof typeof MONTH_COLUMN)[]).flatMap((metric) => PART.map((part) => Prisma.sql`SUM(CASE WHEN ${part} THEN ${SALE_VALUE[metric]} ELSE 0 END)`)),
);
const INSERT = Prisma.raw(`INSERT INTO "SalesMonth" ("personId", "unitId", "month", ${COLUMNS.join(', ')})`);

/** Rebuilds the whole of SalesMonth from SalesRecord (after a bulk load). */
export async function rebuildSalesMonths(tx: Tx): Promise<void> {
  await tx.$executeRaw`DELETE FROM "SalesMonth"`;
  await tx.$executeRaw`${INSERT} SELECT s."personId", s."unitId", substr(CAST(s."date" AS TEXT), 1, 7), ${SUMS} FROM "SalesRecord" s GROUP BY s."personId", s."unitId", substr(CAST(s."date" AS TEXT), 1, 7)`;
  // Statistics, so that the planners read a year of it in key order rather than through the month index.
  await tx.$executeRaw`ANALYZE "SalesMonth"`;
}

const CHUNK = 500;

/**
 * Recomputes the months of the given people that the given days fall in (the
 * days of sales before and after a change), for every unit they sold in.
 */
export async function refreshSalesMonths(tx: Tx, touched: { personId: string; date: Date }[]): Promise<void> {
  if (!touched.length) return;
  const months = [...new Set(touched.map((t) => t.date.toISOString().slice(0, 7)))].sort();
  const people = [...new Set(touched.map((t) => t.personId))];
  const from = dayToDate(`${months[0]}-01`);
  const to = dayToDate(addDays(`${months.at(-1)}-28`, 4).slice(0, 7) + '-01');
  const monthList = Prisma.join(months);
  for (let i = 0; i < people.length; i += CHUNK) {
    const ids = Prisma.join(people.slice(i, i + CHUNK));
    await tx.$executeRaw`DELETE FROM "SalesMonth" WHERE "personId" IN (${ids}) AND "month" IN (${monthList})`;
    await tx.$executeRaw`${INSERT} SELECT s."personId", s."unitId", substr(CAST(s."date" AS TEXT), 1, 7), ${SUMS}
      FROM "SalesRecord" s
      WHERE s."personId" IN (${ids}) AND s."date" >= ${from} AND s."date" < ${to} AND substr(CAST(s."date" AS TEXT), 1, 7) IN (${monthList})
      GROUP BY s."personId", s."unitId", substr(CAST(s."date" AS TEXT), 1, 7)`;
  }
}
