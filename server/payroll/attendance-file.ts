/**
 * Attendance from an uploaded .xlsx or .csv: employee no., date, status (in
 * English or Chinese), late minutes. Every bad value is named by sheet and
 * cell, and the import is refused whole.
 */
import type { AttendanceStatus } from '../db/generated/sqlite/client/enums.ts';
import { dateToDay, dayToDate, isIsoDay } from '../../schema/dates.ts';
import { clientError } from '../errors.ts';
import { importRejected, type ImportProblem } from '../targets/sales-import.ts';
import { columnLetter, mapColumns, readGrid } from '../imports/tabular-file.ts';
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

export async function readAttendanceFile(name: string, bytes: Uint8Array): Promise<AttendanceInput[]> {
  const grid = await readGrid(name, bytes, /^(attendance|考勤)/i);
  const at = mapColumns(grid, COLUMNS, ['employeeNo', 'date', 'status']);
  const problems: ImportProblem[] = [];
  const records: AttendanceInput[] = [];
  grid.rows.slice(1).forEach((row, i) => {
    const r = i + 2;
    if (row.every((v) => v === null || v === undefined || String(v).trim() === '')) return;
    const cell = (c: keyof typeof COLUMNS) => (at[c] === undefined ? undefined : row[at[c]]);
    const text = (c: keyof typeof COLUMNS) => {
      const v = cell(c);
      return v === null || v === undefined ? '' : v instanceof Date ? dateToDay(v) : String(v).trim();
    };
    const bad = (c: keyof typeof COLUMNS, message: string) => problems.push({ row: r, field: c, message: `${grid.sheet}!${columnLetter(at[c])}${r}: ${message}` });
    const day = text('date').replace(/\//g, '-');
    if (!isIsoDay(day)) bad('date', `“${text('date')}” is not a date (YYYY-MM-DD)`);
    const status = STATUS[text('status').toLowerCase()];
    if (!status) bad('status', `“${text('status')}” is not a status (present/出勤, late/迟到, left early/早退, absent/旷工, personal leave/事假, sick leave/病假, field visit/出访)`);
    const minutes = text('lateMinutes');
    if (minutes && !/^\d+$/.test(minutes)) bad('lateMinutes', `“${minutes}” is not a whole number of minutes`);
    if (!text('employeeNo')) bad('employeeNo', 'is empty');
    if (isIsoDay(day) && status) records.push({ employeeNo: text('employeeNo'), date: dayToDate(day), status, lateMinutes: minutes ? Number(minutes) : 0, note: text('note') || null });
  });
  if (problems.length) importRejected(problems, name);
  if (!records.length) throw clientError('BAD_USER_INPUT', `${grid.sheet} has no attendance rows below its header`, { field: 'file', reason: 'NO_ROWS', params: { sheet: grid.sheet } });
  return records;
}
