/**
 * End to end, targets: a manager creates a team plan, breaks it down by last
 * year's share, breaks a sum in the sheet, sees the issue at its difference
 * cell, saves a draft, comes back in a fresh workbook, is asked before typed
 * cells are replaced, fixes the sum and submits with a comment; their own
 * plan is not waiting for them; the director sees the numbers, opens the plan
 * as a sheet, approves and publishes; the rep pulls their monthly targets. Real server, real pane, Chromium, the Excel stand-in.
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

  it('plan, break down, save a draft, come back, keep or replace typed cells, submit with a comment; the director decides with the numbers; the rep sees their targets', async () => {
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
    // A year that is none, and a target that is no amount, are said at their fields; nothing is created.
    await page.getByTestId('targets-year').fill('');
    await page.getByText('Type a year such as 2027.').waitFor();
    expect(await page.getByTestId('no-target-plans').count()).toBe(0);
    await page.getByTestId('targets-year').fill('2026');
    await page.getByTestId('new-plan-unit').selectOption(teamId);
    await page.getByTestId('new-plan-total').fill('abc');
    await page.getByText('“abc” is text, not a number').waitFor();
    await expect(page.getByTestId('new-plan-create').isDisabled()).resolves.toBe(true);
    await page.getByTestId('new-plan-total').fill('-5');
    await page.getByText('“-5” is negative').waitFor();
    await page.getByTestId('new-plan-total').fill('240000');
    await page.getByTestId('new-plan-create').click();
    await expect(page.getByTestId('plan-status').innerText()).resolves.toMatch(/Wrote the plan \(version 1, draft\)/);
    await page.getByTestId('plan-preview-button').click();
    await expect(page.getByTestId('plan-preview').innerText()).resolves.toMatch(/Year target: ¥240,000\.00\s+Jan 2026: ¥[\d,.]+ · Feb 2026/);
    // 2025, the year its shares come from, is over: no warning that last year is incomplete.
    expect(await page.getByTestId('history-incomplete').count()).toBe(0);
    // The banner says what the plan is and its year target as soon as it exists; a preview writes nothing.
    expect((await standIn<string[][]>(page, 'read', 'Targets', 'A1'))[0]![0]).toMatch(/ · Sales amount · Base · 2026 · version 1 · draft · Year target 240,000\.00$/);
    expect(await standIn(page, 'read', 'Targets', 'D3')).toEqual([['']]);
    await page.getByTestId('plan-break-down').click();
    await page.getByTestId('plan-status').filter({ hasText: 'Wrote the plan' }).waitFor();
    const header = (await standIn<unknown[][]>(page, 'read', 'Targets', 'A2:O2'))[0]!;
    expect(header.slice(3, 15)).toEqual(Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}`));
    const ids = (await standIn<unknown[][]>(page, 'read', 'Targets', 'B1:B40')).map((r) => r[0]);
    const repRow = ids.indexOf(repId) + 1;
    const diffRow = ids.indexOf('__diff') + 1;
    expect(repRow).toBeGreaterThan(3);
    const cell = async (a: string) => (await standIn<number[][]>(page, 'read', 'Targets', a))[0]![0]!;
    const march = await cell(`F${repRow}`);
    const april = await cell(`G${repRow}`);
    expect(march).toBeGreaterThan(0);

    // A sum broken in March is found and located at its difference cell.
    await standIn(page, 'type', 'Targets', `F${repRow}`, march + 1);
    await page.getByTestId('plan-validate').click();
    const issue = page.getByTestId('plan-issue').first();
    await expect(issue.innerText()).resolves.toMatch(new RegExp(`^Targets!F${diffRow}: Mar 2026: .*over by ¥1\\.00`));
    await issue.click();
    await expect.poll(() => page.evaluate(() => (window as any).__standIn.selection)).toBe(`Targets!F${diffRow}`);

    // Unfinished, it is saved as a draft; the manager closes Excel and comes back later.
    await page.getByTestId('plan-save-draft').click();
    await expect(page.getByTestId('plan-status').filter({ hasText: 'Saved the draft' }).innerText()).resolves.toMatch(/it stays a draft/);
    await page.reload();
    await page.getByTestId('roster-pane').waitFor(); // still signed in
    await openScreen(page, 'targets');
    await page.getByTestId('targets-year').fill('2026');
    await page.getByTestId('plan').selectOption({ index: 1 });
    await page.getByTestId('plan-pull').click();
    await page.getByTestId('plan-status').filter({ hasText: 'Wrote the plan' }).waitFor();
    expect(await cell(`F${repRow}`)).toBe(march + 1);

    // A cell typed since the pull is not replaced without asking: keep it, then replace it.
    await standIn(page, 'type', 'Targets', `G${repRow}`, april + 5);
    await page.getByTestId('plan-pull').click();
    await expect(page.getByTestId('typed-confirm').innerText()).resolves.toMatch(new RegExp(`1 cell that differs[\\s\\S]*G${repRow}`));
    await expect(page.getByTestId('plan-validate').isDisabled()).resolves.toBe(true);
    await page.getByTestId('typed-keep').click();
    await page.getByTestId('plan-status').filter({ hasText: 'kept your 1 typed cell' }).waitFor();
    expect([await cell(`F${repRow}`), await cell(`G${repRow}`)]).toEqual([march + 1, april + 5]);
    await page.getByTestId('plan-pull').click();
    await page.getByTestId('typed-confirm').waitFor();
    await page.getByTestId('typed-cancel').click();
    expect(await cell(`G${repRow}`)).toBe(april + 5);
    await page.getByTestId('plan-pull').click();
    await page.getByTestId('typed-replace').click();
    await page.getByTestId('plan-status').filter({ hasText: 'Wrote the plan' }).waitFor();
    expect(await cell(`G${repRow}`)).toBe(april);

    // Fixed, it is valid, and submitted with a comment.
    await standIn(page, 'type', 'Targets', `F${repRow}`, march);
    await page.getByTestId('plan-validate').click();
    await expect(page.getByTestId('plan-status').innerText()).resolves.toBe('The sheet is valid.');
    await page.getByTestId('submit-comment').fill('按去年占比分解');
    await page.getByTestId('plan-submit').click();
    await expect(page.getByTestId('plan-status').filter({ hasText: 'Submitted' }).innerText()).resolves.toMatch(/Submitted version 1/);
    // The manager's own plan is not waiting for them.
    await page.getByTestId('approvals-empty').waitFor();

    // The director sees the numbers, opens the plan as a sheet, approves, then publishes.
    await signOut(page);
    await signIn(page, 'director');
    await openScreen(page, 'targets');
    await page.getByTestId('targets-year').fill('2026');
    const waiting = page.getByTestId('approval').first();
    await expect(waiting.getByTestId('approval-total').innerText()).resolves.toMatch(/Total: ¥240,000\.00/);
    await expect(waiting.getByTestId('approval-submitted').innerText()).resolves.toMatch(/^Submitted by manager, /);
    await expect(waiting.getByTestId('approval-their-comment').innerText()).resolves.toContain('按去年占比分解');
    await waiting.getByTestId('approval-open').click();
    await page.getByTestId('approval-status').filter({ hasText: 'cannot be edited' }).waitFor();
    expect(await standIn(page, 'read', 'Targets Review', `F${repRow}`)).toEqual([[march]]);
    // Sending it back without a comment is refused, saying what is missing (not the field's label alone).
    await page.getByTestId('return').click();
    await page.getByTestId('approval-status').filter({ hasText: 'Say why it goes back.' }).waitFor();
    const planId = (await api(page, await tokenFor(page, 'director'), '{ targetPlans(year: 2026) { id scopeUnitId status } }')).data.targetPlans.find((p: { scopeUnitId: string; status: string }) => p.scopeUnitId === teamId && p.status === 'SUBMITTED').id;
    await expect(page.getByTestId('plan').locator(`option[value="${planId}"]`).innerText()).resolves.toContain('(submitted)');
    // Sent back with a reason: the manager reads it at the plan until submitting it again.
    await page.getByTestId('approval-comment').fill('一月份太高，请调整');
    await page.getByTestId('return').click();
    await page.getByTestId('approvals-empty').waitFor();
    await signOut(page);
    await signIn(page, 'manager');
    await openScreen(page, 'targets');
    await page.getByTestId('targets-year').fill('2026');
    await expect.poll(() => page.getByTestId('plan').locator(`option[value="${planId}"]`).count()).toBe(1);
    await page.getByTestId('plan').selectOption(planId);
    await expect(page.getByTestId('plan-returned').innerText()).resolves.toMatch(/^Sent back by director on \d{4}-\d{2}-\d{2} \d{2}:\d{2}: “一月份太高，请调整”\. Change it and submit it again\.$/);
    await page.getByTestId('plan-pull').click();
    await page.getByTestId('plan-status').filter({ hasText: 'Wrote the plan' }).waitFor();
    await page.getByTestId('plan-submit').click();
    await page.getByTestId('plan-status').filter({ hasText: 'Submitted' }).waitFor();
    await page.getByTestId('plan-returned').waitFor({ state: 'detached' });
    await signOut(page);
    await signIn(page, 'director');
    await openScreen(page, 'targets');
    await page.getByTestId('targets-year').fill('2026');
    await page.getByTestId('approval').first().getByTestId('approval-open').click();
    await page.getByTestId('approval-status').filter({ hasText: 'cannot be edited' }).waitFor();
    await page.getByTestId('approval-comment').fill('同意');
    await page.getByTestId('approve').click();
    await page.getByTestId('publish').click();
    await page.getByTestId('approvals-empty').waitFor();
    // The screen's own list of plans follows the decisions.
    await expect.poll(() => page.getByTestId('plan').locator(`option[value="${planId}"]`).innerText()).toContain('(published)');

    // The general manager reads the year's plans as the director does; the team's plan was decided, so nothing waits for them.
    // They manage the company, and may start a plan for it (target-chain.e2e.test.ts goes through the centre's).
    await signOut(page);
    await signIn(page, 'gm');
    await openScreen(page, 'targets');
    await page.getByTestId('targets-year').fill('2026');
    await expect.poll(() => page.getByTestId('plan').locator(`option[value="${planId}"]`).count()).toBe(1);
    await page.getByTestId('approvals-empty').waitFor();
    await expect(page.getByTestId('approval').count()).resolves.toBe(0);
    await page.getByTestId('plan').selectOption(planId);
    await expect(page.getByTestId('plan-revise').count()).resolves.toBe(1);

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
    const c3 = (await standIn<number[][]>(page, 'read', 'Targets', 'D4'))[0]![0]!;
    const c4 = (await standIn<number[][]>(page, 'read', 'Targets', 'D5'))[0]![0]!;
    await standIn(page, 'type', 'Targets', 'D4', c3 + 1);
    await standIn(page, 'type', 'Targets', 'D5', c4 - 1);
    await page.getByTestId('plan-submit').click();
    await expect(page.getByTestId('plan-conflict').innerText()).resolves.toMatch(/changed this plan on the server/);
    expect(await standIn(page, 'read', 'Targets', 'D4:D5')).toEqual([[c3 + 1], [c4 - 1]]);
    await page.getByTestId('plan-conflict').getByText('Pull the server’s version into a comparison sheet').click();
    await page.getByTestId('plan-status').filter({ hasText: 'Targets (server)' }).waitFor();
    expect(await standIn(page, 'read', 'Targets (server)', 'D4:D5')).toEqual([[c3], [c4]]);
    // The cells that differ from mine are highlighted; nothing there is open for typing.
    expect(await page.evaluate(() => ['D4', 'D5', 'E4'].map((a) => (window as any).__standIn.cell('Targets (server)', a)?.fill))).toEqual(['#FFEB9C', '#FFEB9C', '#EDEDED']);
    expect(await page.evaluate(() => (window as any).__standIn.cell('Targets (server)', 'D4')?.unlocked)).toBeFalsy();
    expect(await standIn(page, 'read', 'Targets', 'D4:D5')).toEqual([[c3 + 1], [c4 - 1]]);
    const status = (await api(page, manager, `query($id: ID!) { targetPlan(id: $id) { plan { status } } }`, { id: planId })).data.targetPlan.plan.status;
    expect(status).toBe('DRAFT');
  }, 120_000);

  it('weights typed per row; an approved plan revised from the pane', async () => {
    const page = await e2e.pane();
    const manager = await login(page, 'manager');
    const area = (await api(page, manager, '{ orgTree { id kind } }')).data.orgTree.find((u: any) => u.kind === 'AREA');
    const created = await api(page, manager, `mutation($u: ID!) { createTargetPlan(input: { year: 2028, metric: UNITS, level: BASE, scopeUnitId: $u, total: "1200" }) { plan { id } rows { ownerId isScope } } }`, { u: area.id });
    const planId = created.data.createTargetPlan.plan.id;
    const [first, second] = created.data.createTargetPlan.rows.filter((r: any) => !r.isScope).map((r: any) => r.ownerId);

    await signIn(page, 'manager');
    await openScreen(page, 'targets');
    await page.getByTestId('targets-year').fill('2028');
    await page.getByTestId('plan').selectOption(planId);
    await page.getByTestId('time-method').selectOption('EQUAL');
    await page.getByTestId('owner-method').selectOption('WEIGHTS');
    // Equal shares to start from; the first unit gets nothing, the second takes its share.
    const a = page.getByTestId(`weights-owners-${first}`);
    const b = page.getByTestId(`weights-owners-${second}`);
    const share = Number(await a.inputValue()) + Number(await b.inputValue());
    await a.fill('0');
    await expect(page.getByTestId('weights-owners').innerText()).resolves.toMatch(/add up to [\d.]+ %; they must add up to 100 %/);
    await b.fill(String(Number(share.toFixed(4))));
    await page.getByTestId('plan-break-down').click();
    await page.getByTestId('plan-status').filter({ hasText: 'Wrote the plan' }).waitFor();
    const ids = (await standIn<unknown[][]>(page, 'read', 'Targets', 'B1:B20')).map((r) => r[0]);
    const row = (id: string) => standIn<number[][]>(page, 'read', 'Targets', `D${ids.indexOf(id) + 1}:O${ids.indexOf(id) + 1}`).then((r) => r[0]!);
    expect(await row(first)).toEqual(Array.from({ length: 12 }, () => 0));
    expect((await row(second)).every((v) => v > 0)).toBe(true);

    // Submitted and approved elsewhere; the manager revises it from the pane.
    const view = (await api(page, manager, 'query($id: ID!) { targetPlan(id: $id) { plan { revision } } }', { id: planId })).data.targetPlan;
    const submitted = await api(page, manager, 'mutation($id: ID!, $r: Int!) { submitTargetPlan(id: $id, revision: $r) { plan { revision } } }', { id: planId, r: view.plan.revision });
    const director = await login(page, 'director');
    const approved = await api(page, director, 'mutation($id: ID!, $r: Int!) { approveTargetPlan(id: $id, revision: $r) { plan { status } } }', { id: planId, r: submitted.data.submitTargetPlan.plan.revision });
    expect(approved.data.approveTargetPlan.plan.status).toBe('APPROVED');
    await page.getByTestId('targets-year').fill('2027');
    await page.getByTestId('targets-year').fill('2028');
    await expect.poll(() => page.getByTestId('plan').locator('option', { hasText: '(approved)' }).count()).toBe(1);
    await page.getByTestId('plan').selectOption(planId);
    await page.getByTestId('plan-revise').click();
    await expect(page.getByTestId('plan-status').filter({ hasText: 'Version 2' }).innerText()).resolves.toMatch(/Version 2 is a new draft .* Version 1 stays as it was/);
    await expect(page.getByTestId('plan-save-draft').isVisible()).resolves.toBe(true);
  }, 120_000);

  it('a draft’s year target changed from the pane: the sheet’s banner takes it, and the lines that no longer add up are named', async () => {
    const page = await e2e.pane();
    const manager = await login(page, 'manager');
    const team = (await api(page, manager, '{ orgTree { id kind } }')).data.orgTree.find((u: { kind: string }) => u.kind === 'TEAM');
    const created = await api(page, manager, `mutation($u: ID!) { createTargetPlan(input: { year: 2029, metric: UNITS, level: STRETCH, scopeUnitId: $u, total: "120" }) { plan { id } } }`, { u: team.id });
    const planId = created.data.createTargetPlan.plan.id;
    await api(page, manager, 'mutation($id: ID!) { breakDownTargetPlan(id: $id, revision: 1, time: { kind: EQUAL }, owners: { kind: EQUAL }) { plan { id } } }', { id: planId });

    await signIn(page, 'manager');
    await openScreen(page, 'targets');
    await page.getByTestId('targets-year').fill('2029');
    await page.getByTestId('plan').selectOption(planId);
    await page.getByTestId('plan-pull').click();
    await page.getByTestId('plan-status').filter({ hasText: 'Wrote the plan' }).waitFor();
    await page.getByText('Change the year target (now 120)').waitFor();
    await page.getByTestId('plan-new-total').fill('1.5');
    await page.getByText('“1.5” is not a whole number').waitFor();
    await expect(page.getByTestId('plan-set-total').isDisabled()).resolves.toBe(true);
    await page.getByTestId('plan-new-total').fill('150');
    await page.getByTestId('plan-set-total').click();
    await expect(page.getByTestId('plan-status').filter({ hasText: 'year target is now' }).innerText()).resolves.toBe(
      'The year target is now 150; version 1 stays a draft. Lines that no longer add up to it are named when you validate.',
    );
    expect((await standIn<string[][]>(page, 'read', 'Targets', 'A1'))[0]![0]).toMatch(/ · Units sold · Stretch · 2029 · version 1 · draft · Year target 150$/);
    await page.getByText('Change the year target (now 150)').waitFor();
    // The lines were kept: validating says they add up to the old figure.
    await page.getByTestId('plan-validate').click();
    await expect(page.getByTestId('plan-issue').first().innerText()).resolves.toMatch(/the periods add up to 120, but the target is 150/);
  }, 120_000);

  it('a re-plan after January was closed: the breakdown is refused, then keeps January and spreads the rest', async () => {
    const page = await e2e.pane();
    const manager = await login(page, 'manager');
    const director = await login(page, 'director');
    const admin = await login(page, 'admin');
    const area = (await api(page, manager, '{ orgTree { id kind } }')).data.orgTree.find((u: any) => u.kind === 'AREA');
    // Version 1, published: January carries 30 % of 1,200 units.
    const created = await api(page, manager, `mutation($u: ID!) { createTargetPlan(input: { year: 2029, metric: UNITS, level: BASE, scopeUnitId: $u, total: "1200" }) { plan { id revision } } }`, { u: area.id });
    const id = created.data.createTargetPlan.plan.id;
    const percents = Array.from({ length: 12 }, (_, i) => ({ key: `2029-${String(i + 1).padStart(2, '0')}`, percent: i === 0 ? '30' : i < 11 ? '6.4' : '6' }));
    let r = (await api(page, manager, 'mutation($id: ID!, $r: Int!, $p: [KeyPercentInput!]) { breakDownTargetPlan(id: $id, revision: $r, time: { kind: WEIGHTS, percents: $p }, owners: { kind: EQUAL }) { plan { revision } } }', { id, r: created.data.createTargetPlan.plan.revision, p: percents })).data.breakDownTargetPlan.plan.revision;
    r = (await api(page, manager, 'mutation($id: ID!, $r: Int!) { submitTargetPlan(id: $id, revision: $r) { plan { revision } } }', { id, r })).data.submitTargetPlan.plan.revision;
    r = (await api(page, director, 'mutation($id: ID!, $r: Int!) { approveTargetPlan(id: $id, revision: $r) { plan { revision } } }', { id, r })).data.approveTargetPlan.plan.revision;
    r = (await api(page, director, 'mutation($id: ID!, $r: Int!) { publishTargetPlan(id: $id, revision: $r) { plan { revision } } }', { id, r })).data.publishTargetPlan.plan.revision;
    await api(page, admin, 'mutation { lockPeriod(periodKey: "2029-01", reason: "closed") { periodKey } }');
    const v2 = (await api(page, manager, 'mutation($id: ID!, $r: Int!) { reviseTargetPlan(id: $id, revision: $r) { plan { id } } }', { id, r })).data.reviseTargetPlan.plan.id;

    await signIn(page, 'manager');
    await openScreen(page, 'targets');
    await page.getByTestId('targets-year').fill('2029');
    await expect.poll(() => page.getByTestId('plan').locator(`option[value="${v2}"]`).count()).toBe(1);
    await page.getByTestId('plan').selectOption(v2);
    await page.getByTestId('time-method').selectOption('EQUAL');
    await page.getByTestId('owner-method').selectOption('EQUAL');
    // The preview shows what keeping January gives.
    await page.getByTestId('plan-preview-button').click();
    await expect(page.getByTestId('plan-preview').innerText()).resolves.toMatch(/Jan 2029: 360\b/);
    await page.getByTestId('plan-break-down').click();
    await expect(page.getByTestId('plan-status').innerText()).resolves.toMatch(/Jan 2029 is locked.*keep the locked months/s);
    await page.getByTestId('keep-locked').click();
    await page.getByTestId('plan-status').filter({ hasText: 'Wrote the plan' }).waitFor();
    // The area's row: January as published (360), February–December share the other 840 (76 or 77 each).
    const ids = (await standIn<unknown[][]>(page, 'read', 'Targets', 'B1:B20')).map((row) => row[0]);
    const scope = (await standIn<number[][]>(page, 'read', 'Targets', `D${ids.indexOf(area.id) + 1}:O${ids.indexOf(area.id) + 1}`))[0]!;
    expect(scope[0]).toBe(360);
    expect(scope.slice(1).reduce((a, b) => a + b, 0)).toBe(840);
    expect(scope.slice(1).every((v) => v === 76 || v === 77)).toBe(true);
  }, 120_000);

  it('in Chinese at 350 px: the manager plans, breaks down, finds a broken sum, saves a draft and submits, meeting no English', async () => {
    const page = await e2e.pane('zh-CN');
    await page.setViewportSize({ width: 350, height: 900 });
    await signIn(page, 'manager');
    await openScreen(page, 'targets');
    const team = (await api(page, await login(page, 'manager'), '{ orgTree { id kind } }')).data.orgTree.find((u: { kind: string }) => u.kind === 'TEAM');
    await page.getByTestId('targets-year').fill('2027');
    await page.getByTestId('new-plan-unit').selectOption(team.id);
    await page.getByTestId('new-plan-total').fill('120000');
    await page.getByTestId('new-plan-create').click();
    await page.getByTestId('plan-status').filter({ hasText: '已将计划' }).waitFor();
    await page.getByTestId('time-method').selectOption('EQUAL');
    await page.getByTestId('owner-method').selectOption('EQUAL');
    await page.getByTestId('plan-break-down').click();
    await page.getByTestId('plan-status').filter({ hasText: '已将计划' }).waitFor();
    // A draft's year target can be changed, said in Chinese.
    await expect(page.getByTestId('plan-set-total').innerText()).resolves.toBe('修改年度目标');
    await page.getByText('修改年度目标（当前为 ¥120,000.00）').waitFor();
    // The sheet is named, headed and bannered in Chinese.
    const banner = (await standIn<string[][]>(page, 'read', '目标', 'A1'))[0]![0]!;
    expect(banner).toMatch(/销售额 · 基础指标 · 2027 · 第 1 版 · 草稿/);
    const ids = (await standIn<unknown[][]>(page, 'read', '目标', 'B1:B40')).map((r) => r[0]);
    const row = ids.findIndex((v, i) => i > 2 && typeof v === 'string' && v !== '' && !String(v).startsWith('__')) + 1;
    const diffRow = ids.indexOf('__diff') + 1;
    const march = (await standIn<number[][]>(page, 'read', '目标', `F${row}`))[0]![0]!;
    await standIn(page, 'type', '目标', `F${row}`, march + 1);
    await page.getByTestId('plan-validate').click();
    const issue = await page.getByTestId('plan-issue').first().innerText();
    expect(issue).toMatch(new RegExp(`^目标!F${diffRow}: 2027年3月：各行合计 .*多出 ¥1\\.00`));
    // Cells a draft cannot store: Save draft names each at its cell before sending anything.
    const [april, may] = (await standIn<number[][]>(page, 'read', '目标', `G${row}:H${row}`))[0]!;
    await standIn(page, 'type', '目标', `G${row}`, 'abc');
    await standIn(page, 'type', '目标', `H${row}`, -100);
    await page.getByTestId('plan-save-draft').click();
    await page.getByTestId('plan-issue').nth(1).waitFor();
    const draftIssues = await page.getByTestId('plan-issue').allInnerTexts();
    expect(draftIssues.map((t) => t.split(':')[0])).toEqual([`目标!G${row}`, `目标!H${row}`]);
    expect(draftIssues.join(' ').replace(/abc|QB\d+/g, '')).not.toMatch(/[A-Za-z]{3,}/);
    await standIn(page, 'type', '目标', `G${row}`, april);
    await standIn(page, 'type', '目标', `H${row}`, may);
    await page.getByTestId('plan-save-draft').click();
    await page.getByTestId('plan-status').filter({ hasText: '已保存草稿' }).waitFor();
    await standIn(page, 'type', '目标', `F${row}`, march);
    await page.getByTestId('submit-comment').fill('请审批');
    await page.getByTestId('plan-submit').click();
    await page.getByTestId('plan-status').filter({ hasText: '已提交第 1 版' }).waitFor();
    // Nothing on the pane is in English (numbers, ¥ and sheet references aside).
    const words = (await page.getByTestId('pane').innerText()).match(/[A-Za-z]{3,}/g) ?? [];
    expect(words.filter((w) => !['Quotabook', 'English', 'manager'].includes(w))).toEqual([]);
    await page.screenshot({ path: path.join(os.tmpdir(), 'quotabook-targets-zh-350.png'), fullPage: true });
  }, 120_000);

  it('the admin changes a seasonality profile and adds one in their sheet: a sum off 100 is named and nothing saved; then both saved', async () => {
    const page = await e2e.pane();
    await page.setViewportSize({ width: 350, height: 1200 });
    await signIn(page, 'admin');
    await openScreen(page, 'targets');
    const admin = await tokenFor(page, 'admin');
    const profiles = async () => (await api(page, admin, '{ seasonalityProfiles { code name monthPercents } }')).data.seasonalityProfiles as { code: string; name: string; monthPercents: string[] }[];
    const before = await profiles();
    const type = (cell: string, value: string | number) => page.evaluate(({ cell, value }) => (window as any).__standIn.type('Seasonality', cell, value), { cell, value });

    await page.getByTestId('seasonality-pull').click();
    await page.getByTestId('seasonality-status').filter({ hasText: `Wrote ${before.length} seasonality profiles to “Seasonality”.` }).waitFor();
    const row = before.length + 3;
    await type(`A${row}`, 'FLAT');
    await type(`B${row}`, 'Even');
    for (let m = 0; m < 12; m++) await type(`${String.fromCharCode(67 + m)}${row}`, m === 11 ? 8.38 : 8.33);
    await page.getByTestId('seasonality-save').click();
    await page.getByTestId('plan-issue').filter({ hasText: `Seasonality!O${row}: The percentages sum to 100.01 %, not 100 %.` }).waitFor();
    expect(await profiles()).toEqual(before);

    await type(`N${row}`, 8.37);
    await type('B3', `${before[0]!.name} (revised)`);
    await page.getByTestId('seasonality-save').click();
    await page.getByTestId('seasonality-status').filter({ hasText: `Saved the seasonality profiles: ${before.length + 1} in all.` }).waitFor();
    const after = await profiles();
    expect(after.find((p) => p.code === 'FLAT')).toEqual({ code: 'FLAT', name: 'Even', monthPercents: [...Array(11).fill('8.33'), '8.37'] });
    expect(after.find((p) => p.code === before[0]!.code)!.name).toBe(`${before[0]!.name} (revised)`);
  }, 120_000);
  it('a year with no plans: the manager is told to create one below; finance, who cannot, is told plans show once a manager drafts one', async () => {
    const page = await e2e.pane();
    await signIn(page, 'manager');
    await openScreen(page, 'targets');
    await page.getByTestId('targets-year').fill('2031');
    await expect.poll(() => page.getByTestId('no-target-plans').innerText()).toBe('No target plans you can see for 2031 yet. Create one below.');
    await page.getByTestId('new-plan-create').waitFor();
    await signOut(page);
    await signIn(page, 'finance');
    await openScreen(page, 'targets');
    await page.getByTestId('targets-year').fill('2031');
    await expect.poll(() => page.getByTestId('no-target-plans').innerText()).toBe('No target plans you can see for 2031 yet. They show here once a manager drafts one.');
    await expect(page.getByTestId('new-plan-create').count()).resolves.toBe(0);
  }, 120_000);
});
