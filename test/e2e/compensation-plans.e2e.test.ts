/**
 * End to end, compensation plans (Month end, finance): a plan pulled to a
 * sheet in Chinese, a tier changed and one added there; a wrong amount is
 * named by its cell and nothing is saved; fixed, it is saved as the next
 * version from a day, the sheet is written again as saved, and the new
 * version is offered for assignment at once. A plan saved by someone else
 * meanwhile is refused and nothing is saved. A new plan is started from
 * the ladder, saved, and renamed from its next version on.
 */
import { describe, expect, it } from 'vitest';
import { api, hasChromium, openScreen, readSheet, signIn, tokenFor, useE2e } from './browser.ts';

describe.skipIf(!hasChromium)('compensation plans in the task pane', () => {
  const e2e = useE2e('comp-plans');

  it('finance, in Chinese, changes the ladder’s tiers in a sheet and saves the next version; wrong cells and stale sheets save nothing', async () => {
    const page = await e2e.pane('zh-CN');
    await page.setViewportSize({ width: 350, height: 1200 });
    await signIn(page, 'finance');
    await openScreen(page, 'month-end');
    const finance = await tokenFor(page, 'finance');
    const plans = async () => (await api(page, finance, '{ compensationPlans { code version effectiveFrom document } }')).data.compensationPlans as { code: string; version: number; effectiveFrom: string; document: string }[];
    const sheet = '薪酬方案 DIRECT_SALES_LADDER';
    const type = (cell: string, value: string | number) => page.evaluate(({ sheet, cell, value }) => (window as any).__standIn.type(sheet, cell, value), { sheet, cell, value });
    const before = await plans();

    await page.getByTestId('comp-plans-plan').selectOption('DIRECT_SALES_LADDER');
    await page.getByTestId('comp-plans-from').fill('2027-01-01');
    await page.getByTestId('comp-plans-pull').click();
    await page.getByTestId('comp-plans-status').filter({ hasText: `已将 直销职级方案（DIRECT_SALES_LADDER）第 1 版写入“${sheet}”：7 个项目。` }).waitFor();
    expect(await readSheet(page, sheet, 'A8:F10')).toEqual([
      ['commission', '', '', '阶梯：起点（元）· 比例 %', '13000', '10'],
      ['commission', '', '', '阶梯：起点（元）· 比例 %', '15000', '15'],
      ['commission', '', '', '阶梯：起点（元）· 比例 %', '20000', '20'],
    ]);
    const blank = (await readSheet(page, sheet, 'A3:A60')).findIndex((r) => r[0] === '') + 3;

    // The top tier's rate raised, a tier above it added in a blank row, and its amount mistyped.
    await type('F10', 22);
    await type(`A${blank}`, 'commission');
    await type(`D${blank}`, '阶梯：起点（元）· 比例 %');
    await type(`E${blank}`, '3万');
    await type(`F${blank}`, 25);
    await page.getByTestId('comp-plans-save').click();
    await page.getByTestId('plan-issue').filter({ hasText: `${sheet}!E${blank}: “3万”不是以元为单位的金额，如 1500 或 1500.00。` }).waitFor();
    await page.getByTestId('comp-plans-status').filter({ hasText: '工作表中有 1 处问题，未保存。' }).waitFor();
    expect(await plans()).toEqual(before);

    await type(`E${blank}`, 30000);
    await page.getByTestId('comp-plans-save').click();
    await page.getByTestId('comp-plans-status').filter({ hasText: '已将 DIRECT_SALES_LADDER 保存为第 2 版，2027-01-01 起生效。' }).waitFor();
    const saved = (await plans()).find((p) => p.code === 'DIRECT_SALES_LADDER' && p.version === 2)!;
    expect(saved.effectiveFrom).toBe('2027-01-01');
    expect(JSON.parse(saved.document).components[1].tiers).toEqual([
      { from: '13000', rate: '10' },
      { from: '15000', rate: '15' },
      { from: '20000', rate: '22' },
      { from: '30000', rate: '25' },
    ]);
    // The sheet is written again as saved, and the new version is offered for assignment.
    expect((await readSheet(page, sheet, 'A1'))[0]![0]).toBe('直销职级方案（DIRECT_SALES_LADDER）· 第 2 版 · 2027-01-01 起生效');
    expect(await readSheet(page, sheet, 'E11:F11')).toEqual([['30000', '25']]);
    await expect.poll(() => page.getByTestId('assign-plan').evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.text)).toBe('直销职级方案 · 第 2 版');
    // The section speaks Chinese only (plan codes and formulas are data).
    expect((await page.getByTestId('comp-plans').innerText()).replace(/DIRECT_SALES_LADDER|BASE_PLUS_COMMISSION/g, '').match(/[A-Za-z]{3,}/g)).toBeNull();

    // Typing not saved is not written over by pulling again: the pane asks first.
    await type('F9', 16);
    await page.getByTestId('comp-plans-pull').click();
    await page.getByTestId('comp-plans-unsaved').filter({ hasText: `“${sheet}”中有尚未保存的修改` }).waitFor();
    expect(String((await readSheet(page, sheet, 'F9'))[0]![0])).toBe('16');
    await page.getByTestId('comp-plans-replace').click();
    await page.getByTestId('comp-plans-status').filter({ hasText: '第 2 版写入' }).waitFor();
    await page.getByTestId('comp-plans-unsaved').waitFor({ state: 'detached' });
    expect(String((await readSheet(page, sheet, 'F9'))[0]![0])).toBe('15');

    // Someone else saves version 3 meanwhile: this sheet (version 2) is refused, nothing saved.
    const other = JSON.parse(saved.document);
    other.components[1].tiers[0].rate = '11';
    const r = await api(page, finance, 'mutation($d: String!) { saveCompensationPlan(document: $d, effectiveFrom: "2027-02-01", basedOnVersion: 2) { version } }', { d: JSON.stringify(other) });
    expect(r.data.saveCompensationPlan.version).toBe(3);
    await type('F8', 9);
    await page.getByTestId('comp-plans-save').click();
    await page.locator('[data-testid=comp-plans-status][data-intent=error]').filter({ hasText: '方案 DIRECT_SALES_LADDER 在您取出后已被他人保存（现为第 3 版）' }).waitFor();
    expect((await plans()).filter((p) => p.code === 'DIRECT_SALES_LADDER').map((p) => p.version)).toEqual([3, 2, 1]);

    // A new plan for another team, from the ladder as it now stands: a bad or taken code writes nothing.
    const newPlan = async (code: string, name: string) => {
      await page.getByTestId('comp-plans-new-code').fill(code);
      await page.getByTestId('comp-plans-new-name').fill(name);
      await page.getByTestId('comp-plans-new').click();
    };
    await newPlan('team b', '二队方案');
    await page.locator('[data-testid=comp-plans-status][data-intent=error]').filter({ hasText: '“team b”不是有效的方案代码：2 至 32 位大写字母、数字或下划线。' }).waitFor();
    await newPlan('DIRECT_SALES_LADDER', '二队方案');
    await page.locator('[data-testid=comp-plans-status][data-intent=error]').filter({ hasText: '已有方案 DIRECT_SALES_LADDER，请换一个代码。' }).waitFor();
    expect(await page.evaluate(() => (window as any).__standIn.sheets.map((s: { name: string }) => s.name))).toEqual(['Sheet1', sheet]);
    await newPlan('team_b', '二队方案');
    await page.getByTestId('comp-plans-status').filter({ hasText: '已将新方案 TEAM_B（二队方案，复制自 DIRECT_SALES_LADDER）写入“薪酬方案 TEAM_B”' }).waitFor();
    expect((await readSheet(page, '薪酬方案 TEAM_B', 'A1'))[0]![0]).toBe('二队方案（TEAM_B）· 新方案，尚未保存');
    await expect(page.getByTestId('comp-plans-plan').inputValue()).resolves.toBe('TEAM_B');
    expect((await plans()).some((p) => p.code === 'TEAM_B')).toBe(false);
    await page.evaluate(() => (window as any).__standIn.type('薪酬方案 TEAM_B', 'F8', 11));
    await page.getByTestId('comp-plans-save').click();
    await page.getByTestId('comp-plans-status').filter({ hasText: '已将 TEAM_B 保存为第 1 版，2027-01-01 起生效。' }).waitFor();
    const teamB = (await plans()).find((p) => p.code === 'TEAM_B')!;
    const ladder3 = JSON.parse((await plans()).find((p) => p.code === 'DIRECT_SALES_LADDER' && p.version === 3)!.document);
    const expected = { ...ladder3, code: 'TEAM_B', name: '二队方案' };
    expected.components[1].tiers[0].rate = '11';
    expected.components.find((c: { kind: string }) => c.kind === 'attendance').fieldVisitWithoutSlip ??= 'absent';
    expect({ version: teamB.version, document: JSON.parse(teamB.document) }).toEqual({ version: 1, document: expected });
    expect((await readSheet(page, '薪酬方案 TEAM_B', 'A1'))[0]![0]).toBe('二队方案（TEAM_B）· 第 1 版 · 2027-01-01 起生效');

    // Renamed from its next version on: an empty name saves nothing; earlier versions keep theirs.
    const names = async () => (await api(page, finance, '{ compensationPlans { code version name } }')).data.compensationPlans.filter((p: { code: string }) => p.code === 'TEAM_B');
    await expect(page.getByTestId('comp-plans-name').inputValue()).resolves.toBe('二队方案');
    await page.getByTestId('comp-plans-name').fill('  ');
    await page.getByTestId('comp-plans-save').click();
    await page.locator('[data-testid=comp-plans-status][data-intent=error]').filter({ hasText: '请填写方案名称。' }).waitFor();
    await page.getByTestId('comp-plans-name').fill('x'.repeat(101));
    await page.getByTestId('comp-plans-save').click();
    await page.locator('[data-testid=comp-plans-status][data-intent=error]').filter({ hasText: '方案名称最多 100 个字符。' }).waitFor();
    expect(await names()).toEqual([{ code: 'TEAM_B', version: 1, name: '二队方案' }]);
    await page.getByTestId('comp-plans-name').fill(' 华东二队方案 ');
    await page.getByTestId('comp-plans-save').click();
    await page.getByTestId('comp-plans-status').filter({ hasText: '已将 TEAM_B 保存为第 2 版，2027-01-01 起生效。' }).waitFor();
    expect(await names()).toEqual([
      { code: 'TEAM_B', version: 2, name: '华东二队方案' },
      { code: 'TEAM_B', version: 1, name: '二队方案' },
    ]);
    expect(JSON.parse((await plans()).find((p) => p.code === 'TEAM_B' && p.version === 2)!.document).name).toBe('华东二队方案');
    expect((await readSheet(page, '薪酬方案 TEAM_B', 'A1'))[0]![0]).toBe('华东二队方案（TEAM_B）· 第 2 版 · 2027-01-01 起生效');
    await expect(page.getByTestId('comp-plans-name').inputValue()).resolves.toBe('华东二队方案');
    await expect.poll(() => page.getByTestId('comp-plans-plan').evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.text)).toBe('华东二队方案 · 第 2 版');
  }, 150_000);
});
