/**
 * A locked period (brief §2): nothing dated in it changes without an
 * explicit, audited reopen — here the dated records beyond target plans,
 * payroll and scorecards: a sale imported again under another date (moving
 * it out of a locked month), work logs and reports, leave requests and
 * their decisions, visit slips and their decisions and checks. Each is
 * refused with PERIOD_LOCKED (or the import's IN_LOCKED_PERIOD by cell),
 * nothing changes, and after the reopen the same change goes through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseSnapshot, startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { addDays, today } from '../../schema/dates.ts';
import { mondayOf } from '../../schema/work-reports.ts';

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
});
