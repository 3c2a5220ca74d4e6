import { describe, expect, it } from 'vitest';
import { words } from '../i18n.ts';
import type { GridSheetSpec, SheetRead } from '../excel/workbook.ts';
import { logSheetSpec, readWorkMonthSheets, reportSheetSpec, weeklyFiguresText, type WorkMonth } from './month-sheets.ts';
import type { WorkLog, WorkReportCommon } from './operations.ts';

const zh = words['zh-CN'];
const owner = { personId: 'p1', personName: '朱霞艳', employeeNo: 'E0101' };
const common = (more: Partial<WorkReportCommon>): WorkReportCommon => ({
  id: 'x',
  personId: 'p1',
  personName: '朱霞艳',
  employeeNo: 'E0101',
  unitName: '华东一组',
  status: 'DRAFT',
  revision: 1,
  dueOn: '2026-12-02',
  timeliness: 'DUE',
  submittedAt: null,
  comment: null,
  commentedBy: null,
  commentedAt: null,
  canEdit: true,
  canComment: false,
  ...more,
});
const log = (day: string, more: Partial<WorkLog> = {}): WorkLog => ({ ...common({ id: `log-${day}` }), day, calls: 5, visits: 1, deals: 0, customersMet: '星湖电子', notes: '回访', ...more });
const figures = { plannedSales: '30000.00', actualSales: '12000.00', plannedCalls: 40, plannedVisits: 8, actualCalls: 31, actualVisits: 6, logsSubmitted: 4 };

function month(): WorkMonth {
  return {
    month: '2026-12',
    logs: [log('2026-12-01', { status: 'SUBMITTED', revision: 2, timeliness: 'ON_TIME', canEdit: false }), log('2026-12-02')],
    weeklyReports: ['2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28'].map((week, i) => ({
      week,
      reportedFrom: '',
      reportedTo: '',
      dueOn: week,
      figures: i === 0 ? figures : null,
      report: null,
    })),
    monthlyReport: { month: '2026-12', dueOn: '2026-12-28', report: null },
  };
}

/** The sheet as written: the banner, the header, the rows. */
const asRead = (spec: GridSheetSpec): SheetRead => ({ sheetName: spec.sheetName, properties: {}, values: [[spec.banner], spec.columns.map((c) => c.header), ...spec.rows.map((r) => [...r])] });
const cell = (read: SheetRead, a1: string) => {
  const m = /^([A-Z])(\d+)$/.exec(a1)!;
  return { row: Number(m[2]) - 1, col: m[1]!.charCodeAt(0) - 65 };
};
const type = (read: SheetRead, a1: string, v: unknown) => {
  const { row, col } = cell(read, a1);
  read.values[row]![col] = v;
};

describe('a month of logs and reports as sheets', () => {
  it('lays out a row per day and opens only the days not handed in; a report row per field, the figures above each week', () => {
    const m = month();
    const logs = logSheetSpec(zh, owner, m);
    expect(logs.sheetName).toBe('工作日志 E0101 2026-12');
    expect(logs.rows).toHaveLength(31);
    expect(logs.rows[0]!.slice(0, 8)).toEqual(['2026-12-01', '周二', 5, 1, 0, '星湖电子', '回访', '已提交 · 按时']);
    expect(logs.rows[2]!.slice(0, 8)).toEqual(['2026-12-03', '周四', '', '', '', '', '', '']);
    // Day 1 (row 3) is handed in: the open blocks start at row 4 (the 2nd) and run to the month's end.
    expect(logs.extraInputs!.map((x) => x.block)).toEqual([
      { row: 3, column: 2, rows: 30, columns: 3 },
      { row: 3, column: 5, rows: 30, columns: 2 },
    ]);
    const reports = reportSheetSpec(zh, owner, m);
    expect(reports.sheetName).toBe('周报月报 E0101 2026-12');
    expect(reports.rows).toHaveLength(4 * 5 + 3);
    expect(reports.rows[0]!.slice(2, 4)).toEqual(['上周数字', '上周：销售 ¥12,000.00，计划 ¥30,000.00；电话 31/40；拜访 6/8；已交日志 4 篇。']);
    expect(reports.rows[1]!.slice(0, 3)).toEqual(['周报', '2026-12-07', '上周工作总结']);
    expect(reports.rows[20]!.slice(0, 3)).toEqual(['月报', '2026-12', '本月工作总结']);
  });

  it('sends only what is new or changed, with the revision it was written from; a submit also hands in unchanged drafts', () => {
    const m = month();
    const logs = asRead(logSheetSpec(zh, owner, m));
    const reports = asRead(reportSheetSpec(zh, owner, m));
    type(logs, 'C5', 7); // the 3rd: a new log
    type(logs, 'G5', '拜访两家客户');
    type(reports, 'D4', '完成回访'); // week of the 7th: results
    type(reports, 'D5', '本周拜访三家');
    const draft = readWorkMonthSheets(zh, m, logs, reports, '2026-12-03', false);
    expect(draft.issues).toEqual([]);
    expect(draft.input.logs).toEqual([{ day: '2026-12-03', revision: null, input: { calls: 7, visits: 0, deals: 0, customersMet: '', notes: '拜访两家客户' } }]);
    expect(draft.input.weeklyReports).toEqual([{ week: '2026-12-07', revision: null, input: { results: '完成回访', plan: '本周拜访三家', marketFeedback: '', problems: '' } }]);
    expect(draft.input.monthlyReport).toBeNull();
    const submit = readWorkMonthSheets(zh, m, logs, reports, '2026-12-03', true);
    expect(submit.input.logs.map((l) => [l.day, l.revision])).toEqual([
      ['2026-12-02', 1],
      ['2026-12-03', null],
    ]);
  });

  it('names each problem by sheet and cell: a word in a count, a future day, a required text, a handed-in day changed', () => {
    const m = month();
    const logs = asRead(logSheetSpec(zh, owner, m));
    const reports = asRead(reportSheetSpec(zh, owner, m));
    type(logs, 'C3', 9); // the 1st, handed in
    type(logs, 'D5', '三次');
    type(logs, 'G5', '拜访');
    type(logs, 'G10', '未来'); // the 8th, after today
    type(reports, 'D23', '本月完成 92%'); // monthly: results only
    const back = readWorkMonthSheets(zh, m, logs, reports, '2026-12-03', true);
    expect(back.issues.map((i) => i.message)).toEqual([
      '工作日志 E0101 2026-12!C3: 已经提交，不能再修改。',
      '工作日志 E0101 2026-12!D5: “三次”不是整数。',
      '工作日志 E0101 2026-12!A10: 2026-12-08 的日志：工作日志只能记录已经过去的日子：2026年12月8日 晚于今天（2026年12月3日）。',
      '周报月报 E0101 2026-12!D24: 2026-12 月报：请填写此项。',
      '周报月报 E0101 2026-12!D25: 2026-12 月报：请填写此项。',
    ]);
  });

  it('says when nothing is new or changed, and finds rows by their keys wherever they are now', () => {
    const m = month();
    const logs = asRead(logSheetSpec(zh, owner, m));
    expect(readWorkMonthSheets(zh, m, logs, null, '2026-12-03', false).issues.map((i) => i.message)).toEqual([
      '2026-12 工作表中没有新填写或修改的内容：请先填写某天的日志或某份报告。',
    ]);
    // The rep sorted the days backwards: the 3rd is still the 3rd.
    const body = logs.values.slice(2).reverse();
    logs.values.splice(2, body.length, ...body);
    const at = logs.values.findIndex((r) => r[8] === 'L|2026-12-03');
    logs.values[at]![2] = 4;
    const back = readWorkMonthSheets(zh, m, logs, null, '2026-12-03', false);
    expect(back.input.logs).toEqual([{ day: '2026-12-03', revision: null, input: { calls: 4, visits: 0, deals: 0, customersMet: '', notes: '' } }]);
    expect(back.cellOf({ kind: 'LOG', period: '2026-12-03' }, 'calls')).toBe(`工作日志 E0101 2026-12!C${at + 1}`);
  });
});

describe('a week’s figures', () => {
  it('says sales as money (¥, thousands) in both languages, and no plan as such', () => {
    const f = { ...figures, actualSales: '3753.00', plannedSales: null, logsSubmitted: 1 };
    expect(weeklyFiguresText(zh, f)).toBe('上周：销售 ¥3,753.00，计划 无计划；电话 31/40；拜访 6/8；已交日志 1 篇。');
    expect(weeklyFiguresText(words.en, { ...f, plannedSales: '12500.5' })).toBe('Last week: sales ¥3,753.00, planned ¥12,500.50; calls 31/40; visits 6/8; 1 log handed in.');
  });
});
