/** The stand-in behaves like Excel where the adapter depends on it. */
import { describe, expect, it } from 'vitest';
import { createStandInExcel, REQUEST_LIMIT_BYTES, StandInError } from './excel-standin.ts';

describe('Excel stand-in', () => {
  it('queues writes until sync, and counts syncs', async () => {
    const { workbook } = createStandInExcel();
    await workbook.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B1');
      r.values = [['a', 1]];
      expect(workbook.read('Sheet1', 'A1:B1')).toEqual([['', '']]);
      await ctx.sync();
    });
    expect(workbook.read('Sheet1', 'A1:B1')).toEqual([['a', 1]]);
    expect(workbook.stats.syncs).toBe(1);
  });

  it('throws PropertyNotLoaded for a property read before load and sync', async () => {
    const { workbook } = createStandInExcel();
    await workbook.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1');
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      r.load('values');
      expect(() => r.values).toThrow(StandInError);
      await ctx.sync();
      expect(r.values).toEqual([['']]);
    });
  });

  it('gives null objects for missing items', async () => {
    const { workbook } = createStandInExcel();
    await workbook.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject('Nope');
      const prop = missing.customProperties.getItemOrNullObject('k');
      missing.load('isNullObject');
      prop.load('value');
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(prop.isNullObject).toBe(true);
      ctx.workbook.worksheets.getItem('Nope').getRange('A1').values = [['x']];
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
    });
  });

  it('rejects a request over 5 MB whole, applying nothing', async () => {
    const { workbook } = createStandInExcel();
    const big = 'x'.repeat(1000);
    const rows = Array.from({ length: 6000 }, () => [big]);
    await workbook.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('A1').values = [['first']];
      sheet.getRangeByIndexes(1, 0, rows.length, 1).values = rows;
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    });
    expect(workbook.read('Sheet1', 'A1')).toEqual([['']]);
    expect(workbook.stats.largestRequestBytes).toBeGreaterThan(REQUEST_LIMIT_BYTES);
  });

  it('checks shapes and the grid', async () => {
    const { workbook } = createStandInExcel();
    await workbook.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('A1:B2').values = [['only one row', 'x']];
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
      expect(() => sheet.getRangeByIndexes(1_048_576, 0, 1, 1)).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
    });
  });

  it('treats null, "", formulas, apostrophes, numbers and text formats as Excel does', async () => {
    const { workbook } = createStandInExcel();
    workbook.type('Sheet1', 'A1', 'keep me');
    await workbook.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('B1:B1').numberFormat = [['@']];
      sheet.getRange('A1:F1').values = [[null, '007', '=1+1', "'=1+1", '42', '']];
      await ctx.sync();
    });
    expect(workbook.read('Sheet1', 'A1:F1')).toEqual([['keep me', '007', 2, '=1+1', 42, '']]);
    expect(workbook.cell('Sheet1', 'C1')?.formula).toBe('=1+1');
    expect(workbook.cell('Sheet1', 'D1')?.formula).toBeUndefined();
  });
});
