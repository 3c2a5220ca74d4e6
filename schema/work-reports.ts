/**
 * Work logs and reports (issue 11 §3; domain §4): a rep's daily work log
 * (工作日志: calls made, visits, customers met, deals, notes on the day's
 * main work), the weekly report (周报: last week's results against the plan,
 * this week's plan, market feedback, problems) and the monthly report (月报:
 * results, analysis, next month's plan). Pure rules shared by the task pane
 * and the server: when each is due, whether it came in on time, the checks
 * on its fields, and the manager's weekly spot-check sample of logs. No
 * I/O, no language: problems carry codes (schema/reasons.ts) and params.
 *
 * Days are the organisation's (China Standard Time, schema/dates.ts today).
 *
 * A weekly report is keyed by the Monday of the week it plans; it reports
 * the week before (Monday to Sunday) and is due by the end of that Monday.
 * A monthly report is handed in with the next month's plan: it is due on
 * the rep-plan due day (schema/rep-plan.ts dueDate, the 28th by default) of
 * the month it reports, the day the next month's plan is due.
 */
import { addDays, isIsoDay, type IsoDay } from './dates.ts';
import { dueDate, timeliness, type Timeliness } from './rep-plan.ts';
import type { WorkReportReason } from './reasons.ts';
import { mulberry32 } from './random.ts';

export { mulberry32 };

export { timeliness, type Timeliness };

export const WORK_REPORT_LIMITS = {
  /** The most calls, visits or deals one day's log may count. */
  maxDailyCount: 500,
  customersMax: 1000,
  notesMax: 2000,
  /** Each text of a weekly or monthly report. */
  textMax: 4000,
  commentMax: 1000,
  /** The most logs a manager's weekly spot check may sample. */
  maxSampleSize: 50,
} as const;

/** How many logs a manager's weekly spot check samples unless an admin sets otherwise. */
export const DEFAULT_SAMPLE_SIZE = 5;

export interface WorkReportProblem {
  code: WorkReportReason;
  field: string;
  params: Record<string, string | number>;
}

// ── days, weeks, months ─────────────────────────────────────────────────

/** Day of the week, 0 = Sunday … 6 = Saturday. */
const weekday = (day: IsoDay) => new Date(`${day}T00:00:00Z`).getUTCDay();

/** The Monday of the week (Monday to Sunday) a day is in. */
export const mondayOf = (day: IsoDay): IsoDay => addDays(day, -((weekday(day) + 6) % 7));

export const isMonday = (day: IsoDay) => isIsoDay(day) && weekday(day) === 1;

/** The week a weekly report keyed by `monday` reports on: the Monday to Sunday before it. */
export const reportedWeek = (monday: IsoDay): { start: IsoDay; end: IsoDay } => ({ start: addDays(monday, -7), end: addDays(monday, -1) });

/**
 * Whether someone owes a report due on a day: they are employed on it (the
 * leave date being their last day). Who handed in what and the reports-on-time
 * KPI count reports alike by it, and only such a person is on the roster to file one.
 */
export const owesReportDueOn = (due: IsoDay, hired: IsoDay, left: IsoDay | null): boolean => hired <= due && (!left || left >= due);

/** A weekly report is due by the end of the Monday of the week it plans. */
export const weeklyReportDue = (monday: IsoDay): IsoDay => monday;

const nextMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** A month's last day. */
export const lastDayOfMonth = (month: string): IsoDay => addDays(`${nextMonth(month)}-01`, -1);

/** A monthly report is due with the next month's plan: the plan due day (`dueDay`, 28 by default) of the month it reports. */
export const monthlyReportDue = (month: string, dueDay?: number): IsoDay => dueDate(nextMonth(month), dueDay);

/** A monthly report's due day: the one fixed when it was first saved, else (never saved, or saved before it was kept) by the due day now in force. */
export const monthlyReportDueOn = (month: string, stored: IsoDay | null | undefined, dueDay?: number): IsoDay => stored ?? monthlyReportDue(month, dueDay);

export const isMonth = (text: string) => {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  return !!m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[1]) >= 2000 && Number(m[1]) <= 2100;
};

/** The problem with a log's day, if any: not a day, or later than today (a log records a day that has happened). */
export function logDayProblem(day: string, today: IsoDay): WorkReportProblem | null {
  if (!isIsoDay(day)) return { code: 'WORK_REPORT_NOT_A_DAY', field: 'day', params: { value: day } };
  if (day > today) return { code: 'WORK_LOG_FUTURE_DAY', field: 'day', params: { date: day, today } };
  return null;
}

/** The problem with a weekly report's week, if any: its key must be a Monday, and the week no later than next week (planned at the latest the week before). */
export function reportWeekProblem(monday: string, today: IsoDay): WorkReportProblem | null {
  if (!isMonday(monday)) return { code: 'WORK_REPORT_NOT_A_MONDAY', field: 'week', params: { value: monday } };
  if (monday > addDays(mondayOf(today), 7)) return { code: 'WORK_REPORT_FUTURE_PERIOD', field: 'week', params: { period: monday } };
  return null;
}

/** The problem with a monthly report's month, if any: a month, and not later than the current one. */
export function reportMonthProblem(month: string, today: IsoDay): WorkReportProblem | null {
  if (!isMonth(month)) return { code: 'WORK_REPORT_NOT_A_MONTH', field: 'month', params: { value: month } };
  if (month > today.slice(0, 7)) return { code: 'WORK_REPORT_FUTURE_PERIOD', field: 'month', params: { period: month } };
  return null;
}

// ── field checks ────────────────────────────────────────────────────────

export interface WorkLogFields {
  calls: number;
  visits: number;
  deals: number;
  /** Customers met: names or customer codes, free text. */
  customersMet: string;
  /** The day's main work (当日开展的主要工作). */
  notes: string;
}

export interface WeeklyReportFields {
  /** Last week's results, in words (the figures against the plan are computed). */
  results: string;
  /** This week's plan. */
  plan: string;
  marketFeedback: string;
  problems: string;
}

export interface MonthlyReportFields {
  results: string;
  analysis: string;
  /** Next month's plan. */
  plan: string;
}

function count(out: WorkReportProblem[], field: string, n: number): void {
  if (!Number.isInteger(n)) out.push({ code: 'WORK_REPORT_NOT_WHOLE', field, params: { value: String(n) } });
  else if (n < 0) out.push({ code: 'WORK_REPORT_NEGATIVE', field, params: { value: n } });
  else if (n > WORK_REPORT_LIMITS.maxDailyCount) out.push({ code: 'WORK_REPORT_TOO_LARGE', field, params: { value: n, max: WORK_REPORT_LIMITS.maxDailyCount } });
}

function text(out: WorkReportProblem[], field: string, value: string, max: number, required: boolean): void {
  const v = value.trim();
  if (!v && required) out.push({ code: 'WORK_REPORT_REQUIRED', field, params: {} });
  else if (v.length > max) out.push({ code: 'WORK_REPORT_TOO_LONG', field, params: { max } });
}

/**
 * Every problem with a day's log, in field order. Counts are whole numbers
 * from 0 to the daily maximum; texts within their lengths; the day's main
 * work (notes) is required to submit, not to save a draft.
 */
export function checkWorkLog(log: WorkLogFields, submit: boolean): WorkReportProblem[] {
  const out: WorkReportProblem[] = [];
  count(out, 'calls', log.calls);
  count(out, 'visits', log.visits);
  count(out, 'deals', log.deals);
  text(out, 'customersMet', log.customersMet, WORK_REPORT_LIMITS.customersMax, false);
  text(out, 'notes', log.notes, WORK_REPORT_LIMITS.notesMax, submit);
  return out;
}

/** Every problem with a weekly report: last week's results and this week's plan are required to submit; every text within its length. */
export function checkWeeklyReport(r: WeeklyReportFields, submit: boolean): WorkReportProblem[] {
  const out: WorkReportProblem[] = [];
  text(out, 'results', r.results, WORK_REPORT_LIMITS.textMax, submit);
  text(out, 'plan', r.plan, WORK_REPORT_LIMITS.textMax, submit);
  text(out, 'marketFeedback', r.marketFeedback, WORK_REPORT_LIMITS.textMax, false);
  text(out, 'problems', r.problems, WORK_REPORT_LIMITS.textMax, false);
  return out;
}

/** Every problem with a monthly report: results, analysis and next month's plan are all required to submit. */
export function checkMonthlyReport(r: MonthlyReportFields, submit: boolean): WorkReportProblem[] {
  const out: WorkReportProblem[] = [];
  text(out, 'results', r.results, WORK_REPORT_LIMITS.textMax, submit);
  text(out, 'analysis', r.analysis, WORK_REPORT_LIMITS.textMax, submit);
  text(out, 'plan', r.plan, WORK_REPORT_LIMITS.textMax, submit);
  return out;
}

/** The problem with a manager's comment, if any: required, within its length. */
export function commentProblem(comment: string): WorkReportProblem | null {
  const v = comment.trim();
  if (!v) return { code: 'WORK_REPORT_REQUIRED', field: 'comment', params: {} };
  if (v.length > WORK_REPORT_LIMITS.commentMax) return { code: 'WORK_REPORT_TOO_LONG', field: 'comment', params: { max: WORK_REPORT_LIMITS.commentMax } };
  return null;
}

/** The problem with a spot-check sample size, if any: a whole number from 1 to the maximum. */
export function sampleSizeProblem(n: number): WorkReportProblem | null {
  if (!Number.isInteger(n) || n < 1 || n > WORK_REPORT_LIMITS.maxSampleSize) return { code: 'WORK_REPORT_SAMPLE_SIZE_INVALID', field: 'size', params: { value: String(n), max: WORK_REPORT_LIMITS.maxSampleSize } };
  return null;
}

// ── lateness of a log ───────────────────────────────────────────────────

/**
 * A day's log is due by the end of the next day (the source documents: logs
 * filled in day by day, read by the manager the next morning): on time when
 * submitted by then, late after; not submitted: due until then, missing after.
 */
export const workLogDue = (day: IsoDay): IsoDay => addDays(day, 1);

// ── the spot-check sample ───────────────────────────────────────────────

/**
 * FNV-1a, 32 bits: a string to a 32-bit seed. Documented at
 * http://www.isthe.com/chongo/tech/comp/fnv/ (offset basis 2166136261, prime 16777619).
 */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The seed material of a manager's spot check for a week: the manager's id and the week's Monday. */
export const spotCheckSeed = (managerId: string, monday: IsoDay) => `${managerId}|${monday}`;

/**
 * A reproducible sample of `size` of the candidates (or all when fewer):
 * the candidates are sorted first (so their order as read does not matter),
 * then a partial Fisher–Yates shuffle driven by mulberry32 seeded with the
 * FNV-1a hash of `seed` picks them. The same seed and candidates always give
 * the same sample; the result is in the candidates' sorted order.
 */
export function spotCheckSample(seed: string, candidates: readonly string[], size: number): string[] {
  const pool = [...new Set(candidates)].sort();
  const n = Math.max(0, Math.min(Math.floor(size), pool.length));
  const random = mulberry32(fnv1a(seed));
  const picked = new Set<string>();
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    picked.add(pool[i]!);
  }
  return [...picked].sort();
}

// ── a month's logs and reports handed in together (from a sheet) ────────

/** The days of a month, in order. */
export function monthDays(month: string): IsoDay[] {
  const out: IsoDay[] = [];
  for (let d: IsoDay = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) out.push(d);
  return out;
}

/** The Mondays that fall in a month: the weekly reports a month's sheet holds (each keyed by the Monday of the week it plans). */
export const monthMondays = (month: string): IsoDay[] => monthDays(month).filter((d) => weekday(d) === 1);

export type WorkItemKind = 'LOG' | 'WEEKLY' | 'MONTHLY';
/** Which log or report of the month a problem is about: the day, the week's Monday, or the month. */
export interface WorkItem {
  kind: WorkItemKind;
  period: string;
}

export interface WorkMonthInput {
  logs: { day: string; revision: number | null; input: WorkLogFields }[];
  weeklyReports: { week: string; revision: number | null; input: WeeklyReportFields }[];
  monthlyReport: { revision: number | null; input: MonthlyReportFields } | null;
}

export interface WorkItemProblem extends WorkReportProblem {
  item: WorkItem;
}

/**
 * Every problem with a month's logs and reports handed in together, each
 * naming its item: a day or Monday outside the month or given twice, a day
 * after today, a week later than next week, a month to come, and each
 * item's own field checks. Nothing is saved unless this is empty (the
 * server also refuses the whole set when any one item is refused there).
 */
export function checkWorkMonth(month: string, m: WorkMonthInput, today: IsoDay, submit: boolean): WorkItemProblem[] {
  const out: WorkItemProblem[] = [];
  const monthProblem = reportMonthProblem(month, '2999-12-31');
  if (monthProblem) return [{ ...monthProblem, item: { kind: 'MONTHLY', period: month } }];
  const add = (item: WorkItem, problems: (WorkReportProblem | null)[]) => {
    for (const p of problems) if (p) out.push({ ...p, item });
  };
  const seen = new Set<string>();
  const outside = (kind: WorkItemKind, period: string, field: string): WorkReportProblem | null => {
    if (!period.startsWith(`${month}-`)) return { code: 'WORK_REPORT_NOT_IN_MONTH', field, params: { value: period, month } };
    if (seen.has(`${kind}|${period}`)) return { code: 'WORK_REPORT_GIVEN_TWICE', field, params: { value: period } };
    seen.add(`${kind}|${period}`);
    return null;
  };
  for (const l of m.logs) {
    const item = { kind: 'LOG' as const, period: l.day };
    const dayProblem = logDayProblem(l.day, today);
    add(item, [dayProblem ?? outside('LOG', l.day, 'day')]);
    add(item, checkWorkLog(l.input, submit));
  }
  for (const r of m.weeklyReports) {
    const item = { kind: 'WEEKLY' as const, period: r.week };
    add(item, [reportWeekProblem(r.week, today) ?? outside('WEEKLY', r.week, 'week')]);
    add(item, checkWeeklyReport(r.input, submit));
  }
  if (m.monthlyReport) {
    const item = { kind: 'MONTHLY' as const, period: month };
    add(item, [reportMonthProblem(month, today)]);
    add(item, checkMonthlyReport(m.monthlyReport.input, submit));
  }
  return out;
}
