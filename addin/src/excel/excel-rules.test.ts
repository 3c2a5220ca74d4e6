/**
 * Issue 9, part A: the adapter holds when Excel is harsher than it documents.
 * Each test runs the adapter unchanged against the stand-in, which models the
 * harsher reading (test/support/excel-standin.md says which and why).
 */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { words } from '../i18n.ts';
import { rosterSheet, type RosterPerson } from '../roster/roster-sheet.ts';
import { myTargetsSheet } from '../targets/target-sheet.ts';
import { changesSheetSpec, explainSheetSpec, myPayslipSheet, type RunView } from '../payroll/payroll-sheet.ts';
import { format } from '../i18n.ts';
import { PROP, readStoredText, readTaggedSheet, WorkbookError, writeGridSheet, writeSheetTable, writeStoredText, type ExcelRun, type GridSheetSpec, type SheetTableSpec } from './workbook.ts';
import { columnLetters } from './chunks.ts';

const excel = (sheets?: string[]) => {
  const s = createStandInExcel(sheets);
  return { ...s, run: s.workbook.run as unknown as ExcelRun };
};
const w = words.en;

const person = (i: number): RosterPerson => ({
  id: `p${i}`,
  employeeNo: `QB${String(i).padStart(5, '0')}`,
  name: `Rep ${i}`,
  unitName: 'East',
  unitPath: 'Co / East',
  unitCode: 'E1',
  position: 'SALES_REP',
  rank: 'SR',
  status: 'ACTIVE',
  hireDate: '2026-01-05',
  leaveDate: null,
  employmentType: 'FULL_TIME',
  baseSalary: '3000.00',
  mentorName: null,
  phone: null,
  email: null,
});
const roster = (n: number) => rosterSheet(w, Array.from({ length: n }, (_, i) => person(i + 1)), { unitId: 'u1', unitName: 'East', asOf: '2026-03-01', pulledAt: 'now' });
const line = (label: string, amount: string) => ({
  code: label.toLowerCase(),
  label,
  kind: 'base',
  amount,
  explanation: { data: JSON.stringify({ rule: { code: 'base', prorate: true, calendar: false }, inputs: { base: amount, workingDays: '22', workingDaysEmployed: '22' }, arithmetic: { code: 'baseFull', full: amount, days: 22 } }) },
});
const slip = (n: number) => ({ personId: `p${n}`, personName: `Rep ${n}`, employeeNo: `QB0000${n}`, planCode: 'LADDER', gross: '3000.00', deductions: '0.00', net: '3000.00', lines: [line('Base', '3000.00')] });
const runView = (scope: string, people: number): RunView => ({
  run: { id: `run-${scope}`, month: '2026-03', version: 1, revision: 1, status: 'CALCULATED', scopeUnitName: scope, scopeUnitId: scope },
  payslips: Array.from({ length: people }, (_, i) => slip(i + 1)),
});
const targets = (n: number) => myTargetsSheet(w, Array.from({ length: n }, (_, i) => ({ metric: 'SALES_AMOUNT' as const, level: 'BASE', periodKey: `2026-${String(i + 1).padStart(2, '0')}`, amount: '1000.00', version: 1 })), 2026);

const change = (i: number) => ({ employeeNo: `QB0000${i}`, personName: `Rep ${i}`, component: 'Base', kind: 'money' as const, old: '3000.00', new: '3100.00' });

/** Where a table spec's block ends: the column right of it and the row below it (1-based row numbers). */
const edges = (spec: SheetTableSpec) => ({ beside: columnLetters(spec.columns.length), below: spec.rows.length + 2 + (spec.banner === undefined ? 0 : 1), top: spec.banner === undefined ? 0 : 1 });

describe('1. a refresh replaces only the block Quotabook owns', () => {
  const sheets: [string, () => SheetTableSpec, () => SheetTableSpec][] = [
    ['Roster', () => roster(4), () => roster(3)],
    ['My targets', () => targets(3), () => targets(2)],
    ['My payslip', () => myPayslipSheet(w, '2026-03', slip(1)), () => myPayslipSheet(w, '2026-03', { ...slip(1), lines: [line('Base', '2900.00')] })],
    ['Explain', () => explainSheetSpec(w, runView('east', 3)), () => explainSheetSpec(w, runView('east', 2))],
    // Under a banner: the table starts on row 2.
    ['Changes', () => changesSheetSpec(w, runView('east', 1), 'v0', [change(1), change(2)]), () => changesSheetSpec(w, runView('east', 1), 'v1', [change(3)])],
  ];
  for (const [label, first, again] of sheets) {
    it(`${label}: a note typed beside the table (which grows the table) survives a refresh`, async () => {
      const { workbook, run } = excel();
      const spec = first();
      const { sheetName } = await writeSheetTable(run, spec);
      const { beside, top } = edges(spec);
      workbook.type(sheetName, `${beside}${top + 2}`, 'my note');
      expect(workbook.tables[0]!.columns).toBe(spec.columns.length + 1); // Excel took the note into the table
      const report = await writeSheetTable(run, again());
      expect(report).toMatchObject({ sheetName, replacedPrevious: true });
      expect(workbook.read(sheetName, `${beside}${top + 2}`)).toEqual([['my note']]);
      expect(workbook.tables).toHaveLength(1);
      expect(workbook.tables[0]).toMatchObject({ name: again().tableName, row: top, columns: spec.columns.length, rows: again().rows.length + 1 });
    });
  }

  it('refuses, changing nothing, when the user inserted a row above the table (the table moved)', async () => {
    const { workbook, run } = excel();
    await writeSheetTable(run, roster(3));
    workbook.insertRow('Roster', 1);
    workbook.type('Roster', 'A1', 'My title');
    const before = JSON.stringify([...workbook.sheet('Roster')!.cells]);
    const error = await writeSheetTable(run, roster(3)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbookError);
    expect(error).toMatchObject({ reason: 'TABLE_CHANGED', params: { sheet: 'Roster', range: 'A2:P5' } });
    expect(format(w.workbook.TABLE_CHANGED, (error as WorkbookError).params)).toMatch(/Roster!A2:P5/);
    expect(JSON.stringify([...workbook.sheet('Roster')!.cells])).toBe(before);
    expect(workbook.tables).toMatchObject([{ name: 'QuotabookRoster', row: 1 }]);
  });

  it('refuses, changing nothing, when a note typed below took a row into the table', async () => {
    const { workbook, run } = excel();
    const spec = roster(3);
    await writeSheetTable(run, spec);
    workbook.type('Roster', `B${edges(spec).below}`, 'below');
    await expect(writeSheetTable(run, roster(3))).rejects.toMatchObject({ reason: 'TABLE_CHANGED', params: { sheet: 'Roster', range: 'A1:P5' } });
    expect(workbook.read('Roster', 'B5')).toEqual([['below']]);
    expect(workbook.read('Roster', 'A4')).toEqual([['QB00003']]);
  });

  it('refuses when a column was inserted inside the table (its header no longer ours)', async () => {
    const { workbook, run } = excel();
    await writeSheetTable(run, roster(2));
    // As Excel's "insert table column to the left" would leave it: our headers shifted, a new one in between.
    const t = workbook.tables[0]!;
    const sheet = workbook.sheet('Roster')!;
    const moved = new Map<string, (typeof sheet.cells extends Map<string, infer C> ? C : never)>();
    for (const [k, cell] of sheet.cells) {
      const [r, c] = k.split(',').map(Number) as [number, number];
      moved.set(`${r},${c >= 2 ? c + 1 : c}`, cell);
    }
    sheet.cells = moved;
    t.columns += 1;
    workbook.type('Roster', 'C1', 'Column1');
    workbook.type('Roster', 'C2', 'inserted');
    await expect(writeSheetTable(run, roster(2))).rejects.toMatchObject({ reason: 'TABLE_CHANGED' });
    expect(workbook.read('Roster', 'C2')).toEqual([['inserted']]);
  });

  it('refuses before writing when the table name is taken on another sheet', async () => {
    const { workbook, run } = excel();
    await writeSheetTable(run, roster(2));
    workbook.sheet('Roster')!.customProperties.clear(); // no longer recognisably ours
    const error = await writeSheetTable(run, roster(2)).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'TABLE_NAME_TAKEN', params: { table: 'QuotabookRoster', sheet: 'Roster' } });
    expect(workbook.sheet('Roster (2)')).toBeUndefined();
  });
});

const grid = (rows: number, over: Partial<GridSheetSpec> = {}): GridSheetSpec => ({
  sheetName: 'Targets',
  kind: 'targets',
  identity: { plan: 'plan1' },
  columns: [
    { header: 'Id', numberFormat: '@', width: 10 },
    { header: 'Name', numberFormat: '@', width: 80 },
    { header: 'Target', numberFormat: '#,##0.00', width: 70 },
  ],
  rows: Array.from({ length: rows }, (_, i) => [`id${i}`, `Rep ${i}`, 100 * i]),
  properties: { revision: '1' },
  input: { row: 1, column: 2, rows, columns: 1 },
  inputRule: { kind: 'decimal', message: 'A number, please' },
  hiddenColumns: [0],
  totalRows: [],
  protect: true,
  ...over,
});

describe('2. a protected sheet', () => {
  it('is written and protected last, and found by its tag when pulled again (no "Targets (2)")', async () => {
    const { workbook, run } = excel();
    await writeGridSheet(run, grid(3));
    const sheet = workbook.sheet('Targets')!;
    expect(sheet.protected).toBe(true);
    expect(sheet.customProperties.get(PROP.kind)).toBe('targets');
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.columnWidths.get(1)).toBe(80);
    const again = await writeGridSheet(run, grid(4));
    expect(again).toMatchObject({ sheetName: 'Targets', replacedPrevious: true });
    expect(workbook.sheet('Targets (2)')).toBeUndefined();
    expect(workbook.sheet('Targets')!.protected).toBe(true);
    expect(workbook.read('Targets', 'B5')).toEqual([['Rep 3']]);
  });

  it('a refusal mid-batch leaves the sheet tagged, so the next pull refreshes it instead of making "Targets (2)"', async () => {
    const { workbook, run } = excel();
    workbook.refuseNext = { op: 'freezePanes', code: 'AccessDenied' };
    await expect(writeGridSheet(run, grid(3))).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(workbook.sheet('Targets')!.customProperties.get(PROP.kind)).toBe('targets');
    await writeGridSheet(run, grid(3));
    expect(workbook.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Targets']);
    expect(workbook.sheet('Targets')!.protected).toBe(true);
  });

  it('refreshes a sheet the user unprotected (no unprotect of an unprotected sheet)', async () => {
    const { workbook, run } = excel();
    await writeGridSheet(run, grid(2));
    workbook.sheet('Targets')!.protected = false;
    await writeGridSheet(run, grid(2));
    expect(workbook.sheet('Targets')!.protected).toBe(true);
  });
});

describe('5. tables are added on their own sheet', () => {
  it('while another sheet is active', async () => {
    const { workbook, run } = excel(['Sheet1', 'Notes']);
    workbook.activate('Notes');
    await writeSheetTable(run, roster(2));
    expect(workbook.tables).toHaveLength(1);
    expect(workbook.tables[0]!.sheet.name).toBe('Roster');
    expect(workbook.sheet('Notes')!.cells.size).toBe(0);
  });
});

describe('6. hidden columns', () => {
  it('stay hidden: widths are set before hiding', async () => {
    const { workbook, run } = excel();
    await writeGridSheet(run, grid(2));
    expect([...workbook.sheet('Targets')!.hiddenColumns]).toEqual([0]);
    expect(workbook.sheet('Targets')!.columnWidths.get(0)).toBe(10);
  });
});

describe('8. null objects are only used once a sync said they exist', () => {
  it('pulls, re-pulls, reads back and keeps texts with missing sheets, tables and tags around', async () => {
    const { workbook, run } = excel();
    await writeSheetTable(run, roster(2));
    await writeSheetTable(run, roster(2));
    await writeGridSheet(run, grid(2));
    expect(await readTaggedSheet(run, 'targets', { plan: 'plan1' })).toMatchObject({ sheetName: 'Targets' });
    expect(await readTaggedSheet(run, 'targets', { plan: 'other' })).toBeNull();
    expect(await readStoredText(run, 'k')).toBeNull();
    await writeStoredText(run, 'k', 'v');
    expect(await readStoredText(run, 'k')).toBe('v');
    expect(workbook.stats.failedRequests).toBe(0);
  });

  it('costs no extra round trip for a new sheet: list the sheets, then write', async () => {
    const { workbook, run } = excel();
    const report = await writeSheetTable(run, roster(2));
    expect(report.syncs).toBe(2);
    expect(workbook.stats.syncs).toBe(2);
  });
});

describe('also found: the Explain table is named by month and scope', () => {
  it('pulling a second scope in the same month makes a second table, not a collision', async () => {
    const { workbook, run } = excel();
    const east = await writeSheetTable(run, explainSheetSpec(w, runView('east', 2)));
    const west = await writeSheetTable(run, explainSheetSpec(w, runView('west', 1)));
    expect(west.sheetName).not.toBe(east.sheetName);
    expect(workbook.tables.map((t) => t.sheet.name)).toEqual([east.sheetName, west.sheetName]);
    expect(new Set(workbook.tables.map((t) => t.name)).size).toBe(2);
  });
});
