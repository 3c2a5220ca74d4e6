/**
 * End to end, the approval chain of the demo organisation in the pane
 * (domain §3: submitted by the unit's manager, approved by the manager
 * above): the director, who manages the sales centre, creates its plan,
 * breaks it down and submits it from the Targets screen; the general
 * manager, who manages the company above it, finds it waiting, approves and
 * publishes it there. Found by an outside check: nobody could.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, hasChromium, openScreen, signIn, tokenFor, useE2e } from './browser.ts';

describe.skipIf(!hasChromium)('the sales centre’s plan in the task pane', () => {
  const e2e = useE2e('target-chain');
  const signOut = (page: Page) => page.getByTestId('sign-out').click();
  const standIn = <T,>(page: Page, f: string, ...args: unknown[]) =>
    page.evaluate(({ f, args }) => (window as any).__standIn[f](...args), { f, args }) as Promise<T>;

  it('the director drafts, breaks down and submits the centre’s plan; the general manager approves and publishes it', async () => {
    const page = await e2e.pane();
    const units = (await api(page, await tokenFor(page, 'director'), '{ orgTree { id kind } }')).data.orgTree as { id: string; kind: string }[];
    const centre = units.find((u) => u.kind === 'SALES_CENTRE')!.id;
    const company = units.find((u) => u.kind === 'COMPANY')!.id;

    await signIn(page, 'director');
    await openScreen(page, 'targets');
    await page.getByTestId('targets-year').fill('2027');
    // The units offered are the centre and those below it, not the company above.
    const offered = () => page.getByTestId('new-plan-unit').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    await expect.poll(offered).toContain(centre);
    expect(await offered()).not.toContain(company);
    await page.getByTestId('new-plan-unit').selectOption(centre);
    await page.getByTestId('new-plan-metric').selectOption('UNITS');
    await page.getByTestId('new-plan-total').fill('700');
    await page.getByTestId('new-plan-create').click();
    await expect(page.getByTestId('plan-status').innerText()).resolves.toMatch(/Wrote the plan \(version 1, draft\)/);
    await page.getByTestId('time-method').selectOption('EQUAL');
    await page.getByTestId('owner-method').selectOption('EQUAL');
    await page.getByTestId('plan-break-down').click();
    // Broken down: the region below the centre has its months (before, only the centre's year figure was on the sheet),
    // and the work is over (a Validate clicked while the break-down still runs is not started: one action at a time).
    await expect.poll(async () => typeof (await standIn<unknown[][]>(page, 'read', 'Targets', 'D4'))[0]![0]).toBe('number');
    await expect.poll(() => page.getByTestId('plan-status-busy').count()).toBe(0);
    await page.getByTestId('plan-validate').click();
    await expect(page.getByTestId('plan-status').innerText()).resolves.toBe('The sheet is valid.');
    await page.getByTestId('submit-comment').fill('营销中心年度目标');
    await page.getByTestId('plan-submit').click();
    await expect(page.getByTestId('plan-status').filter({ hasText: 'Submitted' }).innerText()).resolves.toMatch(/Submitted version 1/);
    // Their own plan is not waiting for them.
    await page.getByTestId('approvals-empty').waitFor();

    await signOut(page);
    await signIn(page, 'gm');
    await openScreen(page, 'targets');
    await page.getByTestId('targets-year').fill('2027');
    const waiting = page.getByTestId('approval').first();
    await expect(waiting.getByTestId('approval-submitted').innerText()).resolves.toMatch(/^Submitted by director, /);
    await expect(waiting.getByTestId('approval-total').innerText()).resolves.toMatch(/Total: 700/);
    await waiting.getByTestId('approve').click();
    await page.getByTestId('approval-status').filter({ hasText: 'approved' }).waitFor();
    await page.getByTestId('approval').first().getByTestId('publish').click();
    await page.getByTestId('approvals-empty').waitFor();
    const plans = (await api(page, await tokenFor(page, 'gm'), '{ targetPlans(year: 2027) { scopeUnitId status } }')).data.targetPlans as { scopeUnitId: string; status: string }[];
    expect(plans.find((p) => p.scopeUnitId === centre)?.status).toBe('PUBLISHED');
  }, 180_000);
});
