/**
 * What decides a signed payroll stays as it was signed (brief §7: after
 * lock, only an audited reopen): once a month's run with a person in it is
 * submitted (handed to the signers), signed, locked or paid, importing their attendance or sales of
 * that month, deciding their leave or a visit slip in it is refused by row
 * (IN_SIGNED_PAYROLL) or by reason (PAYROLL_ALREADY_SIGNED), changing
 * nothing; rows that change nothing pass, other months pass, and after the
 * run is returned (or reopened) the same import goes through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseSnapshot, startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

type Ext = { code?: string; reason?: string; params?: Record<string, unknown>; problems?: { row: number; field: string; reason: string; params: Record<string, string> }[] };
const ext = (r: GqlResult) => (r.errors?.[0]?.extensions ?? {}) as Ext;
const ATTENDANCE = 'mutation($r: [AttendanceInput!]!) { importAttendance(records: $r) { created updated unchanged } }';
const SALES = 'mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created updated unchanged } }';
const params = (p: { params: Record<string, string> }) => p.params;

describe.each(testProviders)('inputs of a signed payroll on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'manager' | 'finmgr', string>;
  let paid: { id: string; month: string; version: number; revision: number; status: string };
  let person: { id: string; employeeNo: string };
  let day: string;

  const step = async (name: string, vars: Record<string, unknown>, token: string, extra = '') => {
    const r = await s.gql(`mutation($id: ID!, $revision: Int!${extra ? ', $comment: String!' : ''}) { ${name}(id: $id, revision: $revision${extra}) { run { id month version revision status } } }`, vars, token);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data[name].run as typeof paid & { status: string };
  };

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'manager', 'finmgr'] as const) t[u] = await s.login(u);
    const p = s.db.prisma;
    const finance = await p.user.findUniqueOrThrow({ where: { username: 'finance' } });
    // Someone in a team of the demo manager's area (who decides their leave and slips), employed all of March 2026.
    const mgr = await p.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const area = await p.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    const who = await p.person.findFirstOrThrow({
      where: { id: { notIn: [finance.personId!, mgr.personId!] }, position: 'SALES_REP', hireDate: { lt: new Date('2026-03-01') }, leaveDate: null, assignments: { some: { validTo: null, unit: { kind: 'TEAM', path: { startsWith: area.path } } } } },
      select: { id: true, employeeNo: true, assignments: { where: { validTo: null }, select: { unitId: true } } },
    });
    person = { id: who.id, employeeNo: who.employeeNo };
    // Their team's March payroll, calculated and handed to the signers.
    const created = await s.gql('mutation($u: ID!) { createPayrollRun(month: "2026-03", scopeUnitId: $u) { run { id revision } } }', { u: who.assignments[0]!.unitId }, t.finance);
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
    let run = await step('calculatePayrollRun', { id: created.data.createPayrollRun.run.id, revision: created.data.createPayrollRun.run.revision }, t.finance);
    run = await step('submitPayrollRun', { id: run.id, revision: run.revision }, t.finance);
    paid = run;
    expect(await p.payslip.count({ where: { runId: run.id, personId: person.id } })).toBe(1);
    day = '2026-03-16';
  });
  afterAll(() => s.close());

  it('refuses attendance and sales of the paid month by row, naming the payroll, and writes nothing; another month goes through', async () => {
    const before = [await s.db.prisma.attendanceDay.count(), await s.db.prisma.salesRecord.count(), await s.db.prisma.auditEvent.count()];
    const attendance = ext(await s.gql(ATTENDANCE, { r: [{ employeeNo: person.employeeNo, date: day, status: 'ABSENT', note: '补录' }] }, t.finance));
    expect(attendance.problems).toHaveLength(1);
    expect(attendance.problems![0]).toMatchObject({ row: 1, field: 'date', reason: 'IN_SIGNED_PAYROLL' });
    expect(params(attendance.problems![0]!)).toEqual({ employeeNo: person.employeeNo, date: day, month: paid.month, runStatus: 'SUBMITTED', version: String(paid.version) });
    const sales = ext(await s.gql(SALES, { r: [{ externalId: 'SIGNED-1', employeeNo: person.employeeNo, date: day, amount: '100.00' }] }, t.finance));
    expect(sales.problems!.map((x) => [x.row, x.reason, params(x).month])).toEqual([[1, 'IN_SIGNED_PAYROLL', paid.month]]);
    expect([await s.db.prisma.attendanceDay.count(), await s.db.prisma.salesRecord.count(), await s.db.prisma.auditEvent.count()]).toEqual(before);
    // April has no signed run.
    const later = '2026-04-14';
    const elsewhere = await s.gql(SALES, { r: [{ externalId: 'SIGNED-2', employeeNo: person.employeeNo, date: later, amount: '100.00' }] }, t.finance);
    expect(elsewhere.errors).toBeUndefined();
  });

  it('previews a row of the paid month as refused, not as valid or new; a row of another month counts', async () => {
    const counts = 'valid created updated unchanged problemCount problems { row reason }';
    const attendance = { sheet: '考勤', rows: [['工号', '日期', '状态'], [person.employeeNo, day, '旷工'], [person.employeeNo, '2026-04-15', '出勤']] };
    const a = await s.gql(`query($g: SheetGridInput) { previewAttendanceImport(grid: $g) { ${counts} } }`, { g: attendance }, t.finance);
    expect(a.data.previewAttendanceImport).toEqual({ valid: 1, created: 1, updated: 0, unchanged: 0, problemCount: 1, problems: [{ row: 2, reason: 'IN_SIGNED_PAYROLL' }] });
    const sales = { sheet: '销售', rows: [['单号', '工号', '日期', '金额'], ['PREVIEW-1', person.employeeNo, day, '100.00'], ['PREVIEW-2', person.employeeNo, '2026-04-15', '100.00']] };
    const r = await s.gql(`query($g: SheetGridInput) { previewSalesImport(grid: $g) { ${counts} } }`, { g: sales }, t.finance);
    expect(r.data.previewSalesImport).toEqual({ valid: 1, created: 1, updated: 0, unchanged: 0, problemCount: 1, problems: [{ row: 2, reason: 'IN_SIGNED_PAYROLL' }] });
  });

  it('refuses a trainee’s sale of the month too: it is paid on their mentor’s signed payslip (the override)', async () => {
    const p = s.db.prisma;
    const elsewhere = await p.orgUnit.findFirstOrThrow({ where: { kind: 'TEAM', assignments: { none: { personId: person.id } } } });
    const made = await s.gql('mutation($i: CreatePersonInput!) { createPerson(input: $i) { id employeeNo } }', {
      i: { employeeNo: 'SP-T1', name: '学员甲', position: 'SALES_REP', rank: 'SR', hireDate: '2025-06-01', unitId: elsewhere.id, mentorId: person.id, baseSalary: '3000.00' },
    }, t.admin);
    expect(made.errors).toBeUndefined();
    const refused = ext(await s.gql(SALES, { r: [{ externalId: 'SIGNED-T1', employeeNo: 'SP-T1', date: day, amount: '5000.00' }] }, t.finance));
    expect(refused.problems!.map((x) => [x.row, x.reason, params(x).employeeNo, params(x).month])).toEqual([[1, 'IN_SIGNED_PAYROLL', person.employeeNo, paid.month]]);
    expect(await p.salesRecord.count({ where: { externalId: 'SIGNED-T1' } })).toBe(0);
    // Given another mentor today, without a day: the signed month was paid with this one, whose payslip still holds the sale.
    const other = await s.gql('mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', {
      i: { employeeNo: 'SP-M2', name: '导师乙', position: 'SALES_REP', rank: 'SM', hireDate: '2025-06-01', unitId: elsewhere.id, baseSalary: '3000.00' },
    }, t.admin);
    const trainee = await p.person.findUniqueOrThrow({ where: { id: made.data.createPerson.id } });
    const moved = await s.gql('mutation($id: ID!, $v: Int!, $m: ID!) { updatePerson(id: $id, version: $v, input: { mentorId: $m }) { id } }', { id: trainee.id, v: trainee.version, m: other.data.createPerson.id }, t.admin);
    expect(moved.errors).toBeUndefined();
    const still = ext(await s.gql(SALES, { r: [{ externalId: 'SIGNED-T1', employeeNo: 'SP-T1', date: day, amount: '5000.00' }] }, t.finance));
    expect(still.problems!.map((x) => [x.row, x.reason, params(x).employeeNo, params(x).month])).toEqual([[1, 'IN_SIGNED_PAYROLL', person.employeeNo, paid.month]]);
    expect(await p.salesRecord.count({ where: { externalId: 'SIGNED-T1' } })).toBe(0);
  });

  it('lets a row that changes nothing through (a file imported again)', async () => {
    const stored = await s.db.prisma.attendanceDay.findFirst({ where: { personId: person.id, date: { gte: new Date(`${paid.month}-01T00:00:00Z`), lt: new Date(`${paid.month}-28T00:00:00Z`) } } });
    if (!stored) {
      await s.db.prisma.attendanceDay.create({ data: { personId: person.id, date: new Date(`${paid.month}-13T00:00:00Z`), status: 'LATE', lateMinutes: 10, note: null } });
    }
    const again = stored ?? (await s.db.prisma.attendanceDay.findFirstOrThrow({ where: { personId: person.id, date: new Date(`${paid.month}-13T00:00:00Z`) } }));
    const r = await s.gql(ATTENDANCE, { r: [{ employeeNo: person.employeeNo, date: again.date.toISOString().slice(0, 10), status: again.status, lateMinutes: again.lateMinutes, note: again.note }] }, t.finance);
    expect(r.errors).toBeUndefined();
    expect(r.data.importAttendance).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
  });

  it('refuses approving their leave or visit slip in the paid month (PAYROLL_ALREADY_SIGNED), changing nothing; refusing them is fine', async () => {
    const p = s.db.prisma;
    const leave = await p.leaveRequest.create({ data: { personId: person.id, kind: 'PERSONAL_LEAVE', fromDate: new Date(`${day}T00:00:00Z`), toDate: new Date(`${day}T00:00:00Z`), reason: '家事' } });
    const refused = ext(await s.gql('mutation($id: ID!) { decideLeave(id: $id, approve: true) { status } }', { id: leave.id }, t.manager));
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAYROLL_ALREADY_SIGNED', params: { month: paid.month, runStatus: 'SUBMITTED', version: paid.version } });
    expect((await p.leaveRequest.findUniqueOrThrow({ where: { id: leave.id } })).status).toBe('REQUESTED');
    const unit = await p.assignment.findFirstOrThrow({ where: { personId: person.id, validTo: null } });
    const slip = await p.visitSlip.create({
      data: { personId: person.id, unitId: unit.unitId, destination: '客户现场', contactPerson: '王经理', purpose: '回访', plannedOut: new Date(`${day}T01:00:00Z`), plannedBack: new Date(`${day}T10:00:00Z`) },
    });
    const slipRefused = ext(await s.gql('mutation($id: ID!) { approveVisitSlip(id: $id, revision: 1) { status } }', { id: slip.id }, t.manager));
    expect(slipRefused).toMatchObject({ reason: 'PAYROLL_ALREADY_SIGNED', params: { month: paid.month } });
    expect((await p.visitSlip.findUniqueOrThrow({ where: { id: slip.id } })).status).toBe('REQUESTED');
    // Refusing either changes no pay (the day stays absent, the visit unslipped): a manager may still clear them.
    expect((await s.gql('mutation($id: ID!) { decideLeave(id: $id, approve: false, comment: "已过期") { status } }', { id: leave.id }, t.manager)).data.decideLeave.status).toBe('REJECTED');
    expect((await s.gql('mutation($id: ID!) { rejectVisitSlip(id: $id, revision: 1, comment: "补单不批") { status } }', { id: slip.id }, t.manager)).data.rejectVisitSlip.status).toBe('REJECTED');
  });

  it('refuses roster changes that decide the signed month’s pay — pay terms from a day in it, a plan assignment, a transfer, a leave date — changing nothing; from the month after, they go through', async () => {
    const version = async () => (await s.gql('query($id: ID!) { person(id: $id) { version } }', { id: person.id }, t.admin)).data.person.version as number;
    const team = (await s.db.prisma.assignment.findFirstOrThrow({ where: { personId: person.id, validTo: null } })).unitId;
    const other = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'TEAM', id: { not: team } } });
    const rank = (await s.db.prisma.person.findUniqueOrThrow({ where: { id: person.id } })).rank;
    const before = await databaseSnapshot(s.db);
    const refusals = [
      await s.gql('mutation($id: ID!, $v: Int!) { updatePerson(id: $id, version: $v, input: { baseSalary: "9999.00" }, payFrom: "2026-03-01") { id } }', { id: person.id, v: await version() }, t.finance),
      await s.gql('mutation($id: ID!, $v: Int!, $r: Rank!) { updatePerson(id: $id, version: $v, input: { rank: $r }, payFrom: "2026-02-01") { id } }', { id: person.id, v: await version(), r: rank === 'SE' ? 'SSE' : 'SE' }, t.admin),
      await s.gql('mutation($id: ID!) { assignCompensationPlan(planCode: "DIRECT_SALES_LADDER", personId: $id, effectiveFrom: "2026-03-01") }', { id: person.id }, t.finance),
      await s.gql('mutation($id: ID!, $v: Int!, $u: ID!) { transferPerson(id: $id, version: $v, unitId: $u, effectiveDate: "2026-03-20") { id } }', { id: person.id, v: await version(), u: other.id }, t.admin),
      await s.gql('mutation($id: ID!, $v: Int!) { deactivatePerson(id: $id, version: $v, leaveDate: "2026-03-10") { id } }', { id: person.id, v: await version() }, t.admin),
    ];
    for (const [i, r] of refusals.entries()) expect(ext(r), `${i} ${JSON.stringify(r.errors)}`).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAYROLL_ALREADY_SIGNED', params: { month: paid.month, runStatus: 'SUBMITTED', version: paid.version } });
    expect(await databaseSnapshot(s.db)).toBe(before);
    // A last day worked on 31 March leaves March's pay as signed; a raise from April is April's.
    const raise = await s.gql('mutation($id: ID!, $v: Int!) { updatePerson(id: $id, version: $v, input: { baseSalary: "9999.00" }, payFrom: "2026-04-01") { id } }', { id: person.id, v: await version() }, t.finance);
    expect(raise.errors).toBeUndefined();
  });

  it('takes the same rows once the finance manager has returned the run', async () => {
    await step('returnPayrollRun', { id: paid.id, revision: paid.revision, comment: '考勤待补录' }, t.finmgr, ', comment: $comment');
    const r = await s.gql(ATTENDANCE, { r: [{ employeeNo: person.employeeNo, date: day, status: 'ABSENT', note: '补录' }] }, t.finance);
    expect(r.errors).toBeUndefined();
    expect(r.data.importAttendance.created + r.data.importAttendance.updated).toBe(1);
  });
});
