/** A month's attendance summary of the people the reader may see (a rep: themself), written to its sheet. */
import type { Client } from '@urql/core';
import { useState } from 'react';
import { format, type Words, phrase } from '../../../i18n.ts';
import { run } from '../../../api/client.ts';
import { ATTENDANCE_SUMMARY, type AttendanceSummaryRow } from '../../../chores/operations.ts';
import { attendanceSheet } from '../../../chores/attendance-sheet.ts';
import { isMonth, lastMonth } from '../../../chores/months.ts';
import { writeSheetTable, type ExcelRun } from '../../../excel/workbook.ts';
import { useAction } from './useAction.ts';

const hasRecords = (r: AttendanceSummaryRow) =>
  r.present + r.late + r.leftEarly + r.absent + r.personalLeave + r.sickLeave + r.unrequestedLeave + r.fieldVisit + (r.restDayRecords ?? 0) > 0;

export function useAttendanceSummary({ client, w, onSessionEnded }: { client: Client; w: Words; onSessionEnded: () => void }) {
  const action = useAction(w, onSessionEnded);
  const [month, setMonth] = useState(lastMonth());

  const toSheet = () =>
    action.act(async () => {
      const m = month;
      const rows = (await run<{ attendanceSummary: AttendanceSummaryRow[] }>(client, ATTENDANCE_SUMMARY, { month: m })).attendanceSummary;
      // Everyone employed has a row; a month none of them has a record in yet is said so rather than written as all unrecorded.
      // One's own row alone (a rep) is written all the same: their working days, each counted as present, as payroll pays them.
      const alone = rows.length === 1;
      if (!alone && !rows.some(hasRecords)) return action.setStatus({ intent: 'info', message: phrase(w.locale, w.chores.attendance.none, { month: m }) });
      const report = await writeSheetTable(Excel.run as unknown as ExcelRun, attendanceSheet(w, m, rows));
      const wrote = format(w.chores.wroteSheet, { n: report.rows, sheet: report.sheetName });
      return alone && !hasRecords(rows[0]!) ? `${wrote} ${phrase(w.locale, w.chores.attendance.noneOfYou, { month: m })}` : wrote;
    });

  return { ...action, month, setMonth, ready: isMonth(month), toSheet };
}
