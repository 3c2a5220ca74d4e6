/**
 * End to end, in Chinese at 350 px, over the demo organisation with its
 * sales and published targets (SEED_DEMO_RESULTS=1): the manager pulls the
 * Performance sheet for a team's quarter (one rep's actual and achievement
 * exactly as the API answers), the Ranking sheet (the rep's rank as the
 * league table's), publishes the ranking and pulls the Dashboard with its
 * charts; the rep pulls My performance. No English on the pane.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, englishOn, hasChromium, openScreen, readSheet, signIn, tokenFor, useE2e } from './browser.ts';
import { formatPeriod } from '../../addin/src/i18n/format.ts';


const ACH = `query($period: String!, $grain: PeriodGrain!, $unitId: ID, $by: ActualsBy, $asOf: Date) {
  achievement(period: $period, grain: $grain, metric: SALES_AMOUNT, unitId: $unitId, by: $by, asOf: $asOf) { rows { ownerId code cells { actual base baseAchievement } } } }`;

const fen = (v: unknown) => Math.round(Number(v) * 100);
/** "79.99" → 7999 (hundredths of a percent, as the sheet's ratio × 10,000). */
const bp = (percent: string) => Math.round(Number(percent) * 100);

describe.skipIf(!hasChromium)('results in Chinese at 350 px', () => {
  const e2e = useE2e('results', { SEED_DEMO_RESULTS: '1' });

  it('the manager pulls performance, ranking and the dashboard and publishes; the rep pulls My performance', async () => {
    const page = await e2e.pane('zh-CN');
    await page.setViewportSize({ width: 350, height: 900 });
    const manager = await tokenFor(page, 'manager');
    const rep = (await api(page, await tokenFor(page, 'rep'), '{ viewer { person { id unitId employeeNo } } }')).data.viewer.person;

    await signIn(page, 'manager');
    await openScreen(page, 'performance');
    await page.getByTestId('performance-unit').locator(`option[value="${rep.unitId}"]`).waitFor({ state: 'attached' });
    await page.getByTestId('performance-unit').selectOption(rep.unitId);
    await page.getByTestId('performance-grain').selectOption('QUARTER');
    const day = await page.getByTestId('performance-day').inputValue();
    const quarter = `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

    await page.getByTestId('pull-performance').click();
    await page.getByTestId('performance-status').filter({ hasText: '已将' }).waitFor();
    // The quarter as the reader says it (2026年第4季度), in the sheet's name, the status line and the banner; never its key.
    const quarterSaid = formatPeriod(quarter, 'zh-CN');
    expect(await page.getByTestId('performance-status').innerText()).toContain(`业绩 ${quarterSaid}`);
    const sheet = await readSheet(page, `业绩 ${quarterSaid}`, 'A1:K60');
    expect(sheet[0]![0]).toContain(` · ${quarterSaid} · `);
    expect(sheet[1]).toEqual(['编码', '名称', '基础指标', '奋斗指标', '实际', '基础达成率', '奋斗达成率', '距基础差额', '距奋斗差额', '分类', '排名']);
    // The banner's "as of" is the day the quarter's figures run to: today while the quarter runs (the day field is today).
    expect(sheet[0]![0]).toContain(`截至 ${day}`);
    const answer = (await api(page, manager, ACH, { period: quarter, grain: 'QUARTER', unitId: rep.unitId, by: 'PERSON', asOf: day })).data.achievement;
    const theirs = answer.rows.find((r: { code: string }) => r.code === rep.employeeNo).cells[0];
    const row = sheet.find((r) => r[0] === rep.employeeNo)!;
    expect(fen(row[4])).toBe(fen(theirs.actual));
    expect(Number(theirs.actual)).toBeGreaterThan(0);
    expect(Math.round((row[5] as number) * 10_000)).toBe(bp(theirs.baseAchievement));
    expect(row[5]).toBe(Number(`${bp(theirs.baseAchievement)}e-4`));
    expect(await englishOn(page)).toEqual([]);

    await page.getByTestId('pull-ranking').click();
    await page.getByTestId('performance-status').filter({ hasText: `排名 ${quarterSaid}` }).waitFor();
    const ranking = await readSheet(page, `排名 ${quarterSaid}`, 'A2:G60');
    expect(ranking[0]).toEqual(['排名', '编码', '名称', '实际', '达成率', '名次变化', '奖惩跟进']);
    const league = (await api(page, manager, 'query($u: ID!, $p: String!) { leagueTable(unitId: $u, period: $p) { rows { code rank top bottom } } }', { u: rep.unitId, p: quarter })).data.leagueTable;
    const place = league.rows.find((r: { code: string }) => r.code === rep.employeeNo).rank;
    expect(ranking.find((r) => r[1] === rep.employeeNo)![0]).toBe(place ?? '');
    // The top places lead to a reward, the bottom ones to an improvement plan, as the ranking flags them.
    const followUps = league.rows.map((r: { code: string; top: boolean; bottom: boolean }) => [r.code, r.top ? '奖励' : r.bottom ? '改进计划' : '']);
    expect(followUps.some(([, f]: string[]) => f === '改进计划')).toBe(true);
    expect(ranking.slice(1).filter((r) => r[1] !== '').map((r) => [r[1], r[6]])).toEqual(followUps);

    // The quarter is not over: publishing asks first; cancelling publishes nothing, going ahead publishes.
    await page.getByTestId('publish-ranking').click();
    await page.getByTestId('ranking-not-over').filter({ hasText: '尚未结束' }).waitFor();
    // Title and body read as two sentences, not one run into the other (as a screen reader or the text content reads them).
    const asked = await page.getByTestId('ranking-not-over').locator('.fui-MessageBarBody').textContent();
    expect(asked).toBe(`${formatPeriod(quarter, 'zh-CN')}尚未结束。 现在的名次及其提出的奖惩只基于该期间的部分数据。仍要发布排名吗？`);
    expect(await englishOn(page)).toEqual([]);
    await page.getByTestId('ranking-not-over-cancel').click();
    await page.getByTestId('ranking-not-over').waitFor({ state: 'detached' });
    expect((await api(page, manager, 'query($u: ID!, $p: String!) { publishedRankings(unitId: $u, period: $p) { version } }', { u: rep.unitId, p: quarter })).data.publishedRankings).toEqual([]);
    await page.getByTestId('publish-ranking').click();
    await page.getByTestId('ranking-not-over-go').click();
    await page.getByTestId('performance-status').filter({ hasText: '已发布' }).waitFor();
    expect(await page.getByTestId('performance-status').innerText()).toContain(`${formatPeriod(quarter, 'zh-CN')} 的排名，第 1 版`);

    // Year to date to an earlier day: rankings are kept by period, so the ranking is the whole year so far, said so, and its
    // banner gives the day its figures run to (today), not the day chosen.
    await page.getByTestId('performance-grain').selectOption('YEAR_TO_DATE');
    await page.getByTestId('performance-day').fill(`${day.slice(0, 4)}-01-31`);
    await expect(page.getByTestId('ranking-year-note').innerText()).resolves.toContain(`${day.slice(0, 4)} 年迄今的全年排名`);
    await page.getByTestId('pull-ranking').click();
    await page.getByTestId('performance-status').filter({ hasText: `排名 ${day.slice(0, 4)}年` }).waitFor();
    expect((await readSheet(page, `排名 ${day.slice(0, 4)}年`, 'A1'))[0]![0]).toMatch(new RegExp(` · ${day.slice(0, 4)}年 · 截至 ${day}$`));
    // Performance for the year to date: 年初至今 in the sheet's name, the status line and the banner, not "YTD".
    await page.getByTestId('pull-performance').click();
    await page.getByTestId('performance-status').filter({ hasText: `业绩 ${day.slice(0, 4)}年年初至今` }).waitFor();
    expect(await page.getByTestId('performance-period').innerText()).toBe(`${day.slice(0, 4)}年年初至今`);
    expect((await readSheet(page, `业绩 ${day.slice(0, 4)}年年初至今`, 'A1'))[0]![0]).toContain(` · ${day.slice(0, 4)}年年初至今 · 截至 ${day.slice(0, 4)}-01-31`);
    expect(await englishOn(page)).toEqual([]);
    // A ten-day block: 中旬, not D2.
    await page.getByTestId('performance-grain').selectOption('TEN_DAYS');
    await page.getByTestId('performance-day').fill(`${day.slice(0, 4)}-01-15`);
    // The period the day falls in, said under the day field (not its key, 2026-01-D2).
    await page.getByTestId('performance-period').filter({ hasText: `${day.slice(0, 4)}年1月中旬` }).waitFor();
    await page.getByTestId('pull-performance').click();
    await page.getByTestId('performance-status').filter({ hasText: `业绩 ${day.slice(0, 4)}年1月中旬` }).waitFor();
    expect((await readSheet(page, `业绩 ${day.slice(0, 4)}年1月中旬`, 'A1'))[0]![0]).toContain(` · ${day.slice(0, 4)}年1月中旬 · `);
    expect(await englishOn(page)).toEqual([]);
    await page.getByTestId('performance-grain').selectOption('QUARTER');
    await page.getByTestId('performance-day').fill(day);

    await page.getByTestId('pull-dashboard').click();
    await page.getByTestId('performance-status').filter({ hasText: '看板' }).waitFor();
    const charts = (await page.evaluate(() => (window as any).__standIn.charts.map((c: { type: string }) => c.type))) as string[];
    expect(charts).toContain('ColumnClustered');
    const dashboard = await readSheet(page, `看板 ${day.slice(0, 4)}`, 'A2:C14');
    expect(dashboard[0]).toEqual(['月份', '基础指标', '实际']);
    expect(dashboard.slice(1).map((r) => r[0])).toEqual(Array.from({ length: 12 }, (_, i) => `${day.slice(0, 4)}-${String(i + 1).padStart(2, '0')}`));
    expect(await englishOn(page)).toEqual([]);

    // The month's ranking published too: the rep's place in it shows on My performance (their own place only).
    const monthRanking = (await api(page, manager, 'mutation($u: ID!, $p: String!) { publishRanking(unitId: $u, period: $p) { rows { ownerId rank } } }', { u: rep.unitId, p: day.slice(0, 7) })).data.publishRanking;
    const ranked = monthRanking.rows.filter((r: { rank: number | null }) => r.rank !== null);
    const repPlace = monthRanking.rows.find((r: { ownerId: string }) => r.ownerId === rep.id)?.rank ?? null;

    await page.getByTestId('sign-out').click();
    await signIn(page, 'rep');
    await openScreen(page, 'my-performance');
    await page.getByTestId('pull-my-performance').click();
    await page.getByTestId('my-performance-status').filter({ hasText: '我的业绩' }).waitFor();
    const mine = await readSheet(page, '我的业绩', 'A2:I4');
    expect(mine[0]![0]).toBe('期间');
    expect(mine[0]![8]).toBe('排名');
    expect(repPlace).not.toBeNull(); // the rep has a target for the month, so a place
    expect(mine[1]![8]).toBe(`${repPlace}/${ranked.length}`);
    const own = (await api(page, await tokenFor(page, 'rep'), ACH, { period: day.slice(0, 4), grain: 'YEAR_TO_DATE', asOf: day })).data.achievement.rows[0].cells[0];
    expect(fen(mine[2]![2])).toBe(fen(own.actual));
    expect(Math.round((mine[2]![4] as number) * 10_000)).toBe(bp(own.baseAchievement));
    // The same workbook: the dashboard's charts are there too.
    expect((await page.evaluate(() => (window as any).__standIn.charts.map((c: { name: string }) => c.name))) as string[]).toContain('QuotabookMine');
    expect(await englishOn(page)).toEqual([]);
  }, 120_000);
  it('finance keeps a month’s expenses in a sheet; the manager pulls the expense and payroll ratios of sales', async () => {
    const page = await e2e.pane('zh-CN');
    await page.setViewportSize({ width: 350, height: 900 });
    const finance = await tokenFor(page, 'finance');
    const manager = await tokenFor(page, 'manager');
    const rep = (await api(page, await tokenFor(page, 'rep'), '{ viewer { person { unitId } } }')).data.viewer.person;
    const team = (await api(page, manager, '{ orgTree { id code name parentId } }')).data.orgTree.find((u: { id: string }) => u.id === rep.unitId);
    // The demo's last calculated payroll is two months back (submitted), with expenses for every month of the year so far.
    const runs = (await api(page, finance, '{ payrollRuns { month status } }')).data.payrollRuns as { month: string; status: string }[];
    const month = runs.filter((r) => r.status !== 'DRAFT').map((r) => r.month).sort().at(-1)!;
    type Row = { unitId: string; code: string; sales: string; expenses: string; pay: string; expenseRatio: string | null; payrollRatio: string | null; paidSales: string };
    const ROW = 'unitId code sales expenses pay expenseRatio payrollRatio paidSales';
    const ratios = async () => (await api(page, manager, `query($u: ID!, $p: String!) { unitRatios(unitId: $u, period: $p, grain: MONTH) { total { ${ROW} } rows { ${ROW} } } }`, { u: team.parentId, p: month })).data.unitRatios as { total: Row; rows: Row[] };
    const before = await ratios();
    expect(Number(before.total.sales)).toBeGreaterThan(0);
    expect(Number(before.total.expenses)).toBeGreaterThan(0);
    expect(Number(before.total.pay)).toBeGreaterThan(0);

    // Finance types the team's advertising for the month, a wrong amount first.
    await signIn(page, 'finance');
    await openScreen(page, 'performance');
    // Finance reads rankings but publishes none (the server's rule): no Publish button.
    await page.getByTestId('pull-ranking').waitFor();
    await expect(page.getByTestId('publish-ranking').count()).resolves.toBe(0);
    await page.getByTestId('expenses-month').fill(month);
    await page.getByTestId('expenses-pull').click();
    await page.getByTestId('expenses-status').filter({ hasText: `费用 ${month}` }).waitFor();
    const sheetName = `费用 ${month}`;
    const grid = await readSheet(page, sheetName, 'A2:J200');
    expect(grid[0]!.slice(0, 9)).toEqual(['单位编码', '单位', '广告宣传', '促销', '渠道', '差旅', '办公', '其他', '合计']);
    const at = grid.findIndex((r) => r[0] === team.code) + 2;
    const saved = (await api(page, finance, 'query($m: String!) { unitExpenses(month: $m) { unitId category amount } }', { m: month })).data.unitExpenses as { unitId: string; category: string; amount: string }[];
    const advertising = saved.find((e) => e.unitId === team.id && e.category === 'ADVERTISING')?.amount ?? '0.00';
    expect(fen(grid[at - 2]![2] === '' ? 0 : grid[at - 2]![2])).toBe(fen(advertising));
    const type = (cell: string, value: string | number) => page.evaluate(({ sheet, cell, value }) => (window as any).__standIn.type(sheet, cell, value), { sheet: sheetName, cell, value });
    await type(`C${at}`, '一千二');
    await page.getByTestId('expenses-save').click();
    await page.getByTestId('plan-issue').filter({ hasText: `${sheetName}!C${at}` }).waitFor();
    expect(await page.getByTestId('plan-issues').innerText()).toContain('“一千二”是文本');
    expect(await englishOn(page)).toEqual([]);
    await type(`C${at}`, 1234.56);
    await page.getByTestId('expenses-save').click();
    await page.getByTestId('expenses-status').filter({ hasText: '已保存' }).waitFor();
    expect(await page.getByTestId('expenses-status').innerText()).toContain('1 项有变动');
    const after = (await api(page, finance, 'query($m: String!) { unitExpenses(month: $m) { unitId category amount } }', { m: month })).data.unitExpenses as typeof saved;
    expect(after.find((e) => e.unitId === team.id && e.category === 'ADVERTISING')!.amount).toBe('1234.56');

    // The manager pulls the ratios of the team's area for that month: the sheet holds the API's figures exactly.
    await page.getByTestId('sign-out').click();
    await signIn(page, 'manager');
    await openScreen(page, 'performance');
    await page.getByTestId('performance-unit').locator(`option[value="${team.parentId}"]`).waitFor({ state: 'attached' });
    await page.getByTestId('performance-unit').selectOption(team.parentId);
    await page.getByTestId('performance-grain').selectOption('TEN_DAYS');
    expect(await page.getByTestId('pull-ratios').isDisabled()).toBe(true);
    await page.getByTestId('ratios-months-only').waitFor();
    await page.getByTestId('performance-grain').selectOption('MONTH');
    const today = await page.getByTestId('performance-day').inputValue();
    await page.getByTestId('performance-day').fill(`${month}-15`);
    await page.getByTestId('pull-ratios').click();
    await page.getByTestId('performance-status').filter({ hasText: `开支比与工资比 ${formatPeriod(month, 'zh-CN')}` }).waitFor();
    const answer = await ratios();
    const sheet = await readSheet(page, `开支比与工资比 ${formatPeriod(month, 'zh-CN')}`, 'A2:H60');
    expect(sheet[0]).toEqual(['编码', '单位', '销售额', '费用', '开支比', '工资', '工资比', '已核薪月份销售额']);
    const shown = sheet.slice(1).filter((r) => r[0] !== '');
    expect(shown).toHaveLength(answer.rows.length + 1);
    const ratio = (p: string | null) => (p === null ? '' : Number(`${bp(p)}e-4`));
    for (const [i, r] of [...answer.rows, answer.total].entries()) {
      expect([shown[i]![0], fen(shown[i]![2]), fen(shown[i]![3]), shown[i]![4], fen(shown[i]![5]), shown[i]![6], fen(shown[i]![7])]).toEqual([r.code, fen(r.sales), fen(r.expenses), ratio(r.expenseRatio), fen(r.pay), ratio(r.payrollRatio), fen(r.paidSales)]);
    }
    expect(shown.at(-1)![1]).toContain('（合计）');
    // The team's expenses moved by exactly what finance typed.
    const teamRow = (x: { rows: Row[] }) => x.rows.find((r) => r.unitId === team.id)!;
    expect(fen(teamRow(answer).expenses) - fen(teamRow(before).expenses)).toBe(fen('1234.56') - fen(advertising));
    expect(await englishOn(page)).toEqual([]);

    // This month has no calculated payroll yet: no payroll ratio (not 0.00 %), and the banner says why.
    const thisMonth = today.slice(0, 7);
    expect(runs.some((r) => r.month === thisMonth && r.status !== 'DRAFT')).toBe(false);
    await page.getByTestId('performance-day').fill(today);
    await page.getByTestId('pull-ratios').click();
    await page.getByTestId('performance-status').filter({ hasText: `开支比与工资比 ${formatPeriod(thisMonth, 'zh-CN')}` }).waitFor();
    const now = await readSheet(page, `开支比与工资比 ${formatPeriod(thisMonth, 'zh-CN')}`, 'A1:G60');
    expect(now[0]![0]).toContain(`${formatPeriod(thisMonth, 'zh-CN')} 尚无已核算的薪资`);
    const nowRows = now.slice(2).filter((r) => r[0] !== '');
    expect(nowRows.length).toBeGreaterThan(1);
    expect(nowRows.map((r) => r[6])).toEqual(nowRows.map(() => ''));
  }, 120_000);

  it('the finance manager keeps expenses on a screen of their own: every unit listed, a figure saved and audited', async () => {
    const page = await e2e.pane('zh-CN');
    await page.setViewportSize({ width: 320, height: 900 });
    const admin = await tokenFor(page, 'admin');
    const units = (await api(page, admin, '{ orgTree { id code } }')).data.orgTree as { id: string; code: string }[];
    // Last month (the field's default): a month the demo keeps expenses for.
    const month = await (async () => {
      await signIn(page, 'finmgr');
      // No Performance screen (its sales are not theirs to read); Expenses is.
      await page.getByTestId('sign-out').waitFor();
      await expect(page.getByTestId('tab-performance').count()).resolves.toBe(0);
      await openScreen(page, 'expenses');
      await expect(page.getByRole('heading', { level: 2, name: '费用' }).count()).resolves.toBe(1);
      return page.getByTestId('expenses-month').inputValue();
    })();
    await page.getByTestId('expenses-pull').click();
    const sheetName = `费用 ${month}`;
    await page.getByTestId('expenses-status').filter({ hasText: sheetName }).waitFor();
    const grid = await readSheet(page, sheetName, 'A3:A400');
    // Every unit of the company, not only the finance manager's own (orgTree shows them that one).
    expect(grid.map((r) => r[0]).filter((c) => c !== '' && !String(c).includes('合计')).sort()).toEqual(units.map((u) => u.code).sort());
    const unit = units.at(-1)!;
    const other = units[0]!;
    const at = grid.findIndex((r) => r[0] === unit.code) + 3;
    const otherAt = grid.findIndex((r) => r[0] === other.code) + 3;
    // Finance saves the first unit's office figure after the finance manager pulled the month.
    const finance = await tokenFor(page, 'finance');
    const SAVE = 'mutation($m: String!, $l: [UnitExpenseInput!]!) { saveUnitExpenses(month: $m, lines: $l) { unitId } }';
    expect((await api(page, finance, SAVE, { m: month, l: [{ unitId: other.id, category: 'OFFICE', amount: '4242.42' }] })).errors).toBeUndefined();
    const typeIn = (cell: string, value: number) => page.evaluate(({ sheet, cell, value }) => (window as any).__standIn.type(sheet, cell, value), { sheet: sheetName, cell, value });
    await typeIn(`F${at}`, 321.09);
    await page.getByTestId('expenses-save').click();
    await page.getByTestId('expenses-status').filter({ hasText: '已保存' }).waitFor();
    expect(await page.getByTestId('expenses-status').innerText()).toContain('1 项有变动');
    const finmgr = await tokenFor(page, 'finmgr');
    const read = async () => (await api(page, finmgr, 'query($m: String!) { unitExpenses(month: $m) { unitId category amount } }', { m: month })).data.unitExpenses as { unitId: string; category: string; amount: string }[];
    const saved = await read();
    expect(saved.find((e) => e.unitId === unit.id && e.category === 'TRAVEL')!.amount).toBe('321.09');
    // Finance's figure stands: the cell the finance manager left as pulled was not sent.
    expect(saved.find((e) => e.unitId === other.id && e.category === 'OFFICE')!.amount).toBe('4242.42');
    // The sheet was written again as saved, finance's figure in it; typing over a figure saved since the pull is refused by name.
    expect((await readSheet(page, sheetName, `G${otherAt}:G${otherAt}`))[0]![0]).toBe(4242.42);
    expect((await api(page, finance, SAVE, { m: month, l: [{ unitId: other.id, category: 'OFFICE', amount: '5000.00' }] })).errors).toBeUndefined();
    await typeIn(`G${otherAt}`, 100);
    await page.getByTestId('expenses-save').click();
    await page.getByTestId('expenses-status').filter({ hasText: '其他人保存了' }).waitFor();
    expect(await page.getByTestId('expenses-status').innerText()).toContain(`“办公”费用（¥5,000.00）`);
    expect((await read()).find((e) => e.unitId === other.id && e.category === 'OFFICE')!.amount).toBe('5000.00');
    const trail = (await api(page, admin, 'query($m: ID!) { auditTrail(entityType: "UnitExpenses", entityId: $m) { actorName after } }', { m: month })).data.auditTrail as { actorName: string; after: string }[];
    expect(trail.some((e) => e.actorName === 'finmgr' && e.after.includes('321.09'))).toBe(true);
    expect(await englishOn(page)).toEqual([]);
    // A month in a locked quarter: pulled to be read, and said at once that it cannot be saved.
    expect((await api(page, admin, 'mutation { lockPeriod(periodKey: "2024-Q2", reason: "年度审计") { periodKey } }')).errors).toBeUndefined();
    await page.getByTestId('expenses-month').fill('2024-05');
    await page.getByTestId('expenses-pull').click();
    await page.getByTestId('expenses-status').filter({ hasText: '费用 2024-05' }).waitFor();
    expect(await page.getByTestId('expenses-status').innerText()).toContain('2024年5月 的费用可以查看，但不能保存：2024年第2季度 已锁定（年度审计），须由管理员重新开放。');
    // A locked week reaching into a month stops its save as well: said on pull too.
    expect((await api(page, admin, 'mutation { lockPeriod(periodKey: "2024-W27", reason: "盘点") { periodKey } }')).errors).toBeUndefined();
    await page.getByTestId('expenses-month').fill('2024-07');
    await page.getByTestId('expenses-pull').click();
    await page.getByTestId('expenses-status').filter({ hasText: '费用 2024-07' }).waitFor();
    expect(await page.getByTestId('expenses-status').innerText()).toContain('2024年7月 的费用可以查看，但不能保存：2024年第27周 已锁定（盘点）');
  }, 120_000);
});
