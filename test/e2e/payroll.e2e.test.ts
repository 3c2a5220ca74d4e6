/**
 * End to end, payroll: finance creates, calculates and refreshes the payroll
 * sheet (the 薪酬月报表 columns, totals, sign-off block, explanations),
 * recalculates after an adjustment and sees what changed highlighted and
 * listed, and against the previous month; submits; each signer sees the
 * run's numbers, only the one whose turn it is gets Sign, and they sign in
 * turn; the sheet shows who signed when; the rep pulls their payslip.
 */
import { describe, expect, it } from 'vitest';
import { api, hasChromium, readSheet, signIn, tokenFor, useE2e, openScreen } from './browser.ts';

describe.skipIf(!hasChromium)('payroll in the task pane', () => {
  const e2e = useE2e('payroll');
  const read = readSheet;
  const login = tokenFor;

  it('refresh, explain, highlight changes, sign off in order, and the rep’s payslip', async () => {
    const page = await e2e.pane();

    const rep = (await api(page, await login(page, 'rep'), '{ viewer { person { id unitId employeeNo } } }')).data.viewer.person;
    const finance = await login(page, 'finance');
    await api(page, finance, 'mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', {
      r: [
        { externalId: 'PAY-0', employeeNo: rep.employeeNo, date: '2026-02-10', amount: '15000.00' },
        { externalId: 'PAY-1', employeeNo: rep.employeeNo, date: '2026-03-09', amount: '20000.00' },
      ],
    });
    // February's run of the same team, calculated: what March is compared with.
    const feb = (await api(page, finance, 'mutation($u: ID!) { createPayrollRun(month: "2026-02", scopeUnitId: $u) { run { id revision } } }', { u: rep.unitId })).data.createPayrollRun.run;
    await api(page, finance, 'mutation($id: ID!, $r: Int!) { calculatePayrollRun(id: $id, revision: $r) { run { status } } }', { id: feb.id, r: feb.revision });

    await signIn(page, 'finance');
    // A slow answer for every month's runs, and a month chosen before it comes (a slow network, a quick
    // user): the months with runs are still listed, asked for again with the chosen month's.
    let slowed = 0;
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (body.includes('query PayrollRuns') && body.includes('"month":null') && slowed++ === 0) await new Promise((r) => setTimeout(r, 2000));
      await route.continue();
    });
    await openScreen(page, 'payroll');
    await page.getByTestId('payroll-month').fill('2026-03');
    await page.getByTestId('no-runs').waitFor();
    // The months that have runs are a click away.
    await page.getByTestId('payroll-other-month').first().waitFor();
    expect(slowed).toBeGreaterThan(0);
    await page.unroute('**/graphql');
    await expect(page.getByTestId('payroll-other-month').allInnerTexts()).resolves.toEqual(['2026-02 (calculated)']);
    await page.getByTestId('payroll-unit').selectOption(rep.unitId);
    await page.getByTestId('payroll-create').click();
    await page.getByTestId('payroll-calculate').click();
    await page.getByTestId('payroll-status').filter({ hasText: 'calculated' }).waitFor();
    // The run's numbers, with the change against February.
    await page.getByTestId('review-commission').waitFor();
    await expect(page.getByTestId('review-commission').innerText()).resolves.toMatch(/¥3,076\.92\s+\+¥1,346\.15/);
    await page.getByTestId('payroll-refresh').click();
    await expect(page.getByTestId('payroll-status').innerText()).resolves.toMatch(/^Wrote \d+ payslips to “Payroll 2026-03”\. Explain writes how each amount was worked out\. This is the run’s first sheet in this workbook: nothing to compare with yet\.$/);
    // Another month: what the refresh said was about March, and goes with it.
    await page.getByTestId('payroll-month').fill('2026-02');
    await page.getByTestId('payroll-status').waitFor({ state: 'detached' });
    await page.getByTestId('payroll-month').fill('2026-03');
    await page.getByTestId('review-commission').waitFor();
    // Text left in the month field that is no month: the field says why; nothing is asked of the server, the run shown stays.
    await page.getByTestId('payroll-month').fill('2026-032026-03');
    await page.getByTestId('payroll-month').press('Tab');
    await page.getByText('Type a month as').first().waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByTestId('payroll-status').count()).toBe(0);
    await page.getByTestId('review-commission').waitFor();
    await page.getByTestId('payroll-month').fill('2026-03');
    const banner = (await read(page, 'Payroll 2026-03', 'A1'))[0]![0];
    expect(banner).toMatch(/2026-03 · version 1 · calculated$/);
    const header = (await read(page, 'Payroll 2026-03', 'A2:P2'))[0]!;
    // The built-in plan's components by their English names (the plan stores 基本工资, 提成 …): no Chinese among the headers.
    expect(header.slice(0, 8)).toEqual(['Employee no.', 'Name', 'Unit', 'Rank', 'Plan', 'Attendance days', 'Sales', 'Base salary']);
    expect(header.filter((h) => /[\u4e00-\u9fff]/.test(String(h)))).toEqual([]);
    await expect(page.getByTestId('review-commission').innerText()).resolves.toMatch(/^Commission\s/);
    const sheet = await read(page, 'Payroll 2026-03', 'A1:P40');
    const repRow = sheet.find((r) => r[0] === rep.employeeNo)!;
    expect(repRow[6]).toBe(20000);
    expect(String(repRow[4])).not.toMatch(/^[A-Z_]+$/); // the plan's name, not its code
    const people = sheet.filter((r, i) => i >= 2 && /^QB/.test(String(r[0])));
    const totalAt = sheet.findIndex((r) => String(r[0]).startsWith('Total ('));
    expect(totalAt).toBe(2 + people.length);
    const netCol = header.indexOf('Net pay');
    const fen = (v: unknown) => BigInt(Math.round(Number(v) * 100));
    expect(fen(sheet[totalAt]![netCol])).toBe(people.reduce((a, r) => a + fen(r[netCol]), 0n));
    expect(sheet[totalAt + 2]![0]).toBe('Sign-off');
    expect(sheet.slice(totalAt + 4, totalAt + 8).map((r) => [r[0], r[1]])).toEqual([
      ['Prepared by finance', 'waiting'],
      ['Finance manager', 'waiting'],
      ['Sales director', 'waiting'],
      ['General manager', 'waiting'],
    ]);
    // Explanations on demand: a refresh does not write them; Explain does.
    expect(await page.evaluate(() => (window as any).__standIn.sheets.map((s: { name: string }) => s.name))).not.toContain('Explain 2026-03');
    await page.getByTestId('payroll-explain').click();
    await expect(page.getByTestId('payroll-status').innerText()).resolves.toMatch(/^Wrote how each of \d+ payslips was worked out to “Explain 2026-03”\.$/);
    const explain = await read(page, 'Explain 2026-03', 'A1:G60');
    const commission = explain.find((r) => r[0] === rep.employeeNo && String(r[2]) === 'Commission')!;
    expect(commission[5]).toMatch(/20,000\.00 × 0\.9 ÷ 1\.17 = 15,384\.6153…; sales 20,000\.00 ≥ 20,000\.00 → 20 % .* → 3,076\.92/);

    // An adjustment, recalculated and refreshed: the changed cells are highlighted.
    await api(page, finance, 'mutation($p: ID!) { addPayAdjustment(personId: $p, month: "2026-03", amount: "300.00", reason: "前三名奖励", approvedBy: "director") }', { p: rep.id });
    // A double click starts the calculation once: one request, and the button is disabled while it runs.
    // The server calculates off the request path; the pane follows the job, its bar counting people
    // (the first answer is held at a known point to see it).
    let calculations = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && (r.postData() ?? '').includes('startPayrollCalculation')) calculations += 1;
    });
    let held = false;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (!body.includes('query Job(')) return route.fallback();
      if (held) {
        // Later answers wait until the held point has been seen.
        await released;
        return route.fallback();
      }
      held = true;
      const id = JSON.parse(body).variables.id;
      await route.fulfill({ json: { data: { job: { id, status: 'RUNNING', done: 40, total: 80, error: null } } } });
    });
    await page.getByTestId('payroll-calculate').dblclick();
    await page.getByTestId('payroll-progress').waitFor();
    await page.getByText('Calculating the payslips: 40 of 80 people…').waitFor();
    expect(await page.getByTestId('payroll-calculate').isDisabled()).toBe(true);
    release();
    await page.getByTestId('payroll-status').filter({ hasText: 'calculated' }).waitFor();
    await expect(page.getByTestId('payroll-status').innerText()).resolves.toMatch(/^Calculated \d+ payslips: the run is now calculated\./);
    await page.unroute('**/graphql');
    expect(calculations).toBe(1);
    await page.getByTestId('payroll-refresh').click();
    await expect(page.getByTestId('payroll-status').innerText()).resolves.toMatch(/; [34] cells changed since the last refresh/);
    // What changed, listed: the rep's reward, gross and net (and their mentor's override, if any).
    const changes = await read(page, 'Changes 2026-03', 'A1:F12');
    expect(changes[0]![0]).toMatch(/changes since the last refresh$/);
    expect(changes[1]).toEqual(['Employee no.', 'Name', 'Component', 'Before', 'Now', 'Difference']);
    expect(changes.find((r) => r[0] === rep.employeeNo && r[2] === 'Rewards & penalties')).toEqual([rep.employeeNo, expect.any(String), 'Rewards & penalties', '', 300, 300]);
    // And against the previous month.
    await page.getByTestId('payroll-against').selectOption('PREVIOUS_MONTH');
    await page.getByTestId('payroll-refresh').click();
    await page.getByTestId('payroll-status').filter({ hasText: 'against the previous month (2026-02 version 1)' }).waitFor();
    const vsFeb = await read(page, 'Changes 2026-03', 'A1:F40');
    expect(vsFeb.find((r) => r[0] === rep.employeeNo && r[2] === 'Commission')).toEqual([rep.employeeNo, expect.any(String), 'Commission', 1730.77, 3076.92, 1346.15]);
    await page.getByTestId('payroll-submit').click();
    await page.getByTestId('payroll-status').filter({ hasText: 'submitted' }).waitFor();

    // The director sees the numbers, but it is not their turn: no Sign or Return.
    await page.getByTestId('sign-out').click();
    await signIn(page, 'director');
    await openScreen(page, 'payroll');
    await page.getByTestId('payroll-month').fill('2026-03');
    await page.getByTestId('payroll-waiting').filter({ hasText: 'Finance manager' }).waitFor();
    expect(await page.getByTestId('payroll-approve').count()).toBe(0);
    expect(await page.getByTestId('payroll-return').count()).toBe(0);

    const signers = ['finmgr', 'director', 'gm'];
    for (const [i, signer] of signers.entries()) {
      await page.getByTestId('sign-out').click();
      await signIn(page, signer);
      await openScreen(page, 'payroll');
      // The pane opens on the run that waits for this signer, whatever month it is now.
      await page.getByTestId('payroll-review').waitFor();
      await expect(page.getByTestId('payroll-month').inputValue()).resolves.toBe('2026-03');
      if (i === 0) {
        // Looking at another month, the run that waits is named, one click away.
        await page.getByTestId('payroll-month').fill('2026-02');
        await page.getByTestId('payroll-awaiting').filter({ hasText: 'Waiting for your signature:' }).waitFor();
        await expect(page.getByTestId('payroll-awaiting-run').allInnerTexts()).resolves.toEqual([expect.stringMatching(/ · 2026-03 · version 1 \(submitted\)$/)]);
        await page.getByTestId('payroll-awaiting-run').click();
        await page.getByTestId('payroll-awaiting').waitFor({ state: 'detached' });
        await expect(page.getByTestId('payroll-month').inputValue()).resolves.toBe('2026-03');
        await page.getByTestId('payroll-review').waitFor();
      }
      // The numbers first: headcount, total net pay, each component, against February.
      await page.getByTestId('payroll-review').waitFor();
      await expect(page.getByTestId('payroll-headcount').innerText()).resolves.toMatch(/People: \d+/);
      await expect(page.getByTestId('review-net').innerText()).resolves.toMatch(/Total net pay\s+¥[\d,]+\.\d\d\s+[+-]¥/);
      await expect(page.getByTestId('payroll-waiting').innerText()).resolves.toMatch(['Finance manager', 'Sales director', 'General manager'][i]!);
      await page.getByTestId('payroll-approve').click();
      await page.getByTestId('payroll-status').filter({ hasText: 'Done' }).waitFor();
      // Signed: no more Sign button for them.
      await page.getByTestId('payroll-signed').filter({ hasText: signer }).waitFor();
      expect(await page.getByTestId('payroll-approve').count()).toBe(0);
    }
    await expect(page.getByTestId('payroll-status').innerText()).resolves.toMatch(/locked/);
    // The general manager opens the sheet: the sign-off block lists who signed when.
    await page.getByTestId('payroll-refresh').click();
    await page.getByTestId('payroll-status').filter({ hasText: 'Wrote' }).waitFor();
    const signed = await read(page, 'Payroll 2026-03', 'A1:D60');
    const block = signed.findIndex((r) => r[0] === 'Sign-off');
    expect(signed.slice(block + 2, block + 6).map((r) => r[1])).toEqual(['finance', 'finmgr', 'director', 'gm']);
    expect(signed.slice(block + 2, block + 6).every((r) => /^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(String(r[2])))).toBe(true);

    await page.getByTestId('sign-out').click();
    await signIn(page, 'rep');
    await openScreen(page, 'my-payslip');
    await page.getByTestId('my-payslip-month').fill('2026-03');
    await page.getByTestId('pull-my-payslip').click();
    await expect(page.getByTestId('my-payslip-status').innerText()).resolves.toMatch(/My payslip 2026-03/);
    const slip = await read(page, 'My payslip 2026-03', 'A1:E12');
    expect(slip[0]).toEqual(['Component', 'Amount', 'Rule', 'Arithmetic', 'Inputs']);
    // Each line's inputs, as finance's Explain sheet gives them (brief §7: the rep checks the line by hand).
    expect(slip.find((r) => String(r[0]) === 'Commission')![4]).toBe(commission[6]);
    expect(commission[6]).toMatch(/^sales: 20,000\.00/);
    expect(slip.find((r) => String(r[0]) === 'Commission')![1]).toBe(3076.92);
    // The reward by the component's English name, and the reason finance typed as typed.
    expect(slip.some((r) => String(r[0]) === 'Rewards & penalties: 前三名奖励' && r[1] === 300)).toBe(true);
  }, 180_000);

  it('shows the Payroll sheet and the review in Chinese to a Chinese user', async () => {
    const page = await e2e.pane('zh-CN');
    await signIn(page, 'finance');
    await openScreen(page, 'payroll');
    await page.getByTestId('payroll-month').fill('2026-03');
    await page.getByTestId('payroll-review').waitFor();
    await expect(page.getByTestId('payroll-headcount').innerText()).resolves.toMatch(/^人数：\d+（较 2026年2月：[+-]\d+）$/);
    // At 320 px the run picker cuts its label; the run's status is said again below it, whole.
    await page.setViewportSize({ width: 320, height: 900 });
    await expect(page.getByTestId('payroll-run-status').innerText()).resolves.toMatch(/^状态：(草稿|已计算|已提交|财务经理已签|营销总监已签|已锁定|已发放)$/);
    expect(await page.getByTestId('payroll-run-status').evaluate((e) => e.scrollWidth <= e.clientWidth && e.getBoundingClientRect().right <= 320)).toBe(true);
    await expect(page.getByTestId('review-net').innerText()).resolves.toMatch(/实发合计\s+¥[\d,]+\.\d\d/);
    await page.getByTestId('payroll-refresh').click();
    await page.getByTestId('payroll-status').filter({ hasText: '已将' }).waitFor();
    const sheet = await read(page, '工资表 2026-03', 'A1:H60');
    expect(sheet[1]!.slice(0, 8)).toEqual(['工号', '姓名', '所属单位', '职级', '方案', '出勤天数', '销售额', '基本工资']);
    const total = sheet.findIndex((r) => /^合计（\d+ 人）$/.test(String(r[0])));
    expect(total).toBeGreaterThan(2);
    expect(sheet[total + 2]![0]).toBe('审核签字');
    expect(sheet.slice(total + 4, total + 8).map((r) => r[0])).toEqual(['财务制表', '财务经理', '营销总监', '总经理']);
  }, 120_000);

  it('asks before submitting a month that is not over yet; cancelling submits nothing', async () => {
    const page = await e2e.pane('zh-CN');
    const finance = await tokenFor(page, 'finance');
    const rep = (await api(page, await tokenFor(page, 'rep'), '{ viewer { person { unitId } } }')).data.viewer.person;
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
    await signIn(page, 'finance');
    await openScreen(page, 'payroll');
    await page.getByTestId('payroll-month').fill(month);
    await page.getByTestId('payroll-unit').selectOption(rep.unitId);
    await page.getByTestId('payroll-create').click();
    // Not calculated yet: no zeros against last month, a word on what Calculate does.
    await page.getByTestId('payroll-not-calculated').filter({ hasText: '尚未计算' }).waitFor();
    expect(await page.getByTestId('payroll-headcount').count()).toBe(0);
    // Refresh and Explain before Calculate say what comes first, and write no empty sheet.
    const sheetCount = () => page.evaluate(() => (window as any).__standIn.sheets.length as number);
    const sheetsBefore = await sheetCount();
    for (const button of ['payroll-refresh', 'payroll-explain']) {
      await page.getByTestId(button).click();
      await expect(page.getByTestId('payroll-status').innerText()).resolves.toBe('该批次还没有工资条：请先点击“计算”。');
      expect(await sheetCount()).toBe(sheetsBefore);
    }
    await page.getByTestId('payroll-calculate').click();
    await page.getByTestId('payroll-status').filter({ hasText: '已计算' }).waitFor();
    await page.getByTestId('payroll-headcount').waitFor();
    const status = async () => (await api(page, finance, 'query($m: String) { payrollRuns(month: $m) { status } }', { m: month })).data.payrollRuns.map((r: { status: string }) => r.status);
    await page.getByTestId('payroll-submit').click();
    await page.getByTestId('payroll-not-over').filter({ hasText: '尚未结束' }).waitFor();
    await page.getByTestId('payroll-not-over-cancel').click();
    await page.getByTestId('payroll-not-over').waitFor({ state: 'detached' });
    expect(await status()).toEqual(['CALCULATED']);
    await page.getByTestId('payroll-submit').click();
    await page.getByTestId('payroll-not-over-go').click();
    await page.getByTestId('payroll-status').filter({ hasText: '已提交' }).waitFor();
    expect(await status()).toEqual(['SUBMITTED']);

    // The finance manager sends it back, saying why; finance reads why at the run, until it is submitted again.
    await page.getByTestId('sign-out').click();
    await signIn(page, 'finmgr');
    await openScreen(page, 'payroll');
    await page.getByTestId('payroll-month').fill(month);
    await page.getByTestId('payroll-comment').fill('提成需复核');
    await page.getByTestId('payroll-return').click();
    await page.getByTestId('payroll-status').filter({ hasText: '已计算' }).waitFor();
    await page.getByTestId('sign-out').click();
    await signIn(page, 'finance');
    await openScreen(page, 'payroll');
    await page.getByTestId('payroll-month').fill(month);
    await expect(page.getByTestId('payroll-returned').innerText()).resolves.toMatch(/已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 退回：“提成需复核”。请修改后重新提交。$/);
    await page.getByTestId('payroll-submit').click();
    await page.getByTestId('payroll-not-over-go').click();
    await page.getByTestId('payroll-status').filter({ hasText: '已提交' }).waitFor();
    await page.getByTestId('payroll-returned').waitFor({ state: 'detached' });
  }, 120_000);
  it('discards a run nobody has signed, saying why; the month is free for another run', async () => {
    const page = await e2e.pane('zh-CN');
    const finance = await tokenFor(page, 'finance');
    const rep = (await api(page, await tokenFor(page, 'rep'), '{ viewer { person { unitId } } }')).data.viewer.person;
    await signIn(page, 'finance');
    await openScreen(page, 'payroll');
    await page.getByTestId('payroll-month').fill('2025-11');
    await page.getByTestId('payroll-unit').selectOption(rep.unitId);
    await page.getByTestId('payroll-create').click();
    await page.getByTestId('payroll-not-calculated').waitFor();
    const runs = async () => (await api(page, finance, '{ payrollRuns(month: "2025-11") { id status } }')).data.payrollRuns;
    expect(await runs()).toHaveLength(1);
    await page.getByTestId('payroll-discard').click();
    // Cancelling keeps it; going on without a reason is refused at once.
    await page.getByTestId('payroll-discard-cancel').click();
    await page.getByTestId('payroll-discard').click();
    await page.getByTestId('payroll-discard-go').click();
    await page.getByTestId('payroll-status').filter({ hasText: '请说明作废原因。' }).waitFor();
    expect(await runs()).toHaveLength(1);
    await page.getByTestId('payroll-discard-reason').fill('单位选错');
    await page.getByTestId('payroll-discard-go').click();
    await page.getByTestId('payroll-status').filter({ hasText: '的工资批次（第 1 版）及其工资条。' }).waitFor();
    expect(await runs()).toEqual([]);
    await expect(page.getByTestId('payroll-discard').count()).resolves.toBe(0);
  }, 120_000);
});
