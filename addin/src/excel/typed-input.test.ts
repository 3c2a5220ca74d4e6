/**
 * Issue 8 §3, "nothing typed is ever lost": every input sheet that was
 * rewritten without asking (a rep's plan, the month's log and reports, a
 * scorecard, seasonality, class rules, an indicator set) goes through one
 * way: a rewrite finds the input cells typed since Quotabook last wrote them
 * and, when the write would change them, writes nothing and hands them back
 * to be asked about; replacing is the user's choice.
 */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { words } from '../i18n.ts';
import { planWeeks } from '../../../schema/rep-plan.ts';
import { planSheetSpec } from '../rep-plans/plan-sheet.ts';
import type { MyRepPlan } from '../rep-plans/operations.ts';
import { logSheetSpec, reportSheetSpec, type WorkMonth } from '../work-reports/month-sheets.ts';
import type { WorkLog } from '../work-reports/operations.ts';
import { scorecardSheetSpec, type ScorecardView } from '../scorecards/scorecard-sheet.ts';
import { indicatorSetSheetSpec, type IndicatorSetView } from '../scorecards/indicator-set-sheet.ts';
import { seasonalitySheetSpec } from '../targets/seasonality-sheet.ts';
import { classRulesSheetSpec } from '../results/class-rules-sheet.ts';
import { DEFAULT_CLASSES } from '../../../schema/achievement.ts';
import { parseA1 } from './chunks.ts';
import { inputCells, rewriteInputSheets, writeInputSheet } from './typed-input.ts';
import { writeGridSheet, type ExcelRun, type GridSheetSpec } from './workbook.ts';

const en = words.en;
const zh = words['zh-CN'];
const owner = { personId: 'p1', personName: '王芳', employeeNo: 'E001' };
const form: MyRepPlan = { person: { id: 'p1', name: '王芳', employeeNo: 'E001' }, month: '2026-03', weeks: planWeeks('2026-03').map((x) => ({ key: x.key, start: x.start, end: x.end })), target: '30000.00', stretchTarget: null, dueOn: '2026-02-28', plan: null, earlier: [], customerCodes: ['KH-001'] };
const common = { personId: 'p1', personName: '王芳', employeeNo: 'E001', unitName: 'Team A', status: 'DRAFT', revision: 1, dueOn: '2026-12-02', timeliness: 'DUE', submittedAt: null, comment: null, commentedBy: null, commentedAt: null, canEdit: true, canComment: false } as const;
const log = (day: string): WorkLog => ({ ...common, id: `log-${day}`, day, calls: 5, visits: 1, deals: 0, customersMet: '星湖电子', notes: '回访' }) as WorkLog;
const month: WorkMonth = {
  month: '2026-12',
  logs: [log('2026-12-01'), log('2026-12-02')],
  weeklyReports: ['2026-12-07', '2026-12-14'].map((week) => ({ week, reportedFrom: '', reportedTo: '', dueOn: week, figures: null, report: null })),
  monthlyReport: { month: '2026-12', dueOn: '2026-12-28', report: null },
} as WorkMonth;
const line = (code: string, name: string, group: ScorecardView['lines'][number]['group'], weight: string, extra: Partial<ScorecardView['lines'][number]>) => ({ code, name, group, weight, computed: false, computation: null, maxScore: 10, value: null, score: null, comment: null, points: null, ...extra });
const card: ScorecardView = {
  id: 'card-1', personId: 'p1', personName: '王芳', employeeNo: 'E001', unitName: 'Team A', periodKey: '2026-03', status: 'DRAFT', revision: 2,
  total: null, grade: null, canScore: true, canApprove: false, commentBelowPercent: 60,
  lines: [line('plan', 'Plan quality', 'PLANNING', '40', { score: 6 }), line('attitude', 'Attitude', 'ATTITUDE', '60', {})],
} as ScorecardView;
const set: IndicatorSetView = {
  id: 'set-rep', role: 'REP', name: '销售代表考核', version: 2, commentBelowPercent: 60,
  gradeBands: [{ grade: 'EXCELLENT', min: '90', inclusive: true }, { grade: 'PASS', min: '60', inclusive: true }],
  indicators: [{ code: 'plan', name: '计划质量', group: 'PLANNING', weight: '100', computation: null, fullMarksAt: null, maxScore: 10 }],
} as IndicatorSetView;
const trade = { code: 'TRADE_SEASONS', name: '淡旺季', monthPercents: ['5', '5', '7', '8', '8', '8', '8', '8', '9', '10', '12', '12'] };

/** Every kind of input sheet that rewrote typed cells without asking, with a typed cell of each. */
const sheets: [string, GridSheetSpec][] = [
  ['a rep’s plan', planSheetSpec(en, owner, form, null, true)],
  ['the month’s work log', logSheetSpec(zh, owner, month)],
  ['the month’s reports', reportSheetSpec(zh, owner, month)],
  ['a scorecard', scorecardSheetSpec(en, card)],
  ['seasonality', seasonalitySheetSpec(zh, [trade])],
  ['class rules', classRulesSheetSpec(zh, DEFAULT_CLASSES)],
  ['an indicator set', indicatorSetSheetSpec(zh, set)],
];

/** A value unlike what the spec writes in the cell: text in a text column, else a number. */
const unlike = (spec: GridSheetSpec, cell: string, written: string) => (spec.columns[parseA1(cell).column]!.numberFormat === '@' ? `typed ${written}` : written === '7' ? 8 : 7);

function standIn() {
  const { workbook } = createStandInExcel();
  return { workbook, run: workbook.run as unknown as ExcelRun };
}

describe('rewriting an input sheet', () => {
  for (const [what, spec] of sheets) {
    it(`${what}: writes again without asking when nothing was typed; asks, writing nothing, about a cell typed since; replaces it only when told`, async () => {
      const { workbook, run } = standIn();
      const { sheetName } = await writeInputSheet(run, spec);
      expect(await rewriteInputSheets(run, [{ spec }])).toMatchObject({ reports: [{ sheetName }] });

      const [cell, written] = [...inputCells(spec)][0]!;
      const value = unlike(spec, cell, written);
      workbook.type(sheetName, cell, value);
      const before = JSON.stringify([...workbook.sheet(sheetName)!.cells]);
      expect(await rewriteInputSheets(run, [{ spec }])).toEqual({ typed: [{ sheetName, cells: [cell] }] });
      expect(JSON.stringify([...workbook.sheet(sheetName)!.cells])).toBe(before);

      await rewriteInputSheets(run, [{ spec }], true);
      expect(workbook.read(sheetName, cell)[0]![0]).toBe(written === '' ? '' : spec.columns[parseA1(cell).column]!.numberFormat === '@' ? written : Number(written));
      // Replaced: nothing typed since, so the next write asks nothing.
      expect(await rewriteInputSheets(run, [{ spec }])).toMatchObject({ reports: [{ sheetName }] });
    });
  }

  it('asks about nothing a write would not change (the server has the typed figure now, e.g. saved from another pane)', async () => {
    const { workbook, run } = standIn();
    const spec = seasonalitySheetSpec(zh, [trade]);
    const { sheetName } = await writeInputSheet(run, spec);
    const [cell] = [...inputCells(spec)].find(([, v]) => v === '5')!;
    workbook.type(sheetName, cell, 6);
    const saved = seasonalitySheetSpec(zh, [{ ...trade, monthPercents: ['6', ...trade.monthPercents.slice(1)] }]);
    expect(await rewriteInputSheets(run, [{ spec: saved }])).toMatchObject({ reports: [{ sheetName }] });
  });

  it('on a sheet written before its cells were kept, counts the cells that differ from what is coming', async () => {
    const { workbook, run } = standIn();
    const spec = scorecardSheetSpec(en, card);
    const { sheetName } = await writeGridSheet(run, spec);
    expect(await rewriteInputSheets(run, [{ spec }])).toMatchObject({ reports: [{ sheetName }] });
    const { sheetName: again } = await writeGridSheet(run, spec);
    const [cell] = [...inputCells(spec)][0]!;
    workbook.type(again, cell, 9);
    expect(await rewriteInputSheets(run, [{ spec }])).toEqual({ typed: [{ sheetName: again, cells: [cell] }] });
  });

  it('checks every sheet of an action before writing any (the log and the reports)', async () => {
    const { workbook, run } = standIn();
    const writes = [{ spec: logSheetSpec(zh, owner, month) }, { spec: reportSheetSpec(zh, owner, month) }];
    const done = await rewriteInputSheets(run, writes);
    const [log, reports] = 'reports' in done ? done.reports.map((r) => r.sheetName) : [];
    const [logCell] = [...inputCells(writes[0]!.spec)][0]!;
    const [reportCell] = [...inputCells(writes[1]!.spec)][0]!;
    workbook.type(log!, logCell, 9);
    workbook.type(reports!, reportCell, 'my week');
    expect(await rewriteInputSheets(run, writes)).toEqual({ typed: [{ sheetName: log, cells: [logCell] }, { sheetName: reports, cells: [reportCell] }] });
    expect([workbook.read(log!, logCell)[0]![0], workbook.read(reports!, reportCell)[0]![0]]).toEqual([9, 'my week']);
  });
});
