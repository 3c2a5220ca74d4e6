/**
 * Finance who serve named units (brief §8: finance see "payroll of all units
 * they serve"), through the API: an admin names the units; the finance user
 * then reads and runs only those units' payroll, imports only their sales and
 * attendance, keeps only their expenses, and changes no company-wide pay
 * rule. Each refusal leaves the database as it was. A finance user who serves
 * no named unit (the demo's) serves every unit, as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { addDays, today } from '../../schema/dates.ts';
import { formatMoney } from '../../schema/money.ts';

const SET = 'mutation($u: ID!, $ids: [ID!]!) { setServedUnits(userId: $u, unitIds: $ids) { id servedUnits { id code name } } }';
const reasonOf = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.reason;
const problemsOf = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  (r.errors?.[0]?.extensions?.problems as { row: number; field: string; reason: string; params: Record<string, string> }[] | undefined) ?? [];

describe.each(testProviders)('finance who serve named units on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'east' | 'manager', string>;
  let eastUserId: string;
  let served: { id: string; name: string };
  let other: { id: string; name: string };
  let centre: string;
  let inside: { id: string; employeeNo: string; name: string };
  let outside: { id: string; employeeNo: string; name: string };
  let insideTeam: string;
  let outsideTeam: string;
  /** A served person transferred to the other region from 2026-09-01. */
  let leaver: string;
  const ok = async (q: string, v: Record<string, unknown>, token: string) => {
    const r = await s.gql(q, v, token);
    expect(r.errors).toBeUndefined();
    return r.data;
  };
  const personIn = async (regionId: string) => {
    const region = await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: regionId } });
    const a = await s.db.prisma.assignment.findFirstOrThrow({
      where: { validTo: null, validFrom: { lte: new Date('2026-01-01') }, unit: { path: { startsWith: region.path }, kind: 'TEAM' }, person: { leaveDate: null, position: { in: ['SALES_REP', 'ACCOUNT_MANAGER'] } } },
      orderBy: { person: { employeeNo: 'asc' } },
      include: { person: true },
    });
    return { person: { id: a.personId, employeeNo: a.person.employeeNo, name: a.person.name }, team: a.unitId };
  };

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'manager'] as const) t[u] = await s.login(u);
    const regions = await s.db.prisma.orgUnit.findMany({ where: { kind: 'REGION' }, orderBy: { code: 'asc' }, take: 2 });
    [served, other] = regions.map((r) => ({ id: r.id, name: r.name })) as [typeof served, typeof other];
    centre = regions[0]!.parentId!;
    ({ person: inside, team: insideTeam } = await personIn(served.id));
    ({ person: outside, team: outsideTeam } = await personIn(other.id));
    const created = await ok('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { username: 'finance-east', password: 'finance-east-password', roles: ['FINANCE'] } }, t.admin);
    eastUserId = created.createUser.id;
    const set = (await ok(SET, { u: eastUserId, ids: [served.id] }, t.admin)).setServedUnits;
    expect(set.servedUnits.map((u: { id: string }) => u.id)).toEqual([served.id]);
    t.east = await s.login('finance-east', 'finance-east-password');
  });
  afterAll(() => s.close());

  it('an admin names the units, audited; not for a user without the finance role, an unknown unit or oneself', async () => {
    expect((await ok('{ viewer { servedUnits { id name } } }', {}, t.east)).viewer.servedUnits).toEqual([{ id: served.id, name: served.name }]);
    expect((await ok('{ viewer { servedUnits { id } } }', {}, t.finance)).viewer.servedUnits).toEqual([]);
    const trail = (await ok('query($id: ID!) { auditTrail(entityType: "User", entityId: $id) { action before after } }', { id: eastUserId }, t.admin)).auditTrail;
    const entry = trail.find((e: { action: string }) => e.action === 'setServedUnits');
    const code = (await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: served.id } })).code;
    expect(JSON.parse(entry.before).servedUnits).toEqual([]);
    expect(JSON.parse(entry.after).servedUnits).toEqual([code]);

    const managerUser = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } });
    expect(reasonOf(await s.refused(SET, { u: managerUser.id, ids: [served.id] }, t.admin))).toBe('SERVES_ONLY_FINANCE');
    expect(reasonOf(await s.refused(SET, { u: eastUserId, ids: ['no-such-unit'] }, t.admin))).toBe('NO_SUCH_ORG_UNIT');
    const adminUser = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'admin' } });
    expect(reasonOf(await s.refused(SET, { u: adminUser.id, ids: [] }, t.admin))).toBe('OWN_ROLES');
    expect(reasonOf(await s.refused(SET, { u: eastUserId, ids: [] }, t.east))).toBe('ROLE_NOT_ALLOWED');
  });

  it('runs payroll for a served unit only; a run above it shows only the served people’s payslips', async () => {
    const CREATE = 'mutation($u: ID!, $m: String!) { createPayrollRun(month: $m, scopeUnitId: $u) { run { id revision } } }';
    const own = (await ok(CREATE, { u: served.id, m: '2026-05' }, t.east)).createPayrollRun.run;
    const calc = (await ok('mutation($id: ID!) { calculatePayrollRun(id: $id, revision: 1) { payslips { personId } } }', { id: own.id }, t.east)).calculatePayrollRun.payslips;
    expect(calc.map((p: { personId: string }) => p.personId)).toContain(inside.id);
    expect(calc.map((p: { personId: string }) => p.personId)).not.toContain(outside.id);
    expect(reasonOf(await s.refused(CREATE, { u: other.id, m: '2026-05' }, t.east))).toBe('UNIT_NOT_SERVED');
    expect(reasonOf(await s.refused(CREATE, { u: centre, m: '2026-06' }, t.east))).toBe('UNIT_NOT_SERVED');

    // The whole centre's June run, by finance who serve every unit.
    const whole = (await ok(CREATE, { u: centre, m: '2026-06' }, t.finance)).createPayrollRun.run;
    const all = (await ok('mutation($id: ID!) { calculatePayrollRun(id: $id, revision: 1) { payslips { personId } } }', { id: whole.id }, t.finance)).calculatePayrollRun.payslips.map((p: { personId: string }) => p.personId);
    expect(all).toEqual(expect.arrayContaining([inside.id, outside.id]));
    const seen = (await ok('query($id: ID!) { payrollRun(id: $id) { payslips { personId } } }', { id: whole.id }, t.east)).payrollRun.payslips.map((p: { personId: string }) => p.personId);
    expect(seen).toContain(inside.id);
    expect(seen).not.toContain(outside.id);
    const servedPeople = new Set((await s.db.prisma.assignment.findMany({ where: { unit: { path: { startsWith: (await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: served.id } })).path } } }, select: { personId: true } })).map((a) => a.personId));
    expect(seen.every((id: string) => servedPeople.has(id))).toBe(true);
    expect(seen.length).toBeLessThan(all.length);
    // They may read it, but not calculate or submit it; the run says so.
    const RUNS = '{ payrollRuns { id viewerMayRun } }';
    const mayRun = async (token: string) => new Map((await ok(RUNS, {}, token)).payrollRuns.map((r: { id: string; viewerMayRun: boolean }) => [r.id, r.viewerMayRun]));
    expect(await mayRun(t.east)).toEqual(new Map([[own.id, true], [whole.id, false]]));
    expect((await mayRun(t.finance)).get(whole.id)).toBe(true);
    expect((await mayRun(t.manager)).get(whole.id)).toBe(false);
    expect(reasonOf(await s.refused('mutation($id: ID!) { calculatePayrollRun(id: $id, revision: 2) { run { id } } }', { id: whole.id }, t.east))).toBe('UNIT_NOT_SERVED');
    expect(reasonOf(await s.refused('mutation($id: ID!) { submitPayrollRun(id: $id, revision: 2) { run { id } } }', { id: whole.id }, t.east))).toBe('UNIT_NOT_SERVED');
    expect(reasonOf(await s.refused('mutation($id: ID!) { startPayrollCalculation(id: $id, revision: 2) { id } }', { id: whole.id }, t.east))).toBe('UNIT_NOT_SERVED');
  });

  it('sees the roster and adjustments of served units only, and adjusts only their people’s pay', async () => {
    const roster = (await ok('{ roster(first: 1000) { edges { node { id } } } }', {}, t.east)).roster.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(roster).toContain(inside.id);
    expect(roster).not.toContain(outside.id);
    const ADD = 'mutation($p: ID!) { addPayAdjustment(personId: $p, month: "2026-05", amount: "200.00", reason: "展会奖励", approvedBy: "director") }';
    await ok(ADD, { p: inside.id }, t.east);
    const refused = await s.refused(ADD, { p: outside.id }, t.east);
    expect(reasonOf(refused)).toBe('PERSON_NOT_SERVED');
    expect((refused.errors![0]!.extensions as Record<string, unknown>).params).toEqual({ name: outside.name, employeeNo: outside.employeeNo });
    await ok(ADD, { p: outside.id }, t.finance);
    const LIST = '{ payAdjustments(month: "2026-05") { personId amount } }';
    expect((await ok(LIST, {}, t.east)).payAdjustments).toEqual([{ personId: inside.id, amount: '200.00' }]);
    expect((await ok(LIST, {}, t.finance)).payAdjustments.map((a: { personId: string }) => a.personId).sort()).toEqual([inside.id, outside.id].sort());

    const SALARY = 'mutation($id: ID!, $v: Int!) { updatePerson(id: $id, version: $v, input: { baseSalary: "6100.00" }) { id } }';
    const versionOf = async (id: string) => (await s.db.prisma.person.findUniqueOrThrow({ where: { id } })).version;
    await ok(SALARY, { id: inside.id, v: await versionOf(inside.id) }, t.east);
    expect((await s.db.prisma.person.findUniqueOrThrow({ where: { id: inside.id } })).baseSalaryFen).toBe(610_000n);
    expect(reasonOf(await s.refused(SALARY, { id: outside.id, v: await versionOf(outside.id) }, t.east))).toBe('PERSON_NOT_FOUND');
  });

  it('assigns plans to served people only, and no company-wide rule', async () => {
    const plan = await s.db.prisma.compensationPlan.findFirstOrThrow({ orderBy: [{ code: 'asc' }, { version: 'desc' }] });
    const ASSIGN = 'mutation($c: String!, $p: ID, $r: Rank) { assignCompensationPlan(planCode: $c, personId: $p, rank: $r, effectiveFrom: "2026-07-01") }';
    await ok(ASSIGN, { c: plan.code, p: inside.id }, t.east);
    expect(reasonOf(await s.refused(ASSIGN, { c: plan.code, p: outside.id }, t.east))).toBe('PERSON_NOT_SERVED');
    expect(reasonOf(await s.refused(ASSIGN, { c: plan.code, r: 'SR' }, t.east))).toBe('COMPANY_WIDE_PAY');
    await ok(ASSIGN, { c: plan.code, p: outside.id }, t.finance);
    const LIST = '{ compensationAssignments { personId rank position } }';
    const listed = (await ok(LIST, {}, t.east)).compensationAssignments;
    expect(listed.map((a: { personId: string | null }) => a.personId)).toContain(inside.id);
    expect(listed.map((a: { personId: string | null }) => a.personId)).not.toContain(outside.id);
    expect((await ok(LIST, {}, t.finance)).compensationAssignments.map((a: { personId: string | null }) => a.personId)).toEqual(expect.arrayContaining([inside.id, outside.id]));
    const SAVE = 'mutation($d: String!) { saveCompensationPlan(document: $d, effectiveFrom: "2026-07-01") { id } }';
    expect(reasonOf(await s.refused(SAVE, { d: plan.document }, t.east))).toBe('COMPANY_WIDE_PAY');
  });

  it('assigns no plan to a served person from a day that would reach past their transfer out', async () => {
    const plan = await s.db.prisma.compensationPlan.findFirstOrThrow({ orderBy: [{ code: 'asc' }, { version: 'desc' }] });
    const region = await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: served.id } });
    const leaving = await s.db.prisma.assignment.findFirstOrThrow({
      where: { validTo: null, validFrom: { lte: new Date('2026-01-01') }, unit: { path: { startsWith: region.path }, kind: 'TEAM' }, personId: { not: inside.id }, person: { leaveDate: null, position: { in: ['SALES_REP', 'ACCOUNT_MANAGER'] } } },
      orderBy: { person: { employeeNo: 'desc' } },
      include: { person: true },
    });
    await ok('mutation($id: ID!, $v: Int!, $u: ID!) { transferPerson(id: $id, version: $v, unitId: $u, effectiveDate: "2026-09-01") { id } }', { id: leaving.personId, v: leaving.person.version, u: outsideTeam }, t.admin);
    leaver = leaving.personId;
    const ASSIGN = 'mutation($c: String!, $p: ID!, $f: Date!) { assignCompensationPlan(planCode: $c, personId: $p, effectiveFrom: $f) }';
    // From July on the plan would pay them in the other region from September: not for finance who serve only this one.
    expect(reasonOf(await s.refused(ASSIGN, { c: plan.code, p: leaving.personId, f: '2026-07-01' }, t.east))).toBe('PERSON_NOT_SERVED');
    expect(await s.db.prisma.compensationAssignment.count({ where: { personId: leaving.personId } })).toBe(0);
    await ok(ASSIGN, { c: plan.code, p: leaving.personId, f: '2026-07-01' }, t.finance);
  });

  it('reads the base salary of people in served units now, not of one seen as of a day before their transfer out', async () => {
    const PERSON = 'query($id: ID!, $d: Date) { person(id: $id, asOf: $d) { id baseSalary } }';
    const before = '2026-08-15';
    const salary = (await s.db.prisma.person.findUniqueOrThrow({ where: { id: leaver } })).baseSalaryFen;
    expect((await ok(PERSON, { id: leaver, d: before }, t.east)).person).toEqual({ id: leaver, baseSalary: null });
    expect((await ok(PERSON, { id: leaver, d: before }, t.finance)).person.baseSalary).toBe(formatMoney(salary));
    expect((await ok(PERSON, { id: inside.id }, t.east)).person.baseSalary).not.toBeNull();
    const rows = (await ok('query($d: Date) { roster(asOf: $d, first: 1000) { edges { node { id baseSalary } } } }', { d: before }, t.east)).roster.edges.map((e: { node: { id: string; baseSalary: string | null } }) => e.node);
    expect(rows.find((r: { id: string }) => r.id === leaver)).toEqual({ id: leaver, baseSalary: null });
    expect(rows.find((r: { id: string }) => r.id === inside.id).baseSalary).not.toBeNull();
  });

  it('imports sales and attendance of served units only: each other row is named, and nothing is written', async () => {
    const SALES = 'mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }';
    const sales = [
      { externalId: 'EAST-1', employeeNo: inside.employeeNo, date: '2026-05-06', amount: '3000.00' },
      { externalId: 'EAST-2', employeeNo: outside.employeeNo, date: '2026-05-07', amount: '4000.00' },
    ];
    const refused = await s.refused(SALES, { r: sales }, t.east);
    expect(problemsOf(refused).map((p) => [p.row, p.field, p.reason, p.params])).toEqual([[2, 'employeeNo', 'ROW_NOT_SERVED', { employeeNo: outside.employeeNo, date: '2026-05-07' }]]);
    expect((await ok(SALES, { r: sales.slice(0, 1) }, t.east)).importSalesActuals.created).toBe(1);
    // A stored sale of another unit is not moved by importing it again under a served person.
    await ok(SALES, { r: [{ externalId: 'EAST-3', employeeNo: outside.employeeNo, date: '2026-05-08', amount: '500.00' }] }, t.finance);
    const moved = await s.refused(SALES, { r: [{ externalId: 'EAST-3', employeeNo: inside.employeeNo, date: '2026-05-08', amount: '500.00' }] }, t.east);
    expect(problemsOf(moved).map((p) => [p.field, p.reason, p.params])).toEqual([['externalId', 'SALE_NOT_SERVED', { externalId: 'EAST-3' }]]);

    const ATTENDANCE = 'mutation($r: [AttendanceInput!]!) { importAttendance(records: $r) { created } }';
    const days = [
      { employeeNo: inside.employeeNo, date: '2026-05-06', status: 'LATE', lateMinutes: 12 },
      { employeeNo: outside.employeeNo, date: '2026-05-06', status: 'ABSENT' },
    ];
    const late = await s.refused(ATTENDANCE, { r: days }, t.east);
    expect(problemsOf(late).map((p) => [p.row, p.field, p.reason])).toEqual([[2, 'employeeNo', 'ROW_NOT_SERVED']]);
    expect((await ok(ATTENDANCE, { r: days.slice(0, 1) }, t.east)).importAttendance.created).toBe(1);
  });

  it('keeps expenses of served units only', async () => {
    const SAVE = 'mutation($lines: [UnitExpenseInput!]!) { saveUnitExpenses(month: "2026-05", lines: $lines) { unitId amount } }';
    expect((await ok(SAVE, { lines: [{ unitId: insideTeam, category: 'TRAVEL', amount: '880.00' }] }, t.east)).saveUnitExpenses).toEqual([{ unitId: insideTeam, amount: '880.00' }]);
    expect(reasonOf(await s.refused(SAVE, { lines: [{ unitId: outsideTeam, category: 'TRAVEL', amount: '10.00' }] }, t.east))).toBe('ORG_UNIT_NOT_FOUND');
    await ok(SAVE, { lines: [{ unitId: outsideTeam, category: 'TRAVEL', amount: '10.00' }] }, t.finance);
    const READ = '{ unitExpenses(month: "2026-05") { unitId } }';
    expect((await ok(READ, {}, t.east)).unitExpenses.map((e: { unitId: string }) => e.unitId)).toEqual([insideTeam]);
  });

  it('serving a unit is not managing it: a manager who also serves another region decides nothing there', async () => {
    // The demo manager, given the finance role and the other region to serve.
    const managerUser = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } });
    await ok('mutation($u: ID!) { assignRole(userId: $u, role: FINANCE) { id } }', { u: managerUser.id }, t.admin);
    await ok(SET, { u: managerUser.id, ids: [other.id] }, t.admin);
    const both = await s.login('manager');
    await ok('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { username: 'outside-rep', password: 'outside-rep-password', roles: ['REP'], personId: outside.id } }, t.admin);
    const rep = await s.login('outside-rep', 'outside-rep-password');
    const day = addDays(today(), 14);
    const asked = (await ok('mutation($f: Date!) { requestLeave(kind: PERSONAL_LEAVE, from: $f, to: $f, reason: "家事") { id } }', { f: day }, rep)).requestLeave;
    // They see the request (the region is served) but may not decide it (it is not managed).
    expect((await ok('{ leaveRequests { id } }', {}, both)).leaveRequests.map((l: { id: string }) => l.id)).toContain(asked.id);
    expect(reasonOf(await s.refused('mutation($id: ID!) { decideLeave(id: $id, approve: true) { status } }', { id: asked.id }, both))).toBe('LEAVE_REQUEST_NOT_FOUND');
    await ok(SET, { u: managerUser.id, ids: [] }, t.admin);
    await ok('mutation($u: ID!) { removeRole(userId: $u, role: FINANCE) { id } }', { u: managerUser.id }, t.admin);
  });

  it('a manager who also serves another region runs no payroll, keeps no expenses and sets no salary in the area they manage', async () => {
    const managerUser = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const area = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { managerId: managerUser.personId! } });
    const elsewhere = [served, other].find((r) => !area.path.includes(`/${r.id}/`))!;
    await ok('mutation($u: ID!) { assignRole(userId: $u, role: FINANCE) { id } }', { u: managerUser.id }, t.admin);
    await ok(SET, { u: managerUser.id, ids: [elsewhere.id] }, t.admin);
    try {
      const both = await s.login('manager');
      const CREATE = 'mutation($u: ID!) { createPayrollRun(month: "2026-08", scopeUnitId: $u) { run { id } } }';
      expect(reasonOf(await s.refused(CREATE, { u: area.id }, both))).toBe('UNIT_NOT_SERVED');
      expect(await s.db.prisma.payrollRun.count({ where: { month: '2026-08', scopeUnitId: area.id } })).toBe(0);
      const SAVE = 'mutation($u: ID!) { saveUnitExpenses(month: "2026-08", lines: [{ unitId: $u, category: TRAVEL, amount: "10.00" }]) { unitId } }';
      expect(reasonOf(await s.refused(SAVE, { u: area.id }, both))).toBe('UNIT_NOT_SERVED');
      const member = await s.db.prisma.assignment.findFirstOrThrow({ where: { validTo: null, unit: { path: { startsWith: area.path } }, personId: { not: managerUser.personId! }, person: { leaveDate: null } }, include: { person: true } });
      const SALARY = 'mutation($id: ID!, $v: Int!) { updatePerson(id: $id, version: $v, input: { baseSalary: "9999.00" }) { id } }';
      expect(reasonOf(await s.refused(SALARY, { id: member.personId, v: member.person.version }, both))).toBe('PERSON_NOT_SERVED');
      expect((await s.db.prisma.person.findUniqueOrThrow({ where: { id: member.personId } })).baseSalaryFen).toBe(member.person.baseSalaryFen);
      // The served region stays theirs to run.
      await ok(CREATE, { u: elsewhere.id }, both);
    } finally {
      await ok(SET, { u: managerUser.id, ids: [] }, t.admin);
      await ok('mutation($u: ID!) { removeRole(userId: $u, role: FINANCE) { id } }', { u: managerUser.id }, t.admin);
    }
  });

  it('the demo’s finance-area serves the demo manager’s area and sees only its payroll people', async () => {
    const area = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { manager: { user: { username: 'manager' } } } });
    const token = await s.login('finance-area');
    expect((await ok('{ viewer { roles servedUnits { id } } }', {}, token)).viewer).toEqual({ roles: ['FINANCE'], servedUnits: [{ id: area.id }] });
    const roster = (await ok('{ roster(first: 1000) { edges { node { id } } } }', {}, token)).roster.edges.map((e: { node: { id: string } }) => e.node.id);
    const inArea = await s.db.prisma.person.count({ where: { assignments: { some: { validTo: null, unit: { path: { startsWith: area.path } } } }, leaveDate: null } });
    expect(roster.length).toBeGreaterThan(0);
    expect(roster.length).toBeLessThanOrEqual(inArea);
  });

  it('serves every unit again once an admin names none', async () => {
    await ok(SET, { u: eastUserId, ids: [] }, t.admin);
    const roster = (await ok('{ roster(first: 1000) { edges { node { id } } } }', {}, t.east)).roster.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(roster).toEqual(expect.arrayContaining([inside.id, outside.id]));
    expect((await ok('{ payAdjustments(month: "2026-05") { personId } }', {}, t.east)).payAdjustments).toHaveLength(2);
    await ok(SET, { u: eastUserId, ids: [served.id] }, t.admin);
    expect((await ok('{ payAdjustments(month: "2026-05") { personId } }', {}, t.east)).payAdjustments).toHaveLength(1);
  });

  it('reads the sales results and ratios of served units, and of no other', async () => {
    const RATIOS = 'query($u: ID!) { unitRatios(unitId: $u, period: "2026-05", grain: MONTH) { total { unitId sales expenses } } }';
    const mine = (await ok(RATIOS, { u: served.id }, t.east)).unitRatios.total;
    expect(mine).toEqual((await ok(RATIOS, { u: served.id }, t.finance)).unitRatios.total);
    expect(mine.sales).toBe('3000.00');
    expect((await s.gql(RATIOS, { u: other.id }, t.east)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const ROLLUP = 'query($u: ID!) { targetRollup(unitId: $u, year: 2026, metric: SALES_AMOUNT, level: BASE) { ownerId } }';
    await ok(ROLLUP, { u: served.id }, t.east);
    expect((await s.gql(ROLLUP, { u: other.id }, t.east)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('reads the audit trails of their units’ runs and people’s pay only; none that spans units', async () => {
    const TRAIL = 'query($t: String!, $id: ID!) { auditTrail(entityType: $t, entityId: $id) { action } }';
    const trail = async (type: string, id: string, token = t.east) => (await ok(TRAIL, { t: type, id }, token)).auditTrail.map((e: { action: string }) => e.action);
    const own = await s.db.prisma.payrollRun.findFirstOrThrow({ where: { month: '2026-05', scopeUnitId: served.id } });
    const whole = await s.db.prisma.payrollRun.findFirstOrThrow({ where: { month: '2026-06', scopeUnitId: centre } });
    expect(await trail('PayrollRun', own.id)).toContain('calculate');
    expect(await trail('PayrollRun', whole.id)).toEqual([]);
    expect(await trail('PayrollRun', whole.id, t.finance)).toContain('calculate');
    const adjustment = async (personId: string) => (await s.db.prisma.payAdjustment.findFirstOrThrow({ where: { personId, month: '2026-05' } })).id;
    expect(await trail('PayAdjustment', await adjustment(inside.id))).toEqual(['create']);
    expect(await trail('PayAdjustment', await adjustment(outside.id))).toEqual([]);
    // A person once served, adjusted for a month after their transfer out: as payAdjustments, not theirs.
    await ok('mutation($p: ID!) { addPayAdjustment(personId: $p, month: "2026-10", amount: "300.00", reason: "十月奖励", approvedBy: "director") }', { p: leaver }, t.finance);
    const later = (await s.db.prisma.payAdjustment.findFirstOrThrow({ where: { personId: leaver, month: '2026-10' } })).id;
    expect((await ok('{ payAdjustments(month: "2026-10") { id } }', {}, t.east)).payAdjustments).toEqual([]);
    expect(await trail('PayAdjustment', later)).toEqual([]);
    expect(await trail('PayAdjustment', later, t.finance)).toEqual(['create']);
    expect(reasonOf(await s.gql(TRAIL, { t: 'UnitExpenses', id: '2026-05' }, t.east))).toBe('ROLE_NOT_ALLOWED');
    expect(await trail('UnitExpenses', '2026-05', t.finance)).toHaveLength(2);
  });

  it('starting the calculation of a run they do not serve is refused even while another finance user’s runs', async () => {
    const run = await s.db.prisma.payrollRun.findFirstOrThrow({ where: { month: '2026-06', scopeUnitId: centre } });
    const financeUser = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'finance' } });
    // Another finance user's calculation of the whole centre, under way (as the queue marks it).
    const running = await s.db.prisma.job.create({ data: { kind: 'payroll.calculate', subjectId: run.id, params: JSON.stringify({ runId: run.id, revision: run.revision }), requestedById: financeUser.id, status: 'RUNNING', startedAt: new Date(), done: 12, total: 40 } });
    try {
      const START = 'mutation($id: ID!, $r: Int!) { startPayrollCalculation(id: $id, revision: $r) { id done total } }';
      expect(reasonOf(await s.refused(START, { id: run.id, r: run.revision }, t.east))).toBe('UNIT_NOT_SERVED');
      expect((await ok(START, { id: run.id, r: run.revision }, t.finance)).startPayrollCalculation.id).toBe(running.id);
    } finally {
      await s.db.prisma.job.delete({ where: { id: running.id } });
    }
  });

  it('watches only their own jobs, not another finance user’s (last: the job runs on)', async () => {
    const run = await s.db.prisma.payrollRun.findFirstOrThrow({ where: { month: '2026-06', scopeUnitId: centre } });
    const job = (await ok('mutation($id: ID!, $r: Int!) { startPayrollCalculation(id: $id, revision: $r) { id } }', { id: run.id, r: run.revision }, t.finance)).startPayrollCalculation;
    const JOB = 'query($id: ID!) { job(id: $id) { id } }';
    expect((await ok(JOB, { id: job.id }, t.finance)).job.id).toBe(job.id);
    expect((await s.gql(JOB, { id: job.id }, t.east)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
