/**
 * A rep's month of logs and reports handed in at once (issue 11 §3, "in a
 * sheet of the template"): myWorkMonth reads the month as the sheet shows it
 * (the logs so far, a weekly report per Monday in the month, the monthly
 * report); saveWorkMonth saves or hands in all that is given, or nothing
 * when any one is refused, each problem naming its item and field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { addDays, today } from '../../schema/dates.ts';
import { monthlyReportDue, monthMondays, reportedWeek } from '../../schema/work-reports.ts';

const COMMON = 'id status revision dueOn timeliness canEdit';
const MONTH = `month logs { ${COMMON} day calls visits deals customersMet notes } weeklyReports { week reportedFrom reportedTo dueOn figures { actualCalls logsSubmitted } report { ${COMMON} week results plan marketFeedback problems } } monthlyReport { month dueOn report { ${COMMON} month results analysis plan } }`;
const MY_MONTH = `query($m: String!) { myWorkMonth(month: $m) { ${MONTH} } }`;
const SAVE_MONTH = `mutation($m: String!, $s: Boolean, $i: WorkMonthInput!) { saveWorkMonth(month: $m, submit: $s, input: $i) { ${MONTH} } }`;

type Issue = { reason: string; field: string; params: Record<string, unknown>; item: { kind: string; period: string } };
const issues = (r: GqlResult) => ((r.errors?.[0]?.extensions as { issues?: Issue[] })?.issues ?? []).map((i) => ({ reason: i.reason, field: i.field, item: i.item }));
const ok = (r: GqlResult) => {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data;
};
const log = (more: Record<string, unknown> = {}) => ({ calls: 6, visits: 2, deals: 0, customersMet: '星湖电子', notes: '回访老客户', ...more });
const weekly = (more: Record<string, unknown> = {}) => ({ results: '签单一笔', plan: '拜访三家重点客户', marketFeedback: '', problems: '', ...more });
const monthly = (more: Record<string, unknown> = {}) => ({ results: '完成目标 92%', analysis: '两家客户推迟订单', plan: '下月重点跟进', ...more });

describe.each(testProviders)('a month of logs and reports at once on %s', (provider) => {
  let s: TestServer;
  let rep: string;
  let finance: string;
  const now = today();
  const month = now.slice(0, 7);
  const first = `${month}-01`;
  const mondays = monthMondays(month);
  const firstMonday = mondays[0]!;

  beforeAll(async () => {
    s = await startTestServer(provider);
    rep = await s.login('rep');
    finance = await s.login('finance');
  });
  afterAll(() => s.close());

  it('reads the month as its sheet shows it: the logs so far, a weekly report per Monday in the month, the monthly report', async () => {
    const m = ok(await s.gql(MY_MONTH, { m: month }, rep)).myWorkMonth;
    expect(m.month).toBe(month);
    expect(m.weeklyReports.map((w: { week: string }) => w.week)).toEqual(mondays);
    expect(m.weeklyReports[0]).toMatchObject({ week: firstMonday, reportedFrom: reportedWeek(firstMonday).start, reportedTo: reportedWeek(firstMonday).end, dueOn: firstMonday, report: null });
    expect(m.monthlyReport).toMatchObject({ month, dueOn: monthlyReportDue(month), report: null });
    expect(m.logs).toEqual([]);
  });

  it('refuses the whole set when one item is wrong, naming each problem’s item and field, and saves nothing', async () => {
    const tomorrow = addDays(now, 1);
    const input = {
      logs: [
        { day: first, input: log() },
        { day: tomorrow, input: log() },
        { day: first, input: log({ calls: -1 }) },
      ],
      weeklyReports: [{ week: addDays(firstMonday, 1), input: weekly() }],
      monthlyReport: { input: monthly({ analysis: '' }) },
    };
    const r = await s.refused(SAVE_MONTH, { m: month, s: true, i: input }, rep);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(issues(r)).toEqual([
      { reason: 'WORK_LOG_FUTURE_DAY', field: 'day', item: { kind: 'LOG', period: tomorrow } },
      { reason: 'WORK_REPORT_GIVEN_TWICE', field: 'day', item: { kind: 'LOG', period: first } },
      { reason: 'WORK_REPORT_NEGATIVE', field: 'calls', item: { kind: 'LOG', period: first } },
      { reason: 'WORK_REPORT_NOT_A_MONDAY', field: 'week', item: { kind: 'WEEKLY', period: addDays(firstMonday, 1) } },
      { reason: 'WORK_REPORT_REQUIRED', field: 'analysis', item: { kind: 'MONTHLY', period: month } },
    ]);
    expect(ok(await s.gql(MY_MONTH, { m: month }, rep)).myWorkMonth.logs).toEqual([]);
    // Nothing at all to save is said so, not taken as a save.
    const empty = await s.refused(SAVE_MONTH, { m: month, i: { logs: [], weeklyReports: [] } }, rep);
    expect(empty.errors?.[0]?.extensions).toMatchObject({ reason: 'WORK_REPORT_NOTHING_TO_SAVE', params: { month } });
  });

  let saved: any;
  it('saves drafts of a log, a weekly and the monthly report at once, each audited', async () => {
    const input = { logs: [{ day: first, input: log({ notes: '' }) }], weeklyReports: [{ week: firstMonday, input: weekly() }], monthlyReport: { input: monthly() } };
    saved = ok(await s.gql(SAVE_MONTH, { m: month, i: input }, rep)).saveWorkMonth;
    expect(saved.logs).toEqual([expect.objectContaining({ day: first, status: 'DRAFT', revision: 1, calls: 6, notes: '', canEdit: true })]);
    expect(saved.weeklyReports[0].report).toMatchObject({ week: firstMonday, status: 'DRAFT', revision: 1, results: '签单一笔' });
    expect(saved.monthlyReport.report).toMatchObject({ month, status: 'DRAFT', revision: 1, analysis: '两家客户推迟订单' });
    const audit = await s.db.prisma.auditEvent.findMany({ where: { entityId: { in: [saved.logs[0].id, saved.weeklyReports[0].report.id, saved.monthlyReport.report.id] } } });
    expect(audit.map((a) => `${a.entityType} ${a.action}`).sort()).toEqual(['MonthlyReport create', 'WeeklyReport create', 'WorkLog create']);
  });

  it('refuses all when one revision is stale (changed meanwhile), keeping the others as they were', async () => {
    const input = {
      logs: [{ day: first, revision: 1, input: log({ calls: 9 }) }],
      weeklyReports: [{ week: firstMonday, revision: 7, input: weekly({ results: '改过' }) }],
      monthlyReport: { revision: 1, input: monthly() },
    };
    const r = await s.refused(SAVE_MONTH, { m: month, s: true, i: input }, rep);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'WORK_REPORT_CHANGED', item: { kind: 'WEEKLY', period: firstMonday } });
    const m = ok(await s.gql(MY_MONTH, { m: month }, rep)).myWorkMonth;
    expect(m.logs[0]).toMatchObject({ status: 'DRAFT', revision: 1, calls: 6 });
  });

  it('hands in all given at once; one handed in already is then refused by item; finance may not call it', async () => {
    const input = {
      logs: [{ day: first, revision: 1, input: log() }],
      weeklyReports: [{ week: firstMonday, revision: 1, input: weekly() }],
      monthlyReport: { revision: 1, input: monthly() },
    };
    const m = ok(await s.gql(SAVE_MONTH, { m: month, s: true, i: input }, rep)).saveWorkMonth;
    expect(m.logs[0]).toMatchObject({ status: 'SUBMITTED', revision: 2, canEdit: false, notes: '回访老客户' });
    expect(m.weeklyReports[0].report).toMatchObject({ status: 'SUBMITTED', revision: 2 });
    expect(m.monthlyReport.report).toMatchObject({ status: 'SUBMITTED', revision: 2 });
    const again = await s.refused(SAVE_MONTH, { m: month, i: { logs: [{ day: first, revision: 2, input: log({ calls: 1 }) }], weeklyReports: [] } }, rep);
    expect(again.errors?.[0]?.extensions).toMatchObject({ reason: 'WORK_REPORT_ALREADY_SUBMITTED', item: { kind: 'LOG', period: first } });
    const byFinance = await s.refused(SAVE_MONTH, { m: month, i: { logs: [{ day: first, input: log() }], weeklyReports: [] } }, finance);
    expect(byFinance.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
