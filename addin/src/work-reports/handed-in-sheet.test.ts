/** Who handed in what, as a sheet: fixed columns, one column per report of the period, written without clobbering the user's cells. */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { writeSheetTable, type ExcelRun } from '../excel/workbook.ts';
import { words } from '../i18n.ts';
import { HANDED_IN_KIND, handedInCounts, handedInSheetSpec } from './handed-in-sheet.ts';
import type { HandedInSheet } from './operations.ts';

const report = (period: string, timeliness: 'ON_TIME' | 'LATE' | 'DUE' | 'MISSING', kind: 'WEEKLY' | 'MONTHLY' = 'WEEKLY') => ({ kind, period, id: timeliness === 'MISSING' ? null : 'r', dueOn: period, timeliness, submittedAt: null, commented: false });
const week: HandedInSheet = {
  period: '2026-03-02',
  start: '2026-03-02',
  end: '2026-03-08',
  columns: [{ kind: 'WEEKLY', period: '2026-03-02' }],
  rows: [
    { personId: 'p1', personName: '王芳', employeeNo: 'E001', unitName: '华东一区一组', workingDays: 5, logsSubmitted: 5, logsOnTime: 4, logsLate: 1, logsMissing: 0, logsNotYetDue: 0, reports: [report('2026-03-02', 'ON_TIME')] },
    { personId: 'p2', personName: '李强', employeeNo: 'E002', unitName: '华东一区一组', workingDays: 5, logsSubmitted: 2, logsOnTime: 2, logsLate: 0, logsMissing: 3, logsNotYetDue: 0, reports: [report('2026-03-02', 'MISSING')] },
  ],
};

describe('the handed-in sheet', () => {
  it('has people × logs and reports, in the reader’s language, late and missing counted', () => {
    const zh = handedInSheetSpec(words['zh-CN'], week);
    expect(zh).toMatchObject({ kind: HANDED_IN_KIND, sheetName: '交报情况 2026-03-02', identity: { period: '2026-03-02' } });
    expect(zh.columns.map((c) => c.header)).toEqual(['工号', '姓名', '部门', '工作日', '已交日志', '迟交日志', '缺交日志', '周报 2026-03-02']);
    expect(zh.rows).toEqual([
      ['E001', '王芳', '华东一区一组', 5, 5, 1, 0, '按时'],
      ['E002', '李强', '华东一区一组', 5, 2, 0, 3, '缺交'],
    ]);
    expect(handedInCounts(week)).toEqual({ n: 2, late: 1, missing: 4, notYetDue: 0 });
    expect(zh.banner).toBe('交报情况 2026-03-02（2026-03-02 至 2026-03-08）：共 2 人；迟交 1 项，缺交 4 项。');
    expect(handedInSheetSpec(words.en, week).columns.at(-1)!.header).toBe('Weekly 2026-03-02');
  });

  it('says in the banner how many logs are not due yet (this week, today’s), so the counts add up', () => {
    const thisWeek = { ...week, rows: [{ ...week.rows[0]!, workingDays: 5, logsSubmitted: 4, logsOnTime: 4, logsLate: 0, logsMissing: 0, logsNotYetDue: 1 }] };
    expect(handedInSheetSpec(words['zh-CN'], thisWeek).banner).toBe('交报情况 2026-03-02（2026-03-02 至 2026-03-08）：共 1 人；迟交 0 项，缺交 0 项。另有 1 篇日志尚未到期（当天及以后的），既不算已交也不算缺交。');
    expect(handedInSheetSpec(words.en, thisWeek).banner).toMatch(/ 1 log is not due yet \(today’s, the days to come\), neither handed in nor missing\.$/);
  });

  it('has a month’s weekly reports and its monthly report as columns', () => {
    const month: HandedInSheet = {
      period: '2026-03',
      start: '2026-03-01',
      end: '2026-03-31',
      columns: [{ kind: 'WEEKLY', period: '2026-03-02' }, { kind: 'WEEKLY', period: '2026-03-09' }, { kind: 'MONTHLY', period: '2026-03' }],
      rows: [{ ...week.rows[0]!, reports: [report('2026-03-02', 'ON_TIME'), report('2026-03-09', 'LATE'), report('2026-03', 'DUE', 'MONTHLY')] }],
    };
    const spec = handedInSheetSpec(words['zh-CN'], month);
    expect(spec.columns.slice(7).map((c) => c.header)).toEqual(['周报 2026-03-02', '周报 2026-03-09', '月报 2026-03']);
    expect(spec.rows[0]!.slice(7)).toEqual(['按时', '迟交', '待交']);
    expect(spec.conditionalFormats!.map((f) => f.column)).toEqual([7, 7, 8, 8, 9, 9]);
  });

  it('writes the exact cells, and keeps a note the user typed beside the table', async () => {
    const excel = createStandInExcel();
    const run = excel.workbook.run as unknown as ExcelRun;
    const first = await writeSheetTable(run, handedInSheetSpec(words['zh-CN'], week));
    expect(first.sheetName).toBe('交报情况 2026-03-02');
    const rows = excel.workbook.read(first.sheetName, 'A1:H4');
    expect(rows.find((r) => r[0] === '工号')).toEqual(['工号', '姓名', '部门', '工作日', '已交日志', '迟交日志', '缺交日志', '周报 2026-03-02']);
    expect(rows.find((r) => r[0] === 'E002')).toEqual(['E002', '李强', '华东一区一组', 5, 2, 0, 3, '缺交']);
    excel.workbook.type(first.sheetName, 'K3', '周五前补交');
    await writeSheetTable(run, handedInSheetSpec(words['zh-CN'], { ...week, rows: [week.rows[0]!] }));
    expect(excel.workbook.read(first.sheetName, 'K3')).toEqual([['周五前补交']]);
  });
});
