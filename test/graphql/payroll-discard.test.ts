/**
 * Finance discards a payroll run nobody has signed (issue 7 §3: one live
 * payslip a month, and no way to be stuck with two runs claiming the same
 * people): a draft or calculated run goes with its payslips, audited with
 * what it held, and its people are free for another run; a reopened version
 * discarded leaves the paid one live. A submitted run, a stale revision,
 * another area's finance and a rep are refused, changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, databaseSnapshot, startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

const ext = (r: GqlResult) => (r.errors?.[0]?.extensions ?? {}) as Record<string, unknown>;
const RUN = 'run { id month version revision status }';
const DISCARD = 'mutation($id: ID!, $r: Int!, $why: String!) { discardPayrollRun(id: $id, revision: $r, reason: $why) }';

describe.each(testProviders)('discarding a payroll run on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'finmgr' | 'director' | 'gm' | 'rep', string>;
  let team: string;
  let area: string;
  const step = async (name: string, vars: Record<string, unknown>, token: string, extra = '') => {
    const r = await s.gql(`mutation($id: ID!, $r: Int!${extra ? ', $c: String!' : ''}) { ${name}(id: $id, revision: $r${extra}) { ${RUN} } }`, vars, token);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data[name].run as { id: string; month: string; version: number; revision: number; status: string };
  };
  const create = async (month: string, unit: string) => {
    const r = await s.gql(`mutation($m: String!, $u: ID!) { createPayrollRun(month: $m, scopeUnitId: $u) { ${RUN} } }`, { m: month, u: unit }, t.finance);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data.createPayrollRun.run as { id: string; month: string; version: number; revision: number; status: string };
  };

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'finmgr', 'director', 'gm', 'rep'] as const) t[u] = await s.login(u);
    const rep = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' } });
    team = (await s.db.prisma.assignment.findFirstOrThrow({ where: { personId: rep.personId!, validTo: null } })).unitId;
    area = (await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: team } })).parentId!;
  });
  afterAll(() => s.close());

  it('discards a calculated run with its payslips, audited; its people are free for the area’s run', async () => {
    const run = await step('calculatePayrollRun', { id: (await create('2026-05', team)).id, r: 1 }, t.finance);
    const slips = await s.db.prisma.payslip.count({ where: { runId: run.id } });
    expect(slips).toBeGreaterThan(0);
    // The area's run would pay the team's people twice.
    expect(ext(await s.refused(`mutation($u: ID!) { createPayrollRun(month: "2026-05", scopeUnitId: $u) { ${RUN} } }`, { u: area }, t.finance))).toMatchObject({ reason: 'PAID_IN_OTHER_RUN' });
    expect(ext(await s.refused(DISCARD, { id: run.id, r: run.revision, why: ' ' }, t.finance))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(ext(await s.refused(DISCARD, { id: run.id, r: run.revision - 1, why: '范围选错' }, t.finance))).toMatchObject({ code: 'CONFLICT' });
    const done = await s.gql(DISCARD, { id: run.id, r: run.revision, why: '范围选错，改按片区' }, t.finance);
    expect(done.errors).toBeUndefined();
    expect(done.data.discardPayrollRun).toBe(true);
    expect(await s.db.prisma.payrollRun.count({ where: { id: run.id } })).toBe(0);
    expect(await s.db.prisma.payslip.count({ where: { runId: run.id } })).toBe(0);
    const audit = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'PayrollRun', entityId: run.id, action: 'discard' } });
    expect(JSON.parse(audit.before!)).toMatchObject({ status: 'CALCULATED', month: '2026-05', version: 1, payslips: slips });
    expect(JSON.parse(audit.after!)).toEqual({ reason: '范围选错，改按片区' });
    await create('2026-05', area);
  });

  it('refuses a submitted run, a rep and a signer, changing nothing', async () => {
    let run = await step('calculatePayrollRun', { id: (await create('2026-06', team)).id, r: 1 }, t.finance);
    expect(codeOf(await s.refused(DISCARD, { id: run.id, r: run.revision, why: 'x' }, t.rep))).toBe('FORBIDDEN');
    expect(codeOf(await s.refused(DISCARD, { id: run.id, r: run.revision, why: 'x' }, t.finmgr))).toBe('FORBIDDEN');
    run = await step('submitPayrollRun', { id: run.id, r: run.revision }, t.finance);
    const before = await databaseSnapshot(s.db);
    expect(ext(await s.refused(DISCARD, { id: run.id, r: run.revision, why: '不要了' }, t.finance))).toMatchObject({ reason: 'RUN_STATUS', params: { runStatus: 'SUBMITTED' } });
    expect(await databaseSnapshot(s.db)).toBe(before);
  });

  it('discarding a reopened version leaves the paid version live again', async () => {
    let run = await step('calculatePayrollRun', { id: (await create('2026-07', team)).id, r: 1 }, t.finance);
    run = await step('submitPayrollRun', { id: run.id, r: run.revision }, t.finance);
    run = await step('approvePayrollRun', { id: run.id, r: run.revision }, t.finmgr);
    run = await step('approvePayrollRun', { id: run.id, r: run.revision }, t.director);
    run = await step('approvePayrollRun', { id: run.id, r: run.revision }, t.gm);
    run = await step('markPayrollRunPaid', { id: run.id, r: run.revision }, t.finance);
    const reopened = await s.gql(`mutation($id: ID!, $r: Int!) { reopenPayrollRun(id: $id, revision: $r, reason: "核对") { ${RUN} } }`, { id: run.id, r: run.revision }, t.admin);
    expect(reopened.errors).toBeUndefined();
    const v2 = reopened.data.reopenPayrollRun.run;
    expect(v2).toMatchObject({ version: 2, status: 'DRAFT' });
    // The paid version is not the one to discard: a newer version replaces it.
    expect(ext(await s.refused(DISCARD, { id: run.id, r: run.revision, why: 'x' }, t.finance))).toMatchObject({ reason: 'RUN_STATUS' });
    expect((await s.gql(DISCARD, { id: v2.id, r: v2.revision, why: '无需重算' }, t.finance)).errors).toBeUndefined();
    const live = await s.gql('{ payrollRuns(month: "2026-07") { id version status } }', {}, t.finance);
    expect(live.data.payrollRuns.filter((r: any) => r.id === run.id)).toEqual([{ id: run.id, version: 1, status: 'PAID' }]);
    // Paid again without the reopen: adjustments to July are refused as before it.
    expect(await s.db.prisma.payrollRun.count({ where: { month: '2026-07', scopeUnitId: team } })).toBe(1);
  });
});
