/** The Seasonality sheet written into the stand-in and read back, with an admin's typing. */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { readTaggedSheet, writeGridSheet, type ExcelRun } from '../excel/workbook.ts';
import { words } from '../i18n.ts';
import { readSeasonalitySheet, SEASONALITY_KIND, seasonalitySheetSpec } from './seasonality-sheet.ts';

const trade = { code: 'TRADE_SEASONS', name: '淡旺季', monthPercents: ['5', '5', '7', '8', '8', '8', '8', '8', '9', '10', '12', '12'] };
const w = words['zh-CN'];

async function setup() {
  const s = createStandInExcel();
  const run = s.workbook.run as unknown as ExcelRun;
  const report = await writeGridSheet(run, seasonalitySheetSpec(w, [trade]));
  const read = async () => readSeasonalitySheet(w, (await readTaggedSheet(run, SEASONALITY_KIND, {}))!);
  return { ...s, read, sheet: report.sheetName };
}

describe('the Seasonality sheet', () => {
  it('has a row per profile with its twelve months, their total as a formula, and blank rows to add profiles', async () => {
    const { workbook, sheet } = await setup();
    expect(sheet).toBe('季节性方案');
    expect(workbook.read(sheet, 'A2:C2')).toEqual([['编码', '名称', '1月']]);
    expect(workbook.read(sheet, 'A3:N3')).toEqual([['TRADE_SEASONS', '淡旺季', 5, 5, 7, 8, 8, 8, 8, 8, 9, 10, 12, 12]]);
    expect(workbook.cell(sheet, 'O3')?.formula).toBe('=SUM(C3:N3)');
    expect(workbook.read(sheet, 'O3')).toEqual([[100]]);
    for (const cell of ['A3', 'B8', 'C3', 'N8']) expect(workbook.cell(sheet, cell)?.unlocked).toBe(true);
    for (const cell of ['O3', 'A9']) expect(workbook.cell(sheet, cell)?.unlocked).not.toBe(true);
  });

  it('reads back the profiles, a new one included, skipping blank rows', async () => {
    const { workbook, read, sheet } = await setup();
    workbook.type(sheet, 'B3', '淡旺季（新）');
    workbook.type(sheet, 'A5', 'FLAT');
    workbook.type(sheet, 'B5', '平均');
    ['8.3333', ...Array(10).fill('8.3333'), '8.3337'].forEach((v, m) => workbook.type(sheet, `${String.fromCharCode(67 + m)}5`, Number(v)));
    const back = await read();
    expect(back.issues).toEqual([]);
    expect(back.profiles).toEqual([
      { ...trade, name: '淡旺季（新）' },
      { code: 'FLAT', name: '平均', monthPercents: [...Array(11).fill('8.3333'), '8.3337'] },
    ]);
    expect(back.rows).toEqual([2, 4]);
  });

  it('names each problem by its cell: a bad code, a missing name, a month that is not a number, a sum off 100', async () => {
    const { workbook, read, sheet } = await setup();
    workbook.type(sheet, 'D3', 6); // the year now adds up to 101
    workbook.type(sheet, 'A4', 'half');
    workbook.type(sheet, 'C4', '五');
    const back = await read();
    expect(back.issues.map((i) => i.message)).toEqual([
      '季节性方案!O3: 百分比合计为 101%，不是 100%。',
      '季节性方案!A4: “half”不是有效的方案编码：须为 2 到 32 个大写字母、数字或下划线，例如 Q4_01。',
      '季节性方案!B4: 请填写方案名称。',
      '季节性方案!C4: 01 的数值“五”不是数字。',
    ]);
  });

  it('names every bad month of a row at its own cell at once: not a number, negative, more than 100 (the sum only once every month reads)', async () => {
    const { workbook, read, sheet } = await setup();
    workbook.type(sheet, 'C3', 'abc');
    workbook.type(sheet, 'D3', -7.5);
    workbook.type(sheet, 'F3', 1e15);
    expect((await read()).issues.map((i) => i.message)).toEqual([
      '季节性方案!C3: 01 的数值“abc”不是数字。',
      '季节性方案!D3: 02 的数值为负；权重和合计须为零或正数。',
      '季节性方案!F3: 04 的数值“1000000000000000”超过 100%。',
    ]);
    workbook.type(sheet, 'C3', 5);
    workbook.type(sheet, 'D3', 5);
    workbook.type(sheet, 'F3', 101);
    const en = readSeasonalitySheet(words.en, (await readTaggedSheet(workbook.run as unknown as ExcelRun, SEASONALITY_KIND, {}))!);
    expect(en.issues.map((i) => i.message)).toEqual(['季节性方案!F3: The figure for 04, “101”, is more than 100 %.']);
  });
});
