/** The Classes sheet written into the stand-in and read back, with an admin's typing. */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { readTaggedSheet, writeGridSheet, type ExcelRun } from '../excel/workbook.ts';
import { words } from '../i18n.ts';
import { CLASS_RULES_KIND, classRulesSheetSpec, readClassRulesSheet } from './class-rules-sheet.ts';
import type { ResultClasses } from '../../../schema/achievement.ts';

const classes: ResultClasses = {
  persons: { rules: [{ code: 'EXCELLENT', against: 'STRETCH', percent: '100', inclusive: true }, { code: 'GOOD', against: 'BASE', percent: '100', inclusive: true }], otherwise: 'POOR' },
  units: { rules: [{ code: 'A', against: 'BASE', percent: '90', inclusive: true }, { code: 'B', against: 'BASE', percent: '80', inclusive: true }], otherwise: 'C' },
};
const w = words['zh-CN'];

async function setup() {
  const s = createStandInExcel();
  const run = s.workbook.run as unknown as ExcelRun;
  const report = await writeGridSheet(run, classRulesSheetSpec(w, classes));
  const read = async () => readClassRulesSheet(w, (await readTaggedSheet(run, CLASS_RULES_KIND, {}))!);
  return { ...s, read, sheet: report.sheetName };
}

describe('the Classes sheet', () => {
  it('lists each scheme’s rules in order, blank rows to add one, and its Otherwise row; the key column hidden', async () => {
    const { workbook, sheet } = await setup();
    expect(sheet).toBe('等级与分档');
    expect(workbook.read(sheet, 'A2:E2')).toEqual([['方案', '等级', '达成率依据', '条件', '百分比']]);
    expect(workbook.read(sheet, 'A3:E8')).toEqual([
      ['人员', 'EXCELLENT', '奋斗目标', '不低于', 100],
      ['人员', 'GOOD', '基本目标', '不低于', 100],
      ['人员', '', '', '', ''],
      ['人员', '', '', '', ''],
      ['人员', '', '', '', ''],
      ['人员', 'POOR', '其余', '', ''],
    ]);
    expect(workbook.read(sheet, 'B14:C14')).toEqual([['C', '其余']]);
    expect(workbook.sheet(sheet)!.hiddenColumns.has(5)).toBe(true);
    for (const cell of ['B3', 'C7', 'E7', 'B8', 'B14']) expect(workbook.cell(sheet, cell)?.unlocked).toBe(true);
    for (const cell of ['A3', 'C8', 'E8']) expect(workbook.cell(sheet, cell)?.unlocked).not.toBe(true);
  });

  it('reads back a changed threshold and a new rule; a class typed in lower case is taken in capitals', async () => {
    const { workbook, read, sheet } = await setup();
    workbook.type(sheet, 'E10', 85);
    workbook.type(sheet, 'B11', 'b_minus');
    workbook.type(sheet, 'C11', 'Base target');
    workbook.type(sheet, 'D11', '高于');
    workbook.type(sheet, 'E11', 70);
    const back = await read();
    expect(back.issues).toEqual([]);
    expect(back.classes.persons).toEqual(classes.persons);
    expect(back.classes.units).toEqual({
      rules: [
        { code: 'A', against: 'BASE', percent: '90', inclusive: true },
        { code: 'B', against: 'BASE', percent: '85', inclusive: true },
        { code: 'B_MINUS', against: 'BASE', percent: '70', inclusive: false },
      ],
      otherwise: 'C',
    });
  });

  it('names each problem by its cell: a target not in the list, a threshold out of order, a class twice', async () => {
    const { workbook, read, sheet } = await setup();
    workbook.type(sheet, 'B5', 'GREAT');
    workbook.type(sheet, 'C5', '去年');
    workbook.type(sheet, 'E5', 50);
    workbook.type(sheet, 'E10', 95); // B above A: never applies
    workbook.type(sheet, 'B14', 'A'); // the Otherwise class again
    const back = await read();
    expect(back.issues.map((i) => i.cell)).toEqual(['等级与分档!C5', '等级与分档!E10', '等级与分档!B14']);
    expect(back.issues[0]!.message).toBe('等级与分档!C5: “去年”不是目标类型：请选择“基本目标”或“奋斗目标”。');
    expect(back.issues[2]!.message).toBe('等级与分档!B14: 单位：等级 A 重复出现。');
  });
});
