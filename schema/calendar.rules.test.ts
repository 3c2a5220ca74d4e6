/** Money, days, periods and seasonality pinned at their edges (issue 7 §9; see schema/MUTATION.md). */
import { describe, expect, it } from 'vitest';
import { divideHalfUp, fenToCellNumber, formatMoney, MoneyFormatError, parseMoney } from './money.ts';
import { addDays, dateToDay, dayToDate, isIsoDay, today } from './dates.ts';
import { childPeriods, daysBetween, isoWeekKey, overlapDays, period, PeriodKeyError } from './periods.ts';
import { BUILT_IN_PROFILES, checkProfile, profileWeights } from './seasonality.ts';
import { AllocationError } from './allocation.ts';
import { isMetric, METRICS } from './metrics.ts';

describe('money', () => {
  it('parses with spaces around and thousands separators, signs and one or two decimals', () => {
    expect(parseMoney(' 1,234.5 ')).toBe(123_450n);
    expect(parseMoney('-12')).toBe(-1_200n);
    expect(parseMoney('0.05')).toBe(5n);
    expect(parseMoney('7.10')).toBe(710n);
  });
  it('refuses the rest with a MoneyFormatError naming the input', () => {
    for (const bad of ['1.', '.5', 'x1', '1x', '+1', '1.2.3', '--1', '1 000']) {
      expect(() => parseMoney(bad), bad).toThrow(MoneyFormatError);
    }
    try {
      parseMoney(' 12.345');
    } catch (e) {
      expect((e as MoneyFormatError).input).toBe(' 12.345');
      expect((e as Error).message).toMatch(/more than two decimal places/);
    }
    expect(() => parseMoney('-12.345')).toThrow(/more than two decimal places/);
    expect(() => parseMoney('12.3456x')).toThrow(/expected a decimal number/);
    expect(() => parseMoney('x12.345')).toThrow(/expected a decimal number/);
  });
  it('formats fen below a yuan and large amounts', () => {
    expect(formatMoney(7n)).toBe('0.07');
    expect(formatMoney(-123_456n)).toBe('-1234.56');
    expect(formatMoney(100n)).toBe('1.00');
  });
  it('cell numbers up to 2^53 fen either way', () => {
    const max = BigInt(Number.MAX_SAFE_INTEGER);
    expect(fenToCellNumber(max)).toBe(90071992547409.91);
    expect(fenToCellNumber(-max)).toBe(-90071992547409.91);
    expect(() => fenToCellNumber(max + 1n)).toThrow(RangeError);
    expect(() => fenToCellNumber(-max - 1n)).toThrow(RangeError);
    expect(fenToCellNumber(-5n)).toBe(-0.05);
  });
  it('divides half away from zero whatever the signs', () => {
    expect(divideHalfUp(5n, -2n)).toBe(-3n);
    expect(divideHalfUp(-5n, -2n)).toBe(3n);
    expect(divideHalfUp(-4n, 3n)).toBe(-1n);
    expect(divideHalfUp(7n, 7n)).toBe(1n);
    expect(divideHalfUp(0n, -3n)).toBe(0n);
    expect(() => divideHalfUp(1n, 0n)).toThrow(RangeError);
  });
});

describe('days', () => {
  it('only YYYY-MM-DD of a real day', () => {
    for (const bad of ['2026-04-31', '2026-00-10', '2026-01-00', '2026-1-01', 'x2026-01-01', '2026-01-01x', '02026-01-01', '2026-01-32']) expect(isIsoDay(bad), bad).toBe(false);
    expect(isIsoDay('2026-12-31')).toBe(true);
    expect(isIsoDay('0050-01-01')).toBe(false); // Date.UTC reads years 0-99 as 1900-1999
    expect(isIsoDay('2026-01-01')).toBe(true);
    expect(() => dayToDate('2026-02-30')).toThrow(RangeError);
    expect(dayToDate('2026-03-12').toISOString()).toBe('2026-03-12T00:00:00.000Z');
    expect(dateToDay(new Date('2026-03-12T23:59:59Z'))).toBe('2026-03-12');
  });
  it('adds days across years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-12', 0)).toBe('2026-03-12');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
  it('today in a zone, at the edge of midnight', () => {
    expect(today('Asia/Shanghai', new Date('2026-03-11T15:59:59Z'))).toBe('2026-03-11');
    expect(today('Asia/Shanghai', new Date('2026-03-11T16:00:00Z'))).toBe('2026-03-12');
    expect(today('UTC', new Date('2026-03-11T23:59:59Z'))).toBe('2026-03-11');
    expect(today(undefined, new Date('2026-03-11T16:00:00Z'))).toBe('2026-03-12');
    expect(today()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('periods', () => {
  it('keys and their first and last days', () => {
    expect(period('2026')).toEqual({ key: '2026', level: 'year', start: '2026-01-01', end: '2026-12-31' });
    expect(period('2026-Q2')).toEqual({ key: '2026-Q2', level: 'quarter', start: '2026-04-01', end: '2026-06-30' });
    expect(period('2026-Q4')).toEqual({ key: '2026-Q4', level: 'quarter', start: '2026-10-01', end: '2026-12-31' });
    expect(period('2026-12')).toEqual({ key: '2026-12', level: 'month', start: '2026-12-01', end: '2026-12-31' });
    expect(period('2026-01')).toEqual({ key: '2026-01', level: 'month', start: '2026-01-01', end: '2026-01-31' });
    expect(period('2026-W01')).toEqual({ key: '2026-W01', level: 'week', start: '2025-12-29', end: '2026-01-04' });
    expect(period('2026-03-D2')).toEqual({ key: '2026-03-D2', level: 'tenday', start: '2026-03-11', end: '2026-03-20' });
    expect(period('2026-03-12')).toEqual({ key: '2026-03-12', level: 'day', start: '2026-03-12', end: '2026-03-12' });
    expect(period('2026-Q1', { firstMonth: 10 })).toEqual({ key: '2026-Q1', level: 'quarter', start: '2026-10-01', end: '2026-12-31' });
    expect(period('2026', { firstMonth: 2 }).end).toBe('2027-01-31');
  });
  it('refuses malformed keys', () => {
    for (const bad of ['2026-00', '2026-W00', '2026-W54', '2026-Q0', 'x2026-Q1', 'x2026', '2026x', '2026-Q1x', 'x2026-03', '2026-03x', '2026-W1', '2026-W11x', '2026-03-D1x', 'x2026-03-D1', '2026-13-D1', '']) {
      expect(() => period(bad), bad).toThrow(PeriodKeyError);
    }
  });
  it('ISO weeks: Sunday belongs to the week before, Monday starts one', () => {
    expect(isoWeekKey('2026-03-15')).toBe('2026-W11');
    expect(isoWeekKey('2026-03-16')).toBe('2026-W12');
    expect(isoWeekKey('2026-01-04')).toBe('2026-W01');
    expect(isoWeekKey('2025-12-29')).toBe('2026-W01');
    expect(isoWeekKey('2021-01-03')).toBe('2020-W53');
  });
  it('days between, both ends included', () => {
    expect(daysBetween('2026-03-01', '2026-03-01')).toBe(1);
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(31);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(3); // across the switch to summer time elsewhere
  });
  it('children of every level, and the splits that do not exist', () => {
    expect(childPeriods('2026-Q2', 'month').map((p) => [p.key, p.days])).toEqual([
      ['2026-04', 30],
      ['2026-05', 31],
      ['2026-06', 30],
    ]);
    expect(childPeriods('2026-W11', 'day').map((p) => p.key)).toEqual(['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15']);
    expect(childPeriods('2026-03-D3', 'day')).toHaveLength(11);
    expect(childPeriods('2026-03-12', 'day')).toEqual([{ key: '2026-03-12', level: 'day', start: '2026-03-12', end: '2026-03-12', days: 1 }]);
    expect(childPeriods('2026-02', 'day')).toHaveLength(28);
    expect(childPeriods('2026-Q1', 'week')[0]).toEqual({ key: '2026-W01', level: 'week', start: '2026-01-01', end: '2026-01-04', days: 4 });
    expect(childPeriods('2026', 'tenday')).toHaveLength(36);
    expect(childPeriods('2026-03', 'tenday').map((p) => [p.key, p.start, p.end])).toEqual([
      ['2026-03-D1', '2026-03-01', '2026-03-10'],
      ['2026-03-D2', '2026-03-11', '2026-03-20'],
      ['2026-03-D3', '2026-03-21', '2026-03-31'],
    ]);
    const refused: [string, Parameters<typeof childPeriods>[1]][] = [
      ['2026-Q1', 'quarter'],
      ['2026-03', 'quarter'],
      ['2026-03', 'month'],
      ['2026-W11', 'month'],
      ['2026-W11', 'week'],
      ['2026-03-D1', 'tenday'],
      ['2026-03-12', 'week'],
      ['2026', 'year'],
      ['2026-03', 'year'],
    ];
    for (const [key, level] of refused) expect(() => childPeriods(key, level), `${key} into ${level}`).toThrow(PeriodKeyError);
  });
  it('overlap of a stay with a period', () => {
    const march = period('2026-03');
    expect(overlapDays(march, '2026-03-31', null)).toBe(1);
    expect(overlapDays(march, '2026-03-01', '2026-03-01')).toBe(1);
    expect(overlapDays(march, '2026-02-01', '2026-02-28')).toBe(0);
    expect(overlapDays(march, '2026-02-01', '2026-04-30')).toBe(31);
    expect(overlapDays(march, '2026-03-10', '2026-03-20')).toBe(11);
  });
});

describe('seasonality', () => {
  const flat = Array(12).fill('8.3333') as string[];
  flat[11] = '8.3337';
  it('refuses a negative month, a bad number, or more than four places', () => {
    expect(checkProfile(flat)).toHaveLength(12);
    expect(checkProfile(flat)[0]).toBe(83_333n);
    const negative = [...flat];
    negative[0] = '-8.3333';
    negative[1] = '24.9999'; // the months still sum to 100
    expect(() => checkProfile(negative)).toThrow(expect.objectContaining({ problem: 'ALLOCATION_NEGATIVE_WEIGHT', params: { key: '01' } }));
    expect(() => checkProfile(['x', ...flat.slice(1)])).toThrow(expect.objectContaining({ problem: 'ALLOCATION_NOT_A_NUMBER', params: { key: '01', value: 'x' } }));
    expect(() => checkProfile([...flat.slice(0, 11), '8.33370'])).toThrow(AllocationError); // five places, even if the last is 0
    expect(() => checkProfile([...flat.slice(0, 11), '8.33371'])).toThrow(AllocationError);
    expect(() => checkProfile([...flat.slice(0, 11), 'x'])).toThrow(AllocationError);
    expect(() => checkProfile([...flat, '0'])).toThrow(AllocationError);
  });
  it('weighs each day as its month’s share over the month’s days', () => {
    const pct = ['31', '28', '0', '0', '0', '0', '0', '0', '0', '0', '0', '41'];
    const days = (key: string) => profileWeights(pct, [period(key)]).get(key)!;
    // a January day and a February day weigh the same: 31 % ÷ 31 = 28 % ÷ 28 = 1 %
    expect(days('2026-01-05')).toBe(days('2026-02-05'));
    expect(days('2026-01-05')).toBe(10_000n * 377_580n);
    expect(days('2026-01')).toBe(31n * 10_000n * 377_580n);
    // a week across January and February: 3 January days + 4 February days
    expect(profileWeights(pct, [period('2026-W05')]).get('2026-W05')).toBe(7n * 10_000n * 377_580n);
    // a period across a year end
    expect(profileWeights(pct, [{ key: 'x', level: 'week', start: '2025-12-31', end: '2026-01-01' }]).get('x')).toBe((410_000n * 377_580n) / 31n + 10_000n * 377_580n);
    expect(days('2026-03')).toBe(0n);
  });
  it('the built-in profiles sum to 100 %', () => {
    expect(BUILT_IN_PROFILES.map((p) => [p.code, p.name, p.monthPercents.length])).toEqual([
      ['TRADE_SEASONS', '淡旺季', 12],
      ['QUARTER_END', '季末冲刺', 12],
    ]);
    expect(checkProfile(BUILT_IN_PROFILES[1]!.monthPercents)[2]).toBe(112_500n);
  });
});

describe('metrics', () => {
  it('money or count, and only the known ones', () => {
    expect(METRICS).toEqual({
      SALES_AMOUNT: { unit: 'money' },
      UNITS: { unit: 'count' },
      NEW_CUSTOMERS: { unit: 'count' },
      COLLECTIONS: { unit: 'money' },
      GROSS_MARGIN: { unit: 'money' },
    });
    expect(isMetric('UNITS')).toBe(true);
    expect(isMetric('toString')).toBe(false);
    expect(isMetric('PROFIT')).toBe(false);
  });
});
