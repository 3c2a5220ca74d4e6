/**
 * End to end, visit slips, in Chinese at 350 px: the rep requests a slip in
 * the pane; the manager approves it; a slip whose return has passed waits for
 * its check, which the manager records (spot check, in order, what was
 * found); a slip in a locked month offers no decision and no check, and says why. Nobody
 * meets English on the pane. Real server, real pane, Chromium.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, englishOn, hasChromium, openScreen, signIn, tokenFor, useE2e } from './browser.ts';
import { addDays, today } from '../../schema/dates.ts';
import { formatPeriod } from '../../addin/src/i18n/format.ts';

/** A month key as the Chinese pane says it in a sentence (2026年12月). */
const zhMonth = (month: string) => formatPeriod(month, 'zh-CN');


describe.skipIf(!hasChromium)('visit slips in the task pane', () => {
  const e2e = useE2e('visit-slips');

  it('the rep requests a slip; the day is flagged to the manager until they approve it; they record the check of a visit already back', async () => {
    const page = await e2e.pane('zh-CN');
    await page.setViewportSize({ width: 350, height: 900 });
    const day = today();
    // A visit earlier this month (or yesterday on the 1st), already back: requested through the API, to be checked.
    const past = day.slice(8) === '01' ? addDays(day, -1) : `${day.slice(0, 7)}-01`;
    const rep = await tokenFor(page, 'rep');
    const asked = await api(page, rep, 'mutation($i: VisitSlipInput!) { requestVisitSlip(input: $i) { id } }', {
      i: { destination: '杭州', contactPerson: '李经理', purpose: '回访核心客户', plannedOut: `${past}T01:00:00Z`, plannedBack: `${past}T09:00:00Z` },
    });
    expect(asked.errors).toBeUndefined();
    // Finance's attendance marks that day a field visit: until the slip is approved it is flagged to the manager.
    const me = (await api(page, rep, '{ viewer { person { employeeNo name unitName } } }')).data.viewer.person;
    const imported = await api(page, await tokenFor(page, 'finance'), 'mutation($r: [AttendanceInput!]!) { importAttendance(records: $r) { created } }', {
      r: [{ employeeNo: me.employeeNo, date: past, status: 'FIELD_VISIT' }],
    });
    expect(imported.data.importAttendance.created).toBe(1);

    // A rep away from China: the pane's computer keeps New York time.
    await (await page.context().newCDPSession(page)).send('Emulation.setTimezoneOverride', { timezoneId: 'America/New_York' });
    await signIn(page, 'rep');
    await openScreen(page, 'visit-slips');
    await page.getByTestId('visit-slip-destination').fill('苏州');
    await page.getByTestId('visit-slip-contact').fill('王总');
    await page.getByTestId('visit-slip-purpose').fill('洽谈年度合同');
    const soon = addDays(day, 2);
    // The button waits for the times, and says so.
    await expect(page.getByTestId('visit-slip-request').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('visit-slip-missing').innerText()).resolves.toBe('还需填写：出发时间、返回时间。');
    // The pane's own day and time fields, in Chinese; a return before the departure on the same day names both times.
    await page.getByTestId('visit-slip-out-date').fill(soon);
    await page.getByTestId('visit-slip-out-time').fill('14:00');
    await page.getByTestId('visit-slip-back-date').fill(soon);
    await page.getByTestId('visit-slip-back-time').fill('9点30');
    await page.getByTestId('visit-slip-back-time').blur();
    await expect(page.getByTestId('visit-slip-back-time').inputValue()).resolves.toBe('09:30');
    await page.getByRole('button', { name: '提交出访单' }).click();
    const [y, m, d] = soon.split('-').map(Number);
    await expect(page.getByTestId('visit-slips-status').innerText()).resolves.toContain(`计划返回时间（${y}年${m}月${d}日 09:30）必须晚于出发时间（${y}年${m}月${d}日 14:00）`);
    // A time that is none is named under its field, and nothing is sent.
    await page.getByTestId('visit-slip-out-time').fill('25:00');
    await page.getByTestId('visit-slip-out-time').blur();
    await expect(page.getByTestId('visit-slip-out-time-problem').innerText()).resolves.toBe('请按“时:分”（24 小时制）输入时间，例如 09:30。');
    await expect(page.getByTestId('visit-slip-request').isDisabled()).resolves.toBe(true);
    await page.getByTestId('visit-slip-out-time').fill('09:00');
    await page.getByTestId('visit-slip-back-time').fill('17:00');
    await page.getByRole('button', { name: '提交出访单' }).click();
    await expect(page.getByTestId('visit-slips-status').innerText()).resolves.toBe(`已提交出访单：${soon}。`);
    // Listed with its times (China time), under the month it begins in.
    await expect(page.getByTestId('visit-slips-mine').innerText()).resolves.toContain(`${soon} 09:00 → ${soon} 17:00`);
    expect(await englishOn(page)).toEqual([]);
    // The times are China time, whatever the zone of the computer the pane runs on.
    const mine = (await api(page, rep, 'query($m: String!) { visitSlips(month: $m) { destination plannedOut plannedBack } }', { m: soon.slice(0, 7) })).data.visitSlips;
    expect(mine.find((x: { destination: string }) => x.destination === '苏州')).toMatchObject({ plannedOut: `${soon}T01:00:00.000Z`, plannedBack: `${soon}T09:00:00.000Z` });

    await page.getByTestId('sign-out').click();
    await signIn(page, 'manager');
    await openScreen(page, 'visit-slips');
    if (past.slice(0, 7) !== day.slice(0, 7)) await page.getByTestId('visit-slips-month').fill(past.slice(0, 7));
    const month = past.slice(0, 7);
    const flagged = `无出访单外勤 ${month}`;
    await page.getByTestId('visit-slips-unslipped').click();
    await expect(page.getByTestId('visit-slips-status').innerText()).resolves.toContain(`${zhMonth(month)} 共有 1 个外勤日没有已批准的出访单`);
    const rows = await page.evaluate(({ sheet }) => (window as any).__standIn.read(sheet, 'A1:D4'), { sheet: flagged });
    expect(rows).toContainEqual([me.employeeNo, me.name, me.unitName, past]);
    const waiting = page.getByTestId('visit-slips-waiting-item').filter({ hasText: '杭州' });
    // Already gone: approving it is an approval after the fact, and the manager is told so.
    await expect(waiting.getByTestId('visit-slip-departed').innerText()).resolves.toBe('已过出发时间：现在批准即为事后补批。');
    await waiting.getByTestId('visit-slip-approve').click();
    await expect(page.getByTestId('visit-slips-status').innerText()).resolves.toContain('已批准');
    const toCheck = page.getByTestId('visit-slips-to-check-item').filter({ hasText: '杭州' });
    await expect(toCheck.getByTestId('visit-slip-approved-late').innerText()).resolves.toBe('事后补批');
    await toCheck.getByTestId('visit-slip-check-result').fill('电话回访客户，情况属实');
    await toCheck.getByTestId('visit-slip-check').click();
    await expect(page.getByTestId('visit-slips-status').innerText()).resolves.toContain('已记录核查（抽查）');
    expect(await englishOn(page)).toEqual([]);
    // Covered now: nothing left to flag.
    await page.getByTestId('visit-slips-unslipped').click();
    await expect(page.getByTestId('visit-slips-status').innerText()).resolves.toBe(`${zhMonth(month)} 的外勤日都有已批准的出访单。`);
    const slips = (await api(page, await tokenFor(page, 'manager'), 'query($m: String!) { visitSlips(month: $m) { destination status } }', { m: past.slice(0, 7) })).data.visitSlips;
    expect(slips.find((x: { destination: string }) => x.destination === '杭州').status).toBe('CHECKED');
  }, 90_000);

  it('a slip in a locked month is shown to the manager without its decision or check: approve, reject and check off, and why', async () => {
    const page = await e2e.pane('zh-CN');
    await page.setViewportSize({ width: 350, height: 900 });
    // Two months on, clear of the other test's days: requested, then the month is closed.
    const day = `${addDays(today(), 62).slice(0, 7)}-10`;
    const asked = await api(page, await tokenFor(page, 'rep'), 'mutation($i: VisitSlipInput!) { requestVisitSlip(input: $i) { id } }', {
      i: { destination: '宁波', contactPerson: '陈经理', purpose: '月结前回访', plannedOut: `${day}T01:00:00Z`, plannedBack: `${day}T09:00:00Z` },
    });
    expect(asked.errors).toBeUndefined();
    // And one two months back, approved and back, waiting for its check when that month was closed too.
    const back = `${addDays(today(), -62).slice(0, 7)}-10`;
    const approved = await api(page, await tokenFor(page, 'rep'), 'mutation($i: VisitSlipInput!) { requestVisitSlip(input: $i) { id revision } }', {
      i: { destination: '温州', contactPerson: '郑经理', purpose: '季度对账', plannedOut: `${back}T01:00:00Z`, plannedBack: `${back}T09:00:00Z` },
    });
    expect(approved.errors).toBeUndefined();
    const manager = await tokenFor(page, 'manager');
    const decided = await api(page, manager, 'mutation($id: ID!, $r: Int!) { approveVisitSlip(id: $id, revision: $r) { status } }', { id: approved.data.requestVisitSlip.id, r: approved.data.requestVisitSlip.revision });
    expect(decided.errors).toBeUndefined();
    const admin = await tokenFor(page, 'admin');
    for (const p of [day.slice(0, 7), back.slice(0, 7)]) expect((await api(page, admin, 'mutation($p: String!) { lockPeriod(periodKey: $p, reason: "月结") { periodKey } }', { p })).errors).toBeUndefined();

    await signIn(page, 'manager');
    await openScreen(page, 'visit-slips');
    await page.getByTestId('visit-slips-month').fill(day.slice(0, 7));
    const waiting = page.getByTestId('visit-slips-waiting-item').filter({ hasText: '宁波' });
    await expect(waiting.getByTestId('locked-note').innerText()).resolves.toBe('所在期间已锁定，需管理员重新开放后才能处理。');
    await expect(waiting.getByTestId('visit-slip-approve').isDisabled()).resolves.toBe(true);
    await expect(waiting.getByTestId('visit-slip-reject').isDisabled()).resolves.toBe(true);
    expect(await englishOn(page)).toEqual([]);
    await page.getByTestId('visit-slips-month').fill(back.slice(0, 7));
    const toCheck = page.getByTestId('visit-slips-to-check-item').filter({ hasText: '温州' });
    await expect(toCheck.getByTestId('locked-note').innerText()).resolves.toBe('所在期间已锁定，需管理员重新开放后才能处理。');
    await toCheck.getByTestId('visit-slip-check-result').fill('电话抽查');
    await expect(toCheck.getByTestId('visit-slip-check').isDisabled()).resolves.toBe(true);
    expect((await api(page, admin, 'mutation($p: String!) { reopenPeriod(periodKey: $p, reason: "补查") }', { p: back.slice(0, 7) })).errors).toBeUndefined();
    // Reopened, the same list offers the decision again.
    expect((await api(page, admin, 'mutation($p: String!) { reopenPeriod(periodKey: $p, reason: "补批") }', { p: day.slice(0, 7) })).errors).toBeUndefined();
    await page.getByTestId('visit-slips-month').fill(today().slice(0, 7));
    await page.getByTestId('visit-slips-month').fill(day.slice(0, 7));
    await expect.poll(() => waiting.getByTestId('visit-slip-approve').isEnabled()).toBe(true);
    await expect(waiting.getByTestId('locked-note').count()).resolves.toBe(0);
  }, 90_000);
});
