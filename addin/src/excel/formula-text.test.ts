/**
 * Issue 9, point 4: text from the server that looks like a formula ("=…",
 * "+…", "-…", "@…") lands as that text on every sheet Quotabook writes, not
 * as a formula. The stand-in reads such strings as formulas whatever the
 * cell's number format (as Excel's Range.values reference says), so an
 * unescaped one either fails the write or changes the cell.
 */
import { describe, expect, it } from 'vitest';
import { createStandInExcel, type StandInWorkbook } from '../../../test/support/excel-standin.ts';
import { writeGridSheet, writeSheetTable, type ExcelRun } from './workbook.ts';
import { words } from '../i18n.ts';
import { rosterSheet } from '../roster/roster-sheet.ts';
import { adjustmentsSheet } from '../chores/adjustments-sheet.ts';
import { myTargetsSheet, targetSheetSpec, type PlanView } from '../targets/target-sheet.ts';
import { rollupSheet } from '../targets/rollup-sheet.ts';
import { changesSheetSpec, explainSheetSpec, myPayslipSheet, payrollSheetSpec, type RunView } from '../payroll/payroll-sheet.ts';

const w = words.en;
const PHONE = '+1 (555)';
const LINK = '=HYPERLINK("http://x","y")';
const MINUS = '-7 days';
const AT = '@home';
const QUOTE = "'quoted'";
const SUMS = '=SUM(A1:A2)';

const excel = () => {
  const s = createStandInExcel();
  return { ...s, run: s.workbook.run as unknown as ExcelRun };
};

/** Every text must appear on the sheet exactly as given, as a constant; no cell holds a formula outside `formulaCells`. */
function expectText(workbook: StandInWorkbook, sheetName: string, texts: string[], formulaCells: (a: string) => boolean = () => false) {
  const sheet = workbook.sheet(sheetName);
  expect(sheet, sheetName).toBeDefined();
  const constants = new Set<unknown>();
  for (const [k, cell] of sheet!.cells) {
    const [r, c] = k.split(',').map(Number) as [number, number];
    const at = `${String.fromCharCode(65 + c)}${r + 1}`;
    if (cell.formula) expect(formulaCells(at), `${sheetName}!${at} holds the formula ${cell.formula}`).toBe(true);
    else constants.add(cell.value);
  }
  for (const t of texts) expect(constants.has(t), `${sheetName} shows ${JSON.stringify(t)} as text`).toBe(true);
}

const line = (code: string, label: string, amount: string) => ({
  code,
  label,
  kind: code,
  amount,
  explanation: { data: JSON.stringify({ rule: { code: 'base', prorate: true, calendar: false }, inputs: { base: amount, workingDays: '22', workingDaysEmployed: '22' }, arithmetic: { code: 'baseFull', full: amount, days: 22 } }) },
});
const slip = {
  personId: 'p1',
  employeeNo: PHONE,
  personName: LINK,
  planCode: 'LADDER',
  planName: MINUS,
  unitName: AT,
  unitPath: 'x',
  rank: QUOTE,
  attendanceDays: 21,
  sales: '0.00',
  gross: '3000.00',
  deductions: '0.00',
  net: '3000.00',
  lines: [line('base', SUMS, '3000.00')],
};
const run: RunView = {
  run: { id: 'run1', month: '2026-03', version: 1, revision: 1, status: 'CALCULATED', scopeUnitName: MINUS, scopeUnitId: 'u1' },
  payslips: [slip],
  signOffs: [{ role: 'FINANCE', actor: LINK, at: '2026-03-31T02:00:00Z', comment: PHONE }],
};

describe('text that looks like a formula stays text on every sheet', () => {
  it('Roster', async () => {
    const { workbook, run } = excel();
    const person = { id: 'p1', employeeNo: MINUS, name: LINK, unitName: AT, unitPath: `a / ${AT}`, unitCode: QUOTE, position: 'SALES_REP', rank: SUMS, status: 'ACTIVE', hireDate: '2026-03-12', leaveDate: null, employmentType: 'FULL_TIME', baseSalary: '3500.50', mentorName: null, phone: PHONE, email: null };
    await writeSheetTable(run, rosterSheet(w, [person], { unitId: 'u', unitName: 'n', asOf: '2026-11-01', pulledAt: 'now' }));
    expectText(workbook, w.rosterTitle, [MINUS, LINK, AT, QUOTE, SUMS, PHONE]);
    expect(workbook.read(w.rosterTitle, 'M2')).toEqual([[PHONE]]);
  });

  it('adjustments', async () => {
    const { workbook, run } = excel();
    const spec = adjustmentsSheet(w, '2026-03', [{ id: 'a', personId: 'p', personName: LINK, employeeNo: MINUS, month: '2026-03', amount: '-50.10', reason: PHONE, approvedBy: AT }]);
    await writeSheetTable(run, spec);
    expectText(workbook, spec.sheetName, [LINK, MINUS, PHONE, AT, -50.1 as unknown as string]);
  });

  it('Targets (names, and the banner that starts with the unit’s name) beside its own total formulas', async () => {
    const { workbook, run } = excel();
    const view: PlanView = {
      plan: { id: 'plan-1', year: 2026, version: 1, revision: 1, status: 'DRAFT', metric: 'SALES_AMOUNT', level: 'BASE', total: '300.00', ownerKind: 'PERSON', scopeUnitName: PHONE, periodLevel: 'quarter' },
      periods: [{ key: '2026-Q1', start: '2026-01-01', end: '2026-03-31', days: 90 }],
      rows: [
        { ownerId: 'team', ownerName: MINUS, isScope: true, hireDate: null, leaveDate: null },
        { ownerId: 'p1', ownerName: LINK, isScope: false, hireDate: null, leaveDate: null },
        { ownerId: 'p2', ownerName: AT, isScope: false, hireDate: null, leaveDate: null },
      ],
      lines: [],
    };
    await writeGridSheet(run, targetSheetSpec(w, view));
    // Formulas only in the Total column and the sum and difference rows (rows 6 and 7).
    expectText(workbook, w.targets.title, [LINK, AT], (a) => a.startsWith('C') || /^[A-Z]+[67]$/.test(a));
    expect(workbook.read(w.targets.title, 'A1')[0]![0]).toMatch(/^\+1 \(555\) · /);
    expect(workbook.read(w.targets.title, 'A3')[0]![0]).toMatch(/^-7 days · /);
  });

  it('My targets', async () => {
    const { workbook, run } = excel();
    const spec = myTargetsSheet(w, [{ metric: 'SALES_AMOUNT', level: 'BASE', periodKey: PHONE, amount: '10.00', version: 1 }, { metric: 'SALES_AMOUNT', level: AT, periodKey: LINK, amount: '5.00', version: 1 }], 2026);
    await writeSheetTable(run, spec);
    expectText(workbook, spec.sheetName, [PHONE, LINK, AT]);
  });

  it('Rollup', async () => {
    const { workbook, run } = excel();
    const spec = rollupSheet(w, [{ depth: 0, ownerKind: 'UNIT', ownerId: 'u', ownerName: LINK, planVersion: 1, planStatus: 'APPROVED', total: '1.00', assigned: '1.00', childrenTotal: '1.00', matches: true }], { unitId: 'u', year: 2026, metric: 'SALES_AMOUNT', level: 'BASE' });
    await writeSheetTable(run, spec);
    expectText(workbook, spec.sheetName, [LINK]);
  });

  it('Payroll (names, numbers, plan and unit names, component labels in the header, signatures)', async () => {
    const { workbook, run: excelRun } = excel();
    const spec = payrollSheetSpec(w, run);
    await writeGridSheet(excelRun, spec);
    expectText(workbook, spec.sheetName, [PHONE, LINK, MINUS, AT, QUOTE, SUMS]);
    expect(workbook.read(spec.sheetName, 'A1')[0]![0]).toMatch(/^-7 days · /);
  });

  it('what changed', async () => {
    const { workbook, run: excelRun } = excel();
    const spec = changesSheetSpec(w, run, 'before', [{ employeeNo: PHONE, personName: LINK, component: SUMS, old: 1, new: 2, kind: 'money' }]);
    await writeSheetTable(excelRun, spec);
    expectText(workbook, spec.sheetName, [PHONE, LINK, SUMS]);
  });

  it('Explain', async () => {
    const { workbook, run: excelRun } = excel();
    const spec = explainSheetSpec(w, run);
    await writeSheetTable(excelRun, spec);
    expectText(workbook, spec.sheetName, [PHONE, LINK, SUMS]);
  });

  it('My payslip', async () => {
    const { workbook, run: excelRun } = excel();
    const spec = myPayslipSheet(w, '2026-03', slip);
    await writeSheetTable(excelRun, spec);
    expectText(workbook, spec.sheetName, [SUMS]);
  });
});
