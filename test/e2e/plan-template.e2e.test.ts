/**
 * End to end, the plan template workbook (issue 11 §1), in Chinese at 350 px:
 * the server makes the rep's template (GET /plan-template.xlsx with their
 * token), the Excel stand-in opens it as the open workbook, and the pane
 * opens My plan on it by itself, with the plan. The rep fills it, Check
 * names the missing below-target reason by its cell, the rep gives it and
 * submits; the manager returns it with a comment; the rep, opening the same
 * template again, is told and resubmits (version 2); the manager accepts.
 * Refused, each with nothing sent and the workbook unchanged: another
 * person's template, the plan sheet renamed, a week's row deleted. Nobody
 * meets English on the pane. Real server, real pane, Chromium.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, downloadBytes, englishOn, hasChromium, openScreen, tokenFor, useE2e } from './browser.ts';
import { workbookFileFromXlsx } from '../support/xlsx-standin.ts';
import { planWeeks } from '../../schema/rep-plan.ts';
import { today } from '../../schema/dates.ts';
import { formatMoneyText } from '../../addin/src/i18n/format.ts';
import { formatPeriod } from '../../addin/src/i18n/format.ts';

/** A month key as the Chinese pane says it in a sentence (2026年12月). */
const zhMonth = (month: string) => formatPeriod(month, 'zh-CN');


describe.skipIf(!hasChromium)('the plan template workbook in the task pane', () => {
  // The demo's published targets (this year's), so the plan has a target to fall short of.
  const e2e = useE2e('plan-template', { SEED_DEMO_RESULTS: '1' });
  const standIn = <T,>(page: Page, f: string, ...args: unknown[]) =>
    page.evaluate(({ f, args }) => (window as any).__standIn[f](...args), { f, args }) as Promise<T>;
  const month = today().slice(0, 7);
  const weeks = planWeeks(month).length;

  /** The template the server makes for this token (and person), as bytes. */
  const download = (page: Page, token: string, personId?: string) => downloadBytes(page, `/plan-template.xlsx?month=${month}${personId ? `&personId=${personId}` : ''}`, token);
  /** Opens a file as the workbook, as Excel would when the rep double-clicks it. */
  const open = async (page: Page, xlsx: Buffer) => {
    const file = await workbookFileFromXlsx(xlsx);
    await page.evaluate((f) => (window as any).__standIn.load(f), file);
  };
  const signInAs = async (page: Page, username: string) => {
    await page.getByTestId('sign-in').locator('input[name="username"]').fill(username);
    await page.getByTestId('sign-in').locator('input[name="password"]').fill('quotabook-demo');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('signed-in-as').waitFor();
  };
  const tagsOf = (page: Page, sheet: string) => page.evaluate((s) => Object.fromEntries((window as any).__standIn.sheet(s)?.customProperties ?? []), sheet) as Promise<Record<string, string>>;
  const myPlan = async (page: Page, token: string) => (await api(page, token, 'query($m: String!) { myRepPlan(month: $m) { plan { id version status revision } } }', { m: month })).data.myRepPlan.plan;

  it('refuses another person’s template, a renamed plan sheet and a deleted week row, by cell where there is one, sending nothing', async () => {
    const page = await e2e.pane('zh-CN');
    await page.setViewportSize({ width: 350, height: 900 });
    const rep = await tokenFor(page, 'rep');
    const manager = await tokenFor(page, 'manager');
    const form = (await api(page, rep, 'query($m: String!) { myRepPlan(month: $m) { person { id employeeNo name } } }', { m: month })).data.myRepPlan;
    const roster = (await api(page, manager, 'query($m: String!) { repPlanRoster(month: $m) { personId personName employeeNo } }', { m: month })).data.repPlanRoster as { personId: string; personName: string; employeeNo: string }[];
    const other = roster.find((p) => p.personId !== form.person.id)!;
    expect(other).toBeDefined();
    const plansOf = async () => (await api(page, manager, 'query($m: String!) { repPlanRoster(month: $m) { personId planId status version revision } }', { m: month })).data.repPlanRoster;
    const before = await plansOf();

    // A manager's template of another rep, opened by the rep.
    await open(page, await download(page, manager, other.personId));
    const otherSheet = `工作计划 ${other.employeeNo} ${month}`;
    await signInAs(page, 'rep');
    await page.getByTestId('my-plan-pane').waitFor();
    const notYours = `本工作簿是 ${other.personName} 的 ${month} 计划模板，不是您的：未提交任何内容。`;
    await expect(page.getByTestId('my-plan-status').innerText()).resolves.toContain(notYours);
    await page.getByTestId('my-plan-submit').click();
    await expect(page.getByTestId('my-plan-status').innerText()).resolves.toContain(notYours);
    expect(await myPlan(page, rep)).toBeNull();
    expect(await plansOf()).toEqual(before);
    expect(await tagsOf(page, otherSheet)).toEqual({});
    expect(await englishOn(page)).toEqual([]);

    // The rep's own template with the plan sheet renamed.
    const own = await download(page, rep);
    const sheet = `工作计划 ${form.person.employeeNo} ${month}`;
    await page.getByTestId('sign-out').click();
    await open(page, own);
    await standIn(page, 'rename', sheet, '我的计划');
    await signInAs(page, 'rep');
    await expect(page.getByTestId('plan-issues').innerText()).resolves.toContain(`本模板中没有计划表“${sheet}”（已被重命名或删除）`);
    await page.getByTestId('my-plan-submit').click();
    await expect(page.getByTestId('plan-issues').innerText()).resolves.toContain(`本模板中没有计划表“${sheet}”`);
    expect(await myPlan(page, rep)).toBeNull();
    expect(await tagsOf(page, '我的计划')).toEqual({});
    expect(await englishOn(page)).toEqual([]);

    // The same template with the second week's row deleted (the sheet unprotected first: it has no password).
    await page.getByTestId('sign-out').click();
    await open(page, own);
    await page.evaluate((s) => ((window as any).__standIn.sheet(s).protected = false), sheet);
    await standIn(page, 'deleteRow', sheet, 4);
    await signInAs(page, 'rep');
    const moved = page.getByTestId('plan-issue').first();
    await expect(moved.innerText()).resolves.toBe(`${sheet}!A4: 模板的行被修改（删除、插入或移动）：这里应是 周 ${planWeeks(month)[1]!.key} 这一行。请重新下载模板。未提交任何内容。`);
    await moved.click();
    await expect.poll(() => page.evaluate(() => (window as any).__standIn.selection)).toBe(`'${sheet}'!A4`);
    await page.getByTestId('my-plan-submit').click();
    await expect(page.getByTestId('plan-issue').first().innerText()).resolves.toContain(`${sheet}!A4: 模板的行被修改`);
    expect(await myPlan(page, rep)).toBeNull();
    expect(await plansOf()).toEqual(before);
    expect(await tagsOf(page, sheet)).toEqual({});
    expect(await englishOn(page)).toEqual([]);
  }, 120_000);

  it('the rep opens their template, the pane opens by itself with the plan; they fill it, fix the problem Check names, submit; returned, resubmitted as version 2, accepted', async () => {
    const page = await e2e.pane('zh-CN');
    await page.setViewportSize({ width: 350, height: 900 });
    const rep = await tokenFor(page, 'rep');
    const form = (await api(page, rep, 'query($m: String!) { myRepPlan(month: $m) { person { id employeeNo name } target customerCodes } }', { m: month })).data.myRepPlan;
    expect(form.target).not.toBeNull();
    const sheet = `工作计划 ${form.person.employeeNo} ${month}`;
    const totalRow = 3 + weeks;
    const firstCustomer = totalRow + 1;
    const reasonRow = firstCustomer + 8;
    const template = await download(page, rep);
    await open(page, template);
    expect(await standIn(page, 'read', '封面', 'A1')).toEqual([['月度工作计划']]);

    await signInAs(page, 'rep');
    await page.getByTestId('my-plan-pane').waitFor();
    await expect(page.getByTestId('my-plan-status').innerText()).resolves.toBe(`已打开您 ${zhMonth(month)} 的计划模板（工作表“${sheet}”）。请填写黄色单元格，然后检查并提交。`);
    await expect(page.getByTestId('my-plan-month').inputValue()).resolves.toBe(month);
    await expect(page.getByTestId('my-plan-summary').innerText()).resolves.toContain(`目标 ${formatMoneyText(form.target)}`);
    expect(await tagsOf(page, sheet)).toMatchObject({ QuotabookKind: 'rep-plan', QuotabookPersonId: form.person.id, QuotabookMonth: month, QuotabookRange: `A1:H${reasonRow}` });
    expect(await englishOn(page)).toEqual([]);

    // Below any demo target, no reason: Check names the reason's cell.
    for (let r = 3; r < 3 + weeks; r++) await standIn(page, 'type', sheet, `D${r}`, 1000);
    await standIn(page, 'type', sheet, `B${firstCustomer}`, form.customerCodes[0]);
    await standIn(page, 'type', sheet, `D${firstCustomer}`, 800);
    expect(await standIn(page, 'read', sheet, `D${totalRow}`)).toEqual([[weeks * 1000]]);
    await page.getByTestId('my-plan-check').click();
    const issue = page.getByTestId('plan-issue').first();
    await expect(issue.innerText()).resolves.toMatch(new RegExp(`^${sheet}!B${reasonRow}: 计划（¥${(weeks * 1000).toLocaleString('en')}\\.00）低于您的目标（.+），请填写原因。$`));
    await issue.click();
    await expect.poll(() => page.evaluate(() => (window as any).__standIn.selection)).toBe(`'${sheet}'!B${reasonRow}`);
    expect(await englishOn(page)).toEqual([]);

    await standIn(page, 'type', sheet, `B${reasonRow}`, '两家重点客户本月停产检修');
    await page.getByTestId('my-plan-submit').click();
    await expect(page.getByTestId('my-plan-status').innerText()).resolves.toContain('（第 1 版）');
    expect((await standIn<string[][]>(page, 'read', sheet, 'A1'))[0]![0]).toMatch(/ · 已提交$/);
    // Written back on the template's own sheet, not beside it (the month's work log and report sheets follow it). The
    // very hidden sheet where the pane keeps what it wrote in the typed cells is not one the user sees.
    expect(await page.evaluate(() => (window as any).__standIn.sheets.filter((s: { visibility?: string }) => s.visibility !== 'VeryHidden').map((s: { name: string }) => s.name))).toEqual(['封面', sheet, `工作日志 ${form.person.employeeNo} ${month}`, `周报月报 ${form.person.employeeNo} ${month}`]);
    expect(await myPlan(page, rep)).toMatchObject({ version: 1, status: 'SUBMITTED' });
    expect(await englishOn(page)).toEqual([]);

    // The manager returns it with a comment.
    await page.getByTestId('sign-out').click();
    await signInAs(page, 'manager');
    await openScreen(page, 'plan-reviews');
    await page.getByTestId('plan-reviews-month').fill(month);
    const waiting = page.getByTestId('plan-waiting').filter({ hasText: form.person.name });
    await waiting.getByTestId('plan-decision-comment').fill('第二周计划偏低，请补充');
    await waiting.getByTestId('plan-return').click();
    await expect(page.getByTestId('plan-reviews-status').innerText()).resolves.toContain(`已退回 ${form.person.name}`);
    expect(await englishOn(page)).toEqual([]);

    // The rep opens the template again: the pane opens with it, says what the manager said; they change it and resubmit.
    await page.getByTestId('sign-out').click();
    await signInAs(page, 'rep');
    await expect(page.getByTestId('my-plan-status').innerText()).resolves.toContain('经理退回了第 1 版：“第二周计划偏低，请补充”');
    await standIn(page, 'type', sheet, 'D4', 3000);
    await page.getByTestId('my-plan-submit').click();
    await expect(page.getByTestId('my-plan-status').innerText()).resolves.toContain('（第 2 版）');
    expect(await myPlan(page, rep)).toMatchObject({ version: 2, status: 'SUBMITTED' });
    expect(await englishOn(page)).toEqual([]);

    // The manager accepts.
    await page.getByTestId('sign-out').click();
    await signInAs(page, 'manager');
    await openScreen(page, 'plan-reviews');
    await page.getByTestId('plan-reviews-month').fill(month);
    await page.getByTestId('plan-waiting').filter({ hasText: form.person.name }).getByTestId('plan-accept').click();
    await expect(page.getByTestId('plan-reviews-status').innerText()).resolves.toContain(`已接受 ${form.person.name}`);
    expect(await myPlan(page, rep)).toMatchObject({ version: 2, status: 'ACCEPTED' });
    expect(await englishOn(page)).toEqual([]);
  }, 120_000);

  it('the pane makes the same template in a blank workbook; signed in again, the pane opens with it by itself', async () => {
    const page = await e2e.pane('zh-CN');
    await page.setViewportSize({ width: 350, height: 900 });
    const rep = await tokenFor(page, 'rep');
    const form = (await api(page, rep, 'query($m: String!) { myRepPlan(month: $m) { person { id employeeNo name } } }', { m: month })).data.myRepPlan;
    const sheet = `工作计划 ${form.person.employeeNo} ${month}`;
    await signInAs(page, 'rep');
    await openScreen(page, 'my-plan');
    await page.getByTestId('my-plan-month').fill(month);
    await page.getByTestId('my-plan-make-template').click();
    const log = `工作日志 ${form.person.employeeNo} ${month}`;
    const reports = `周报月报 ${form.person.employeeNo} ${month}`;
    await expect(page.getByTestId('my-plan-status').innerText()).resolves.toBe(`已在此工作簿中生成您 ${zhMonth(month)} 的计划模板：封面“封面”、计划表“${sheet}”、工作日志“${log}”和周报月报“${reports}”。保存并发送后，打开它即会打开 Quotabook。`);
    expect(await page.evaluate(() => (window as any).__standIn.sheets.filter((s: { visibility?: string }) => s.visibility !== 'VeryHidden').map((s: { name: string }) => s.name))).toEqual(['Sheet1', '封面', sheet, log, reports]);
    expect(await standIn(page, 'read', '封面', 'A1:B3')).toEqual([['月度工作计划', ''], ['', ''], ['姓名', form.person.name]]);
    const props = await page.evaluate(() => Object.fromEntries([...(window as any).__standIn.customProperties.values()].map((p: { key: string; value: string }) => [p.key, p.value])));
    expect(props).toMatchObject({ QuotabookKind: 'rep-plan-template', QuotabookPersonId: form.person.id, QuotabookMonth: month, QuotabookSheet: sheet, QuotabookLogSheet: log, QuotabookReportSheet: reports });
    expect(await englishOn(page)).toEqual([]);
    await page.getByTestId('sign-out').click();
    await signInAs(page, 'rep');
    // The month's plan was accepted above: it cannot be changed, so nothing asks to fill it in and submit it.
    await expect(page.getByTestId('my-plan-status').innerText()).resolves.toBe(`已打开您 ${zhMonth(month)} 的计划模板（工作表“${sheet}”，已接受），现在不能修改计划。 经理已接受您 ${zhMonth(month)} 计划的第 2 版。`);
    expect(await englishOn(page)).toEqual([]);
  }, 120_000);
});
