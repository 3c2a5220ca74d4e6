/** What My plan says once it has written the plan sheet or opened a template: in the reader's language, and "fill in and submit" only while the plan can be changed. */
import { describe, expect, it } from 'vitest';
import { words } from '../i18n.ts';
import { planWeeks } from '../../../schema/rep-plan.ts';
import { decisionNote, sheetNote } from './use-my-plan.ts';
import type { MyRepPlan, RepPlanView } from './operations.ts';

const form: MyRepPlan = { person: { id: 'p1', name: '王芳', employeeNo: 'E001' }, month: '2026-03', weeks: planWeeks('2026-03').map((x) => ({ key: x.key, start: x.start, end: x.end })), target: '30000.00', stretchTarget: null, dueOn: '2026-02-28', plan: null, earlier: [], customerCodes: [] };
const plan = (status: RepPlanView['status'], more: Partial<RepPlanView> = {}) =>
  ({ id: 'plan-1', month: '2026-03', version: 1, status, revision: 2, decisionComment: null, canEdit: status === 'DRAFT' || status === 'RETURNED', ...more }) as RepPlanView;
const sheet = '工作计划 E001 2026-03';
const zh = words['zh-CN'];
const en = words.en;

describe('what My plan says about the plan sheet', () => {
  it('tells the rep to fill in, check and submit a plan they can still change', () => {
    expect(sheetNote(zh, form, sheet, 'wrote')).toBe(`已将您 2026年3月 的计划写入工作表“${sheet}”（未开始）。请填写黄色单元格，然后检查并提交。`);
    expect(sheetNote(zh, { ...form, plan: plan('DRAFT') }, sheet, 'wrote')).toBe(`已将您 2026年3月 的计划写入工作表“${sheet}”（草稿）。请填写黄色单元格，然后检查并提交。`);
    expect(sheetNote(zh, { ...form, plan: plan('RETURNED', { decisionComment: '第二周偏低' }) }, sheet, 'wrote')).toBe(
      `已将您 2026年3月 的计划写入工作表“${sheet}”（已退回）。请填写黄色单元格，然后检查并提交。 经理退回了第 1 版：“第二周偏低”。请修改工作表后重新提交。`,
    );
    expect(sheetNote(zh, form, sheet, 'templateOpened')).toBe(`已打开您 2026年3月 的计划模板（工作表“${sheet}”）。请填写黄色单元格，然后检查并提交。`);
  });

  it('on opening a returned plan, says its handed-in sheet opens for changes again with Plan sheet', () => {
    const returned = { ...form, plan: plan('RETURNED', { decisionComment: '第二周偏低' }) };
    expect(decisionNote(zh, returned, true)).toBe('经理退回了第 1 版：“第二周偏低”。请点击“生成计划表”重新打开工作表（已填写的内容会保留），修改后再提交。');
    expect(decisionNote(en, returned, true)).toBe('Your manager returned version 1: “第二周偏低”. Press “Plan sheet” to open the sheet for changes again (what you entered is kept), then submit again.');
    // The button is called what the note says.
    expect([zh.repPlans.write, en.repPlans.write]).toEqual(['生成计划表', 'Plan sheet']);
  });

  it('says a submitted plan cannot be changed and waits for the manager, all in Chinese in the Chinese pane', () => {
    const submitted = { ...form, plan: plan('SUBMITTED') };
    const said = sheetNote(zh, submitted, sheet, 'wrote');
    expect(said).toBe(`已将您 2026年3月 的计划写入工作表“${sheet}”（已提交），现在不能修改。 第 1 版已提交，等待经理审核。`);
    expect(said).not.toMatch(/请填写|[A-Za-z]{3,}/);
    expect(sheetNote(zh, submitted, sheet, 'templateOpened')).toBe(`已打开您 2026年3月 的计划模板（工作表“${sheet}”，已提交），现在不能修改计划。 第 1 版已提交，等待经理审核。`);
    expect(sheetNote(zh, { ...form, plan: plan('ACCEPTED') }, sheet, 'wrote')).toBe(`已将您 2026年3月 的计划写入工作表“${sheet}”（已接受），现在不能修改。 经理已接受您 2026年3月 计划的第 1 版。`);
  });

  it('says the same in English in the English pane, without the instruction to fill in and submit', () => {
    const said = sheetNote(en, { ...form, plan: plan('SUBMITTED') }, sheet, 'wrote');
    expect(said).toBe(`Wrote your Mar 2026 plan to sheet “${sheet}” (submitted); it cannot be changed now. Version 1 is submitted and waits for your manager.`);
    expect(said).not.toContain('Fill in');
  });
});
