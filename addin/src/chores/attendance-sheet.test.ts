import { describe, expect, it } from 'vitest';
import { words } from '../i18n.ts';
import { attendanceSheet } from './attendance-sheet.ts';

const row = {
  personId: 'p', employeeNo: 'E001', name: '李雷', present: 18, late: 2, lateMinutes: 25, leftEarly: 1, absent: 1, personalLeave: 1, sickLeave: 0, unrequestedLeave: 1, fieldVisit: 2,
  workingDays: 21, unrecordedWorkingDays: 3, fieldVisitWithoutSlip: 1, restDayRecords: 2,
};

describe('the attendance sheet', () => {
  it('is named and labelled in the pane’s language, one per month', () => {
    const zh = attendanceSheet(words['zh-CN'], '2026-10', [row]);
    expect(zh.sheetName).toBe('考勤 2026-10');
    expect(zh.columns.map((c) => c.header)).toEqual(['工号', '姓名', '出勤', '迟到（天）', '迟到（分钟）', '早退', '旷工', '事假', '病假', '未批准请假', '外勤', '应出勤天数（工资）', '未记录工作日（按出勤）', '外勤无出访单（按缺勤）', '休息日记录（不计）']);
    expect(zh.banner).toBe('考勤汇总，2026-10：1 人。未经批准的请假在工资中按缺勤计算。');
    expect(zh.identity).toEqual({ month: '2026-10' });
    const en = attendanceSheet(words.en, '2026-10', [row, { ...row, personId: 'q', employeeNo: 'E002' }]);
    expect(en.sheetName).toBe('Attendance 2026-10');
    expect(en.banner).toContain('2 people');
    expect(en.columns.slice(11).map((c) => c.header)).toEqual(['Working days (payroll)', 'Working days not recorded (present)', 'Field visit without slip (absent)', 'Records on rest days (not counted)']);
  });
  it('writes each count as a whole number in its column', () => {
    const s = attendanceSheet(words.en, '2026-10', [row]);
    expect(s.rows[0]).toEqual(['E001', '李雷', 18, 2, 25, 1, 1, 1, 0, 1, 2, 21, 3, 1, 2]);
    expect(s.columns.slice(2).every((c) => c.numberFormat === '0')).toBe(true);
  });
  it('leaves the payroll counts blank when the server’s working calendar lacks the year', () => {
    const s = attendanceSheet(words.en, '2029-03', [{ ...row, workingDays: null, unrecordedWorkingDays: null, fieldVisitWithoutSlip: null, restDayRecords: null }]);
    expect(s.rows[0]!.slice(11)).toEqual([null, null, null, null]);
  });
});
