/**
 * A locked period (brief §2): nothing dated in it changes without an
 * explicit, audited reopen — here the dated records beyond target plans,
 * payroll and scorecards: a sale imported again under another date (moving
 * it out of a locked month), work logs and reports, leave requests and
 * their decisions, visit slips and their decisions, rep plans, and roster
 * changes taking effect in the period (a hire, a transfer, a leave date, a
 * pay term, a promotion's new rank). Each is refused with PERIOD_LOCKED (or
 * the import's IN_LOCKED_PERIOD by cell, also for a lock taken between an
 * import's checks and its write), nothing changes, and after the reopen the
 * same change goes through. The lists a manager decides from mark such an
 * item `locked` while the period is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseSnapshot, startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { addDays, today } from '../../schema/dates.ts';
import { mondayOf } from '../../schema/work-reports.ts';
import { planWeeks } from '../../schema/rep-plan.ts';
import { importAttendanceFrom, importSalesFrom } from '../../server/imports/preview.ts';
import { resolveSession } from '../../server/auth/sessions.ts';
import { createThrottle } from '../../server/auth/throttle.ts';
import { systemClock } from '../../server/clock.ts';
import type { Context } from '../../server/context.ts';

type Ext = { code?: string; reason?: string; field?: string; params?: Record<string, unknown>; problems?: { field: string; reason: string; params: Record<string, unknown> }[] };
const ext = (r: GqlResult) => (r.errors?.[0]?.extensions ?? {}) as Ext;
const ok = (r: GqlResult) => {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data;
};

const IMPORT = 'mutation($records: [SaleInput!]!) { importSalesActuals(records: $records) { created updated unchanged } }';
const SAVE_LOG = 'mutation($d: String!, $i: WorkLogInput!) { saveWorkLog(day: $d, input: $i) { id } }';
const SAVE_WEEKLY = 'mutation($w: String!, $i: WeeklyReportInput!) { saveWeeklyReport(week: $w, input: $i) { id } }';
const SAVE_MONTHLY = 'mutation($m: String!, $i: MonthlyReportInput!) { saveMonthlyReport(month: $m, input: $i) { id } }';
const REQUEST_LEAVE = 'mutation($f: Date!) { requestLeave(kind: PERSONAL_LEAVE, from: $f, to: $f, reason: "家事") { id status } }';
const DECIDE_LEAVE = 'mutation($id: ID!) { decideLeave(id: $id, approve: true) { id status } }';
const SLIP = 'id status revision';
const REQUEST_SLIP = `mutation($i: VisitSlipInput!) { requestVisitSlip(input: $i) { ${SLIP} } }`;
const APPROVE_SLIP = `mutation($id: ID!, $r: Int!) { approveVisitSlip(id: $id, revision: $r) { ${SLIP} } }`;
const CHECK_SLIP = `mutation($id: ID!, $r: Int!) { checkVisitSlip(id: $id, revision: $r, kind: SPOT, ok: true, result: "电话抽查") { ${SLIP} } }`;
const slip = (day: string) => ({ destination: '苏州工业园区星湖街 88 号', contactPerson: '王经理', purpose: '季度回访', plannedOut: `${day}T01:00:00Z`, plannedBack: `${day}T09:00:00Z` });

describe.each(testProviders)('dated records in a locked period on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'manager' | 'rep', string>;
  let repNo: string;
  const now = today();
  const month = now.slice(0, 7);
  const next = addDays(`${month}-28`, 7).slice(0, 7);
  const lock = (p: string) => s.gql(`mutation { lockPeriod(periodKey: "${p}", reason: "月结") { periodKey } }`, {}, t.admin).then(ok);
  const reopen = (p: string) => s.gql(`mutation { reopenPeriod(periodKey: "${p}", reason: "更正") }`, {}, t.admin).then(ok);
  /** The leave requests the manager's list marks as in a locked period. */
  const lockedLeave = async () => (ok(await s.gql('{ leaveRequests { id locked } }', {}, t.manager)).leaveRequests as { id: string; locked: boolean }[]).filter((r) => r.locked).map((r) => r.id);

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'manager', 'rep'] as const) t[u] = await s.login(u);
    repNo = (await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' }, include: { person: true } })).person!.employeeNo;
  });
  afterAll(() => s.close());

  it('refuses a sale imported again under a date outside a locked month it was in, by cell, until the month is reopened', async () => {
    const sale = { externalId: 'LOCK-MOVE-1', employeeNo: repNo, date: '2026-01-15', amount: '1200.00' };
    expect(ok(await s.gql(IMPORT, { records: [sale] }, t.finance)).importSalesActuals).toMatchObject({ created: 1 });
    await lock('2026-01');
    const before = await databaseSnapshot(s.db);
    const moved = await s.refused(IMPORT, { records: [{ ...sale, date: '2026-02-03' }] }, t.finance);
    expect(ext(moved).problems?.[0]).toMatchObject({ field: 'date', reason: 'IN_LOCKED_PERIOD', params: { date: '2026-01-15', period: '2026-01' } });
    expect(await databaseSnapshot(s.db)).toBe(before);
    await reopen('2026-01');
    expect(ok(await s.gql(IMPORT, { records: [{ ...sale, date: '2026-02-03' }] }, t.finance)).importSalesActuals).toMatchObject({ updated: 1 });
  });

  it('refuses an import whose month was locked after its checks, before its write: by sheet and cell, nothing written', async () => {
    const session = await resolveSession(s.db.prisma, `Bearer ${t.finance}`);
    // The finance user's context, whose write transaction starts only once an admin has locked February (the database then taken as it stands).
    let locked = '';
    const lockingFirst = new Proxy(s.db.prisma, {
      get: (db, key) =>
        key === '$transaction'
          ? async (...args: unknown[]) => {
              await lock('2026-02');
              locked = await databaseSnapshot(s.db);
              return (db.$transaction as (...a: unknown[]) => unknown)(...args);
            }
          : Reflect.get(db, key),
    });
    const ctx: Context = { prisma: lockingFirst, config: s.config, viewer: 'viewer' in session ? session.viewer : null, sessionProblem: null, clock: systemClock, loginThrottle: createThrottle(), memo: new Map() };
    const sales = { sheet: '二月销售', rows: [['单号', '工号', '日期', '金额'], ['LOCK-RACE-1', repNo, '2026-01-30', 80], ['LOCK-RACE-2', repNo, '2026-02-10', 120.5]] };
    const attendance = { sheet: '二月考勤', rows: [['工号', '日期', '状态'], [repNo, '2026-02-11', '旷工']] };
    for (const [run, sheet, cell, date] of [
      [() => importSalesFrom(ctx, { grid: sales }), sales.sheet, 'C3', '2026-02-10'],
      [() => importAttendanceFrom(ctx, { grid: attendance }), attendance.sheet, 'B2', '2026-02-11'],
    ] as const) {
      const refusal = await run().then(
        () => expect.fail(`${sheet} was imported into a month locked before its write`),
        (e: { extensions: Ext }) => e.extensions,
      );
      expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IMPORT_REJECTED', params: { count: 1 } });
      expect(refusal.problems).toEqual([expect.objectContaining({ sheet, cell, field: 'date', reason: 'IN_LOCKED_PERIOD', params: { date, period: '2026-02' } })]);
      expect(await databaseSnapshot(s.db)).toBe(locked);
      await reopen('2026-02');
    }
    // Reopened (and nobody locking it again), the same sales go through.
    await expect(importSalesFrom({ ...ctx, prisma: s.db.prisma }, { grid: sales })).resolves.toMatchObject({ created: 2, updated: 0, unchanged: 0, auditId: expect.any(String) });
  });

  it('refuses work logs and reports dated in a locked month, until it is reopened', async () => {
    await lock(month);
    const before = await databaseSnapshot(s.db);
    const log = { calls: 8, visits: 2, deals: 1, customersMet: '星湖电子', notes: '回访' };
    const weekly = { results: '回访两家', plan: '拜访三家', marketFeedback: '', problems: '' };
    const monthly = { results: '完成', analysis: '平稳', plan: '继续' };
    const monday = mondayOf(now) < `${month}-01` ? addDays(mondayOf(now), 7) : mondayOf(now);
    for (const [q, v] of [
      [SAVE_LOG, { d: now, i: log }],
      ...(monday <= now && addDays(monday, 6).slice(0, 7) === month ? [[SAVE_WEEKLY, { w: monday, i: weekly }] as const] : []),
      [SAVE_MONTHLY, { m: month, i: monthly }],
    ] as const) {
      expect(ext(await s.refused(q, v, t.rep)), q).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_LOCKED', params: { period: month } });
    }
    const sheet = await s.refused('mutation($m: String!, $i: WorkMonthInput!) { saveWorkMonth(month: $m, input: $i) { month } }', { m: month, i: { logs: [{ day: now, input: log }], weeklyReports: [] } }, t.rep);
    expect(ext(sheet)).toMatchObject({ reason: 'PERIOD_LOCKED', params: { period: month } });
    expect(await databaseSnapshot(s.db)).toBe(before);
    await reopen(month);
    ok(await s.gql(SAVE_LOG, { d: now, i: log }, t.rep));
  });

  it('refuses leave in a locked month, asked for or decided, until it is reopened', async () => {
    const day = `${next}-03`;
    const asked = ok(await s.gql(REQUEST_LEAVE, { f: day }, t.rep)).requestLeave;
    expect(await lockedLeave()).not.toContain(asked.id);
    await lock(next);
    // The manager's list says so before they try (the pane offers no decision on it).
    expect(await lockedLeave()).toContain(asked.id);
    const before = await databaseSnapshot(s.db);
    // Approving it would turn a locked month's leave day from an absence into approved leave.
    expect(ext(await s.refused(DECIDE_LEAVE, { id: asked.id }, t.manager))).toMatchObject({ reason: 'PERIOD_LOCKED', params: { period: next } });
    expect(ext(await s.refused('mutation($f: Date!) { requestLeave(kind: SICK_LEAVE, from: $f, to: $f, reason: "病") { id } }', { f: `${next}-05` }, t.rep))).toMatchObject({
      reason: 'PERIOD_LOCKED',
      params: { period: next },
    });
    expect(await databaseSnapshot(s.db)).toBe(before);
    await reopen(next);
    expect(await lockedLeave()).not.toContain(asked.id);
    expect(ok(await s.gql(DECIDE_LEAVE, { id: asked.id }, t.manager)).decideLeave.status).toBe('APPROVED');
  });

  it('refuses visit slips in a locked month, requested, decided or checked, until it is reopened', async () => {
    const requested = ok(await s.gql(REQUEST_SLIP, { i: slip('2026-03-10') }, t.rep)).requestVisitSlip;
    const toCheck = ok(await s.gql(REQUEST_SLIP, { i: slip('2026-03-12') }, t.rep)).requestVisitSlip;
    const approved = ok(await s.gql(APPROVE_SLIP, { id: toCheck.id, r: toCheck.revision }, t.manager)).approveVisitSlip;
    const lockedSlips = async () => (ok(await s.gql('{ visitSlips(month: "2026-03") { id locked } }', {}, t.manager)).visitSlips as { id: string; locked: boolean }[]).filter((x) => x.locked).map((x) => x.id);
    expect(await lockedSlips()).toEqual([]);
    await lock('2026-03');
    expect(await lockedSlips()).toEqual(expect.arrayContaining([requested.id, approved.id]));
    const before = await databaseSnapshot(s.db);
    expect(ext(await s.refused(REQUEST_SLIP, { i: slip('2026-03-11') }, t.rep))).toMatchObject({ reason: 'PERIOD_LOCKED', params: { period: '2026-03' } });
    // Approving would stop a locked month's field-visit day counting as an absence.
    expect(ext(await s.refused(APPROVE_SLIP, { id: requested.id, r: requested.revision }, t.manager))).toMatchObject({ reason: 'PERIOD_LOCKED', params: { period: '2026-03' } });
    // A check records what was found on a locked month's days (and, in order, the customer's latest visit): not either.
    expect(ext(await s.refused(CHECK_SLIP, { id: approved.id, r: approved.revision }, t.manager))).toMatchObject({ reason: 'PERIOD_LOCKED', params: { period: '2026-03' } });
    expect(await databaseSnapshot(s.db)).toBe(before);
    await reopen('2026-03');
    expect(await lockedSlips()).toEqual([]);
    expect(ok(await s.gql(APPROVE_SLIP, { id: requested.id, r: requested.revision }, t.manager)).approveVisitSlip.status).toBe('APPROVED');
    expect(ok(await s.gql(CHECK_SLIP, { id: approved.id, r: approved.revision }, t.manager)).checkVisitSlip.status).toBe('CHECKED');
  });

  it('refuses saving a rep’s monthly plan for a locked month until it is reopened', async () => {
    const PLAN = 'id status revision';
    const SAVE = `mutation($m: String!, $r: Int, $i: RepPlanInput!) { saveRepPlan(month: $m, revision: $r, input: $i) { ${PLAN} } }`;
    const plan = (m: string, sales = '100.00') => ({ weeks: planWeeks(m).map((w) => ({ weekKey: w.key, sales, calls: 40, visits: 2, events: 0 })), customers: [], belowTargetReason: '淡季' });
    const m = addDays(`${next}-28`, 7).slice(0, 7);
    let p = ok(await s.gql(SAVE, { m, i: plan(m) }, t.rep)).saveRepPlan;
    await lock(m);
    const before = await databaseSnapshot(s.db);
    expect(ext(await s.refused(SAVE, { m, r: p.revision, i: plan(m, '200.00') }, t.rep))).toMatchObject({ reason: 'PERIOD_LOCKED', params: { period: m } });
    expect(await databaseSnapshot(s.db)).toBe(before);
    // Nor is it submitted, accepted or returned meanwhile (period-locks-workflow.test.ts).
    await reopen(m);
    p = ok(await s.gql(SAVE, { m, r: p.revision, i: plan(m, '200.00') }, t.rep)).saveRepPlan;
    expect(p.status).toBe('DRAFT');
  });
  it('refuses roster changes that take effect in a locked month (hire, transfer, the day after a leave date, pay terms), until it is reopened', async () => {
    const p = s.db.prisma;
    const rep = await p.user.findUniqueOrThrow({ where: { username: 'rep' }, include: { person: true } });
    const team = (await p.assignment.findFirstOrThrow({ where: { personId: rep.personId!, validTo: null } })).unitId;
    const area = (await p.orgUnit.findUniqueOrThrow({ where: { id: team } })).parentId!;
    const other = (await p.orgUnit.findFirstOrThrow({ where: { parentId: area, id: { not: team } } })).id;
    const mover = await p.person.findFirstOrThrow({ where: { id: { not: rep.personId! }, status: 'ACTIVE', leaveDate: null, hireDate: { lt: new Date('2025-06-01') }, assignments: { some: { unitId: team, validTo: null } } } });
    await lock('2025-09');
    const before = await databaseSnapshot(s.db);
    const HIRE = 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }';
    const hire = (d: string) => ({ employeeNo: 'QB-LOCK-1', name: '韩梅梅', position: 'SALES_REP', hireDate: d, unitId: team });
    expect(ext(await s.refused(HIRE, { i: hire('2025-09-15') }, t.admin))).toMatchObject({ reason: 'PERIOD_LOCKED', field: 'input.hireDate', params: { period: '2025-09' } });
    const TRANSFER = 'mutation($id: ID!, $v: Int!, $u: ID!, $d: Date!) { transferPerson(id: $id, version: $v, unitId: $u, effectiveDate: $d) { id version } }';
    expect(ext(await s.refused(TRANSFER, { id: mover.id, v: mover.version, u: other, d: '2025-09-12' }, t.admin))).toMatchObject({ reason: 'PERIOD_LOCKED', field: 'effectiveDate', params: { period: '2025-09' } });
    // Leaving on 29 September changes the 30th; leaving on the 30th changes nothing in September.
    const LEAVE = 'mutation($id: ID!, $v: Int!, $d: Date!) { deactivatePerson(id: $id, version: $v, leaveDate: $d) { id version } }';
    expect(ext(await s.refused(LEAVE, { id: mover.id, v: mover.version, d: '2025-09-29' }, t.admin))).toMatchObject({ reason: 'PERIOD_LOCKED', field: 'leaveDate' });
    const UPDATE = 'mutation($id: ID!, $v: Int!, $from: Date) { updatePerson(id: $id, version: $v, input: { baseSalary: "7000.00" }, payFrom: $from) { id version } }';
    expect(ext(await s.refused(UPDATE, { id: mover.id, v: mover.version, from: '2025-09-01' }, t.admin))).toMatchObject({ reason: 'PERIOD_LOCKED', field: 'payFrom' });
    expect(await databaseSnapshot(s.db)).toBe(before);
    // From the first open day, each goes through.
    ok(await s.gql(HIRE, { i: hire('2025-10-01') }, t.admin));
    const moved = ok(await s.gql(TRANSFER, { id: mover.id, v: mover.version, u: other, d: '2025-10-01' }, t.admin)).transferPerson;
    ok(await s.gql(UPDATE, { id: mover.id, v: moved.version, from: '2025-10-01' }, t.admin));
    await reopen('2025-09');
  });

  it('refuses a roster change from an open day that would reach into a later locked month (an earlier month reopened for a correction), until that one is reopened too', async () => {
    const p = s.db.prisma;
    const rep = await p.user.findUniqueOrThrow({ where: { username: 'rep' }, include: { person: true } });
    const team = (await p.assignment.findFirstOrThrow({ where: { personId: rep.personId!, validTo: null } })).unitId;
    const area = (await p.orgUnit.findUniqueOrThrow({ where: { id: team } })).parentId!;
    const other = (await p.orgUnit.findFirstOrThrow({ where: { parentId: area, id: { not: team } } })).id;
    const moved = await p.assignment.findMany({ where: { validFrom: { gte: new Date('2025-06-01') } }, select: { personId: true } });
    const mover = await p.person.findFirstOrThrow({
      where: { id: { notIn: [rep.personId!, ...moved.map((a) => a.personId)] }, status: 'ACTIVE', leaveDate: null, hireDate: { lt: new Date('2025-06-01') }, assignments: { some: { unitId: team, validTo: null } } },
      orderBy: { employeeNo: 'desc' },
    });
    // August was reopened to correct it; November stays closed.
    await lock('2025-11');
    const before = await databaseSnapshot(s.db);
    const HIRE = 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }';
    const hire = { employeeNo: 'QB-LOCK-2', name: '李雷', position: 'SALES_REP', hireDate: '2025-08-18', unitId: team };
    expect(ext(await s.refused(HIRE, { i: hire }, t.admin))).toMatchObject({ reason: 'PERIOD_LOCKED', field: 'input.hireDate', params: { period: '2025-11' } });
    // Moved from 20 August, the mover would count for the other team in November too.
    const TRANSFER = 'mutation($id: ID!, $v: Int!, $u: ID!, $d: Date!) { transferPerson(id: $id, version: $v, unitId: $u, effectiveDate: $d) { id version } }';
    expect(ext(await s.refused(TRANSFER, { id: mover.id, v: mover.version, u: other, d: '2025-08-20' }, t.admin))).toMatchObject({ reason: 'PERIOD_LOCKED', field: 'effectiveDate', params: { period: '2025-11' } });
    const LEAVE = 'mutation($id: ID!, $v: Int!, $d: Date!) { deactivatePerson(id: $id, version: $v, leaveDate: $d) { id version } }';
    expect(ext(await s.refused(LEAVE, { id: mover.id, v: mover.version, d: '2025-08-29' }, t.admin))).toMatchObject({ reason: 'PERIOD_LOCKED', field: 'leaveDate', params: { period: '2025-11' } });
    const UPDATE = 'mutation($id: ID!, $v: Int!, $from: Date) { updatePerson(id: $id, version: $v, input: { baseSalary: "7100.00" }, payFrom: $from) { id version } }';
    expect(ext(await s.refused(UPDATE, { id: mover.id, v: mover.version, from: '2025-08-01' }, t.admin))).toMatchObject({ reason: 'PERIOD_LOCKED', field: 'payFrom', params: { period: '2025-11' } });
    expect(await databaseSnapshot(s.db)).toBe(before);
    // From the day after the locked month, each goes through.
    ok(await s.gql(TRANSFER, { id: mover.id, v: mover.version, u: other, d: '2025-12-01' }, t.admin));
    await reopen('2025-11');
  });
  it('dates a weekly report by the Thursday of the week whose results it reports (the day that places a week in its month): a lock there refuses it', async () => {
    const weekly = { results: '回访两家', plan: '拜访三家', marketFeedback: '', problems: '' };
    const MINE = 'query($w: String!) { myWeeklyReport(week: $w) { reportedFrom reportedTo report { id } } }';
    /** Refused with PERIOD_LOCKED naming the lock; the report reads back as never saved, and nothing else changed. */
    const refusedUnder = async (lockKey: string, weeks: string[]) => {
      await lock(lockKey);
      const before = await databaseSnapshot(s.db);
      for (const w of weeks) {
        expect(ext(await s.refused(SAVE_WEEKLY, { w, i: weekly }, t.rep)), w).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_LOCKED', params: { period: lockKey } });
        expect(ok(await s.gql(MINE, { w }, t.rep)).myWeeklyReport.report, w).toBeNull();
      }
      expect(await databaseSnapshot(s.db)).toBe(before);
    };
    // November 2026 closed: the report of 30 November reports 23–29 November (Thursday the 26th); the one of
    // 7 December reports 30 November – 6 December, a week of December's (Thursday the 3rd), and is written.
    expect(ok(await s.gql(MINE, { w: '2026-11-30' }, t.rep)).myWeeklyReport).toMatchObject({ reportedFrom: '2026-11-23', reportedTo: '2026-11-29' });
    await refusedUnder('2026-11', ['2026-11-30']);
    ok(await s.gql(SAVE_WEEKLY, { w: '2026-12-07', i: weekly }, t.rep));
    await reopen('2026-11');
    // ISO week 45 (2–8 November) closed: the report of 9 November reports it.
    await refusedUnder('2026-W45', ['2026-11-09']);
    // The reports of 2 November (reporting week 44) and 16 November (reporting 9–15 November) are not of that week.
    ok(await s.gql(SAVE_WEEKLY, { w: '2026-11-02', i: weekly }, t.rep));
    ok(await s.gql(SAVE_WEEKLY, { w: '2026-11-16', i: weekly }, t.rep));
    await reopen('2026-W45');
    // Reopened, each goes through.
    for (const w of ['2026-11-30', '2026-11-09']) ok(await s.gql(SAVE_WEEKLY, { w, i: weekly }, t.rep));
  });
  it('refuses a compensation plan version or assignment paying from a locked month, until it is reopened', async () => {
    const plans = ok(await s.gql('{ compensationPlans { code version document } }', {}, t.finance)).compensationPlans;
    const ladder = plans.find((p: { code: string }) => p.code === 'DIRECT_SALES_LADDER');
    const SAVE = 'mutation($d: String!, $f: Date!) { saveCompensationPlan(document: $d, effectiveFrom: $f) { code version } }';
    const ASSIGN = 'mutation($f: Date!) { assignCompensationPlan(planCode: "DIRECT_SALES_LADDER", rank: SR, effectiveFrom: $f) }';
    await lock('2025-08');
    const before = await databaseSnapshot(s.db);
    expect(ext(await s.refused(SAVE, { d: ladder.document, f: '2025-08-01' }, t.finance))).toMatchObject({ reason: 'PERIOD_LOCKED', field: 'effectiveFrom', params: { period: '2025-08' } });
    expect(ext(await s.refused(ASSIGN, { f: '2025-08-15' }, t.finance))).toMatchObject({ reason: 'PERIOD_LOCKED', field: 'effectiveFrom', params: { period: '2025-08' } });
    expect(await databaseSnapshot(s.db)).toBe(before);
    await reopen('2025-08');
    expect(ok(await s.gql(SAVE, { d: ladder.document, f: '2025-08-01' }, t.finance)).saveCompensationPlan.code).toBe('DIRECT_SALES_LADDER');
  });
});
