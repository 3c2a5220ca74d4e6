/**
 * Work logs and reports through the API (issue 11 §3): a rep saves and hands
 * in their own daily log, weekly and monthly report; a manager over them
 * reads their subtree's, comments, gets a reproducible spot-check sample
 * and the who-handed-in sheet. A rep sees only their own; another area's
 * manager nothing of them. Every refusal gives its reason and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { addDays, dayToDate, today } from '../../schema/dates.ts';
import { planWeeks } from '../../schema/rep-plan.ts';
import { mondayOf, monthlyReportDue, spotCheckSample, spotCheckSeed, timeliness, workLogDue } from '../../schema/work-reports.ts';
import { CN_CALENDAR, isWorkingDay, workingCalendar } from '../../schema/working-calendar.ts';
import { calendarDays } from '../../server/payroll/working-calendar.ts';

const COMMON = 'id personId personName status revision dueOn timeliness submittedAt comment commentedBy canEdit canComment';
const LOG = `${COMMON} day calls visits deals customersMet notes`;
const FIGURES = 'plannedSales actualSales plannedCalls plannedVisits actualCalls actualVisits logsSubmitted';
const WEEKLY = `${COMMON} week reportedFrom reportedTo results plan marketFeedback problems figures { ${FIGURES} }`;
const MONTHLY = `${COMMON} month results analysis plan`;
const SAVE_LOG = `mutation($d: String!, $r: Int, $s: Boolean, $i: WorkLogInput!) { saveWorkLog(day: $d, revision: $r, submit: $s, input: $i) { ${LOG} } }`;
const MY_LOG = `query($d: String!) { myWorkLog(day: $d) { day dueOn log { ${LOG} } } }`;
const LOGS = `query($f: String!, $t: String!, $p: ID) { workLogs(from: $f, to: $t, personId: $p) { ${LOG} } }`;
const COMMENT_LOG = `mutation($id: ID!, $r: Int!, $c: String!) { commentWorkLog(id: $id, revision: $r, comment: $c) { ${LOG} } }`;
const SAVE_WEEKLY = `mutation($w: String!, $r: Int, $s: Boolean, $i: WeeklyReportInput!) { saveWeeklyReport(week: $w, revision: $r, submit: $s, input: $i) { ${WEEKLY} } }`;
const MY_WEEKLY = `query($w: String!) { myWeeklyReport(week: $w) { week reportedFrom reportedTo dueOn figures { ${FIGURES} } report { ${WEEKLY} } } }`;
const WEEKLIES = `query($w: String!) { weeklyReports(week: $w) { ${WEEKLY} } }`;
const COMMENT_WEEKLY = `mutation($id: ID!, $r: Int!, $c: String!) { commentWeeklyReport(id: $id, revision: $r, comment: $c) { ${WEEKLY} } }`;
const SAVE_MONTHLY = `mutation($m: String!, $r: Int, $s: Boolean, $i: MonthlyReportInput!) { saveMonthlyReport(month: $m, revision: $r, submit: $s, input: $i) { ${MONTHLY} } }`;
const MONTHLIES = `query($m: String!) { monthlyReports(month: $m) { ${MONTHLY} } }`;
const COMMENT_MONTHLY = `mutation($id: ID!, $r: Int!, $c: String!) { commentMonthlyReport(id: $id, revision: $r, comment: $c) { ${MONTHLY} } }`;
const SPOT = `query($w: String!) { workLogSpotCheck(week: $w) { week size candidates logs { id personId day } } }`;
const SHEET = `query($p: String!, $u: ID) { handedInSheet(period: $p, unitId: $u) { period start end columns { kind period } rows { personId employeeNo workingDays logsSubmitted logsOnTime logsLate logsMissing logsNotYetDue reports { kind period id dueOn timeliness commented } } } }`;

type Ext = { code?: string; reason?: string; field?: string; params?: Record<string, unknown> };
const ext = (r: GqlResult) => (r.errors?.[0]?.extensions ?? {}) as Ext;
const ok = (r: GqlResult) => {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data;
};

const logInput = (more: Record<string, unknown> = {}) => ({ calls: 8, visits: 2, deals: 1, customersMet: 'KH-701 星湖电子；王经理', notes: '电话回访老客户，拜访星湖电子确认下月订单', ...more });
const weeklyInput = (more: Record<string, unknown> = {}) => ({ results: '完成两家客户回访，签单一笔', plan: '本周拜访三家重点客户', marketFeedback: '竞品降价 5%', problems: '交货期偏长', ...more });

describe.each(testProviders)('work logs and reports on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'director' | 'manager' | 'rep' | 'otherManager' | 'peer', string>;
  let rep: { id: string; name: string };
  let peer: { id: string };
  let team: { id: string };
  const now = today();
  const yesterday = addDays(now, -1);
  const monday = mondayOf(now);
  const month = now.slice(0, 7);

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'director', 'manager', 'rep'] as const) t[u] = await s.login(u);
    const p = s.db.prisma;
    rep = (await p.user.findUniqueOrThrow({ where: { username: 'rep' }, include: { person: true } })).person!;
    team = await p.orgUnit.findFirstOrThrow({ where: { assignments: { some: { personId: rep.id, validTo: null } } } });
    const mgr = await p.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const area = await p.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    const other = await p.orgUnit.findFirstOrThrow({ where: { kind: 'AREA', id: { not: area.id }, managerId: { not: null } } });
    expect(ok(await s.gql('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { username: 'other-mgr', password: 'correct-horse-battery', roles: ['MANAGER'], personId: other.managerId } }, t.admin))).toBeTruthy();
    t.otherManager = await s.login('other-mgr', 'correct-horse-battery');
    // Another rep of the same team, signed in as a rep.
    peer = await p.person.findFirstOrThrow({ where: { id: { not: rep.id }, position: 'SALES_REP', status: 'ACTIVE', user: null, assignments: { some: { unitId: team.id, validTo: null } } } });
    expect(ok(await s.gql('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { username: 'peer-rep', password: 'correct-horse-battery', roles: ['REP'], personId: peer.id } }, t.admin))).toBeTruthy();
    t.peer = await s.login('peer-rep', 'correct-horse-battery');
  });
  afterAll(() => s.close());

  let log: any;

  it('refuses a log for a future day, bad counts and a log without the day’s work, and records nothing', async () => {
    const tomorrow = addDays(now, 1);
    const future = await s.refused(SAVE_LOG, { d: tomorrow, i: logInput() }, t.rep);
    expect(ext(future)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WORK_LOG_FUTURE_DAY', field: 'day', params: { date: tomorrow, today: now } });
    expect(ext(await s.refused(SAVE_LOG, { d: now, i: logInput({ calls: -3 }) }, t.rep))).toMatchObject({ reason: 'WORK_REPORT_NEGATIVE', field: 'calls', params: { value: -3 } });
    expect(ext(await s.refused(SAVE_LOG, { d: now, i: logInput({ visits: 501 }) }, t.rep))).toMatchObject({ reason: 'WORK_REPORT_TOO_LARGE', field: 'visits', params: { value: 501, max: 500 } });
    expect(ext(await s.refused(SAVE_LOG, { d: now, s: true, i: logInput({ notes: ' ' }) }, t.rep))).toMatchObject({ reason: 'WORK_REPORT_REQUIRED', field: 'notes' });
    expect(ext(await s.refused(SAVE_LOG, { d: '2026-02-30', i: logInput() }, t.rep))).toMatchObject({ reason: 'WORK_REPORT_NOT_A_DAY', params: { value: '2026-02-30' } });
    // An administrator has no place in the organisation, so no log; a finance user may not call it at all.
    expect(ext(await s.refused(SAVE_LOG, { d: now, i: logInput() }, t.admin))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('saves a draft, then hands it in; a stale revision and a change after submission are refused', async () => {
    const draft = ok(await s.gql(SAVE_LOG, { d: now, i: logInput({ notes: '' }) }, t.rep)).saveWorkLog;
    expect(draft).toMatchObject({ personId: rep.id, day: now, status: 'DRAFT', revision: 1, calls: 8, canEdit: true, canComment: false, dueOn: addDays(now, 1), timeliness: 'DUE' });
    // A second "new" save of the same day does not overwrite it blind.
    expect(ext(await s.refused(SAVE_LOG, { d: now, i: logInput() }, t.rep))).toMatchObject({ code: 'CONFLICT', reason: 'WORK_REPORT_CHANGED' });
    log = ok(await s.gql(SAVE_LOG, { d: now, r: 1, s: true, i: logInput() }, t.rep)).saveWorkLog;
    expect(log).toMatchObject({ status: 'SUBMITTED', revision: 2, timeliness: 'ON_TIME', canEdit: false, notes: logInput().notes });
    expect(ext(await s.refused(SAVE_LOG, { d: now, r: 2, i: logInput({ calls: 1 }) }, t.rep))).toMatchObject({ reason: 'WORK_REPORT_ALREADY_SUBMITTED' });
    const audit = await s.db.prisma.auditEvent.findMany({ where: { entityType: 'WorkLog', entityId: log.id }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['create', 'submit']);
  });

  it('shows a rep only their own logs; a manager their subtree’s; another area’s manager none', async () => {
    ok(await s.gql(SAVE_LOG, { d: yesterday, s: true, i: logInput({ calls: 5 }) }, t.peer));
    const mine = ok(await s.gql(LOGS, { f: yesterday, t: now }, t.rep)).workLogs;
    expect(mine.map((l: any) => l.personId)).toEqual([rep.id]);
    // Asking for the peer's by id gives nothing.
    expect(ok(await s.gql(LOGS, { f: yesterday, t: now, p: peer.id }, t.rep)).workLogs).toEqual([]);
    const managed = ok(await s.gql(LOGS, { f: yesterday, t: now }, t.manager)).workLogs;
    expect(managed.map((l: any) => [l.personId, l.day]).sort()).toEqual([[peer.id, yesterday], [rep.id, now]].sort());
    expect(managed.every((l: any) => l.canComment)).toBe(true);
    expect(ok(await s.gql(LOGS, { f: yesterday, t: now }, t.otherManager)).workLogs).toEqual([]);
  });

  it('gives finance no one else’s field work (brief §8: payroll, not logs and reports), whether they serve an area or the company', async () => {
    for (const who of ['finance', 'finance-area']) {
      const token = await s.login(who);
      const own = (await s.db.prisma.user.findUniqueOrThrow({ where: { username: who } })).personId;
      const others = (rows: { personId: string }[]) => rows.filter((r) => r.personId !== own);
      expect(others(ok(await s.gql(LOGS, { f: addDays(now, -30), t: now }, token)).workLogs)).toEqual([]);
      expect(others(ok(await s.gql(WEEKLIES, { w: monday }, token)).weeklyReports)).toEqual([]);
      expect(others(ok(await s.gql(MONTHLIES, { m: month }, token)).monthlyReports)).toEqual([]);
      expect(codeOf(await s.gql(SHEET, { p: monday }, token))).toBe('FORBIDDEN');
    }
    // The director still reads the peer's.
    expect(ok(await s.gql(LOGS, { f: yesterday, t: now, p: peer.id }, t.director)).workLogs.map((l: any) => l.personId)).toEqual([peer.id]);
  });

  it('reads at most 62 days at once: a longer or backward range is refused by name, not cut short', async () => {
    expect(ok(await s.gql(LOGS, { f: '2026-01-01', t: '2026-03-03' }, t.manager)).workLogs).toEqual(expect.any(Array));
    for (const [f, to] of [['2026-01-01', '2026-03-04'], ['2026-01-01', '2026-12-31'], ['2026-03-02', '2026-03-01']]) {
      const r = await s.gql(LOGS, { f, t: to }, t.manager);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WORK_LOG_RANGE', params: { from: f, to, max: 62 } });
    }
  });

  it('lets the manager over the rep comment, not the rep, not another area’s manager; the rep sees the comment', async () => {
    expect(codeOf(await s.refused(COMMENT_LOG, { id: log.id, r: log.revision, c: '很好' }, t.rep))).toBe('FORBIDDEN');
    expect(ext(await s.refused(COMMENT_LOG, { id: log.id, r: log.revision, c: '很好' }, t.otherManager))).toMatchObject({ code: 'NOT_FOUND', reason: 'WORK_REPORT_NOT_FOUND' });
    expect(ext(await s.refused(COMMENT_LOG, { id: log.id, r: log.revision, c: '  ' }, t.manager))).toMatchObject({ reason: 'WORK_REPORT_REQUIRED', field: 'comment' });
    expect(ext(await s.refused(COMMENT_LOG, { id: log.id, r: log.revision + 4, c: '很好' }, t.manager))).toMatchObject({ code: 'CONFLICT', reason: 'WORK_REPORT_CHANGED' });
    const commented = ok(await s.gql(COMMENT_LOG, { id: log.id, r: log.revision, c: '拜访记录详细，继续保持' }, t.manager)).commentWorkLog;
    expect(commented).toMatchObject({ comment: '拜访记录详细，继续保持', commentedBy: expect.any(String), revision: log.revision + 1 });
    expect(ok(await s.gql(MY_LOG, { d: now }, t.rep)).myWorkLog.log).toMatchObject({ comment: '拜访记录详细，继续保持', status: 'SUBMITTED' });
    // A draft is not commented on.
    const draft = ok(await s.gql(SAVE_LOG, { d: addDays(now, -2), i: logInput() }, t.rep)).saveWorkLog;
    expect(ext(await s.refused(COMMENT_LOG, { id: draft.id, r: draft.revision, c: '好' }, t.manager))).toMatchObject({ reason: 'WORK_REPORT_NOT_SUBMITTED' });
  });

  it('hands in a weekly report with the reported week’s figures against the rep’s plan', async () => {
    const reported = { from: addDays(monday, -7), to: addDays(monday, -1) };
    const p = s.db.prisma;
    // A handed-in plan for the months the reported week touches: each of its month-cut weeks plans 1000.00 yuan, 10 calls, 2 visits.
    for (const m of [...new Set([reported.from.slice(0, 7), reported.to.slice(0, 7)])]) {
      const plan = await p.repPlan.create({ data: { personId: rep.id, month: m, version: 1, unitId: team.id, status: 'ACCEPTED', dueOn: dayToDate(`${m}-01`), plannedFen: 0n, submittedAt: new Date() } });
      await p.repPlanLine.createMany({ data: planWeeks(m).map((w, i) => ({ planId: plan.id, kind: 'WEEK', position: i, key: w.key, salesFen: 100_000n, calls: 10, visits: 2 })) });
    }
    const parts = new Set([reported.from.slice(0, 7), reported.to.slice(0, 7)]).size;
    await p.salesRecord.create({ data: { externalId: 'wr-1', personId: rep.id, unitId: team.id, date: dayToDate(addDays(reported.from, 2)), amountFen: 123_456n } });
    await p.salesRecord.create({ data: { externalId: 'wr-2', personId: rep.id, unitId: team.id, date: dayToDate(addDays(reported.to, 1)), amountFen: 999_999n } }); // this week: not counted
    await p.workLog.create({ data: { personId: rep.id, unitId: team.id, day: dayToDate(reported.from), calls: 7, visits: 1, status: 'SUBMITTED', submittedAt: new Date(), notes: 'x' } });
    await p.workLog.create({ data: { personId: rep.id, unitId: team.id, day: dayToDate(addDays(reported.from, 1)), calls: 9, visits: 3, status: 'DRAFT', notes: 'x' } }); // a draft: not counted

    expect(ext(await s.refused(SAVE_WEEKLY, { w: addDays(monday, 1), i: weeklyInput() }, t.rep))).toMatchObject({ reason: 'WORK_REPORT_NOT_A_MONDAY' });
    expect(ext(await s.refused(SAVE_WEEKLY, { w: addDays(monday, 14), i: weeklyInput() }, t.rep))).toMatchObject({ reason: 'WORK_REPORT_FUTURE_PERIOD', params: { period: addDays(monday, 14) } });
    expect(ext(await s.refused(SAVE_WEEKLY, { w: monday, s: true, i: weeklyInput({ plan: '' }) }, t.rep))).toMatchObject({ reason: 'WORK_REPORT_REQUIRED', field: 'plan' });

    const form = ok(await s.gql(MY_WEEKLY, { w: monday }, t.rep)).myWeeklyReport;
    expect(form).toMatchObject({ week: monday, reportedFrom: reported.from, reportedTo: reported.to, dueOn: monday, report: null });
    const figures = { plannedSales: (1000 * parts).toFixed(2), actualSales: '1234.56', plannedCalls: 10 * parts, plannedVisits: 2 * parts, actualCalls: 7, actualVisits: 1, logsSubmitted: 1 };
    expect(form.figures).toEqual(figures);
    const weekly = ok(await s.gql(SAVE_WEEKLY, { w: monday, s: true, i: weeklyInput() }, t.rep)).saveWeeklyReport;
    expect(weekly).toMatchObject({ status: 'SUBMITTED', week: monday, results: weeklyInput().results, timeliness: timeliness(monday, now, now), figures });
    // The peer sees none of it; the manager reads it and comments.
    expect(ok(await s.gql(WEEKLIES, { w: monday }, t.peer)).weeklyReports).toEqual([]);
    const listed = ok(await s.gql(WEEKLIES, { w: monday }, t.manager)).weeklyReports;
    expect(listed.map((r: any) => r.id)).toEqual([weekly.id]);
    expect(listed[0].figures).toEqual(figures);
    const c = ok(await s.gql(COMMENT_WEEKLY, { id: weekly.id, r: weekly.revision, c: '下周重点跟进交货期' }, t.manager)).commentWeeklyReport;
    expect(c.comment).toBe('下周重点跟进交货期');
    expect(ok(await s.gql(MY_WEEKLY, { w: monday }, t.rep)).myWeeklyReport.report.comment).toBe('下周重点跟进交货期');
  });

  it('hands in a monthly report due with next month’s plan; no report for a month to come', async () => {
    const next = addDays(`${month}-28`, 7).slice(0, 7);
    expect(ext(await s.refused(SAVE_MONTHLY, { m: next, i: { results: 'a', analysis: 'b', plan: 'c' } }, t.rep))).toMatchObject({ reason: 'WORK_REPORT_FUTURE_PERIOD', params: { period: next } });
    expect(ext(await s.refused(SAVE_MONTHLY, { m: month, s: true, i: { results: 'a', analysis: '', plan: 'c' } }, t.rep))).toMatchObject({ reason: 'WORK_REPORT_REQUIRED', field: 'analysis' });
    const r = ok(await s.gql(SAVE_MONTHLY, { m: month, s: true, i: { results: '完成目标 95%', analysis: '新客户偏少', plan: '下月开发两家新客户' } }, t.rep)).saveMonthlyReport;
    const due = monthlyReportDue(month);
    expect(r).toMatchObject({ status: 'SUBMITTED', month, dueOn: due, timeliness: now <= due ? 'ON_TIME' : 'LATE' });
    // Its due day was fixed when it was saved: a later change of the due day moves only reports not saved yet.
    expect(ok(await s.gql('mutation { setRepPlanDueDay(day: 25) }', {}, t.admin)).setRepPlanDueDay).toBe(25);
    const MINE = 'query($m: String!) { myMonthlyReport(month: $m) { dueOn report { dueOn timeliness } } }';
    expect(ok(await s.gql(MINE, { m: month }, t.rep)).myMonthlyReport).toEqual({ dueOn: due, report: { dueOn: due, timeliness: now <= due ? 'ON_TIME' : 'LATE' } });
    const before = addDays(`${month}-01`, -1).slice(0, 7);
    expect(ok(await s.gql(MINE, { m: before }, t.rep)).myMonthlyReport).toEqual({ dueOn: monthlyReportDue(before, 25), report: null });
    expect(ok(await s.gql('mutation { setRepPlanDueDay(day: 28) }', {}, t.admin)).setRepPlanDueDay).toBe(28);
    expect(ok(await s.gql(MONTHLIES, { m: month }, t.otherManager)).monthlyReports).toEqual([]);
    const c = ok(await s.gql(COMMENT_MONTHLY, { id: r.id, r: r.revision, c: '分析到位' }, t.director)).commentMonthlyReport;
    expect(c.comment).toBe('分析到位');
    expect(ext(await s.refused(COMMENT_MONTHLY, { id: r.id, r: c.revision, c: '自评' }, t.rep))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('gives the manager a reproducible spot-check sample of the week’s submitted logs, sized by the admin’s setting', async () => {
    const p = s.db.prisma;
    const mgr = await p.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const area = await p.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    const last = addDays(monday, -7);
    // Eight submitted logs of the week before, from reps in the manager's area.
    const reps = await p.person.findMany({ where: { position: 'SALES_REP', id: { not: rep.id }, assignments: { some: { validTo: null, unit: { path: { startsWith: area.path } } } } }, take: 4, orderBy: { employeeNo: 'asc' } });
    for (const r of reps) {
      const unitId = (await p.assignment.findFirstOrThrow({ where: { personId: r.id, validTo: null } })).unitId;
      for (const d of [0, 1]) await p.workLog.create({ data: { personId: r.id, unitId, day: dayToDate(addDays(last, d)), calls: 6, status: 'SUBMITTED', submittedAt: new Date(), notes: '日常拜访' } });
    }
    const candidates = await p.workLog.findMany({ where: { status: 'SUBMITTED', day: { gte: dayToDate(last), lte: dayToDate(addDays(last, 6)) }, unit: { path: { startsWith: area.path } }, personId: { not: mgr.personId! } }, select: { id: true } });
    const first = ok(await s.gql(SPOT, { w: last }, t.manager)).workLogSpotCheck;
    expect(first).toMatchObject({ week: last, size: 5, candidates: candidates.length });
    expect(first.logs.map((l: any) => l.id).sort()).toEqual(spotCheckSample(spotCheckSeed(mgr.personId!, last), candidates.map((c) => c.id), 5));
    expect(ok(await s.gql(SPOT, { w: last }, t.manager)).workLogSpotCheck).toEqual(first);
    expect(ok(await s.gql(SPOT, { w: last }, t.otherManager)).workLogSpotCheck.logs).toEqual([]);

    expect(ext(await s.refused('mutation { setWorkLogSampleSize(size: 51) }', {}, t.admin))).toMatchObject({ reason: 'WORK_REPORT_SAMPLE_SIZE_INVALID', params: { value: '51', max: 50 } });
    expect(codeOf(await s.refused('mutation { setWorkLogSampleSize(size: 2) }', {}, t.manager))).toBe('FORBIDDEN');
    expect(ok(await s.gql('mutation { setWorkLogSampleSize(size: 2) }', {}, t.admin)).setWorkLogSampleSize).toBe(2);
    const audit = await p.auditEvent.findFirstOrThrow({ where: { entityType: 'Setting', entityId: 'workReports.sampleSize' } });
    expect(JSON.parse(audit.after!)).toEqual({ sampleSize: 2 });
    const two = ok(await s.gql(SPOT, { w: last }, t.manager)).workLogSpotCheck;
    expect(two.logs).toHaveLength(2);
    expect(ext(await s.refused(SPOT, { w: addDays(last, 2) }, t.manager))).toMatchObject({ reason: 'WORK_REPORT_NOT_A_MONDAY' });
  });

  it('writes who handed in what for a week and a month, for the manager’s subtree only', async () => {
    const week = ok(await s.gql(SHEET, { p: monday, u: team.id }, t.manager)).handedInSheet;
    expect(week.columns).toEqual([{ kind: 'WEEKLY', period: monday }]);
    const mine = week.rows.find((r: any) => r.personId === rep.id);
    expect(mine.logsSubmitted).toBe(1); // today's; the draft of two days ago is not handed in
    expect(mine.reports).toEqual([{ kind: 'WEEKLY', period: monday, id: expect.any(String), dueOn: monday, timeliness: timeliness(monday, now, now), commented: true }]);
    const peerRow = week.rows.find((r: any) => r.personId === peer.id);
    expect(peerRow.reports[0]).toMatchObject({ id: null, timeliness: now > monday ? 'MISSING' : 'DUE', commented: false });
    expect(peerRow.logsSubmitted).toBe(yesterday >= monday ? 1 : 0);
    // Handed in, missing and not yet due (today's and the days to come) add up to the working days.
    const calendar = workingCalendar(CN_CALENDAR, await calendarDays(s.db.prisma, monday, addDays(monday, 6)));
    const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i)).filter((d) => isWorkingDay(calendar, d));
    expect(peerRow.logsNotYetDue).toBe(days.filter((d) => d !== yesterday && timeliness(workLogDue(d), null, now) === 'DUE').length);
    expect(peerRow.logsSubmitted - (yesterday >= monday && !days.includes(yesterday) ? 1 : 0) + peerRow.logsMissing + peerRow.logsNotYetDue).toBe(peerRow.workingDays);
    const monthSheet = ok(await s.gql(SHEET, { p: month, u: team.id }, t.manager)).handedInSheet;
    expect(monthSheet.columns.at(-1)).toEqual({ kind: 'MONTHLY', period: month });
    expect(monthSheet.columns.filter((c: any) => c.kind === 'WEEKLY').every((c: any) => c.period.slice(0, 7) === month)).toBe(true);
    const mineMonth = monthSheet.rows.find((r: any) => r.personId === rep.id);
    expect(mineMonth.reports.at(-1)).toMatchObject({ kind: 'MONTHLY', period: month, commented: true });
    expect(mineMonth.workingDays).toBeGreaterThan(15);
    // Another area's manager may not ask for this team; a rep may not ask at all.
    expect(codeOf(await s.gql(SHEET, { p: monday, u: team.id }, t.otherManager))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql(SHEET, { p: monday }, t.rep))).toBe('FORBIDDEN');
    expect(ext(await s.gql(SHEET, { p: 'next week' }, t.manager))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WORK_REPORT_NOT_A_PERIOD', params: { value: 'next week' } });
  });

  it('changes no log or report dated in a locked period until an admin reopens it (brief §2): the month’s calls stay as they were', async () => {
    const day = '2025-11-12';
    const draft = ok(await s.gql(SAVE_LOG, { d: day, i: logInput({ calls: 6 }) }, t.rep)).saveWorkLog;
    expect(ok(await s.gql('mutation { lockPeriod(periodKey: "2025-11", reason: "月结") { periodKey } }', {}, t.admin)).lockPeriod.periodKey).toBe('2025-11');
    const locked = { code: 'BAD_USER_INPUT', reason: 'PERIOD_LOCKED', params: { period: '2025-11' } };
    expect(ext(await s.refused(SAVE_LOG, { d: day, r: draft.revision, s: true, i: logInput({ calls: 60 }) }, t.rep))).toMatchObject(locked);
    expect(ext(await s.refused(SAVE_LOG, { d: '2025-11-13', i: logInput() }, t.rep))).toMatchObject(locked);
    expect(ext(await s.refused(SAVE_WEEKLY, { w: '2025-11-17', i: weeklyInput() }, t.rep))).toMatchObject(locked);
    expect(ext(await s.refused(SAVE_MONTHLY, { m: '2025-11', i: { results: '完成', analysis: '分析', plan: '计划' } }, t.rep))).toMatchObject(locked);
    // The month's sheets at once: refused at the item.
    const month = await s.refused('mutation($i: WorkMonthInput!) { saveWorkMonth(month: "2025-11", input: $i) { month } }', { i: { logs: [{ day: '2025-11-14', revision: null, input: logInput() }], weeklyReports: [], monthlyReport: null } }, t.rep);
    expect(ext(month)).toMatchObject({ ...locked, item: { kind: 'LOG', period: '2025-11-14' } });
    expect(ok(await s.gql(LOGS, { f: '2025-11-01', t: '2025-11-30', p: rep.id }, t.manager)).workLogs.map((l: any) => [l.day, l.calls, l.status])).toEqual([[day, 6, 'DRAFT']]);
    ok(await s.gql('mutation { reopenPeriod(periodKey: "2025-11", reason: "补日志") }', {}, t.admin));
    expect(ok(await s.gql(SAVE_LOG, { d: day, r: draft.revision, s: true, i: logInput({ calls: 7 }) }, t.rep)).saveWorkLog).toMatchObject({ calls: 7, status: 'SUBMITTED' });
  });

  it('takes a handed-in log with a visit as the latest visit of the rep’s own customers it names by code, not of others’', async () => {
    const p = s.db.prisma;
    const team = (await p.assignment.findFirstOrThrow({ where: { personId: rep.id, validTo: null } })).unitId;
    const mine = await p.customer.create({ data: { code: 'KH-LOG-1', name: '星湖电子', type: 'ENTERPRISE', ownerId: rep.id, ownerUnitId: team } });
    const theirs = await p.customer.create({ data: { code: 'KH-LOG-2', name: '恒信建材', type: 'ENTERPRISE', ownerId: peer.id, ownerUnitId: team } });
    const day = addDays(now, -5);
    // A draft is no visit yet; handed in, it is.
    const draft = ok(await s.gql(SAVE_LOG, { d: day, i: logInput({ visits: 1, customersMet: 'kh-log-1 王经理；KH-LOG-2 陈经理' }) }, t.rep)).saveWorkLog;
    expect((await p.customer.findUniqueOrThrow({ where: { id: mine.id } })).lastVisitOn).toBeNull();
    ok(await s.gql(SAVE_LOG, { d: day, r: draft.revision, s: true, i: logInput({ visits: 1, customersMet: 'kh-log-1 王经理；KH-LOG-2 陈经理' }) }, t.rep));
    expect((await p.customer.findUniqueOrThrow({ where: { id: mine.id } })).lastVisitOn?.toISOString().slice(0, 10)).toBe(day);
    expect((await p.customer.findUniqueOrThrow({ where: { id: theirs.id } })).lastVisitOn).toBeNull();
    // The change is audited on the customer, before and after, naming the log's day (brief §8: every change is recorded).
    const visits = await p.auditEvent.findMany({ where: { entityType: 'Customer', entityId: mine.id, action: 'visit' } });
    expect(visits.map((v) => [JSON.parse(v.before!).lastVisitOn, JSON.parse(v.after!).lastVisitOn, JSON.parse(v.after!).workLogDay])).toEqual([[null, day, day]]);
    expect(await p.auditEvent.count({ where: { entityType: 'Customer', entityId: theirs.id } })).toBe(0);
    // An earlier visit does not move it back, and changes nothing to audit.
    ok(await s.gql(SAVE_LOG, { d: addDays(now, -6), s: true, i: logInput({ visits: 1, customersMet: 'KH-LOG-1' }) }, t.rep));
    expect((await p.customer.findUniqueOrThrow({ where: { id: mine.id } })).lastVisitOn?.toISOString().slice(0, 10)).toBe(day);
    expect(await p.auditEvent.count({ where: { entityType: 'Customer', entityId: mine.id, action: 'visit' } })).toBe(1);
  });
});
