/**
 * Periods and their stable keys:
 *   fiscal year "2026", fiscal quarter "2026-Q1", month "2026-03",
 *   week "2026-W11" (ISO weeks, Monday start), week of a month "2026-03-W2"
 *   (Monday start, cut to the month: W1 runs from the 1st to the first
 *   Sunday), ten-day block "2026-03-D2" (上旬 1-10, 中旬 11-20, 下旬 21-end),
 *   half month "2026-03-H1" (上半月 1-15, 下半月 16-end), day "2026-03-12".
 * A fiscal year may start in any month (firstMonth); it is named after the
 * calendar year it starts in. Pure; no time zone involved.
 */
import { addDays, dateToDay, dayToDate, FIRST_YEAR, isIsoDay, type IsoDay } from './dates.ts';

export type PeriodLevel = 'year' | 'quarter' | 'month' | 'week' | 'tenday' | 'halfmonth' | 'day';

export interface Period {
  key: string;
  level: PeriodLevel;
  /** First day, inclusive. */
  start: IsoDay;
  /** Last day, inclusive. */
  end: IsoDay;
}

export interface FiscalCalendar {
  /** 1 = January (calendar years), 4 = April, … */
  firstMonth: number;
}

export const CALENDAR_YEAR: FiscalCalendar = { firstMonth: 1 };

/** Why a period key or breakdown was refused: a code and what it is about, no words (the reader's side renders them). */
export type PeriodProblem = 'NOT_A_PERIOD_KEY' | 'NO_SUCH_MONTH' | 'NO_SUCH_WEEK' | 'NO_SUCH_MONTH_WEEK' | 'CANNOT_SPLIT' | 'NOT_A_BREAKDOWN';

export class PeriodKeyError extends Error {
  constructor(
    readonly problem: PeriodProblem,
    readonly params: Readonly<Record<string, string | number>>,
  ) {
    super(`${problem} ${JSON.stringify(params)}`);
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Monday of ISO week 1 of an ISO week-year. */
function isoWeekOneMonday(isoYear: number): Date {
  const jan4 = new Date(Date.UTC(isoYear, 0, 4));
  const dow = (jan4.getUTCDay() + 6) % 7; // Monday = 0
  return new Date(Date.UTC(isoYear, 0, 4 - dow));
}

/** The ISO week key of a day, e.g. "2026-W11". */
export function isoWeekKey(day: IsoDay): string {
  const d = dayToDate(day);
  const thursday = new Date(d);
  thursday.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7));
  const isoYear = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - isoWeekOneMonday(isoYear).getTime()) / (7 * 86_400_000));
  return `${isoYear}-W${pad(week)}`;
}

export function daysBetween(start: IsoDay, end: IsoDay): number {
  return Math.round((dayToDate(end).getTime() - dayToDate(start).getTime()) / 86_400_000) + 1;
}

/** Parses and checks a period key; throws PeriodKeyError naming what is wrong. */
export function period(key: string, calendar: FiscalCalendar = CALENDAR_YEAR): Period {
  let m: RegExpExecArray | null;
  if (/^\d{4}/.test(key) && Number(key.slice(0, 4)) < FIRST_YEAR) throw new PeriodKeyError('NOT_A_PERIOD_KEY', { key });
  if ((m = /^(\d{4})$/.exec(key))) {
    const y = Number(m[1]);
    const start = `${y}-${pad(calendar.firstMonth)}-01`;
    return { key, level: 'year', start, end: addDays(dateToDay(new Date(Date.UTC(y + 1, calendar.firstMonth - 1, 1))), -1) };
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    const first = new Date(Date.UTC(y, calendar.firstMonth - 1 + (q - 1) * 3, 1));
    const next = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 3, 1));
    return { key, level: 'quarter', start: dateToDay(first), end: addDays(dateToDay(next), -1) };
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(key))) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) throw new PeriodKeyError('NO_SUCH_MONTH', { key, month: mo });
    return { key, level: 'month', start: `${key}-01`, end: `${key}-${pad(lastDayOfMonth(y, mo))}` };
  }
  if ((m = /^(\d{4})-W(\d{2})$/.exec(key))) {
    const y = Number(m[1]);
    const w = Number(m[2]);
    const monday = isoWeekOneMonday(y);
    monday.setUTCDate(monday.getUTCDate() + (w - 1) * 7);
    const start = dateToDay(monday);
    if (w < 1 || isoWeekKey(start) !== key) throw new PeriodKeyError('NO_SUCH_WEEK', { key, year: y, week: w });
    return { key, level: 'week', start, end: addDays(start, 6) };
  }
  if ((m = /^(\d{4})-(\d{2})-W([1-6])$/.exec(key))) {
    const month = period(`${m[1]}-${m[2]}`, calendar);
    const week = monthWeeks(month).find((p) => p.key === key);
    if (!week) throw new PeriodKeyError('NO_SUCH_MONTH_WEEK', { key, month: month.key, week: Number(m[3]) });
    return week;
  }
  if ((m = /^(\d{4})-(\d{2})-D([1-3])$/.exec(key))) {
    const month = period(`${m[1]}-${m[2]}`, calendar);
    const b = Number(m[3]);
    const start = `${m[1]}-${m[2]}-${pad((b - 1) * 10 + 1)}`;
    return { key, level: 'tenday', start, end: b === 3 ? month.end : `${m[1]}-${m[2]}-${pad(b * 10)}` };
  }
  if ((m = /^(\d{4})-(\d{2})-H([12])$/.exec(key))) {
    const month = period(`${m[1]}-${m[2]}`, calendar);
    return m[3] === '1' ? { key, level: 'halfmonth', start: month.start, end: `${month.key}-15` } : { key, level: 'halfmonth', start: `${month.key}-16`, end: month.end };
  }
  if (isIsoDay(key)) return { key, level: 'day', start: key, end: key };
  throw new PeriodKeyError('NOT_A_PERIOD_KEY', { key });
}

/** A period cut to the days it shares with another (weeks that straddle a month). */
export interface PeriodSlice extends Period {
  /** Days of the slice (a week cut to a month may have fewer than 7). */
  days: number;
}

const slice = (p: Period, within: Period): PeriodSlice => {
  const start = p.start > within.start ? p.start : within.start;
  const end = p.end < within.end ? p.end : within.end;
  return { ...p, start, end, days: daysBetween(start, end) };
};

/**
 * The periods one level down, in order, cut to the parent: year → quarters →
 * months → weeks, ten-day blocks or days. Weeks straddling a month boundary
 * appear in both months with the days they have there.
 */
export function childPeriods(parentKey: string, level: PeriodLevel, calendar: FiscalCalendar = CALENDAR_YEAR): PeriodSlice[] {
  const parent = period(parentKey, calendar);
  const out: PeriodSlice[] = [];
  if (level === 'quarter') {
    if (parent.level !== 'year') throw new PeriodKeyError('CANNOT_SPLIT', { key: parentKey, level });
    for (let q = 1; q <= 4; q++) out.push(slice(period(`${parentKey}-Q${q}`, calendar), parent));
    return out;
  }
  if (level === 'month') {
    if (parent.level !== 'year' && parent.level !== 'quarter') throw new PeriodKeyError('CANNOT_SPLIT', { key: parentKey, level });
    for (let d = parent.start; d <= parent.end; ) {
      const p = period(d.slice(0, 7), calendar);
      out.push(slice(p, parent));
      d = addDays(p.end, 1);
    }
    return out;
  }
  if (parent.level === 'day' || parent.level === 'week' || parent.level === 'tenday' || parent.level === 'halfmonth') {
    if (level !== 'day') throw new PeriodKeyError('CANNOT_SPLIT', { key: parentKey, level });
  }
  for (let d = parent.start; d <= parent.end; ) {
    const key =
      level === 'week' ? isoWeekKey(d)
      : level === 'tenday' ? `${d.slice(0, 7)}-D${Math.min(3, Math.floor((Number(d.slice(8)) - 1) / 10) + 1)}`
      : level === 'halfmonth' ? `${d.slice(0, 7)}-H${Number(d.slice(8)) <= 15 ? 1 : 2}`
      : level === 'day' ? d
      : null;
    if (!key) throw new PeriodKeyError('CANNOT_SPLIT', { key: parentKey, level });
    const s = slice(period(key, calendar), parent);
    out.push(s);
    d = addDays(s.end, 1);
  }
  return out;
}

/** A run of days as a period (one day, a leave, a slip's days), e.g. to find the locked periods it touches. */
export function daySpan(start: IsoDay, end: IsoDay = start): Period {
  return { key: start === end ? start : `${start}..${end}`, level: 'day', start, end };
}

/** Days of [start, end] that fall inside a period; 0 when they do not meet. */
export function overlapDays(p: Period, start: IsoDay, end: IsoDay | null): number {
  const s = start > p.start ? start : p.start;
  const e = end && end < p.end ? end : p.end;
  return s > e ? 0 : daysBetween(s, e);
}

/** The weeks of a month, Monday start, cut to the month: "2026-03-W1" … (4 to 6 of them). */
export function monthWeeks(month: Period): Period[] {
  const out: Period[] = [];
  for (let start = month.start, n = 1; start <= month.end; n++) {
    const dow = (dayToDate(start).getUTCDay() + 6) % 7; // Monday = 0
    const sunday = addDays(start, 6 - dow);
    const end = sunday < month.end ? sunday : month.end;
    out.push({ key: `${month.key}-W${n}`, level: 'week', start, end });
    start = addDays(end, 1);
  }
  return out;
}

/**
 * The period levels a plan breaks its year into, coarse to fine: one level
 * ("month"), or a chain such as "quarter,month,week" where every level sums
 * exactly to the one above. Weeks and ten-day blocks in a chain sit inside
 * months, so a chain that has them has months too.
 */
export const PERIOD_CHAINS = ['quarter', 'month', 'week', 'tenday', 'quarter,month', 'month,week', 'month,tenday', 'quarter,month,week', 'quarter,month,tenday'] as const;
export type PeriodChain = (typeof PERIOD_CHAINS)[number];

export function periodChain(text: string): PeriodLevel[] {
  if (!(PERIOD_CHAINS as readonly string[]).includes(text)) throw new PeriodKeyError('NOT_A_BREAKDOWN', { value: text });
  return text.split(',') as PeriodLevel[];
}

/** A plan's column: a period, its level in the chain, and the period of the level above it (null under the year). */
export interface PlanPeriod extends PeriodSlice {
  parent: string | null;
}

/**
 * In a list of plan columns: for each period of a level above, the columns
 * of the periods within it, in order. Keys are column indexes; the levels
 * come coarse to fine, so the finer a parent the larger its index.
 */
export function columnsWithin(periods: readonly { key: string; parent?: string | null }[]): Map<number, number[]> {
  const columnOf = new Map(periods.map((p, c) => [p.key, c]));
  const within = new Map<number, number[]>();
  periods.forEach((p, c) => {
    const parent = p.parent ? columnOf.get(p.parent) : undefined;
    if (parent !== undefined) within.set(parent, [...(within.get(parent) ?? []), c]);
  });
  return within;
}

/**
 * Every period of a plan's chain, grouped by level from the coarsest, each in
 * date order: e.g. four quarters, then twelve months, then the weeks of each
 * month. A single level is the year's own periods at that level (ISO weeks
 * cut to the year, as before chains); below a month, weeks are the month's own
 * ("2026-03-W2") so that they nest.
 */
export function planPeriods(year: string, chain: readonly PeriodLevel[], calendar: FiscalCalendar = CALENDAR_YEAR): PlanPeriod[] {
  if (chain.length === 1) return childPeriods(year, chain[0]!, calendar).map((p) => ({ ...p, parent: null }));
  const out: PlanPeriod[] = [];
  let above: PlanPeriod[] = [{ ...period(year, calendar), days: 0, parent: null }];
  chain.forEach((level, depth) => {
    const next: PlanPeriod[] = [];
    for (const p of above) {
      const parent = depth === 0 ? null : p.key;
      const children = level === 'week' && p.level === 'month' ? monthWeeks(p).map((w) => ({ ...w, days: daysBetween(w.start, w.end) })) : childPeriods(p.key, level, calendar);
      for (const c of children) next.push({ ...c, parent });
    }
    out.push(...next);
    above = next;
  });
  return out;
}

/** Whether a period (a month, ten-day block, quarter, year…) still has days to come on `day`: its last day is that day or later. */
export function notOver(key: string, day: string, calendar: FiscalCalendar = CALENDAR_YEAR): boolean {
  try {
    return period(key, calendar).end >= day;
  } catch {
    return false;
  }
}
