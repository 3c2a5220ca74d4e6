/** The working calendar's operations (a year, read by anyone; a whole year handed in, by admins) and the shape they answer with. */
import type { CalendarDayKind } from '../../../schema/working-calendar.ts';

const YEAR_FIELDS = 'calendar year fingerprint days { date kind name source } months { month workingDays }';
export const WORKING_CALENDAR = `query WorkingCalendar($year: Int!) { workingCalendar(year: $year) { ${YEAR_FIELDS} } }`;
export const REPLACE_WORKING_CALENDAR = `mutation ReplaceWorkingCalendarYear($year: Int!, $fingerprint: String!, $days: [WorkingCalendarDayInput!]!) {
  replaceWorkingCalendarYear(year: $year, fingerprint: $fingerprint, days: $days) { ${YEAR_FIELDS} }
}`;

export interface CalendarDayView {
  date: string;
  kind: CalendarDayKind;
  name: string;
  source: string;
}

export interface CalendarYearView {
  calendar: string;
  year: number;
  fingerprint: string;
  days: CalendarDayView[];
  months: { month: string; workingDays: number }[];
}
