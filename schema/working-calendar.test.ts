import { describe, expect, it } from 'vitest';
import { calendarText } from '../addin/src/i18n/explanations.ts';
import { checkCalendarDay, checkCalendarYear, countWorkingDays, isWorkingDay, workingCalendar, type CalendarDay } from './working-calendar.ts';
import { workingDaysBetween } from './compensation.ts';

// The State Council's 2026 arrangement for the Spring Festival and National Day (as chinese-days 1.5.7 has it).
const days: CalendarDay[] = [
  ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => ({ date: `2026-02-${d}`, kind: 'HOLIDAY' as const, name: 'Spring Festival' })),
  { date: '2026-02-14', kind: 'WORKDAY', name: 'Spring Festival' },
  { date: '2026-02-28', kind: 'WORKDAY', name: 'Spring Festival' },
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, kind: 'HOLIDAY' as const, name: 'National Day' })),
  { date: '2026-09-20', kind: 'WORKDAY', name: 'National Day' },
  { date: '2026-10-10', kind: 'WORKDAY', name: 'National Day' },
];
const cn = workingCalendar('CN', days);
const empty = workingCalendar('none', []);

describe('working days under a calendar', () => {
  it('February 2026: 20 weekdays, 6 of them Spring Festival holidays, 2 Saturdays worked: 16', () => {
    const c = countWorkingDays(cn, '2026-02-01', '2026-02-28');
    expect(c).toEqual({
      count: 16,
      weekdays: 20,
      holidays: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23'],
      makeupDays: ['2026-02-14', '2026-02-28'],
    });
    expect(calendarText({ name: 'CN', ...c }, 'en')).toMatch(/^calendar China: 20 weekdays/);
    expect(calendarText({ name: 'CN', ...c }, 'api')).toBe(
      'calendar CN: 20 weekdays − 6 public holidays (2026-02-16, 2026-02-17, 2026-02-18, 2026-02-19, 2026-02-20, 2026-02-23) + 2 make-up working days (2026-02-14, 2026-02-28) = 16 working days',
    );
  });

  it('October 2026: 22 weekdays − 5 National Day holidays + 1 make-up Saturday = 18; September gains its make-up Sunday', () => {
    expect(countWorkingDays(cn, '2026-10-01', '2026-10-31').count).toBe(18);
    expect(countWorkingDays(cn, '2026-09-01', '2026-09-30')).toMatchObject({ count: 23, weekdays: 22, makeupDays: ['2026-09-20'] });
  });

  it('counts part of a month (a joiner or leaver) the same way, both ends included', () => {
    expect(countWorkingDays(cn, '2026-02-12', '2026-02-16')).toMatchObject({ count: 3, holidays: ['2026-02-16'], makeupDays: ['2026-02-14'] });
    expect(countWorkingDays(cn, '2026-02-21', '2026-02-22').count).toBe(0);
    expect(countWorkingDays(cn, '2026-03-02', '2026-03-01').count).toBe(0);
  });

  it('without holidays or make-up days it is Monday to Friday, as before', () => {
    for (const [start, end] of [['2026-02-01', '2026-02-28'], ['2026-03-01', '2026-03-31'], ['2026-10-01', '2026-10-31'], ['2026-03-11', '2026-03-20']] as const) {
      expect(countWorkingDays(empty, start, end).count).toBe(workingDaysBetween(start, end));
    }
    expect(calendarText({ name: 'none', ...countWorkingDays(empty, '2026-03-01', '2026-03-31') }, 'api')).toBe('calendar none: 22 weekdays = 22 working days');
  });

  it('a make-up day wins over a holiday entry on the same weekend day; a holiday on a weekend takes nothing away', () => {
    expect(isWorkingDay(cn, '2026-02-14')).toBe(true);
    expect(isWorkingDay(cn, '2026-02-15')).toBe(false);
    expect(isWorkingDay(cn, '2026-02-16')).toBe(false);
    expect(isWorkingDay(cn, '2026-02-24')).toBe(true);
    expect(isWorkingDay(workingCalendar('x', [{ date: '2026-02-14', kind: 'HOLIDAY', name: 'a' }, { date: '2026-02-14', kind: 'WORKDAY', name: 'b' }]), '2026-02-14')).toBe(true);
  });
});

describe('checking a calendar day an admin enters', () => {
  it('accepts a holiday on any day and a make-up day on a weekend', () => {
    expect(checkCalendarDay({ date: '2027-02-08', kind: 'HOLIDAY', name: 'Spring Festival' })).toEqual([]);
    expect(checkCalendarDay({ date: '2027-02-06', kind: 'WORKDAY', name: 'Spring Festival' })).toEqual([]);
  });

  it('refuses a make-up day on a weekday, a date that does not exist, an unknown kind and a missing name, each with its field and reason', () => {
    expect(checkCalendarDay({ date: '2027-02-08', kind: 'WORKDAY', name: 'x' })).toEqual([expect.objectContaining({ field: 'kind', reason: 'MAKEUP_DAY_NOT_ON_WEEKEND' })]);
    expect(checkCalendarDay({ date: '2027-02-30', kind: 'REST', name: ' ' }).map((p) => [p.field, p.reason])).toEqual([
      ['date', 'NOT_A_DATE'],
      ['kind', 'UNKNOWN_KIND'],
      ['name', 'NAME_REQUIRED'],
    ]);
    expect(checkCalendarDay({ date: '2027-02-08', kind: 'HOLIDAY', name: 'x'.repeat(65) })[0]!.reason).toBe('NAME_TOO_LONG');
  });
});

describe("checking a whole year's calendar", () => {
  const day = (date: string, kind = 'HOLIDAY', name = 'x') => ({ date, kind, name });

  it('accepts a year of holidays and weekend make-up days, and no days at all', () => {
    expect(checkCalendarYear(2027, [day('2027-01-01'), day('2027-02-06', 'WORKDAY')])).toEqual([]);
    expect(checkCalendarYear(2027, [])).toEqual([]);
  });

  it('names every wrong entry by its position: each day as entered, a date of another year, a date twice (the later one)', () => {
    const problems = checkCalendarYear(2027, [day('2027-01-01'), day('2027-02-08', 'WORKDAY'), day('2026-12-31'), day('2027-01-01'), day('2027-13-01', 'HOLIDAY', ' ')]);
    expect(problems).toEqual([
      { index: 1, field: 'kind', reason: 'MAKEUP_DAY_NOT_ON_WEEKEND', params: {} },
      { index: 2, field: 'date', reason: 'CALENDAR_DATE_OUTSIDE_YEAR', params: { date: '2026-12-31', year: 2027 } },
      { index: 3, field: 'date', reason: 'CALENDAR_DATE_TWICE', params: { date: '2027-01-01' } },
      { index: 4, field: 'date', reason: 'NOT_A_DATE', params: {} },
      { index: 4, field: 'name', reason: 'NAME_REQUIRED', params: {} },
    ]);
  });

  it('a date of another year is not also counted as a duplicate of a later entry', () => {
    expect(checkCalendarYear(2027, [day('2026-10-01'), day('2026-10-01')]).map((p) => p.reason)).toEqual(['CALENDAR_DATE_OUTSIDE_YEAR', 'CALENDAR_DATE_OUTSIDE_YEAR']);
  });
});
