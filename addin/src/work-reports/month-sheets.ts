/**
 * A rep's month of work logs and reports as two sheets, and back (issue 11
 * §3, "filled in the pane or in a sheet of the template"). Pure: the adapter
 * writes and reads; this decides the layout, reads what the rep typed and
 * names every problem by its cell, with the shared rules
 * (schema/work-reports.ts checkWorkMonth) the server runs again.
 *
 * The log sheet: row 1 a banner, row 2 the header, one row per day of the
 * month (calls, visits, deals, customers met, the day's main work typed in
 * the yellow cells; the status beside them). The report sheet: one row per
 * field of each weekly report (a report per Monday in the month, its
 * reported week's figures above it) and of the monthly report, the text in
 * one wide column. Handed-in rows are locked and grey. Two hidden columns
 * key each row (L|day, W|monday|field, M|month|field) and carry the revision
 * it was written from, so a save never overwrites a change made meanwhile.
 */
import { format, words, type Words } from '../i18n.ts';
import { columnLetters, type Block, type CellInput } from '../excel/chunks.ts';
import type { GridSheetSpec, SheetRead } from '../excel/workbook.ts';
import { sheetName } from '../excel/sheet-name.ts';
import {
  checkWorkMonth,
  monthDays,
  WORK_REPORT_LIMITS,
  type MonthlyReportFields,
  type WeeklyReportFields,
  type WorkItem,
  type WorkLogFields,
  type WorkMonthInput,
  type WorkReportProblem,
} from '../../../schema/work-reports.ts';
import type { MyMonthlyReport, MyWeeklyReport, WeekFigures, WorkLog, WorkReportCommon } from './operations.ts';
import { formatMoneyText } from '../i18n/format.ts';
import { cellText, typedCount } from '../excel/cells.ts';
import { describeReason } from '../api/describe-error.ts';

export const LOG_SHEET_KIND = 'work-log-month';
export const REPORT_SHEET_KIND = 'work-report-month';

/** The month as the sheets show it (the myWorkMonth query's answer). */
export interface WorkMonth {
  month: string;
  logs: WorkLog[];
  weeklyReports: MyWeeklyReport[];
  monthlyReport: MyMonthlyReport;
}

export interface SheetOwner {
  personId: string;
  personName: string;
  employeeNo: string;
}

export interface Issue {
  cell: string | null;
  message: string;
}

const HEADER_ROW = 1;
const FIRST_ROW = 2;

// The log sheet's columns.
const L = { day: 0, weekday: 1, calls: 2, visits: 3, deals: 4, customersMet: 5, notes: 6, status: 7, key: 8, revision: 9 } as const;
// The report sheet's columns.
const R = { report: 0, period: 1, item: 2, text: 3, status: 4, key: 5, revision: 6 } as const;

const WEEKLY_FIELDS = ['results', 'plan', 'marketFeedback', 'problems'] as const;
const MONTHLY_FIELDS = ['results', 'analysis', 'plan'] as const;

export const logSheetName = (w: Words, owner: Pick<SheetOwner, 'employeeNo'>, month: string) => sheetName(`${w.workReports.sheets.log} ${owner.employeeNo} ${month}`);
export const reportSheetName = (w: Words, owner: Pick<SheetOwner, 'employeeNo'>, month: string) => sheetName(`${w.workReports.sheets.reports} ${owner.employeeNo} ${month}`);

/** Where a log or report stands, as its status cell says it. */
const standing = (w: Words, item: WorkReportCommon | null | undefined) => (item ? `${w.workReports.statuses[item.status]} · ${w.workReports.timeliness[item.timeliness]}` : '');

const handedIn = (item: WorkReportCommon | null | undefined) => item?.status === 'SUBMITTED';

/** Blocks of the rows (absolute, zero-based) that may be typed in, each run of consecutive rows one block. */
function runs(rows: number[], column: number, columns: number): Block[] {
  const out: Block[] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last.row + last.rows === r) last.rows++;
    else out.push({ row: r, column, rows: 1, columns });
  }
  return out;
}

const WEEKDAY = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

/** The month's log sheet: a row per day, the days not yet handed in open to type in. */
export function logSheetSpec(w: Words, owner: SheetOwner, m: WorkMonth): GridSheetSpec {
  const x = w.workReports;
  const byDay = new Map(m.logs.map((l) => [l.day, l]));
  const days = monthDays(m.month);
  const open: number[] = [];
  const rows: CellInput[][] = days.map((day, i) => {
    const l = byDay.get(day);
    if (!handedIn(l)) open.push(FIRST_ROW + i);
    return [day, x.weekdays[WEEKDAY(day)]!, l ? l.calls : '', l ? l.visits : '', l ? l.deals : '', l?.customersMet ?? '', l?.notes ?? '', standing(w, l), `L|${day}`, l ? l.revision : ''];
  });
  const submitted = m.logs.filter(handedIn).length;
  const count = { kind: 'whole' as const, min: 0, max: WORK_REPORT_LIMITS.maxDailyCount, message: format(x.countRule, { max: WORK_REPORT_LIMITS.maxDailyCount }) };
  return {
    sheetName: logSheetName(w, owner, m.month),
    kind: LOG_SHEET_KIND,
    identity: { personId: owner.personId, month: m.month },
    banner: format(x.sheets.logBanner, { name: owner.personName, no: owner.employeeNo, month: m.month, submitted, days: days.length }),
    columns: [
      { header: x.sheets.columns.day, numberFormat: '@', width: 76 },
      { header: x.sheets.columns.weekday, numberFormat: '@', width: 40 },
      { header: x.calls, numberFormat: '0', width: 52 },
      { header: x.visits, numberFormat: '0', width: 52 },
      { header: x.deals, numberFormat: '0', width: 52 },
      { header: x.customersMet, numberFormat: '@', width: 130 },
      { header: x.notes, numberFormat: '@', width: 240 },
      { header: x.sheets.columns.status, numberFormat: '@', width: 80 },
      { header: 'ID', numberFormat: '@', width: 40 },
      { header: 'REV', numberFormat: '@', width: 30 },
    ],
    rows,
    properties: { personName: owner.personName },
    input: { row: FIRST_ROW, column: L.calls, rows: 0, columns: 0 },
    inputRule: count,
    extraInputs: [...runs(open, L.calls, 3).map((block) => ({ block, rule: count })), ...runs(open, L.customersMet, 2).map((block) => ({ block, rule: null }))],
    hiddenColumns: [L.key, L.revision],
    totalRows: [],
    protect: true,
    freeze: { rows: 0, columns: 2 },
  };
}

/** A week's figures as the pane and the report sheet say them: sales as money (¥1,234.50), counts against their plan. */
export function weeklyFiguresText(w: Words, f: WeekFigures): string {
  const x = w.workReports;
  return format(x.figures, {
    actual: formatMoneyText(f.actualSales),
    planned: f.plannedSales === null ? x.noPlan : formatMoneyText(f.plannedSales),
    calls: f.actualCalls,
    plannedCalls: f.plannedCalls ?? '—',
    visits: f.actualVisits,
    plannedVisits: f.plannedVisits ?? '—',
    logs: f.logsSubmitted,
  });
}

/** The report sheet's rows: per Monday in the month its figures and four texts; then the monthly report's three. */
export function reportSheetSpec(w: Words, owner: SheetOwner, m: WorkMonth): GridSheetSpec {
  const x = w.workReports;
  const rows: CellInput[][] = [];
  const open: number[] = [];
  const weeklyLabels: Record<(typeof WEEKLY_FIELDS)[number], string> = { results: x.results, plan: x.plan, marketFeedback: x.marketFeedback, problems: x.problems };
  for (const wk of m.weeklyReports) {
    const r = wk.report;
    const period = format(x.sheets.weekPeriod, { week: wk.week, from: wk.reportedFrom, to: wk.reportedTo });
    const f = wk.figures;
    const figures = f ? weeklyFiguresText(w, f) : '';
    rows.push([x.weekly, period, x.sheets.figures, figures, r ? standing(w, r) : format(x.due, { due: wk.dueOn }), `W|${wk.week}|figures`, '']);
    for (const field of WEEKLY_FIELDS) {
      if (!handedIn(r)) open.push(FIRST_ROW + rows.length);
      rows.push([x.weekly, wk.week, weeklyLabels[field], r ? r[field] : '', '', `W|${wk.week}|${field}`, r ? r.revision : '']);
    }
  }
  const mr = m.monthlyReport.report;
  const monthlyLabels: Record<(typeof MONTHLY_FIELDS)[number], string> = { results: x.monthResults, analysis: x.analysis, plan: x.nextPlan };
  MONTHLY_FIELDS.forEach((field, i) => {
    if (!handedIn(mr)) open.push(FIRST_ROW + rows.length);
    const status = i > 0 ? '' : mr ? standing(w, mr) : format(x.due, { due: m.monthlyReport.dueOn });
    rows.push([x.monthly, m.month, monthlyLabels[field], mr ? mr[field] : '', status, `M|${m.month}|${field}`, mr ? mr.revision : '']);
  });
  return {
    sheetName: reportSheetName(w, owner, m.month),
    kind: REPORT_SHEET_KIND,
    identity: { personId: owner.personId, month: m.month },
    banner: format(x.sheets.reportBanner, { name: owner.personName, no: owner.employeeNo, month: m.month, weeks: m.weeklyReports.length, due: m.monthlyReport.dueOn }),
    columns: [
      { header: x.sheets.columns.report, numberFormat: '@', width: 52 },
      { header: x.sheets.columns.period, numberFormat: '@', width: 120 },
      { header: x.sheets.columns.item, numberFormat: '@', width: 96 },
      { header: x.sheets.columns.text, numberFormat: '@', width: 320 },
      { header: x.sheets.columns.status, numberFormat: '@', width: 96 },
      { header: 'ID', numberFormat: '@', width: 40 },
      { header: 'REV', numberFormat: '@', width: 30 },
    ],
    rows,
    properties: { personName: owner.personName },
    input: { row: FIRST_ROW, column: R.text, rows: 0, columns: 0 },
    inputRule: { kind: 'decimal', message: '' },
    extraInputs: runs(open, R.text, 1).map((block) => ({ block, rule: null })),
    hiddenColumns: [R.key, R.revision],
    totalRows: [],
    protect: true,
    freeze: { rows: 0, columns: 3 },
  };
}

// ── reading back ────────────────────────────────────────────────────────


/** What the two sheets hold that is new or changed (with `submit`, also drafts unchanged), as the server takes it, and every problem by its cell. */
export interface WorkMonthReadBack {
  input: WorkMonthInput;
  issues: Issue[];
  /** The cell of an item's field, for problems the server names (item and field). */
  cellOf: (item: WorkItem, field: string) => string | null;
}

/**
 * Reads a month's log and report sheets (either may be missing: null) back
 * against the month as the server has it: each row by its key, whatever
 * order the rows are in now; a handed-in one changed in the sheet is named,
 * not sent; then the shared checks, each problem at its cell.
 */
export function readWorkMonthSheets(w: Words, m: WorkMonth, logRead: SheetRead | null, reportRead: SheetRead | null, today: string, submit: boolean): WorkMonthReadBack {
  const x = w.workReports;
  const issues: Issue[] = [];
  const cells = new Map<string, string>();
  const say = (cell: string | null, message: string) => issues.push({ cell, message: cell ? `${cell}: ${message}` : message });
  const at = (read: SheetRead, row: number, column: number) => `${read.sheetName}!${columnLetters(column)}${row + 1}`;
  const rowsByKey = (read: SheetRead | null, keyColumn: number) => {
    const out = new Map<string, number>();
    read?.values.forEach((row, i) => {
      const k = cellText(row[keyColumn]);
      if (i > HEADER_ROW && k && !out.has(k)) out.set(k, i);
    });
    return out;
  };
  const revisionAt = (read: SheetRead, row: number, column: number): number | null => {
    const v = cellText(read.values[row]?.[column]);
    return v === '' ? null : Number(v);
  };
  const input: WorkMonthInput = { logs: [], weeklyReports: [], monthlyReport: null };

  // Logs, day by day.
  if (logRead) {
    const byKey = rowsByKey(logRead, L.key);
    const byDay = new Map(m.logs.map((l) => [l.day, l]));
    for (const day of monthDays(m.month)) {
      const row = byKey.get(`L|${day}`);
      if (row === undefined) continue;
      const v = (c: number) => cellText(logRead.values[row]?.[c]);
      const typed = { calls: v(L.calls), visits: v(L.visits), deals: v(L.deals), customersMet: v(L.customersMet), notes: v(L.notes) };
      for (const f of ['calls', 'visits', 'deals', 'customersMet', 'notes', 'day'] as const) cells.set(`LOG|${day}|${f}`, at(logRead, row, f === 'day' ? L.day : L[f]));
      const fields: WorkLogFields = { calls: typedCount(typed.calls), visits: typedCount(typed.visits), deals: typedCount(typed.deals), customersMet: typed.customersMet, notes: typed.notes };
      const saved = byDay.get(day);
      const same = saved ? saved.calls === fields.calls && saved.visits === fields.visits && saved.deals === fields.deals && saved.customersMet === fields.customersMet && saved.notes === fields.notes : Object.values(typed).every((t) => t === '');
      for (const f of ['calls', 'visits', 'deals'] as const) if (Number.isNaN(fields[f])) say(at(logRead, row, L[f]), format(w.reasons.WORK_REPORT_NOT_WHOLE, { value: typed[f] }));
      if (handedIn(saved)) {
        if (!same) say(at(logRead, row, L.calls), w.reasons.WORK_REPORT_ALREADY_SUBMITTED);
        continue;
      }
      if (same && !(submit && saved)) continue;
      input.logs.push({ day, revision: revisionAt(logRead, row, L.revision), input: fields });
    }
  }

  // Reports, field by field.
  if (reportRead) {
    const byKey = rowsByKey(reportRead, R.key);
    const read = <F extends string>(prefix: string, kind: 'WEEKLY' | 'MONTHLY', period: string, fields: readonly F[], saved: (WorkReportCommon & Record<F, string>) | null) => {
      const values = {} as Record<F, string>;
      let revision: number | null = null;
      let found = false;
      for (const f of fields) {
        const row = byKey.get(`${prefix}|${period}|${f}`);
        if (row === undefined) {
          values[f] = saved ? saved[f] : '';
          continue;
        }
        found = true;
        values[f] = cellText(reportRead.values[row]?.[R.text]);
        revision ??= revisionAt(reportRead, row, R.revision);
        cells.set(`${kind}|${period}|${f}`, at(reportRead, row, R.text));
      }
      const firstRow = byKey.get(`${prefix}|${period}|${fields[0]}`);
      if (firstRow !== undefined) cells.set(`${kind}|${period}|${kind === 'WEEKLY' ? 'week' : 'month'}`, at(reportRead, firstRow, R.period));
      if (!found) return null;
      const same = saved ? fields.every((f) => saved[f] === values[f]) : fields.every((f) => values[f] === '');
      if (handedIn(saved)) {
        if (!same) {
          const f = fields.find((k) => saved![k] !== values[k])!;
          say(cells.get(`${kind}|${period}|${f}`) ?? null, w.reasons.WORK_REPORT_ALREADY_SUBMITTED);
        }
        return null;
      }
      if (same && !(submit && saved)) return null;
      return { revision, values };
    };
    for (const wk of m.weeklyReports) {
      const got = read('W', 'WEEKLY', wk.week, WEEKLY_FIELDS, wk.report);
      if (got) input.weeklyReports.push({ week: wk.week, revision: got.revision, input: got.values as WeeklyReportFields });
    }
    const got = read('M', 'MONTHLY', m.month, MONTHLY_FIELDS, m.monthlyReport.report);
    if (got) input.monthlyReport = { revision: got.revision, input: got.values as MonthlyReportFields };
  }

  // A field the sheet has no cell for (a refusal of the whole item: changed meanwhile, handed in already) is shown at the item's first cell.
  const cellOf = (item: WorkItem, field: string) => {
    const first = item.kind === 'LOG' ? 'calls' : 'results';
    return cells.get(`${item.kind}|${item.period}|${field}`) ?? cells.get(`${item.kind}|${item.period}|${first}`) ?? null;
  };
  for (const p of checkWorkMonth(m.month, input, today, submit)) {
    if (p.code === 'WORK_REPORT_NOT_WHOLE' && Number.isNaN(Number(p.params.value))) continue; // a word in a count: named above, as typed
    say(cellOf(p.item, p.field), problemMessage(w, p.item, p));
  }
  if (!issues.length && !input.logs.length && !input.weeklyReports.length && !input.monthlyReport) say(null, format(w.reasons.WORK_REPORT_NOTHING_TO_SAVE, { month: m.month }));
  return { input, issues, cellOf };
}

/** A problem with one item in the reader's words: which log or report, then the rule's text. */
export function problemMessage(w: Words, item: WorkItem, p: Pick<WorkReportProblem, 'code' | 'params'>): string {
  const x = w.workReports;
  const what = item.kind === 'LOG' ? format(x.sheets.logOf, { day: item.period }) : item.kind === 'WEEKLY' ? format(x.sheets.weeklyOf, { week: item.period }) : format(x.sheets.monthlyOf, { month: item.period });
  return format(x.labelled, { label: what, text: describeReason(w, p.code, p.params) });
}

/**
 * Whether a month sheet someone else wrote (the template the server made,
 * in either language) still holds what the pane would have written: the
 * header, and a row for every key (in any order: the rows are read by key).
 * The first thing missing is an issue at its place; else the sheet's block.
 */
export function checkMonthSheetLayout(w: Words, spec: GridSheetSpec, read: Pick<SheetRead, 'sheetName' | 'values'>): { issues: Issue[]; block: Block | null; header: string[] } {
  const keyColumn = spec.hiddenColumns[0]!;
  const header = (read.values[HEADER_ROW] ?? []).slice(0, spec.columns.length).map(cellText);
  const headersIn = (lang: Words) => (spec.kind === LOG_SHEET_KIND ? logSheetSpec : reportSheetSpec)(lang, { personId: '', personName: '', employeeNo: '' }, EMPTY_MONTH).columns.map((c) => c.header);
  const expected = spec.columns.map((c) => c.header);
  const refuse = (row: number, column: number, code: 'PLAN_TEMPLATE_HEADER_CHANGED' | 'PLAN_TEMPLATE_ROW_CHANGED', what: string) => {
    const cell = `${read.sheetName}!${columnLetters(column)}${row + 1}`;
    return { issues: [{ cell, message: `${cell}: ${format(w.reasons[code], { expected: what })}` }], block: null, header: [] };
  };
  if (![expected, ...Object.values(words).map(headersIn)].some((h) => h.every((x, i) => header[i] === x))) {
    const j = Math.max(0, expected.findIndex((x, i) => header[i] !== x));
    return refuse(HEADER_ROW, j, 'PLAN_TEMPLATE_HEADER_CHANGED', expected[j]!);
  }
  const present = new Set(read.values.slice(FIRST_ROW).map((r) => cellText(r[keyColumn])));
  const missing = spec.rows.findIndex((r) => !present.has(String(r[keyColumn])));
  if (missing >= 0) {
    const r = spec.rows[missing]!;
    return refuse(FIRST_ROW + missing, 0, 'PLAN_TEMPLATE_ROW_CHANGED', [r[0], r[1], spec.kind === REPORT_SHEET_KIND ? r[2] : ''].filter(Boolean).join(' '));
  }
  return { issues: [], block: { row: 0, column: 0, rows: FIRST_ROW + spec.rows.length, columns: spec.columns.length }, header };
}

const EMPTY_MONTH: WorkMonth = { month: '2000-01', logs: [], weeklyReports: [], monthlyReport: { month: '2000-01', dueOn: '', report: null } };
