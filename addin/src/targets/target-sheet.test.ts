/** The Targets sheet written into the stand-in and read back, with the user's edits. */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { readTaggedSheet, writeGridSheet, type ExcelRun } from '../excel/workbook.ts';
import { words } from '../i18n.ts';
import { checkSheet, comparisonSheetSpec, issueCell, readTargetSheet, targetSheetSpec, TARGETS_KIND, type PlanView } from './target-sheet.ts';

const w = words.en;
const view: PlanView = {
  plan: { id: 'plan-1', year: 2026, version: 1, revision: 3, status: 'DRAFT', metric: 'SALES_AMOUNT', level: 'BASE', total: '300.00', ownerKind: 'PERSON', scopeUnitName: 'Team A', periodLevel: 'quarter' },
  periods: [
    { key: '2026-Q1', start: '2026-01-01', end: '2026-03-31', days: 90 },
    { key: '2026-Q2', start: '2026-04-01', end: '2026-06-30', days: 91 },
    { key: '2026-Q3', start: '2026-07-01', end: '2026-09-30', days: 92 },
  ],
  rows: [
    { ownerId: 'team', ownerName: 'Team A', isScope: true, hireDate: null, leaveDate: null },
    { ownerId: 'p1', ownerName: '王芳', isScope: false, hireDate: '2020-01-01', leaveDate: null },
    { ownerId: 'p2', ownerName: '李强', isScope: false, hireDate: '2026-04-15', leaveDate: null },
  ],
  lines: [
    ['team', '2026-Q1', '100.00'], ['team', '2026-Q2', '100.00'], ['team', '2026-Q3', '100.00'],
    ['p1', '2026-Q1', '100.00'], ['p1', '2026-Q2', '60.00'], ['p1', '2026-Q3', '50.00'],
    ['p2', '2026-Q1', '0.00'], ['p2', '2026-Q2', '40.00'], ['p2', '2026-Q3', '50.00'],
  ].map(([ownerId, periodKey, amount]) => ({ ownerId: ownerId!, periodKey: periodKey!, amount: amount! })),
};

async function setup() {
  const s = createStandInExcel();
  const run = s.workbook.run as unknown as ExcelRun;
  await writeGridSheet(run, targetSheetSpec(w, view));
  const read = async () => {
    const r = await readTaggedSheet(run, TARGETS_KIND, { planId: 'plan-1' }, ['revision']);
    if (!r) throw new Error('not found');
    const back = readTargetSheet(w, view, r);
    return { r, back, issues: back.problems.length ? [] : checkSheet(view, back) };
  };
  return { ...s, run, read };
}

describe('the Targets sheet', () => {
  it('is laid out under a banner with formulas for totals, input cells unlocked and validated, the rest protected', async () => {
    const { workbook } = await setup();
    expect(workbook.read('Targets', 'A1')).toEqual([['Team A · Sales amount · Base · 2026 · version 1 · draft · Year target 300.00']]);
    expect(workbook.read('Targets', 'A2:F2')).toEqual([['Owner', 'ID', 'Total', '2026-Q1', '2026-Q2', '2026-Q3']]);
    expect(workbook.read('Targets', 'D4:F4')).toEqual([[100, 60, 50]]);
    expect(workbook.cell('Targets', 'C4')?.formula).toBe('=SUM(D4:F4)');
    expect(workbook.cell('Targets', 'D6')?.formula).toBe('=SUM(D4:D5)');
    expect(workbook.cell('Targets', 'D7')?.formula).toBe('=D3-D6');
    expect(workbook.cell('Targets', 'C7')?.formula).toBe('=C3-C6');
    const sheet = workbook.sheet('Targets')!;
    expect(sheet.protected).toBe(true);
    expect(sheet.hiddenColumns.has(1)).toBe(true);
    expect(workbook.cell('Targets', 'E4')?.unlocked).toBe(true);
    expect(workbook.cell('Targets', 'E4')?.validation).toEqual({ decimal: { formula1: 0, operator: 'GreaterThanOrEqualTo' } });
    expect(workbook.cell('Targets', 'C4')?.unlocked).toBeUndefined();
    expect(() => workbook.type('Targets', 'C4', 1)).toThrow(/protected/);
  });

  it('keeps names, totals, the header and the scope row in view, and turns a difference that is not nil red', async () => {
    const { workbook } = await setup();
    const sheet = workbook.sheet('Targets')!;
    expect([sheet.frozenRows, sheet.frozenColumns]).toEqual([3, 3]);
    for (const a of ['C7', 'D7', 'F7']) expect(workbook.cell('Targets', a)?.conditional).toEqual({ rule: { formula1: '0', operator: 'NotEqualTo' }, fill: '#FFC7CE' });
    expect(workbook.cell('Targets', 'D6')?.conditional).toBeUndefined();
    expect(workbook.cell('Targets', 'G7')?.conditional).toBeUndefined();
  });

  it('shows the year target in the banner as soon as the plan exists, before any line', async () => {
    const s = createStandInExcel();
    await writeGridSheet(s.workbook.run as unknown as ExcelRun, targetSheetSpec(w, { ...view, plan: { ...view.plan, total: '1234567.50' }, lines: [] }));
    expect(s.workbook.read('Targets', 'A1')[0]![0]).toMatch(/Year target 1,234,567\.50$/);
    expect(s.workbook.read('Targets', 'D3:F3')).toEqual([['', '', '']]);
  });

  it('reads back clean, with the revision it was pulled at', async () => {
    const { read } = await setup();
    const { back, issues } = await read();
    expect(back.problems).toEqual([]);
    expect(issues).toEqual([]);
    expect(back.revision).toBe(3);
    expect(back.lines).toHaveLength(9);
  });

  it('points a broken sum at the column, and a bad cell at its address', async () => {
    const { workbook, read } = await setup();
    workbook.type('Targets', 'E4', 61);
    workbook.type('Targets', 'F5', 'fifty');
    const { back, issues, r } = await read();
    // The broken sum points at its difference cell, not the header.
    expect(issues.map((i) => [i.rule, issueCell(r.sheetName, back, i)])).toEqual([
      ['notANumber', 'Targets!F5'],
      ['sum', 'Targets!E7'],
    ]);
  });

  it('finds the sheet after the user renamed it, and survives rows sorted differently', async () => {
    const { workbook, read } = await setup();
    workbook.sheet('Targets')!.name = 'My plan';
    // Swap the two people's rows, as a sort would.
    const row4 = workbook.read('My plan', 'A4:F4')[0]!;
    const row5 = workbook.read('My plan', 'A5:F5')[0]!;
    workbook.sheet('My plan')!.protected = false;
    row5.forEach((v, c) => workbook.type('My plan', `${'ABCDEF'[c]}4`, v as string));
    row4.forEach((v, c) => workbook.type('My plan', `${'ABCDEF'[c]}5`, v as string));
    const { r, back, issues } = await read();
    expect(r.sheetName).toBe('My plan');
    expect(back.problems).toEqual([]);
    expect(issues).toEqual([]);
  });

  it('names inserted and deleted rows and renamed columns by cell', async () => {
    const { workbook, read } = await setup();
    const sheet = workbook.sheet('Targets')!;
    sheet.protected = false;
    workbook.insertRow('Targets', 5);
    workbook.type('Targets', 'A5', 'someone new');
    workbook.type('Targets', 'D5', 5);
    workbook.deleteRow('Targets', 6); // 李强's row, now row 6
    workbook.type('Targets', 'E2', 'April-June');
    const { back } = await read();
    expect(back.problems).toEqual([
      { cell: 'Targets!E2', message: '“April-June” is not a period of this plan (an inserted or renamed column?)' },
      { cell: 'Targets!A2', message: 'The column for 2026-Q2 is missing (deleted?); pull the plan again' },
      { cell: 'Targets!A5', message: 'This row is not part of the plan (inserted?); move its contents elsewhere' },
      { cell: 'Targets!A:A', message: 'The row for 李强 is missing (deleted?)' },
    ]);
  });

  it('refreshes in place and keeps notes beside the grid', async () => {
    const { workbook, run } = await setup();
    workbook.sheet('Targets')!.protected = false;
    workbook.type('Targets', 'H3', 'note to self');
    const report = await writeGridSheet(run, targetSheetSpec(w, { ...view, plan: { ...view.plan, revision: 4 } }));
    expect(report.replacedPrevious).toBe(true);
    expect(workbook.read('Targets', 'H3')).toEqual([['note to self']]);
    expect(workbook.sheet('Targets')!.customProperties.get('QuotabookRevision')).toBe('4');
  });
});

describe('the comparison sheet after a CONFLICT', () => {
  it('shows the server’s version greyed, locked throughout, with the cells that differ from mine highlighted', async () => {
    const { workbook, run, read } = await setup();
    workbook.type('Targets', 'E4', 61);
    workbook.type('Targets', 'E5', 39);
    const { back } = await read();
    await writeGridSheet(run, comparisonSheetSpec(w, view, 'Targets (server)', back));
    const sheet = workbook.sheet('Targets (server)')!;
    expect(sheet.protected).toBe(true);
    expect(workbook.read('Targets (server)', 'E4:E5')).toEqual([[60], [40]]);
    const highlighted = [...sheet.cells.entries()].filter(([, c]) => c.fill === '#FFEB9C').map(([k]) => k);
    expect(highlighted.sort()).toEqual(['3,4', '4,4']);
    expect(workbook.cell('Targets (server)', 'D4')?.fill).toBe('#EDEDED');
    expect([...sheet.cells.values()].some((c) => c.unlocked)).toBe(false);
    expect(() => workbook.type('Targets (server)', 'D4', 1)).toThrow(/protected/);
    // My sheet is untouched.
    expect(workbook.read('Targets', 'E4:E5')).toEqual([[61], [39]]);
  });
});

describe('a Targets sheet of several levels', () => {
  // Quarter → month for one quarter's worth of a small plan: Q1 = Jan + Feb + Mar.
  const months = [
    { key: '2026-01', start: '2026-01-01', end: '2026-01-31', days: 31, level: 'month', parent: '2026-Q1' },
    { key: '2026-02', start: '2026-02-01', end: '2026-02-28', days: 28, level: 'month', parent: '2026-Q1' },
    { key: '2026-03', start: '2026-03-01', end: '2026-03-31', days: 31, level: 'month', parent: '2026-Q1' },
  ];
  const leveled: PlanView = {
    ...view,
    plan: { ...view.plan, id: 'plan-2', total: '90.00', periodLevel: 'quarter,month' },
    periods: [{ key: '2026-Q1', start: '2026-01-01', end: '2026-03-31', days: 90, level: 'quarter', parent: null }, ...months],
    rows: view.rows.slice(0, 2),
    lines: ['team', 'p1'].flatMap((o) => [
      { ownerId: o, periodKey: '2026-Q1', amount: '90.00' },
      ...months.map((m) => ({ ownerId: o, periodKey: m.key, amount: '30.00' })),
    ]),
  };

  it('shows every level: the months typed, the quarter a formula over them, the total over the top level', async () => {
    const { workbook } = createStandInExcel();
    const run = workbook.run as unknown as ExcelRun;
    await writeGridSheet(run, targetSheetSpec(w, leveled));
    expect(workbook.read('Targets', 'A2:G2')).toEqual([['Owner', 'ID', 'Total', '2026-Q1', '2026-01', '2026-02', '2026-03']]);
    expect(workbook.cell('Targets', 'D4')?.formula).toBe('=SUM(E4:G4)');
    expect(workbook.cell('Targets', 'C4')?.formula).toBe('=D4');
    expect(workbook.read('Targets', 'E4:G4')).toEqual([[30, 30, 30]]);
    // Only the months are input cells.
    expect(workbook.cell('Targets', 'D4')?.unlocked).toBeUndefined();
    expect(workbook.cell('Targets', 'E4')?.unlocked).toBe(true);
    expect(() => workbook.type('Targets', 'D4', 1)).toThrow(/protected/);
  });

  it('reads the typed months back and checks the quarter as their sum', async () => {
    const { workbook } = createStandInExcel();
    const run = workbook.run as unknown as ExcelRun;
    await writeGridSheet(run, targetSheetSpec(w, leveled));
    const read = async () => readTargetSheet(w, leveled, (await readTaggedSheet(run, TARGETS_KIND, { planId: 'plan-2' }, ['revision']))!);
    let back = await read();
    expect(back.lines.map((l) => l.periodKey)).toEqual(['2026-01', '2026-02', '2026-03', '2026-01', '2026-02', '2026-03']);
    expect(checkSheet(leveled, back)).toEqual([]);
    workbook.type('Targets', 'E4', 31);
    back = await read();
    const issues = checkSheet(leveled, back);
    // The person's quarter is now 91, over the team's 90 for Q1 and for January.
    expect(issues.map((i) => `${i.rule} ${i.periodKey}`).sort()).toEqual(['sum 2026-01', 'sum 2026-Q1']);
    expect(issueCell('Targets', back, issues.find((i) => i.periodKey === '2026-Q1')!)).toBe('Targets!D6');
  });
});
