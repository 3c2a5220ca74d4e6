/**
 * The working-day calendar: Monday to Friday, less public holidays, plus
 * make-up working days (调休, a Saturday or Sunday worked in exchange for a
 * longer holiday). The calendar is data (the server stores it, admins edit
 * it); these are the pure rules that count working days with it, so that
 * base pay pro-rating and day-pay deductions follow the real calendar.
 */
import { addDays, isIsoDay, type IsoDay } from './dates.ts';

export const CALENDAR_DAY_KINDS = ['HOLIDAY', 'WORKDAY'] as const;
/** HOLIDAY: a public holiday (no work); WORKDAY: a make-up working day on a weekend. */
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

export interface CalendarDay {
  date: IsoDay;
  kind: CalendarDayKind;
  /** What the day is, e.g. "Spring Festival". */
  name: string;
}

export interface WorkingCalendar {
  /** The calendar's name, as explanations cite it. */
  name: string;
  holidays: ReadonlySet<IsoDay>;
  workdays: ReadonlySet<IsoDay>;
}

/** The name of the calendar Quotabook keeps (mainland China: statutory holidays and make-up days). */
export const CN_CALENDAR = 'CN';

export function workingCalendar(name: string, days: readonly CalendarDay[]): WorkingCalendar {
  return {
    name,
    holidays: new Set(days.filter((d) => d.kind === 'HOLIDAY').map((d) => d.date)),
    workdays: new Set(days.filter((d) => d.kind === 'WORKDAY').map((d) => d.date)),
  };
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
const weekday = (day: IsoDay) => new Date(`${day}T00:00:00Z`).getUTCDay();
export const isWeekend = (day: IsoDay) => weekday(day) === 0 || weekday(day) === 6;

export function isWorkingDay(calendar: WorkingCalendar, day: IsoDay): boolean {
  if (calendar.workdays.has(day)) return true;
  if (calendar.holidays.has(day)) return false;
  return !isWeekend(day);
}

export interface WorkingDayCount {
  /** Working days between the two days, both included. */
  count: number;
  /** Monday to Friday, before the calendar's holidays and make-up days. */
  weekdays: number;
  /** Public holidays that fell on a weekday (each takes a working day away). */
  holidays: IsoDay[];
  /** Make-up working days on a weekend (each adds one). */
  makeupDays: IsoDay[];
}

/** Counts the working days from start to end (inclusive) under the calendar. */
export function countWorkingDays(calendar: WorkingCalendar, start: IsoDay, end: IsoDay): WorkingDayCount {
  const out: WorkingDayCount = { count: 0, weekdays: 0, holidays: [], makeupDays: [] };
  for (let d = start; d <= end; d = addDays(d, 1)) {
    const weekend = isWeekend(d);
    if (!weekend) out.weekdays++;
    if (!weekend && !calendar.workdays.has(d) && calendar.holidays.has(d)) out.holidays.push(d);
    if (weekend && calendar.workdays.has(d)) out.makeupDays.push(d);
    if (isWorkingDay(calendar, d)) out.count++;
  }
  return out;
}

export interface CalendarDayProblem {
  field: 'date' | 'kind' | 'name';
  reason: 'NOT_A_DATE' | 'MAKEUP_DAY_NOT_ON_WEEKEND' | 'NAME_REQUIRED' | 'NAME_TOO_LONG' | 'UNKNOWN_KIND';
  message: string;
}

/** Checks one calendar day as an admin would enter it; returns every problem. */
export function checkCalendarDay(day: { date: string; kind: string; name: string }): CalendarDayProblem[] {
  const problems: CalendarDayProblem[] = [];
  if (!isIsoDay(day.date)) problems.push({ field: 'date', reason: 'NOT_A_DATE', message: `"${day.date}" is not a calendar date (YYYY-MM-DD)` });
  if (!(CALENDAR_DAY_KINDS as readonly string[]).includes(day.kind)) problems.push({ field: 'kind', reason: 'UNKNOWN_KIND', message: `"${day.kind}" is not HOLIDAY or WORKDAY` });
  else if (day.kind === 'WORKDAY' && isIsoDay(day.date) && !isWeekend(day.date)) {
    problems.push({ field: 'kind', reason: 'MAKEUP_DAY_NOT_ON_WEEKEND', message: `${day.date} is a weekday, already a working day: a make-up working day falls on a Saturday or Sunday` });
  }
  const name = day.name.trim();
  if (!name) problems.push({ field: 'name', reason: 'NAME_REQUIRED', message: 'Say what the day is, e.g. Spring Festival' });
  else if (name.length > 64) problems.push({ field: 'name', reason: 'NAME_TOO_LONG', message: 'The name is longer than 64 characters' });
  return problems;
}

/** A problem with one entry of a year's calendar: which entry, which field, and a reason the catalogue renders. */
export interface CalendarYearProblem {
  /** The entry's position in the list given (0-based). */
  index: number;
  field: CalendarDayProblem['field'];
  reason: CalendarDayProblem['reason'] | 'CALENDAR_DATE_OUTSIDE_YEAR' | 'CALENDAR_DATE_TWICE';
  params: Record<string, string | number>;
}

/**
 * Checks a whole year's calendar as an admin hands it in (the State Council's
 * arrangement, one entry per public holiday or make-up working day): each
 * entry as `checkCalendarDay` does, every date within the year, and no date
 * twice (the later entry is the one named). Returns every problem.
 */
export function checkCalendarYear(year: number, days: readonly { date: string; kind: string; name: string }[]): CalendarYearProblem[] {
  const problems: CalendarYearProblem[] = [];
  const seen = new Set<string>();
  days.forEach((day, index) => {
    for (const p of checkCalendarDay(day)) problems.push({ index, field: p.field, reason: p.reason, params: {} });
    if (!isIsoDay(day.date)) return;
    if (Number(day.date.slice(0, 4)) !== year) problems.push({ index, field: 'date', reason: 'CALENDAR_DATE_OUTSIDE_YEAR', params: { date: day.date, year } });
    else if (seen.has(day.date)) problems.push({ index, field: 'date', reason: 'CALENDAR_DATE_TWICE', params: { date: day.date } });
    seen.add(day.date);
  });
  return problems.sort((a, b) => a.index - b.index);
}
