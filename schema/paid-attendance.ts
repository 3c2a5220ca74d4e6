/**
 * How payroll reads a month of attendance (domain §6, §7; issue 11 §4), as
 * the pure rules that payroll (server/payroll/inputs.ts) and the monthly
 * attendance summary (server/payroll/leave.ts) share, so that the two never
 * disagree:
 *
 * - a person counts the days of the month they were employed (hire and
 *   leave dates, both included);
 * - only working days count (the working calendar: weekends and public
 *   holidays are not, make-up days are); a record on a rest day is ignored;
 * - a working day with no record counts as present;
 * - a FIELD_VISIT working day that no approved (or checked) visit slip
 *   covers is paid as the plan says (an absence by default).
 *
 * No I/O, no language.
 */
import { addDays, dateToDay, type IsoDay } from './dates.ts';
import { isWorkingDay, type WorkingCalendar } from './working-calendar.ts';
import { unslippedDays } from './visit-slips.ts';

/** Days from `from` to `to`, both included. */
export interface DaySpan {
  from: IsoDay;
  to: IsoDay;
}

/** The days of a month (start to end) a person was employed, from their hire and leave dates; null when none. */
export function employedSpan(monthStart: IsoDay, monthEnd: IsoDay, hireDay: IsoDay, leaveDay: IsoDay | null): DaySpan | null {
  const from = hireDay > monthStart ? hireDay : monthStart;
  const to = leaveDay && leaveDay < monthEnd ? leaveDay : monthEnd;
  return from <= to ? { from, to } : null;
}

/**
 * The part of `span` a person spent in the stays given (assignments: from
 * `validFrom`, up to but not including `validTo`; none open-ended), as
 * spans in order, overlaps merged.
 */
export function spansWithin(span: DaySpan, stays: readonly { validFrom: Date; validTo: Date | null }[]): DaySpan[] {
  const cut = stays
    .map((s) => {
      const first = dateToDay(s.validFrom);
      const last = s.validTo ? addDays(dateToDay(s.validTo), -1) : span.to;
      return { from: first > span.from ? first : span.from, to: last < span.to ? last : span.to };
    })
    .filter((s) => s.from <= s.to)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const out: DaySpan[] = [];
  for (const s of cut) {
    const last = out.at(-1);
    if (last && s.from <= addDays(last.to, 1)) last.to = s.to > last.to ? s.to : last.to;
    else out.push({ ...s });
  }
  return out;
}

/** Attendance records split by the working calendar: those payroll counts (working days) and those it ignores (rest days). */
export function byWorkingDay<T extends { date: Date }>(calendar: WorkingCalendar, records: readonly T[]): { working: T[]; restDay: T[] } {
  const working: T[] = [];
  const restDay: T[] = [];
  for (const r of records) (isWorkingDay(calendar, dateToDay(r.date)) ? working : restDay).push(r);
  return { working, restDay };
}

export interface FieldVisitDay {
  personId: string;
  day: IsoDay;
}

/**
 * The FIELD_VISIT days among working-day records, split by whether an
 * approved (or checked) slip covers them; each list by person, then day.
 */
export function fieldVisitDays(
  working: readonly { personId: string; date: Date; status: string }[],
  slips: Parameters<typeof unslippedDays>[1],
): { slipped: FieldVisitDay[]; unslipped: FieldVisitDay[] } {
  const visits = working.filter((a) => a.status === 'FIELD_VISIT').map((a) => ({ personId: a.personId, day: dateToDay(a.date) }));
  const unslipped = unslippedDays(visits, slips);
  const uncovered = new Set(unslipped.map((f) => `${f.personId}|${f.day}`));
  const slipped = visits
    .filter((f) => !uncovered.has(`${f.personId}|${f.day}`))
    .sort((a, b) => (a.personId === b.personId ? (a.day < b.day ? -1 : 1) : a.personId < b.personId ? -1 : 1));
  return { slipped, unslipped };
}

/** A person's month as payroll sees it, beside the days by status. */
export interface PaidAttendance {
  /** Working days in the spans counted (employed, and where a reader sees only part of the month, that part). */
  workingDays: number;
  /** Of those, the days with no record: payroll counts them as present. */
  unrecordedWorkingDays: number;
  /** FIELD_VISIT working days that no approved slip covers: an absence in payroll by default. */
  fieldVisitWithoutSlip: number;
  /** Records on days that are not working days: payroll ignores them. */
  restDayRecords: number;
}

/**
 * Each person's month as payroll sees it: `records` are the records counted
 * (one a person a day), `spans` the days counted of each person, `slips`
 * any slips of theirs around the month. A person without spans counts no
 * working day.
 */
export function paidAttendance(
  calendar: WorkingCalendar,
  records: readonly { personId: string; date: Date; status: string }[],
  spans: ReadonlyMap<string, readonly DaySpan[]>,
  slips: Parameters<typeof unslippedDays>[1],
): Map<string, PaidAttendance> {
  const out = new Map<string, PaidAttendance>();
  const of = (personId: string) => {
    let a = out.get(personId);
    if (!a) out.set(personId, (a = { workingDays: 0, unrecordedWorkingDays: 0, fieldVisitWithoutSlip: 0, restDayRecords: 0 }));
    return a;
  };
  // Most people count the same days (the whole month): each list of spans is walked once.
  const walked = new Map<string, Set<IsoDay>>();
  const workingDaysOf = new Map<string, Set<IsoDay>>();
  for (const [personId, list] of spans) {
    const key = list.map((s) => `${s.from}|${s.to}`).join(',');
    let days = walked.get(key);
    if (!days) {
      walked.set(key, (days = new Set<IsoDay>()));
      for (const s of list) for (let d = s.from; d <= s.to; d = addDays(d, 1)) if (isWorkingDay(calendar, d)) days.add(d);
    }
    workingDaysOf.set(personId, days);
    of(personId).workingDays = days.size;
    of(personId).unrecordedWorkingDays = days.size;
  }
  const { working, restDay } = byWorkingDay(calendar, records);
  for (const r of restDay) of(r.personId).restDayRecords++;
  for (const r of working) if (workingDaysOf.get(r.personId)?.has(dateToDay(r.date))) of(r.personId).unrecordedWorkingDays--;
  for (const f of fieldVisitDays(working, slips).unslipped) of(f.personId).fieldVisitWithoutSlip++;
  return out;
}
