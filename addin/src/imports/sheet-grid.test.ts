import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { readActiveSheet, SheetTooLargeError, type ExcelRun } from '../excel/workbook.ts';
import { isDateFormat, serialToDay, toSheetGrid } from './sheet-grid.ts';

describe('isDateFormat', () => {
  it.each([
    ['yyyy/m/d', true],
    ['m/d/yyyy', true],
    ['yyyy-mm-dd', true],
    ['yyyy"年"m"月"d"日"', true],
    ['[$-804]yyyy"年"m"月"d"日";@', true],
    ['yyyy/m/d h:mm', true],
    ['General', false],
    ['@', false],
    ['#,##0.00', false],
    ['¥#,##0.00;[Red]-¥#,##0.00', false],
    ['0%', false],
    ['h:mm:ss', false],
    ['mm:ss', false],
    ['"m"0', false],
  ])('%s → %s', (format, date) => expect(isDateFormat(format)).toBe(date));
});

describe('toSheetGrid', () => {
  it('turns date cells into ISO days, keeps numbers and text, drops trailing empty rows and columns', () => {
    expect(serialToDay(45720)).toBe('2025-03-04');
    const grid = toSheetGrid(
      '三月',
      [
        ['单号', '日期', '金额', ''],
        ['S-1', 45720.75, 1234.56, ''],
        ['S-2', '2025/3/5', 0.1, ''],
        ['', '', '', ''],
      ],
      [
        ['General', 'General', 'General', 'General'],
        ['@', 'yyyy/m/d', '#,##0.00', 'General'],
        ['@', 'General', '#,##0.00', 'General'],
        ['General', 'General', 'General', 'General'],
      ],
    );
    expect(grid).toEqual({
      sheet: '三月',
      rows: [
        ['单号', '日期', '金额'],
        ['S-1', '2025-03-04', 1234.56],
        ['S-2', '2025/3/5', 0.1],
      ],
    });
  });
});

describe('a number in a date cell that no date can be', () => {
  it('stays the number (a phone or order number pasted into a date column), for the import to name by its cell, not a crash', () => {
    const formats = [['yyyy/m/d', 'yyyy/m/d', 'yyyy/m/d', 'yyyy/m/d']];
    expect(toSheetGrid('Sheet1', [[1_000_000_000, 3_000_000, 2_958_465, 0]], formats).rows).toEqual([[1_000_000_000, 3_000_000, '9999-12-31', 0]]);
  });
});

describe('readActiveSheet', () => {
  const excel = () => {
    const s = createStandInExcel(['Sheet1', 'Other']);
    return { ...s, run: s.workbook.run as unknown as ExcelRun };
  };

  it('reads the sheet the user is on from A1, in blocks of whole rows, one sync each, and writes nothing', async () => {
    const { workbook, run } = excel();
    workbook.activate('Other');
    for (let r = 1; r <= 10; r++) {
      workbook.type('Other', `B${r}`, `x${r}`);
      workbook.type('Other', `C${r}`, r);
    }
    const progress: number[] = [];
    const syncs = workbook.stats.syncs;
    const read = await readActiveSheet(run, { maxCells: 12, onProgress: (p) => progress.push(p.rowsRead) });
    expect(read.sheetName).toBe('Other');
    expect(read.values).toHaveLength(10);
    expect(read.values[9]).toEqual(['', 'x10', 10]);
    expect(read.numberFormats[0]).toEqual(['General', 'General', 'General']);
    expect(progress).toEqual([4, 8, 10]);
    expect(workbook.stats.syncs - syncs).toBe(1 + 3);
    expect(workbook.read('Other', 'B1:C1')).toEqual([['x1', 1]]);
  });

  it('gives an empty read for an empty sheet, and refuses a sheet beyond maxRows before reading it', async () => {
    const { workbook, run } = excel();
    expect(await readActiveSheet(run)).toEqual({ sheetName: 'Sheet1', values: [], numberFormats: [] });
    workbook.type('Sheet1', 'A100', 'x');
    await expect(readActiveSheet(run, { maxRows: 50 })).rejects.toBeInstanceOf(SheetTooLargeError);
  });
});
