/** The rep's plan sheet written into the stand-in, filled in as a rep would, and read back with every problem named by its cell. */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { readTaggedSheet, writeGridSheet, type ExcelRun } from '../excel/workbook.ts';
import { words } from '../i18n.ts';
import { planWeeks } from '../../../schema/rep-plan.ts';
import { PLAN_KIND, planSheetSpec, planTargetText, readPlanSheet, waitingFiguresText } from './plan-sheet.ts';
import type { MyRepPlan, RepPlanView } from './operations.ts';

const w = words.en;
const owner = { personId: 'p1', personName: '王芳', employeeNo: 'E001' };
/** March 2026: six weeks (1 March is a Sunday). */
const form: MyRepPlan = { person: { id: 'p1', name: '王芳', employeeNo: 'E001' }, month: '2026-03', weeks: planWeeks('2026-03').map((x) => ({ key: x.key, start: x.start, end: x.end })), target: '30000.00', stretchTarget: null, dueOn: '2026-02-28', plan: null, earlier: [], customerCodes: ['KH-001', 'KH-002'] };

async function setup(plan: RepPlanView | null = null, editable = true, lang = w) {
  const s = createStandInExcel();
  const run = s.workbook.run as unknown as ExcelRun;
  const report = await writeGridSheet(run, planSheetSpec(lang, owner, form, plan, editable));
  const read = async () => {
    const r = await readTaggedSheet(run, PLAN_KIND, { personId: 'p1', month: '2026-03' }, ['revision']);
    if (!r) throw new Error('not found');
    return readPlanSheet(lang, form, r);
  };
  return { ...s, read, sheet: report.sheetName };
}

describe('the plan sheet', () => {
  it('lays out the weeks, a live total, key-customer rows and the reason under a banner; only the yellow cells can be typed in', async () => {
    const { workbook, sheet } = await setup();
    expect(sheet).toBe('Plan E001 2026-03');
    expect(workbook.read(sheet, 'A1')).toEqual([['王芳 (E001) · 2026-03 · target ¥30,000.00 · due 2026-02-28 · not started']]);
    expect(workbook.read(sheet, 'A2:H2')).toEqual([['Part', 'Week / customer', 'Days', 'Planned sales', 'Calls', 'Visits', 'Events', 'ID']]);
    expect(workbook.read(sheet, 'A3:C3')).toEqual([['Week', '2026-03-W1', '03-01 – 03-01']]);
    expect(workbook.read(sheet, 'A9:B9')).toEqual([['Total', '']]);
    expect(workbook.read(sheet, 'A10')).toEqual([['Key customer']]);
    expect(workbook.read(sheet, 'A18:A18')).toEqual([['Reason if below target']]);
    const ws = workbook.sheet(sheet)!;
    expect(ws.protected).toBe(true);
    expect(ws.hiddenColumns.has(7)).toBe(true);
    for (const cell of ['D3', 'E3', 'G8', 'B10', 'D17', 'F17', 'B18']) expect(workbook.cell(sheet, cell)?.unlocked, cell).toBe(true);
    expect(() => workbook.type(sheet, 'B3', 'x')).toThrow(/protected/);
    expect(() => workbook.type(sheet, 'D9', 1)).toThrow(/protected/);
    expect(() => workbook.type(sheet, 'E10', 1)).toThrow(/protected/);
  });

  it('reads a filled plan back exactly, the total recalculating as the rep types', async () => {
    const { workbook, read, sheet } = await setup();
    const rows = [3, 4, 5, 6, 7, 8];
    rows.forEach((r) => workbook.type(sheet, `D${r}`, 5000.1));
    workbook.type(sheet, 'E4', 40);
    workbook.type(sheet, 'F4', 2);
    expect(workbook.read(sheet, 'D9')).toEqual([[30000.6]]);
    workbook.type(sheet, 'B10', 'KH-001');
    workbook.type(sheet, 'D10', 12000);
    workbook.type(sheet, 'F10', 3);
    const back = await read();
    expect(back.issues).toEqual([]);
    expect(back.warnings).toEqual([]);
    expect(back.content.weeks[1]).toEqual({ weekKey: '2026-03-W2', salesFen: 500_010n, calls: 40, visits: 2, events: 0 });
    expect(back.content.weeks.reduce((s, x) => s + x.salesFen, 0n)).toBe(3_000_060n);
    expect(back.content.customers).toEqual([{ customer: 'KH-001', salesFen: 1_200_000n, visits: 3 }]);
  });

  it('names each problem by its cell: below target without a reason, a customer row without a code, more on customers than in total, text in a number cell', async () => {
    const { workbook, read, sheet } = await setup();
    workbook.type(sheet, 'D3', 1000);
    workbook.type(sheet, 'D11', 500);
    let back = await read();
    expect(back.issues.map((i) => i.cell)).toEqual(['Plan E001 2026-03!B11']);
    expect(back.issues[0]!.message).toBe('Plan E001 2026-03!B11: A planned amount without a customer code.');
    workbook.type(sheet, 'B11', 'KH-002');
    workbook.type(sheet, 'D11', 5000);
    back = await read();
    expect(back.issues.map((i) => i.message)).toEqual([
      'Planned sales to key customers (¥5,000.00) are more than the plan’s total (¥1,000.00).',
      'Plan E001 2026-03!B18: The plan (¥1,000.00) is below your target (¥30,000.00): say why.',
    ]);
    workbook.type(sheet, 'D11', 500);
    workbook.type(sheet, 'B12', 'KH-999');
    back = await read();
    expect(back.issues.map((i) => i.message)).toContain('Plan E001 2026-03!B12: Customer KH-999 is not one of your customers.');
    workbook.type(sheet, 'B12', '');
    workbook.type(sheet, 'B18', 'Two key customers close for maintenance');
    back = await read();
    expect(back.issues).toEqual([]);
    expect(back.warnings.map((i) => i.cell)).toEqual(['Plan E001 2026-03!B18']);
  });

  it('says the amounts in a check’s message as money, as the banner does (¥, thousands, two decimals), in both languages', async () => {
    const zh = await setup(null, true, words['zh-CN']);
    zh.workbook.type(zh.sheet, 'D3', 1234.5);
    const back = await zh.read();
    expect(back.issues.map((i) => i.message)).toEqual([`${zh.sheet}!B18: 计划（¥1,234.50）低于您的目标（¥30,000.00），请填写原因。`]);
    const en = await setup();
    en.workbook.type(en.sheet, 'D3', 1234.5);
    expect((await en.read()).issues.map((i) => i.message)).toEqual([`${en.sheet}!B18: The plan (¥1,234.50) is below your target (¥30,000.00): say why.`]);
  });

  it('names every wrong cell in one Check: text in one cell does not hide a negative count in another; the plan as a whole is judged once they are fixed', async () => {
    const { workbook, read, sheet } = await setup();
    workbook.type(sheet, 'D4', 'abc');
    workbook.type(sheet, 'E3', -3);
    const back = await read();
    expect(back.issues.map((i) => i.cell)).toEqual(['Plan E001 2026-03!D4', 'Plan E001 2026-03!E3']);
    // Below target without a reason waits: the unreadable cell was taken as 0.
    expect(back.issues.some((i) => i.cell === 'Plan E001 2026-03!B18')).toBe(false);
    workbook.type(sheet, 'D4', 1000);
    workbook.type(sheet, 'E3', 3);
    expect((await read()).issues.map((i) => i.cell)).toEqual(['Plan E001 2026-03!B18']);
  });

  it('refuses a planned amount above the most a plan may hold at its cell, in the reader’s words, whatever its size; so a draft with it is not saved', async () => {
    const { workbook, read, sheet } = await setup(null, true, words['zh-CN']);
    const most = '¥99,999,999,999.99';
    workbook.type(sheet, 'D4', 1000);
    workbook.type(sheet, 'B18', '试行');
    // 1e15 typed: a number Excel holds, beyond the most.
    workbook.type(sheet, 'D3', 1e15);
    let back = await read();
    expect(back.issues.map((i) => i.message)).toEqual([`${sheet}!D3: 计划金额 ¥1,000,000,000,000,000.00 超过了计划允许的上限 ${most}。`]);
    expect(back.submitOnly).toEqual([]);
    // 1e17: beyond any amount (not “more than two decimals”); 1e21 Excel shows in exponent form; both out of range.
    workbook.type(sheet, 'D3', 1e17);
    expect((await read()).issues.map((i) => i.message)).toEqual([`${sheet}!D3: 计划金额 ¥100,000,000,000,000,000.00 超过了计划允许的上限 ${most}。`]);
    workbook.type(sheet, 'D3', 1e21);
    expect((await read()).issues.map((i) => i.message)).toEqual([`${sheet}!D3: 计划金额 1e+21 超过了计划允许的上限 ${most}。`]);
    workbook.type(sheet, 'D3', -1e17);
    expect((await read()).issues.map((i) => i.message)).toEqual([`${sheet}!D3: 计划数字不能为负数（-100000000000000000）。`]);
    // A key customer's planned sales, too; the most itself is fine.
    workbook.type(sheet, 'D3', 99_999_999_999.99);
    workbook.type(sheet, 'B10', 'KH-001');
    workbook.type(sheet, 'D10', 100_000_000_000);
    back = await read();
    expect(back.issues.map((i) => i.message)).toEqual([`${sheet}!D10: 计划金额 ¥100,000,000,000.00 超过了计划允许的上限 ${most}。`]);
    expect(back.content.weeks[0]!.salesFen).toBe(9_999_999_999_999n);
  });

  it('takes only plain numbers as counts: text such as 0x10 or 1e2 is not a whole number, at its cell, not 16 or 100', async () => {
    const { workbook, read, sheet } = await setup(null, true, words['zh-CN']);
    workbook.type(sheet, 'D3', 30000);
    workbook.type(sheet, 'E3', '0x10');
    workbook.type(sheet, 'F3', '1e2');
    workbook.type(sheet, 'G3', 1.5);
    workbook.type(sheet, 'B10', 'KH-001');
    workbook.type(sheet, 'F10', 'Infinity');
    const back = await read();
    expect(back.issues.map((i) => i.message)).toEqual([
      `${sheet}!E3: 次数必须是整数（0x10）。`,
      `${sheet}!F3: 次数必须是整数（1e2）。`,
      `${sheet}!F10: 次数必须是整数（Infinity）。`,
      `${sheet}!G3: 次数必须是整数（1.5）。`,
    ]);
    expect(back.content.weeks[0]).toMatchObject({ calls: 0, visits: 0 });
  });

  it('writes a planned amount stored before plans had a most, too large for a spreadsheet number, as its exact text, and Check names it there', async () => {
    const plan: RepPlanView = {
      id: 'plan-1', personId: 'p1', personName: '王芳', employeeNo: 'E001', unitName: 'Team A', month: '2026-03', version: 1, status: 'DRAFT', revision: 3, dueOn: '2026-02-28', timeliness: 'DUE',
      target: '30000.00', planned: '1000000000001000.00', belowTargetReason: null,
      weeks: form.weeks.map((x, i) => ({ weekKey: x.key, sales: i === 0 ? '1000000000000000.00' : i === 1 ? '1000.00' : '0.00', calls: 0, visits: 0, events: 0 })), customers: [],
      decisionComment: null, canEdit: true, canDecide: false,
    };
    const { workbook, read, sheet } = await setup(plan, true, words['zh-CN']);
    // The sheet is written (no spreadsheet number holds it to the fen; Excel takes the text as the nearest number, as the stand-in does).
    expect(planSheetSpec(words['zh-CN'], owner, form, plan, true).rows[0]![3]).toBe('1000000000000000.00');
    expect(workbook.read(sheet, 'D3:D4')).toEqual([[1e15], [1000]]);
    expect((await read()).issues.map((i) => i.message)).toEqual([`${sheet}!D3: 计划金额 ¥1,000,000,000,000,000.00 超过了计划允许的上限 ¥99,999,999,999.99。`]);
  });

  it('finds the cell of a field as the server names it, for a refusal the pane did not foresee', async () => {
    const { workbook, read, sheet } = await setup();
    workbook.type(sheet, 'D3', 1000);
    workbook.type(sheet, 'B11', 'KH-002');
    const back = await read();
    expect(back.cellOfField('weeks.0.sales')).toBe(`${sheet}!D3`);
    expect(back.cellOfField('weeks.1.calls')).toBe(`${sheet}!E4`);
    expect(back.cellOfField('customers.0.customer')).toBe(`${sheet}!B11`);
    expect(back.cellOfField('customers.0.sales')).toBe(`${sheet}!D11`);
    expect(back.cellOfField('belowTargetReason')).toBe(`${sheet}!B18`);
    expect(back.cellOfField('weeks.9.sales')).toBeNull();
    expect(back.cellOfField('plan')).toBeNull();
  });

  it('names an empty plan at the first week’s planned sales, as a problem for the submission only (a draft may be empty)', async () => {
    const { read, sheet } = await setup();
    const back = await read();
    expect(back.issues.map((i) => i.message)).toEqual([`${sheet}!D3: The plan is empty: plan the month’s sales by week (and your calls, visits and events) before you submit it.`]);
    expect(back.submitOnly).toEqual(back.issues);
    // In Chinese, the same cell.
    const s = createStandInExcel();
    const run = s.workbook.run as unknown as ExcelRun;
    const zh = words['zh-CN'];
    const report = await writeGridSheet(run, planSheetSpec(zh, owner, form, null, true));
    const zhBack = readPlanSheet(zh, form, (await readTaggedSheet(run, PLAN_KIND, { personId: 'p1', month: '2026-03' }, ['revision']))!);
    expect(zhBack.issues.map((i) => i.message)).toEqual([`${report.sheetName}!D3: 计划是空的：请先按周填写本月的计划销售额（以及电话、拜访和活动次数），再提交。`]);
  });

  it('writes a returned plan with its figures for the next version, and a submitted one greyed and locked', async () => {
    const plan: RepPlanView = {
      id: 'plan-1', personId: 'p1', personName: '王芳', employeeNo: 'E001', unitName: 'Team A', month: '2026-03', version: 1, status: 'SUBMITTED', revision: 3, dueOn: '2026-02-28', timeliness: 'ON_TIME',
      target: '30000.00', planned: '30000.00', belowTargetReason: null,
      weeks: form.weeks.map((x) => ({ weekKey: x.key, sales: '5000.00', calls: 40, visits: 2, events: 1 })), customers: [{ customer: 'KH-001', sales: '8000.00', visits: 4 }],
      decisionComment: null, canEdit: false, canDecide: false,
    };
    const { workbook, sheet } = await setup(plan, false);
    expect(workbook.read(sheet, 'D3:G3')).toEqual([[5000, 40, 2, 1]]);
    expect(workbook.read(sheet, 'B10:F10')).toEqual([['KH-001', '', 8000, '', 4]]);
    expect(workbook.cell(sheet, 'D3')?.unlocked).not.toBe(true);
    expect(workbook.read(sheet, 'A1')).toEqual([['王芳 (E001) · 2026-03 · target ¥30,000.00 · due 2026-02-28 · submitted']]);
  });
});

describe('a plan’s figures in the pane', () => {
  it('says planned and target as money (¥, thousands), and a missing target as such, not “target no target”', () => {
    const zh = words['zh-CN'];
    expect(waitingFiguresText(zh, { planned: '0.00', target: '30000.00', timeliness: 'ON_TIME' })).toBe('计划 ¥0.00 / 目标 ¥30,000.00 · 按时');
    expect(waitingFiguresText(zh, { planned: null, target: null, timeliness: 'LATE' })).toBe('计划 — / 无目标 · 逾期');
    expect(waitingFiguresText(w, { planned: '1234.5', target: '30000.00', timeliness: 'ON_TIME' })).toBe('Planned ¥1,234.50 / target ¥30,000.00 · on time');
    expect(waitingFiguresText(w, { planned: '1234.5', target: null, timeliness: 'MISSING' })).toBe('Planned ¥1,234.50 / no target · missing');
    expect(planTargetText(zh, '8800')).toBe('目标 ¥8,800.00');
  });

  it('writes “no target” in the banner when the rep has none', async () => {
    const spec = planSheetSpec(w, owner, { ...form, target: null }, null, true);
    expect(spec.banner).toBe('王芳 (E001) · 2026-03 · no target · due 2026-02-28 · not started');
  });
});
