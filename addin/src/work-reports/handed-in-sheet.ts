/**
 * Who handed in what for a week or a month (issue 11 §3), as a sheet: one row
 * per rep, their logs (working days, handed in, late, missing), then one
 * column per report of the period (a week: its weekly report; a month: the
 * weekly reports of its Mondays and the monthly report) saying on time, late,
 * due or missing; late and missing ones coloured. The banner says how many
 * working days' logs are not due yet (today's, say), which are neither
 * handed in nor missing. Pure: written through the
 * adapter (writeSheetTable), which never clobbers the user's cells.
 */
import { format, type Words } from '../i18n.ts';
import type { ColumnFormat, SheetTableSpec } from '../excel/workbook.ts';
import type { HandedInSheet } from './operations.ts';

export const HANDED_IN_KIND = 'work-reports-handed-in';
const FIXED = 7;

export function handedInCounts(sheet: HandedInSheet) {
  const reports = sheet.rows.flatMap((r) => r.reports);
  return {
    n: sheet.rows.length,
    late: reports.filter((x) => x.timeliness === 'LATE').length + sheet.rows.reduce((s, r) => s + r.logsLate, 0),
    missing: reports.filter((x) => x.timeliness === 'MISSING').length + sheet.rows.reduce((s, r) => s + r.logsMissing, 0),
    notYetDue: sheet.rows.reduce((s, r) => s + r.logsNotYetDue, 0),
  };
}

/** The sheet's banner: the period and its counts, and the logs not due yet when there are any. */
function banner(w: Words, sheet: HandedInSheet): string {
  const counts = handedInCounts(sheet);
  const text = format(w.workReports.sheetBanner, { period: sheet.period, start: sheet.start, end: sheet.end, ...counts });
  return counts.notYetDue ? `${text}${format(w.workReports.notYetDue, { days: counts.notYetDue })}` : text;
}

export function handedInSheetSpec(w: Words, sheet: HandedInSheet): SheetTableSpec {
  const x = w.workReports;
  const c = x.columns;
  const formats: ColumnFormat[] = sheet.columns.flatMap((_col, i) => [
    { kind: 'fill' as const, column: FIXED + i, operator: 'EqualTo' as const, value: x.timeliness.LATE!, fill: '#FFEB9C' },
    { kind: 'fill' as const, column: FIXED + i, operator: 'EqualTo' as const, value: x.timeliness.MISSING!, fill: '#FFC7CE', fontColor: '#9C0006' },
  ]);
  return {
    sheetName: `${x.sheetName} ${sheet.period}`.slice(0, 31),
    kind: HANDED_IN_KIND,
    identity: { period: sheet.period },
    tableName: `QuotabookHandedIn_${sheet.period.replace(/-/g, '_')}`,
    banner: banner(w, sheet),
    columns: [
      { header: c.no, numberFormat: '@', width: 64 },
      { header: c.name, numberFormat: '@', width: 64 },
      { header: c.unit, numberFormat: '@', width: 90 },
      { header: c.workingDays, numberFormat: '0', width: 50 },
      { header: c.logs, numberFormat: '0', width: 55 },
      { header: c.logsLate, numberFormat: '0', width: 55 },
      { header: c.logsMissing, numberFormat: '0', width: 55 },
      ...sheet.columns.map((col) => ({ header: format(col.kind === 'WEEKLY' ? x.weeklyColumn : x.monthlyColumn, { period: col.period }), numberFormat: '@', width: 80 })),
    ],
    rows: sheet.rows.map((r) => [r.employeeNo, r.personName, r.unitName, r.workingDays, r.logsSubmitted, r.logsLate, r.logsMissing, ...r.reports.map((rep) => x.timeliness[rep.timeliness]!)]),
    properties: { period: sheet.period },
    conditionalFormats: formats,
  };
}
