/**
 * Issue 7, payroll: one live payslip per person and month; runs and their
 * events filtered by scope like payslips; nobody changes their own pay
 * adjustments, attendance or leave. Each refusal also shows that nothing
 * in the database changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { CSRF_HEADER } from '../../server/app.ts';
import { addDays, today } from '../../schema/dates.ts';

const RUN = 'run { id month version revision status scopeUnitId } events { action comment } payslips { personId }';
const CREATE = `mutation($m: String!, $u: ID!) { createPayrollRun(month: $m, scopeUnitId: $u) { ${RUN} } }`;
const step = (name: string, extra = '', pass = '') => `mutation($id: ID!, $revision: Int!${extra}) { ${name}(id: $id, revision: $revision${pass}) { ${RUN} } }`;
const CALCULATE = step('calculatePayrollRun');
const ext = (r: GqlResult) => r.errors![0]!.extensions as any;

describe.each(testProviders)('payroll rules of issue 7 on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'finmgr' | 'director' | 'gm' | 'manager' | 'rep', string>;
  let area: { id: string; path: string; name: string };
  let team: { id: string };
  let otherTeam: { id: string; name: string };

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'finmgr', 'director', 'gm', 'manager', 'rep'] as const) t[u] = await s.login(u);
    const mgr = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } });
    area = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId, kind: 'AREA' } });
    team = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { parentId: area.id, kind: 'TEAM' }, orderBy: { code: 'asc' } });
    otherTeam = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'TEAM', NOT: { path: { startsWith: area.path } } }, orderBy: { code: 'asc' } });
  });
  afterAll(() => s.close());

  /** People employed in a unit (itself, not its subtree) on at least one day of the month. */
  async function employedIn(unitId: string, start: string, endExclusive: string) {
    const people = await s.db.prisma.person.findMany({
      where: {
        hireDate: { lt: new Date(endExclusive) },
        OR: [{ leaveDate: null }, { leaveDate: { gte: new Date(start) } }],
        assignments: { some: { unitId, validFrom: { lt: new Date(endExclusive) }, OR: [{ validTo: null }, { validTo: { gt: new Date(start) } }] } },
      },
      orderBy: { employeeNo: 'asc' },
    });
    return people.map((p) => p.employeeNo);
  }

  describe('one payslip per person and month', () => {
    let areaRun: any;

    it('refuses a team run while its area has a draft run for the month, naming the people and the run', async () => {
      const c = await s.gql(CREATE, { m: '2026-05', u: area.id }, t.finance);
      expect(c.errors).toBeUndefined();
      areaRun = c.data.createPayrollRun.run;
      const r = await s.refused(CREATE, { m: '2026-05', u: team.id }, t.finance);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(ext(r)).toMatchObject({ field: 'scopeUnitId', reason: 'PAID_IN_OTHER_RUN', otherRun: { id: areaRun.id, version: 1, status: 'DRAFT', scopeUnitName: area.name } });
      const expected = await employedIn(team.id, '2026-05-01', '2026-06-01');
      expect(expected.length).toBeGreaterThan(0);
      expect(ext(r).people.map((p: any) => p.employeeNo)).toEqual(expected);
      expect(ext(r).params).toMatchObject({ count: expected.length, others: Math.max(0, expected.length - 5) });
      expect(r.errors![0]!.message).toMatch(/would be paid twice for 2026-05/);
    });

    it('and once the area run is calculated, refuses the team run by the payslips it holds', async () => {
      const calc = await s.gql(CALCULATE, { id: areaRun.id, revision: areaRun.revision }, t.finance);
      expect(calc.errors).toBeUndefined();
      areaRun = calc.data.calculatePayrollRun.run;
      const r = await s.refused(CREATE, { m: '2026-05', u: team.id }, t.finance);
      expect(ext(r)).toMatchObject({ reason: 'PAID_IN_OTHER_RUN', otherRun: { id: areaRun.id, status: 'CALCULATED' } });
      expect(ext(r).people.map((p: any) => p.employeeNo)).toEqual(await employedIn(team.id, '2026-05-01', '2026-06-01'));
      // The other way round too: a run above the area (its region) would pay the same people.
      const region = await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: (await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: area.id } })).parentId! } });
      const above = ext(await s.refused(CREATE, { m: '2026-05', u: region.id }, t.finance));
      expect(above.otherRun.id).toBe(areaRun.id);
      // The message names five of them and counts the rest ("and N others"), the total in `count`.
      const paidTwice = above.people.map((p: any) => `${p.name} (${p.employeeNo})`);
      expect(paidTwice.length).toBeGreaterThan(5);
      expect(above.params).toMatchObject({ count: paidTwice.length, names: paidTwice.slice(0, 5).join(', '), others: paidTwice.length - 5 });
      // Another month, or a unit that does not overlap, is fine.
      expect((await s.gql(CREATE, { m: '2026-05', u: otherTeam.id }, t.finance)).errors).toBeUndefined();
    });

    it('someone transferred between two runs’ scopes mid-month is paid once, by the run of the unit they ended the month in', async () => {
      const areaJune = (await s.gql(CREATE, { m: '2026-06', u: area.id }, t.finance)).data.createPayrollRun.run;
      const otherJune = (await s.gql(CREATE, { m: '2026-06', u: otherTeam.id }, t.finance)).data.createPayrollRun.run;
      // Transferred from the other team into the area on 12 June: both scopes held them that month.
      const movers = await s.db.prisma.person.findMany({ where: { employeeNo: { in: await employedIn(otherTeam.id, '2026-06-01', '2026-07-01') }, status: 'ACTIVE', leaveDate: null }, orderBy: { employeeNo: 'asc' } });
      const mover = movers[0]!.employeeNo;
      const person = await s.db.prisma.person.findUniqueOrThrow({ where: { employeeNo: mover } });
      const a = await s.db.prisma.assignment.findFirstOrThrow({ where: { personId: person.id, unitId: otherTeam.id, validTo: null } });
      await s.db.prisma.assignment.update({ where: { id: a.id }, data: { validTo: new Date('2026-06-12') } });
      await s.db.prisma.assignment.create({ data: { personId: person.id, unitId: team.id, position: person.position, validFrom: new Date('2026-06-12') } });
      const paidBy = async (run: { id: string; revision: number }) => {
        const r = await s.gql(`mutation($id: ID!, $revision: Int!) { calculatePayrollRun(id: $id, revision: $revision) { payslips { personId } } }`, { id: run.id, revision: run.revision }, t.finance);
        expect(r.errors).toBeUndefined();
        return r.data.calculatePayrollRun.payslips.map((p: { personId: string }) => p.personId);
      };
      // Neither run is refused: the area's pays them (they ended June there), the other team's does not list them.
      expect(await paidBy(areaJune)).toContain(person.id);
      expect(await paidBy(otherJune)).not.toContain(person.id);
    });

    it('two overlapping runs created at the same moment: exactly one is made', async () => {
      const both = await Promise.all([s.gql(CREATE, { m: '2026-07', u: area.id }, t.finance), s.gql(CREATE, { m: '2026-07', u: team.id }, t.finance)]);
      expect(both.filter((r) => !r.errors)).toHaveLength(1);
      expect(ext(both.find((r) => r.errors)!).reason).toBe('PAID_IN_OTHER_RUN');
      expect(await s.db.prisma.payrollRun.count({ where: { month: '2026-07' } })).toBe(1);
    });

    it('a reopened version replaces its run, never adds to it', async () => {
      let r = (await s.gql(step('submitPayrollRun'), { id: areaRun.id, revision: areaRun.revision }, t.finance)).data.submitPayrollRun.run;
      for (const signer of ['finmgr', 'director', 'gm'] as const) {
        const signed = await s.gql(step('approvePayrollRun'), { id: areaRun.id, revision: r.revision }, t[signer]);
        expect(signed.errors).toBeUndefined();
        r = signed.data.approvePayrollRun.run;
      }
      expect(r.status).toBe('LOCKED');
      const reopened = (await s.gql(step('reopenPayrollRun', ', $reason: String!', ', reason: $reason'), { id: areaRun.id, revision: r.revision, reason: '补发' }, t.admin)).data.reopenPayrollRun.run;
      expect(reopened).toMatchObject({ version: 2, status: 'DRAFT' });
      const calc = await s.gql(CALCULATE, { id: reopened.id, revision: reopened.revision }, t.finance);
      expect(calc.errors).toBeUndefined();
      expect(calc.data.calculatePayrollRun.payslips.length).toBe((await s.db.prisma.payslip.count({ where: { runId: areaRun.id } })));
      // Version 2 is the live one now: a team run is still refused, naming version 2.
      expect(ext(await s.refused(CREATE, { m: '2026-05', u: team.id }, t.finance)).otherRun).toMatchObject({ id: reopened.id, version: 2 });
    });
  });

  describe('runs and their events are filtered by scope like payslips', () => {
    const LIST = '{ payrollRuns { id scopeUnitId } }';
    const ONE = 'query($id: ID!) { payrollRun(id: $id) { run { id } events { action comment } payslips { personId } } }';

    it('a manager lists and reads only runs that overlap their subtree', async () => {
      const all = (await s.gql(LIST, {}, t.finance)).data.payrollRuns;
      const region = (await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: area.id } })).parentId!;
      const regionRun = (await s.gql(CREATE, { m: '2026-08', u: region }, t.finance)).data.createPayrollRun.run;
      const mine = (await s.gql(LIST, {}, t.manager)).data.payrollRuns;
      const units = await s.db.prisma.orgUnit.findMany({ where: { id: { in: [...all.map((x: any) => x.scopeUnitId), region] } } });
      const inArea = (u: string) => units.find((x) => x.id === u)!.path.startsWith(area.path);
      expect(all.filter((x: any) => !inArea(x.scopeUnitId)).length).toBeGreaterThan(0);
      // Their area's runs, and the run of the region above them (which pays their people); nothing else.
      expect(mine.map((x: any) => x.id).sort()).toEqual([...all.filter((x: any) => inArea(x.scopeUnitId)).map((x: any) => x.id), regionRun.id].sort());
      const outside = all.find((x: any) => !inArea(x.scopeUnitId));
      const read = await s.gql(ONE, { id: outside.id }, t.manager);
      expect(codeOf(read)).toBe('NOT_FOUND');
      expect(read.data?.payrollRun ?? null).toBeNull();
      expect((await s.gql(ONE, { id: outside.id }, t.finance)).data.payrollRun.events.length).toBeGreaterThan(0);
      expect((await s.gql(ONE, { id: regionRun.id }, t.manager)).data.payrollRun.events.map((e: any) => e.action)).toEqual(['create']);
      expect(codeOf(await s.gql(LIST, {}, t.rep))).toBe('FORBIDDEN');
    });
  });

  describe('nobody changes their own pay', () => {
    let financePerson: { id: string; employeeNo: string; hireDate: Date };
    const ADJUST = 'mutation($p: ID!) { addPayAdjustment(personId: $p, month: "2026-09", amount: "800.00", reason: "奖励", approvedBy: "director") }';
    const IMPORT = 'mutation($r: [AttendanceInput!]!) { importAttendance(records: $r) { created } }';

    beforeAll(async () => {
      const u = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'finance' }, include: { person: true } });
      financePerson = u.person!;
    });

    it('refuses an adjustment to one’s own pay; someone else may add it', async () => {
      const r = await s.refused(ADJUST, { p: financePerson.id }, t.finance);
      expect(codeOf(r)).toBe('FORBIDDEN');
      expect(ext(r)).toMatchObject({ reason: 'OWN_PAY', field: 'personId' });
      expect((await s.gql(ADJUST, { p: financePerson.id }, t.admin)).data.addPayAdjustment).toBe(true);
    });

    it('refuses an attendance import that holds one’s own days, by the API and from a file, saving nothing', async () => {
      const other = await s.db.prisma.person.findFirstOrThrow({ where: { position: 'SALES_REP', status: 'ACTIVE', hireDate: { lt: new Date('2025-01-01') } } });
      const records = [
        { employeeNo: other.employeeNo, date: '2026-09-01', status: 'PRESENT' },
        { employeeNo: financePerson.employeeNo, date: '2026-09-01', status: 'PRESENT' },
      ];
      const r = await s.refused(IMPORT, { r: records }, t.finance);
      expect(codeOf(r)).toBe('FORBIDDEN');
      expect(ext(r)).toMatchObject({ reason: 'OWN_ATTENDANCE', rows: [2] });

      const form = new FormData();
      form.set('operations', JSON.stringify({ query: 'mutation($f: File!) { importAttendanceFile(file: $f) { created } }', variables: { f: null } }));
      form.set('map', JSON.stringify({ 0: ['variables.f'] }));
      form.set('0', new File([`工号,日期,状态\n${financePerson.employeeNo},2026-09-02,出勤\n`], 'mine.csv'));
      const { databaseSnapshot } = await import('../support/harness.ts');
      const before = await databaseSnapshot(s.db);
      const res = await s.app.yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { [CSRF_HEADER]: '1', authorization: `Bearer ${t.finance}` }, body: form });
      const file = (await res.json()) as GqlResult;
      expect(codeOf(file)).toBe('FORBIDDEN');
      expect(ext(file).reason).toBe('OWN_ATTENDANCE');
      expect(await databaseSnapshot(s.db)).toBe(before);
      // Someone else imports them.
      expect((await s.gql(IMPORT, { r: records }, t.admin)).data.importAttendance.created).toBe(2);
    });

    it('refuses a sales import that holds one’s own sales (they decide commission), saving nothing', async () => {
      const other = await s.db.prisma.person.findFirstOrThrow({ where: { position: 'SALES_REP', status: 'ACTIVE', hireDate: { lt: new Date('2025-01-01') } } });
      const SALES = 'mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }';
      const records = [
        { externalId: 'OWN-S-1', employeeNo: other.employeeNo, date: '2026-09-01', amount: '100.00' },
        { externalId: 'OWN-S-2', employeeNo: financePerson.employeeNo, date: '2026-09-01', amount: '99999.00' },
      ];
      const r = await s.refused(SALES, { r: records }, t.finance);
      expect(codeOf(r)).toBe('FORBIDDEN');
      expect(ext(r)).toMatchObject({ reason: 'OWN_PAY', field: 'records', rows: [2] });
      expect((await s.gql(SALES, { r: records }, t.admin)).data.importSalesActuals.created).toBe(2);
    });

    it('refuses a manager deciding their own promotion; the director may', async () => {
      const mgr = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' }, include: { person: true } });
      await s.db.prisma.person.update({ where: { id: mgr.personId! }, data: { rank: 'SR' } });
      const sale = [{ externalId: 'OWN-RANK', employeeNo: mgr.person!.employeeNo, date: '2026-04-10', amount: '20000.00' }];
      expect((await s.gql('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', { r: sale }, t.finance)).errors).toBeUndefined();
      const own = (await s.gql('{ promotionProposals(month: "2026-04") { personId version to checks { criterion actual required met } } }', {}, t.manager)).data.promotionProposals.find((p: any) => p.personId === mgr.personId);
      expect(own).toMatchObject({ to: 'SE' });
      // The requirement as a code with its figures, for the pane to word in the reader's language.
      expect(own.checks).toEqual([{ criterion: 'OWN_SALES', actual: '20000.00', required: '15000.00', met: true }]);
      const DECIDE = 'mutation($p: ID!, $v: Int!) { decidePromotion(personId: $p, version: $v, month: "2026-04", toRank: SE, apply: true) }';
      const r = await s.refused(DECIDE, { p: mgr.personId, v: own.version }, t.manager);
      expect(codeOf(r)).toBe('FORBIDDEN');
      expect(ext(r)).toMatchObject({ reason: 'OWN_PAY', field: 'personId' });
      expect((await s.gql(DECIDE, { p: mgr.personId, v: own.version }, t.director)).data.decidePromotion).toBe(true);
    });

    it('refuses a manager deciding their own leave', async () => {
      const from = addDays(today(), 20);
      const req = await s.gql('mutation($d: Date!) { requestLeave(kind: PERSONAL_LEAVE, from: $d, to: $d, reason: "家事") { id } }', { d: from }, t.manager);
      expect(req.errors).toBeUndefined();
      const r = await s.refused('mutation($id: ID!) { decideLeave(id: $id, approve: true) { status } }', { id: req.data.requestLeave.id }, t.manager);
      expect(codeOf(r)).toBe('FORBIDDEN');
      expect(ext(r).reason).toBe('OWN_LEAVE');
    });
  });
  it('a run with people no plan applies to names them by name and employee number only (no English, no codes), each one’s rank and position as codes beside', async () => {
    await s.db.prisma.compensationAssignment.deleteMany({});
    const c = await s.gql(CREATE, { m: '2026-09', u: otherTeam.id }, t.finance);
    expect(c.errors).toBeUndefined();
    const run = c.data.createPayrollRun.run;
    const r = await s.refused('mutation($id: ID!, $r: Int!) { calculatePayrollRun(id: $id, revision: $r) { run { status } } }', { id: run.id, r: run.revision }, t.finance);
    expect(ext(r).reason).toBe('NO_PLAN_APPLIES');
    const people = await employedIn(otherTeam.id, '2026-09-01', '2026-10-01');
    const named = await s.db.prisma.person.findMany({ where: { employeeNo: { in: people.slice(0, 5) } }, orderBy: { employeeNo: 'asc' } });
    expect(ext(r).params).toEqual({ count: people.length, names: named.map((p) => `${p.name} (${p.employeeNo})`).join(', '), others: Math.max(0, people.length - 5) });
    expect(ext(r).people[0]).toEqual({ personId: named[0]!.id, name: named[0]!.name, employeeNo: named[0]!.employeeNo, rank: named[0]!.rank, position: expect.any(String) });
    // Nothing calculated.
    expect((await s.db.prisma.payrollRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe('DRAFT');
  });
});
