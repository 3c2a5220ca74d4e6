/**
 * The ratios managers watch (brief §5): the expense ratio (开支比) is what a
 * unit spent ÷ what it sold, the payroll ratio (工资比) what it paid its
 * people ÷ what it sold; the seed's Hunan region shows 9.6 % and 33.1 %
 * for a year. Both are kept exact as a pair of integers (fen ÷ fen) and
 * rounded only to be shown. Expenses and pay are monthly figures, so the
 * ratios are read over whole months. Pure; codes only, no language.
 */
import type { Ratio } from './achievement.ts';
import type { IsoDay } from './dates.ts';

/** Expense categories (the seed's 经营费用: 广告与宣传, 促销, 销售渠道, and the usual travel and office costs). Pay is not one: it is the payroll ratio's. */
export const EXPENSE_CATEGORIES = ['ADVERTISING', 'PROMOTION', 'CHANNEL', 'TRAVEL', 'OFFICE', 'OTHER'] as const;
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];

/** amount ÷ sales, or null when nothing was sold (a ratio of nothing is no figure, not infinity). */
export function ofSales(amount: bigint, sales: bigint): Ratio | null {
  return sales > 0n ? { num: amount, den: sales } : null;
}

/** The months ("2026-03") a range of days touches, in order. */
export function monthsTouched(start: IsoDay, end: IsoDay): string[] {
  const out: string[] = [];
  let [y, m] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))];
  const last = end.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > last) return out;
    out.push(key);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

/** Whether a range of days is made of whole months (a ten-day block or a week is not). */
export function isWholeMonths(start: IsoDay, end: IsoDay): boolean {
  const next = new Date(`${end}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return start.endsWith('-01') && next.getUTCDate() === 1;
}
