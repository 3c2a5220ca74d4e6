/**
 * End to end, scorecards, in Chinese at 350 px: the manager opens a rep's
 * scorecard for a month as a sheet, types the scores there, one out of range
 * is caught by Validate naming its cell (a click selects it), fixes it, saves
 * and submits; the director sees it waiting with its numbers and approves;
 * the exact total and grade are on the sheet's banner, and the rep sees
 * their grade under My payslip. Nobody meets English
 * on the pane. Real server, real pane, Chromium, the Excel stand-in.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, englishOn, hasChromium, openScreen, signIn, tokenFor, useE2e } from './browser.ts';


describe.skipIf(!hasChromium)('scorecards in the task pane', () => {
  const e2e = useE2e('scorecards');
  const standIn = <T,>(page: Page, f: string, ...args: unknown[]) =>
    page.evaluate(({ f, args }) => (window as any).__standIn[f](...args), { f, args }) as Promise<T>;

  it('the manager scores a rep’s month in the sheet, validates, saves and submits; the director approves; the total and grade are exact', async () => {
    const page = await e2e.pane('zh-CN');
    await page.setViewportSize({ width: 350, height: 900 });

    // Reps are assessed by manager-scored indicators only here (no sales or targets needed for a total).
    const admin = await tokenFor(page, 'admin');
    const sets = await api(page, admin, '{ kpiIndicatorSets { role version } }');
    const version = sets.data.kpiIndicatorSets.find((s: { role: string }) => s.role === 'REP').version;
    const ind = (code: string, name: string, group: string, weight: string) => ({ code, name, group, weight, maxScore: 10 });
    const saved = await api(page, admin, 'mutation($v: Int!, $input: KpiIndicatorSetInput!) { saveKpiIndicatorSet(role: REP, version: $v, input: $input) { version } }', {
      v: version,
      input: {
        name: '销售代表考核',
        commentBelowPercent: 60,
        indicators: [ind('plan', '计划质量', 'PLANNING', '40'), ind('process', '过程管理', 'PROCESS', '30'), ind('attitude', '工作态度', 'ATTITUDE', '30')],
        gradeBands: [
          { grade: 'EXCELLENT', min: '90', inclusive: true },
          { grade: 'GOOD', min: '80', inclusive: true },
          { grade: 'PASS', min: '60', inclusive: true },
        ],
      },
    });
    expect(saved.errors).toBeUndefined();
    const rep = (await api(page, await tokenFor(page, 'rep'), '{ viewer { person { id employeeNo } } }')).data.viewer.person;
    const sheet = `考核表 ${rep.employeeNo} 2026-11`;
    // The manager opens the rep's card for the month.
    const openAsManager = async () => {
      await signIn(page, 'manager');
      await openScreen(page, 'scorecards');
      await page.getByTestId('scorecard-period').fill('2026-11');
      await page.getByTestId('scorecard-person-search').fill(rep.employeeNo);
      await page.getByTestId('scorecard-person').selectOption(rep.id);
      await page.getByTestId('scorecard-open').click();
    };

    await openAsManager();
    await expect(page.getByTestId('scorecard-status').innerText()).resolves.toContain(`写入工作表“${sheet}”`);
    expect(await standIn(page, 'read', sheet, 'A2:G2')).toEqual([['类别', '指标', '权重 %', '满分', '计算值', '评分', '评语']]);
    expect(await englishOn(page)).toEqual([]);

    // Nothing scored yet: Validate names each blank score at its cell, as Submit would (it once said “评分校验通过”);
    // a draft with blanks is still saved.
    await page.getByTestId('scorecard-validate').click();
    await page.getByTestId('plan-issue').first().waitFor();
    expect(await page.getByTestId('plan-issue').allInnerTexts()).toEqual([`${sheet}!F3: 计划质量 尚未评分。`, `${sheet}!F4: 过程管理 尚未评分。`, `${sheet}!F5: 工作态度 尚未评分。`]);
    expect(await page.getByTestId('scorecard-status').count()).toBe(0);
    await page.getByTestId('scorecard-save').click();
    await page.getByTestId('scorecard-status').filter({ hasText: '评分已保存' }).waitFor();
    expect(await englishOn(page)).toEqual([]);

    // Opening the card again with a score typed and not saved asks first (issue 8 §3); Replace puts the saved card back.
    await standIn(page, 'type', sheet, 'F3', 5);
    await page.getByTestId('scorecard-open').click();
    await expect(page.getByTestId('scorecard-typed-unsaved').innerText()).resolves.toContain(`您在“${sheet}”中输入的 1 个单元格与 Quotabook 上次写入的不同（F3）。用服务器的内容替换，还是保留您的？`);
    expect(await standIn(page, 'read', sheet, 'F3')).toEqual([[5]]);
    expect(await englishOn(page)).toEqual([]);
    await page.getByTestId('scorecard-typed-replace').click();
    await page.getByTestId('scorecard-status').filter({ hasText: `写入工作表“${sheet}”` }).waitFor();
    await page.getByTestId('scorecard-typed-unsaved').waitFor({ state: 'detached' });
    expect(await standIn(page, 'read', sheet, 'F3')).toEqual([['']]);

    // Scores typed in the sheet; 12 is over the max of 10 and is found at its cell.
    await standIn(page, 'type', sheet, 'F3', 9);
    await standIn(page, 'type', sheet, 'F4', 12);
    await standIn(page, 'type', sheet, 'F5', 8);
    // A second click on Open (or another person's card and back) leaves them until the user chooses: Keep mine.
    await page.getByTestId('scorecard-open').click();
    await expect(page.getByTestId('scorecard-typed-unsaved').innerText()).resolves.toContain('3 个单元格与 Quotabook 上次写入的不同（F3, F4, F5）');
    await page.getByTestId('scorecard-typed-keep').click();
    await expect(page.getByTestId('scorecard-status').innerText()).resolves.toBe(`已保留您在“${sheet}”中输入的单元格，未写入任何内容。`);
    expect(await standIn(page, 'read', sheet, 'F3:F5')).toEqual([[9], [12], [8]]);
    await page.getByTestId('scorecard-validate').click();
    const issue = page.getByTestId('plan-issue').first();
    await expect(issue.innerText()).resolves.toBe(`${sheet}!F4: 过程管理：12 超出 0 到 10 的范围。`);
    await issue.click();
    await expect.poll(() => page.evaluate(() => (window as any).__standIn.selection)).toBe(`'${sheet}'!F4`); // Excel quotes a name with spaces
    expect(await englishOn(page)).toEqual([]);

    await standIn(page, 'type', sheet, 'F4', 7);
    await page.getByTestId('scorecard-validate').click();
    await page.getByTestId('scorecard-status').filter({ hasText: '评分校验通过' }).waitFor();
    await page.getByTestId('scorecard-save').click();
    // 40 × 9/10 + 30 × 7/10 + 30 × 8/10 = 81
    await expect(page.getByTestId('scorecard-status').filter({ hasText: '评分已保存' }).innerText()).resolves.toContain('总分 81.00');
    await page.getByTestId('scorecard-submit').click();
    await page.getByTestId('scorecard-status').filter({ hasText: '已提交' }).waitFor();
    expect((await standIn<string[][]>(page, 'read', sheet, 'A1'))[0]![0]).toMatch(/ · 2026-11 · 已提交 · 总分 81\.00 · 等级 良好$/);

    // The director sends it back first, saying why; the manager, opening the card again, reads why, and submits it again.
    await page.getByTestId('sign-out').click();
    await signIn(page, 'director');
    await openScreen(page, 'scorecards');
    await page.getByTestId('scorecard-period').fill('2026-11');
    await page.getByTestId('scorecard-waiting').first().getByTestId('scorecard-decision-comment').fill('态度评分需复核');
    await page.getByTestId('scorecard-waiting').first().getByTestId('scorecard-return').click();
    await page.getByTestId('scorecard-status').waitFor();
    await page.getByTestId('sign-out').click();
    await openAsManager();
    await expect(page.getByTestId('scorecard-returned').innerText()).resolves.toMatch(/已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 退回：“态度评分需复核”。请修改后重新提交。$/);
    expect(await englishOn(page)).toEqual([]);
    await page.getByTestId('scorecard-submit').click();
    await page.getByTestId('scorecard-status').filter({ hasText: '已提交' }).waitFor();
    await page.getByTestId('scorecard-returned').waitFor({ state: 'detached' });

    // The director sees it waiting with its numbers and approves.
    await page.getByTestId('sign-out').click();
    await signIn(page, 'director');
    await openScreen(page, 'scorecards');
    await page.getByTestId('scorecard-period').fill('2026-11');
    const waiting = page.getByTestId('scorecard-waiting').first();
    await expect(waiting.getByTestId('scorecard-waiting-total').innerText()).resolves.toBe('总分 81.00 · 良好');
    // Each indicator's figures say what they are: its weight, the score out of its maximum, its weighted points.
    await expect(waiting.getByTestId('scorecard-waiting-line').first().innerText()).resolves.toMatch(/^计划质量 · 权重 40(\.00)?%\s+评分 9 \/ 10\s+加权得分 36(\.00)?$/);
    expect(await englishOn(page)).toEqual([]);
    await waiting.getByTestId('scorecard-decision-comment').fill('同意');
    await waiting.getByTestId('scorecard-approve').click();
    await expect(page.getByTestId('scorecard-status').innerText()).resolves.toContain('81.00，良好');
    expect((await standIn<string[][]>(page, 'read', sheet, 'A1'))[0]![0]).toMatch(/ · 2026-11 · 已审批 · 总分 81\.00 · 等级 良好$/);
    expect(await standIn(page, 'read', sheet, 'F3:F5')).toEqual([[9], [7], [8]]);
    expect(await englishOn(page)).toEqual([]);

    // The rep sees their grade under My payslip.
    await page.getByTestId('sign-out').click();
    await signIn(page, 'rep');
    await openScreen(page, 'my-payslip');
    await expect(page.getByTestId('my-scorecard').first().innerText()).resolves.toBe('2026年11月：81.00，良好');
    expect(await englishOn(page)).toEqual([]);
  }, 60_000);

  it('the admin changes the reps’ indicator set in its sheet: a sum off 100 is named and nothing saved; then saved as the next version', async () => {
    const page = await e2e.pane('zh-CN');
    await page.setViewportSize({ width: 350, height: 1200 });
    await signIn(page, 'admin');
    await openScreen(page, 'scorecards');
    const admin = await tokenFor(page, 'admin');
    const repSet = async () => (await api(page, admin, '{ kpiIndicatorSets { role version indicators { code name weight } } }')).data.kpiIndicatorSets.find((x: { role: string }) => x.role === 'REP');
    const before = await repSet();
    const sheet = '考核指标 销售代表';
    const type = (cell: string, value: string | number) => page.evaluate(({ sheet, cell, value }) => (window as any).__standIn.type(sheet, cell, value), { sheet, cell, value });
    const read = (address: string) => page.evaluate(({ sheet, address }) => (window as any).__standIn.read(sheet, address), { sheet, address });

    await page.getByTestId('sets-pull').click();
    await page.getByTestId('sets-status').filter({ hasText: `第 ${before.version} 版，${before.indicators.length} 项指标` }).waitFor();
    expect((await read('A3:A3'))[0][0]).toBe(before.indicators[0].code);

    const first = Number(before.indicators[0].weight);
    await type('D3', first + 10);
    await page.getByTestId('sets-save').click();
    await page.getByTestId('plan-issues').filter({ hasText: '权重合计为 110' }).waitFor();
    expect(await repSet()).toEqual(before);

    await type('D3', first);
    await type('B4', '计划质量（修订）');
    await page.getByTestId('sets-save').click();
    await page.getByTestId('sets-status').filter({ hasText: `已保存销售代表指标为第 ${before.version + 1} 版` }).waitFor();
    const after = await repSet();
    expect(after.version).toBe(before.version + 1);
    expect(after.indicators.map((i: { name: string }) => i.name)).toEqual(before.indicators.map((i: { name: string }, n: number) => (n === 1 ? '计划质量（修订）' : i.name)));
    expect((await read('B4:B4'))[0][0]).toBe('计划质量（修订）');
    expect((await page.getByTestId('sets').innerText()).match(/[A-Za-z]{3,}/g)).toBeNull();
  }, 120_000);
});
