/**
 * Reading results back: the grains actuals are summed by, the periods
 * (buckets) a range splits into at a grain, and the four parts of a month
 * the stored monthly sums keep (so that every grain above a day is a sum of
 * whole parts). Keys are schema/periods.ts keys: "2026-03-12", "2026-03-D2",
 * "2026-03-H1", "2026-03", "2026-Q1", "2026"; year to date is one bucket,
 * "2026-YTD", from the fiscal year's first day. Pure.
 */
import { addDays, type IsoDay } from './dates.ts';
import { period, PeriodKeyError, type FiscalCalendar, type Period } from './periods.ts';

export const GRAINS = ['DAY', 'TEN_DAYS', 'HALF_MONTH', 'MONTH', 'QUARTER', 'YEAR', 'YEAR_TO_DATE'] as const;
export type Grain = (typeof GRAINS)[number];

/** How coarse each grain and period level is: a grain may not be coarser than the period it splits. */
const COARSENESS: Record<Grain | Period['level'], number> = { DAY: 0, day: 0, TEN_DAYS: 1, tenday: 1, HALF_MONTH: 1, halfmonth: 1, week: 1, MONTH: 2, month: 2, QUARTER: 3, quarter: 3, YEAR: 4, year: 4, YEAR_TO_DATE: 0 };

export interface Bucket {
  key: string;
  start: IsoDay;
  end: IsoDay;
}

/** Why a range cannot be read at a grain: a code for the server's registered reasons. */
export class ResultsRangeError extends Error {
  constructor(
    readonly code: 'NOT_A_PERIOD' | 'GRAIN_TOO_COARSE' | 'TOO_MANY_PERIODS',
    readonly params: Record<string, string | number>,
  ) {
    super(`${code} ${JSON.stringify(params)}`);
  }
}

/** The fiscal quarter and year keys of a day. */
function fiscalKeys(day: IsoDay, calendar: FiscalCalendar): { quarter: string; year: string } {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const fy = m >= calendar.firstMonth ? y : y - 1;
  const offset = (m - calendar.firstMonth + 12) % 12;
  return { quarter: `${fy}-Q${Math.floor(offset / 3) + 1}`, year: String(fy) };
}

/** The part of its month a day falls in: 1 (days 1-10), 2 (11-15), 3 (16-20), 4 (21-end). */
export function monthPart(day: IsoDay): 1 | 2 | 3 | 4 {
  const d = Number(day.slice(8, 10));
  return d <= 10 ? 1 : d <= 15 ? 2 : d <= 20 ? 3 : 4;
}

/** The first and last day of a part of a month ("2026-02", 4 → 2026-02-21 … 2026-02-28). */
export function partDays(month: string, part: 1 | 2 | 3 | 4): { start: IsoDay; end: IsoDay } {
  const last = addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);
  const bounds = [
    ['01', '10'],
    ['11', '15'],
    ['16', '20'],
    ['21', last.slice(8)],
  ][part - 1]!;
  return { start: `${month}-${bounds[0]}`, end: `${month}-${bounds[1]}` };
}

/** The key of the bucket a day falls in at a grain (year to date: "2026-YTD" of the fiscal year). */
export function bucketKey(day: IsoDay, grain: Grain, calendar: FiscalCalendar): string {
  switch (grain) {
    case 'DAY':
      return day;
    case 'TEN_DAYS': {
      const d = Number(day.slice(8, 10));
      return `${day.slice(0, 7)}-D${d <= 10 ? 1 : d <= 20 ? 2 : 3}`;
    }
    case 'HALF_MONTH':
      return `${day.slice(0, 7)}-H${Number(day.slice(8, 10)) <= 15 ? 1 : 2}`;
    case 'MONTH':
      return day.slice(0, 7);
    case 'QUARTER':
      return fiscalKeys(day, calendar).quarter;
    case 'YEAR':
      return fiscalKeys(day, calendar).year;
    case 'YEAR_TO_DATE':
      return `${fiscalKeys(day, calendar).year}-YTD`;
  }
}

/** At most this many buckets in one read (a year of days, and a little more). */
export const MAX_BUCKETS = 400;

/**
 * The range a read covers and its buckets in date order. A period key gives
 * the range; year to date runs from the first day of the period's fiscal
 * year to the period's end, or to `asOf` when that comes first. A grain may
 * not be coarser than the period (a quarter's figures for one month would
 * be a month's).
 */
export function readRange(periodKey: string, grain: Grain, calendar: FiscalCalendar, asOf: IsoDay): { range: Bucket; buckets: Bucket[] } {
  let p: Period;
  try {
    p = period(periodKey, calendar);
  } catch (e) {
    if (e instanceof PeriodKeyError) throw new ResultsRangeError('NOT_A_PERIOD', { value: periodKey });
    throw e;
  }
  if (grain === 'YEAR_TO_DATE') {
    const start = period(fiscalKeys(p.start, calendar).year, calendar).start;
    const end = asOf < p.end ? asOf : p.end;
    if (end < start) return { range: { key: p.key, start, end: addDays(start, -1) }, buckets: [] };
    const range = { key: `${fiscalKeys(p.start, calendar).year}-YTD`, start, end };
    return { range, buckets: [range] };
  }
  if (COARSENESS[grain] > COARSENESS[p.level]) {
    throw new ResultsRangeError('GRAIN_TOO_COARSE', { grain, period: p.key });
  }
  const buckets: Bucket[] = [];
  for (let d = p.start; d <= p.end; d = addDays(d, 1)) {
    const key = bucketKey(d, grain, calendar);
    const last = buckets.at(-1);
    if (last?.key === key) last.end = d;
    else {
      if (buckets.length === MAX_BUCKETS) throw new ResultsRangeError('TOO_MANY_PERIODS', { max: MAX_BUCKETS });
      buckets.push({ key, start: d, end: d });
    }
  }
  return { range: { key: p.key, start: p.start, end: p.end }, buckets };
}

/**
 * How a range reads from stored monthly parts: the parts wholly inside it,
 * and the days at its edges (in parts it covers only in part) read from the
 * sales themselves. Each edge lies within one part, so within one bucket of
 * any grain but a day.
 */
export function rangeParts(range: { start: IsoDay; end: IsoDay }): { parts: { month: string; part: 1 | 2 | 3 | 4 }[]; edges: { start: IsoDay; end: IsoDay }[] } {
  const parts: { month: string; part: 1 | 2 | 3 | 4 }[] = [];
  const edges: { start: IsoDay; end: IsoDay }[] = [];
  for (let d = range.start; d <= range.end; ) {
    const month = d.slice(0, 7);
    const part = monthPart(d);
    const days = partDays(month, part);
    const end = days.end < range.end ? days.end : range.end;
    if (d === days.start && end === days.end) parts.push({ month, part });
    else edges.push({ start: d, end });
    d = addDays(end, 1);
  }
  return { parts, edges };
}
