/**
 * End to end, linked target levels: the area's plan is published; the
 * manager starts the team's plan from the figure the area gives it, by
 * quarters and months, breaks it down and rolls the chain up into a sheet;
 * when the area's plan is republished with another figure, the team's plan
 * shows as out of date. Real server, real pane, Chromium, the Excel stand-in.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, hasChromium, readSheet, signIn, tokenFor, useE2e, openScreen } from './browser.ts';

const PLAN = 'plan { id revision total } lines { ownerId periodKey amount }';

describe.skipIf(!hasChromium)('linked target levels in the task pane', () => {
  const e2e = useE2e('target-levels');

  async function publishArea(page: Page, manager: string, director: string, plan: { id: string; revision: number }) {
    const step = async (name: string, token: string, p: { id: string; revision: number }) => {
      const r = await api(page, token, `mutation($id: ID!, $r: Int!) { ${name}(id: $id, revision: $r) { ${PLAN} } }`, { id: p.id, r: p.revision });
      expect(r.errors).toBeUndefined();
      return r.data[name].plan;
    };
    await step('publishTargetPlan', director, await step('approveTargetPlan', director, await step('submitTargetPlan', manager, plan)));
  }

  it('a team plan starts from the area’s figure, shows quarters and months, and goes out of date when the area changes it', async () => {
    const page = await e2e.pane();
    const manager = await tokenFor(page, 'manager');
    const director = await tokenFor(page, 'director');
    const me = await api(page, manager, '{ viewer { person { id } } }');
    const tree = await api(page, manager, '{ orgTree { id name parentId managerId kind } }');
    const area = tree.data.orgTree.find((u: any) => u.managerId === me.data.viewer.person.id);
    const team = tree.data.orgTree.find((u: any) => u.parentId === area.id);

    // The area's plan for 2027, broken down equally over its teams, published.
    const created = await api(page, manager, `mutation($u: ID!) { createTargetPlan(input: { year: 2027, metric: UNITS, level: BASE, scopeUnitId: $u, total: "1200" }) { ${PLAN} } }`, { u: area.id });
    expect(created.errors).toBeUndefined();
    const broken = await api(page, manager, `mutation($id: ID!, $r: Int!) { breakDownTargetPlan(id: $id, revision: $r, time: { kind: EQUAL }, owners: { kind: EQUAL }) { ${PLAN} } }`, {
      id: created.data.createTargetPlan.plan.id,
      r: created.data.createTargetPlan.plan.revision,
    });
    expect(broken.errors).toBeUndefined();
    const areaPlan = broken.data.breakDownTargetPlan;
    const figure = areaPlan.lines.filter((l: any) => l.ownerId === team.id).reduce((n: number, l: any) => n + Number(l.amount), 0);
    await publishArea(page, manager, director, areaPlan.plan);

    // The manager starts the team's plan: the total is the area's figure unless typed.
    await signIn(page, 'manager');
    await openScreen(page, 'targets');
    await page.getByTestId('targets-year').fill('2027');
    await page.getByTestId('new-plan-unit').selectOption(team.id);
    await page.getByTestId('new-plan-metric').selectOption('UNITS');
    await page.getByTestId('new-plan-levels').selectOption('quarter,month');
    await expect.poll(() => page.getByTestId('new-plan-total').getAttribute('placeholder')).toBe(String(figure));
    await page.getByTestId('new-plan-create').click();
    await page.getByTestId('plan-status').filter({ hasText: 'Wrote the plan' }).waitFor();
    const header = (await readSheet(page, 'Targets', 'A2:S2'))[0]!;
    expect(header.slice(3, 8)).toEqual(['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4', '2027-01']);
    expect(header[2]).toBe('Total');

    // Break it down; the quarters are formulas over their months; the sheet is valid.
    await page.getByTestId('time-method').selectOption('EQUAL');
    await page.getByTestId('owner-method').selectOption('EQUAL');
    await page.getByTestId('plan-break-down').click();
    await page.getByTestId('plan-status').filter({ hasText: 'Wrote the plan' }).waitFor();
    expect(await page.evaluate(() => (window as any).__standIn.cell('Targets', 'D3')?.formula)).toBe('=SUM(H3:J3)');
    expect(await readSheet(page, 'Targets', 'H3:S3')).toEqual([Array.from({ length: 12 }, () => figure / 12)]);
    await page.getByTestId('plan-validate').click();
    await expect(page.getByTestId('plan-status').innerText()).resolves.toBe('The sheet is valid.');

    // The rollup: the team's plan against what the area gives it, and its people.
    await page.getByTestId('plan-rollup').click();
    await page.getByTestId('plan-status').filter({ hasText: 'Rollup' }).waitFor();
    const rollup = await readSheet(page, 'Rollup', 'A1:F3');
    expect(rollup[0]).toEqual(['Owner', 'Plan', 'Total', 'Given by the level above', 'Rows below add up to', 'Matches']);
    expect(rollup[1]).toEqual([team.name, 'version 1 draft', figure, figure, figure, 'yes']);
    expect(rollup[2]![0]).toMatch(/^\u3000\S/); // people, one level in

    // The area's plan is revised and republished with 12 more for this team: its plan is out of date.
    const revised = (await api(page, manager, `mutation($id: ID!, $r: Int!) { reviseTargetPlan(id: $id, revision: $r) { ${PLAN} } }`, { id: areaPlan.plan.id, r: areaPlan.plan.revision + 3 })).data.reviseTargetPlan;
    const sibling = areaPlan.lines.find((l: any) => l.ownerId !== team.id && l.ownerId !== area.id).ownerId;
    const lines = revised.lines.map((l: any) =>
      l.periodKey !== '2027-06' ? l : l.ownerId === team.id ? { ...l, amount: String(Number(l.amount) + 12) } : l.ownerId === sibling ? { ...l, amount: String(Number(l.amount) - 12) } : l,
    );
    const saved = await api(page, manager, `mutation($id: ID!, $r: Int!, $l: [TargetLineInput!]!) { saveTargetLines(id: $id, revision: $r, lines: $l) { ${PLAN} } }`, { id: revised.plan.id, r: revised.plan.revision, l: lines });
    expect(saved.errors).toBeUndefined();
    await publishArea(page, manager, director, saved.data.saveTargetLines.plan);
    await page.getByTestId('targets-year').fill('2026');
    await page.getByTestId('targets-year').fill('2027');
    const teamPlan = page.getByTestId('plan').locator('option', { hasText: team.name });
    await expect.poll(() => teamPlan.first().innerText()).toMatch(/out of date/);
    await page.getByTestId('plan').selectOption({ label: await teamPlan.first().innerText() });
    await expect(page.getByTestId('plan-out-of-date').innerText()).resolves.toContain(`now gives this unit ${figure + 12}`);
  }, 120_000);
});
