import { describe, expect, it } from 'vitest';
import { allocate } from './allocation.ts';
import { childPeriods } from './periods.ts';
import { BUILT_IN_PROFILES, checkProfile, checkProfiles, profileWeights } from './seasonality.ts';

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

describe('profiles handed in together', () => {
  const months = (last: string) => [...Array(11).fill('8'), last];
  it('accepts profiles with distinct capital codes, names and months summing to 100', () => {
    expect(checkProfiles([{ code: 'FLAT', name: '平均', monthPercents: months('12') }, { code: 'Q4_01', name: '旺季', monthPercents: months('12') }])).toEqual([]);
  });

  it('names every problem by profile and field: the code, a second use of it, the name, the months', () => {
    expect(
      checkProfiles([
        { code: 'flat', name: 'x', monthPercents: months('12') },
        { code: 'FLAT', name: ' ', monthPercents: months('13') },
        { code: 'FLAT', name: 'y', monthPercents: [...Array(11).fill('8'), 'x'] },
        { code: 'SHORT', name: 'z', monthPercents: ['100'] },
      ]),
    ).toEqual([
      { index: 0, field: 'code', reason: 'PROFILE_CODE_INVALID', params: { value: 'flat' } },
      { index: 1, field: 'name', reason: 'PROFILE_NAME_REQUIRED', params: {} },
      { index: 1, field: 'monthPercents', reason: 'ALLOCATION_PERCENTS_NOT_100', params: { sum: '101' } },
      { index: 2, field: 'code', reason: 'PROFILE_CODE_TWICE', params: { code: 'FLAT' } },
      { index: 2, field: 'monthPercents', reason: 'ALLOCATION_NOT_A_NUMBER', params: { key: '12', value: 'x' } },
      { index: 3, field: 'monthPercents', reason: 'ALLOCATION_PROFILE_MONTHS', params: { count: 1 } },
    ]);
  });

  it('names every bad month, each by its key, and the sum only once every month reads', () => {
    const bad = ['abc', '-7.5', '8', '1000000000000000', '8.12345', ...Array(7).fill('8')];
    expect(checkProfiles([{ code: 'BAD', name: 'x', monthPercents: bad }])).toEqual([
      { index: 0, field: 'monthPercents', reason: 'ALLOCATION_NOT_A_NUMBER', params: { key: '01', value: 'abc' } },
      { index: 0, field: 'monthPercents', reason: 'ALLOCATION_NEGATIVE_WEIGHT', params: { key: '02' } },
      { index: 0, field: 'monthPercents', reason: 'ALLOCATION_PERCENT_TOO_LARGE', params: { key: '04', value: '1000000000000000', max: 100 } },
      { index: 0, field: 'monthPercents', reason: 'ALLOCATION_TOO_MANY_DECIMALS', params: { key: '05', value: '8.12345', places: 4 } },
    ]);
    // One API call still refuses with the first.
    expect(() => checkProfile(bad)).toThrow(expect.objectContaining({ problem: 'ALLOCATION_NOT_A_NUMBER' }));
    expect(() => checkProfile(['100.0001', ...Array(11).fill('0')])).toThrow(expect.objectContaining({ problem: 'ALLOCATION_PERCENT_TOO_LARGE', params: { key: '01', value: '100.0001', max: 100 } }));
  });
});
