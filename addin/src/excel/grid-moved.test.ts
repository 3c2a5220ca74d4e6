/**
 * Issue 9 §1: a grid sheet (no table to move with the rows) refuses a refresh
 * when the user's cells have entered its block: rows inserted above or inside
 * it, or something typed right below it. Before, the old block was cleared
 * where its tag said, erasing the user's note and leaving a stale copy of a
 * row below, which the read-back then took for a second row of that unit.
 */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { format, words } from '../i18n.ts';
import { EXPENSES_KIND, expensesSheetSpec, readExpensesSheet, type ExpenseUnit } from '../results/expenses-sheet.ts';
import { readTaggedSheet, WorkbookError, writeGridSheet, type ExcelRun } from './workbook.ts';

const units: ExpenseUnit[] = [
  { id: 'u-area', code: 'EA', name: 'East', depth: 2 },
  { id: 'u-t1', code: 'EA1', name: 'East 1', depth: 3 },
  { id: 'u-t2', code: 'EA2', name: 'East 2', depth: 3 },
];
const figures = units.map((u) => ({ unitId: u.id, category: 'ADVERTISING' as const, amount: '500.00' }));
const spec = () => expensesSheetSpec(words.en, '2026-03', units, figures);
const month = { month: '2026-03' };

async function pulled() {
  const { workbook } = createStandInExcel();
  const run = workbook.run as unknown as ExcelRun;
  const { sheetName } = await writeGridSheet(run, spec());
  return { workbook, run, sheetName, cells: () => JSON.stringify([...workbook.sheet(sheetName)!.cells]) };
}

/** Pulling again as the Expenses section does: read the sheet, then write with what the read found. */
const pullAgain = async (run: ExcelRun) => writeGridSheet(run, spec(), { sheet: (await readTaggedSheet(run, EXPENSES_KIND, month))!.sheet });

describe('a grid sheet whose block the user changed', () => {
  it('refuses, changing nothing, when a row was inserted inside it and a note typed there (with or without the read’s handle)', async () => {
    const { workbook, run, sheetName, cells } = await pulled();
    workbook.sheet(sheetName)!.protected = false;
    workbook.insertRow(sheetName, 4);
    workbook.type(sheetName, 'B4', 'my note');
    const before = cells();
    for (const write of [() => pullAgain(run), () => writeGridSheet(run, spec())]) {
      const error = await write().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkbookError);
      // The unit pushed out of the block's last row is where it shows.
      expect(error).toMatchObject({ reason: 'BLOCK_MOVED', params: { sheet: sheetName, cell: 'A6' } });
      expect(cells()).toBe(before);
    }
    expect(workbook.read(sheetName, 'B4:B4')).toEqual([['my note']]);
    const params = { sheet: sheetName, cell: 'A6' };
    expect(format(words.en.workbook.BLOCK_MOVED, params)).toBe(`Rows were inserted into or above what Quotabook wrote on “${sheetName}” (see ${sheetName}!A6), or something was typed right below it. Nothing was changed: delete the inserted rows, or move what you added out of the way, then pull again.`);
    expect(format(words['zh-CN'].workbook.BLOCK_MOVED, params)).toContain(`（见 ${sheetName}!A6）`);
  });

  it('refreshes once the inserted row is deleted again, and the read-back holds each unit once', async () => {
    const { workbook, run, sheetName } = await pulled();
    workbook.sheet(sheetName)!.protected = false;
    workbook.insertRow(sheetName, 4);
    await expect(pullAgain(run)).rejects.toMatchObject({ reason: 'BLOCK_MOVED' });
    workbook.deleteRow(sheetName, 4);
    await pullAgain(run);
    const back = readExpensesSheet(words.en, (await readTaggedSheet(run, EXPENSES_KIND, month))!);
    expect(back.lines.filter((l) => l.category === 'ADVERTISING').map((l) => l.unitId)).toEqual(['u-area', 'u-t1', 'u-t2']);
  });

  it('refuses when a row was inserted above the header (the header is no longer where it was written)', async () => {
    const { workbook, run, sheetName, cells } = await pulled();
    workbook.sheet(sheetName)!.protected = false;
    workbook.insertRow(sheetName, 1);
    workbook.type(sheetName, 'A1', 'My title');
    const before = cells();
    await expect(pullAgain(run)).rejects.toMatchObject({ reason: 'BLOCK_MOVED', params: { cell: 'A2' } });
    await expect(writeGridSheet(run, spec())).rejects.toMatchObject({ reason: 'BLOCK_MOVED', params: { cell: 'A2' } });
    expect(cells()).toBe(before);
  });

  it('refuses a note typed right below the block (a row pushed down looks the same), and keeps one a row further down', async () => {
    const { workbook, run, sheetName } = await pulled();
    workbook.sheet(sheetName)!.protected = false;
    workbook.type(sheetName, 'B6', 'right below');
    await expect(pullAgain(run)).rejects.toMatchObject({ reason: 'BLOCK_MOVED', params: { cell: 'B6' } });
    workbook.type(sheetName, 'B6', '');
    workbook.type(sheetName, 'B7', 'a row apart');
    await pullAgain(run);
    await writeGridSheet(run, spec());
    expect(workbook.read(sheetName, 'B7:B7')).toEqual([['a row apart']]);
  });
});
