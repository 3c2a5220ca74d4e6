/** The Expenses sheet (written, typed into, read back) and the Ratios sheet, in the stand-in. */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { readTaggedSheet, writeGridSheet, writeSheetTable, type ExcelRun } from '../excel/workbook.ts';
import { words } from '../i18n.ts';
import { EXPENSES_KIND, expensesSheetSpec, readExpensesSheet, type ExpenseUnit } from './expenses-sheet.ts';
import { ratiosSheet, type RatiosData } from './ratios-sheet.ts';

const zh = words['zh-CN'];
const en = words.en;
const units: ExpenseUnit[] = [
  { id: 'u-area', code: 'EA', name: '华东片区', depth: 2 },
  { id: 'u-t1', code: 'EA1', name: '华东一组', depth: 3 },
  { id: 'u-t2', code: 'EA2', name: '华东二组', depth: 3 },
];

function standIn() {
  const s = createStandInExcel();
  return { ...s, run: s.workbook.run as unknown as ExcelRun };
}

describe('the Expenses sheet', () => {
  it('lays out units × categories with the saved figures, a total per unit, the unit ids hidden and only the amounts typed in', async () => {
    const { workbook, run } = standIn();
    const report = await writeGridSheet(run, expensesSheetSpec(zh, '2026-03', units, [{ unitId: 'u-t1', category: 'ADVERTISING', amount: '1200.00' }, { unitId: 'u-t1', category: 'PROMOTION', amount: '720.50' }]));
    expect(report.sheetName).toBe('费用 2026-03');
    expect(workbook.read(report.sheetName, 'A2:I2')).toEqual([['单位编码', '单位', '广告宣传', '促销', '渠道', '差旅', '办公', '其他', '合计']]);
    expect(workbook.read(report.sheetName, 'A4:I4')).toEqual([['EA1', '  华东一组', 1200, 720.5, '', '', '', '', 1920.5]]);
    expect(workbook.sheet(report.sheetName)!.hiddenColumns.has(9)).toBe(true);
    // The figures as pulled, hidden beside the unit id: a save sends only what was typed since, with what it replaces.
    expect(workbook.sheet(report.sheetName)!.hiddenColumns.has(10)).toBe(true);
    expect(workbook.read(report.sheetName, 'K4:K4')).toEqual([['1200.00;720.50;;;;']]);
    workbook.type(report.sheetName, 'C4', 1300);
    const back = readExpensesSheet(zh, (await readTaggedSheet(run, EXPENSES_KIND, { month: '2026-03' }))!);
    expect(back.lines.filter((l) => l.unitId === 'u-t1' && l.amount !== '0.00')).toEqual([
      { unitId: 'u-t1', category: 'ADVERTISING', amount: '1300.00', was: '1200.00' },
      { unitId: 'u-t1', category: 'PROMOTION', amount: '720.50', was: '720.50' },
    ]);
    for (const cell of ['C3', 'H5']) expect(workbook.cell(report.sheetName, cell)?.unlocked).toBe(true);
    for (const cell of ['A3', 'B4', 'I4']) expect(workbook.cell(report.sheetName, cell)?.unlocked).not.toBe(true);
  });

  it('reads a sheet pulled before it kept the pulled figures as one that keeps none (every figure on it is then sent, not read as changed since)', async () => {
    const { run } = standIn();
    const spec = expensesSheetSpec(en, '2026-03', units, [{ unitId: 'u-t1', category: 'ADVERTISING', amount: '1200.00' }]);
    // The earlier layout: no column of pulled figures after the unit id.
    await writeGridSheet(run, { ...spec, columns: spec.columns.slice(0, -1), rows: spec.rows.map((r) => r.slice(0, -1)), hiddenColumns: [9] });
    const back = readExpensesSheet(en, (await readTaggedSheet(run, EXPENSES_KIND, { month: '2026-03' }))!);
    expect(back.keepsPulled).toBe(false);
    expect(back.lines.find((l) => l.unitId === 'u-t1' && l.category === 'ADVERTISING')).toEqual({ unitId: 'u-t1', category: 'ADVERTISING', amount: '1200.00' });
    const now = await writeGridSheet(run, spec);
    expect(readExpensesSheet(en, (await readTaggedSheet(run, EXPENSES_KIND, { month: '2026-03' }))!).keepsPulled).toBe(true);
    expect(now.sheetName).toBe('Expenses 2026-03');
  });

  it('reads back every unit × category (blank as none) and names each cell that is not money', async () => {
    const { workbook, run } = standIn();
    const { sheetName } = await writeGridSheet(run, expensesSheetSpec(en, '2026-03', units, []));
    workbook.type(sheetName, 'F3', 300.25);
    workbook.type(sheetName, 'C5', '1,000.10');
    let back = readExpensesSheet(en, (await readTaggedSheet(run, EXPENSES_KIND, { month: '2026-03' }))!);
    expect(back.issues).toEqual([]);
    expect(back.month).toBe('2026-03');
    expect(back.lines).toHaveLength(18);
    expect(back.lines.filter((l) => l.amount !== '0.00')).toEqual([
      { unitId: 'u-area', category: 'TRAVEL', amount: '300.25', was: '0.00' },
      { unitId: 'u-t2', category: 'ADVERTISING', amount: '1000.10', was: '0.00' },
    ]);
    workbook.type(sheetName, 'D4', 'abc');
    workbook.type(sheetName, 'E4', -3);
    workbook.type(sheetName, 'G5', 1.005);
    back = readExpensesSheet(en, (await readTaggedSheet(run, EXPENSES_KIND, { month: '2026-03' }))!);
    expect(back.issues.map((i) => i.message)).toEqual([
      `${sheetName}!D4: 华东一组, Promotions: “abc” is text, not a number`,
      `${sheetName}!E4: 华东一组, Channels: “-3” is negative`,
      `${sheetName}!G5: 华东二组, Office: “1.005” has fractions of a fen (more than two decimals)`,
    ]);
  });
});

describe('the Ratios sheet', () => {
  const data: RatiosData = {
    months: ['2026-03'],
    paidMonths: ['2026-03'],
    total: { unitId: 'u-area', code: 'EA', name: '华东片区', sales: '30000.00', expenses: '2420.00', pay: '9930.00', expenseRatio: '8.07', payrollRatio: '33.10', paidSales: '30000.00' },
    rows: [
      { unitId: 'u-t1', code: 'EA1', name: '华东一组', sales: '20000.00', expenses: '1920.00', pay: '6000.00', expenseRatio: '9.60', payrollRatio: '30.00', paidSales: '20000.00' },
      { unitId: 'u-t2', code: 'EA2', name: '华东二组', sales: '0.00', expenses: '500.00', pay: '3930.00', expenseRatio: null, payrollRatio: null, paidSales: '0.00' },
      { unitId: 'u-area', code: 'EA', name: '华东片区', sales: '10000.00', expenses: '0.00', pay: '0.00', expenseRatio: '0.00', payrollRatio: '0.00', paidSales: '10000.00' },
    ],
  };

  it('writes each child unit, the unit’s own, then the whole with exact money and the ratios as percentages', async () => {
    const { workbook, run } = standIn();
    const report = await writeSheetTable(run, ratiosSheet(zh, data, { unitId: 'u-area', periodKey: '2026-03', asOf: '2026-04-02', pulledAt: 'now' }));
    expect(report.sheetName).toBe('开支比与工资比 2026年3月');
    const values = workbook.read(report.sheetName, 'A1:H6');
    expect(values[0]![0]).toBe('华东片区 · 2026年3月 · 费用与工资占销售额之比 · 工资为各月已核算薪资的实发合计，计入员工当月最后所在的单位；无销售额的单位不计算比率。');
    expect(values[1]).toEqual(['编码', '单位', '销售额', '费用', '开支比', '工资', '工资比', '已核薪月份销售额']);
    expect(values.slice(2)).toEqual([
      ['EA1', '华东一组', 20000, 1920, 0.096, 6000, 0.3, 20000],
      ['EA2', '华东二组', 0, 500, '', 3930, '', 0],
      ['EA', '华东片区（直属）', 10000, 0, 0, 0, 0, 10000],
      ['EA', '华东片区（合计）', 30000, 2420, 0.0807, 9930, 0.331, 30000],
    ]);
    expect(workbook.cell(report.sheetName, 'E3')!.numberFormat).toBe('0.00%');
  });

  it('writes a unit without child units as one row, its whole', () => {
    const team = data.rows[0]!;
    const alone = ratiosSheet(en, { ...data, total: team, rows: [team] }, { unitId: 'u-t1', periodKey: '2026-03', asOf: '2026-04-02', pulledAt: 'now' });
    expect(alone.rows).toEqual([['EA1', '华东一组 (total)', 20000, 1920, 0.096, 6000, 0.3, 20000]]);
  });

  it('says which months have no calculated payroll yet, in both languages', async () => {
    const quarter = { ...data, months: ['2026-01', '2026-02', '2026-03'], paidMonths: ['2026-01'] };
    const ctx = { unitId: 'u-area', periodKey: '2026-Q1', asOf: '2026-04-02', pulledAt: 'now' };
    expect(ratiosSheet(zh, quarter, ctx).banner).toBe('华东片区 · 2026年第1季度 · 费用与工资占销售额之比 · 工资为各月已核算薪资的实发合计，计入员工当月最后所在的单位；无销售额的单位不计算比率。 · 2026年2月、2026年3月 尚无已核算的薪资：工资暂缺，并非为零；工资比只按已核算薪资的月份计算');
    expect(ratiosSheet(en, quarter, ctx).banner).toContain('no calculated payroll yet for Feb 2026, Mar 2026: its pay is missing, not nil');
    expect(ratiosSheet(en, data, ctx).banner).not.toContain('payroll yet');
  });

  it('names its period as the reader says it, in the sheet name and banner, never by its key (year to date included); found again by its tags', async () => {
    const { workbook, run } = standIn();
    for (const [w, key, name, said] of [
      [zh, '2026-Q4', '开支比与工资比 2026年第4季度', '2026年第4季度'],
      [zh, '2026-YTD', '开支比与工资比 2026年年初至今', '2026年年初至今'],
      [en, '2026-Q4', 'Ratios Q4 2026', 'Q4 2026'],
      [en, '2026-YTD', 'Ratios Year to date 2026', 'Year to date 2026'],
    ] as const) {
      const spec = ratiosSheet(w, data, { unitId: 'u-area', periodKey: key, asOf: '2026-04-02', pulledAt: 'now' });
      expect(spec.sheetName).toBe(name);
      expect(spec.banner).toContain(` · ${said} · `);
      expect(spec.banner).not.toContain(key);
    }
    // A sheet an earlier version named by the key is the same sheet: pulling the period again rewrites it there.
    const spec = ratiosSheet(zh, data, { unitId: 'u-area', periodKey: '2026-YTD', asOf: '2026-04-02', pulledAt: 'now' });
    await writeSheetTable(run, { ...spec, sheetName: '开支比与工资比 2026-YTD' });
    expect(await writeSheetTable(run, spec)).toMatchObject({ sheetName: '开支比与工资比 2026-YTD', replacedPrevious: true });
    expect(workbook.sheets.map((s) => s.name).filter((n) => n.startsWith('开支比'))).toEqual(['开支比与工资比 2026-YTD']);
  });

  it('leaves pay and the payroll ratio blank, not 0, when no month of the period has a calculated payroll', () => {
    const unpaid = { ...data, paidMonths: [], rows: data.rows.map((r) => ({ ...r, pay: '0.00', payrollRatio: null })), total: { ...data.total, pay: '0.00', payrollRatio: null } };
    const ctx = { unitId: 'u-area', periodKey: '2026-03', asOf: '2026-04-02', pulledAt: 'now' };
    const sheet = ratiosSheet(zh, unpaid, ctx);
    expect(sheet.rows.every((r) => r[5] === '' && r[6] === '' && r[7] === '')).toBe(true);
    expect(sheet.rows.every((r) => typeof r[2] === 'number')).toBe(true);
    expect(sheet.banner).toContain('工资暂缺，并非为零');
  });
});
