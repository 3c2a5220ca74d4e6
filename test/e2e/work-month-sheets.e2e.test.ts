/**
 * End to end, the month's work logs and reports in sheets (issue 11 §3,
 * "filled in the pane or in a sheet of the template"), in Chinese at 350 px:
 * the rep writes the month's two sheets, types a word into a count, Check
 * names the cell; fixed, a log and a weekly report are handed in at once and
 * the sheets come back with those rows locked. A change made meanwhile on
 * another device makes the server refuse the whole set, shown at its cell,
 * nothing saved. Then the plan template the server makes: its log sheet
 * filled in and handed in from the pane. Nobody meets English on the pane.
 * Real server, real pane, Chromium, the Excel stand-in.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, downloadBytes, englishOn, hasChromium, openScreen, signIn, tokenFor, useE2e } from './browser.ts';
import { workbookFileFromXlsx } from '../support/xlsx-standin.ts';
import { addDays, today } from '../../schema/dates.ts';
import { monthDays, monthMondays } from '../../schema/work-reports.ts';


const MY_MONTH = 'query($m: String!) { myWorkMonth(month: $m) { logs { day status revision calls notes } weeklyReports { week report { status results } } } }';

describe.skipIf(!hasChromium)('the month’s work logs and reports in sheets', () => {
  const e2e = useE2e('work-month-sheets');
  const standIn = <T,>(page: Page, f: string, ...args: unknown[]) =>
    page.evaluate(({ f, args }) => (window as any).__standIn[f](...args), { f, args }) as Promise<T>;
  const day = today();
  const month = day.slice(0, 7);
  /** The log sheet's row of a day, the report sheet's row of the first Monday's results (1-based). */
  const logRow = (d: string) => 3 + monthDays(month).indexOf(d);
  const firstMonday = monthMondays(month)[0]!;

  it('the rep writes the month’s sheets, Check names a bad cell, a log and a weekly report are handed in at once; a change made meanwhile refuses the set, by cell', async () => {
    const page = await e2e.pane('zh-CN');
    await page.setViewportSize({ width: 350, height: 900 });
    const rep = await tokenFor(page, 'rep');
    const me = (await api(page, rep, '{ viewer { person { employeeNo } } }')).data.viewer.person as { employeeNo: string };
    const logSheet = `工作日志 ${me.employeeNo} ${month}`;
    const reportSheet = `周报月报 ${me.employeeNo} ${month}`;

    await signIn(page, 'rep');
    await openScreen(page, 'work-reports');
    await page.getByTestId('work-month-write').click();
    await expect(page.getByTestId('work-month-status').innerText()).resolves.toBe(`已将 ${month} 写入工作表“${logSheet}”和“${reportSheet}”。`);
    expect(await standIn(page, 'read', logSheet, 'A2:H2')).toEqual([['日期', '星期', '电话数', '拜访数', '成交数', '接触客户', '当日主要工作', '状态']]);
    expect(await standIn(page, 'read', reportSheet, 'A4:C4')).toEqual([['周报', firstMonday, '上周工作总结']]);

    const r = logRow(day);
    await standIn(page, 'type', logSheet, `C${r}`, '八次');
    await standIn(page, 'type', logSheet, `D${r}`, 2);
    await standIn(page, 'type', logSheet, `G${r}`, '电话回访老客户，拜访星湖电子');
    await standIn(page, 'type', reportSheet, 'D4', '上周完成两家客户回访');
    await standIn(page, 'type', reportSheet, 'D5', '本周拜访三家重点客户');
    await page.getByTestId('work-month-check').click();
    const issue = page.getByTestId('plan-issue').first();
    await expect(issue.innerText()).resolves.toBe(`${logSheet}!C${r}: “八次”不是整数。`);
    await issue.click();
    await expect.poll(() => page.evaluate(() => (window as any).__standIn.selection)).toBe(`'${logSheet}'!C${r}`);
    expect(await englishOn(page)).toEqual([]);

    // Fixed: handed in at once; the rows come back locked, the log as the server has it.
    await standIn(page, 'type', logSheet, `C${r}`, 8);
    await page.getByTestId('work-month-check').click();
    await expect(page.getByTestId('work-month-status').innerText()).resolves.toBe('工作表可以提交：日志 1 篇、周报 1 份。');
    await page.getByTestId('work-month-submit').click();
    await expect(page.getByTestId('work-month-status').innerText()).resolves.toBe(`已提交 ${month} 的日志 1 篇、周报 1 份。`);
    const saved = (await api(page, rep, MY_MONTH, { m: month })).data.myWorkMonth;
    expect(saved.logs).toEqual([{ day, status: 'SUBMITTED', revision: 1, calls: 8, notes: '电话回访老客户，拜访星湖电子' }]);
    expect(saved.weeklyReports[0].report).toEqual({ status: 'SUBMITTED', results: '上周完成两家客户回访' });
    expect((await standIn<unknown[][]>(page, 'read', logSheet, `C${r}:H${r}`))[0]).toEqual([8, 2, 0, '', '电话回访老客户，拜访星湖电子', '已提交 · 按时']);
    await expect(standIn(page, 'type', logSheet, `C${r}`, 9)).rejects.toThrow(/protected/);
    // The pane's own day form shows it too.
    await expect(page.getByTestId('work-log-standing-status').innerText()).resolves.toBe('已提交 · 按时');

    // Yesterday's log (this month's, when there is one) as a draft from the sheet; then changed on
    // another device: the sheet's set is refused whole, at the cell, nothing saved.
    const earlier = day.endsWith('-01') ? null : addDays(day, -1);
    if (earlier) {
      await standIn(page, 'type', logSheet, `C${logRow(earlier)}`, 3);
      await standIn(page, 'type', logSheet, `G${logRow(earlier)}`, '整理客户档案');
      await page.getByTestId('work-month-save').click();
      await expect(page.getByTestId('work-month-status').innerText()).resolves.toBe(`已将 ${month} 的日志 1 篇、周报 0 份保存为草稿。`);
      const other = await api(
        page,
        rep,
        'mutation($d: String!) { saveWorkLog(day: $d, revision: 1, input: { calls: 4, visits: 0, deals: 0, customersMet: "", notes: "在手机上改过" }) { revision } }',
        { d: earlier },
      );
      expect(other.data.saveWorkLog.revision).toBe(2);
      await page.getByTestId('work-month-submit').click();
      await expect(page.getByTestId('plan-issues').innerText()).resolves.toContain(`${logSheet}!C${logRow(earlier)}: ${earlier} 的日志：`);
      const after = (await api(page, rep, MY_MONTH, { m: month })).data.myWorkMonth;
      expect(after.logs.find((l: { day: string }) => l.day === earlier)).toMatchObject({ status: 'DRAFT', revision: 2, calls: 4, notes: '在手机上改过' });
    }
    expect(await englishOn(page)).toEqual([]);
  }, 120_000);

  it('the plan template the server makes holds the month’s report sheet: the monthly report filled there and handed in from the pane', async () => {
    const page = await e2e.pane('zh-CN');
    await page.setViewportSize({ width: 350, height: 900 });
    const rep = await tokenFor(page, 'rep');
    const me = (await api(page, rep, '{ viewer { person { employeeNo } } }')).data.viewer.person as { employeeNo: string };
    const xlsx = await downloadBytes(page, `/plan-template.xlsx?month=${month}`, rep);
    await page.evaluate((f) => (window as any).__standIn.load(f), await workbookFileFromXlsx(xlsx));
    const reportSheet = `周报月报 ${me.employeeNo} ${month}`;
    const monthly = 3 + 5 * monthMondays(month).length;
    expect(await standIn(page, 'read', reportSheet, `A${monthly}:C${monthly}`)).toEqual([['月报', month, '本月工作总结']]);
    await standIn(page, 'type', reportSheet, `D${monthly}`, '完成目标 92%');
    await standIn(page, 'type', reportSheet, `D${monthly + 2}`, '下月重点跟进星湖电子');

    // Opened with the template, the pane opens My plan by itself; the work sheets are read on Work log & reports.
    await page.getByTestId('sign-in').locator('input[name="username"]').fill('rep');
    await page.getByTestId('sign-in').locator('input[name="password"]').fill('quotabook-demo');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('my-plan-pane').waitFor();
    await openScreen(page, 'work-reports');
    await page.getByTestId('work-month-submit').click();
    // The analysis is required to hand it in: named at its cell in the template's sheet, nothing sent.
    await expect(page.getByTestId('plan-issue').first().innerText()).resolves.toBe(`${reportSheet}!D${monthly + 1}: ${month} 月报：请填写此项。`);
    expect((await api(page, rep, 'query($m: String!) { myMonthlyReport(month: $m) { report { id } } }', { m: month })).data.myMonthlyReport.report).toBeNull();
    await standIn(page, 'type', reportSheet, `D${monthly + 1}`, '两家客户推迟订单');
    await page.getByTestId('work-month-submit').click();
    // Handed in with it: the draft log the first test left in the sheet (yesterday's), when there is one.
    const drafts = day.endsWith('-01') ? 0 : 1;
    await expect(page.getByTestId('work-month-status').innerText()).resolves.toBe(`已提交 ${month} 的日志 ${drafts} 篇、周报 0 份及月报。`);
    const saved = (await api(page, rep, 'query($m: String!) { myMonthlyReport(month: $m) { report { status results analysis plan } } }', { m: month })).data.myMonthlyReport.report;
    expect(saved).toEqual({ status: 'SUBMITTED', results: '完成目标 92%', analysis: '两家客户推迟订单', plan: '下月重点跟进星湖电子' });
    // The template's sheet is now the pane's own: written back, the monthly report locked.
    await expect(standIn(page, 'type', reportSheet, `D${monthly}`, '改')).rejects.toThrow(/protected/);
    expect(await englishOn(page)).toEqual([]);
  }, 120_000);
});
