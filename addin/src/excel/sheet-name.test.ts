/**
 * Every sheet can be written whatever the data its name is built from: an
 * employee number or a plan code may hold characters Excel forbids in sheet
 * names, or be long enough to push the period out of 31 characters.
 */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { words } from '../i18n.ts';
import { scorecardSheetName, scorecardSheetSpec, type ScorecardView } from '../scorecards/scorecard-sheet.ts';
import { planSheetName as repPlanSheetName } from '../rep-plans/plan-sheet.ts';
import { logSheetName, reportSheetName } from '../work-reports/month-sheets.ts';
import { planSheetName as compensationSheetName } from '../compensation/plan-sheet.ts';
import { numberedSheetName, sheetName } from './sheet-name.ts';
import { writeGridSheet, writeSheetTable, type ExcelRun } from './workbook.ts';

const excel = (sheets?: string[]) => {
  const s = createStandInExcel(sheets);
  return { ...s, run: s.workbook.run as unknown as ExcelRun };
};
const legal = (name: string) => name.length >= 1 && name.length <= 31 && !/[\\/?*[\]:]/.test(name) && !/^'|'$/.test(name);

const card = (employeeNo: string, periodKey: string): ScorecardView => ({
  id: `card-${employeeNo}-${periodKey}`,
  personId: `p-${employeeNo}`,
  personName: 'Wang',
  employeeNo,
  unitName: 'East',
  periodKey,
  status: 'DRAFT',
  revision: 1,
  total: null,
  grade: null,
  canScore: true,
  canApprove: false,
  commentBelowPercent: 60,
  lines: [{ code: 'ach', name: 'Achievement', group: 'RESULTS', weight: '100', computed: false, computation: 'MANUAL', maxScore: 100, value: null, score: null, comment: null, points: null }] as unknown as ScorecardView['lines'],
});

describe('sheet names Excel accepts', () => {
  it('the stand-in refuses what Excel refuses: forbidden characters, more than 31 characters, an apostrophe at either end', () => {
    const { workbook } = excel();
    for (const bad of ['Scorecard HR/001 2026-03', 'a:b', 'x'.repeat(32), "'quoted", "quoted'", '']) expect(() => workbook.addSheet(bad), bad).toThrow(/not a valid sheet name/);
    expect(workbook.addSheet('x'.repeat(31)).name).toHaveLength(31);
  });

  it('cleans forbidden characters and shortens the middle, keeping the word in front and the period at the end', () => {
    expect(sheetName('Scorecard HR/001 2026-03')).toBe('Scorecard HR-001 2026-03');
    expect(sheetName('Scorecard EAST-SALES-000123 2026-03')).toBe('Scorecard EAST-…-000123 2026-03');
    expect(sheetName("'a[1]*?:\\'")).toBe('a-1-----');
    const long = sheetName(`Scorecard ${'9'.repeat(32)} 2026-03`);
    expect(long).toHaveLength(31);
    expect(long.endsWith(' 2026-03')).toBe(true);
    expect(numberedSheetName('x'.repeat(31), 2)).toHaveLength(31);
    // A character outside the BMP is never cut in half.
    expect(sheetName('😀'.repeat(20))).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('every name built from an employee number or a plan code is legal and keeps its period', () => {
    const w = words.en;
    for (const no of ['HR/001', 'A:12', '[x]*?', 'EAST-SALES-000123', 'Z'.repeat(32)]) {
      for (const name of [scorecardSheetName(w, { employeeNo: no, periodKey: '2026-03' }), repPlanSheetName(w, { employeeNo: no }, '2026-03'), logSheetName(w, { employeeNo: no }, '2026-03'), reportSheetName(w, { employeeNo: no }, '2026-03')]) {
        expect(legal(name), name).toBe(true);
        expect(name.endsWith(' 2026-03'), name).toBe(true);
      }
    }
    const a = compensationSheetName(w, `LADDER_${'X'.repeat(24)}_A`);
    const b = compensationSheetName(w, `LADDER_${'X'.repeat(24)}_B`);
    expect([legal(a), legal(b), a === b]).toEqual([true, true, false]);
  });

  it('writes a scorecard for an employee number with a slash', async () => {
    const { run, workbook } = excel();
    const report = await writeGridSheet(run, scorecardSheetSpec(words.en, card('HR/001', '2026-03')));
    expect(report.sheetName).toBe('Scorecard HR-001 2026-03');
    expect(workbook.sheet(report.sheetName)).toBeTruthy();
  });

  it('two months of a long employee number get two sheets, each named with its month', async () => {
    const { run } = excel();
    const march = await writeGridSheet(run, scorecardSheetSpec(words.en, card('EAST-SALES-000123', '2026-03')));
    const april = await writeGridSheet(run, scorecardSheetSpec(words.en, card('EAST-SALES-000123', '2026-04')));
    expect([march.sheetName, april.sheetName]).toEqual(['Scorecard EAST-…-000123 2026-03', 'Scorecard EAST-…-000123 2026-04']);
  });

  it('a 31-character name taken by a sheet of the user’s: "Name (2)" is shortened to fit', async () => {
    const name = 'Performance East-Sales 2026-03x';
    expect(name).toHaveLength(31);
    const { run } = excel([name]);
    const report = await writeSheetTable(run, { sheetName: name, kind: 'test', tableName: 'QuotabookTest', columns: [{ header: 'A', numberFormat: '@', width: 40 }], rows: [['x']], properties: {} });
    expect(report.sheetName).toBe('Performance E…ales 2026-03x (2)');
    expect(legal(report.sheetName)).toBe(true);
  });
});
