/** Period chains: year → quarter → month → week or ten-day, each level nested in the one above. */
import { describe, expect, it } from 'vitest';
import { monthWeeks, period, periodChain, PeriodKeyError, planPeriods, PERIOD_CHAINS, type PeriodLevel } from './periods.ts';

describe('weeks of a month', () => {
  it('start on Mondays and are cut to the month', () => {
    // March 2026 starts on a Sunday.
    expect(monthWeeks(period('2026-03')).map((w) => [w.key, w.start, w.end])).toEqual([
      ['2026-03-W1', '2026-03-01', '2026-03-01'],
      ['2026-03-W2', '2026-03-02', '2026-03-08'],
      ['2026-03-W3', '2026-03-09', '2026-03-15'],
      ['2026-03-W4', '2026-03-16', '2026-03-22'],
      ['2026-03-W5', '2026-03-23', '2026-03-29'],
      ['2026-03-W6', '2026-03-30', '2026-03-31'],
    ]);
    // February 2027 starts on a Monday and has exactly four weeks.
    expect(monthWeeks(period('2027-02')).map((w) => w.key)).toEqual(['2027-02-W1', '2027-02-W2', '2027-02-W3', '2027-02-W4']);
  });

  it('parse as keys, and a week a month lacks is refused', () => {
    expect(period('2026-03-W2')).toEqual({ key: '2026-03-W2', level: 'week', start: '2026-03-02', end: '2026-03-08' });
    expect(() => period('2027-02-W5')).toThrow(PeriodKeyError);
    expect(() => period('2027-02-W7')).toThrow(PeriodKeyError);
  });
});

describe('plan periods', () => {
  it('accepts only nested chains', () => {
    expect(periodChain('quarter,month,week')).toEqual(['quarter', 'month', 'week']);
    for (const bad of ['week,month', 'quarter,week', 'quarter,tenday', 'year', '', 'month,month']) expect(() => periodChain(bad)).toThrow(PeriodKeyError);
  });

  it('a single level is the year at that level, with no parents', () => {
    const months = planPeriods('2026', ['month']);
    expect(months).toHaveLength(12);
    expect(months.every((p) => p.parent === null)).toBe(true);
  });

  it('every chain nests: each period lies inside its parent, and the children of a parent tile it exactly', () => {
    for (const text of PERIOD_CHAINS) {
      for (const firstMonth of [1, 4]) {
        const chain = periodChain(text);
        const all = planPeriods('2026', chain, { firstMonth });
        const byKey = new Map(all.map((p) => [p.key, p]));
        expect(byKey.size, text).toBe(all.length);
        const year = period('2026', { firstMonth });
        for (const [depth, level] of chain.entries()) {
          const at = all.filter((p) => p.level === level);
          // Each level tiles the year.
          expect(at.reduce((n, p) => n + p.days, 0), `${text} ${level}`).toBe(365);
          expect(at[0]!.start).toBe(year.start);
          expect(at.at(-1)!.end).toBe(year.end);
          for (const p of at) {
            if (depth === 0) expect(p.parent).toBeNull();
            else {
              const parent = byKey.get(p.parent!)!;
              expect(parent.level).toBe(chain[depth - 1] as PeriodLevel);
              expect(p.start >= parent.start && p.end <= parent.end).toBe(true);
            }
          }
        }
      }
    }
  });

  it('quarter, month and week: 4 + 12 + the weeks of each month', () => {
    const all = planPeriods('2026', ['quarter', 'month', 'week']);
    expect(all.filter((p) => p.level === 'quarter').map((p) => p.key)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(all.filter((p) => p.parent === '2026-Q1').map((p) => p.key)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(all.filter((p) => p.parent === '2026-03').map((p) => p.key)).toHaveLength(6);
  });

  it('months split only a year or a quarter', () => {
    expect(() => planPeriods('2026', ['month', 'month'])).toThrow(PeriodKeyError);
    expect(() => planPeriods('2026', ['week', 'month'])).toThrow(PeriodKeyError);
  });
});
