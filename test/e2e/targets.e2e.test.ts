/**
 * End to end, targets: a manager creates a team plan, breaks it down by last
 * year's share, breaks a sum in the sheet, sees the issue, fixes it and
 * submits; the director approves and publishes; the rep pulls their monthly
 * targets. Real server, real pane, Chromium, the Excel stand-in.
 */
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, hasChromium, signIn, tokenFor, useE2e, openScreen } from './browser.ts';

describe.skipIf(!hasChromium)('targets in the task pane', () => {
  const e2e = useE2e('targets');
  const login = tokenFor;
  const signOut = (page: Page) => page.getByTestId('sign-out').click();
  const standIn = <T,>(page: Page, f: string, ...args: unknown[]) =>
    page.evaluate(({ f, args }) => (window as any).__standIn[f](...args), { f, args }) as Promise<T>;

  it('plan, break down, fix, submit; approve and publish; the rep sees their targets', async () => {
    const page = await e2e.pane();

    // Last year's sales for the rep's team, imported by finance.
    const rep = await api(page, await login(page, 'rep'), '{ viewer { person { id unitId } } }');
    const { id: repId, unitId: teamId } = rep.data.viewer.person;
    const finance = await login(page, 'finance');
    const roster = await api(page, finance, 'query($u: ID) { roster(asOf: "2025-12-31", unitId: $u, first: 100) { edges { node { employeeNo hireDate } } } }', { u: teamId });
    const records = roster.data.roster.edges.flatMap(({ node }: any, i: number) =>
      Array.from({ length: 12 }, (_, m) => ({ externalId: `E2E-${node.employeeNo}-${m}`, employeeNo: node.employeeNo, date: `2025-${String(m + 1).padStart(2, '0')}-20`, amount: `${(i + 1) * 1000 + m * 100}.00` })).filter(
        (r) => r.date >= node.hireDate,
      ),
    );
    expect((await api(page, finance, 'mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', { r: records })).data.importSalesActuals.created).toBe(records.length);

    // The manager plans the team's year and breaks it down by last year's share.
    await signIn(page, 'manager');
    await openScreen(page, 'targets');
    await page.getByTestId('targets-year').fill('2026');
    await page.getByTestId('new-plan-unit').selectOption(teamId);
    await page.getByTestId('new-plan-total').fill('240000');
    await page.getByTestId('new-plan-create').click();
    await expect(page.getByTestId('plan-status').innerText()).resolves.toMatch(/Wrote the plan \(version 1, draft\)/);
    await page.getByTestId('plan-preview-button').click();
    await expect(page.getByTestId('plan-preview').innerText()).resolves.toMatch(/Year target: 240000\.00\s+2026-01: [\d.]+ · 2026-02/);
    expect(await standIn(page, 'read', 'Targets', 'C2')).toEqual([['']]); // a preview changes nothing
    await page.getByTestId('plan-break-down').click();
    await page.getByTestId('plan-status').filter({ hasText: 'Wrote the plan' }).waitFor();
    const header = (await standIn<unknown[][]>(page, 'read', 'Targets', 'A1:O1'))[0]!;
    expect(header.slice(2, 14)).toEqual(Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}`));
    const ids = (await standIn<unknown[][]>(page, 'read', 'Targets', 'B1:B40')).map((r) => r[0]);
    const repRow = ids.indexOf(repId) + 1;
    expect(repRow).toBeGreaterThan(2);
    const march = (await standIn<number[][]>(page, 'read', 'Targets', `E${repRow}`))[0]![0]!;
    expect(march).toBeGreaterThan(0);

    // A sum broken in March is found and located; fixing it makes the sheet valid.
    await standIn(page, 'type', 'Targets', `E${repRow}`, march + 1);
    await page.getByTestId('plan-validate').click();
    const issue = page.getByTestId('plan-issue').first();
    await expect(issue.innerText()).resolves.toMatch(/^Targets!E1: 2026-03: .*over by 1\.00/);
    await issue.click();
    await expect.poll(() => page.evaluate(() => (window as any).__standIn.selection)).toBe('Targets!E1');
    await standIn(page, 'type', 'Targets', `E${repRow}`, march);
    await page.getByTestId('plan-validate').click();
    await expect(page.getByTestId('plan-status').innerText()).resolves.toBe('The sheet is valid.');
    await page.getByTestId('plan-submit').click();
    await expect(page.getByTestId('plan-status').filter({ hasText: 'Submitted' }).innerText()).resolves.toMatch(/Submitted version 1/);

    // The director approves, then publishes.
    await signOut(page);
    await signIn(page, 'director');
    await openScreen(page, 'targets');
    await page.getByTestId('targets-year').fill('2026');
    await page.getByTestId('approval-comment').fill('同意');
    await page.getByTestId('approve').click();
    await page.getByTestId('publish').click();
    await page.getByTestId('approvals-empty').waitFor();

    // The rep pulls their published monthly targets.
    await signOut(page);
    await signIn(page, 'rep');
    await openScreen(page, 'my-targets');
    await page.getByTestId('my-targets-year').fill('2026');
    await page.getByTestId('pull-my-targets').click();
    await expect(page.getByTestId('my-targets-status').innerText()).resolves.toMatch(/Wrote 12 targets to sheet “My targets”/);
    const mine = await standIn<unknown[][]>(page, 'read', 'My targets', 'A1:D13');
    expect(mine[0]).toEqual(['Metric', 'Level', 'Period', 'Target']);
    expect(mine.slice(1).map((r) => r[2])).toEqual(Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}`));
    expect(mine[3]![3]).toBe(march);
    await page.screenshot({ path: path.join(os.tmpdir(), 'quotabook-targets-pane.png') });
  }, 180_000);

  it('a plan changed on the server since the pull: CONFLICT, nothing typed is lost, the server version goes to a comparison sheet', async () => {
    const page = await e2e.pane();
    const manager = await login(page, 'manager');
    const area = (await api(page, manager, '{ orgTree { id kind } }')).data.orgTree.find((u: any) => u.kind === 'AREA');
    const created = await api(page, manager, `mutation($u: ID!) { createTargetPlan(input: { year: 2027, metric: NEW_CUSTOMERS, level: BASE, scopeUnitId: $u, total: "120" }) { plan { id revision } } }`, { u: area.id });
    const planId = created.data.createTargetPlan.plan.id;
    await api(page, manager, 'mutation($id: ID!) { breakDownTargetPlan(id: $id, revision: 1, time: { kind: EQUAL }, owners: { kind: EQUAL }) { plan { id } } }', { id: planId });

    await signIn(page, 'manager');
    await openScreen(page, 'targets');
    await page.getByTestId('targets-year').fill('2027');
    await page.getByTestId('plan').selectOption(planId);
    await page.getByTestId('plan-pull').click();
    await page.getByTestId('plan-status').filter({ hasText: 'Wrote the plan' }).waitFor();

    // Meanwhile someone else changes the plan on the server.
    const view = (await api(page, manager, `query($id: ID!) { targetPlan(id: $id) { plan { revision } lines { ownerId periodKey amount } } }`, { id: planId })).data.targetPlan;
    const saved = await api(page, manager, 'mutation($id: ID!, $r: Int!, $l: [TargetLineInput!]!) { saveTargetLines(id: $id, revision: $r, lines: $l) { plan { revision } } }', {
      id: planId,
      r: view.plan.revision,
      l: view.lines,
    });
    expect(saved.errors).toBeUndefined();

    // The user's edit: two units swap 1 customer in January (sums still hold).
    const c3 = (await standIn<number[][]>(page, 'read', 'Targets', 'C3'))[0]![0]!;
    const c4 = (await standIn<number[][]>(page, 'read', 'Targets', 'C4'))[0]![0]!;
    await standIn(page, 'type', 'Targets', 'C3', c3 + 1);
    await standIn(page, 'type', 'Targets', 'C4', c4 - 1);
    await page.getByTestId('plan-submit').click();
    await expect(page.getByTestId('plan-conflict').innerText()).resolves.toMatch(/changed this plan on the server/);
    expect(await standIn(page, 'read', 'Targets', 'C3:C4')).toEqual([[c3 + 1], [c4 - 1]]);
    await page.getByTestId('plan-conflict').getByText('Pull the server’s version into a comparison sheet').click();
    await page.getByTestId('plan-status').filter({ hasText: 'Targets (server)' }).waitFor();
    expect(await standIn(page, 'read', 'Targets (server)', 'C3:C4')).toEqual([[c3], [c4]]);
    expect(await standIn(page, 'read', 'Targets', 'C3:C4')).toEqual([[c3 + 1], [c4 - 1]]);
    const status = (await api(page, manager, `query($id: ID!) { targetPlan(id: $id) { plan { status } } }`, { id: planId })).data.targetPlan.plan.status;
    expect(status).toBe('DRAFT');
  }, 120_000);
});
