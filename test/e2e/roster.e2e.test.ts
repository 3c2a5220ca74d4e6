/**
 * End to end: the real task pane, served by the real server, in headless
 * Chromium with office.js from the local package and the Excel stand-in
 * installed before the page's scripts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium, paneInExcel, signIn, standInScript, startServer, type RunningServer } from './browser.ts';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { expectedRosterIds } from '../support/expected-scope.ts';
import { dayToDate } from '../../schema/dates.ts';

describe.skipIf(!hasChromium)('the task pane in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let script: string;
  let db: Database;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quotabook-e2e-'));
  const dbUrl = `file:${path.join(dir, 'e2e.db')}`;

  beforeAll(async () => {
    [server, script] = await Promise.all([startServer({ DATABASE_URL: dbUrl }), standInScript()]);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    db = await openDatabase(dbUrl);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const pane = () => paneInExcel(browser, script, server.url, 'zh-CN');

  async function pull(page: Page, asOf: string) {
    await page.getByTestId('as-of').fill(asOf);
    await page.getByTestId('pull-roster').click();
    await page.getByTestId('roster-status').waitFor({ timeout: 30_000 });
    return page.getByTestId('roster-status').innerText();
  }

  const sheetEmployeeNos = (page: Page) =>
    page.evaluate(() => {
      const wb = (window as any).__standIn;
      const sheet = wb.sheet('花名册');
      const rows = wb.read('花名册', `A1:A${wb.usedBounds(sheet).rows}`);
      return { header: rows[0][0], ids: rows.slice(1).map((r: unknown[]) => r[0]).filter((v: unknown) => v !== '') as string[] };
    });

  const employeeNos = async (ids: string[]) =>
    (await db.prisma.person.findMany({ where: { id: { in: ids } }, select: { employeeNo: true } })).map((p) => p.employeeNo).sort();

  it('a manager pulls exactly their subtree; a rep, only themself', async () => {
    const asOf = '2026-11-01';
    const page = await pane();
    await signIn(page, 'manager');
    const status = await pull(page, asOf);
    const expected = await employeeNos(await expectedRosterIds(db, 'manager', dayToDate(asOf)));
    expect(status).toContain(`${expected.length}`);
    const sheet = await sheetEmployeeNos(page);
    expect(sheet.header).toBe('工号');
    expect(sheet.ids.slice().sort()).toEqual(expected);
    await page.screenshot({ path: path.join(os.tmpdir(), 'quotabook-roster-pane.png') });

    await page.getByTestId('sign-out').click();
    await signIn(page, 'rep');
    await pull(page, asOf);
    const repSheet = await sheetEmployeeNos(page);
    expect(repSheet.ids).toEqual(await employeeNos(await expectedRosterIds(db, 'rep', dayToDate(asOf))));
    expect(repSheet.ids).toHaveLength(1);
  }, 120_000);

  it('shows a clear error for a wrong password', async () => {
    const page = await pane();
    await page.getByTestId('sign-in').locator('input[name="username"]').fill('manager');
    await page.getByTestId('sign-in').locator('input[name="password"]').fill('wrong');
    await page.getByTestId('sign-in-submit').click();
    await expect(page.getByTestId('sign-in-error').innerText()).resolves.toContain('用户名或密码错误');
  }, 60_000);

  it('when the server is out of reach, says so in the reader\'s language and pulls again on Try again', async () => {
    const page = await pane();
    await signIn(page, 'manager');
    // The network drops every GraphQL request until it is back.
    let offline = true;
    await page.route('**/graphql', (route) => (offline ? route.abort('internetdisconnected') : route.continue()));
    const message = await pull(page, '2026-11-01');
    expect(message).toContain('无法连接 Quotabook 服务器');
    expect(message).not.toMatch(/fetch/i);
    expect(await page.evaluate(() => !!(window as any).__standIn.sheet('花名册'))).toBe(false);
    offline = false;
    await page.getByTestId('retry').click();
    await page.getByTestId('roster-status').filter({ hasText: '花名册' }).waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('retry').count()).resolves.toBe(0);
    const sheet = await sheetEmployeeNos(page);
    expect(sheet.ids).toEqual(await employeeNos(await expectedRosterIds(db, 'manager', dayToDate('2026-11-01'))));
  }, 120_000);

  it('outside Excel, says it runs inside Excel and how to sideload it', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'en-US' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/taskpane.html`);
    const notice = await page.getByTestId('not-in-excel').innerText();
    expect(notice).toMatch(/runs inside Excel/);
    expect(notice).toMatch(/manifest\.xml/);
    expect(errors).toEqual([]);
  }, 60_000);

  it('stops gracefully on SIGTERM', async () => {
    await browser.close();
    expect(await server.stop()).toBe(0);
    expect(server.output()).toContain('SIGTERM: finishing requests in flight');
  }, 30_000);
});
