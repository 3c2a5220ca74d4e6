/** The workbook adapter, run unchanged against the Excel stand-in. */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { PROP, readTaggedSheet, WorkbookConflictError, writeGridSheet, writeSheetTable, type ExcelRun, type GridSheetSpec, type SheetTableSpec } from './workbook.ts';

const spec = (rows: number, over: Partial<SheetTableSpec> = {}): SheetTableSpec => ({
  sheetName: 'Roster',
  kind: 'roster',
  tableName: 'QuotabookRoster',
  columns: [
    { header: '工号', numberFormat: '@', width: 60 },
    { header: '姓名', numberFormat: '@', width: 80 },
    { header: '基本工资', numberFormat: '#,##0.00', width: 80 },
  ],
  rows: Array.from({ length: rows }, (_, i) => [`QB${String(i + 1).padStart(5, '0')}`, `张${i}`, 3000 + i]),
  properties: { unit: 'U1', asOf: '2026-11-01' },
  ...over,
});

const excel = (sheets?: string[]) => {
  const s = createStandInExcel(sheets);
  return { ...s, run: s.workbook.run as unknown as ExcelRun };
};

describe('writeSheetTable', () => {
  it('writes a new sheet as a table in two syncs, tagged and frozen', async () => {
    const { workbook, run } = excel();
    const report = await writeSheetTable(run, spec(3));
    expect(report).toMatchObject({ sheetName: 'Roster', rows: 3, syncs: 2, blocks: 1, replacedPrevious: false });
    expect(workbook.read('Roster', 'A1:C2')).toEqual([['工号', '姓名', '基本工资'], ['QB00001', '张0', 3000]]);
    expect(workbook.tables).toMatchObject([{ name: 'QuotabookRoster', rows: 4, columns: 3 }]);
    const sheet = workbook.sheet('Roster')!;
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.customProperties.get(PROP.kind)).toBe('roster');
    expect(sheet.customProperties.get('QuotabookAsOf')).toBe('2026-11-01');
    expect(sheet.columnWidths.get(1)).toBe(80);
    expect(workbook.cell('Roster', 'C2')?.numberFormat).toBe('#,##0.00');
  });

  it('keeps text columns text: leading zeros and formula-looking strings survive', async () => {
    const { workbook, run } = excel();
    await writeSheetTable(run, spec(1, { rows: [['007', '=HYPERLINK("http://x")', 1]] }));
    expect(workbook.read('Roster', 'A2:B2')).toEqual([['007', '=HYPERLINK("http://x")']]);
    expect(workbook.cell('Roster', 'B2')?.formula).toBeUndefined();
  });

  it('on refresh replaces only its own table and keeps the user’s cells beside it', async () => {
    const { workbook, run } = excel();
    await writeSheetTable(run, spec(10));
    workbook.type('Roster', 'F2', 'my note');
    const report = await writeSheetTable(run, spec(4));
    expect(report.replacedPrevious).toBe(true);
    expect(workbook.read('Roster', 'A5:A6')).toEqual([['QB00004'], ['']]); // the old rows 6-11 are gone
    expect(workbook.read('Roster', 'F2')).toEqual([['my note']]);
    expect(workbook.tables).toHaveLength(1);
    expect(workbook.tables[0]!.rows).toBe(5);
  });

  it('refuses, writing nothing, when a bigger refresh would cover the user’s cells', async () => {
    const { workbook, run } = excel();
    await writeSheetTable(run, spec(3));
    workbook.type('Roster', 'B8', 'mine');
    const before = JSON.stringify([...workbook.sheet('Roster')!.cells]);
    await expect(writeSheetTable(run, spec(10))).rejects.toThrow(WorkbookConflictError);
    await expect(writeSheetTable(run, spec(10))).rejects.toThrow(/Roster!B8 holds your own data/);
    expect(JSON.stringify([...workbook.sheet('Roster')!.cells])).toBe(before);
  });

  it('never overwrites a same-named sheet that is not Quotabook’s', async () => {
    const { workbook, run } = excel(['Roster']);
    workbook.type('Roster', 'A1', 'the user’s own roster');
    const report = await writeSheetTable(run, spec(2));
    expect(report.sheetName).toBe('Roster (2)');
    expect(workbook.read('Roster', 'A1')).toEqual([['the user’s own roster']]);
    expect(workbook.read('Roster (2)', 'A1')).toEqual([['工号']]);
  });

  it('writes large tables in blocks of at most the budget, one sync each', async () => {
    const { workbook, run } = excel();
    const progress: number[] = [];
    const report = await writeSheetTable(run, spec(30_000), { maxBlockBytes: 256 * 1024, onProgress: (p) => progress.push(p.rowsWritten) });
    expect(report.blocks).toBeGreaterThan(3);
    expect(report.syncs).toBe(1 + report.blocks);
    expect(Math.max(...workbook.stats.requestBytes)).toBeLessThanOrEqual(256 * 1024 + 4096);
    expect(progress.at(-1)).toBe(30_000);
    expect(workbook.read('Roster', 'A30001:C30001')).toEqual([['QB30000', '张29999', 32999]]);
    // Formats went once a column run for all the rows, ahead of the values: the last block's cells have them.
    expect([workbook.cell('Roster', 'A30001')?.numberFormat, workbook.cell('Roster', 'C30001')?.numberFormat]).toEqual(['@', '#,##0.00']);
  });

  it('sends number formats once per run of like columns, not per cell: a 30,000-row table in fewer bytes than its values alone would take twice', async () => {
    const { workbook, run } = excel();
    await writeSheetTable(run, spec(30_000));
    const bytes = workbook.stats.requestBytes.reduce((a, b) => a + b, 0);
    const values = JSON.stringify(spec(30_000).rows).length;
    expect(bytes).toBeLessThan(values * 1.5);
  });

  it('halves a block and retries when Excel says the request is too large', async () => {
    const { workbook, run } = excel();
    workbook.failNext = null;
    const rows = Array.from({ length: 5000 }, (_, i) => [`id${i}`, 'x'.repeat(1500), i]);
    // The budget is above Excel's limit here, so the first attempt is refused.
    const report = await writeSheetTable(run, spec(0, { rows }), { maxBlockBytes: 64 * 1024 * 1024 });
    expect(workbook.stats.failedRequests).toBeGreaterThan(0);
    expect(report.blocks).toBeGreaterThan(1);
    expect(workbook.read('Roster', 'A5001')).toEqual([['id4999']]);
    expect(workbook.tables).toHaveLength(1);
  });

  it('rejects rows of the wrong width before touching the workbook', async () => {
    const { workbook, run } = excel();
    await expect(writeSheetTable(run, spec(0, { rows: [['a', 'b']] }))).rejects.toThrow(/Row 1 has 2 cells/);
    expect(workbook.stats.syncs).toBe(0);
  });
});

describe('writeSheetTable, refreshing after the user removed the table', () => {
  it('writes a fresh table', async () => {
    const { workbook, run } = excel();
    await writeSheetTable(run, spec(3));
    workbook.tables = [];
    await writeSheetTable(run, spec(2));
    expect(workbook.tables).toHaveLength(1);
    expect(workbook.read('Roster', 'A3:A4')).toEqual([['QB00002'], ['']]);
  });
});

describe('readTaggedSheet on a big sheet', () => {
  it('reads 150,000 rows in blocks sized to about 4.5 MB an answer, after a first of 100,000 cells: 2 reads, not 5', async () => {
    const { workbook, run } = excel();
    await writeSheetTable(run, spec(150_000));
    const syncs = workbook.stats.syncs;
    const answers = workbook.stats.responseBytes.length;
    const read = await readTaggedSheet(run, 'roster', {});
    expect(read!.values).toHaveLength(150_001);
    expect(read!.values[150_000]).toEqual(['QB150000', '张149999', 152999]);
    // One to find the sheet (it is the active one, as a write leaves it), then the rows: 100,000 cells, then the rest in one answer under 5 MB.
    expect(workbook.stats.syncs - syncs).toBe(1 + 2);
    expect(Math.max(...workbook.stats.responseBytes.slice(answers))).toBeLessThan(5 * 1024 * 1024);
  });
});

/** A small input grid, tagged for a month: the shape of a Payroll or Targets sheet. */
const grid = (rows: number, over: Partial<GridSheetSpec> = {}): GridSheetSpec => ({
  sheetName: 'Grid',
  kind: 'grid',
  identity: { month: '2026-03' },
  columns: [
    { header: '工号', numberFormat: '@', width: 60 },
    { header: '金额', numberFormat: '#,##0.00', width: 80 },
  ],
  rows: Array.from({ length: rows }, (_, i) => [`QB${i + 1}`, 100 + i]),
  properties: {},
  input: { row: 1, column: 1, rows, columns: 1 },
  inputRule: { kind: 'decimal', message: 'a number' },
  hiddenColumns: [],
  totalRows: [],
  protect: true,
  ...over,
});

describe('a refresh: the read finds the sheet, the write takes what it found (issue 12 §4)', () => {
  const month = { month: '2026-03' };

  it('finds the sheet in one sync when it is the active one, and in two when the user is elsewhere (even renamed)', async () => {
    const { workbook, run } = excel(['Sheet1']);
    await writeGridSheet(run, grid(3));
    let syncs = workbook.stats.syncs;
    expect((await readTaggedSheet(run, 'grid', month))!.sheet).toMatchObject({ name: 'Grid', block: 'A1:B4', protected: true });
    expect(workbook.stats.syncs - syncs).toBe(1 + 1); // find, then the rows
    workbook.rename('Grid', 'My grid');
    workbook.activate('Sheet1');
    syncs = workbook.stats.syncs;
    const read = await readTaggedSheet(run, 'grid', month);
    expect(read!.sheetName).toBe('My grid');
    expect(read!.values[3]).toEqual(['QB3', 102]);
    expect(workbook.stats.syncs - syncs).toBe(2 + 1);
    expect(await readTaggedSheet(run, 'grid', { month: '2026-04' })).toBeNull();
  });

  it('writes with the handle without looking again: one sync for a small protected sheet', async () => {
    const { workbook, run } = excel();
    await writeGridSheet(run, grid(3));
    const read = await readTaggedSheet(run, 'grid', month);
    const syncs = workbook.stats.syncs;
    const report = await writeGridSheet(run, grid(3, { rows: [['QB1', 7], ['QB2', 8], ['QB3', 9]], highlight: [{ row: 1, column: 1 }, { row: 2, column: 1 }] }), { sheet: read!.sheet });
    expect(report).toMatchObject({ sheetName: 'Grid', syncs: 1, replacedPrevious: true });
    expect(workbook.stats.syncs - syncs).toBe(1);
    expect(workbook.read('Grid', 'A2:B4')).toEqual([['QB1', 7], ['QB2', 8], ['QB3', 9]]);
    expect(workbook.cell('Grid', 'B3')?.fill).toBe('#FFEB9C');
    expect(workbook.sheet('Grid')!.protected).toBe(true);
  });

  it('still refuses to cover cells the user typed after the read, where the bigger block would go', async () => {
    const { workbook, run } = excel();
    await writeGridSheet(run, grid(3));
    const read = await readTaggedSheet(run, 'grid', month);
    workbook.sheet('Grid')!.protected = false;
    workbook.type('Grid', 'B7', 'mine');
    workbook.sheet('Grid')!.protected = true;
    const before = JSON.stringify([...workbook.sheet('Grid')!.cells]);
    await expect(writeGridSheet(run, grid(8), { sheet: read!.sheet })).rejects.toThrow(/Grid!B7 holds your own data/);
    expect(JSON.stringify([...workbook.sheet('Grid')!.cells])).toBe(before);
  });

  it('looks for the sheet again when it was renamed after the read, and writes there', async () => {
    const { workbook, run } = excel();
    await writeGridSheet(run, grid(3));
    const read = await readTaggedSheet(run, 'grid', month);
    workbook.rename('Grid', 'Renamed');
    const report = await writeGridSheet(run, grid(2), { sheet: read!.sheet });
    expect(report.sheetName).toBe('Renamed');
    expect(workbook.sheet('Grid')).toBeUndefined();
    expect(workbook.read('Renamed', 'A2:B4')).toEqual([['QB1', 100], ['QB2', 101], ['', '']]);
  });

  it('looks at the sheet again when the user unprotected it after the read (unprotecting it again would be refused)', async () => {
    const { workbook, run } = excel();
    await writeGridSheet(run, grid(3));
    const read = await readTaggedSheet(run, 'grid', month);
    workbook.sheet('Grid')!.protected = false;
    const report = await writeGridSheet(run, grid(3, { rows: [['QB1', 1], ['QB2', 2], ['QB3', 3]] }), { sheet: read!.sheet });
    expect(report.sheetName).toBe('Grid');
    expect(workbook.read('Grid', 'B2:B4')).toEqual([[1], [2], [3]]);
    expect(workbook.sheet('Grid')!.protected).toBe(true);
  });

  it('refuses a handle for another sheet before touching the workbook', async () => {
    const { workbook, run } = excel();
    await writeGridSheet(run, grid(3));
    const read = await readTaggedSheet(run, 'grid', month);
    const syncs = workbook.stats.syncs;
    await expect(writeGridSheet(run, grid(3, { identity: { month: '2026-04' } }), { sheet: read!.sheet })).rejects.toThrow(/handle is for grid/);
    expect(workbook.stats.syncs).toBe(syncs);
  });
});
