/**
 * Which plan version pays whom, as every reader says it (found by an outside
 * check): of two assignments for the same person from the same day, the one
 * made last wins in payroll, on the roster and in the list of assignments
 * alike (payroll took the older).
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
});
