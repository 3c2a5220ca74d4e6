/**
 * A locked period (brief §2): nothing dated in it changes without an
 * explicit, audited reopen — here the workflow steps on records dated in it,
 * beyond their saves: a payroll run's submission, sign-offs, return, discard
 * and reopen into a new version (marking it paid stays allowed: it records a
 * payment that happened); a rep plan's submission, acceptance and return;
 * a manager's comment on a work log, weekly or monthly report, and the check
 * of a visit slip. Each is refused with PERIOD_LOCKED naming the
 * lock, the record reads back as it was (and the database is unchanged),
 * and after the period is reopened the same step goes through. Found by an
 * outside check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseSnapshot, startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { planWeeks } from '../../schema/rep-plan.ts';

type Ext = { code?: string; reason?: string; params?: Record<string, unknown> };
const ext = (r: GqlResult) => (r.errors?.[0]?.extensions ?? {}) as Ext;
const ok = (r: GqlResult) => {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data;
};

const RUN = 'run { id month version revision status } events { action toStatus comment }';
type Run = { run: { id: string; month: string; version: number; revision: number; status: string }; events: { action: string; toStatus: string; comment: string | null }[] };

describe.each(testProviders)('workflow steps in a locked period on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'finmgr' | 'director' | 'gm' | 'manager' | 'rep', string>;
  let team: string;
  const lock = (p: string) => s.gql(`mutation { lockPeriod(periodKey: "${p}", reason: "月结") { periodKey } }`, {}, t.admin).then(ok);
  const reopen = (p: string) => s.gql(`mutation { reopenPeriod(periodKey: "${p}", reason: "更正") }`, {}, t.admin).then(ok);

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'finmgr', 'director', 'gm', 'manager', 'rep'] as const) t[u] = await s.login(u);
    const rep = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' } });
    team = (await s.db.prisma.assignment.findFirstOrThrow({ where: { personId: rep.personId!, validTo: null } })).unitId;
  });
  afterAll(() => s.close());

  describe('a payroll run', () => {
    const readRun = async (id: string): Promise<Run> => ok(await s.gql(`query($id: ID!) { payrollRun(id: $id) { ${RUN} } }`, { id }, t.finance)).payrollRun;
    const runs = async (month: string) => (await s.db.prisma.payrollRun.findMany({ where: { month }, select: { version: true, status: true } })).map((r) => `${r.version}:${r.status}`).sort();
    const STEP = (name: string, arg = '') => `mutation($id: ID!, $r: Int!${arg ? ', $c: String!' : ''}) { ${name}(id: $id, revision: $r${arg ? `, ${arg}: $c` : ''}) { ${RUN} } }`;
    const SUBMIT = STEP('submitPayrollRun');
    const APPROVE = STEP('approvePayrollRun');
    const RETURN = STEP('returnPayrollRun', 'comment');
    const PAID = STEP('markPayrollRunPaid');
    const REOPEN = STEP('reopenPayrollRun', 'reason');
    const DISCARD = 'mutation($id: ID!, $r: Int!, $c: String!) { discardPayrollRun(id: $id, revision: $r, reason: $c) }';
    const step = async (q: string, name: string, run: Run['run'], token: string, c?: string): Promise<Run> => ok(await s.gql(q, { id: run.id, r: run.revision, c }, token))[name];

    /** Each step refused with PERIOD_LOCKED naming the lock; the run reads back as it was, and nothing else changed. */
    const refusedInLock = async (period: string, steps: [string, Run['run'], string, string?][]) => {
      const id = steps[0]![1].id;
      const before = { run: await readRun(id), db: await databaseSnapshot(s.db) };
      for (const [q, run, token, c] of steps) {
        const refused = await s.refused(q, { id: run.id, r: run.revision, c }, token);
        expect(ext(refused), q).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_LOCKED', params: { period } });
        expect(refused.errors![0]!.message, q).toContain(run.month);
      }
      expect(await readRun(id)).toEqual(before.run);
      expect(await databaseSnapshot(s.db)).toBe(before.db);
    };

    it('is not submitted, signed, returned or discarded while its month is locked; once the month is reopened, submitting works', async () => {
      const created = ok(await s.gql(`mutation($u: ID!) { createPayrollRun(month: "2026-08", scopeUnitId: $u) { ${RUN} } }`, { u: team }, t.finance)).createPayrollRun;
      let run = (await step(STEP('calculatePayrollRun'), 'calculatePayrollRun', created.run, t.finance)).run;
      await lock('2026-08');
      await refusedInLock('2026-08', [
        [SUBMIT, run, t.finance],
        [DISCARD, run, t.finance, '范围选错'],
      ]);
      await reopen('2026-08');
      run = (await step(SUBMIT, 'submitPayrollRun', run, t.finance)).run;
      expect(run.status).toBe('SUBMITTED');
      // A lock on the quarter holds the month too.
      await lock('2026-Q3');
      await refusedInLock('2026-Q3', [
        [APPROVE, run, t.finmgr],
        [RETURN, run, t.finmgr, '提成需复核'],
      ]);
      await reopen('2026-Q3');
      run = (await step(APPROVE, 'approvePayrollRun', run, t.finmgr)).run;
      await lock('2026-08');
      await refusedInLock('2026-08', [
        [APPROVE, run, t.director],
        [RETURN, run, t.director, '提成需复核'],
      ]);
      await reopen('2026-08');
      const back = await step(RETURN, 'returnPayrollRun', run, t.director, '提成需复核');
      expect(back.run.status).toBe('CALCULATED');
      run = (await step(SUBMIT, 'submitPayrollRun', back.run, t.finance)).run;
      for (const signer of ['finmgr', 'director', 'gm'] as const) run = (await step(APPROVE, 'approvePayrollRun', run, t[signer])).run;
      expect(run.status).toBe('LOCKED');
    });

    it('is not reopened into a new version while its month is locked; marking it paid is still recorded', async () => {
      const created = ok(await s.gql(`mutation($u: ID!) { createPayrollRun(month: "2026-09", scopeUnitId: $u) { ${RUN} } }`, { u: team }, t.finance)).createPayrollRun;
      let run = (await step(STEP('calculatePayrollRun'), 'calculatePayrollRun', created.run, t.finance)).run;
      run = (await step(SUBMIT, 'submitPayrollRun', run, t.finance)).run;
      for (const signer of ['finmgr', 'director', 'gm'] as const) run = (await step(APPROVE, 'approvePayrollRun', run, t[signer])).run;
      await lock('2026-09');
      // The payment happened: recording it changes nothing the run says about September.
      run = (await step(PAID, 'markPayrollRunPaid', run, t.finance)).run;
      expect(run.status).toBe('PAID');
      await refusedInLock('2026-09', [[REOPEN, run, t.admin, '补发奖金']]);
      expect(await runs('2026-09')).toEqual(['1:PAID']);
      await reopen('2026-09');
      expect((await step(REOPEN, 'reopenPayrollRun', run, t.admin, '补发奖金')).run).toMatchObject({ version: 2, status: 'DRAFT' });
      expect(await runs('2026-09')).toEqual(['1:PAID', '2:DRAFT']);
    });
  });

  describe('a rep plan', () => {
    const PLAN = 'id month status revision events { action toStatus }';
    const SAVE = `mutation($m: String!, $i: RepPlanInput!) { saveRepPlan(month: $m, input: $i) { ${PLAN} } }`;
    const SUBMIT = `mutation($id: ID!, $r: Int!) { submitRepPlan(id: $id, revision: $r) { ${PLAN} } }`;
    const ACCEPT = `mutation($id: ID!, $r: Int!) { acceptRepPlan(id: $id, revision: $r) { ${PLAN} } }`;
    const RETURN = `mutation($id: ID!, $r: Int!, $c: String!) { returnRepPlan(id: $id, revision: $r, comment: $c) { ${PLAN} } }`;
    const plan = (m: string) => ({ weeks: planWeeks(m).map((w) => ({ weekKey: w.key, sales: '100.00', calls: 40, visits: 2, events: 0 })), customers: [], belowTargetReason: '淡季' });
    const readPlan = async (id: string) => ok(await s.gql(`query($id: ID!) { repPlan(id: $id) { ${PLAN} } }`, { id }, t.manager)).repPlan;

    it('is not submitted, accepted or returned while its month is locked; once it is reopened, each goes through', async () => {
      const m = '2026-10';
      let p = ok(await s.gql(SAVE, { m, i: plan(m) }, t.rep)).saveRepPlan;
      const refusedInLock = async (steps: [string, string, Record<string, unknown>][]) => {
        await lock(m);
        const before = { plan: await readPlan(p.id), db: await databaseSnapshot(s.db) };
        for (const [q, token, more] of steps) expect(ext(await s.refused(q, { id: p.id, r: p.revision, ...more }, token)), q).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_LOCKED', params: { period: m } });
        expect(await readPlan(p.id)).toEqual(before.plan);
        expect(await databaseSnapshot(s.db)).toBe(before.db);
        await reopen(m);
      };
      await refusedInLock([[SUBMIT, t.rep, {}]]);
      p = ok(await s.gql(SUBMIT, { id: p.id, r: p.revision }, t.rep)).submitRepPlan;
      expect(p.status).toBe('SUBMITTED');
      await refusedInLock([
        [ACCEPT, t.manager, {}],
        [RETURN, t.manager, { c: '第二周偏低' }],
      ]);
      expect(ok(await s.gql(RETURN, { id: p.id, r: p.revision, c: '第二周偏低' }, t.manager)).returnRepPlan.status).toBe('RETURNED');
    });
  });

  describe('a manager’s comment or check', () => {
    const COMMENT = (kind: string, fields: string) => `mutation($id: ID!, $r: Int!, $c: String!) { ${kind}(id: $id, revision: $r, comment: $c) { ${fields} } }`;
    const ROW = 'id status revision comment';
    const SLIP = 'id status revision checkResult';
    const slip = (day: string) => ({ destination: '苏州工业园区星湖街 88 号', contactPerson: '王经理', purpose: '季度回访', plannedOut: `${day}T01:00:00Z`, plannedBack: `${day}T09:00:00Z` });

    it('is refused on a log, a weekly or monthly report and a visit slip dated in a locked month; once it is reopened, each is recorded', async () => {
      const m = '2026-06';
      const log = ok(await s.gql(`mutation($i: WorkLogInput!) { saveWorkLog(day: "2026-06-10", submit: true, input: $i) { ${ROW} } }`, { i: { calls: 8, visits: 2, deals: 1, customersMet: '星湖电子', notes: '回访' } }, t.rep)).saveWorkLog;
      const weekly = ok(await s.gql(`mutation($i: WeeklyReportInput!) { saveWeeklyReport(week: "2026-06-15", submit: true, input: $i) { ${ROW} } }`, { i: { results: '回访两家', plan: '拜访三家', marketFeedback: '', problems: '' } }, t.rep)).saveWeeklyReport;
      const monthly = ok(await s.gql(`mutation($i: MonthlyReportInput!) { saveMonthlyReport(month: "2026-06", submit: true, input: $i) { ${ROW} } }`, { i: { results: '完成', analysis: '平稳', plan: '继续' } }, t.rep)).saveMonthlyReport;
      let visit = ok(await s.gql(`mutation($i: VisitSlipInput!) { requestVisitSlip(input: $i) { ${SLIP} } }`, { i: slip('2026-06-11') }, t.rep)).requestVisitSlip;
      visit = ok(await s.gql(`mutation($id: ID!, $r: Int!) { approveVisitSlip(id: $id, revision: $r) { ${SLIP} } }`, { id: visit.id, r: visit.revision }, t.manager)).approveVisitSlip;
      const CHECK = `mutation($id: ID!, $r: Int!) { checkVisitSlip(id: $id, revision: $r, kind: SPOT, ok: true, result: "电话抽查") { ${SLIP} } }`;
      const steps = [
        [COMMENT('commentWorkLog', ROW), log, 'commentWorkLog'],
        [COMMENT('commentWeeklyReport', ROW), weekly, 'commentWeeklyReport'],
        [COMMENT('commentMonthlyReport', ROW), monthly, 'commentMonthlyReport'],
        [CHECK, visit, 'checkVisitSlip'],
      ] as const;
      /** Each as the manager reads it back. */
      const readBack = async () => {
        const q = `{ workLogs(from: "2026-06-10", to: "2026-06-10") { ${ROW} } weeklyReports(week: "2026-06-15") { ${ROW} } monthlyReports(month: "2026-06") { ${ROW} } visitSlips(month: "2026-06") { ${SLIP} } }`;
        const r = ok(await s.gql(q, {}, t.manager));
        type Row = { id: string; status: string; comment?: string | null; checkResult?: string | null };
        return [r.workLogs, r.weeklyReports, r.monthlyReports, r.visitSlips].map((rows: Row[], i) => rows.find((x) => x.id === steps[i]![1].id));
      };
      expect((await readBack()).map((x) => x?.status)).toEqual(['SUBMITTED', 'SUBMITTED', 'SUBMITTED', 'APPROVED']);
      await lock(m);
      const before = { rows: await readBack(), db: await databaseSnapshot(s.db) };
      for (const [q, row] of steps) expect(ext(await s.refused(q, { id: row.id, r: row.revision, c: '请补充客户名单' }, t.manager)), q).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_LOCKED', params: { period: m } });
      expect(await readBack()).toEqual(before.rows);
      expect(await databaseSnapshot(s.db)).toBe(before.db);
      await reopen(m);
      for (const [q, row, name] of steps) ok(await s.gql(q, { id: row.id, r: row.revision, c: '请补充客户名单' }, t.manager))[name];
      expect((await readBack()).map((x) => [x?.status, x?.comment ?? x?.checkResult])).toEqual([
        ['SUBMITTED', '请补充客户名单'],
        ['SUBMITTED', '请补充客户名单'],
        ['SUBMITTED', '请补充客户名单'],
        ['CHECKED', '电话抽查'],
      ]);
    });
  });
});
