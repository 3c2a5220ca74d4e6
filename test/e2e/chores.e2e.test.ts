/**
 * End to end, the chores screens (issue 8 §6) at 350 px: rewards and
 * penalties, leave and its decision, promotions, month end (plan
 * assignment, mark paid, reopen, period locks, the working calendar) and
 * users. Each main path
 * is checked on the server through the API, and each has a refusal that
 * leaves the server's data as it was. One server for the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, hasChromium, openScreen, readSheet, signIn, tokenFor, useE2e } from './browser.ts';
import { root } from '../../server/db/providers.ts';
import { addDays, today } from '../../schema/dates.ts';

const WIDTH = 350;
const shots = path.join(root, 'test-results', 'screenshots');

describe.skipIf(!hasChromium)('the chores screens in the task pane', () => {
  const e2e = useE2e('chores');

  async function paneAs(user: string, tab: string): Promise<Page> {
    const page = await e2e.pane();
    await page.setViewportSize({ width: WIDTH, height: 1200 });
    await signIn(page, user);
    await openScreen(page, tab.replace(/^tab-/, ''));
    return page;
  }
  /** The screen's own content fits the pane: nothing sticks out sideways. */
  async function fits(page: Page, testId: string) {
    const [scroll, client, wide] = await page.getByTestId(testId).evaluate((el) => {
      const right = el.getBoundingClientRect().right;
      const sticking = [...el.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > right + 0.5).map((e) => `${e.tagName}.${e.className} ${e.getAttribute('data-testid') ?? ''}`);
      return [el.scrollWidth, el.clientWidth, sticking.slice(0, 5)] as const;
    });
    expect(scroll, `sticking out: ${wide.join(' | ')}`).toBeLessThanOrEqual(client);
    expect(client).toBeLessThanOrEqual(WIDTH);
  }
  async function shot(page: Page, name: string) {
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, `chores-${name}-${WIDTH}.png`), fullPage: true });
  }
  const person = async (page: Page, token: string, username: string) =>
    (await api(page, token, '{ users { username personId } }')).data.users.find((u: { username: string }) => u.username === username).personId as string;
  /** The server's refusal, shown as an error in the screen's status line. */
  const refusal = (page: Page, testId: string, text: string) => page.locator(`[data-testid=${testId}][data-intent=error]`).filter({ hasText: text }).waitFor();
  const pick = async (page: Page, testId: string, search: string, id: string) => {
    await page.getByTestId(`${testId}-search`).fill(search);
    await page.getByTestId(testId).selectOption(id);
  };

  it('rewards and penalties: finance adds one in yuan, sees it listed and writes the list to a sheet; their own is refused', async () => {
    const page = await paneAs('finance', 'tab-adjustments');
    const admin = await tokenFor(page, 'admin');
    const finance = await tokenFor(page, 'finance');
    const repId = await person(page, admin, 'rep');
    const financeId = await person(page, admin, 'finance');
    const list = async () => (await api(page, finance, '{ payAdjustments(month: "2026-04") { personId amount reason approvedBy } }')).data.payAdjustments;

    await page.getByTestId('adjustments-month').fill('2026-04');
    await page.getByTestId('adjustments-empty').filter({ hasText: 'No rewards or penalties for Apr 2026 yet' }).waitFor();
    await pick(page, 'adjustment-person', '', repId);
    await page.getByTestId('adjustment-amount').fill('1.234');
    await expect(page.getByTestId('adjustment-add').isDisabled()).resolves.toBe(true);
    await page.getByText('at most two decimals').waitFor();
    await page.getByTestId('adjustment-amount').fill('1,200.5');
    await page.getByTestId('adjustment-reason').fill('季度前三名奖励');
    await page.getByTestId('adjustment-approver').fill('director');
    await page.getByTestId('adjustment-add').click();
    await page.getByTestId('adjustments-status').filter({ hasText: 'Added ¥1,200.50' }).waitFor();
    await expect(page.getByTestId('adjustments-list').innerText()).resolves.toContain('¥1,200.50');
    expect(await list()).toEqual([{ personId: repId, amount: '1200.50', reason: '季度前三名奖励', approvedBy: 'director' }]);

    await page.getByTestId('adjustments-to-sheet').click();
    await page.getByTestId('adjustments-status').filter({ hasText: 'Wrote 1 row to “Adjustments 2026-04”' }).waitFor();
    const sheet = await readSheet(page, 'Adjustments 2026-04', 'A1:E2');
    expect(sheet[0]).toEqual(['Employee no.', 'Name', 'Amount', 'Reason', 'Approved by']);
    expect(sheet[1]!.slice(2, 4)).toEqual([1200.5, '季度前三名奖励']);
    await fits(page, 'adjustments-pane');
    await shot(page, 'adjustments');

    // Nobody changes their own pay: the server refuses, the pane says so, nothing is added.
    await pick(page, 'adjustment-person', '', financeId);
    await page.getByTestId('adjustment-amount').fill('-50');
    await page.getByTestId('adjustment-reason').fill('self');
    await page.getByTestId('adjustment-add').click();
    await refusal(page, 'adjustments-status', 'Nobody may change what decides their own pay');
    expect(await list()).toHaveLength(1);

    // In Chinese, the whole screen is Chinese, amounts formatted the same way. The refusal, a sentence
    // rendered in English, goes; the month and the person picked stay.
    await page.getByTestId('language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '奖惩' }).waitFor();
    await page.getByTestId('adjustments-status').waitFor({ state: 'detached' });
    await expect(page.getByTestId('adjustments-month').inputValue()).resolves.toBe('2026-04');
    await expect(page.getByTestId('adjustment-person').inputValue()).resolves.toBe(financeId);
    await expect(page.getByTestId('adjustments-total').innerText()).resolves.toBe('共 1 条，合计 ¥1,200.50');
    const text = await page.getByTestId('adjustments-pane').innerText();
    expect(text).toContain('批准人');
    expect(text).not.toMatch(/Approved by|Reason|Amount|Add\b|Month/);
  }, 120_000);

  it('leave: the rep asks, an overlapping request is refused, the manager approves', async () => {
    const page = await paneAs('rep', 'tab-leave');
    const rep = await tokenFor(page, 'rep');
    const mine = async () => (await api(page, rep, '{ leaveRequests { from to status reason } }')).data.leaveRequests;
    const from = addDays(today(), 7);
    const to = addDays(today(), 8);

    await page.getByTestId('leave-mine-empty').waitFor();
    await page.getByTestId('leave-kind').selectOption('SICK_LEAVE');
    // A greyed button says what it waits for: the reason, an end not before the start, a day that exists.
    await expect(page.getByTestId('leave-missing').innerText()).resolves.toBe('Still needed: Reason.');
    await page.getByTestId('leave-from').fill(to);
    await page.getByTestId('leave-to').fill(from);
    await page.getByTestId('leave-reason').fill('看病');
    await page.getByText('The leave ends before it starts').waitFor();
    await expect(page.getByTestId('leave-request').isDisabled()).resolves.toBe(true);
    await page.getByTestId('leave-to').fill('2026-02-30');
    await page.getByTestId('leave-to').blur();
    await expect(page.getByTestId('leave-to-problem').innerText()).resolves.toBe('February 2026 has no day 30.');
    await expect(page.getByTestId('leave-missing').innerText()).resolves.toBe('Still needed: To.');
    await page.getByTestId('leave-from').fill(from);
    await page.getByTestId('leave-to').fill(to);
    expect(await page.getByTestId('leave-missing').count()).toBe(0);
    await page.getByTestId('leave-request').click();
    await page.getByTestId('leave-status').filter({ hasText: `Asked for leave from ${from} to ${to}` }).waitFor();
    await expect(page.getByTestId('leave-mine').innerText()).resolves.toMatch(/Sick leave.*看病[\s\S]*waiting/);
    expect(await mine()).toEqual([{ from, to, status: 'REQUESTED', reason: '看病' }]);
    await fits(page, 'leave-pane');

    await page.getByTestId('leave-from').fill(to);
    await page.getByTestId('leave-reason').fill('again');
    await page.getByTestId('leave-request').click();
    await refusal(page, 'leave-status', 'You already asked for leave');
    expect(await mine()).toHaveLength(1);

    await page.getByTestId('sign-out').click();
    await signIn(page, 'manager');
    await openScreen(page, 'leave');
    const item = page.getByTestId('leave-waiting-item').filter({ hasText: '看病' });
    await item.waitFor();
    await fits(page, 'leave-pane');
    await shot(page, 'leave');
    await item.getByTestId('leave-comment').fill('早日康复');
    await item.getByTestId('leave-approve').click();
    await page.getByTestId('leave-status').filter({ hasText: 'is approved' }).waitFor();
    await page.getByTestId('leave-waiting-empty').waitFor();
    await expect(page.getByTestId('leave-decided').innerText()).resolves.toContain('approved');
    expect((await api(page, rep, '{ leaveRequests { status comment } }')).data.leaveRequests).toEqual([{ status: 'APPROVED', comment: '早日康复' }]);
  }, 120_000);

  it('attendance: the manager writes a month’s summary to a sheet, with minutes late; the rep, in Chinese, only their own row', async () => {
    const page = await paneAs('manager', 'tab-leave');
    const finance = await tokenFor(page, 'finance');
    const admin = await tokenFor(page, 'admin');
    const repPerson = (await api(page, admin, 'query($id: ID!) { person(id: $id) { employeeNo hireDate } }', { id: await person(page, admin, 'rep') })).data.person;
    const repNo = repPerson.employeeNo;
    // Employed the whole of June 2025: 20 working days (21 weekdays less Monday the 2nd, the Dragon Boat Festival).
    expect(repPerson.hireDate < '2025-06-01').toBe(true);
    const days = [['2025-06-02', 'PRESENT', null], ['2025-06-03', 'LATE', 15], ['2025-06-04', 'LATE', 5], ['2025-06-05', 'ABSENT', null], ['2025-06-06', 'SICK_LEAVE', null]] as const;
    const imported = await api(page, finance, 'mutation($r: [AttendanceInput!]!) { importAttendance(records: $r) { created } }', { r: days.map(([date, status, lateMinutes]) => ({ employeeNo: repNo, date, status, lateMinutes })) });
    expect(imported.data.importAttendance.created).toBe(5);

    await page.getByTestId('attendance-month').fill('2025-06');
    await page.getByTestId('attendance-to-sheet').click();
    await page.getByTestId('attendance-status').filter({ hasText: '“Attendance 2025-06”' }).waitFor();
    const sheet = await readSheet(page, 'Attendance 2025-06', 'A1:O6');
    const header = sheet.findIndex((r) => r[0] === 'Employee no.');
    expect(sheet[header]).toEqual([
      'Employee no.', 'Name', 'Present', 'Late (days)', 'Late (minutes)', 'Left early', 'Absent', 'Personal leave', 'Sick leave', 'Leave not approved', 'Field visit',
      'Working days (payroll)', 'Working days not recorded (present)', 'Field visit without slip (absent)', 'Records on rest days (not counted)',
    ]);
    const row = sheet.slice(header + 1).find((r) => r[0] === repNo)!;
    // Sick leave with no approved request beforehand counts apart (as absence in payroll). As payroll counts the month:
    // 20 working days, 16 of them unrecorded (present), and the holiday's record (the 2nd) not counted.
    expect(row.slice(2)).toEqual([1, 2, 20, 0, 1, 0, 0, 1, 0, 20, 16, 0, 1]);
    await fits(page, 'leave-pane');

    // A month with nothing recorded says so, and writes nothing.
    await page.getByTestId('attendance-month').fill('2025-05');
    await page.getByTestId('attendance-to-sheet').click();
    await page.getByTestId('attendance-status').filter({ hasText: 'No attendance is recorded for May 2025' }).waitFor();

    // The rep, in Chinese: their own row only.
    await page.getByTestId('sign-out').click();
    await signIn(page, 'rep');
    await openScreen(page, 'leave');
    await page.getByTestId('language').selectOption('zh-CN');
    await page.getByTestId('attendance-month').fill('2025-06');
    await page.getByTestId('attendance-to-sheet').click();
    // The same workbook: the month's sheet is found by its tags and rewritten under the name it has.
    await page.getByTestId('attendance-status').filter({ hasText: '已将 1 行写入“Attendance 2025-06”' }).waitFor();
    const mine = await readSheet(page, 'Attendance 2025-06', 'A1:O6');
    const h = mine.findIndex((r) => r[0] === '工号');
    expect(mine[h]!.slice(11)).toEqual(['应出勤天数（工资）', '未记录工作日（按出勤）', '外勤无出访单（按缺勤）', '休息日记录（不计）']);
    expect(mine.slice(h + 1).filter((r) => r[0] !== '' && r[0] !== null)).toEqual([[repNo, expect.any(String), 1, 2, 20, 0, 1, 0, 0, 1, 0, 20, 16, 0, 1]]);
    // A month with no record of them: their own row is written all the same, every working day unrecorded (present), and said so.
    await page.getByTestId('attendance-month').fill('2025-05');
    await page.getByTestId('attendance-to-sheet').click();
    await page.getByTestId('attendance-status').filter({ hasText: '没有您的考勤记录' }).waitFor();
    const maySheet = (await page.getByTestId('attendance-status').innerText()).match(/“(.+?)”/)![1]!;
    const mayRow = (await readSheet(page, maySheet, 'A1:O6')).find((r) => r[0] === repNo)!;
    // Nothing recorded; every working day of the month unrecorded, so present.
    expect(mayRow.slice(2, 11)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(mayRow[11]).toBeGreaterThan(15);
    expect(mayRow[12]).toBe(mayRow[11]);
  }, 120_000);

  it('promotions: the manager promotes a qualifying rep; a stale proposal is refused and changes nothing', async () => {
    const page = await paneAs('manager', 'tab-promotions');
    const admin = await tokenFor(page, 'admin');
    const finance = await tokenFor(page, 'finance');
    const manager = await tokenFor(page, 'manager');
    const repId = await person(page, admin, 'rep');
    const rep = (await api(page, admin, 'query($id: ID!) { person(id: $id) { employeeNo rank version } }', { id: repId })).data.person;
    await api(page, admin, 'mutation($id: ID!, $v: Int!) { updatePerson(id: $id, version: $v, input: { rank: SR }) { version } }', { id: repId, v: rep.version });
    await api(page, finance, 'mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', {
      r: [{ externalId: 'CHORE-PROMO-1', employeeNo: rep.employeeNo, date: '2026-02-10', amount: '16000.00' }],
    });
    const rank = async () => (await api(page, admin, 'query($id: ID!) { person(id: $id) { rank } }', { id: repId })).data.person.rank;

    await page.getByTestId('promotions-month').fill('2026-01');
    await page.getByTestId('promotions-empty').waitFor();
    await page.getByTestId('promotions-month').fill('2026-02');
    const item = page.getByTestId('promotion-item').filter({ hasText: rep.employeeNo });
    await item.waitFor();
    await expect(item.innerText()).resolves.toMatch(/SR → SE[\s\S]*No approved scorecard yet[\s\S]*own sales ¥16,000\.00 ≥ ¥15,000\.00/);
    await fits(page, 'promotions-pane');
    await shot(page, 'promotions');

    // Someone edits the rep meanwhile: the proposal on screen is stale and is refused.
    const now = (await api(page, manager, 'query($id: ID!) { person(id: $id) { version } }', { id: repId })).data.person.version;
    await api(page, manager, 'mutation($id: ID!, $v: Int!) { updatePerson(id: $id, version: $v, input: { phone: "13800000000" }) { version } }', { id: repId, v: now });
    await item.getByTestId('promotion-apply').click();
    await refusal(page, 'promotions-status', 'Someone else changed');
    expect(await rank()).toBe('SR');

    // The refusal brought the proposal back as it stands: trying again works.
    await item.getByTestId('promotion-reason').fill('二月业绩达标');
    await item.getByTestId('promotion-apply').click();
    await page.getByTestId('promotions-status').filter({ hasText: 'is promoted to SE' }).waitFor();
    await expect(item.count()).resolves.toBe(0);
    expect(await rank()).toBe('SE');
  }, 120_000);

  it('month end: plan assignment (own refused), mark paid, reopen by an admin, lock and unlock a period', async () => {
    const page = await paneAs('finance', 'tab-month-end');
    const admin = await tokenFor(page, 'admin');
    const finance = await tokenFor(page, 'finance');
    const repId = await person(page, admin, 'rep');
    const financeId = await person(page, admin, 'finance');
    const assignments = async () => (await api(page, finance, '{ compensationAssignments { personId effectiveFrom planCode } }')).data.compensationAssignments;

    // A run of the rep's team for 2026-01, signed off to LOCKED through the API.
    const teamId = (await api(page, admin, 'query($id: ID!) { person(id: $id) { unitId } }', { id: repId })).data.person.unitId;
    const created = (await api(page, finance, 'mutation($u: ID!) { createPayrollRun(month: "2026-01", scopeUnitId: $u) { run { id revision } } }', { u: teamId })).data.createPayrollRun.run;
    let rev = (await api(page, finance, 'mutation($id: ID!, $r: Int!) { calculatePayrollRun(id: $id, revision: $r) { run { revision } } }', { id: created.id, r: created.revision })).data.calculatePayrollRun.run.revision;
    rev = (await api(page, finance, 'mutation($id: ID!, $r: Int!) { submitPayrollRun(id: $id, revision: $r) { run { revision } } }', { id: created.id, r: rev })).data.submitPayrollRun.run.revision;
    for (const signer of ['finmgr', 'director', 'gm']) {
      const t = await tokenFor(page, signer);
      rev = (await api(page, t, 'mutation($id: ID!, $r: Int!) { approvePayrollRun(id: $id, revision: $r) { run { revision status } } }', { id: created.id, r: rev })).data.approvePayrollRun.run.revision;
    }
    const runs = async () => (await api(page, finance, '{ payrollRuns(month: "2026-01") { version status } }')).data.payrollRuns;

    await page.getByTestId('closed-runs-month').fill('2026-02');
    await page.getByTestId('closed-runs-empty').waitFor();
    await page.getByTestId('closed-runs-month').fill('2026-01');
    await page.getByTestId('closed-run-status').filter({ hasText: 'locked' }).waitFor();
    await expect(page.getByTestId('reopen-run').count()).resolves.toBe(0);
    await page.getByTestId('mark-paid').click();
    await page.getByTestId('closed-runs-status').filter({ hasText: 'marked paid' }).waitFor();
    await page.getByTestId('closed-run-status').filter({ hasText: 'paid' }).waitFor();
    expect(await runs()).toEqual([{ version: 1, status: 'PAID' }]);
    // Nothing left for finance to do with it, and the screen says why.
    await expect(page.getByTestId('closed-run-note').innerText()).resolves.toBe('Paid. Only an admin can reopen it, with a reason.');

    // Plan assignment: to the rep from a day; to oneself is refused.
    const before = await assignments();
    await pick(page, 'assign-person', '', repId);
    await page.getByTestId('assign-from').fill('2026-07-01');
    await page.getByTestId('assign-submit').click();
    await page.getByTestId('assign-status').filter({ hasText: 'from 2026-07-01' }).waitFor();
    const after = await assignments();
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]).toMatchObject({ personId: repId, effectiveFrom: '2026-07-01' });
    await expect(page.getByTestId('assignments').innerText()).resolves.toContain('2026-07-01');
    await pick(page, 'assign-person', '', financeId);
    await page.getByTestId('assign-submit').click();
    await refusal(page, 'assign-status', 'Nobody may change what decides their own pay');
    expect(await assignments()).toHaveLength(after.length);
    // By rank, from a day; one's own position is refused.
    await page.getByTestId('assign-target').selectOption('rank');
    await page.getByTestId('assign-rank').selectOption('SSD');
    await page.getByTestId('assign-from').fill('2026-08-01');
    await page.getByTestId('assign-submit').click();
    await page.getByTestId('assign-status').filter({ hasText: 'to rank SSD from 2026-08-01' }).waitFor();
    expect((await assignments())[0]).toMatchObject({ personId: null, effectiveFrom: '2026-08-01' });
    await page.getByTestId('assign-target').selectOption('position');
    await page.getByTestId('assign-position').selectOption('FINANCE');
    await page.getByTestId('assign-submit').click();
    await refusal(page, 'assign-status', 'Nobody may change what decides their own pay');
    expect(await assignments()).toHaveLength(after.length + 1);
    await expect(page.getByTestId('lock-submit').count()).resolves.toBe(0);
    await fits(page, 'month-end-pane');
    await shot(page, 'month-end-finance');

    // The admin reopens the paid run with a reason, then locks and unlocks a period.
    await page.getByTestId('sign-out').click();
    await signIn(page, 'admin');
    await openScreen(page, 'month-end');
    await page.getByTestId('closed-runs-month').fill('2026-01');
    await page.getByTestId('reopen-reason').fill('补发一月奖金');
    await page.getByTestId('reopen-run').click();
    await page.getByTestId('closed-runs-status').filter({ hasText: 'Reopened: version 2' }).waitFor();
    expect(await runs()).toEqual(expect.arrayContaining([{ version: 1, status: 'PAID' }, { version: 2, status: 'DRAFT' }]));
    // Replaced by version 2: version 1 is no longer offered to reopen (again) or pay.
    await expect(page.getByTestId('reopen-run').count()).resolves.toBe(0);

    const locks = async () => (await api(page, admin, '{ lockedPeriods { periodKey reason } }')).data.lockedPeriods;
    await page.getByTestId('locks-empty').waitFor();
    await page.getByTestId('lock-period').fill('2025-12');
    await page.getByTestId('lock-reason').fill('2025 年结账');
    await page.getByTestId('lock-submit').click();
    await page.getByTestId('locks-status').filter({ hasText: 'Dec 2025 is locked' }).waitFor();
    await expect(page.getByTestId('locks').innerText()).resolves.toContain('Dec 2025: 2025 年结账');
    expect(await locks()).toEqual([{ periodKey: '2025-12', reason: '2025 年结账' }]);
    await page.getByTestId('lock-reason').fill('again');
    await page.getByTestId('lock-submit').click();
    await refusal(page, 'locks-status', 'already locked');
    expect(await locks()).toEqual([{ periodKey: '2025-12', reason: '2025 年结账' }]);
    await fits(page, 'month-end-pane');
    await shot(page, 'month-end-admin');
    await page.getByTestId('unlock-reason').fill('更正');
    await page.getByTestId('unlock').click();
    await page.getByTestId('locks-status').filter({ hasText: 'Dec 2025 is open again' }).waitFor();
    await page.getByTestId('locks-empty').waitFor();
    expect(await locks()).toEqual([]);
  }, 180_000);

  it('working calendar: the admin, in Chinese, pulls 2027 to a sheet, types its holidays in, a wrong cell is named and nothing saved; then saved; finance only looks', async () => {
    const page = await e2e.pane('zh-CN');
    await page.setViewportSize({ width: WIDTH, height: 1200 });
    await signIn(page, 'admin');
    await openScreen(page, 'month-end');
    const admin = await tokenFor(page, 'admin');
    const year = async () => (await api(page, admin, '{ workingCalendar(year: 2027) { days { date kind name source } months { month workingDays } } }')).data.workingCalendar;
    const type = (cell: string, value: string | number) => page.evaluate(({ cell, value }) => (window as any).__standIn.type('工作日历 2027', cell, value), { cell, value });
    const sheet = '工作日历 2027';
    expect((await year()).days).toEqual([]);

    await page.getByTestId('calendar-year').fill('2027');
    await page.getByTestId('calendar-pull').click();
    await page.getByTestId('calendar-status').filter({ hasText: `已写入“${sheet}”。2027 年尚无任何日期` }).waitFor();
    expect((await readSheet(page, sheet, 'A2:F3'))).toEqual([
      ['日期', '类型', '名称', '来源', '月份', '工作日（已保存）'],
      ['', '', '', '', '2027-01', 21],
    ]);

    // New Year's Day, and a make-up day typed on a Monday by mistake.
    await type('A3', '2027-01-01');
    await type('B3', '法定节假日');
    await type('C3', '元旦');
    await type('A4', '2027/2/8');
    await type('B4', '调休上班');
    await type('C4', '春节调休');
    await page.getByTestId('calendar-save').click();
    await page.getByTestId('plan-issue').filter({ hasText: `${sheet}!B4: 调休上班日只能是星期六或星期日。` }).waitFor();
    expect((await year()).days).toEqual([]);
    // Pulling again now would drop the typing: the pane asks first.
    await page.getByTestId('calendar-pull').click();
    await page.getByTestId('calendar-unsaved').filter({ hasText: '有尚未保存的修改' }).waitFor();
    expect(await readSheet(page, sheet, 'A4')).toEqual([['2027/2/8']]);

    await type('A4', '2027年2月6日');
    await page.getByTestId('calendar-save').click();
    await page.getByTestId('calendar-status').filter({ hasText: '已保存 2027 年日历：法定节假日 1 天，调休上班日 1 天' }).waitFor();
    const saved = await year();
    expect(saved.days).toEqual([
      { date: '2027-01-01', kind: 'HOLIDAY', name: '元旦', source: 'admin' },
      { date: '2027-02-06', kind: 'WORKDAY', name: '春节调休', source: 'admin' },
    ]);
    // January: 21 weekdays − New Year's Day; February: 20 weekdays + one Saturday worked.
    expect(saved.months.slice(0, 2)).toEqual([{ month: '2027-01', workingDays: 20 }, { month: '2027-02', workingDays: 21 }]);
    // The sheet is written again as saved: the days in order, their source, the months' working days.
    expect(await readSheet(page, sheet, 'A3:F4')).toEqual([
      ['2027-01-01', '法定节假日', '元旦', '管理员录入', '2027-01', 20],
      ['2027-02-06', '调休上班', '春节调休', '管理员录入', '2027-02', 21],
    ]);
    await expect(page.getByTestId('calendar-unsaved').count()).resolves.toBe(0);
    // Another admin saves the year meanwhile; this sheet was not typed in, so pulling again just shows their year.
    const fingerprint = (await api(page, admin, '{ workingCalendar(year: 2027) { fingerprint } }')).data.workingCalendar.fingerprint;
    const days = [...saved.days.map(({ date, kind, name }: { date: string; kind: string; name: string }) => ({ date, kind, name })), { date: '2027-10-01', kind: 'HOLIDAY', name: '国庆节' }];
    const other = await api(page, admin, 'mutation($f: String!, $d: [WorkingCalendarDayInput!]!) { replaceWorkingCalendarYear(year: 2027, fingerprint: $f, days: $d) { days { date } } }', { f: fingerprint, d: days });
    expect(other.data.replaceWorkingCalendarYear.days).toHaveLength(3);
    await page.getByTestId('calendar-pull').click();
    await page.getByTestId('calendar-status').filter({ hasText: '法定节假日 2 天' }).waitFor();
    await expect(page.getByTestId('calendar-unsaved').count()).resolves.toBe(0);
    expect((await readSheet(page, sheet, 'A5:C5'))).toEqual([['2027-10-01', '法定节假日', '国庆节']]);
    // The section speaks Chinese only (the plan codes listed above it are data).
    expect((await page.getByTestId('calendar').innerText()).match(/[A-Za-z]{3,}/g)).toBeNull();
    await fits(page, 'month-end-pane');
    await shot(page, 'working-calendar-zh');

    // 2026 as seeded: the names the seed keeps in both languages show in Chinese only, and saving the
    // untouched sheet changes nothing (the names are kept as they were, not saved as the admin's).
    const kept = async () => (await api(page, admin, '{ workingCalendar(year: 2026) { fingerprint days { date name source } } }')).data.workingCalendar;
    const seeded = await kept();
    expect(seeded.days.find((d: { date: string }) => d.date === '2026-02-17').name).toMatch(/^春节 [A-Z]/);
    await page.getByTestId('calendar-year').fill('2026');
    await page.getByTestId('calendar-pull').click();
    await page.getByTestId('calendar-status').filter({ hasText: '已将 2026 年日历写入' }).waitFor();
    const names = (await readSheet(page, '工作日历 2026', 'C3:C60')).map((r) => String(r[0])).filter(Boolean);
    expect(names).toContain('春节');
    expect(names.filter((n) => /[A-Za-z]/.test(n))).toEqual([]);
    await page.getByTestId('calendar-save').click();
    await page.getByTestId('calendar-status').filter({ hasText: '工作表中的 2026 年日历与已保存的一致，无需保存。' }).waitFor();
    expect(await kept()).toEqual(seeded);

    // Finance may look, not change: a grey sheet, and no Save.
    const fin = await paneAs('finance', 'tab-month-end');
    await fin.getByTestId('calendar-year').fill('2027');
    await fin.getByTestId('calendar-pull').click();
    await fin.getByTestId('calendar-status').filter({ hasText: 'Public holidays: 2; make-up working days: 1; working days in the year: 260.' }).waitFor();
    await expect(fin.getByTestId('calendar-save').count()).resolves.toBe(0);
    await fin.getByText('Only admins change the calendar').waitFor();
    expect(await readSheet(fin, 'Working calendar 2027', 'A3:B3')).toEqual([['2027-01-01', 'Public holiday']]);
    // A year with no days yet: finance is told who enters them, not asked to type rows only admins may save.
    await fin.getByTestId('calendar-year').fill('2029');
    await fin.getByTestId('calendar-pull').click();
    const empty = await fin.getByTestId('calendar-status').filter({ hasText: '2029 has no days yet' }).innerText();
    expect(empty).toContain('an admin enters');
    expect(empty).not.toMatch(/yellow rows|then save/);
  }, 180_000);

  it('settings: the admin sets the plan due day; a spot-check size out of range is refused and changes nothing', async () => {
    const page = await paneAs('admin', 'tab-users');
    const admin = await tokenFor(page, 'admin');
    const settings = async () => (await api(page, admin, '{ fiscalYearStartMonth repPlanDueDay workLogSampleSize }')).data;
    const before = await settings();
    await expect(page.getByTestId('setting-fiscalYearStartMonth').inputValue()).resolves.toBe(String(before.fiscalYearStartMonth));
    await expect(page.getByTestId('setting-repPlanDueDay').inputValue()).resolves.toBe(String(before.repPlanDueDay));
    await page.getByTestId('setting-repPlanDueDay').fill('25');
    await page.getByTestId('save-repPlanDueDay').click();
    await page.getByTestId('settings-status').filter({ hasText: 'Saved: the plan due day is now 25.' }).waitFor();
    expect((await settings()).repPlanDueDay).toBe(25);
    await page.getByTestId('setting-workLogSampleSize').fill('80');
    await page.getByTestId('save-workLogSampleSize').click();
    await refusal(page, 'settings-status', 'from 1 to 50, not 80');
    expect(await settings()).toEqual({ ...before, repPlanDueDay: 25 });
    await fits(page, 'users-pane');
  }, 120_000);

  it('users: the admin creates a user for a person, changes roles, disables and resets; a taken name is refused; no buttons for oneself', async () => {
    const page = await paneAs('admin', 'tab-users');
    const admin = await tokenFor(page, 'admin');
    const users = async () => (await api(page, admin, '{ users { username roles personId disabled } }')).data.users as { username: string; roles: string[]; personId: string | null; disabled: boolean }[];
    const withUser = new Set((await users()).map((u) => u.personId));
    const roster = (await api(page, admin, '{ roster(first: 500) { edges { node { id employeeNo } } } }')).data.roster.edges.map((e: { node: { id: string; employeeNo: string } }) => e.node);
    const someone = roster.find((p: { id: string }) => !withUser.has(p.id))!;

    await page.getByTestId('user-item').first().waitFor();
    await page.locator('[data-testid=user-item][data-username=admin]').getByTestId('user-open').click();
    await expect(page.locator('[data-testid=user-item][data-username=admin]').innerText()).resolves.toContain('you');
    await expect(page.getByTestId('user-actions').count()).resolves.toBe(0);

    const count = (await users()).length;
    await page.getByTestId('new-username').fill('rep');
    await page.getByTestId('new-user-password').fill('a-long-enough-password');
    await page.getByTestId('new-role-REP').check();
    await page.getByTestId('create-user').click();
    await refusal(page, 'users-status', 'is taken');
    expect(await users()).toHaveLength(count);

    await page.getByTestId('new-username').fill('chores.new');
    await pick(page, 'new-user-person', someone.employeeNo, someone.id);
    await page.getByTestId('create-user').click();
    await page.getByTestId('users-status').filter({ hasText: 'Created user chores.new' }).waitFor();
    expect((await users()).find((u) => u.username === 'chores.new')).toEqual({ username: 'chores.new', roles: ['REP'], personId: someone.id, disabled: false });

    const item = page.locator('[data-testid=user-item][data-username="chores.new"]');
    await item.getByTestId('user-actions').waitFor();
    await item.getByTestId('add-role').selectOption('MANAGER');
    await item.getByTestId('add-role-submit').click();
    await item.getByTestId('remove-role-REP').waitFor();
    await item.getByTestId('remove-role-REP').click();
    await page.getByTestId('users-status').filter({ hasText: 'Saved chores.new' }).waitFor();
    await expect(item.getByTestId('remove-role-REP').count()).resolves.toBe(0);
    await item.getByTestId('disable-user').click();
    await item.getByTestId('enable-user').waitFor();
    await expect(item.getByTestId('user-summary').innerText()).resolves.toContain('disabled');
    expect((await users()).find((u) => u.username === 'chores.new')).toMatchObject({ roles: ['MANAGER'], disabled: true });
    await item.getByTestId('enable-user').click();
    await item.getByTestId('disable-user').waitFor();
    await item.getByTestId('new-password').fill('another-long-password');
    await item.getByTestId('reset-password').click();
    await page.getByTestId('users-status').filter({ hasText: 'The password of chores.new is reset' }).waitFor();
    const login = await api(page, null, 'mutation { login(username: "chores.new", password: "another-long-password") { viewer { roles } } }');
    expect(login.data.login.viewer.roles).toEqual(['MANAGER']);
    // Opening another user clears what the last action said about this one.
    await page.locator('[data-testid=user-item][data-username=rep]').getByTestId('user-open').click();
    await page.locator('[data-testid=user-item][data-username=rep]').getByTestId('user-actions').waitFor();
    await expect(page.getByTestId('users-status').count()).resolves.toBe(0);
    await fits(page, 'users-pane');
    await shot(page, 'users');
  }, 120_000);

  it('users: the admin names the region a finance user serves; that user’s payroll screen says so and offers only its units', async () => {
    const page = await paneAs('admin', 'tab-users');
    const admin = await tokenFor(page, 'admin');
    const region = (await api(page, admin, '{ orgTree { id name kind parentId } }')).data.orgTree.find((u: { kind: string }) => u.kind === 'REGION') as { id: string; name: string };
    await page.getByTestId('user-item').first().waitFor();
    await page.getByTestId('new-username').fill('chores.east');
    await page.getByTestId('new-user-password').fill('quotabook-demo');
    await page.getByTestId('new-role-FINANCE').check();
    await page.getByTestId('create-user').click();
    await page.getByTestId('users-status').filter({ hasText: 'Created user chores.east' }).waitFor();
    const item = page.locator('[data-testid=user-item][data-username="chores.east"]');
    await item.getByTestId('served-units').filter({ hasText: 'Serves every unit' }).waitFor();
    await item.locator(`[data-testid=add-served] option[value="${region.id}"]`).waitFor({ state: 'attached' });
    await item.getByTestId('add-served').selectOption(region.id);
    await item.getByTestId('add-served-submit').click();
    await item.getByTestId('remove-served').filter({ hasText: region.name }).waitFor();
    const servedOf = async () => (await api(page, admin, '{ users { username servedUnits { id } } }')).data.users.find((u: { username: string }) => u.username === 'chores.east').servedUnits;
    expect(await servedOf()).toEqual([{ id: region.id }]);
    // A unit inside the served region is served with it: not offered again.
    const tree = (await api(page, admin, '{ orgTree { id parentId } }')).data.orgTree as { id: string; parentId: string | null }[];
    const child = tree.find((u) => u.parentId === region.id)!;
    await expect(item.locator(`[data-testid=add-served] option[value="${child.id}"]`).count()).resolves.toBe(0);
    // Removing the only unit would make the user serve every unit: asked first, and kept when the admin says no.
    await item.getByTestId('remove-served').click();
    await item.getByTestId('remove-last-served').filter({ hasText: 'serves every unit' }).waitFor();
    await item.getByTestId('remove-last-served-no').click();
    await expect(item.getByTestId('remove-last-served').count()).resolves.toBe(0);
    expect(await servedOf()).toEqual([{ id: region.id }]);
    await fits(page, 'users-pane');

    const east = await e2e.pane();
    await east.setViewportSize({ width: WIDTH, height: 1200 });
    await signIn(east, 'chores.east');
    await openScreen(east, 'payroll');
    await east.getByTestId('payroll-served-units').filter({ hasText: region.name }).waitFor();
    const token = await tokenFor(east, 'chores.east');
    const mine = (await api(east, token, '{ orgTree { id } }')).data.orgTree.map((u: { id: string }) => u.id).sort();
    const all = (await api(page, admin, '{ orgTree { id } }')).data.orgTree.length;
    expect(mine.length).toBeLessThan(all);
    const offered = await east.getByTestId('payroll-unit').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(offered.sort()).toEqual(mine);
    expect(offered).toContain(region.id);
    // A run of the whole company, by finance who serve every unit: the served user reads it but is offered no step on it.
    const finance = await tokenFor(page, 'finance');
    const top = (await api(page, admin, '{ orgTree { id parentId } }')).data.orgTree.find((u: { parentId: string | null }) => !u.parentId).id;
    const created = await api(page, finance, 'mutation($u: ID!) { createPayrollRun(month: "2025-02", scopeUnitId: $u) { run { id } } }', { u: top });
    expect(created.errors).toBeUndefined();
    await east.getByTestId('payroll-month').fill('2025-02');
    await east.getByTestId('payroll-not-served').filter({ hasText: 'shows only the people and figures of the units you serve' }).waitFor();
    await expect(east.getByTestId('payroll-calculate').count()).resolves.toBe(0);
    await fits(east, 'payroll-pane');
    // Month end: plans are read-only to them, and assigned to a person only (a rank or a position reaches the whole company).
    await openScreen(east, 'month-end');
    await east.getByTestId('comp-plans-read-only').waitFor();
    await east.getByTestId('comp-plans-plan').waitFor();
    await east.getByTestId('assign-plan').waitFor();
    await expect(east.getByTestId('comp-plans-save').count()).resolves.toBe(0);
    await expect(east.getByTestId('comp-plans-new').count()).resolves.toBe(0);
    const targets = await east.getByTestId('assign-target').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(targets).toEqual(['person']);
    await fits(east, 'month-end-pane');
    // Plan reviews are the sales line's: finance is not offered the screen (brief §8; the server refuses them the roster too).
    await expect(east.getByTestId('tab-plan-reviews').count()).resolves.toBe(0);
    await east.getByTestId('nav-more').click();
    const more = east.locator('[data-testid^="nav-more-"]');
    await more.first().waitFor();
    const offeredScreens = await more.evaluateAll((items) => items.map((i) => i.getAttribute('data-testid')));
    expect(offeredScreens).toContain('nav-more-payroll');
    expect(offeredScreens).not.toContain('nav-more-plan-reviews');
    await east.keyboard.press('Escape');
  }, 120_000);
});
