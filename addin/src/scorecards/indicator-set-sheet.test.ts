/** The KPI indicator set sheet written into the stand-in and read back, with an admin's typing. */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { readTaggedSheet, writeGridSheet, type ExcelRun } from '../excel/workbook.ts';
import { words, type Words } from '../i18n.ts';
import { INDICATOR_SET_KIND, indicatorSetSheetSpec, readIndicatorSetSheet, type IndicatorSetView } from './indicator-set-sheet.ts';

const set: IndicatorSetView = {
  id: 'set-rep',
  role: 'REP',
  name: '销售代表考核',
  version: 2,
  commentBelowPercent: 60,
  gradeBands: [
    { grade: 'EXCELLENT', min: '90', inclusive: true },
    { grade: 'GOOD', min: '80', inclusive: true },
    { grade: 'PASS', min: '60', inclusive: true },
  ],
  indicators: [
    { code: 'sales', name: '销售额目标达成率', group: 'SALES', weight: '60', computation: 'SALES_ACHIEVEMENT', fullMarksAt: '100', maxScore: null },
    { code: 'plan', name: '计划质量', group: 'PLANNING', weight: '25', computation: null, fullMarksAt: null, maxScore: 10 },
    { code: 'attitude', name: '工作态度', group: 'ATTITUDE', weight: '15', computation: null, fullMarksAt: null, maxScore: 10 },
  ],
};

async function setup(w: Words = words['zh-CN']) {
  const s = createStandInExcel();
  const run = s.workbook.run as unknown as ExcelRun;
  const report = await writeGridSheet(run, indicatorSetSheetSpec(w, set));
  const read = async () => {
    const r = await readTaggedSheet(run, INDICATOR_SET_KIND, { role: 'REP' }, ['version']);
    if (!r) throw new Error('not found');
    return readIndicatorSetSheet(w, set, r);
  };
  return { ...s, read, sheet: report.sheetName };
}

describe('the KPI indicator set sheet', () => {
  it('lists the indicators with their group and computation in words, the bands and the comment threshold beside them; what an admin types is unlocked', async () => {
    const { workbook, sheet } = await setup();
    expect(sheet).toBe('考核指标 销售代表');
    expect(workbook.read(sheet, 'A2:J2')).toEqual([['编码', '指标', '分组', '权重 %', '计算依据', '满分标准', '最高分', '', '设置项', '值']]);
    expect(workbook.read(sheet, 'A3:J7')).toEqual([
      ['sales', '销售额目标达成率', '销量', 60, '销售额目标达成率', 100, '', '', '优秀：最低总分', 90],
      ['plan', '计划质量', '计划能力', 25, '', '', 10, '', '良好：最低总分', 80],
      ['attitude', '工作态度', '能力/态度', 15, '', '', 10, '', '合格：最低总分', 60],
      ['', '', '', '', '', '', '', '', '', ''],
      ['', '', '', '', '', '', '', '', '评分低于满分的该百分比时须填写评语', 60],
    ]);
    expect(workbook.sheet(sheet)!.protected).toBe(true);
    for (const cell of ['A3', 'B15', 'D15', 'G15', 'J3', 'J5', 'J7']) expect(workbook.cell(sheet, cell)?.unlocked).toBe(true);
    for (const cell of ['I3', 'J6', 'H3', 'A16']) expect(workbook.cell(sheet, cell)?.unlocked).not.toBe(true);
    expect(workbook.cell(sheet, 'C5')?.validation).toEqual({ list: { inCellDropDown: true, source: '销量,计划能力,过程管理,内部行政,能力/态度' } });
  });

  it('reads back a changed weight, a new indicator in either language and a new band', async () => {
    const { workbook, read, sheet } = await setup();
    workbook.type(sheet, 'D3', 50);
    workbook.type(sheet, 'A6', 'collect');
    workbook.type(sheet, 'B6', '回款率');
    workbook.type(sheet, 'C6', 'Sales volume');
    workbook.type(sheet, 'D6', 10);
    workbook.type(sheet, 'E6', '回款率');
    workbook.type(sheet, 'F6', 95.5);
    workbook.type(sheet, 'J4', 75);
    const back = await read();
    expect(back.issues).toEqual([]);
    expect(back.version).toBe(2);
    expect(back.indicators.map((i) => [i.code, i.group, i.weight, i.computation, i.fullMarksAt, i.maxScore])).toEqual([
      ['sales', 'SALES', '50', 'SALES_ACHIEVEMENT', '100', null],
      ['plan', 'PLANNING', '25', null, null, 10],
      ['attitude', 'ATTITUDE', '15', null, null, 10],
      ['collect', 'SALES', '10', 'COLLECTION_RATE', '95.5', null],
    ]);
    expect(back.gradeBands.map((b) => b.min)).toEqual(['90', '75', '60']);
    expect(back.commentBelowPercent).toBe(60);
  });

  it('names every problem by its cell in the reader’s language, and the weights’ sum for the set', async () => {
    const { workbook, read, sheet } = await setup();
    workbook.type(sheet, 'D3', 70); // the weights now add up to 110
    workbook.type(sheet, 'G4', 2.5);
    workbook.type(sheet, 'A6', 'plan');
    workbook.type(sheet, 'B6', '重复');
    workbook.type(sheet, 'C6', '业绩');
    workbook.type(sheet, 'D6', 'x');
    workbook.type(sheet, 'G6', 5);
    workbook.type(sheet, 'J5', 95);
    workbook.type(sheet, 'J7', 120);
    const back = await read();
    expect(back.issues.map((i) => i.message)).toEqual([
      '考核指标 销售代表!C6: “业绩”不是指标分组：请从列表中选择。',
      '考核指标 销售代表!J7: 请输入 0 到 100 的整数百分比。',
      expect.stringMatching(/^考核指标 销售代表!G4: 计划质量/),
      expect.stringMatching(/^考核指标 销售代表!A6: plan/),
      expect.stringMatching(/^考核指标 销售代表!D6: 重复/),
      expect.stringMatching(/^[^!]*$/), // the bands no longer fall: for the set as a whole
    ]);
    expect(back.issues.filter((i) => i.cell === null)).toHaveLength(1);
  });
});
