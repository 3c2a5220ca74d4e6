/**
 * Issue 9, point 7: the Targets sheet's totals are Excel formulas, and the
 * stand-in computes them, so a wrong SUM range shows as a wrong number
 * instead of passing on "". The check below reads the computed values and
 * compares each total with the exact figure from the plan (in fen).
 */
import { describe, expect, it } from 'vitest';
import { createStandInExcel, type StandInWorkbook } from '../../../test/support/excel-standin.ts';
import { writeGridSheet, type ExcelRun, type GridSheetSpec } from '../excel/workbook.ts';
import { columnLetters } from '../excel/chunks.ts';
import { words } from '../i18n.ts';
import { parseMoney } from '../../../schema/money.ts';
import { targetSheetSpec, type PlanView } from './target-sheet.ts';

const w = words.en;
const periods3 = [
  { key: '2026-Q1', start: '2026-01-01', end: '2026-03-31', days: 90 },
  { key: '2026-Q2', start: '2026-04-01', end: '2026-06-30', days: 91 },
  { key: '2026-Q3', start: '2026-07-01', end: '2026-09-30', days: 92 },
];
const lines = (rows: [string, string, string][]) => rows.map(([ownerId, periodKey, amount]) => ({ ownerId, periodKey, amount }));
const flat: PlanView = {
  plan: { id: 'plan-1', year: 2026, version: 1, revision: 1, status: 'DRAFT', metric: 'SALES_AMOUNT', level: 'BASE', total: '1000.03', ownerKind: 'PERSON', scopeUnitName: 'Team A', periodLevel: 'quarter' },
  periods: periods3,
  rows: [
    { ownerId: 'team', ownerName: 'Team A', isScope: true, hireDate: null, leaveDate: null },
    { ownerId: 'p1', ownerName: '王芳', isScope: false, hireDate: null, leaveDate: null },
    { ownerId: 'p2', ownerName: '李强', isScope: false, hireDate: null, leaveDate: null },
    { ownerId: 'p3', ownerName: '张伟', isScope: false, hireDate: null, leaveDate: null },
  ],
  lines: lines([
    ['team', '2026-Q1', '333.34'], ['team', '2026-Q2', '333.34'], ['team', '2026-Q3', '333.35'],
    ['p1', '2026-Q1', '111.11'], ['p1', '2026-Q2', '0.10'], ['p1', '2026-Q3', '0.20'],
    ['p2', '2026-Q1', '111.12'], ['p2', '2026-Q2', '333.14'], ['p2', '2026-Q3', '0.05'],
    ['p3', '2026-Q1', '111.11'], ['p3', '2026-Q2', '0.10'], ['p3', '2026-Q3', '333.10'],
  ]),
};
const months = ['01', '02', '03'].map((m, i) => ({ key: `2026-${m}`, start: `2026-${m}-01`, end: `2026-${m}-28`, days: 28 + i, level: 'month', parent: '2026-Q1' }));
const leveled: PlanView = {
  ...flat,
  plan: { ...flat.plan, id: 'plan-2', total: '90.30', periodLevel: 'quarter,month' },
  periods: [{ key: '2026-Q1', start: '2026-01-01', end: '2026-03-31', days: 90, level: 'quarter', parent: null }, ...months],
  rows: flat.rows.slice(0, 3),
  lines: lines([
    ['team', '2026-01', '30.10'], ['team', '2026-02', '30.10'], ['team', '2026-03', '30.10'],
    ['p1', '2026-01', '10.01'], ['p1', '2026-02', '20.02'], ['p1', '2026-03', '0.07'],
    ['p2', '2026-01', '20.09'], ['p2', '2026-02', '10.08'], ['p2', '2026-03', '30.03'],
  ]),
};

/** Sheet layout: banner, header, the scope's row (sheet row 3), owners, the sum row and the difference row; Total in C, periods from D. */
function totalsProblems(workbook: StandInWorkbook, view: PlanView): string[] {
  const { periods, rows } = view;
  const fen = new Map(view.lines.map((l) => [`${l.ownerId}|${l.periodKey}`, parseMoney(l.amount)]));
  const kids = (key: string) => periods.filter((p) => p.parent === key);
  const amount = (owner: string, key: string): bigint => (kids(key).length ? kids(key).reduce((n, k) => n + amount(owner, k.key), 0n) : (fen.get(`${owner}|${key}`) ?? 0n));
  const top = periods.filter((p) => !p.parent);
  const rowOf = (owner: string) => [top.reduce((n, p) => n + amount(owner, p.key), 0n), ...periods.map((p) => amount(owner, p.key))];
  const expected = rows.map((r) => rowOf(r.ownerId));
  const sum = expected[0]!.map((_, j) => expected.slice(1).reduce((n, r) => n + r[j]!, 0n));
  const diff = expected[0]!.map((v, j) => v - sum[j]!);
  const problems: string[] = [];
  [...expected, sum, diff].forEach((row, i) =>
    row.forEach((want, j) => {
      const at = `${columnLetters(2 + j)}${3 + i}`;
      const got = workbook.read(w.targets.title, at)[0]![0];
      if (typeof got !== 'number' || BigInt(Math.round(got * 100)) !== want) problems.push(`${at}: ${String(got)} instead of ${want}`);
    }),
  );
  return problems;
}

async function write(spec: GridSheetSpec) {
  const { workbook } = createStandInExcel();
  await writeGridSheet(workbook.run as unknown as ExcelRun, spec);
  return workbook;
}

describe('the Targets sheet’s totals, as Excel computes them', () => {
  it('add up exactly: each row’s total, the sum of the rows and the difference, for one level and for several', async () => {
    expect(totalsProblems(await write(targetSheetSpec(w, flat)), flat)).toEqual([]);
    const workbook = await write(targetSheetSpec(w, leveled));
    expect(totalsProblems(workbook, leveled)).toEqual([]);
    // IEEE doubles, as in Excel: 30.10 three times is 90.30000000000001, which is 90.30 to the cent.
    expect(workbook.read(w.targets.title, 'C3:D3').flat().map((v) => Math.round(Number(v) * 100))).toEqual([9030, 9030]);
    // The difference row shows zero where the owners add up to the scope.
    expect(workbook.read(w.targets.title, 'D7:G7').flat().map((v) => Math.round(Number(v) * 100))).toEqual([0, 0, 0, 0]);
  });

  it('follow what the user types', async () => {
    const workbook = await write(targetSheetSpec(w, flat));
    workbook.type(w.targets.title, 'E4', 0.2); // p1's Q2 from 0.10 to 0.20
    const typed: PlanView = { ...flat, lines: flat.lines.map((l) => (l.ownerId === 'p1' && l.periodKey === '2026-Q2' ? { ...l, amount: '0.20' } : l)) };
    expect(totalsProblems(workbook, typed)).toEqual([]);
    expect(workbook.read(w.targets.title, 'E8')[0]![0]).toBeCloseTo(-0.1, 10);
  });

  it('catch a wrong SUM range: a sum row that leaves out the last owner, a total that leaves out a period', async () => {
    const spec = targetSheetSpec(w, flat);
    const sumRow = spec.rows.findIndex((r) => r[1] === '__sum');
    const wrong = structuredClone(spec);
    // The sum row's first period sums D4:D5 instead of D4:D6 …
    const good = spec.rows[sumRow]![3] as { formula: string } | string;
    const text = typeof good === 'string' ? good : good.formula;
    expect(text).toBe('=SUM(D4:D6)');
    wrong.rows[sumRow]![3] = typeof good === 'string' ? '=SUM(D4:D5)' : { formula: '=SUM(D4:D5)' };
    // … and p1's total leaves out Q3.
    const p1 = spec.rows[1]![2] as { formula: string } | string;
    wrong.rows[1]![2] = typeof p1 === 'string' ? '=SUM(D4:E4)' : { formula: '=SUM(D4:E4)' };
    const problems = totalsProblems(await write(wrong), flat);
    expect(problems.map((p) => p.split(':')[0])).toEqual(['C4', 'C7', 'D7', 'C8', 'D8']);
  });
});
