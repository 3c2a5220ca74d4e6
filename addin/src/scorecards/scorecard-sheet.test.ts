/** The Scorecard sheet written into the stand-in and read back, with the manager's typing. */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { readTaggedSheet, writeGridSheet, type ExcelRun } from '../excel/workbook.ts';
import { words } from '../i18n.ts';
import { readScorecardSheet, SCORECARD_KIND, scorecardSheetSpec, type ScorecardView } from './scorecard-sheet.ts';

const w = words.en;
const line = (code: string, name: string, group: ScorecardView['lines'][number]['group'], weight: string, extra: Partial<ScorecardView['lines'][number]>) => ({
  code, name, group, weight, computed: false, computation: null, maxScore: 10, value: null, score: null, comment: null, points: null, ...extra,
});
const card: ScorecardView = {
  id: 'card-1', personId: 'p1', personName: '王芳', employeeNo: 'E001', unitName: 'Team A', periodKey: '2026-03', status: 'DRAFT', revision: 2,
  total: null, grade: null, canScore: true, canApprove: false, commentBelowPercent: 60,
  lines: [
    line('sales', 'Sales achievement', 'SALES', '60', { computed: true, computation: 'SALES_ACHIEVEMENT', maxScore: null, value: '93.75', points: '56.25' }),
    line('plan', 'Plan quality', 'PLANNING', '25', {}),
    line('attitude', 'Attitude', 'ATTITUDE', '15', { score: 8 }),
  ],
};

async function setup(view = card) {
  const s = createStandInExcel();
  const run = s.workbook.run as unknown as ExcelRun;
  const report = await writeGridSheet(run, scorecardSheetSpec(w, view));
  const read = async (complete = false) => {
    const r = await readTaggedSheet(run, SCORECARD_KIND, { personId: 'p1', periodKey: '2026-03' }, ['revision']);
    if (!r) throw new Error('not found');
    return readScorecardSheet(w, view, r, complete);
  };
  return { ...s, run, read, sheet: report.sheetName };
}

describe('the Scorecard sheet', () => {
  it('is laid out under a banner; scores and comments of manager-scored lines are unlocked and validated 0..max, the rest protected', async () => {
    const { workbook, sheet } = await setup();
    expect(sheet).toBe('Scorecard E001 2026-03');
    expect(workbook.read(sheet, 'A1')).toEqual([['王芳 (E001) · Team A · 2026-03 · Draft · Total not yet · Grade not yet']]);
    expect(workbook.read(sheet, 'A2:H2')).toEqual([['Group', 'Indicator', 'Weight %', 'Max', 'Computed value', 'Score', 'Comment', 'ID']]);
    expect(workbook.read(sheet, 'A3:H5')).toEqual([
      ['Sales volume', 'Sales achievement', 60, '', 93.75, '', '', 'sales'],
      ['Planning', 'Plan quality', 25, 10, '', '', '', 'plan'],
      ['Ability and attitude', 'Attitude', 15, 10, '', 8, '', 'attitude'],
    ]);
    const ws = workbook.sheet(sheet)!;
    expect(ws.protected).toBe(true);
    expect(ws.hiddenColumns.has(7)).toBe(true);
    expect(workbook.cell(sheet, 'F4')?.unlocked).toBe(true);
    expect(workbook.cell(sheet, 'G4')?.unlocked).toBe(true);
    expect(workbook.cell(sheet, 'F4')?.validation).toEqual({ wholeNumber: { formula1: 0, formula2: 10, operator: 'Between' } });
    expect(workbook.cell(sheet, 'G4')?.validation).toBeUndefined();
    expect(() => workbook.type(sheet, 'F3', 5)).toThrow(/protected/);
    expect(() => workbook.type(sheet, 'C4', 5)).toThrow(/protected/);
  });

  it('reads typed scores back and names each problem by its cell with the shared rules', async () => {
    const { workbook, read, sheet } = await setup();
    workbook.type(sheet, 'F4', 12);
    workbook.type(sheet, 'F5', 4);
    let back = await read();
    expect(back.revision).toBe(2);
    expect(back.issues.map((i) => [i.cell, i.message])).toEqual([
      [`${sheet}!F4`, `${sheet}!F4: Plan quality: 12 is outside 0 to 10.`],
      [`${sheet}!G5`, `${sheet}!G5: Attitude: a score below 6 needs a comment.`],
    ]);
    workbook.type(sheet, 'F4', '');
    workbook.type(sheet, 'G5', 'Late twice');
    back = await read();
    expect(back.issues).toEqual([]);
    expect(back.entries).toEqual([
      { code: 'plan', score: null, comment: null },
      { code: 'attitude', score: '4', comment: 'Late twice' },
    ]);
    // Submitting needs every score: a draft may keep a blank one (not in issues), but it is named at its cell.
    expect(back.incomplete.map((i) => [i.cell, i.message])).toEqual([[`${sheet}!F4`, `${sheet}!F4: Plan quality has no score yet.`]]);
    expect((await read(true)).issues.map((i) => i.message)).toEqual([`${sheet}!F4: Plan quality has no score yet.`]);
  });

  it('names every blank score as submitting would, by its cell, in the reader’s language (validating says them too)', async () => {
    const blank = { ...card, lines: [...card.lines.map((l) => ({ ...l, score: null })), line('process', 'Process', 'PROCESS', '0', {})] };
    const { workbook, read, sheet } = await setup(blank);
    let back = await read(true);
    expect(back.issues.map((i) => i.message)).toEqual([
      `${sheet}!F4: Plan quality has no score yet.`,
      `${sheet}!F5: Attitude has no score yet.`,
      `${sheet}!F6: Process has no score yet.`,
    ]);
    expect(back.incomplete).toEqual(back.issues);
    // A score the rules refuse is named as what it is, not also as missing; one scored is no longer named.
    workbook.type(sheet, 'F4', 12);
    workbook.type(sheet, 'F6', 7);
    back = await read(true);
    expect(back.issues.map((i) => i.message)).toEqual([`${sheet}!F4: Plan quality: 12 is outside 0 to 10.`, `${sheet}!F5: Attitude has no score yet.`]);
    // In Chinese.
    const s = createStandInExcel();
    const run = s.workbook.run as unknown as ExcelRun;
    const zh = words['zh-CN'];
    const report = await writeGridSheet(run, scorecardSheetSpec(zh, blank));
    const r = (await readTaggedSheet(run, SCORECARD_KIND, { personId: 'p1', periodKey: '2026-03' }, ['revision']))!;
    expect(readScorecardSheet(zh, blank, r, true).issues.map((i) => i.message)).toEqual([
      `${report.sheetName}!F4: Plan quality 尚未评分。`,
      `${report.sheetName}!F5: Attitude 尚未评分。`,
      `${report.sheetName}!F6: Process 尚未评分。`,
    ]);
  });

  it('is read-only once submitted, showing the total and grade', async () => {
    const { workbook, sheet } = await setup({ ...card, status: 'APPROVED', total: '86.25', grade: 'GOOD', canScore: false, lines: card.lines.map((l) => ({ ...l, score: l.computed ? null : 8 })) });
    expect(workbook.read(sheet, 'A1')[0]![0]).toMatch(/· Approved · Total 86\.25 · Grade Good$/);
    expect(() => workbook.type(sheet, 'F4', 5)).toThrow(/protected/);
  });

  it('speaks Chinese in a Chinese pane', async () => {
    const s = createStandInExcel();
    const report = await writeGridSheet(s.workbook.run as unknown as ExcelRun, scorecardSheetSpec(words['zh-CN'], card));
    expect(report.sheetName).toBe('考核表 E001 2026-03');
    expect(s.workbook.read(report.sheetName, 'A2:G2')).toEqual([['类别', '指标', '权重 %', '满分', '计算值', '评分', '评语']]);
  });
});
