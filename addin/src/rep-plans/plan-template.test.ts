/**
 * A plan template's sheet as the pane meets it (issue 11 §1): laid out as
 * made (in either language) it is adopted as the pane's own plan sheet, so
 * that Check reads it and a refresh replaces exactly it; changed (a row
 * deleted or moved, the header retyped) it is refused at the first cell
 * that is not as made, and left untagged. The workbook's document
 * properties say whose template it is.
 */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { adoptSheet, readSheetByName, readTaggedSheet, writeDocumentProperties, writeGridSheet, type ExcelRun } from '../excel/workbook.ts';
import { words } from '../i18n.ts';
import { planWeeks } from '../../../schema/rep-plan.ts';
import { checkTemplateLayout, PLAN_KIND, planSheetSpec, readPlanSheet } from './plan-sheet.ts';
import { readTemplateMarker, templateProperties } from './plan-template.ts';
import type { MyRepPlan } from './operations.ts';

const owner = { personId: 'p1', personName: '王芳', employeeNo: 'E001' };
const form: MyRepPlan = { person: { id: 'p1', name: '王芳', employeeNo: 'E001' }, month: '2026-03', weeks: planWeeks('2026-03').map((x) => ({ key: x.key, start: x.start, end: x.end })), target: '30000.00', stretchTarget: null, dueOn: '2026-02-28', plan: null, earlier: [], customerCodes: ['KH-001'] };
const weekKeys = form.weeks.map((x) => x.key);

/** A sheet laid out as the template's (written in `lang`), its tags dropped as a file made elsewhere has none. */
async function template(lang: 'en' | 'zh-CN') {
  const s = createStandInExcel();
  const run = s.workbook.run as unknown as ExcelRun;
  const { sheetName } = await writeGridSheet(run, planSheetSpec(words[lang], owner, form, null, true));
  s.workbook.sheet(sheetName)!.customProperties.clear();
  return { ...s, run, sheetName };
}

describe('a plan template in the open workbook', () => {
  it('is laid out as made in either language: adopted, then read and checked like a sheet the pane wrote', async () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const { workbook, run, sheetName } = await template(lang);
      const read = (await readSheetByName(run, sheetName))!;
      const layout = checkTemplateLayout(words['zh-CN'], read, weekKeys);
      expect(layout.issues).toEqual([]);
      expect(layout.block).toEqual({ row: 0, column: 0, rows: 2 + 6 + 1 + 8 + 1, columns: 8 });
      expect(await readTaggedSheet(run, PLAN_KIND, { personId: 'p1', month: '2026-03' })).toBeNull();
      await adoptSheet(run, sheetName, { kind: PLAN_KIND, identity: { personId: 'p1', month: '2026-03' }, properties: { personName: '王芳', planId: '', revision: '', status: '' }, block: layout.block!, header: layout.header });
      expect(workbook.sheet(sheetName)!.protected).toBe(true);
      workbook.type(sheetName, 'D3', 5000);
      const tagged = (await readTaggedSheet(run, PLAN_KIND, { personId: 'p1', month: '2026-03' }))!;
      expect(tagged.sheetName).toBe(sheetName);
      expect(readPlanSheet(words.en, form, tagged).content.weeks[0]).toMatchObject({ weekKey: '2026-03-W1', salesFen: 500000n });
      // A refresh replaces the adopted sheet, not a new one beside it.
      const again = await writeGridSheet(run, planSheetSpec(words[lang], owner, form, null, true));
      expect(again).toMatchObject({ sheetName, replacedPrevious: true });
      expect(workbook.sheets.map((x) => x.name)).toEqual(['Sheet1', sheetName]);
    }
  });

  it('refuses a deleted week row, a moved customer row, a missing reason row and a changed header at the first cell not as made, and adopts nothing', async () => {
    const zh = words['zh-CN'];
    const cases: [string, (wb: ReturnType<typeof createStandInExcel>['workbook'], sheet: string) => void, string][] = [
      ['a week row deleted', (wb, s) => wb.deleteRow(s, 5), `!A5: 模板的行被修改（删除、插入或移动）：这里应是 周 ${weekKeys[2]} 这一行。`],
      ['a row inserted above the weeks', (wb, s) => wb.insertRow(s, 3), `!A3: 模板的行被修改（删除、插入或移动）：这里应是 周 ${weekKeys[0]} 这一行。`],
      ['a customer row deleted', (wb, s) => wb.deleteRow(s, 11), '!A11: 模板的行被修改（删除、插入或移动）：这里应是 重点客户 2 这一行。'],
      ['the reason row deleted', (wb, s) => wb.deleteRow(s, 18), '!A18: 模板的行被修改（删除、插入或移动）：这里应是 低于目标的原因 这一行。'],
      ['a header retyped', (wb, s) => wb.type(s, 'D2', '金额'), '!D2: 模板的表头被修改：此单元格应为“计划销售额”。'],
    ];
    for (const [what, change, message] of cases) {
      const { workbook, run, sheetName } = await template('zh-CN');
      workbook.sheet(sheetName)!.protected = false;
      change(workbook, sheetName);
      const layout = checkTemplateLayout(zh, (await readSheetByName(run, sheetName))!, weekKeys);
      expect(layout.block, what).toBeNull();
      expect(layout.issues.map((i) => i.message), what).toEqual([expect.stringContaining(`${sheetName}${message}`)]);
      expect(layout.issues[0]!.cell, what).toBe(`${sheetName}!${message.slice(1, message.indexOf(':'))}`);
      expect(workbook.sheet(sheetName)!.customProperties.size, what).toBe(0);
    }
    expect(await readSheetByName(createStandInExcel().workbook.run as unknown as ExcelRun, 'Nope')).toBeNull();
  });

  it('says whose template the workbook is, from its document properties; a workbook without them is none', async () => {
    const { workbook } = createStandInExcel();
    const run = workbook.run as unknown as ExcelRun;
    expect(await readTemplateMarker(run)).toBeNull();
    const marker = { personId: 'p1', personName: '王芳', month: '2026-03', version: '1', sheet: '工作计划 E001 2026-03' };
    await writeDocumentProperties(run, templateProperties(marker));
    expect(await readTemplateMarker(run)).toEqual(marker);
    await writeDocumentProperties(run, { QuotabookKind: 'something-else' });
    expect(await readTemplateMarker(run)).toBeNull();
  });
});
