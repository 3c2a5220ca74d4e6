import { describe, expect, it } from 'vitest';
import { formatRuns, rectangles } from './chunks.ts';
import { writeGridSheet, type ExcelRun, type GridSheetSpec } from './workbook.ts';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';

describe('formats and highlights by range', () => {
  it('groups neighbouring columns of one number format', () => {
    expect(formatRuns(['@', '@', '#,##0.00', '#,##0.00', '#,##0.00', '@'])).toEqual([
      [0, 2, '@'],
      [2, 3, '#,##0.00'],
      [5, 1, '@'],
    ]);
    expect(formatRuns([])).toEqual([]);
  });

  it('covers exactly the cells with as few rectangles as runs allow', () => {
    const cells = (list: string) => list.split(' ').map((a) => ({ column: a.charCodeAt(0) - 65, row: Number(a.slice(1)) - 1 }));
    const a1 = (b: { row: number; column: number; rows: number; columns: number }) => `${String.fromCharCode(65 + b.column)}${b.row + 1}:${String.fromCharCode(65 + b.column + b.columns - 1)}${b.row + b.rows}`;
    // A whole block of three columns, in any order, given twice: one rectangle.
    expect(rectangles(cells('C3 B2 B3 C2 D2 D3 B2')).map(a1)).toEqual(['B2:D3']);
    // Gaps split a column; runs over other rows in the next column start their own.
    expect(rectangles(cells('A1 A2 A4 B1 B2 B4 C2')).map(a1)).toEqual(['A1:B2', 'A4:B4', 'C2:C2']);
    // Not neighbours: separate.
    expect(rectangles(cells('A1 C1')).map(a1)).toEqual(['A1:A1', 'C1:C1']);
    expect(rectangles([])).toEqual([]);
  });

  it('highlights 30,000 changed cells in one request of a few kilobytes, as a refresh that changed everything would', async () => {
    const workbook = createStandInExcel();
    const run = workbook.workbook.run as unknown as ExcelRun;
    const rows = Array.from({ length: 10_000 }, (_, i) => [`P${i}`, i, i * 2, i * 3]);
    const spec: GridSheetSpec = {
      sheetName: 'Payroll',
      kind: 'payroll',
      columns: ['id', 'a', 'b', 'c'].map((header) => ({ header, numberFormat: header === 'id' ? '@' : '#,##0.00', width: 60 })),
      rows,
      properties: {},
      input: { row: 1, column: 0, rows: 0, columns: 0 },
      inputRule: { kind: 'decimal', message: '' },
      hiddenColumns: [],
      totalRows: [],
      protect: false,
      highlight: rows.flatMap((_, i) => [1, 2, 3].map((column) => ({ row: 1 + i, column }))),
    };
    const before = workbook.workbook.stats.requestBytes.length;
    await writeGridSheet(run, spec);
    const bytes = workbook.workbook.stats.requestBytes.slice(before);
    expect(workbook.workbook.cell('Payroll', 'B2')?.fill).toBe('#FFEB9C');
    expect(workbook.workbook.cell('Payroll', 'D10001')?.fill).toBe('#FFEB9C');
    expect(workbook.workbook.cell('Payroll', 'A2')?.fill).not.toBe('#FFEB9C');
    // The values are most of it; a format action per cell would have added some 30,000 × 256 bytes (7.7 MB, over Excel's 5 MB).
    expect(Math.max(...bytes)).toBeLessThan(1024 * 1024);
  });
});
