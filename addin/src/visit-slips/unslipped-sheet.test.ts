/** The month's field-visit days without a slip, written into the stand-in as a table, in both languages. */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { writeSheetTable, type ExcelRun } from '../excel/workbook.ts';
import { words } from '../i18n.ts';
import { UNSLIPPED_KIND, unslippedSheet } from './unslipped-sheet.ts';
import { toInstant } from './use-visit-slips.ts';

const rows = [
  { personId: 'p1', personName: '王芳', employeeNo: 'E001', unitName: '华东一区一组', date: '2026-03-12' },
  { personId: 'p2', personName: '李强', employeeNo: 'E002', unitName: '华东一区二组', date: '2026-03-13' },
];

describe('field-visit days without a slip, as a sheet', () => {
  it('has one row per person and day, headed in the reader’s language', () => {
    const zh = unslippedSheet(words['zh-CN'], '2026-03', rows);
    expect(zh).toMatchObject({ kind: UNSLIPPED_KIND, sheetName: '无出访单外勤 2026-03', identity: { month: '2026-03' } });
    expect(zh.columns.map((c) => c.header)).toEqual(['工号', '姓名', '部门', '日期']);
    expect(zh.rows).toEqual([
      ['E001', '王芳', '华东一区一组', '2026-03-12'],
      ['E002', '李强', '华东一区二组', '2026-03-13'],
    ]);
    // The banner says what the days mean, not "see sheet …" of the sheet it heads.
    expect(zh.banner).toBe('2026-03 共有 2 个外勤日没有已批准的出访单：薪资按薪酬方案处理这些日子（默认按缺勤）。');
    expect(unslippedSheet(words.en, '2026-03', rows).columns.map((c) => c.header)).toEqual(['Employee no.', 'Name', 'Unit', 'Day']);
  });

  it('writes into the workbook', async () => {
    const excel = createStandInExcel();
    const report = await writeSheetTable(excel.workbook.run as unknown as ExcelRun, unslippedSheet(words.en, '2026-03', rows));
    expect(report.sheetName).toBe('No visit slip 2026-03');
  });

  it('reads the form’s times as instants, and nothing from an empty or bad one', () => {
    expect(toInstant('')).toBeNull();
    expect(toInstant('not a time')).toBeNull();
    // China time, whatever the zone the tests run in.
    expect(toInstant('2026-03-10T09:00')).toBe('2026-03-10T01:00:00.000Z');
    expect(toInstant('2026-03-10T07:30')).toBe('2026-03-09T23:30:00.000Z');
  });
});
