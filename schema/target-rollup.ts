/**
 * A target row's figures rolled up to the standard periods above them:
 * months from their weeks or ten-day blocks, quarters from months, the year
 * from quarters or months, or from the plan's own top level (`topKeys`). An
 * ISO week that straddles two months (a plan by ISO weeks alone) gives each
 * month its share by days, largest remainder first, so the months still add
 * up to the year to the fen: 2026-W05 (26 Jan–1 Feb) at 700.00 is 600.00 in
 * January and 100.00 in February. So figures made at different levels (a
 * base plan by quarter, a stretch plan by month or ISO week) can be
 * compared, and results have month, quarter and ten-day targets. Pure.
 */
import { allocate } from './allocation.ts';
import { addDays } from './dates.ts';
import { childPeriods, period, type FiscalCalendar } from './periods.ts';

/** An ISO week's amount over the months its days (within the fiscal year) fall in. */
function weekByMonth(key: string, amount: bigint, year: { start: string; end: string }): Map<string, bigint> {
  const week = period(key);
  const start = week.start > year.start ? week.start : year.start;
  const end = week.end < year.end ? week.end : year.end;
  const days = new Map<string, bigint>();
  for (let d = start; d <= end; d = addDays(d, 1)) days.set(d.slice(0, 7), (days.get(d.slice(0, 7)) ?? 0n) + 1n);
  if (days.size <= 1) return new Map([[start.slice(0, 7), amount]]);
  const sign = amount < 0n ? -1n : 1n;
  const parts = allocate(amount * sign, [...days].map(([month, weight]) => ({ key: month, weight })));
  return new Map([...parts].map(([month, v]) => [month, v * sign]));
}

export function rollUpAmounts(amounts: ReadonlyMap<string, bigint>, year: number, calendar: FiscalCalendar, topKeys: Iterable<string> = []): Map<string, bigint> {
  const out = new Map(amounts);
  const monthParts = new Map<string, bigint>();
  const isoWeekParts = new Map<string, bigint>();
  const yearSpan = period(String(year), calendar);
  for (const [key, v] of amounts) {
    const m = /^(\d{4}-\d{2})-(?:W[1-6]|D[1-3])$/.exec(key);
    if (m) monthParts.set(m[1]!, (monthParts.get(m[1]!) ?? 0n) + v);
    else if (/^\d{4}-W\d{2}$/.test(key)) for (const [month, part] of weekByMonth(key, v, yearSpan)) isoWeekParts.set(month, (isoWeekParts.get(month) ?? 0n) + part);
  }
  for (const [month, v] of isoWeekParts) if (!monthParts.has(month)) monthParts.set(month, v);
  for (const [month, v] of monthParts) if (!out.has(month)) out.set(month, v);
  const sumOf = (keys: string[]) => (keys.every((k) => out.has(k)) ? keys.reduce((n, k) => n + out.get(k)!, 0n) : null);
  const quarters = [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
  for (const q of quarters) {
    if (out.has(q)) continue;
    const v = sumOf(childPeriods(q, 'month', calendar).map((p) => p.key));
    if (v !== null) out.set(q, v);
  }
  const top = [...topKeys];
  if (!out.has(String(year))) {
    const v = sumOf(quarters) ?? (top.length ? sumOf(top) : null);
    if (v !== null) out.set(String(year), v);
  }
  return out;
}
