/** The Payroll sheet: a column per component, totals, a banner, and what changed highlighted. */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { readTaggedSheet, writeGridSheet, type ExcelRun } from '../excel/workbook.ts';
import { words } from '../i18n.ts';
import { PAYROLL_KIND, explainSheetSpec, payrollSheetSpec, previousValues, type RunView } from './payroll-sheet.ts';

const line = (code: string, label: string, kind: string, amount: string) => ({
  code,
  label,
  kind,
  amount,
  explanation: { data: JSON.stringify({ rule: { code: 'base', prorate: true, calendar: false }, inputs: { base: amount, workingDays: '22', workingDaysEmployed: '22' }, arithmetic: { code: 'baseFull', full: amount, days: 22 } }) },
});
const view = (net: string, adjustments: ReturnType<typeof line>[] = []): RunView => ({
  run: { id: 'run1', month: '2026-03', version: 1, revision: 2, status: 'CALCULATED', scopeUnitName: '杭州一组', scopeUnitId: 'u1' },
  payslips: [
    { personId: 'p1', personName: '王芳', employeeNo: 'QB00001', planCode: 'LADDER', gross: net, deductions: '0.00', net, lines: [line('base', 'Base', 'base', '3000.00'), ...adjustments] },
    { personId: 'p2', personName: '李强', employeeNo: 'QB00002', planCode: 'LADDER', gross: '3500.00', deductions: '50.00', net: '3450.00', lines: [line('base', 'Base', 'base', '3500.00'), line('attendance', 'Attendance', 'attendance', '-50.00')] },
  ],
});

describe('the Payroll sheet', () => {
  it('has a banner, a column per component, totals as formulas, and is protected', async () => {
    const { workbook } = createStandInExcel();
    const run = workbook.run as unknown as ExcelRun;
    await writeGridSheet(run, payrollSheetSpec(words.en, view('3000.00')));
    expect(workbook.read('Payroll 2026-03', 'A1')).toEqual([['杭州一组 · 2026-03 · v1 · calculated']]);
    expect(workbook.read('Payroll 2026-03', 'A2:H2')).toEqual([['Employee no.', 'Name', 'Plan', 'Base', 'Attendance', 'Gross', 'Deductions', 'Net pay']]);
    expect(workbook.read('Payroll 2026-03', 'D3:E4')).toEqual([[3000, ''], [3500, -50]]);
    expect(workbook.cell('Payroll 2026-03', 'D5')?.formula).toBe('=SUM(D3:D4)');
    expect(workbook.sheet('Payroll 2026-03')!.protected).toBe(true);
    expect(workbook.sheet('Payroll 2026-03')!.frozenRows).toBe(2);
  });

  it('highlights exactly the cells that changed since the last refresh', async () => {
    const { workbook } = createStandInExcel();
    const run = workbook.run as unknown as ExcelRun;
    await writeGridSheet(run, payrollSheetSpec(words.en, view('3000.00')));
    const before = previousValues(await readTaggedSheet(run, PAYROLL_KIND, { month: '2026-03', scope: 'u1' }));
    const spec = payrollSheetSpec(words.en, view('3300.00', [line('adjustment1', 'Reward: top three', 'adjustments', '300.00')]), before);
    await writeGridSheet(run, spec);
    // Wang Fang's reward (a new column, E), gross and net changed; Li Qiang's attendance moved to F but did not change.
    const changed = spec.highlight!.map((h) => `${'ABCDEFGHIJ'[h.column]}${h.row + 1}`);
    expect(changed).toEqual(['E3', 'G3', 'I3']);
    expect(workbook.cell('Payroll 2026-03', 'I3')?.fill).toBe('#FFEB9C');
    expect(workbook.cell('Payroll 2026-03', 'I4')?.fill).toBeUndefined();
  });

  it('shows exactly the current layout columns after a recalculation adds a component (only the id column hidden)', async () => {
    const { workbook } = createStandInExcel();
    const run = workbook.run as unknown as ExcelRun;
    await writeGridSheet(run, payrollSheetSpec(words.en, view('3000.00')));
    // First layout: A-C fixed, D Base, E Attendance, F-H totals, I the hidden id column.
    expect([...workbook.sheet('Payroll 2026-03')!.hiddenColumns]).toEqual([8]);
    const before = previousValues(await readTaggedSheet(run, PAYROLL_KIND, { month: '2026-03', scope: 'u1' }));
    await writeGridSheet(run, payrollSheetSpec(words.en, view('3300.00', [line('adjustment1', 'Reward: top three', 'adjustments', '300.00')]), before));
    // The reward column pushes Net pay into I, where the old id column was hidden; now only J (the id) is.
    expect(workbook.read('Payroll 2026-03', 'I2')).toEqual([['Net pay']]);
    expect([...workbook.sheet('Payroll 2026-03')!.hiddenColumns]).toEqual([9]);
    // And back: a layout with fewer columns hides only its own id column.
    await writeGridSheet(run, payrollSheetSpec(words.en, view('3000.00')));
    expect([...workbook.sheet('Payroll 2026-03')!.hiddenColumns]).toEqual([8]);
  });
});

describe('the Explain sheet', () => {
  it('explains each line in the reader’s language only, from the data the server gives', () => {
    const zh = explainSheetSpec(words['zh-CN'], view('3000.00'));
    expect(zh.rows[0]!.slice(4)).toEqual(['月基本工资，按在岗工作日折算', '3000.00（22 个工作日全部在岗）', '基本工资: 3000.00; 应出勤工作日: 22; 在岗工作日: 22']);
    const en = explainSheetSpec(words.en, view('3000.00'));
    expect(en.rows[0]!.slice(4)).toEqual(['Monthly base, pro-rated by working days employed', '3000.00 (employed all 22 working days)', 'base salary: 3000.00; working days: 22; working days employed: 22']);
  });
});
