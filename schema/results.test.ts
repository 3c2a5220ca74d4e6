import { describe, expect, it } from 'vitest';
import { bucketKey, monthPart, partDays, rangeParts, readRange, ResultsRangeError } from './results.ts';
import { period, childPeriods, CALENDAR_YEAR } from './periods.ts';

const APRIL = { firstMonth: 4 };

describe('half-month keys', () => {
  it('parse and split like the other periods', () => {
    expect(period('2026-02-H1')).toEqual({ key: '2026-02-H1', level: 'halfmonth', start: '2026-02-01', end: '2026-02-15' });
    expect(period('2026-02-H2')).toEqual({ key: '2026-02-H2', level: 'halfmonth', start: '2026-02-16', end: '2026-02-28' });
    expect(() => period('2026-02-H3')).toThrow(expect.objectContaining({ problem: 'NOT_A_PERIOD_KEY', params: { key: '2026-02-H3' } }));
    expect(childPeriods('2026-Q1', 'halfmonth').map((p) => `${p.key} ${p.days}`)).toEqual(['2026-01-H1 15', '2026-01-H2 16', '2026-02-H1 15', '2026-02-H2 13', '2026-03-H1 15', '2026-03-H2 16']);
    expect(childPeriods('2026-03-H2', 'day')).toHaveLength(16);
  });
});

describe('results ranges', () => {
  it('split a period into buckets at a grain, cut to the period', () => {
    expect(readRange('2026-03', 'TEN_DAYS', CALENDAR_YEAR, '2026-12-31').buckets.map((b) => [b.key, b.start, b.end])).toEqual([
      ['2026-03-D1', '2026-03-01', '2026-03-10'],
      ['2026-03-D2', '2026-03-11', '2026-03-20'],
      ['2026-03-D3', '2026-03-21', '2026-03-31'],
    ]);
    expect(readRange('2026', 'TEN_DAYS', CALENDAR_YEAR, '2026-12-31').buckets).toHaveLength(36);
    expect(readRange('2026', 'DAY', CALENDAR_YEAR, '2026-12-31').buckets).toHaveLength(365);
    expect(readRange('2026', 'QUARTER', APRIL, '2026-12-31').buckets.map((b) => `${b.key} ${b.start}`)).toEqual(['2026-Q1 2026-04-01', '2026-Q2 2026-07-01', '2026-Q3 2026-10-01', '2026-Q4 2027-01-01']);
    expect(readRange('2026-02', 'HALF_MONTH', CALENDAR_YEAR, '2026-12-31').buckets.map((b) => b.end)).toEqual(['2026-02-15', '2026-02-28']);
  });

  it('run the year to date from the fiscal year’s first day to asOf or the period’s end', () => {
    expect(readRange('2026-05', 'YEAR_TO_DATE', CALENDAR_YEAR, '2026-12-01').buckets).toEqual([{ key: '2026-YTD', start: '2026-01-01', end: '2026-05-31' }]);
    expect(readRange('2026', 'YEAR_TO_DATE', CALENDAR_YEAR, '2026-03-12').buckets).toEqual([{ key: '2026-YTD', start: '2026-01-01', end: '2026-03-12' }]);
    expect(readRange('2027-02', 'YEAR_TO_DATE', APRIL, '2027-12-31').buckets).toEqual([{ key: '2026-YTD', start: '2026-04-01', end: '2027-02-28' }]);
    expect(readRange('2027', 'YEAR_TO_DATE', CALENDAR_YEAR, '2026-12-01').buckets).toEqual([]);
  });

  it('refuse a grain coarser than the period, an unknown key and too many buckets, with codes', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof ResultsRangeError ? [e.code, e.params] : e;
      }
      return null;
    };
    expect(code(() => readRange('2026-03', 'QUARTER', CALENDAR_YEAR, '2026-12-31'))).toEqual(['GRAIN_TOO_COARSE', { grain: 'QUARTER', period: '2026-03' }]);
    expect(code(() => readRange('2026-03-D1', 'HALF_MONTH', CALENDAR_YEAR, '2026-12-31'))).toBeNull();
    expect(code(() => readRange('2026-13', 'MONTH', CALENDAR_YEAR, '2026-12-31'))).toEqual(['NOT_A_PERIOD', { value: '2026-13' }]);
    expect(code(() => readRange('2026', 'YEAR', CALENDAR_YEAR, '2026-12-31'))).toBeNull();
  });

  it('name the bucket of a day at every grain', () => {
    expect(['DAY', 'TEN_DAYS', 'HALF_MONTH', 'MONTH', 'QUARTER', 'YEAR', 'YEAR_TO_DATE'].map((g) => bucketKey('2026-03-16', g as never, APRIL))).toEqual([
      '2026-03-16',
      '2026-03-D2',
      '2026-03-H2',
      '2026-03',
      '2025-Q4',
      '2025',
      '2025-YTD',
    ]);
    expect(['10', '11', '15', '16', '20', '21', '31'].map((d) => monthPart(`2026-03-${d}`))).toEqual([1, 2, 2, 3, 3, 4, 4]);
    expect(partDays('2024-02', 4)).toEqual({ start: '2024-02-21', end: '2024-02-29' });
  });

  it('read whole parts of months from the sums and the rest from the sales', () => {
    const q1 = rangeParts({ start: '2026-01-01', end: '2026-03-31' });
    expect(q1.parts).toHaveLength(12);
    expect(q1.edges).toEqual([]);
    expect(rangeParts({ start: '2026-01-01', end: '2026-03-12' })).toEqual({
      parts: [1, 2, 3, 4].map((part) => ({ month: '2026-01', part })).concat([1, 2, 3, 4].map((part) => ({ month: '2026-02', part })), [{ month: '2026-03', part: 1 }]),
      edges: [{ start: '2026-03-11', end: '2026-03-12' }],
    });
    expect(rangeParts({ start: '2026-03-05', end: '2026-03-22' })).toEqual({
      parts: [{ month: '2026-03', part: 2 }, { month: '2026-03', part: 3 }],
      edges: [{ start: '2026-03-05', end: '2026-03-10' }, { start: '2026-03-21', end: '2026-03-22' }],
    });
  });
});
