/**
 * The stand-in's workbook custom document properties (Workbook.properties.custom,
 * ExcelApi 1.7) and opening a workbook file (an .xlsx read in Node by
 * xlsx-standin.ts, then `load`ed): sheets, values, formulas computed, number
 * formats, locking, validation, protection, hidden columns, custom properties.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createStandInExcel } from './excel-standin.ts';
import { workbookFileFromXlsx } from './xlsx-standin.ts';
import { addTaskpaneParts } from '../../server/rep-plans/template-package.ts';

describe('workbook custom properties', () => {
  it('add creates or sets (keys case-insensitive), getItemOrNullObject is null once synced, getItem of a missing key fails, items list them, delete and deleteAll remove', async () => {
    const { workbook } = createStandInExcel();
    await workbook.run(async (ctx) => {
      const custom = ctx.workbook.properties.custom;
      custom.add('QuotabookKind', 'rep-plan-template');
      custom.add('Count', 3);
      custom.add('quotabookkind', 'other');
      const missing = custom.getItemOrNullObject('Nope');
      const kind = custom.getItemOrNullObject('QUOTABOOKKIND');
      missing.load('value');
      kind.load(['key', 'value', 'type']);
      // Nothing is known before the sync.
      expect(() => kind.value).toThrow(/not available/);
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect([kind.key, kind.value, kind.type]).toEqual(['QuotabookKind', 'other', 'String']);
      custom.load('items');
      await ctx.sync();
      expect(custom.items.map((p) => [p.key, p.value, p.type])).toEqual([
        ['QuotabookKind', 'other', 'String'],
        ['Count', 3, 'Number'],
      ]);
    });
    await expect(
      workbook.run(async (ctx) => {
        ctx.workbook.properties.custom.getItem('Nope').load('value');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
    await workbook.run(async (ctx) => {
      ctx.workbook.properties.custom.getItem('count').delete();
      await ctx.sync();
    });
    expect([...workbook.customProperties.values()].map((p) => p.key)).toEqual(['QuotabookKind']);
    await expect(createStandInExcel().workbook.run(async (ctx) => ctx.workbook.properties.custom.add('k', 'x'.repeat(256)))).rejects.toMatchObject({ code: 'InvalidArgument' });
    await workbook.run(async (ctx) => {
      ctx.workbook.properties.custom.deleteAll();
      await ctx.sync();
    });
    expect(workbook.customProperties.size).toBe(0);
  });
});

describe('opening a workbook file', () => {
  it('loads an .xlsx as the open workbook: sheets, values, formulas computed, formats, locking, validation, protection, hidden columns and custom properties', async () => {
    const book = new ExcelJS.Workbook();
    const cover = book.addWorksheet('封面');
    cover.addRow(['月份', '2026-12']);
    const plan = book.addWorksheet('Plan');
    plan.getColumn(2).numFmt = '#,##0.00';
    plan.addRow(['Week', 100.5, 'W|1']);
    plan.addRow(['Week', 200, 'W|2']);
    plan.addRow(['Total', { formula: 'SUM(B1:B2)' }, 'T']);
    for (const r of [1, 2]) {
      plan.getCell(r, 2).protection = { locked: false };
      plan.getCell(r, 2).dataValidation = { type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0], showErrorMessage: true };
      plan.getCell(r, 2).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8DC' } };
    }
    plan.getColumn(3).hidden = true;
    await plan.protect('', {});
    book.views = [{ x: 0, y: 0, width: 100, height: 100, firstSheet: 0, activeTab: 1, visibility: 'visible' }];
    const xlsx = await addTaskpaneParts(Buffer.from(await book.xlsx.writeBuffer()), { id: 'x', version: '1', store: 'EXCatalog', storeType: 'EXCatalog' }, { QuotabookKind: 'rep-plan-template', QuotabookMonth: '2026-12' });

    const { workbook } = createStandInExcel();
    workbook.load(await workbookFileFromXlsx(xlsx));
    expect(workbook.sheets.map((s) => s.name)).toEqual(['封面', 'Plan']);
    expect(workbook.active()?.name).toBe('Plan');
    expect(workbook.read('Plan', 'A1:C3')).toEqual([
      ['Week', 100.5, 'W|1'],
      ['Week', 200, 'W|2'],
      ['Total', 300.5, 'T'],
    ]);
    expect(workbook.cell('Plan', 'B3')).toMatchObject({ formula: '=SUM(B1:B2)', numberFormat: '#,##0.00' });
    expect(workbook.cell('Plan', 'B1')).toMatchObject({ unlocked: true, fill: '#FFF8DC', validation: { decimal: { formula1: 0, operator: 'GreaterThanOrEqualTo' } } });
    expect(workbook.sheet('Plan')!.protected).toBe(true);
    expect(workbook.sheet('封面')!.protected).toBe(false);
    expect([...workbook.sheet('Plan')!.hiddenColumns]).toEqual([2]);
    // The user types into the unlocked cells only; the total follows.
    workbook.type('Plan', 'B2', 50);
    expect(workbook.read('Plan', 'B3')).toEqual([[150.5]]);
    expect(() => workbook.type('Plan', 'A1', 'x')).toThrow(/protected/);
    // The pane reads the custom properties as in Excel.
    const kind = await workbook.run(async (ctx) => {
      const p = ctx.workbook.properties.custom.getItemOrNullObject('QuotabookKind');
      p.load('value');
      await ctx.sync();
      return p.value;
    });
    expect(kind).toBe('rep-plan-template');
    // A user renames a sheet from its tab.
    workbook.rename('Plan', 'Mine');
    expect(workbook.sheet('Plan')).toBeUndefined();
    expect(() => workbook.rename('Mine', '封面')).toThrow(/already exists/);
  });
});
