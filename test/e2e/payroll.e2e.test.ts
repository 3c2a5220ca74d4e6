/**
 * End to end, payroll: finance creates, calculates and refreshes the payroll
 * sheet (with its explanations), recalculates after an adjustment and sees
 * what changed highlighted, submits; the three signers approve in order; the
 * rep pulls their payslip.
 */
import { describe, expect, it } from 'vitest';
import { api, hasChromium, readSheet, signIn, tokenFor, useE2e } from './browser.ts';

describe.skipIf(!hasChromium)('payroll in the task pane', () => {
  const e2e = useE2e('payroll');
  const read = readSheet;
  const login = tokenFor;

  it('refresh, explain, highlight changes, sign off in order, and the rep’s payslip', async () => {
    const page = await e2e.pane();

    const rep = (await api(page, await login(page, 'rep'), '{ viewer { person { id unitId employeeNo } } }')).data.viewer.person;
    const finance = await login(page, 'finance');
    await api(page, finance, 'mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', {
      r: [{ externalId: 'PAY-1', employeeNo: rep.employeeNo, date: '2026-03-09', amount: '20000.00' }],
    });

    await signIn(page, 'finance');
    await page.getByTestId('tab-payroll').click();
    await page.getByTestId('payroll-month').fill('2026-03');
    await page.getByTestId('no-runs').waitFor();
    await page.getByTestId('payroll-unit').selectOption(rep.unitId);
    await page.getByTestId('payroll-create').click();
    await page.getByTestId('payroll-calculate').click();
    await page.getByTestId('payroll-status').filter({ hasText: 'calculated' }).waitFor();
    await page.getByTestId('payroll-refresh').click();
    await expect(page.getByTestId('payroll-status').innerText()).resolves.toMatch(/Wrote \d+ payslips to “Payroll 2026-03”; 0 cell\(s\) changed/);
    const banner = (await read(page, 'Payroll 2026-03', 'A1'))[0]![0];
    expect(banner).toMatch(/2026-03 · v1 · calculated$/);
    const header = (await read(page, 'Payroll 2026-03', 'A2:P2'))[0]!;
    expect(header.slice(0, 4)).toEqual(['Employee no.', 'Name', 'Plan', '基本工资']);
    const explain = await read(page, 'Explain 2026-03', 'A1:F60');
    const commission = explain.find((r) => r[0] === rep.employeeNo && String(r[2]) === '提成')!;
    expect(commission[5]).toMatch(/20000\.00 × 0\.9 ÷ 1\.17 = 15384\.6153…; sales 20000\.00 ≥ 20000 → 20 % .* → 3076\.92/);

    // An adjustment, recalculated and refreshed: the changed cells are highlighted.
    await api(page, finance, 'mutation($p: ID!) { addPayAdjustment(personId: $p, month: "2026-03", amount: "300.00", reason: "前三名奖励", approvedBy: "director") }', { p: rep.id });
    await page.getByTestId('payroll-calculate').click();
    await page.getByTestId('payroll-status').filter({ hasText: 'calculated' }).waitFor();
    await page.getByTestId('payroll-refresh').click();
    await expect(page.getByTestId('payroll-status').innerText()).resolves.toMatch(/; [34] cell\(s\) changed since the last refresh/);
    await page.getByTestId('payroll-submit').click();
    await page.getByTestId('payroll-status').filter({ hasText: 'submitted' }).waitFor();

    for (const signer of ['finmgr', 'director', 'gm']) {
      await page.getByTestId('sign-out').click();
      await signIn(page, signer);
      await page.getByTestId('tab-payroll').click();
      await page.getByTestId('payroll-month').fill('2026-03');
      await page.getByTestId('payroll-approve').click();
      await page.getByTestId('payroll-status').filter({ hasText: 'Done' }).waitFor();
    }
    await expect(page.getByTestId('payroll-status').innerText()).resolves.toMatch(/locked/);

    await page.getByTestId('sign-out').click();
    await signIn(page, 'rep');
    await page.getByTestId('tab-my-payslip').click();
    await page.getByTestId('my-payslip-month').fill('2026-03');
    await page.getByTestId('pull-my-payslip').click();
    await expect(page.getByTestId('my-payslip-status').innerText()).resolves.toMatch(/My payslip 2026-03/);
    const slip = await read(page, 'My payslip 2026-03', 'A1:D12');
    expect(slip[0]).toEqual(['Component', 'Amount', 'Rule', 'Arithmetic']);
    expect(slip.find((r) => String(r[0]) === '提成')![1]).toBe(3076.92);
    expect(slip.some((r) => String(r[0]).includes('前三名奖励') && r[1] === 300)).toBe(true);
  }, 180_000);
});
