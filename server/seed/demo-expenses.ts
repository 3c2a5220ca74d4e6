/**
 * The demo's expenses (brief §5): each team's spending for every month of
 * this year before today's, about 7–12 % of what it sold, split over the
 * categories, so the Ratios sheet shows an expense ratio (开支比) beside the
 * payroll ratio on first start. Deterministic for a given today.
 */
import type { Prisma } from '../db/client.ts';
import type { IsoDay } from '../../schema/dates.ts';
import { mulberry32 } from '../../schema/random.ts';
import { EXPENSE_CATEGORIES, type ExpenseCategory } from '../../schema/ratios.ts';

/** Each category's share of a month's spending, in hundredths of a percent; Other takes what is left. */
const SHARES: Record<Exclude<ExpenseCategory, 'OTHER'>, bigint> = { ADVERTISING: 3500n, PROMOTION: 2500n, CHANNEL: 2000n, TRAVEL: 1300n, OFFICE: 500n };

export async function seedDemoExpenses(tx: Prisma.TransactionClient, today: IsoDay): Promise<number> {
  const [first, last] = [`${today.slice(0, 4)}-01`, today.slice(0, 7)];
  const sold = await tx.salesMonth.groupBy({ by: ['unitId', 'month'], where: { month: { gte: first, lt: last } }, _sum: { amountFen1: true, amountFen2: true, amountFen3: true, amountFen4: true } });
  const random = mulberry32(Number(today.replace(/-/g, '')));
  const rows: Prisma.UnitExpenseCreateManyInput[] = [];
  for (const s of sold.sort((a, b) => a.unitId.localeCompare(b.unitId) || a.month.localeCompare(b.month))) {
    const sales = (s._sum.amountFen1 ?? 0n) + (s._sum.amountFen2 ?? 0n) + (s._sum.amountFen3 ?? 0n) + (s._sum.amountFen4 ?? 0n);
    // 7.00 % to 12.00 %, rounded down to the yuan.
    const spent = ((sales * BigInt(700 + Math.floor(random() * 501))) / 10_000n / 100n) * 100n;
    if (spent <= 0n) continue;
    let left = spent;
    for (const category of EXPENSE_CATEGORIES) {
      const fen = category === 'OTHER' ? left : ((spent * SHARES[category]) / 10_000n / 100n) * 100n;
      left -= fen;
      if (fen > 0n) rows.push({ unitId: s.unitId, month: s.month, category, amountFen: fen });
    }
  }
  if (rows.length) await tx.unitExpense.createMany({ data: rows });
  return rows.length;
}
