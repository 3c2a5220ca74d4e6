/**
 * End to end, in Chinese at 350 px: the people who decide and the people who
 * read. The director approves a team plan with its numbers in front of them
 * and publishes it; the rep's My targets opens on the year that has targets;
 * finance calculates, refreshes and submits the month; the finance manager,
 * the director and the general manager sign in turn; the rep's My payslip
 * opens on the latest month with a payslip. Nobody meets English on the pane.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, englishOn, hasChromium, openScreen, readSheet, signIn, tokenFor, useE2e } from './browser.ts';

/** Words of three or more Latin letters on the pane, less the product's name, the language switch and user names. */

describe.skipIf(!hasChromium)('each persona in Chinese at 350 px', () => {
  const e2e = useE2e('personas-zh');
  const signOut = (page: Page) => page.getByTestId('sign-out').click();

  async function zhPane() {
    const page = await e2e.pane('zh-CN');
    await page.setViewportSize({ width: 350, height: 900 });
    return page;
  }

  it('the director approves with the numbers and publishes; the rep’s My targets opens on that year', async () => {
    const page = await zhPane();
    const manager = await tokenFor(page, 'manager');
    const rep = (await api(page, await tokenFor(page, 'rep'), '{ viewer { person { id unitId } } }')).data.viewer.person;
    // The manager's team plan for next year, broken down equally and submitted with a comment.
    const createdAnswer = await api(page, manager, 'mutation($u: ID!) { createTargetPlan(input: { year: 2027, metric: SALES_AMOUNT, level: BASE, scopeUnitId: $u, total: "360000" }) { plan { id revision } } }', { u: rep.unitId });
    expect(createdAnswer.errors).toBeUndefined();
    const created = createdAnswer.data.createTargetPlan.plan;
    const broken = (
      await api(page, manager, 'mutation($id: ID!, $r: Int!) { breakDownTargetPlan(id: $id, revision: $r, time: { kind: EQUAL }, owners: { kind: EQUAL }) { plan { revision } } }', { id: created.id, r: created.revision })
    ).data.breakDownTargetPlan.plan;
    await api(page, manager, 'mutation($id: ID!, $r: Int!) { submitTargetPlan(id: $id, revision: $r, comment: "平均分配") { plan { status } } }', { id: created.id, r: broken.revision });

    await signIn(page, 'director');
    await openScreen(page, 'targets');
    // The year being planned is the default in the fourth quarter: the plan is waiting without typing a year.
    const waiting = page.getByTestId('approval').first();
    await expect(waiting.getByTestId('approval-total').innerText()).resolves.toMatch(/¥360,000\.00/);
    await expect(waiting.getByTestId('approval-submitted').innerText()).resolves.toMatch(/manager/);
    await expect(waiting.getByTestId('approval-their-comment').innerText()).resolves.toContain('平均分配');
    await waiting.getByTestId('approval-open').click();
    await expect.poll(() => page.getByTestId('approval-status').innerText({ timeout: 1_000 }).catch(() => ''), { timeout: 45_000 }).toContain('不能在其中修改');
    expect(await englishOn(page)).toEqual([]);
    await page.getByTestId('approval-comment').fill('同意');
    await page.getByTestId('approve').click();
    await page.getByTestId('publish').click();
    await page.getByTestId('approvals-empty').waitFor();
    expect(await englishOn(page)).toEqual([]);

    await signOut(page);
    await signIn(page, 'rep');
    await openScreen(page, 'my-targets');
    // The latest year with targets is already chosen.
    await expect.poll(() => page.getByTestId('my-targets-pane').locator('input').first().inputValue()).toBe('2027');
    await page.getByTestId('pull-my-targets').click();
    await expect(page.getByTestId('my-targets-status').innerText()).resolves.toMatch(/已将 12 /);
    const sheetName = (await page.getByTestId('my-targets-status').innerText()).match(/“(.+?)”/)![1]!;
    const mine = await readSheet(page, sheetName, 'A1:D13');
    expect(mine[0]!.every((h) => typeof h === 'string' && !/[A-Za-z]/.test(h))).toBe(true);
    // Exactly the rep's published lines, month by month (equal parts, to the fen).
    const plan = (await api(page, manager, 'query($id: ID!) { targetPlan(id: $id) { lines { ownerId periodKey amount } } }', { id: created.id })).data.targetPlan;
    const repLines = plan.lines.filter((l: { ownerId: string; periodKey: string }) => l.ownerId === rep.id && /^2027-\d\d$/.test(l.periodKey));
    expect(repLines).toHaveLength(12);
    const fen = (v: unknown) => Math.round(Number(v) * 100);
    expect(mine.slice(1).map((r) => fen(r[3]))).toEqual(repLines.sort((a: { periodKey: string }, b: { periodKey: string }) => a.periodKey.localeCompare(b.periodKey)).map((l: { amount: string }) => fen(l.amount)));
    expect(await englishOn(page)).toEqual([]);
  }, 180_000);

  it('finance calculates and submits the month, the three signers sign in turn, and the rep’s My payslip opens on it', async () => {
    const page = await zhPane();
    const rep = (await api(page, await tokenFor(page, 'rep'), '{ viewer { person { id unitId employeeNo } } }')).data.viewer.person;
    const finance = await tokenFor(page, 'finance');
    await api(page, finance, 'mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', {
      r: [{ externalId: 'ZH-PAY-1', employeeNo: rep.employeeNo, date: '2026-11-09', amount: '20000.00' }],
    });

    await signIn(page, 'finance');
    await openScreen(page, 'payroll');
    await page.getByTestId('payroll-month').fill('2026-11');
    await page.getByTestId('payroll-unit').selectOption(rep.unitId);
    await page.getByTestId('payroll-create').click();
    await page.getByTestId('payroll-calculate').click();
    await page.getByTestId('payroll-review').waitFor();
    await expect(page.getByTestId('review-net').innerText()).resolves.toMatch(/实发合计\s+¥[\d,]+\.\d\d/);
    await page.getByTestId('payroll-refresh').click();
    await page.getByTestId('payroll-status').filter({ hasText: '已将' }).waitFor();
    const sheet = await readSheet(page, '工资表 2026-11', 'A1:H40');
    expect(sheet.find((r) => r[0] === rep.employeeNo)![6]).toBe(20000);
    await page.getByTestId('payroll-submit').click();
    await page.getByTestId('payroll-waiting').filter({ hasText: '财务经理' }).waitFor();
    expect(await englishOn(page)).toEqual([]);

    for (const [signer, role] of [['finmgr', '财务经理'], ['director', '营销总监'], ['gm', '总经理']] as const) {
      await signOut(page);
      await signIn(page, signer);
      await openScreen(page, 'payroll');
      await page.getByTestId('payroll-month').fill('2026-11');
      await page.getByTestId('payroll-review').waitFor();
      await expect(page.getByTestId('payroll-headcount').innerText()).resolves.toMatch(/^人数：\d+/);
      await expect(page.getByTestId('payroll-waiting').innerText()).resolves.toContain(role);
      expect(await englishOn(page)).toEqual([]);
      await page.getByTestId('payroll-approve').click();
      await page.getByTestId('payroll-signed').filter({ hasText: signer }).waitFor();
      expect(await page.getByTestId('payroll-approve').count()).toBe(0);
    }
    expect(await englishOn(page)).toEqual([]);

    await signOut(page);
    await signIn(page, 'rep');
    await openScreen(page, 'my-payslip');
    // The latest month with a payslip is already chosen.
    await expect.poll(() => page.getByTestId('my-payslip-pane').locator('input').first().inputValue()).toBe('2026-11');
    await page.getByTestId('pull-my-payslip').click();
    const status = await page.getByTestId('my-payslip-status').innerText();
    const slipSheet = status.match(/“(.+?)”/)![1]!;
    const slip = await readSheet(page, slipSheet, 'A1:D12');
    expect(slip[0]!.every((h) => typeof h === 'string' && !/[A-Za-z]/.test(h))).toBe(true);
    expect(slip.find((r) => String(r[0]) === '提成')![1]).toBe(3076.92);
    expect(await englishOn(page)).toEqual([]);
  }, 180_000);

  it('the general manager, who is no person on the roster, sees the whole roster and the centre’s performance, and is told plainly that the “my” screens have nothing of theirs', async () => {
    const page = await zhPane();
    await signIn(page, 'gm');
    const noPerson = '您的用户未关联花名册中的人员';
    for (const [screen, button, status] of [
      ['my-payslip', 'pull-my-payslip', 'my-payslip-status'],
      ['my-targets', 'pull-my-targets', 'my-targets-status'],
      ['my-performance', 'pull-my-performance', 'my-performance-status'],
    ] as const) {
      await openScreen(page, screen);
      await page.getByTestId(button).click();
      await page.getByTestId(status).filter({ hasText: noPerson }).waitFor();
    }
    expect(await englishOn(page)).toEqual([]);
    // The brief's "director / general manager: everything in their centre".
    const gm = await tokenFor(page, 'gm');
    const people = (await api(page, gm, '{ roster(first: 500) { edges { node { id } } } }')).data.roster.edges.length;
    const everyone = (await api(page, await tokenFor(page, 'director'), '{ roster(first: 500) { edges { node { id } } } }')).data.roster.edges.length;
    expect(people).toBe(everyone);
    expect(people).toBeGreaterThan(50);
    // …and the centre's performance, from the pane: a sheet of the regions under the company.
    await openScreen(page, 'performance');
    await expect.poll(() => page.getByTestId('performance-unit').inputValue(), { timeout: 30_000 }).not.toBe('');
    await page.getByTestId('pull-performance').click();
    await page.getByTestId('performance-status').filter({ hasText: '已将' }).waitFor({ timeout: 60_000 });
    expect(await englishOn(page)).toEqual([]);
  }, 120_000);
});
