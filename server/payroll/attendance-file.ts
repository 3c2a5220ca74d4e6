/**
 * Attendance from an uploaded .xlsx or .csv: employee no., date, status (in
 * English or Chinese), late minutes. Every bad value is named by sheet and
 * cell, and the import is refused whole. The pane's sheet is read the same
 * way (attendanceFromGrid).
 */
import type { ImportProblemReason } from '../../schema/reasons.ts';
import type { AttendanceStatus } from '../db/generated/sqlite/client/enums.ts';
import { dayToDate } from '../../schema/dates.ts';
import { clientError } from '../errors.ts';
import { importRejected, type ImportProblem, type Locate } from '../targets/sales-import.ts';
import { mapColumns, readGrid, type Grid } from '../imports/tabular-file.ts';
import { cellText, dataRows, dayOfCell, locator } from '../imports/cells.ts';
import type { AttendanceInput } from './attendance.ts';

const COLUMNS = {
  employeeNo: ['employeeno', 'employee no', 'employee no.', '工号'],
  date: ['date', '日期'],
  status: ['status', '状态', '考勤'],
  lateMinutes: ['lateminutes', 'late minutes', '迟到分钟'],
  note: ['note', '备注'],
} as const;

const STATUS: Record<string, AttendanceStatus> = {
  present: 'PRESENT', 出勤: 'PRESENT', 正常: 'PRESENT',
  late: 'LATE', 迟到: 'LATE',
  left_early: 'LEFT_EARLY', 'left early': 'LEFT_EARLY', 早退: 'LEFT_EARLY',
  absent: 'ABSENT', 旷工: 'ABSENT', 缺勤: 'ABSENT',
  personal_leave: 'PERSONAL_LEAVE', 'personal leave': 'PERSONAL_LEAVE', 事假: 'PERSONAL_LEAVE',
  sick_leave: 'SICK_LEAVE', 'sick leave': 'SICK_LEAVE', 病假: 'SICK_LEAVE',
  field_visit: 'FIELD_VISIT', 'field visit': 'FIELD_VISIT', 出访: 'FIELD_VISIT', 外出: 'FIELD_VISIT',
};

export interface GridAttendance {
  sheet: string;
  /** Data rows read (blank rows skipped), whether or not they parsed. */
  rows: number;
  records: AttendanceInput[];
  problems: ImportProblem[];
  locate: Locate;
}

export function attendanceFromGrid(grid: Grid): GridAttendance {
  const columns = mapColumns(grid, COLUMNS, ['employeeNo', 'date', 'status']);
  const { at } = columns;
  const locate = locator(grid, columns);
  const problems: ImportProblem[] = [];
  const records: AttendanceInput[] = [];
  const data = dataRows(grid, columns.header);
  for (const { row, sheetRow } of data) {
    const text = (c: keyof typeof COLUMNS) => cellText(at[c] === undefined ? undefined : row[at[c]]);
    const bad = (c: keyof typeof COLUMNS, message: string, reason: ImportProblemReason, params: Record<string, string> = {}) => problems.push(locate({ row: sheetRow, field: c, message, reason, params }));
    const day = dayOfCell(row[at.date]);
    if (!day) bad('date', `“${text('date')}” is not a date (YYYY-MM-DD)`, 'CELL_NOT_A_DATE', { value: text('date') });
    const status = STATUS[text('status').toLowerCase()];
    if (!status) bad('status', `“${text('status')}” is not a status (present/出勤, late/迟到, left early/早退, absent/旷工, personal leave/事假, sick leave/病假, field visit/出访)`, 'NOT_A_STATUS', { value: text('status') });
    const minutes = text('lateMinutes');
    if (minutes && !/^\d+$/.test(minutes)) bad('lateMinutes', `“${minutes}” is not a whole number of minutes`, 'NOT_A_WHOLE_NUMBER', { value: minutes });
    if (!text('employeeNo')) bad('employeeNo', 'is empty', 'CELL_EMPTY');
    if (day && status) records.push({ sourceRow: sheetRow, employeeNo: text('employeeNo'), date: dayToDate(day), status, lateMinutes: minutes ? Number(minutes) : 0, note: text('note') || null });
  }
  return { sheet: grid.sheet, rows: data.length, records, problems, locate };
}

/** Refuses a grid's attendance when any row failed to parse or none is there. */
export function requireAttendance(parsed: GridAttendance, source: string): GridAttendance {
  if (parsed.problems.length) importRejected(parsed.problems, source);
  if (!parsed.records.length) throw clientError('BAD_USER_INPUT', `${parsed.sheet} has no attendance rows below its header`, { field: 'file', reason: 'NO_ROWS', params: { sheet: parsed.sheet } });
  return parsed;
}

export async function readAttendanceFile(name: string, bytes: Uint8Array): Promise<GridAttendance> {
  return attendanceFromGrid(await readGrid(name, bytes, /^(attendance|考勤)/i));
}
