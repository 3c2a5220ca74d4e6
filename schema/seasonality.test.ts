import { describe, expect, it } from 'vitest';
import { allocate } from './allocation.ts';
import { childPeriods } from './periods.ts';
import { BUILT_IN_PROFILES, checkProfile, profileWeights } from './seasonality.ts';

const trade = BUILT_IN_PROFILES[0]!.monthPercents;

describe('seasonality profiles', () => {
  it('need 12 months summing to 100 %', () => {
    for (const p of BUILT_IN_PROFILES) expect(() => checkProfile(p.monthPercents)).not.toThrow();
    expect(() => checkProfile(trade.slice(1))).toThrow(expect.objectContaining({ problem: 'ALLOCATION_PROFILE_MONTHS', params: { count: 11 } }));
    expect(() => checkProfile([...trade.slice(0, 11), '12.5'])).toThrow(expect.objectContaining({ problem: 'ALLOCATION_PERCENTS_NOT_100', params: { sum: '99.5' } }));
  });

  it('weigh months as given, and quarters as their months', () => {
    const months = allocate(100_000n, [...profileWeights(trade, childPeriods('2026', 'month'))].map(([key, weight]) => ({ key, weight })));
    expect(months.get('2026-02')).toBe(4_000n);
    expect(months.get('2026-12')).toBe(13_000n);
    const quarters = allocate(100_000n, [...profileWeights(trade, childPeriods('2026', 'quarter'))].map(([key, weight]) => ({ key, weight })));
    expect([...quarters.values()]).toEqual([18_000n, 24_000n, 23_000n, 35_000n]);
  });

  it('spread a month over the days of the weeks that share it', () => {
    const weeks = childPeriods('2026', 'week');
    const w = profileWeights(trade, weeks);
    // Week 1 of 2026 holds 4 January days (Jan 1-4), out of 31 at 7 %.
    const all = [...w.values()].reduce((a, b) => a + b, 0n);
    const share = Number((w.get('2026-W01')! * 1_000_000n) / all) / 1_000_000;
    expect(share).toBeCloseTo((0.07 * 4) / 31, 6);
  });
});
