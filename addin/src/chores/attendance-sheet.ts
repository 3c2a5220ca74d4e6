/**
 * A month's attendance summary as a sheet (one per month): a row per person
 * the reader may see, days by status, minutes late, and leave taken without
 * an approved request apart (payroll counts it as absence); then the month as
 * payroll counts it: working days, those with no record (present), field
 * visits without an approved slip (absent by default) and records on rest
 * days (ignored). Those are blank when the server's working calendar lacks
 * the year. Pure.
 */
import { format, type Words } from '../i18n.ts';
import type { SheetTableSpec } from '../excel/workbook.ts';
import type { AttendanceSummaryRow } from './operations.ts';

export const ATTENDANCE_KIND = 'attendance-summary';

const COUNTS = ['present', 'late', 'lateMinutes', 'leftEarly', 'absent', 'personalLeave', 'sickLeave', 'unrequestedLeave', 'fieldVisit', 'workingDays', 'unrecordedWorkingDays', 'fieldVisitWithoutSlip', 'restDayRecords'] as const;

export function attendanceSheet(w: Words, month: string, rows: AttendanceSummaryRow[]): SheetTableSpec {
  const a = w.chores.attendance;
  const sheetName = format(a.sheet, { month });
  return {
    sheetName,
    kind: ATTENDANCE_KIND,
    identity: { month },
    tableName: `QuotabookAttendance_${month.replace('-', '_')}`,
    banner: format(a.banner, { month, n: rows.length }),
    columns: [
      { header: a.columns.employeeNo, numberFormat: '@', width: 64 },
      { header: a.columns.name, numberFormat: '@', width: 64 },
      ...COUNTS.map((k) => ({ header: a.columns[k], numberFormat: '0', width: 56 })),
    ],
    rows: rows.map((r) => [r.employeeNo, r.name, ...COUNTS.map((k) => r[k])]),
    properties: { month },
  };
}
