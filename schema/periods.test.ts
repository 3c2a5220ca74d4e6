import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { childPeriods, isoWeekKey, notOver, overlapDays, period, PeriodKeyError } from './periods.ts';
import { addDays } from './dates.ts';

describe('periods', () => {
  it('resolves every kind of key to its days', () => {
    expect(period('2026')).toMatchObject({ level: 'year', start: '2026-01-01', end: '2026-12-31' });
    expect(period('2026-Q1')).toMatchObject({ start: '2026-01-01', end: '2026-03-31' });
    expect(period('2026-02')).toMatchObject({ start: '2026-02-01', end: '2026-02-28' });
    expect(period('2024-02').end).toBe('2024-02-29');
    expect(period('2026-W11')).toMatchObject({ start: '2026-03-09', end: '2026-03-15' });
    expect(period('2026-03-D1')).toMatchObject({ start: '2026-03-01', end: '2026-03-10' });
    expect(period('2026-03-D3')).toMatchObject({ start: '2026-03-21', end: '2026-03-31' });
    expect(period('2026-02-D3').end).toBe('2026-02-28');
  });

  it('supports fiscal years starting in any month', () => {
    const april = { firstMonth: 4 };
    expect(period('2026', april)).toMatchObject({ start: '2026-04-01', end: '2027-03-31' });
    expect(period('2026-Q4', april)).toMatchObject({ start: '2027-01-01', end: '2027-03-31' });
    expect(childPeriods('2026-Q1', 'month', april).map((p) => p.key)).toEqual(['2026-04', '2026-05', '2026-06']);
  });

  it('names ISO weeks (Monday start) across year ends', () => {
    expect(isoWeekKey('2026-03-12')).toBe('2026-W11');
    expect(isoWeekKey('2026-01-01')).toBe('2026-W01');
    expect(isoWeekKey('2027-01-01')).toBe('2026-W53');
    expect(isoWeekKey('2024-12-30')).toBe('2025-W01');
    expect(period('2026-W53').end).toBe('2027-01-03');
    expect(() => period('2025-W53')).toThrow(PeriodKeyError);
  });

  it('refuses keys that are not periods, saying what is expected', () => {
    for (const bad of ['2026-13', '2026-Q5', '2026-03-D4', '26-03', 'March', '2026-02-30']) expect(() => period(bad)).toThrow(PeriodKeyError);
    expect(() => period('2026-13')).toThrow(expect.objectContaining({ problem: 'NO_SUCH_MONTH', params: { key: '2026-13', month: 13 } }));
    expect(() => period('March')).toThrow(expect.objectContaining({ problem: 'NOT_A_PERIOD_KEY', params: { key: 'March' } }));
  });

  it('splits a year into 4 quarters and 12 months, a month into weeks cut at its edges', () => {
    expect(childPeriods('2026', 'quarter').map((p) => p.key)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(childPeriods('2026', 'month')).toHaveLength(12);
    const weeks = childPeriods('2026-03', 'week');
    expect(weeks[0]).toMatchObject({ key: '2026-W09', start: '2026-03-01', end: '2026-03-01', days: 1 });
    expect(weeks.at(-1)).toMatchObject({ key: '2026-W14', start: '2026-03-30', end: '2026-03-31', days: 2 });
    expect(childPeriods('2026-03', 'tenday').map((p) => p.days)).toEqual([10, 10, 11]);
  });

  it('children always tile the parent exactly', () => {
    const monthArb = fc.record({ y: fc.integer({ min: 2000, max: 2099 }), m: fc.integer({ min: 1, max: 12 }) });
    fc.assert(
      fc.property(monthArb, fc.constantFrom('week', 'tenday', 'day') as fc.Arbitrary<'week' | 'tenday' | 'day'>, ({ y, m }, level) => {
        const key = `${y}-${String(m).padStart(2, '0')}`;
        const parent = period(key);
        const kids = childPeriods(key, level);
        expect(kids[0]!.start).toBe(parent.start);
        expect(kids.at(-1)!.end).toBe(parent.end);
        for (let i = 1; i < kids.length; i++) expect(kids[i]!.start).toBe(addDays(kids[i - 1]!.end, 1));
      }),
    );
  });

  it('counts the days a stay overlaps a period', () => {
    const march = period('2026-03');
    expect(overlapDays(march, '2026-03-12', null)).toBe(20);
    expect(overlapDays(march, '2025-01-01', '2026-03-11')).toBe(11);
    expect(overlapDays(march, '2026-04-01', null)).toBe(0);
  });
});

describe('notOver', () => {
  it('is true while the period has a day to come (its last day included), false after and for a key that is no period', () => {
    expect(notOver('2026-12', '2026-12-04')).toBe(true);
    expect(notOver('2026-12', '2026-12-31')).toBe(true);
    expect(notOver('2026-11', '2026-12-01')).toBe(false);
    expect(notOver('2026-12-D1', '2026-12-11')).toBe(false);
    expect(notOver('2026-Q4', '2026-12-31')).toBe(true);
    expect(notOver('2027', '2026-12-04')).toBe(true);
    expect(notOver('not-a-period', '2026-12-04')).toBe(false);
  });
});
