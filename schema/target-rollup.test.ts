import { describe, expect, it } from 'vitest';
import { childPeriods } from './periods.ts';
import { rollUpAmounts } from './target-rollup.ts';

describe('rolling a plan by ISO weeks up to months, quarters and the year', () => {
  const weeks = childPeriods('2026', 'week');

  it('gives a week straddling two months to each by its days there, largest remainder first', () => {
    // 2026-W05 runs Monday 26 January to Sunday 1 February: six days in January, one in February.
    const out = rollUpAmounts(new Map([['2026-W05', 70000n]]), 2026, { firstMonth: 1 }, ['2026-W05']);
    expect(out.get('2026-01')).toBe(60000n);
    expect(out.get('2026-02')).toBe(10000n);
    // 1.00 over 6 + 1 days: 0.857… and 0.142…; the fen left goes to the larger remainder (January).
    const odd = rollUpAmounts(new Map([['2026-W05', 100n]]), 2026, { firstMonth: 1 });
    expect(odd.get('2026-01')).toBe(86n);
    expect(odd.get('2026-02')).toBe(14n);
  });

  it('cuts the year’s first and last weeks to the year, so every month, quarter and the year add up to the fen', () => {
    // 2026-W01 is 29 Dec 2025 – 4 Jan 2026; 2026-W53 is 28 Dec 2026 – 3 Jan 2027. Odd amounts make every split round.
    const amounts = new Map(weeks.map((w, i) => [w.key, 100_001n + BigInt(i) * 7n]));
    const total = [...amounts.values()].reduce((a, b) => a + b, 0n);
    const out = rollUpAmounts(amounts, 2026, { firstMonth: 1 }, weeks.map((w) => w.key));
    const months = childPeriods('2026', 'month').map((m) => out.get(m.key));
    expect(months.every((v) => v !== undefined)).toBe(true);
    expect(months.reduce((a, b) => a! + b!, 0n)).toBe(total);
    // January: W01 (cut to 1–4 Jan) to W04 whole, and 6/7 of W05's 1,000.29: 857.391…, whose remainder (1/7) is smaller than February's (6/7).
    expect(out.get('2026-01')).toBe(100_001n + 100_008n + 100_015n + 100_022n + 85_739n);
    expect(out.get('2026-Q1')! + out.get('2026-Q2')! + out.get('2026-Q3')! + out.get('2026-Q4')!).toBe(total);
    expect(out.get('2026')).toBe(total);
    // December holds all of W53's days that are in 2026.
    expect(out.get('2026-12')! > 0n).toBe(true);
  });

  it('leaves a plan’s own months alone', () => {
    const out = rollUpAmounts(new Map([['2026-01', 5n], ['2026-W05', 7n]]), 2026, { firstMonth: 1 });
    expect(out.get('2026-01')).toBe(5n);
  });
});
