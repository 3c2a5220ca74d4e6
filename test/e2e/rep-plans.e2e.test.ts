/**
 * End to end, reps' monthly plans, in Chinese at 350 px: the rep writes this
 * month's plan sheet (their published target in the banner), fills it below
 * target, Check names the reason cell (a click selects it), gives the reason
 * and submits; the manager sees it waiting, is refused a return without a
 * comment, returns it with one; the rep is told, changes the sheet and
 * resubmits (version 2); the manager accepts and writes who handed in what,
 * then makes every rep's template as one zip and downloads it by its link.
 * Nobody meets English on the pane. Real server, real pane, Chromium, the
 * Excel stand-in.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, englishOn, hasChromium, openScreen, signIn, tokenFor, useE2e } from './browser.ts';
import { DEFAULT_DUE_DAY, planWeeks } from '../../schema/rep-plan.ts';
import { addDays, today } from '../../schema/dates.ts';
import { formatMoneyText } from '../../addin/src/i18n/format.ts';
import { formatPeriod } from '../../addin/src/i18n/format.ts';

/** A month key as the Chinese pane says it in a sentence (2026年12月). */
const zhMonth = (month: string) => formatPeriod(month, 'zh-CN');


describe.skipIf(!hasChromium)('rep plans in the task pane', () => {
  // The demo's published targets (this year's), so the plan has a target to fall short of.
  const e2e = useE2e('rep-plans', { SEED_DEMO_RESULTS: '1' });
  const standIn = <T,>(page: Page, f: string, ...args: unknown[]) =>
    page.evaluate(({ f, args }) => (window as any).__standIn[f](...args), { f, args }) as Promise<T>;

  it('the rep fills and submits their month’s plan in the sheet; the manager returns it with a comment, the rep resubmits, the manager accepts', async () => {
    const page = await e2e.pane('zh-CN');
    await page.setViewportSize({ width: 350, height: 900 });
    const month = today().slice(0, 7);
    const weeks = planWeeks(month).length;
    const rep = await tokenFor(page, 'rep');
    const form = (await api(page, rep, 'query($m: String!) { myRepPlan(month: $m) { person { employeeNo name } target customerCodes } }', { m: month })).data.myRepPlan;
    expect(form.target).not.toBeNull();
    expect(form.customerCodes.length).toBeGreaterThan(0);
    const sheet = `工作计划 ${form.person.employeeNo} ${month}`;
    const totalRow = 3 + weeks;
    const firstCustomer = totalRow + 1;
    const reasonRow = firstCustomer + 8;

    await signIn(page, 'rep');
    await openScreen(page, 'my-plan');
    await expect(page.getByLabel('月份', { exact: true }).inputValue()).resolves.toMatch(/^\d{4}-\d{2}$/);
    await page.getByTestId('my-plan-month').fill(month);
    await page.getByTestId('my-plan-write').click();
    await expect(page.getByTestId('my-plan-status').innerText()).resolves.toContain(`写入工作表“${sheet}”`);
    expect((await standIn<string[][]>(page, 'read', sheet, 'A1'))[0]![0]).toContain(`目标 ${formatMoneyText(form.target)}`);
    expect(await standIn(page, 'read', sheet, 'A2:G2')).toEqual([['部分', '周 / 客户', '日期', '计划销售额', '电话', '拜访', '活动']]);
    expect(await englishOn(page)).toEqual([]);

    // 1,000.00 a week is below any demo target: the reason is missing, named at its cell.
    for (let r = 3; r < 3 + weeks; r++) await standIn(page, 'type', sheet, `D${r}`, 1000);
    await standIn(page, 'type', sheet, `B${firstCustomer}`, form.customerCodes[0]);
    await standIn(page, 'type', sheet, `D${firstCustomer}`, 800);
    await page.getByTestId('my-plan-check').click();
    const issue = page.getByTestId('plan-issue').first();
    await expect(issue.innerText()).resolves.toMatch(new RegExp(`^${sheet}!B${reasonRow}: 计划（¥${(weeks * 1000).toLocaleString('en')}\\.00）低于您的目标（.+），请填写原因。$`));
    await issue.click();
    await expect.poll(() => page.evaluate(() => (window as any).__standIn.selection)).toBe(`'${sheet}'!B${reasonRow}`);
    expect(await englishOn(page)).toEqual([]);

    await standIn(page, 'type', sheet, `B${reasonRow}`, '两家重点客户本月停产检修');
    await page.getByTestId('my-plan-submit').click();
    await expect(page.getByTestId('my-plan-status').innerText()).resolves.toContain('已提交您');
    await expect(page.getByTestId('my-plan-warnings').innerText()).resolves.toContain('低于您的目标');
    expect((await standIn<string[][]>(page, 'read', sheet, 'A1'))[0]![0]).toMatch(/ · 已提交$/);
    expect(await englishOn(page)).toEqual([]);
    // Written again once submitted: in Chinese throughout, it cannot be changed and waits for the manager (no
    // "fill in, then check and submit"), and there is no Check, Save or Submit to press.
    await page.getByTestId('my-plan-write').click();
    await page.getByTestId('my-plan-status').filter({ hasText: '写入工作表' }).waitFor();
    await expect(page.getByTestId('my-plan-status').innerText()).resolves.toBe(`已将您 ${zhMonth(month)} 的计划写入工作表“${sheet}”（已提交），现在不能修改。 第 1 版已提交，等待经理审核。`);
    expect(await page.getByTestId('my-plan-submit').count()).toBe(0);
    expect(await page.getByTestId('my-plan-check').count()).toBe(0);
    expect(await englishOn(page)).toEqual([]);

    // The manager: waiting with its figures; a return needs a comment. The
    // screen opens on next month and the manager types this month at once:
    // next month's answer, held back until after this month's, must not
    // replace it (it once did, now and then, on a loaded machine).
    await page.getByTestId('sign-out').click();
    await signIn(page, 'manager');
    let staleAnswered!: () => void;
    const staleDone = new Promise<void>((r) => (staleAnswered = r));
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { query?: string; variables?: { month?: string } } | null;
      if (!body?.query?.includes('repPlanRoster') || body.variables?.month === month) return route.continue();
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
      staleAnswered();
    });
    await openScreen(page, 'plan-reviews');
    // The month field's label names no example month to differ from the month the field shows.
    await expect(page.getByLabel('月份', { exact: true }).inputValue()).resolves.toMatch(/^\d{4}-\d{2}$/);
    // A plan of this month waits for this manager and none of next month: the screen, opened on next month, moves to this month by itself.
    await expect.poll(() => page.getByTestId('plan-reviews-month').inputValue(), { timeout: 10_000 }).toBe(month);
    await page.getByTestId('plan-reviews-month').fill(month);
    const waiting = page.getByTestId('plan-waiting').filter({ hasText: form.person.name });
    await expect(waiting.getByTestId('plan-waiting-figures').innerText()).resolves.toContain(`计划 ¥${(weeks * 1000).toLocaleString('en')}.00`);
    await staleDone;
    await page.unroute('**/graphql');
    await page.waitForTimeout(300);
    await expect(waiting.getByTestId('plan-waiting-figures').innerText({ timeout: 2000 })).resolves.toContain(`计划 ¥${(weeks * 1000).toLocaleString('en')}.00`);
    // Why it is below target, as the rep wrote it, before the manager opens it.
    await expect(waiting.getByTestId('plan-waiting-reason').innerText()).resolves.toBe('低于目标的原因：两家重点客户本月停产检修');
    await waiting.getByTestId('plan-return').click();
    await expect(page.getByTestId('plan-reviews-status').innerText()).resolves.toBe('退回计划时请说明需要修改的地方。');
    await waiting.getByTestId('plan-decision-comment').fill('第二周计划偏低，请补充');
    await waiting.getByTestId('plan-return').click();
    await expect(page.getByTestId('plan-reviews-status').innerText()).resolves.toContain(`已退回 ${form.person.name}`);
    expect(await englishOn(page)).toEqual([]);

    // The rep is told, changes the sheet and submits version 2.
    await page.getByTestId('sign-out').click();
    await signIn(page, 'rep');
    await openScreen(page, 'my-plan');
    await page.getByTestId('my-plan-month').fill(month);
    await expect(page.getByTestId('my-plan-status').innerText()).resolves.toContain('经理退回了第 1 版：“第二周计划偏低，请补充”');
    await page.getByTestId('my-plan-write').click();
    await page.getByTestId('my-plan-status').filter({ hasText: '写入工作表' }).waitFor();
    expect(await standIn(page, 'read', sheet, 'D4')).toEqual([[1000]]);
    await standIn(page, 'type', sheet, 'D4', 3000);
    await page.getByTestId('my-plan-submit').click();
    await expect(page.getByTestId('my-plan-status').innerText()).resolves.toContain('（第 2 版）');
    expect(await englishOn(page)).toEqual([]);

    // The manager accepts and writes who handed in what.
    await page.getByTestId('sign-out').click();
    await signIn(page, 'manager');
    await openScreen(page, 'plan-reviews');
    await page.getByTestId('plan-reviews-month').fill(month);
    const again = page.getByTestId('plan-waiting').filter({ hasText: form.person.name });
    await again.getByTestId('plan-accept').click();
    await expect(page.getByTestId('plan-reviews-status').innerText()).resolves.toContain(`已接受 ${form.person.name}`);
    await page.getByTestId('plan-reviews-roster').click();
    await expect(page.getByTestId('plan-reviews-status').innerText()).resolves.toContain(`计划提交情况 ${month}`);
    const rows = await standIn<unknown[][]>(page, 'read', `计划提交情况 ${month}`, 'A3:J60');
    const mine = rows.find((r) => r[0] === form.person.employeeNo)!;
    expect(mine.slice(3, 5)).toEqual(['已接受', 2]);
    // Every rep counted once, those whose plan is not yet due too: the parts add up to the people, in the
    // status, the banner and the rows; this month's (due last month) and next month's (mostly not yet due).
    const manager = await tokenFor(page, 'manager');
    const rosterAddsUp = async (m: string) => {
      const when = ((await api(page, manager, 'query($m: String!) { repPlanRoster(month: $m) { timeliness } }', { m })).data.repPlanRoster as { timeliness: string }[]).map((r) => r.timeliness);
      const n = (...t: string[]) => when.filter((x) => t.includes(x)).length;
      const figures = `${when.length} 人中已提交 ${n('ON_TIME', 'LATE')} 人（其中逾期 ${n('LATE')} 人），未到期 ${n('DUE')} 人，未交 ${n('MISSING')} 人`;
      expect(n('ON_TIME', 'LATE') + n('DUE') + n('MISSING')).toBe(when.length);
      await expect(page.getByTestId('plan-reviews-status').innerText()).resolves.toBe(`已将 ${m} 计划提交情况写入工作表“计划提交情况 ${m}”：${figures}。`);
      expect(await standIn(page, 'read', `计划提交情况 ${m}`, 'A1')).toEqual([[`${m} 计划：${figures}`]]);
      const sheetRows = await standIn<unknown[][]>(page, 'read', `计划提交情况 ${m}`, `G3:G${2 + when.length}`);
      expect(sheetRows.map((r) => r[0])).toEqual(when.map((t) => ({ ON_TIME: '按时', LATE: '逾期', DUE: '未到期', MISSING: '未交' })[t]));
      return n('DUE');
    };
    await rosterAddsUp(month);
    const next = month.endsWith('-12') ? `${Number(month.slice(0, 4)) + 1}-01` : `${month.slice(0, 5)}${String(Number(month.slice(5)) + 1).padStart(2, '0')}`;
    await page.getByTestId('plan-reviews-month').fill(next);
    await page.getByTestId('plan-reviews-roster').click();
    await page.getByTestId('plan-reviews-status').filter({ hasText: `计划提交情况 ${next}` }).waitFor();
    const notYetDue = await rosterAddsUp(next);
    // Next month's plans are due on a day of this month: before it, nobody's is missing yet.
    if (Number(today().slice(8)) < DEFAULT_DUE_DAY) expect(notYetDue).toBeGreaterThan(0);
    await page.getByTestId('plan-reviews-month').fill(month);
    expect(await englishOn(page)).toEqual([]);

    // Every rep's template for the month as one zip, made as a job, then a link to download it.
    const team = (await api(page, manager, 'query($m: String!) { repPlanRoster(month: $m) { employeeNo } }', { m: month })).data.repPlanRoster as { employeeNo: string }[];
    await page.getByTestId('plan-reviews-templates').click();
    await expect(page.getByTestId('plan-reviews-status').innerText()).resolves.toBe(`已生成 ${team.length} 名代表的 ${zhMonth(month)} 计划模板，合为一个压缩包。下载链接一天内有效。`);
    const link = page.getByTestId('plan-reviews-download');
    await expect(link.innerText()).resolves.toMatch(/^下载压缩包（\d+ KB）$/);
    await expect(link.getAttribute('download')).resolves.toBe(`计划模板-${month}.zip`);
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^https?:\/\/[^/]+\/job-files\/[\w-]+\?key=[\w-]+$/);
    // The link alone downloads it, as a browser opening it would (no sign-in).
    const res = await page.request.get(href);
    expect(res.status()).toBe(200);
    const zip = await JSZip.loadAsync(await res.body());
    expect(Object.keys(zip.files).sort()).toEqual(team.map((r) => `plan-${r.employeeNo}-${month}.xlsx`).sort());
    expect(await englishOn(page)).toEqual([]);
  }, 90_000);
  it('a refusal the pane’s own check could not foresee is named at its cell: a key customer transferred away meanwhile', async () => {
    const page = await e2e.pane('zh-CN');
    const month = addDays(`${today().slice(0, 7)}-28`, 40).slice(0, 7);
    const weeks = planWeeks(month).length;
    const rep = await tokenFor(page, 'rep');
    const admin = await tokenFor(page, 'admin');
    const form = (await api(page, rep, 'query($m: String!) { myRepPlan(month: $m) { person { employeeNo } customerCodes } }', { m: month })).data.myRepPlan;
    const code = form.customerCodes[0];
    const sheet = `工作计划 ${form.person.employeeNo} ${month}`;
    const firstCustomer = 3 + weeks + 1;
    const reasonRow = firstCustomer + 8;
    await signIn(page, 'rep');
    await openScreen(page, 'my-plan');
    await page.getByTestId('my-plan-month').fill(month);
    await page.getByTestId('my-plan-write').click();
    await page.getByTestId('my-plan-status').filter({ hasText: `写入工作表“${sheet}”` }).waitFor();
    for (let r = 3; r < 3 + weeks; r++) await standIn(page, 'type', sheet, `D${r}`, 1000);
    await standIn(page, 'type', sheet, `B${firstCustomer}`, code);
    await standIn(page, 'type', sheet, `D${firstCustomer}`, 800);
    await standIn(page, 'type', sheet, `B${reasonRow}`, '新客户开发中');
    // Meanwhile the customer goes to a colleague: the pane read the rep's customers before.
    const found = (await api(page, admin, 'query($q: String!) { customers(search: $q) { nodes { id code revision ownerId } } }', { q: code })).data.customers.nodes.find((c: any) => c.code === code);
    const colleague = (await api(page, admin, '{ roster(first: 200) { edges { node { id position status } } } }')).data.roster.edges.map((e: any) => e.node).find((n: any) => n.position === 'SALES_REP' && n.status === 'ACTIVE' && n.id !== found.ownerId);
    const moved = await api(page, admin, 'mutation($id: ID!, $r: Int!, $o: ID!) { transferCustomer(id: $id, revision: $r, ownerId: $o) { revision } }', { id: found.id, r: found.revision, o: colleague.id });
    expect(moved.errors).toBeUndefined();
    await page.getByTestId('my-plan-submit').click();
    const issue = page.getByTestId('plan-issue').filter({ hasText: `${sheet}!B${firstCustomer}:` });
    await expect(issue.innerText()).resolves.toContain(code);
    await issue.click();
    await expect.poll(() => page.evaluate(() => (window as any).__standIn.selection)).toBe(`'${sheet}'!B${firstCustomer}`);
    // Nothing was submitted.
    const plan = (await api(page, rep, 'query($m: String!) { myRepPlan(month: $m) { plan { status } } }', { m: month })).data.myRepPlan.plan;
    expect(plan?.status ?? null).not.toBe('SUBMITTED');
    await api(page, admin, 'mutation($id: ID!, $r: Int!, $o: ID!) { transferCustomer(id: $id, revision: $r, ownerId: $o) { revision } }', { id: found.id, r: moved.data.transferCustomer.revision, o: found.ownerId });
  }, 120_000);
});
