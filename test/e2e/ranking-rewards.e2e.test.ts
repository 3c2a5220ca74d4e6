/**
 * End to end, in Chinese at 350 px, over the demo organisation with its sales
 * and published targets (SEED_DEMO_RESULTS=1): the manager publishes a team's
 * ranking for last month on the Performance screen, the rewards and
 * penalties it proposes are listed there, and they approve the top three's
 * rewards (dismissing one penalty with a comment); finance calculates that
 * month's payroll and refreshes the Payroll sheet, where the three rewards
 * stand in the 奖惩 column of those people's rows. No English on the pane.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, englishOn, hasChromium, openScreen, readSheet, signIn, tokenFor, useE2e } from './browser.ts';
import { formatPeriod } from '../../addin/src/i18n/format.ts';


describe.skipIf(!hasChromium)('ranking rewards in Chinese at 350 px', () => {
  const e2e = useE2e('ranking-rewards', { SEED_DEMO_RESULTS: '1' });

  it('the top-3 reward proposals are approved and appear on the payroll sheet', async () => {
    const page = await e2e.pane('zh-CN');
    await page.setViewportSize({ width: 350, height: 900 });
    const manager = await tokenFor(page, 'manager');
    const rep = (await api(page, await tokenFor(page, 'rep'), '{ viewer { person { id unitId employeeNo } } }')).data.viewer.person;

    await signIn(page, 'manager');
    await openScreen(page, 'performance');
    await page.getByTestId('performance-unit').locator(`option[value="${rep.unitId}"]`).waitFor({ state: 'attached' });
    await page.getByTestId('performance-unit').selectOption(rep.unitId);
    await page.getByTestId('performance-grain').selectOption('MONTH');
    // Last month: the demo has its sales and targets in full.
    const today = await page.getByTestId('performance-day').inputValue();
    const first = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
    first.setUTCDate(0);
    const month = first.toISOString().slice(0, 7);
    await page.getByTestId('performance-day').fill(`${month}-15`);

    await page.getByTestId('publish-ranking').click();
    await page.getByTestId('performance-status').filter({ hasText: '已发布' }).waitFor();
    // Publishing lists the proposals it made: rewards for the top three, penalties for the bottom three.
    await page.getByTestId('ranking-rewards-list').waitFor();
    type Proposal = { id: string; personId: string; employeeNo: string; kind: string; place: number; amount: string; status: string };
    const proposals = async () => (await api(page, manager, 'query($u: ID, $m: String) { rankingAdjustmentProposals(unitId: $u, month: $m) { id personId employeeNo kind place amount status } }', { u: rep.unitId, m: month })).data.rankingAdjustmentProposals as Proposal[];
    const firstVersion = await proposals();
    await expect.poll(() => page.getByTestId('ranking-reward-item').count()).toBe(firstVersion.length);
    // Published again before anyone decided: the first version's proposals are replaced, not listed beside the new ones.
    await page.getByTestId('publish-ranking').click();
    await page.getByTestId('performance-status').filter({ hasText: '第 2 版' }).waitFor();
    const all = await proposals();
    expect(all.filter((p) => p.status === 'SUPERSEDED')).toHaveLength(firstVersion.length);
    const listed = all.filter((p) => p.status !== 'SUPERSEDED');
    expect(listed).toHaveLength(firstVersion.length);
    const rewards = listed.filter((p) => p.kind === 'REWARD');
    expect(rewards.map((p) => p.place).sort()).toEqual([1, 2, 3]);
    expect(rewards.map((p) => p.amount).sort()).toEqual(['1000.00', '300.00', '600.00']);
    expect(await page.getByTestId('ranking-reward-item').count()).toBe(listed.length);
    expect(await page.getByTestId('ranking-rewards').innerText()).toContain('第1名/共');
    expect(await englishOn(page)).toEqual([]);
    // The month as the reader says it, not its key.
    const said = `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
    await page.getByTestId('ranking-rewards-status').filter({ hasText: `在 ${said} 共有` }).waitFor();

    for (const p of rewards) {
      const item = page.locator(`[data-testid="ranking-reward-item"][data-person="${p.personId}"][data-kind="REWARD"]`);
      await item.getByTestId('ranking-reward-approve').click();
      await page.locator(`[data-testid="ranking-reward-item"][data-person="${p.personId}"][data-kind="REWARD"][data-status="APPROVED"]`).waitFor();
      await page.getByTestId('ranking-rewards-status').filter({ hasText: '已批准' }).waitFor();
    }
    // A penalty dismissed, with a comment (asked for before anything is sent).
    const penalty = listed.find((p) => p.kind === 'PENALTY');
    if (penalty) {
      const item = page.locator(`[data-testid="ranking-reward-item"][data-person="${penalty.personId}"][data-kind="PENALTY"]`);
      await item.getByTestId('ranking-reward-dismiss').click();
      await item.getByTestId('ranking-reward-confirm-dismiss').click();
      await page.getByTestId('ranking-rewards-status').filter({ hasText: '请说明驳回原因' }).waitFor();
      await item.getByTestId('ranking-reward-comment').fill('新人首月');
      await item.getByTestId('ranking-reward-confirm-dismiss').click();
      await page.locator(`[data-testid="ranking-reward-item"][data-person="${penalty.personId}"][data-kind="PENALTY"][data-status="DISMISSED"]`).waitFor();
    }
    expect(await englishOn(page)).toEqual([]);

    // The team's ranking for the month's first ten days too: its proposals go into the same month's list, each saying which
    // ranking it comes from (a person rewarded by both is listed twice, told apart by the period and basis).
    await page.getByTestId('performance-grain').selectOption('TEN_DAYS');
    await page.getByTestId('performance-day').fill(`${month}-05`);
    await page.getByTestId('publish-ranking').click();
    await page.getByTestId('performance-status').filter({ hasText: `${formatPeriod(`${month}-D1`, 'zh-CN')} 的排名` }).waitFor();
    const tenDayItems = page.locator(`[data-testid="ranking-reward-item"][data-period="${month}-D1"]`);
    await expect.poll(() => tenDayItems.count()).toBeGreaterThan(0);
    const monthItems = page.locator(`[data-testid="ranking-reward-item"][data-period="${month}"]`);
    expect(await monthItems.count()).toBe(listed.length);
    expect(await monthItems.getByTestId('ranking-reward-source').count()).toBe(listed.length);
    for (const text of await monthItems.getByTestId('ranking-reward-source').allInnerTexts()) expect(text).toBe(`${formatPeriod(month, 'zh-CN')}排名，按销售额达成率，第 2 版`);
    for (const text of await tenDayItems.getByTestId('ranking-reward-source').allInnerTexts()) expect(text).toBe(`${formatPeriod(`${month}-D1`, 'zh-CN')}排名，按销售额达成率，第 1 版`);
    expect(await englishOn(page)).toEqual([]);

    // Finance calculates the month's payroll for the team and refreshes the Payroll sheet.
    await page.getByTestId('sign-out').click();
    await signIn(page, 'finance');
    await openScreen(page, 'payroll');
    await page.getByTestId('payroll-month').fill(month);
    await page.getByTestId('no-runs').waitFor();
    await page.getByTestId('payroll-unit').selectOption(rep.unitId);
    await page.getByTestId('payroll-create').click();
    await page.getByTestId('payroll-calculate').click();
    await page.getByTestId('payroll-status').filter({ hasText: '已计算' }).waitFor();
    await page.getByTestId('payroll-refresh').click();
    await page.getByTestId('payroll-status').filter({ hasText: '工资条' }).waitFor();
    const sheet = await readSheet(page, `工资表 ${month}`, 'A1:T60');
    const header = sheet[1]!;
    const col = header.indexOf('奖惩');
    expect(col).toBeGreaterThan(0);
    for (const p of rewards) {
      const row = sheet.find((r) => r[0] === p.employeeNo);
      expect(row, p.employeeNo).toBeDefined();
      expect(row![col]).toBe(Number(p.amount));
    }
    // The dismissed penalty is on nobody's row.
    if (penalty) expect(sheet.find((r) => r[0] === penalty.employeeNo)?.[col] ?? '').toBe('');
  }, 180_000);

  it('the admin sets the amounts a published ranking proposes: one out of range is refused and changes nothing; then saved', async () => {
    const page = await e2e.pane();
    await page.setViewportSize({ width: 350, height: 1200 });
    await signIn(page, 'admin');
    await openScreen(page, 'performance');
    const admin = await tokenFor(page, 'admin');
    const rules = async () => (await api(page, admin, '{ rankingRewardRules { rewards penalties } }')).data.rankingRewardRules;
    const before = await rules();
    await expect(page.getByTestId('reward-rules-rewards').inputValue()).resolves.toBe(before.rewards.join(', '));
    await page.getByTestId('reward-rules-rewards').fill('1,200, 800，400');
    await page.getByTestId('reward-rules-save').click();
    await page.locator('[data-testid=reward-rules-status][data-intent=error]').filter({ hasText: '“1,200” could be one amount or several' }).waitFor();
    await page.getByTestId('reward-rules-rewards').fill('1,200.00, 800，400');
    await page.getByTestId('reward-rules-penalties').fill('100, 0');
    await page.getByTestId('reward-rules-save').click();
    await page.locator('[data-testid=reward-rules-status][data-intent=error]').filter({ hasText: 'Deductions (places from the bottom), place 2: “0” is not an amount above 0.00' }).waitFor();
    expect(await rules()).toEqual(before);
    await page.getByTestId('reward-rules-penalties').fill('100');
    await page.getByTestId('reward-rules-save').click();
    await page.getByTestId('reward-rules-status').filter({ hasText: 'Saved: 3 reward places and 1 deduction place' }).waitFor();
    expect(await rules()).toEqual({ rewards: ['1200.00', '800.00', '400.00'], penalties: ['100.00'] });
    await expect(page.getByTestId('reward-rules-rewards').inputValue()).resolves.toBe('1200.00, 800.00, 400.00');
  }, 120_000);

  it('the admin changes a unit band’s threshold in the Classes sheet: a target not in the list is named and nothing saved; then saved', async () => {
    const page = await e2e.pane();
    await page.setViewportSize({ width: 350, height: 1200 });
    await signIn(page, 'admin');
    await openScreen(page, 'performance');
    const admin = await tokenFor(page, 'admin');
    const SCHEME = 'otherwise rules { code against percent inclusive }';
    const classes = async () => (await api(page, admin, `{ resultClasses { persons { ${SCHEME} } units { ${SCHEME} } } }`)).data.resultClasses;
    const before = await classes();
    const type = (cell: string, value: string | number) => page.evaluate(({ cell, value }) => (window as any).__standIn.type('Classes', cell, value), { cell, value });
    await page.getByTestId('class-rules-pull').click();
    await page.getByTestId('class-rules-status').filter({ hasText: 'Wrote the classes and bands to “Classes”.' }).waitFor();
    // The units' first rule sits below the people's rules, their three blank rows and their Otherwise row.
    const firstUnitRow = 3 + before.persons.rules.length + 3 + 1;
    const rows = await readSheet(page, 'Classes', `A${firstUnitRow}:E${firstUnitRow}`);
    // The band by its name in the reader's language (the code is what is saved).
    expect(before.units.rules[0].code).toBe('A');
    expect(rows[0]![1]).toBe('Band A');

    await type(`C${firstUnitRow}`, 'last year');
    await page.getByTestId('class-rules-save').click();
    await page.getByTestId('plan-issue').filter({ hasText: `Classes!C${firstUnitRow}: “last year” is not a target` }).waitFor();
    expect(await classes()).toEqual(before);

    await type(`C${firstUnitRow}`, 'Base target');
    const raised = Number(before.units.rules[0].percent) + 5;
    await type(`E${firstUnitRow}`, raised);
    await page.getByTestId('class-rules-save').click();
    await page.getByTestId('class-rules-status').filter({ hasText: 'Saved the classes and bands' }).waitFor();
    const after = await classes();
    expect(after.units.rules[0]).toEqual({ ...before.units.rules[0], against: 'BASE', percent: String(raised) });
    expect(after.persons).toEqual(before.persons);
  }, 120_000);
});
