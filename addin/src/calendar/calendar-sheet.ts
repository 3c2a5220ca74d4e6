/**
 * A year of the working calendar as a sheet, and back. Pure: the adapter
 * writes and reads; this decides the layout, reads what an admin typed and
 * names every problem by its cell, with the shared rules
 * (schema/working-calendar.ts).
 *
 * Layout: row 1 a banner (calendar, year, when pulled); row 2 the header
 * (date, kind, name, source, and each month's working days as saved); then
 * one row per day, in date order. For an admin the date, kind and name of
 * every row are unlocked, with blank rows below to add days to (the sheet is
 * protected, so no rows can be inserted); the kind is a drop-down. Dates are
 * text (2027-02-06), so Excel does not turn them into serial numbers; a
 * pasted real date, a serial, or 2027/2/6 and 2027年2月6日 are read too.
 */
import { format, type Words } from '../i18n.ts';
import { calendarName } from '../i18n/format.ts';
import { keyOfLabel } from '../i18n/labels.ts';
import type { CellInput } from '../excel/chunks.ts';
import type { GridSheetSpec, SheetRead } from '../excel/workbook.ts';
import { serialToDay } from '../imports/sheet-grid.ts';
import { dayOfText } from '../../../schema/dates.ts';
import { CALENDAR_DAY_KINDS, checkCalendarYear, type CalendarDay, type CalendarDayKind } from '../../../schema/working-calendar.ts';
import { cellIssue, cellText, inSheetOrder, textDigest, type Issue } from '../excel/cells.ts';
import type { CalendarYearView } from './operations.ts';
import { describeReason } from '../api/describe-error.ts';

export const CALENDAR_KIND = 'workingCalendar';
const HEADER_ROW = 1;
const FIRST_ROW = HEADER_ROW + 1;
const COLUMN = { date: 0, kind: 1, name: 2 } as const;
/** Blank rows an admin gets below the days, and the fewest rows an editable sheet has (a year holds about 35 days). */
export const BLANK_ROWS = 40;
export const MIN_EDIT_ROWS = 60;

const sourceText = (w: Words, source: string) => (source === 'admin' ? w.chores.calendar.sourceAdmin : format(w.chores.calendar.sourceSeed, { source }));

/**
 * A day's name as the reader reads it. The seed keeps both languages in one
 * name ("春节 Spring Festival", server/payroll/working-calendar.ts): the
 * Chinese part for a zh-CN reader, the English part for others. A name in
 * one language (what admins type) is shown as it is.
 */
export function shownName(w: Words, name: string): string {
  const both = /^(\S*[^\x00-\x7f]\S*(?: \S*[^\x00-\x7f]\S*)*) ([\x20-\x7e]*[A-Za-z][\x20-\x7e]*)$/.exec(name);
  if (!both) return name;
  return w.locale === 'zh-CN' ? both[1]! : both[2]!;
}

/** The days as the sheet shows them (each name in the reader's language). */
export const shownDays = <D extends { name: string }>(w: Words, days: readonly D[]): D[] => days.map((d) => ({ ...d, name: shownName(w, d.name) }));

/**
 * The days to save: a name the sheet still shows as the server's own name
 * in the reader's language keeps the server's name (both languages), so an
 * untouched seeded day is not saved as changed.
 */
export function namesAsStored<D extends { date: string; kind: string; name: string }>(w: Words, days: readonly D[], stored: readonly { date: string; kind: string; name: string }[]): D[] {
  const byDate = new Map(stored.map((d) => [d.date, d]));
  return days.map((d) => {
    const was = byDate.get(d.date);
    return was && was.kind === d.kind && was.name !== d.name && shownName(w, was.name) === d.name ? { ...d, name: was.name } : d;
  });
}

export function calendarSheetSpec(w: Words, view: CalendarYearView, editable: boolean, pulledAt: string): GridSheetSpec {
  const c = w.chores.calendar;
  const days = shownDays(w, view.days).sort((a, b) => (a.date < b.date ? -1 : 1));
  const count = editable ? Math.max(days.length + BLANK_ROWS, MIN_EDIT_ROWS) : Math.max(days.length, view.months.length);
  const rows: CellInput[][] = Array.from({ length: count }, (_, i) => {
    const d = days[i];
    const m = view.months[i];
    return [d?.date ?? '', d ? (c.kinds[d.kind] ?? d.kind) : '', d?.name ?? '', d ? sourceText(w, d.source) : '', m?.month ?? '', m?.workingDays ?? ''];
  });
  return {
    sheetName: format(c.sheet, { year: view.year }),
    kind: CALENDAR_KIND,
    identity: { year: String(view.year) },
    banner: format(editable ? c.bannerEdit : c.banner, { calendar: calendarName(w.locale, view.calendar), year: view.year, pulledAt }),
    columns: [
      { header: c.columns.date, numberFormat: '@', width: 80 },
      { header: c.columns.kind, numberFormat: '@', width: 110 },
      { header: c.columns.name, numberFormat: '@', width: 160 },
      { header: c.columns.source, numberFormat: '@', width: 130 },
      { header: c.columns.month, numberFormat: '@', width: 60 },
      { header: c.columns.workingDays, numberFormat: '0', width: 90 },
    ],
    rows,
    properties: { fingerprint: view.fingerprint, calendar: view.calendar, pulled: daysDigest(days) },
    input: { row: FIRST_ROW, column: 0, rows: 0, columns: 0 },
    inputRule: { kind: 'whole', message: '' },
    extraInputs: editable
      ? [
          { block: { row: FIRST_ROW, column: COLUMN.date, rows: count, columns: 1 }, rule: null },
          { block: { row: FIRST_ROW, column: COLUMN.kind, rows: count, columns: 1 }, rule: { kind: 'list', values: CALENDAR_DAY_KINDS.map((k) => c.kinds[k]!), message: c.kindRule } },
          { block: { row: FIRST_ROW, column: COLUMN.name, rows: count, columns: 1 }, rule: null },
        ]
      : [],
    hiddenColumns: [],
    totalRows: [],
    protect: true,
    freeze: { rows: 0, columns: 1 },
    readOnly: !editable,
  };
}

export interface CalendarReadBack {
  /** The days the sheet holds, in the order of its rows. */
  days: CalendarDay[];
  /** Each day's cell row (0-based), for naming a problem the server finds. */
  rows: number[];
  issues: Issue[];
  fingerprint: string | null;
  /** The digest of the days as they were written (daysDigest): the sheet is untouched while its days still give it. */
  pulled: string | null;
}

/**
 * A short digest of a year's days (FNV-1a over their dates, kinds and names,
 * in date order), kept with the sheet so that pulling again can tell typing
 * from a year someone else changed on the server meanwhile.
 */
export function daysDigest(days: readonly { date: string; kind: string; name: string }[]): string {
  return textDigest([...days].map((d) => `${d.date}|${d.kind}|${d.name}`).sort().join('\n'));
}


/** A date cell: text as Excel and WPS write days, or a real date (a serial number from 2000 to 2100). */
function dayOf(v: unknown): string | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 36_526 && v <= 73_415 ? serialToDay(v) : null;
  return dayOfText(cellText(v));
}

/** A kind cell: either language's word, the code, or 休 / 班 as Chinese calendars mark days. */
function kindOf(v: unknown): CalendarDayKind | null {
  const t = cellText(v);
  // Besides the kinds' names, the marks Chinese calendars print: 休 (a day off) and 班 (a day worked).
  return keyOfLabel(t, CALENDAR_DAY_KINDS, (x) => x.chores.calendar.kinds as Record<CalendarDayKind, string>) ?? (t === '休' ? 'HOLIDAY' : t === '班' ? 'WORKDAY' : null);
}

/** The column a field of a day is typed in. */
export const columnOf = (field: keyof typeof COLUMN) => COLUMN[field];

/**
 * The days the sheet holds, and every problem named by its cell: a date or
 * kind that cannot be read, then the shared rules for a year (each day, a
 * date of another year, a date twice). Blank rows are skipped.
 */
export function readCalendarSheet(w: Words, year: number, read: SheetRead): CalendarReadBack {
  const c = w.chores.calendar;
  const sheet = read.sheetName;
  const issues: Issue[] = [];
  const days: CalendarDay[] = [];
  const rows: number[] = [];
  read.values.forEach((row, r) => {
    if (r < FIRST_ROW) return;
    const [dateCell, kindCell, nameCell] = [row[COLUMN.date], row[COLUMN.kind], row[COLUMN.name]];
    if (!cellText(dateCell) && !cellText(kindCell) && !cellText(nameCell)) return;
    const date = dayOf(dateCell);
    const kind = kindOf(kindCell);
    if (!date) issues.push(cellIssue(sheet, r, COLUMN.date, format(w.reasons.CELL_NOT_A_DATE, { value: cellText(dateCell) })));
    if (!kind) issues.push(cellIssue(sheet, r, COLUMN.kind, format(c.badKind, { value: cellText(kindCell), holiday: c.kinds.HOLIDAY!, workday: c.kinds.WORKDAY! })));
    days.push({ date: date ?? cellText(dateCell), kind: kind ?? ('' as CalendarDayKind), name: cellText(nameCell) });
    rows.push(r);
  });
  for (const p of checkCalendarYear(year, days)) {
    // A date or kind that could not be read is named above, in the sheet's own terms.
    if (p.reason === 'NOT_A_DATE' || p.reason === 'UNKNOWN_KIND') continue;
    issues.push(cellIssue(sheet, rows[p.index]!, COLUMN[p.field], describeReason(w, p.reason, p.params)));
  }
  return { days, rows, issues: inSheetOrder(issues), fingerprint: read.properties.fingerprint ?? null, pulled: read.properties.pulled ?? null };
}
