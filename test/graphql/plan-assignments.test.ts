/**
 * Which plan version pays whom, as every reader says it (found by an outside
 * check): of two assignments for the same person from the same day, the one
 * made last wins in payroll, on the roster and in the list of assignments
 * alike (payroll took the older); and a plan version is assigned only from
 * its own effectiveFrom on (a version effective 1 December assigned from
 * 1 November paid November by its figures).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

const ASSIGN = 'mutation($c: String!, $v: Int, $p: ID, $r: Rank, $pos: Position, $from: Date!) { assignCompensationPlan(planCode: $c, version: $v, personId: $p, rank: $r, position: $pos, effectiveFrom: $from) }';
const RUN = 'run { id revision status } payslips { personId planCode planVersion }';
const ext = (r: GqlResult) => r.errors?.[0]?.extensions as { code?: string; reason?: string; field?: string; params?: Record<string, unknown> };

describe.each(testProviders)('compensation plan assignments on %s', (provider) => {
  let s: TestServer;
  let admin: string;
  let finance: string;
  let team: string;

  const hire = async (employeeNo: string) => {
    const r = await s.gql('mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', {
      i: { employeeNo, name: `方案${employeeNo}`, position: 'SALES_REP', rank: 'SR', hireDate: '2025-01-01', unitId: team, baseSalary: '3000.00' },
    }, admin);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data.createPerson.id as string;
  };
  const assign = async (vars: Record<string, unknown>) => {
    const r = await s.gql(ASSIGN, vars, finance);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  };
  /** The person's newest assignment as the list shows it, and their plan as the roster names it on a day. */
  const listed = async (personId: string) =>
    (await s.gql('{ compensationAssignments { planCode planVersion personId effectiveFrom } }', {}, finance)).data.compensationAssignments.find((a: { personId: string }) => a.personId === personId);
  const onRoster = async (personId: string, asOf: string) =>
    (await s.gql('query($id: ID!, $asOf: Date) { person(id: $id, asOf: $asOf) { compensationPlan { code version } } }', { id: personId, asOf }, finance)).data.person.compensationPlan;

  beforeAll(async () => {
    s = await startTestServer(provider);
    admin = await s.login('admin');
    finance = await s.login('finance');
    const first = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'TEAM' }, orderBy: { code: 'asc' } });
    const made = await s.gql('mutation($p: ID!) { createOrgUnit(input: { code: "PA-T", name: "方案测试组", kind: TEAM, parentId: $p }) { id } }', { p: first.parentId }, admin);
    expect(made.errors, JSON.stringify(made.errors)).toBeUndefined();
    team = made.data.createOrgUnit.id;
  });
  afterAll(() => s.close());

  it('of two assignments from the same day, the one made last wins in payroll, on the roster and in the list alike', async () => {
    const rep = await hire('PA-1');
    const created = await s.gql(`mutation($u: ID!) { createPayrollRun(month: "2026-11", scopeUnitId: $u) { ${RUN} } }`, { u: team }, finance);
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
    let run = created.data.createPayrollRun.run;
    const paidBy = async () => {
      const r = await s.gql(`mutation($id: ID!, $revision: Int!) { calculatePayrollRun(id: $id, revision: $revision) { ${RUN} } }`, { id: run.id, revision: run.revision }, finance);
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      run = r.data.calculatePayrollRun.run;
      return r.data.calculatePayrollRun.payslips.find((p: { personId: string }) => p.personId === rep).planCode;
    };
    const everywhere = async () => [await paidBy(), await onRoster(rep, '2026-11-15').then((p: { code: string }) => p.code), (await listed(rep)).planCode];
    await assign({ c: 'BASE_PLUS_COMMISSION', p: rep, from: '2026-11-01' });
    await assign({ c: 'DIRECT_SALES_LADDER', p: rep, from: '2026-11-01' });
    expect(await everywhere()).toEqual(['DIRECT_SALES_LADDER', 'DIRECT_SALES_LADDER', 'DIRECT_SALES_LADDER']);
    // And back: the first plan assigned again, from the same day, replaces the second.
    await assign({ c: 'BASE_PLUS_COMMISSION', p: rep, from: '2026-11-01' });
    expect(await everywhere()).toEqual(['BASE_PLUS_COMMISSION', 'BASE_PLUS_COMMISSION', 'BASE_PLUS_COMMISSION']);
  });

  it('refuses a plan version from a day before its own effectiveFrom, for a person, a rank or a position, writing nothing; without a version, the newest in force on the day is assigned', async () => {
    const rep = await hire('PA-2');
    const ladder = (await s.gql('{ compensationPlans { code version document } }', {}, finance)).data.compensationPlans.find((p: { code: string; version: number }) => p.code === 'DIRECT_SALES_LADDER' && p.version === 1);
    const saved = await s.gql('mutation($d: String!) { saveCompensationPlan(document: $d, effectiveFrom: "2026-12-01") { code version effectiveFrom } }', { d: ladder.document }, finance);
    expect(saved.errors, JSON.stringify(saved.errors)).toBeUndefined();
    expect(saved.data.saveCompensationPlan).toEqual({ code: 'DIRECT_SALES_LADDER', version: 2, effectiveFrom: '2026-12-01' });
    const notYet = { code: 'BAD_USER_INPUT', reason: 'PLAN_VERSION_NOT_YET_EFFECTIVE', field: 'effectiveFrom', params: { plan: 'DIRECT_SALES_LADDER', version: 2, effectiveFrom: '2026-12-01' } };
    for (const target of [{ p: rep }, { r: 'SR' }, { pos: 'SALES_REP' }]) {
      const r = await s.refused(ASSIGN, { c: 'DIRECT_SALES_LADDER', v: 2, ...target, from: '2026-11-01' }, finance);
      expect(ext(r), JSON.stringify(target)).toEqual(notYet);
    }
    expect(await listed(rep)).toBeUndefined();
    // No version given: November's is version 1, December's version 2; version 2 given from December goes too.
    await assign({ c: 'DIRECT_SALES_LADDER', p: rep, from: '2026-11-01' });
    expect(await listed(rep)).toMatchObject({ planVersion: 1, effectiveFrom: '2026-11-01' });
    expect(await onRoster(rep, '2026-11-15')).toEqual({ code: 'DIRECT_SALES_LADDER', version: 1 });
    await assign({ c: 'DIRECT_SALES_LADDER', p: rep, from: '2026-12-01' });
    expect(await listed(rep)).toMatchObject({ planVersion: 2, effectiveFrom: '2026-12-01' });
    await assign({ c: 'DIRECT_SALES_LADDER', v: 2, r: 'SR', from: '2026-12-01' });
    expect(await onRoster(rep, '2026-11-15')).toEqual({ code: 'DIRECT_SALES_LADDER', version: 1 });
    expect(await onRoster(rep, '2026-12-15')).toEqual({ code: 'DIRECT_SALES_LADDER', version: 2 });
  });

  it('refuses a plan none of whose versions is in force on the day, naming the first version and its day', async () => {
    const doc = JSON.parse((await s.gql('{ compensationPlans { code document } }', {}, finance)).data.compensationPlans.find((p: { code: string }) => p.code === 'BASE_PLUS_COMMISSION').document);
    const saved = await s.gql('mutation($d: String!) { saveCompensationPlan(document: $d, effectiveFrom: "2027-01-01") { version } }', { d: JSON.stringify({ ...doc, code: 'LATE_PLAN' }) }, finance);
    expect(saved.errors, JSON.stringify(saved.errors)).toBeUndefined();
    const r = await s.refused(ASSIGN, { c: 'LATE_PLAN', pos: 'ACCOUNT_MANAGER', from: '2026-12-15' }, finance);
    expect(ext(r)).toEqual({ code: 'BAD_USER_INPUT', reason: 'PLAN_VERSION_NOT_YET_EFFECTIVE', field: 'effectiveFrom', params: { plan: 'LATE_PLAN', version: 1, effectiveFrom: '2027-01-01' } });
    // A plan that does not exist is still NO_SUCH_PLAN.
    expect(ext(await s.refused(ASSIGN, { c: 'NO_SUCH', pos: 'ACCOUNT_MANAGER', from: '2026-12-15' }, finance))).toMatchObject({ reason: 'NO_SUCH_PLAN', field: 'planCode', params: { code: 'NO_SUCH' } });
  });
});
