/**
 * A target row's figures rolled up to the standard periods above them:
 * months from their weeks or ten-day blocks, quarters from months, the year
 * from quarters or months, or from the plan's own top level (`topKeys`: a
 * plan by ISO weeks, whose weeks straddle months, still has a year). So
 * figures made at different levels (a base plan by quarter, a stretch plan
 * by month) can be compared. Pure.
 */
import { childPeriods, type FiscalCalendar } from './periods.ts';

export function rollUpAmounts(amounts: ReadonlyMap<string, bigint>, year: number, calendar: FiscalCalendar, topKeys: Iterable<string> = []): Map<string, bigint> {
  const out = new Map(amounts);
  const monthParts = new Map<string, bigint>();
  for (const [key, v] of amounts) {
    const m = /^(\d{4}-\d{2})-(?:W[1-6]|D[1-3])$/.exec(key);
    if (m) monthParts.set(m[1]!, (monthParts.get(m[1]!) ?? 0n) + v);
  }
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
