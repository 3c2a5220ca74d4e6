/** The Classes sheet written into the stand-in and read back, with an admin's typing. */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { readTaggedSheet, STORE_SHEET, writeGridSheet, type ExcelRun } from '../excel/workbook.ts';
import { words, type Words } from '../i18n.ts';
import { CLASS_RULES_KIND, classRulesSheetSpec, readClassRulesSheet } from './class-rules-sheet.ts';
import { DEFAULT_CLASSES, type ResultClasses } from '../../../schema/achievement.ts';

const classes: ResultClasses = {
  persons: { rules: [{ code: 'EXCELLENT', against: 'STRETCH', percent: '100', inclusive: true }, { code: 'GOOD', against: 'BASE', percent: '100', inclusive: true }], otherwise: 'POOR' },
  units: { rules: [{ code: 'A', against: 'BASE', percent: '90', inclusive: true }, { code: 'B', against: 'BASE', percent: '80', inclusive: true }], otherwise: 'C' },
};
const w = words['zh-CN'];

async function setup(given: ResultClasses = classes, words: Words = w) {
  const s = createStandInExcel();
  const run = s.workbook.run as unknown as ExcelRun;
  const report = await writeGridSheet(run, classRulesSheetSpec(words, given));
  const read = async () => readClassRulesSheet(words, (await readTaggedSheet(run, CLASS_RULES_KIND, {}))!);
  return { ...s, read, sheet: report.sheetName };
}

describe('the Classes sheet', () => {
  it('lists each scheme’s rules in order, blank rows to add one, and its Otherwise row; the key column hidden', async () => {
    const { workbook, sheet } = await setup();
    expect(sheet).toBe('等级与分档');
    expect(workbook.read(sheet, 'A2:E2')).toEqual([['方案', '等级', '达成率依据', '条件', '百分比']]);
    expect(workbook.read(sheet, 'A3:E8')).toEqual([
      ['人员', 'EXCELLENT', '奋斗指标', '不低于', 100],
      ['人员', 'GOOD', '基础指标', '不低于', 100],
      ['人员', '', '', '', ''],
      ['人员', '', '', '', ''],
      ['人员', '', '', '', ''],
      ['人员', 'POOR', '其余', '', ''],
    ]);
    expect(workbook.read(sheet, 'B9:B14')).toEqual([['A 档'], ['B 档'], [''], [''], [''], ['C 档']]);
    expect(workbook.read(sheet, 'C14')).toEqual([['其余']]);
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

  it('names the targets as domain.md and the Performance sheet do (基础指标 / 奋斗指标), in its drop-down too; a sheet pulled with the earlier words still saves', async () => {
    const { workbook, read, sheet } = await setup();
    expect(workbook.cell(sheet, 'C5')?.validation).toEqual({ list: { inCellDropDown: true, source: '基础指标,奋斗指标' } });
    workbook.type(sheet, 'C3', '奋斗目标');
    workbook.type(sheet, 'C4', '基本目标');
    const back = await read();
    expect(back.issues).toEqual([]);
    expect(back.classes).toEqual(classes);
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
    expect(back.issues[0]!.message).toBe('等级与分档!C5: “去年”不是目标类型：请选择“基础指标”或“奋斗指标”。');
    expect(back.issues[2]!.message).toBe('等级与分档!B14: 单位：等级 A 档 重复出现。');
  });

  it('shows the classes by the names the Performance sheet uses, in the sheet’s language, each scheme’s from a drop-down that also takes a new code', async () => {
    const zh = await setup(DEFAULT_CLASSES);
    expect(zh.workbook.read(zh.sheet, 'B3:B10')).toEqual([['达成奋斗'], ['达成基础'], ['接近 90%'], ['低于 90%'], [''], [''], [''], ['低于 80%']]);
    expect(zh.workbook.read(zh.sheet, 'B11:B16')).toEqual([['A 档'], ['B 档'], [''], [''], [''], ['C 档']]);
    for (const cell of ['B3', 'B7', 'B10']) {
      expect(zh.workbook.cell(zh.sheet, cell)?.validation).toEqual({ list: { inCellDropDown: true, source: '达成奋斗,达成基础,接近 90%,低于 90%,低于 80%' } });
      expect(zh.workbook.cell(zh.sheet, cell)?.validationAlert?.style).toBe('Information');
    }
    expect(zh.workbook.cell(zh.sheet, 'B16')?.validation).toEqual({ list: { inCellDropDown: true, source: 'A 档,B 档,C 档' } });
    const en = await setup(DEFAULT_CLASSES, words.en);
    expect(en.workbook.read(en.sheet, 'B3:B10')).toEqual([['Met stretch'], ['Met base'], ['About 90 %'], ['Below 90 %'], [''], [''], [''], ['Below 80 %']]);
    expect(en.workbook.read(en.sheet, 'B16')).toEqual([['Band C']]);
    expect((await zh.read()).classes).toEqual(DEFAULT_CLASSES);
    expect((await en.read()).classes).toEqual(DEFAULT_CLASSES);
  });

  it('reads a class given by its name (either language) or its code; a cell that is neither is named', async () => {
    const { workbook, read, sheet } = await setup(DEFAULT_CLASSES);
    workbook.type(sheet, 'B4', 'met_base'); // the code, in any case
    workbook.type(sheet, 'B5', 'About 90 %'); // the English name on a zh-CN sheet
    workbook.type(sheet, 'B10', ' 低于 80% ');
    workbook.type(sheet, 'B7', 'GREAT'); // a new class, by its code
    workbook.type(sheet, 'C7', '基础指标');
    workbook.type(sheet, 'E7', 50);
    const ok = await read();
    expect(ok.issues).toEqual([]);
    expect(ok.classes.persons.rules.map((r) => r.code)).toEqual(['MET_STRETCH', 'MET_BASE', 'ABOUT_90', 'BELOW_90', 'GREAT']);
    expect(ok.classes.persons.otherwise).toBe('BELOW_80');
    workbook.type(sheet, 'B7', '优秀');
    workbook.type(sheet, 'B16', '差');
    const bad = await read();
    expect(bad.issues.map((i) => i.cell)).toEqual(['等级与分档!B7', '等级与分档!B16']);
    expect(bad.issues[0]!.message).toBe('等级与分档!B7: 人员：“优秀”不是等级：请从列表中选择，或输入新的等级代码（大写字母、数字和下划线，以字母开头，最多 24 个字符）。');
  });

  it('names a blank class as empty, each at its own cell and once, as it does a bad class or a class typed twice more', async () => {
    const { workbook, read, sheet } = await setup(classes, words.en);
    expect(sheet).toBe('Classes');
    workbook.type(sheet, 'C12', 'Base target'); // a Units rule with no class
    workbook.type(sheet, 'E12', 70);
    workbook.type(sheet, 'B14', ''); // nor the Units' Otherwise row
    workbook.type(sheet, 'B5', 'GREAT!'); // the same bad class twice
    workbook.type(sheet, 'C5', 'Base target');
    workbook.type(sheet, 'E5', 60);
    workbook.type(sheet, 'B6', 'GREAT!');
    workbook.type(sheet, 'C6', 'Base target');
    workbook.type(sheet, 'E6', 50);
    const back = await read();
    expect(back.issues.map((i) => i.message)).toEqual([
      'Classes!B5: People: “GREAT!” is not a class: choose one from the list, or type a new class code (capital letters, digits and _, starting with a letter, at most 24).',
      'Classes!B6: People: “GREAT!” is not a class: choose one from the list, or type a new class code (capital letters, digits and _, starting with a letter, at most 24).',
      'Classes!B12: Units: the class is empty: choose one from the list, or type a new class code.',
      'Classes!B14: Units: the class is empty: choose one from the list, or type a new class code.',
    ]);
    const zh = await setup();
    zh.workbook.type(zh.sheet, 'B9', 'B'); // B three times: named at its second and third cells
    zh.workbook.type(zh.sheet, 'E9', 95);
    zh.workbook.type(zh.sheet, 'B14', 'B');
    zh.workbook.type(zh.sheet, 'C12', '基础指标');
    zh.workbook.type(zh.sheet, 'E12', 70);
    expect((await zh.read()).issues.map((i) => i.message)).toEqual([
      '等级与分档!B10: 单位：等级 B 档 重复出现。',
      '等级与分档!B12: 单位：等级为空：请从列表中选择，或输入新的等级代码。',
      '等级与分档!B14: 单位：等级 B 档 重复出现。',
    ]);
  });

  it('a drop-down too long for Excel’s 255-character list (nine custom classes) refers to the classes kept as cells instead', async () => {
    const codes = ['OUTSTANDING_PERFORMER_A', 'OUTSTANDING_PERFORMER_B', 'STRONG_CONTRIBUTOR_TIER1', 'STRONG_CONTRIBUTOR_TIER2', 'SOLID_PERFORMER_TIER_ONE', 'SOLID_PERFORMER_TIER_TWO', 'NEEDS_IMPROVEMENT_TIER_1', 'NEEDS_IMPROVEMENT_TIER_2', 'ON_PROBATION'];
    const many: ResultClasses = { ...DEFAULT_CLASSES, persons: { rules: codes.map((code, i) => ({ code, against: 'BASE', percent: String(150 - i * 10), inclusive: true })), otherwise: 'BELOW_80' } };
    const { workbook, sheet, read } = await setup(many, words.en);
    const first = classRulesSheetSpec(words.en, many).extraInputs!.find((x) => x.block.row === 2 && x.rule?.kind === 'list')!.rule!;
    const names = first.kind === 'list' ? first.values : [];
    expect(names.join(',').length).toBeGreaterThan(255);
    const rule = workbook.cell(sheet, 'B3')?.validation as { list: { source: string } };
    const at = /^=QuotabookStore!\$B\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(rule.list.source);
    expect(at, rule.list.source).not.toBeNull();
    expect(workbook.read(STORE_SHEET, `B${at![1]}:${at![2]}${at![3]}`)).toEqual([names]);
    expect(workbook.sheet(STORE_SHEET)!.visibility).toBe('VeryHidden');
    // The units' short list stays literal; a refresh refers to the same row rather than adding another.
    expect(workbook.cell(sheet, 'B16')?.validation).toEqual({ list: { inCellDropDown: true, source: 'Band A,Band B,Band C' } });
    const run = workbook.run as unknown as ExcelRun;
    await writeGridSheet(run, classRulesSheetSpec(words.en, many));
    expect((workbook.cell(sheet, 'B3')?.validation as { list: { source: string } }).list.source).toBe(rule.list.source);
    expect((await read()).classes).toEqual(many);
  });
});
