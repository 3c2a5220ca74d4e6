/**
 * End to end, roster changes on the Roster screen at 350 px: an admin hires
 * a person (the pulled Roster sheet shows them at once), a duplicate
 * employee number is refused and changes nothing, the person is transferred
 * and then leaves; finance changes only a base salary; a manager in Chinese
 * at 320 px ends a probation and sets a mentor, and is refused a mentor that
 * would make a cycle, at the field. Each change is checked on the server
 * through the API.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, englishOn, hasChromium, readSheet, signIn, tokenFor, useE2e } from './browser.ts';
import { RANKS } from '../../addin/src/chores/operations.ts';

const WIDTH = 350;

describe.skipIf(!hasChromium)('roster changes in the task pane', () => {
  const e2e = useE2e('roster-changes');

  async function paneAs(user: string): Promise<Page> {
    const page = await e2e.pane();
    await page.setViewportSize({ width: WIDTH, height: 1400 });
    await signIn(page, user);
    return page;
  }
  const status = (page: Page, text: string) => page.getByTestId('change-status').filter({ hasText: text }).waitFor();
  const choose = async (page: Page, search: string, id: string) => {
    await page.getByTestId('change-person-search').fill(search);
    await page.getByTestId('change-person').selectOption(id);
  };

  it('an admin hires, is refused a taken employee number, transfers and records leaving; the Roster sheet follows', async () => {
    const page = await paneAs('admin');
    const admin = await tokenFor(page, 'admin');
    const rep = (await api(page, await tokenFor(page, 'rep'), '{ viewer { person { id unitId unitName employeeNo name } } }')).data.viewer.person;
    const units = (await api(page, admin, '{ orgTree { id name kind } }')).data.orgTree as { id: string; name: string; kind: string }[];
    const other = units.find((u) => u.kind === 'TEAM' && u.id !== rep.unitId)!;
    const find = async () => (await api(page, admin, '{ roster(first: 1000) { edges { node { id employeeNo name unitId status baseSalary leaveDate version } } } }')).data.roster.edges.map((e: any) => e.node).filter((p: any) => p.employeeNo === 'QB09001');
    const today = await page.getByTestId('as-of').inputValue();

    // The rep's team, pulled to the Roster sheet.
    await page.getByTestId('unit').selectOption(rep.unitId);
    await page.getByTestId('pull-roster').click();
    await page.getByTestId('roster-status').filter({ hasText: 'Wrote' }).waitFor();
    const before = (await readSheet(page, 'Roster', 'A1:A60')).map((r) => r[0]);
    expect(before).not.toContain('QB09001');
    const team = before.filter((v) => v !== '' && v != null).length - 1;

    await page.getByTestId('hire-employee-no').fill('QB09001');
    await page.getByTestId('hire-name').fill('李雷');
    await page.getByTestId('hire-unit').selectOption(rep.unitId);
    await page.getByTestId('hire-rank').selectOption('SR');
    await page.getByTestId('hire-salary').fill('3,500');
    await page.getByTestId('change-submit').click();
    await status(page, `李雷 (QB09001) is hired into ${rep.unitName} from ${today}.`);
    const hired = await find();
    expect(hired).toEqual([expect.objectContaining({ name: '李雷', unitId: rep.unitId, status: 'ACTIVE', baseSalary: '3500.00' })]);
    // The sheet pulled before is pulled again: the new person is in it, with their salary.
    await page.getByTestId('roster-status').filter({ hasText: `Wrote ${team + 1} people` }).waitFor();
    const row = (await readSheet(page, 'Roster', 'A1:K60')).find((r) => r[0] === 'QB09001')!;
    expect([row[1], row[5], row[10]]).toEqual(['李雷', 'SR', 3500]);

    // The same employee number again: refused, nothing added.
    await page.getByTestId('hire-employee-no').fill('QB09001');
    await page.getByTestId('hire-name').fill('韩梅梅');
    await page.getByTestId('change-submit').click();
    await page.locator('[data-testid=change-status][data-intent=error]').filter({ hasText: 'Employee number QB09001 already belongs to 李雷.' }).waitFor();
    expect(await find()).toEqual(hired);

    await page.getByTestId('change-mode').selectOption('transfer');
    await choose(page, 'QB09001', hired[0].id);
    await page.getByTestId('transfer-unit').selectOption(other.id);
    await page.getByTestId('change-submit').click();
    await status(page, `李雷 moves to ${other.name} from ${today}.`);
    expect((await find())[0]).toMatchObject({ unitId: other.id });
    // Pulled again for the rep's team: 李雷 is no longer in it.
    await expect.poll(async () => (await readSheet(page, 'Roster', 'A1:A60')).map((r) => r[0])).not.toContain('QB09001');

    await page.getByTestId('change-mode').selectOption('leave');
    await page.getByTestId('leave-date').fill(today);
    await page.getByTestId('change-submit').click();
    await status(page, `李雷 leaves after ${today}.`);
    const left = await api(page, admin, 'query($id: ID!, $d: Date) { person(id: $id, asOf: $d) { status leaveDate } }', { id: hired[0].id, d: today });
    // The leave date is the last day worked: at work on it (LEFT from the next day).
    expect(left.data.person).toEqual({ status: 'ACTIVE', leaveDate: today });
    const audits = await api(page, admin, 'query($id: ID!) { auditTrail(entityType: "Person", entityId: $id) { action } }', { id: hired[0].id });
    expect(audits.data.auditTrail.map((a: any) => a.action).sort()).toEqual(['create', 'deactivate', 'transfer']);

    const [scroll, client] = await page.getByTestId('roster-changes').evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scroll).toBeLessThanOrEqual(client);
  }, 180_000);

  it('finance changes a base salary and nothing else', async () => {
    const page = await paneAs('finance');
    const admin = await tokenFor(page, 'admin');
    const rep = (await api(page, await tokenFor(page, 'rep'), '{ viewer { person { id employeeNo name } } }')).data.viewer.person;
    await expect(page.getByTestId('change-mode').count()).resolves.toBe(0);
    await page.getByText('Finance changes base salaries').waitFor();
    await choose(page, rep.employeeNo, rep.id);
    await page.getByTestId('details-salary').waitFor();
    await expect(page.getByTestId('details-name').count()).resolves.toBe(0);
    const was = (await api(page, admin, 'query($id: ID!) { person(id: $id) { baseSalary version } }', { id: rep.id })).data.person;
    await page.getByTestId('change-submit').click();
    await page.locator('[data-testid=change-status][data-intent=error]').filter({ hasText: 'Nothing is changed' }).waitFor();
    await page.getByTestId('details-salary').fill('4,615.38');
    // Paid from the first of next year: the months before keep the old base salary.
    await page.getByTestId('details-pay-from').fill('2027-01-01');
    await page.getByTestId('change-submit').click();
    await status(page, `Saved the details of ${rep.name}.`);
    const now = (await api(page, admin, 'query($id: ID!) { person(id: $id) { baseSalary version } }', { id: rep.id })).data.person;
    expect(now).toEqual({ baseSalary: '4615.38', version: was.version + 1 });
    expect(was.baseSalary).not.toBe('4615.38');
  }, 120_000);

  it('a manager in Chinese ends a probation and sets a mentor; a mentor that would make a cycle is refused at the field and changes nothing', async () => {
    const page = await e2e.pane('zh-CN');
    await page.setViewportSize({ width: 320, height: 1600 });
    await signIn(page, 'manager');
    const admin = await tokenFor(page, 'admin');
    const manager = await tokenFor(page, 'manager');
    const me = (await api(page, manager, '{ viewer { person { id } } }')).data.viewer.person.id as string;
    type Seen = { id: string; employeeNo: string; name: string; mentorId: string | null; unitId: string };
    const seen = (await api(page, manager, '{ roster(first: 1000) { edges { node { id employeeNo name mentorId unitId } } } }')).data.roster.edges.map((e: any) => e.node) as Seen[];
    // Someone the manager may change who trains nobody, and someone else to train them (never the manager, whose mentees decide their pay).
    const trainee = seen.find((p) => p.id !== me && !seen.some((q) => q.mentorId === p.id))!;
    const mentor = seen.find((p) => p.id !== me && p.id !== trainee.id && p.mentorId !== me && p.mentorId !== trainee.id)!;
    expect([trainee, mentor].every(Boolean)).toBe(true);
    const read = async (id: string) => (await api(page, admin, 'query($id: ID!) { person(id: $id) { status mentorId mentorName version } }', { id })).data.person;
    // The trainee is on probation and has no mentor yet.
    const setUp = await api(page, admin, 'mutation($id: ID!, $v: Int!) { updatePerson(id: $id, version: $v, input: { status: PROBATION, mentorId: null }) { version } }', { id: trainee.id, v: (await read(trainee.id)).version });
    expect(setUp.errors).toBeUndefined();

    // Everything the manager sees, pulled to the 花名册 sheet: the trainee shows 试用 and no mentor.
    await page.getByTestId('pull-roster').click();
    await page.getByTestId('roster-status').filter({ hasText: '已将' }).waitFor();
    const rowOf = async (employeeNo: string) => (await readSheet(page, '花名册', 'A1:L400')).find((r) => r[0] === employeeNo)!;
    expect([(await rowOf(trainee.employeeNo))[6], (await rowOf(trainee.employeeNo))[11]]).toEqual(['试用', '']);

    await page.getByTestId('change-mode').selectOption('details');
    await choose(page, trainee.employeeNo, trainee.id);
    await expect(page.getByTestId('details-status').inputValue()).resolves.toBe('PROBATION');
    await expect(page.getByTestId('details-status').locator('option').allInnerTexts()).resolves.toEqual(['试用', '在职']);
    await expect(page.getByTestId('details-mentor').inputValue()).resolves.toBe('');
    await expect(page.getByTestId('details-mentor').locator('option').first().innerText()).resolves.toBe('无导师');
    // The person is never offered as their own mentor.
    await expect(page.getByTestId('details-mentor').locator(`option[value="${trainee.id}"]`).count()).resolves.toBe(0);
    await page.getByTestId('details-status').selectOption('ACTIVE');
    await page.getByTestId('details-mentor-search').fill(mentor.employeeNo);
    await page.getByTestId('details-mentor').selectOption(mentor.id);
    await page.getByTestId('change-submit').click();
    await status(page, `已保存 ${trainee.name} 的信息。`);
    expect(await read(trainee.id)).toMatchObject({ status: 'ACTIVE', mentorId: mentor.id, mentorName: mentor.name });
    // The sheet pulled before is pulled again: 在职, with the mentor's name.
    await expect.poll(async () => { const r = await rowOf(trainee.employeeNo); return [r[6], r[11]]; }).toEqual(['在职', mentor.name]);

    // The mentor as trained by the trainee: a cycle, refused at the mentor field in Chinese, nothing changed.
    const before = await read(mentor.id);
    await choose(page, mentor.employeeNo, mentor.id);
    await page.getByTestId('details-mentor-search').fill(trainee.employeeNo);
    await page.getByTestId('details-mentor').selectOption(trainee.id);
    await page.getByTestId('change-submit').click();
    const ownMentor = '任何人都不能（直接或间接）担任自己的导师。';
    await page.getByTestId('details-mentor-problem').filter({ hasText: ownMentor }).waitFor();
    await page.locator('[data-testid=change-status][data-intent=error]').filter({ hasText: ownMentor }).waitFor();
    expect(await read(mentor.id)).toEqual(before);
    // Choosing again clears the refusal at the field.
    await page.getByTestId('details-mentor').selectOption('');
    await expect(page.getByTestId('details-mentor-problem').count()).resolves.toBe(0);

    // A hire on probation, trained by the trainee.
    await page.getByTestId('change-mode').selectOption('hire');
    await page.getByTestId('hire-employee-no').fill('QB09101');
    await page.getByTestId('hire-name').fill('韩梅梅');
    await page.getByTestId('hire-unit').selectOption(trainee.unitId);
    await page.getByTestId('hire-status').selectOption('PROBATION');
    await page.getByTestId('hire-mentor-search').fill(trainee.employeeNo);
    await page.getByTestId('hire-mentor').selectOption(trainee.id);
    await page.getByTestId('change-submit').click();
    await page.locator('[data-testid=change-status][data-intent=success]').filter({ hasText: '韩梅梅（QB09101）已入职' }).waitFor();
    const hired = (await api(page, admin, '{ roster(first: 1000) { edges { node { employeeNo status mentorId } } } }')).data.roster.edges.map((e: any) => e.node).find((p: any) => p.employeeNo === 'QB09101');
    expect(hired).toEqual({ employeeNo: 'QB09101', status: 'PROBATION', mentorId: trainee.id });

    // No English on the pane; the ladder's codes are part of the Chinese rank names (资深销售主任 SSE).
    expect((await englishOn(page)).filter((word) => !(RANKS as readonly string[]).includes(word))).toEqual([]);
    const [scroll, client] = await page.getByTestId('roster-changes').evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scroll).toBeLessThanOrEqual(client);
  }, 180_000);

  it('an admin creates a team under an area, is refused a taken code, renames and moves it; the pickers follow', async () => {
    const page = await paneAs('admin');
    const admin = await tokenFor(page, 'admin');
    const tree = async () => (await api(page, admin, '{ orgTree { id code name kind parentId version } }')).data.orgTree as { id: string; code: string; name: string; kind: string; parentId: string | null; version: number }[];
    const areas = (await tree()).filter((u) => u.kind === 'AREA');
    const [first, second] = [areas[0]!, areas[1]!];
    const taken = (await tree()).find((u) => u.kind === 'TEAM')!;

    await page.getByTestId('org-parent').selectOption(first.id);
    // Below an area only a team may sit.
    await expect(page.getByTestId('org-kind').locator('option').allInnerTexts()).resolves.toEqual(['Team']);
    await page.getByTestId('org-code').fill(taken.code);
    await page.getByTestId('org-name').fill('新零售组');
    await page.getByTestId('org-submit').click();
    await page.locator('[data-testid=org-status][data-intent=error]').filter({ hasText: `Unit code ${taken.code} is already used by ${taken.name}.` }).waitFor();
    expect((await tree()).filter((u) => u.name === '新零售组')).toEqual([]);

    await page.getByTestId('org-code').fill('T-NEW-1');
    await page.getByTestId('org-submit').click();
    await page.getByTestId('org-status').filter({ hasText: `新零售组 (T-NEW-1) is a new team under ${first.name}.` }).waitFor();
    const made = (await tree()).find((u) => u.code === 'T-NEW-1')!;
    expect(made).toMatchObject({ name: '新零售组', kind: 'TEAM', parentId: first.id });
    // The new team is there to hire into and to pull.
    await expect(page.getByTestId('hire-unit').locator(`option[value="${made.id}"]`).count()).resolves.toBe(1);
    await expect(page.getByTestId('unit').locator(`option[value="${made.id}"]`).count()).resolves.toBe(1);

    await page.getByTestId('org-mode').selectOption('rename');
    await page.getByTestId('org-unit').selectOption(made.id);
    await page.getByTestId('org-new-name').fill('新零售一组');
    await page.getByTestId('org-submit').click();
    await page.getByTestId('org-status').filter({ hasText: '新零售组 is now called 新零售一组.' }).waitFor();

    await page.getByTestId('org-mode').selectOption('move');
    await page.getByTestId('org-unit').selectOption(made.id);
    await page.getByTestId('org-new-parent').selectOption(second.id);
    await page.getByTestId('org-submit').click();
    await page.getByTestId('org-status').filter({ hasText: `新零售一组 now sits under ${second.name}, with everything below it.` }).waitFor();
    expect((await tree()).find((u) => u.id === made.id)).toMatchObject({ name: '新零售一组', parentId: second.id, version: made.version + 2 });

    // A manager for it, then none for now.
    await page.getByTestId('org-mode').selectOption('manager');
    await page.getByTestId('org-unit').selectOption(made.id);
    const leadId = (await page.getByTestId('org-new-manager').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean)))[0]!;
    const lead = (await api(page, admin, 'query($id: ID!) { person(id: $id) { id name } }', { id: leadId })).data.person;
    await page.getByTestId('org-new-manager').selectOption(lead.id);
    await page.getByTestId('org-submit').click();
    await page.getByTestId('org-status').filter({ hasText: `${lead.name} now manages 新零售一组` }).waitFor();
    const managed = await api(page, admin, '{ orgTree { id managerName } }');
    expect(managed.data.orgTree.find((u: any) => u.id === made.id).managerName).toBe(lead.name);
    await page.getByTestId('org-unit').selectOption(made.id);
    await page.getByTestId('org-submit').click();
    await page.getByTestId('org-status').filter({ hasText: '新零售一组 has no manager for now.' }).waitFor();
    expect((await api(page, admin, '{ orgTree { id managerName } }')).data.orgTree.find((u: any) => u.id === made.id).managerName).toBeNull();
  }, 180_000);
});
