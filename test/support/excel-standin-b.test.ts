/** The stand-in's harsher models (issue 9, part B): formulas, oversized payloads, charts, conditional formats, requirement sets. */
import { describe, expect, it } from 'vitest';
import { ACTION_OVERHEAD_BYTES, ARRAY_CHUNK_OVERHEAD_BYTES, createStandInExcel, StandInWorkbook } from './excel-standin.ts';
import { parseFormula, UnsupportedFormula } from './excel-formulas.ts';

const write = async (workbook: StandInWorkbook, address: string, values: unknown[][], format?: string) =>
  workbook.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem('Sheet1').getRange(address);
    if (format) r.numberFormat = values.map((row) => row.map(() => format));
    r.values = values;
    await ctx.sync();
  });

describe('formulas', () => {
  it('computes numbers, references, + and -, and SUM over ranges; values give the result, formulas the formula', async () => {
    const { workbook } = createStandInExcel();
    await write(workbook, 'A1:A4', [[1.5], [2], ['text'], ['']]);
    await workbook.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('B1:B5');
      r.formulas = [['=SUM(A1:A4)'], ['=A1+A2-B1'], ['=-A2+(3-1)'], ['=SUM(A1,A2,10)+B1'], [7]];
      await ctx.sync();
      r.load(['values', 'formulas']);
      await ctx.sync();
      expect(r.values).toEqual([[3.5], [0], [0], [17], [7]]);
      expect(r.formulas).toEqual([['=SUM(A1:A4)'], ['=A1+A2-B1'], ['=-A2+(3-1)'], ['=SUM(A1,A2,10)+B1'], [7]]);
    });
    // Text in arithmetic is #VALUE! (SUM skips it); the value follows what the user types.
    await workbook.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('C1').formulas = [['=A3+1']];
      await ctx.sync();
    });
    expect(workbook.read('Sheet1', 'C1')).toEqual([['#VALUE!']]);
    workbook.type('Sheet1', 'A2', 10);
    expect(workbook.read('Sheet1', 'B1')).toEqual([[11.5]]);
  });

  it('reads strings starting with =, + or - (and @) as formulas whatever the number format; an apostrophe keeps text, and is not read back', async () => {
    const { workbook } = createStandInExcel();
    await write(workbook, 'A1:E1', [['=1+1', '+2-1', '-3', "'=1+1", "''x"]], '@');
    expect(workbook.read('Sheet1', 'A1:E1')).toEqual([[2, 1, -3, '=1+1', "'x"]]);
    expect(workbook.cell('Sheet1', 'B1')?.formula).toBe('=+2-1');
    // In a General cell a plain signed number is a number, as typed.
    await write(workbook, 'F1', [['-5']]);
    expect(workbook.cell('Sheet1', 'F1')).toMatchObject({ value: -5 });
    expect(workbook.cell('Sheet1', 'F1')?.formula).toBeUndefined();
  });

  it('refuses at sync a formula it cannot compute, so a test cannot pass on it', async () => {
    for (const text of ['=HYPERLINK("http://x","y")', '+1 (555)', '@home', '=A1*2', '=A1:A2', "=Sheet2!A1"]) {
      const { workbook } = createStandInExcel();
      await expect(write(workbook, 'A1', [[text]])).rejects.toMatchObject({ code: 'StandInUnsupportedFormula' });
      expect(workbook.read('Sheet1', 'A1')).toEqual([['']]);
    }
    expect(() => parseFormula('=SUM(A1:B2')).toThrow(UnsupportedFormula);
    expect(parseFormula('=$A$1')).toEqual({ kind: 'ref', row: 0, column: 0 });
  });

  it('marks a circular reference with a value no test expects', async () => {
    const { workbook } = createStandInExcel();
    await write(workbook, 'A1:B1', [['=B1', '=A1+1']]);
    expect(workbook.read('Sheet1', 'A1:B1')).toEqual([['#CIRCULAR!', '#CIRCULAR!']]);
  });
});

describe('oversized payloads', () => {
  it('counts each action and each 1,500-cell chunk of an array in the request', async () => {
    const { workbook } = createStandInExcel();
    const grid = Array.from({ length: 3001 }, () => [1]);
    await write(workbook, 'A1:A3001', grid);
    const payload = JSON.stringify(grid).length;
    // One action for the values, three 1,500-cell chunks, the request's own 64 bytes.
    expect(workbook.stats.requestBytes[0]).toBe(64 + payload + ACTION_OVERHEAD_BYTES + 3 * ARRAY_CHUNK_OVERHEAD_BYTES);
  });

  it('answers a seeded share of oversized requests with GeneralException, the rest with the size error', async () => {
    const outcomes = async (share: number | 'always', draws: number) => {
      const { workbook } = createStandInExcel();
      workbook.oversizedAsGeneralException = share;
      const codes: string[] = [];
      const big = [['x'.repeat(5 * 1024 * 1024)]];
      for (let i = 0; i < draws; i++) await write(workbook, 'A1', big).catch((e: { code: string }) => codes.push(e.code));
      expect(workbook.read('Sheet1', 'A1')).toEqual([['']]);
      return codes;
    };
    const half = await outcomes(0.5, 5);
    expect(new Set(half)).toEqual(new Set(['GeneralException', 'RequestPayloadSizeLimitExceeded']));
    expect(await outcomes(0.5, 5)).toEqual(half); // the same seed, the same sequence
    expect(await outcomes('always', 2)).toEqual(['GeneralException', 'GeneralException']);
    expect(await outcomes(0, 2)).toEqual(['RequestPayloadSizeLimitExceeded', 'RequestPayloadSizeLimitExceeded']);
  });

  it('fails a response over 5 MB (or with GeneralException), and gives null values past five million cells', async () => {
    const { workbook } = createStandInExcel();
    workbook.oversizedAsGeneralException = 0;
    const sheet = workbook.sheet('Sheet1')!;
    for (let r = 0; r < 600; r++) sheet.cells.set(`${r},0`, { value: 'y'.repeat(10_000), numberFormat: 'General' });
    await workbook.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:A600');
      r.load('values');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
      const huge = ctx.workbook.worksheets.getItem('Sheet1').getRangeByIndexes(0, 0, 5001, 1000);
      huge.load(['address', 'values']);
      await ctx.sync();
      expect(huge.address).toBe('Sheet1!A1:ALL5001');
      expect(huge.values).toBeNull();
    });
    workbook.oversizedAsGeneralException = 'always';
    await workbook.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:A600').load('values');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'GeneralException' });
    });
  });
});

describe('charts', () => {
  it('records a chart’s type, source and the series Excel makes of it, by columns or rows', async () => {
    const { workbook } = createStandInExcel();
    await write(workbook, 'A1:C3', [['', 'Target', 'Actual'], ['王芳', 100, 90], ['李强', 80, 85]]);
    await workbook.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      const c = sheet.charts.add('ColumnClustered', sheet.getRange('A1:C3'), 'Columns');
      c.name = 'Attainment';
      c.title.text = 'Attainment';
      sheet.charts.add('Line', sheet.getRange('A1:C3'), 'Rows');
      await ctx.sync();
    });
    expect(workbook.charts).toHaveLength(2);
    expect(workbook.charts[0]).toMatchObject({
      name: 'Attainment',
      type: 'ColumnClustered',
      source: { row: 0, column: 0, rows: 3, columns: 3 },
      seriesBy: 'Columns',
      title: 'Attainment',
      series: [
        { name: 'Target', values: { row: 1, column: 1, rows: 2, columns: 1 }, xValues: { row: 1, column: 0, rows: 2, columns: 1 } },
        { name: 'Actual', values: { row: 1, column: 2, rows: 2, columns: 1 } },
      ],
    });
    expect(workbook.charts[1]!.series.map((s) => s.name)).toEqual(['王芳', '李强']);
  });

  it('adds series and sets their values (ExcelApi 1.7); the data table (1.14) fails on an Excel that lacks it', async () => {
    const { workbook, Office } = createStandInExcel();
    await write(workbook, 'A1:B2', [[1, 2], [3, 4]]);
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.12')).toBe(true);
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.14')).toBe(false);
    await workbook.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      const c = sheet.charts.add('Line', sheet.getRange('A1:A2'), 'Columns');
      const s = c.series.add('Second');
      s.setValues(sheet.getRange('B1:B2'));
      await ctx.sync();
      c.getDataTableOrNullObject().visible = true;
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
    });
    expect(workbook.charts[0]!.series.at(-1)).toMatchObject({ name: 'Second', values: { row: 0, column: 1, rows: 2, columns: 1 } });
    workbook.excelApi = '1.14';
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.14')).toBe(true);
  });
});

describe('conditional formats', () => {
  it('records data bars, cell-value, colour-scale and custom formats with their range and rule; refuses the rest', async () => {
    const { workbook } = createStandInExcel();
    await workbook.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      const bars = sheet.getRange('B2:B9').conditionalFormats.add('DataBar');
      (bars.dataBar as { positiveFormat: { fillColor: string } }).positiveFormat.fillColor = '#638EC6';
      const cell = sheet.getRange('C2:C9').conditionalFormats.add('CellValue');
      (cell.cellValue as { rule: unknown }).rule = { formula1: '1', operator: 'LessThan' };
      (cell.cellValue as { format: { fill: { color: string } } }).format.fill.color = '#FFC7CE';
      const scale = sheet.getRange('D2:D9').conditionalFormats.add('ColorScale');
      (scale.colorScale as { criteria: unknown }).criteria = { minimum: { type: 'LowestValue', color: '#F8696B' }, maximum: { type: 'HighestValue', color: '#63BE7B' } };
      const custom = sheet.getRange('E2:E9').conditionalFormats.add('Custom');
      (custom.custom as { rule: { formula: string } }).rule.formula = '=E2>1';
      await ctx.sync();
      expect(() => sheet.getRange('A1').conditionalFormats.add('IconSet')).toThrow(/DataBar, CellValue, ColorScale and Custom/);
      expect(() => ((bars.dataBar as Record<string, unknown>).fillColour = 'x')).toThrow(/fillColour/);
    });
    expect(workbook.conditionalFormats.map((f) => [f.type, f.range, f.properties])).toEqual([
      ['DataBar', { row: 1, column: 1, rows: 8, columns: 1 }, { 'positiveFormat.fillColor': '#638EC6' }],
      ['CellValue', { row: 1, column: 2, rows: 8, columns: 1 }, { rule: { formula1: '1', operator: 'LessThan' }, 'format.fill.color': '#FFC7CE' }],
      ['ColorScale', { row: 1, column: 3, rows: 8, columns: 1 }, { criteria: { minimum: { type: 'LowestValue', color: '#F8696B' }, maximum: { type: 'HighestValue', color: '#63BE7B' } } }],
      ['Custom', { row: 1, column: 4, rows: 8, columns: 1 }, { 'rule.formula': '=E2>1' }],
    ]);
    expect(workbook.cell('Sheet1', 'C5')?.conditional).toEqual({ rule: { formula1: '1', operator: 'LessThan' }, fill: '#FFC7CE' });
    await workbook.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:C9').conditionalFormats.clearAll();
      await ctx.sync();
    });
    expect(workbook.conditionalFormats.map((f) => f.type)).toEqual(['ColorScale', 'Custom']);
    expect(workbook.cell('Sheet1', 'C5')?.conditional).toBeUndefined();
  });
});
