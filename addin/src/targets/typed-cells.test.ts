/** Which cells the user typed since the last pull, found in the Excel stand-in, and kept when asked. */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { readStoredText, readTaggedSheet, writeGridSheet, writeStoredText, type ExcelRun } from '../excel/workbook.ts';
import { words } from '../i18n.ts';
import { readTargetSheet, targetSheetSpec, TARGETS_KIND, type PlanView } from './target-sheet.ts';
import { keepCells, pulledKey, pulledText, readPulled, typedCells } from './typed-cells.ts';

const w = words.en;
const view: PlanView = {
  plan: { id: 'plan-1', year: 2026, version: 1, revision: 3, status: 'DRAFT', metric: 'SALES_AMOUNT', level: 'BASE', total: '200.00', ownerKind: 'PERSON', scopeUnitName: 'Team A', periodLevel: 'quarter' },
  periods: [
    { key: '2026-Q1', start: '2026-01-01', end: '2026-03-31', days: 90 },
    { key: '2026-Q2', start: '2026-04-01', end: '2026-06-30', days: 91 },
  ],
  rows: [
    { ownerId: 'team', ownerName: 'Team A', isScope: true, hireDate: null, leaveDate: null },
    { ownerId: 'p1', ownerName: '王芳', isScope: false, hireDate: '2020-01-01', leaveDate: null },
    { ownerId: 'p2', ownerName: '李强', isScope: false, hireDate: '2020-01-01', leaveDate: null },
  ],
  lines: [
    ['team', '2026-Q1', '100.00'], ['team', '2026-Q2', '100.00'],
    ['p1', '2026-Q1', '60.00'], ['p1', '2026-Q2', '50.00'],
    ['p2', '2026-Q1', '40.00'], ['p2', '2026-Q2', '50.00'],
  ].map(([ownerId, periodKey, amount]) => ({ ownerId: ownerId!, periodKey: periodKey!, amount: amount! })),
};
const withLine = (v: PlanView, owner: string, period: string, amount: string): PlanView => ({ ...v, lines: v.lines.map((l) => (l.ownerId === owner && l.periodKey === period ? { ...l, amount } : l)) });

async function pulled() {
  const s = createStandInExcel();
  const run = s.workbook.run as unknown as ExcelRun;
  await writeGridSheet(run, targetSheetSpec(w, view));
  await writeStoredText(run, pulledKey('plan-1'), pulledText(view));
  const typed = async (incoming: PlanView | null) => {
    const read = (await readTaggedSheet(run, TARGETS_KIND, { planId: 'plan-1' }, ['revision']))!;
    return typedCells(view, readTargetSheet(w, view, read), read.sheetName, readPulled(await readStoredText(run, pulledKey('plan-1'))), incoming);
  };
  return { ...s, run, typed };
}

describe('typed cells', () => {
  it('finds none right after a pull, and the cells typed since (as numbers or text) by address', async () => {
    const { workbook, typed } = await pulled();
    expect(await typed(view)).toEqual([]);
    workbook.type('Targets', 'D4', 61); // 王芳 Q1
    workbook.type('Targets', 'E5', 'fifty'); // 李强 Q2
    workbook.type('Targets', 'E4', 50); // typed over with the same figure: not a change
    expect((await typed(null)).map((c) => [c.cell, c.value])).toEqual([
      ['Targets!D4', 61],
      ['Targets!E5', 'fifty'],
    ]);
  });

  it('does not ask about a typed cell the server now holds too', async () => {
    const { workbook, typed } = await pulled();
    workbook.type('Targets', 'D4', 61);
    workbook.type('Targets', 'D5', 39);
    expect((await typed(withLine(view, 'p1', '2026-Q1', '61.00'))).map((c) => c.cell)).toEqual(['Targets!D5']);
  });

  it('without a record of the last pull, counts what differs from what is coming', async () => {
    const { workbook, run, typed } = await pulled();
    workbook.sheet('QuotabookStore')!.cells.clear();
    expect(await readStoredText(run, pulledKey('plan-1'))).toBeNull();
    workbook.type('Targets', 'D4', 61);
    expect((await typed(view)).map((c) => c.cell)).toEqual(['Targets!D4']);
  });

  it('“keep my cells” writes the server’s figures around the typed ones', async () => {
    const { workbook, run, typed } = await pulled();
    workbook.type('Targets', 'D4', 61);
    const cells = await typed(null);
    const next = withLine(withLine(view, 'p2', '2026-Q2', '55.00'), 'p1', '2026-Q1', '70.00');
    await writeGridSheet(run, targetSheetSpec(w, next, 'Targets', keepCells(cells)));
    expect(workbook.read('Targets', 'D4:E5')).toEqual([
      [61, 50],
      [40, 55],
    ]);
  });
});
