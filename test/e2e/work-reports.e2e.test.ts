/**
 * End to end, work logs and reports, in Chinese at 350 px: the rep fills
 * and submits today's work log and this week's weekly report in the pane; a
 * log for tomorrow is refused with a clear message and nothing is saved; the
 * manager finds the rep's log in the week's spot check, comments on it, and
 * writes the week's handed-in sheet (exact cells checked); the rep then sees
 * the comment. Nobody meets English on the pane. Real server, real pane, Chromium.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, englishOn, hasChromium, openScreen, readSheet, signIn, tokenFor, useE2e } from './browser.ts';
import { addDays, today } from '../../schema/dates.ts';
import { mondayOf } from '../../schema/work-reports.ts';


describe.skipIf(!hasChromium)('work logs and reports in the task pane', () => {
  const e2e = useE2e('work-reports');

  it('the rep hands in a log and a weekly report; a future day is refused; the manager spot-checks, comments and writes the handed-in sheet', async () => {
    const page = await e2e.pane('zh-CN');
    await page.setViewportSize({ width: 350, height: 900 });
    const day = today();
    const monday = mondayOf(day);
    const tomorrow = addDays(day, 1);
    const repToken = await tokenFor(page, 'rep');
    const me = (await api(page, repToken, '{ viewer { person { id name employeeNo } } }')).data.viewer.person as { id: string; name: string; employeeNo: string };

    await signIn(page, 'rep');
    await openScreen(page, 'work-reports');
    await expect(page.getByTestId('work-log-day').inputValue()).resolves.toBe(day);
    await page.getByTestId('work-log-standing').waitFor();
    await page.getByTestId('work-log-calls').fill('8');
    await page.getByTestId('work-log-visits').fill('2');
    await page.getByTestId('work-log-deals').fill('1');
    await page.getByTestId('work-log-customers').fill('星湖电子 王经理');
    await page.getByTestId('work-log-notes').fill('电话回访老客户，拜访星湖电子确认下月订单');
    await page.getByTestId('work-log-submit').click();
    await expect(page.getByTestId('work-reports-status').innerText()).resolves.toContain('已提交');
    await expect(page.getByTestId('work-log-standing-status').innerText()).resolves.toBe('已提交 · 按时');

    // Tomorrow's log: said at once, its buttons off, and the last day's "submitted" gone with that day.
    await page.getByTestId('work-log-day').fill(tomorrow);
    await expect.poll(() => page.getByTestId('work-log-notes').inputValue()).toBe('');
    await expect(page.getByTestId('work-reports-status').count()).resolves.toBe(0);
    const future = await page.getByTestId('work-log-future').innerText();
    expect(future).toContain('工作日志只能记录已经过去的日子');
    expect(future).toContain('晚于今天');
    await page.getByTestId('work-log-calls').fill('5');
    await expect(page.getByTestId('work-log-submit').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('work-log-save').isDisabled()).resolves.toBe(true);
    expect((await api(page, repToken, 'query($d: String!) { myWorkLog(day: $d) { log { id } } }', { d: tomorrow })).data.myWorkLog.log).toBeNull();

    // This week's weekly report.
    await page.getByTestId('work-log-day').fill(day);
    await expect.poll(() => page.getByTestId('work-log-notes').inputValue()).toContain('电话回访');
    await page.getByTestId('weekly-report-results').fill('上周完成两家客户回访，签单一笔');
    await page.getByTestId('weekly-report-plan').fill('本周拜访三家重点客户');
    await page.getByTestId('weekly-report-marketFeedback').fill('竞品降价 5%');
    await page.getByTestId('weekly-report-submit').click();
    await expect(page.getByTestId('work-reports-status').innerText()).resolves.toContain('已提交');
    const weeklyText = day === monday ? '按时' : '迟交';
    await expect(page.getByTestId('weekly-report-standing-status').innerText()).resolves.toBe(`已提交 · ${weeklyText}`);
    expect(await englishOn(page)).toEqual([]);

    // The monthly report with only its results: refused before sending, naming both missing fields at once, by the monthly report's buttons.
    const monthBefore = (await api(page, repToken, 'query($m: String!) { myMonthlyReport(month: $m) { report { id } } }', { m: day.slice(0, 7) })).data.myMonthlyReport.report;
    await page.getByTestId('monthly-report-results').fill('本月完成销售目标的八成');
    await page.getByTestId('monthly-report-submit').click();
    await expect(page.getByTestId('monthly-report').getByTestId('work-reports-status').innerText()).resolves.toBe('分析：请填写此项。 下月工作计划：请填写此项。');
    expect((await api(page, repToken, 'query($m: String!) { myMonthlyReport(month: $m) { report { id } } }', { m: day.slice(0, 7) })).data.myMonthlyReport.report).toEqual(monthBefore);

    // The manager: every log of the week in the sample (the admin sets the size), a comment, the handed-in sheet.
    expect((await api(page, await tokenFor(page, 'admin'), 'mutation { setWorkLogSampleSize(size: 50) }')).data.setWorkLogSampleSize).toBe(50);
    await page.getByTestId('sign-out').click();
    await signIn(page, 'manager');
    await openScreen(page, 'work-report-reviews');
    await expect(page.getByTestId('spot-check-summary').innerText()).resolves.toMatch(/^本周已交 \d+ 篇日志，未超过抽查数 50，全部列出。$/);
    const log = page.getByTestId('spot-check-log').filter({ hasText: me.name });
    await log.getByTestId('spot-check-log-comment').fill('拜访记录详细，继续保持');
    await log.getByTestId('spot-check-log-send').click();
    await expect(page.getByTestId('work-report-reviews-status').innerText()).resolves.toContain(`已给 ${me.name} 写批注`);
    await expect(log.getByTestId('spot-check-log-comment-shown').innerText()).resolves.toContain('拜访记录详细，继续保持');
    // The weekly report waits for a comment too.
    await expect(page.getByTestId('report-to-review').filter({ hasText: me.name }).innerText()).resolves.toContain('本周拜访三家重点客户');

    await page.getByTestId('handed-in-week').click();
    const sheet = `交报情况 ${monday}`;
    await expect(page.getByTestId('work-report-reviews-status').innerText()).resolves.toContain(`写入工作表“${sheet}”`);
    const expected = (await api(page, await tokenFor(page, 'manager'), 'query($p: String!) { handedInSheet(period: $p) { rows { employeeNo unitName workingDays logsMissing } } }', { p: monday })).data.handedInSheet.rows as {
      employeeNo: string;
      unitName: string;
      workingDays: number;
      logsMissing: number;
    }[];
    const rows = await readSheet(page, sheet, 'A1:H80');
    expect(rows.find((r) => r[0] === '工号')).toEqual(['工号', '姓名', '部门', '工作日', '已交日志', '迟交日志', '缺交日志', `周报 ${monday}`]);
    const mine = expected.find((r) => r.employeeNo === me.employeeNo)!;
    expect(rows.find((r) => r[0] === me.employeeNo)).toEqual([me.employeeNo, me.name, mine.unitName, mine.workingDays, 1, 0, mine.logsMissing, weeklyText]);
    // Everyone else of the area who handed in no weekly report: missing (after Monday) or still due (on Monday).
    const others = rows.filter((r) => typeof r[0] === 'string' && r[0] !== me.employeeNo && expected.some((e) => e.employeeNo === r[0]));
    expect(others.length).toBe(expected.length - 1);
    for (const r of others) expect(r[7]).toBe(day === monday ? '待交' : '缺交');
    expect(await englishOn(page)).toEqual([]);

    // The rep sees the comment.
    await page.getByTestId('sign-out').click();
    await signIn(page, 'rep');
    await openScreen(page, 'work-reports');
    await expect.poll(() => page.getByTestId('work-log-standing-comment').innerText()).toContain('拜访记录详细，继续保持');
    expect(await englishOn(page)).toEqual([]);
  }, 120_000);
});
