/**
 * A plan by units split by headcount or by days employed follows each
 * period's people (issue 3 §2: "headcount and pro-rata by days employed in
 * each period"), not the year's: a unit that gains a joiner in March and
 * loses a leaver in June gets a larger share of exactly those months.
 *
 * Two teams under a sub-area made for the test, 2027, 1,260,000.00 spread
 * equally over the months (105,000.00 each). Team X: three people all year.
 * Team Y: three people all year, a joiner from 12 March, a leaver whose
 * last day is 20 June.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

const PLAN = 'plan { id revision total } lines { ownerId periodKey amount }';
const CREATE = `mutation($input: CreateTargetPlanInput!) { createTargetPlan(input: $input) { ${PLAN} } }`;
const BREAK = `mutation($id: ID!, $revision: Int!, $time: BreakdownMethodInput!, $owners: BreakdownMethodInput!) {
  breakDownTargetPlan(id: $id, revision: $revision, time: $time, owners: $owners) { ${PLAN} } }`;

describe.each(testProviders)('units by headcount and days employed in each period on %s', (provider) => {
  let s: TestServer;
  let manager: string;
  let sub: { id: string };
  let x: { id: string };
  let y: { id: string };

  beforeAll(async () => {
    s = await startTestServer(provider);
    manager = await s.login('manager');
    const p = s.db.prisma;
    const mgr = await p.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const area = await p.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    sub = await p.orgUnit.create({ data: { id: 'hcsub', code: 'HC-SUB', name: '人数分区', kind: 'AREA', parentId: area.id, path: `${area.path}hcsub/`, depth: area.depth + 1 } });
    const team = (id: string, name: string) => p.orgUnit.create({ data: { id, code: id.toUpperCase(), name, kind: 'TEAM', parentId: sub.id, path: `${area.path}hcsub/${id}/`, depth: area.depth + 2 } });
    x = await team('hcx', '人数甲组');
    y = await team('hcy', '人数乙组');
    let n = 0;
    const hire = async (unitId: string, from: string, lastDay?: string) => {
      n++;
      const person = await p.person.create({
        data: { employeeNo: `HC-${n}`, name: `人数${n}`, position: 'SALES_REP', rank: 'SR', hireDate: new Date(from), leaveDate: lastDay ? new Date(lastDay) : null, status: 'ACTIVE', baseSalaryFen: 500_000n },
      });
      const until = lastDay ? new Date(new Date(lastDay).getTime() + 86_400_000) : null;
      await p.assignment.create({ data: { personId: person.id, unitId, position: 'SALES_REP', validFrom: new Date(from), validTo: until } });
    };
    for (let i = 0; i < 3; i++) await hire(x.id, '2020-01-06');
    for (let i = 0; i < 3; i++) await hire(y.id, '2020-01-06');
    await hire(y.id, '2027-03-12');
    await hire(y.id, '2020-01-06', '2027-06-20');
  });
  afterAll(() => s.close());

  const breakDown = async (owners: string) => {
    const c = await s.gql(CREATE, { input: { year: 2027, metric: 'SALES_AMOUNT', level: owners === 'HEADCOUNT' ? 'BASE' : 'STRETCH', scopeUnitId: sub.id, total: '1260000.00', ownerKind: 'UNIT' } }, manager);
    expect(c.errors).toBeUndefined();
    const { id, revision } = c.data.createTargetPlan.plan;
    const b = await s.gql(BREAK, { id, revision, time: { kind: 'EQUAL' }, owners: { kind: owners } }, manager);
    expect(b.errors).toBeUndefined();
    const lines = b.data.breakDownTargetPlan.lines as { ownerId: string; periodKey: string; amount: string }[];
    return (unit: { id: string }, key: string) => {
      const of = lines.filter((l) => l.ownerId === unit.id && l.periodKey.startsWith(key));
      // A year: the sum of the unit's months.
      return key.length === 4 ? `${of.reduce((n, l) => n + BigInt(l.amount.replace('.', '')), 0n) / 100n}.00` : of[0]!.amount;
    };
  };

  it('equal over several levels is equal at each: 100 new customers by quarters and months is 25 a quarter, 9 / 8 / 8 a month', async () => {
    const c = await s.gql(CREATE, { input: { year: 2027, metric: 'NEW_CUSTOMERS', level: 'BASE', scopeUnitId: sub.id, total: '100', ownerKind: 'UNIT', periodLevel: 'quarter,month' } }, manager);
    expect(c.errors).toBeUndefined();
    const { id, revision } = c.data.createTargetPlan.plan;
    const b = await s.gql(BREAK, { id, revision, time: { kind: 'EQUAL' }, owners: { kind: 'EQUAL' } }, manager);
    expect(b.errors).toBeUndefined();
    const scope = new Map((b.data.breakDownTargetPlan.lines as { ownerId: string; periodKey: string; amount: string }[]).filter((l) => l.ownerId === sub.id).map((l) => [l.periodKey, l.amount]));
    expect(['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4'].map((q) => scope.get(q))).toEqual(['25', '25', '25', '25']);
    expect(['2027-01', '2027-02', '2027-03', '2027-04', '2027-12'].map((m) => scope.get(m))).toEqual(['9', '8', '8', '9', '8']);
  });

  it('headcount: each month by the people in each unit during it', async () => {
    const at = await breakDown('HEADCOUNT');
    // January: 3 and 4 people (the leaver still there): 3/7 and 4/7 of 105,000.
    expect([at(x, '2027-01'), at(y, '2027-01')]).toEqual(['45000.00', '60000.00']);
    // March to June: 3 and 5 (the joiner from the 12th, the leaver to the 20th of June).
    for (const m of ['2027-03', '2027-06']) expect([at(x, m), at(y, m)]).toEqual(['39375.00', '65625.00']);
    // July on: 3 and 4 again (the joiner, not the leaver).
    expect([at(x, '2027-07'), at(y, '2027-07')]).toEqual(['45000.00', '60000.00']);
    // Each unit's year is the sum of its months: 6 months at 45,000 and 4 at 39,375, and 2 more at 45,000 for X.
    expect(at(x, '2027')).toBe(`${8 * 45000 + 4 * 39375}.00`);
    expect(at(y, '2027')).toBe(`${8 * 60000 + 4 * 65625}.00`);
  });

  it('days employed: each month by the days the units’ people were in them', async () => {
    const at = await breakDown('DAYS_EMPLOYED');
    // January: 93 and 124 person-days (3/7 and 4/7).
    expect([at(x, '2027-01'), at(y, '2027-01')]).toEqual(['45000.00', '60000.00']);
    // March: 93 and 93 + 20 (the joiner, 12–31) + 31 = 144 of 237; 105,000 × 93 / 237 = 41,202.531… → 41,202.53.
    expect([at(x, '2027-03'), at(y, '2027-03')]).toEqual(['41202.53', '63797.47']);
    // June: 90 and 90 + 30 + 20 (the leaver, 1–20) = 140 of 230; 105,000 × 90 / 230 = 41,086.956… → 41,086.96.
    expect([at(x, '2027-06'), at(y, '2027-06')]).toEqual(['41086.96', '63913.04']);
  });
});
