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

  it('gives null objects for missing items, usable once a sync said they are null', async () => {
    const { workbook } = createStandInExcel();
    await workbook.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject('Nope');
      missing.load('isNullObject');
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      const prop = missing.customProperties.getItemOrNullObject('k');
      prop.load('value');
      await ctx.sync();
      expect(prop.isNullObject).toBe(true);
      ctx.workbook.worksheets.getItem('Nope').getRange('A1').values = [['x']];
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
    });
  });

  it('fails a batch that calls into a null object before a sync said it was null (harsh)', async () => {
    const { workbook } = createStandInExcel();
    await workbook.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject('Nope');
      missing.load('isNullObject');
      missing.customProperties.getItemOrNullObject('k').load('value');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
      // An existing sheet reached the same way is fine.
      const there = ctx.workbook.worksheets.getItemOrNullObject('Sheet1');
      const used = there.getUsedRangeOrNullObject(true);
      used.load('address');
      await ctx.sync();
      expect(used.isNullObject).toBe(true);
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

  it('refuses a literal drop-down list over 255 characters, and a list reference that is not one row or column of a sheet', async () => {
    const { workbook } = createStandInExcel(['Sheet1', 'Lists']);
    const setList = (source: string) =>
      workbook.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').dataValidation.rule = { list: { inCellDropDown: true, source } } as never;
        await ctx.sync();
      });
    await setList('x'.repeat(255));
    await expect(setList('x'.repeat(256))).rejects.toMatchObject({ code: 'InvalidArgument' });
    await setList('=Lists!$A$1:$A$9');
    await setList('=Lists!$B$2:$K$2');
    await expect(setList('=Lists!$A$1:$B$9')).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(setList('=Nowhere!$A$1:$A$9')).rejects.toMatchObject({ code: 'InvalidArgument' });
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

  // ---- Part A (issue 9): the harsher readings ----

  it('sync with nothing queued costs no round trip; Excel.run ends with a sync of what is queued', async () => {
    const { workbook } = createStandInExcel();
    await workbook.run(async (ctx) => {
      await ctx.sync();
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['late']];
    });
    expect(workbook.stats.syncs).toBe(1);
    expect(workbook.read('Sheet1', 'A1')).toEqual([['late']]);
  });

  it('deleting a table clears its cells; convertToRange keeps them; typing beside or below grows it', async () => {
    const { workbook } = createStandInExcel();
    const make = () =>
      workbook.run(async (ctx) => {
        const sheet = ctx.workbook.worksheets.getItem('Sheet1');
        sheet.getRange('A1:B2').values = [['h1', 'h2'], [1, 2]];
        sheet.tables.add(sheet.getRange('A1:B2'), true).name = 'T';
        await ctx.sync();
      });
    await make();
    workbook.type('Sheet1', 'C2', 'beside');
    workbook.type('Sheet1', 'A3', 'below');
    expect(workbook.tables[0]).toMatchObject({ columns: 3, rows: 3 });
    expect(workbook.read('Sheet1', 'C1')).toEqual([['Column1']]);
    await workbook.run(async (ctx) => ctx.workbook.tables.getItem('T').delete());
    expect(workbook.read('Sheet1', 'A1:C3')).toEqual([['', '', ''], ['', '', ''], ['', '', '']]);
    await make();
    await workbook.run(async (ctx) => void ctx.workbook.tables.getItem('T').convertToRange());
    expect(workbook.tables).toHaveLength(0);
    expect(workbook.read('Sheet1', 'A2:B2')).toEqual([[1, 2]]);
  });

  it('adds a table given an address without a sheet name on the active sheet; names are unique in the workbook', async () => {
    const { workbook } = createStandInExcel(['Sheet1', 'Data']);
    await workbook.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Data').tables.add('A1:B2', true);
      ctx.workbook.worksheets.getItem('Data').tables.add('Data!A1:B2', true).name = 'Mine';
      await ctx.sync();
      ctx.workbook.worksheets.getItem('Sheet1').tables.add('Sheet1!D1:E2', true).name = 'mine';
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    });
    expect(workbook.tables.map((t) => `${t.sheet.name}:${t.name}`)).toEqual(['Sheet1:Table1', 'Data:Mine', 'Sheet1:Table3']);
  });

  it('a protected sheet refuses all but selection on locked cells; protect twice and unprotect twice fail', async () => {
    const { workbook } = createStandInExcel();
    await workbook.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('B1').format.protection.locked = false;
      sheet.protection.protect({ allowFormatColumns: true });
      await ctx.sync();
      const refused: [string, () => void][] = [
        ['fill', () => (sheet.getRange('A1').format.fill.color = 'red')],
        ['width', () => (sheet.getRange('A1').format.columnWidth = 40)],
        ['hide', () => (sheet.getRange('A1').columnHidden = true)],
        ['validation', () => sheet.getRange('A1').dataValidation.clear()],
        ['freeze', () => sheet.freezePanes.freezeRows(1)],
        ['custom property', () => sheet.customProperties.add('k', 'v')],
        ['table', () => sheet.tables.add(sheet.getRange('C1:D2'), true)],
        ['protect again', () => sheet.protection.protect()],
      ];
      for (const [what, op] of refused) {
        op();
        await expect(ctx.sync(), what).rejects.toMatchObject({ code: 'AccessDenied' });
      }
      sheet.getRange('B1').values = [['typed']];
      sheet.getRange('A1').select();
      sheet.protection.unprotect();
      await ctx.sync();
      sheet.protection.unprotect();
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
    });
    expect(workbook.read('Sheet1', 'B1')).toEqual([['typed']]);
  });

  it('inserting or deleting a row is refused on a protected sheet unless allowed, and formulas follow the rows as in Excel', async () => {
    const { workbook } = createStandInExcel();
    await workbook.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('A1:A5').values = [[1], [2], [3], ['=SUM(A1:A3)'], ['=A2+$A$3']];
      sheet.protection.protect({ allowFormatColumns: true });
      await ctx.sync();
    });
    expect(() => workbook.insertRow('Sheet1', 2)).toThrow(/protected/);
    expect(() => workbook.deleteRow('Sheet1', 2)).toThrow(/protected/);
    expect(workbook.read('Sheet1', 'A4:A5')).toEqual([[6], [5]]);
    await workbook.run(async (ctx) => {
      const protection = ctx.workbook.worksheets.getItem('Sheet1').protection;
      protection.unprotect();
      protection.protect({ allowInsertRows: true, allowDeleteRows: true });
      await ctx.sync();
    });
    // Inside the summed range: it grows; the references below move down.
    workbook.insertRow('Sheet1', 2);
    workbook.sheet('Sheet1')!.protected = false;
    workbook.type('Sheet1', 'A2', 10);
    expect(workbook.cell('Sheet1', 'A5')!.formula).toBe('=SUM(A1:A4)');
    expect(workbook.cell('Sheet1', 'A6')!.formula).toBe('=A3+$A$4');
    expect(workbook.read('Sheet1', 'A5:A6')).toEqual([[16], [5]]);
    // Deleting a row of the range shrinks it; a reference to the deleted row alone becomes #REF!.
    workbook.deleteRow('Sheet1', 3);
    expect(workbook.cell('Sheet1', 'A4')!.formula).toBe('=SUM(A1:A3)');
    expect(workbook.read('Sheet1', 'A4:A5')).toEqual([[14], ['#REF!']]);
    // Above the range: it moves whole.
    workbook.insertRow('Sheet1', 1);
    expect(workbook.cell('Sheet1', 'A5')!.formula).toBe('=SUM(A2:A4)');
  });

  it('a width shows a hidden column again (harsh)', async () => {
    const { workbook } = createStandInExcel();
    await workbook.run(async (ctx) => {
      const a = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1');
      a.columnHidden = true;
      a.format.columnWidth = 30;
      await ctx.sync();
    });
    expect(workbook.sheet('Sheet1')!.hiddenColumns.size).toBe(0);
  });
});
