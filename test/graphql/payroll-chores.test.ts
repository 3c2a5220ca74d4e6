/** The reads behind the pane's payroll chores (issue 8 §6): a month's adjustments by role, plan assignments, who asked for leave. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { addDays, today } from '../../schema/dates.ts';

const ADD = 'mutation($p: ID!, $a: Money!, $r: String!) { addPayAdjustment(personId: $p, month: "2026-04", amount: $a, reason: $r, approvedBy: "director") }';
const LIST = '{ payAdjustments(month: "2026-04") { personId personName employeeNo month amount reason approvedBy } }';

describe.each(testProviders)('payroll chores on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'manager' | 'rep' | 'gm', string>;
  let inArea: { id: string; name: string; employeeNo: string };
  let outside: { id: string; name: string };

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'manager', 'rep', 'gm'] as const) t[u] = await s.login(u);
    const mgr = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const area = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    // In the area for the whole of April 2026 (the adjustments' month), chosen the same way on every database.
    inArea = await s.db.prisma.person.findFirstOrThrow({
      where: { id: { not: mgr.personId! }, assignments: { some: { validTo: null, validFrom: { lte: new Date('2026-04-01') }, unit: { path: { startsWith: area.path } } } } },
      orderBy: { employeeNo: 'asc' },
    });
    outside = await s.db.prisma.person.findFirstOrThrow({ where: { assignments: { some: { validTo: null, unit: { path: { not: { startsWith: area.path } } } } }, position: 'SALES_REP' } });
  });
  afterAll(() => s.close());

  it('lists the month’s adjustments with exact amounts; a manager sees only their subtree’s', async () => {
    for (const [p, a, r] of [[inArea.id, '300.00', '季度奖励'], [outside.id, '-50.10', '迟到罚款']] as const) {
      expect((await s.gql(ADD, { p, a, r }, t.finance)).errors).toBeUndefined();
    }
    const all = (await s.gql(LIST, {}, t.finance)).data.payAdjustments;
    expect(all).toEqual([
      { personId: inArea.id, personName: inArea.name, employeeNo: inArea.employeeNo, month: '2026-04', amount: '300.00', reason: '季度奖励', approvedBy: 'director' },
      expect.objectContaining({ personId: outside.id, amount: '-50.10', reason: '迟到罚款' }),
    ]);
    expect((await s.gql(LIST, {}, t.gm)).data.payAdjustments).toHaveLength(2);
    expect((await s.gql(LIST, {}, t.manager)).data.payAdjustments.map((a: { personId: string }) => a.personId)).toEqual([inArea.id]);
    expect((await s.gql('{ payAdjustments(month: "2026-05") { id } }', {}, t.finance)).data.payAdjustments).toEqual([]);
    expect((await s.gql('{ payAdjustments(month: "2026-13") { id } }', {}, t.finance)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses to submit a run calculated before a reward or penalty was added, naming whom it would leave out; calculated again, it goes', async () => {
    const mgr = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const team = (await s.db.prisma.assignment.findFirstOrThrow({ where: { personId: inArea.id, validTo: null } })).unitId;
    const RUN = 'run { id revision status }';
    let run = (await s.gql(`mutation($u: ID!) { createPayrollRun(month: "2026-06", scopeUnitId: $u) { ${RUN} } }`, { u: team }, t.finance)).data.createPayrollRun.run;
    run = (await s.gql(`mutation($id: ID!, $r: Int!) { calculatePayrollRun(id: $id, revision: $r) { ${RUN} } }`, { id: run.id, r: run.revision }, t.finance)).data.calculatePayrollRun.run;
    const JUNE = 'mutation($p: ID!) { addPayAdjustment(personId: $p, month: "2026-06", amount: "-100.00", reason: "迟交周报", approvedBy: "director") }';
    expect((await s.gql(JUNE, { p: inArea.id }, t.finance)).errors).toBeUndefined();
    const SUBMIT = `mutation($id: ID!, $r: Int!) { submitPayrollRun(id: $id, revision: $r) { ${RUN} } }`;
    const refused = await s.gql(SUBMIT, { id: run.id, r: run.revision }, t.finance);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RUN_OUT_OF_DATE', params: { count: 1, names: `${inArea.name} (${inArea.employeeNo})`, others: 0 } });
    expect(await s.db.prisma.payrollRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: 'CALCULATED', revision: run.revision });
    run = (await s.gql(`mutation($id: ID!, $r: Int!) { calculatePayrollRun(id: $id, revision: $r) { ${RUN} } }`, { id: run.id, r: run.revision }, t.finance)).data.calculatePayrollRun.run;
    const submitted = await s.gql(SUBMIT, { id: run.id, r: run.revision }, t.finance);
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data.submitPayrollRun.run.status).toBe('SUBMITTED');
    expect(mgr.personId).not.toBe(inArea.id);
  });

  it('lists plan assignments newest first, naming the plan and the person', async () => {
    const plan = (await s.gql('{ compensationPlans { code version } }', {}, t.finance)).data.compensationPlans[0];
    const r = await s.gql('mutation($c: String!, $p: ID!) { assignCompensationPlan(planCode: $c, personId: $p, effectiveFrom: "2030-01-01") }', { c: plan.code, p: inArea.id }, t.finance);
    expect(r.errors).toBeUndefined();
    const list = (await s.gql('{ compensationAssignments { planCode planVersion personId personName employeeNo rank position effectiveFrom } }', {}, t.finance)).data.compensationAssignments;
    expect(list[0]).toEqual({ planCode: plan.code, planVersion: plan.version, personId: inArea.id, personName: inArea.name, employeeNo: inArea.employeeNo, rank: null, position: null, effectiveFrom: '2030-01-01' });
  });

  it('names who asked for leave, so a manager knows whose request waits', async () => {
    const from = addDays(today(), 10);
    const rep = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' }, include: { person: true } });
    // The request and the decision answer with the name too, as the list does.
    const asked = await s.gql('mutation($f: Date!) { requestLeave(kind: PERSONAL_LEAVE, from: $f, to: $f, reason: "家事") { id personName status } }', { f: from }, t.rep);
    expect(asked.errors).toBeUndefined();
    expect(asked.data.requestLeave).toMatchObject({ personName: rep.person!.name, status: 'REQUESTED' });
    const mine = (await s.gql('{ leaveRequests { id personId personName status requestedAt } }', {}, t.rep)).data.leaveRequests;
    expect(mine).toEqual([expect.objectContaining({ id: asked.data.requestLeave.id, personId: rep.personId, personName: rep.person!.name, status: 'REQUESTED' })]);
    const decided = await s.gql('mutation($id: ID!) { decideLeave(id: $id, approve: false, comment: "人手不足") { personName status comment } }', { id: asked.data.requestLeave.id }, t.manager);
    expect(decided.errors).toBeUndefined();
    expect(decided.data.decideLeave).toEqual({ personName: rep.person!.name, status: 'REJECTED', comment: '人手不足' });
  });

  it('a leave in a locked month is not decided until an admin reopens it (brief §2): attendance, and so pay, stay as they were', async () => {
    const rep = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' } });
    // Asked on 10 November 2025 for Monday 17 November, still waiting when November was closed.
    const r = await s.db.prisma.leaveRequest.create({ data: { personId: rep.personId!, kind: 'PERSONAL_LEAVE', fromDate: new Date('2025-11-17T00:00:00Z'), toDate: new Date('2025-11-17T00:00:00Z'), reason: '家事', requestedAt: new Date('2025-11-10T02:00:00Z') } });
    await s.db.prisma.attendanceDay.create({ data: { personId: rep.personId!, date: new Date('2025-11-17T00:00:00Z'), status: 'PERSONAL_LEAVE' } });
    expect((await s.gql('mutation { lockPeriod(periodKey: "2025-11", reason: "月结") { periodKey } }', {}, t.admin)).errors).toBeUndefined();
    const DECIDE = 'mutation($id: ID!, $a: Boolean!) { decideLeave(id: $id, approve: $a) { status } }';
    for (const [a, token] of [[true, t.manager], [false, t.manager], [true, t.admin]] as const) {
      const refused = await s.refused(DECIDE, { id: r.id, a }, token);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_LOCKED', params: { period: '2025-11' } });
    }
    const SUMMARY = '{ attendanceSummary(month: "2025-11") { personId personalLeave unrequestedLeave } }';
    expect((await s.gql(SUMMARY, {}, t.rep)).data.attendanceSummary).toEqual([{ personId: rep.personId, personalLeave: 0, unrequestedLeave: 1 }]);
    expect((await s.gql('mutation { reopenPeriod(periodKey: "2025-11", reason: "补批请假") }', {}, t.admin)).errors).toBeUndefined();
    expect((await s.gql(DECIDE, { id: r.id, a: true }, t.manager)).data.decideLeave.status).toBe('APPROVED');
    expect((await s.gql(SUMMARY, {}, t.rep)).data.attendanceSummary).toEqual([{ personId: rep.personId, personalLeave: 1, unrequestedLeave: 0 }]);
    // Nor asked for in one (a month closed ahead).
    expect((await s.gql('mutation { lockPeriod(periodKey: "2030-01", reason: "预结") { periodKey } }', {}, t.admin)).errors).toBeUndefined();
    const ask = await s.refused('mutation { requestLeave(kind: PERSONAL_LEAVE, from: "2029-12-31", to: "2030-01-02", reason: "探亲") { id } }', {}, t.rep);
    expect(ask.errors?.[0]?.extensions).toMatchObject({ reason: 'PERIOD_LOCKED', params: { period: '2030-01' } });
    expect((await s.gql('mutation { reopenPeriod(periodKey: "2030-01", reason: "测试") }', {}, t.admin)).errors).toBeUndefined();
  });

  describe('someone transferred out of the manager’s area on 1 February 2026', () => {
    let moved: { id: string; token: string };

    beforeAll(async () => {
      const p = s.db.prisma;
      const mgr = await p.user.findUniqueOrThrow({ where: { username: 'manager' } });
      const area = await p.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
      const elsewhere = await p.orgUnit.findFirstOrThrow({ where: { kind: 'TEAM', NOT: { path: { startsWith: area.path } } }, orderBy: { code: 'asc' } });
      const person = await p.person.findFirstOrThrow({
        // Not in the June run submitted above: a transfer dated back into a month whose pay is signed is refused (signed-pay-inputs.test.ts).
        where: { id: { not: inArea.id }, position: 'SALES_REP', user: null, hireDate: { lt: new Date('2026-01-01') }, payslips: { none: {} }, assignments: { some: { validTo: null, unit: { path: { startsWith: area.path } } } } },
        orderBy: { employeeNo: 'asc' },
      });
      const tr = await s.gql('mutation($id: ID!, $v: Int!, $u: ID!) { transferPerson(id: $id, version: $v, unitId: $u, effectiveDate: "2026-02-01") { id } }', { id: person.id, v: person.version, u: elsewhere.id }, t.admin);
      expect(tr.errors).toBeUndefined();
      const u = await s.gql('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { username: 'moved-rep', password: 'correct-horse-battery', roles: ['REP'], personId: person.id } }, t.admin);
      expect(u.errors).toBeUndefined();
      moved = { id: person.id, token: await s.login('moved-rep', 'correct-horse-battery') };
    });

    it('their leave requests since are not the old manager’s to see (nor to decide), but the new area’s', async () => {
      const from = addDays(today(), 12);
      const asked = await s.gql('mutation($f: Date!) { requestLeave(kind: SICK_LEAVE, from: $f, to: $f, reason: "复诊") { id } }', { f: from }, moved.token);
      expect(asked.errors).toBeUndefined();
      const LEAVE = '{ leaveRequests { id personId } }';
      expect((await s.gql(LEAVE, {}, t.manager)).data.leaveRequests.filter((r: { personId: string }) => r.personId === moved.id)).toEqual([]);
      expect(codeOf(await s.refused('mutation($id: ID!) { decideLeave(id: $id, approve: true) { status } }', { id: asked.data.requestLeave.id }, t.manager))).toBe('NOT_FOUND');
      expect((await s.gql(LEAVE, {}, t.admin)).data.leaveRequests).toContainEqual({ id: asked.data.requestLeave.id, personId: moved.id });
      expect((await s.gql(LEAVE, {}, moved.token)).data.leaveRequests).toEqual([{ id: asked.data.requestLeave.id, personId: moved.id }]);
    });

    it('a leave they asked for while still in the area stays the old manager’s, who decides it', async () => {
      // Asked on 20 January 2026 for 26 January, then transferred: the old manager decided it and still sees it.
      const r = await s.db.prisma.leaveRequest.create({ data: { personId: moved.id, kind: 'PERSONAL_LEAVE', fromDate: new Date('2026-01-26T00:00:00Z'), toDate: new Date('2026-01-26T00:00:00Z'), reason: '家事', requestedAt: new Date('2026-01-20T02:00:00Z') } });
      expect((await s.gql('{ leaveRequests { id personId } }', {}, t.manager)).data.leaveRequests).toContainEqual({ id: r.id, personId: moved.id });
      const d = await s.gql('mutation($id: ID!) { decideLeave(id: $id, approve: true) { status } }', { id: r.id }, t.manager);
      expect(d.errors).toBeUndefined();
      expect(d.data.decideLeave.status).toBe('APPROVED');
    });

    it('their attendance of April 2026 is not in the old manager’s monthly summary; January’s is', async () => {
      const p = s.db.prisma;
      for (const [date, status] of [['2026-01-13', 'ABSENT'], ['2026-04-07', 'ABSENT'], ['2026-04-08', 'LATE']] as const) {
        await p.attendanceDay.create({ data: { personId: moved.id, date: new Date(`${date}T00:00:00Z`), status, lateMinutes: status === 'LATE' ? 12 : 0 } });
      }
      const SUMMARY = 'query($m: String!) { attendanceSummary(month: $m) { personId absent late lateMinutes } }';
      const of = async (m: string, token: string) => (await s.gql(SUMMARY, { m }, token)).data.attendanceSummary.filter((x: { personId: string }) => x.personId === moved.id);
      expect(await of('2026-04', t.manager)).toEqual([]);
      expect(await of('2026-04', moved.token)).toEqual([{ personId: moved.id, absent: 1, late: 1, lateMinutes: 12 }]);
      expect(await of('2026-04', t.finance)).toEqual([{ personId: moved.id, absent: 1, late: 1, lateMinutes: 12 }]);
      expect(await of('2026-01', t.manager)).toEqual([{ personId: moved.id, absent: 1, late: 0, lateMinutes: 0 }]);
    });
  });
});
