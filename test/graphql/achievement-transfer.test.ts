/**
 * A transfer in the middle of a month (brief §1: moved on the 12th, the
 * first 11 days count for the old team): each team's view of the month
 * counts the mover's sales while they were in it and the target its own
 * plan gives them for that time, not the other team's; the mover's own row
 * has the whole month.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { targetPlans } from '../support/target-plans.ts';

const ACH = `query($period: String!, $grain: PeriodGrain!, $unitId: ID, $personId: ID, $by: ActualsBy) {
  achievement(period: $period, grain: $grain, metric: SALES_AMOUNT, unitId: $unitId, personId: $personId, by: $by) {
    rows { ownerId cells { periodKey actual base stretch baseAchievement class } } } }`;

describe.each(testProviders)('a mid-month transfer in results on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'manager' | 'rep' | 'director', string>;
  let teamA: string;
  let teamB: string;
  let area: string;
  let mover: { id: string; employeeNo: string };
  let gqlOk: ReturnType<typeof targetPlans>['gqlOk'];
  let draft: ReturnType<typeof targetPlans>['draft'];
  let publish: ReturnType<typeof targetPlans>['publish'];

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'manager', 'rep', 'director'] as const) t[u] = await s.login(u);
    ({ gqlOk, draft, publish } = targetPlans(s, t));
    const p = s.db.prisma;
    const repUser = await p.user.findUniqueOrThrow({ where: { username: 'rep' } });
    teamA = (await p.assignment.findFirstOrThrow({ where: { personId: repUser.personId!, validTo: null } })).unitId;
    area = (await p.orgUnit.findUniqueOrThrow({ where: { id: teamA } })).parentId!;
    teamB = (await p.orgUnit.findFirstOrThrow({ where: { parentId: area, id: { not: teamA } } })).id;
    mover = await p.person.findFirstOrThrow({ where: { id: { not: repUser.personId! }, position: 'SALES_REP', status: 'ACTIVE', hireDate: { lt: new Date('2026-01-01') }, leaveDate: null, assignments: { some: { unitId: teamA, validTo: null } } } });
    const version = (await gqlOk('query($id: ID!) { person(id: $id) { version } }', { id: mover.id }, t.admin)).person.version;
    await gqlOk('mutation($id: ID!, $v: Int!, $u: ID!) { transferPerson(id: $id, version: $v, unitId: $u, effectiveDate: "2026-03-12") { id } }', { id: mover.id, v: version, u: teamB }, t.admin);
  });
  afterAll(() => s.close());

  it('transfer on 12 March: the old team counts its own plan line for the mover (first 11 days), the new team its own', async () => {
    // Team A gives the mover Jan 1000, Feb 1000, Mar 350 (to 11 March); team B Mar 650, Apr-Dec 1000. Everyone else 1000 a month when employed.
    const a = await draft(teamA, 'BASE', 'SALES_AMOUNT', (o, p, e) => (o === mover.id ? (p.key === '2026-03' ? 350 : p.key < '2026-03' ? 1000 : 0) : e ? 1000 : 0));
    expect(a.shape.owners.find((o: any) => o.key === mover.id)).toMatchObject({ leaveDate: '2026-03-11' });
    await publish(a.view.plan.id, a.view.plan.revision);
    const b = await draft(teamB, 'BASE', 'SALES_AMOUNT', (o, p, e) => (o === mover.id ? (p.key === '2026-03' ? 650 : p.key > '2026-03' ? 1000 : 0) : e ? 1000 : 0));
    expect(b.shape.owners.find((o: any) => o.key === mover.id)).toMatchObject({ hireDate: '2026-03-12' });
    await publish(b.view.plan.id, b.view.plan.revision);
    await gqlOk('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', {
      r: [
        { externalId: 'AUD-1', employeeNo: mover.employeeNo, date: '2026-03-05', amount: '300.00' },
        { externalId: 'AUD-2', employeeNo: mover.employeeNo, date: '2026-03-20', amount: '600.00' },
      ],
    }, t.finance);
    const row = async (unitId: string | null) => {
      const d = await gqlOk(ACH, unitId ? { period: '2026-03', grain: 'MONTH', unitId } : { period: '2026-03', grain: 'MONTH', personId: mover.id }, t.manager);
      return d.achievement.rows.find((r: any) => r.ownerId === mover.id).cells[0];
    };
    const own = await row(null);
    expect(own).toMatchObject({ actual: '900.00', base: '1000.00' });
    const onA = await row(teamA);
    const onB = await row(teamB);
    expect(onA.actual).toBe('300.00');
    expect(onB.actual).toBe('600.00');
    expect(onA.base).toBe('350.00'); // team A's own figure for the 11 days
    expect(onB.base).toBe('650.00');
    // 300 / 350 = 85.71 % and 600 / 650 = 92.31 %: below 90 % on A, about 90 % on B.
    expect(onA).toMatchObject({ baseAchievement: '85.71', class: 'BELOW_90' });
    expect(onB).toMatchObject({ baseAchievement: '92.31', class: 'ABOUT_90' });
  });

  it('in the month of the move, each team spreads its own line over the days the mover spent in it: ten-day blocks, half months, year to date; a block they were not in does not list them', async () => {
    const view = async (unitId: string, period: string, grain: string) => (await gqlOk(ACH, { period, grain, unitId }, t.manager)).achievement.rows.find((r: any) => r.ownerId === mover.id);
    // Team A's 350 over 1–11 March: 10 days in D1, 1 in D2 (largest remainder: 318.18 + 31.82), none in D3.
    expect((await view(teamA, '2026-03', 'TEN_DAYS')).cells.map((c: any) => [c.periodKey, c.actual, c.base, c.stretch])).toEqual([
      ['2026-03-D1', '300.00', '318.18', null],
      ['2026-03-D2', '0.00', '31.82', null],
      ['2026-03-D3', '0.00', '0.00', null],
    ]);
    // Team B's 650 over 12–31 March: 9 days in D2, 11 in D3.
    expect((await view(teamB, '2026-03', 'TEN_DAYS')).cells.map((c: any) => [c.periodKey, c.actual, c.base])).toEqual([
      ['2026-03-D1', '0.00', '0.00'],
      ['2026-03-D2', '600.00', '292.50'],
      ['2026-03-D3', '0.00', '357.50'],
    ]);
    expect((await view(teamA, '2026-03-D3', 'TEN_DAYS'))).toBeUndefined();
    expect((await view(teamB, '2026-03-D1', 'TEN_DAYS'))).toBeUndefined();
    expect((await view(teamB, '2026-03', 'HALF_MONTH')).cells.map((c: any) => c.base)).toEqual(['130.00', '520.00']);
    expect((await view(teamA, '2026-03', 'HALF_MONTH')).cells.map((c: any) => c.base)).toEqual(['350.00', '0.00']);
    // Year to date on 15 March: A has January, February and all of its March line (2,350.00); B 4 of its 20 days (650 × 4 / 20 = 130.00).
    expect((await view(teamA, '2026-03-15', 'YEAR_TO_DATE')).cells[0].base).toBe('2350.00');
    expect((await view(teamB, '2026-03-15', 'YEAR_TO_DATE')).cells[0].base).toBe('130.00');
    // Nor does a league table of a block they were not in rank them.
    const table = async (unitId: string, period: string) => (await gqlOk('query($u: ID!, $p: String!) { leagueTable(unitId: $u, period: $p) { rows { ownerId } } }', { u: unitId, p: period }, t.manager)).leagueTable.rows.map((r: any) => r.ownerId);
    expect(await table(teamA, '2026-03-D3')).not.toContain(mover.id);
    expect(await table(teamB, '2026-03-D1')).not.toContain(mover.id);
    expect(await table(teamB, '2026-03-D3')).toContain(mover.id);
  });

  it('the mover’s own view and the area’s add the two teams’ figures: each line over the days in its team, not the month’s 1,000 over calendar days', async () => {
    const cells = async (vars: Record<string, string>) =>
      (await gqlOk(ACH, vars, t.manager)).achievement.rows.find((r: any) => r.ownerId === mover.id).cells.map((c: any) => [c.periodKey, c.base]);
    // D1: A's 318.18; D2: A's 31.82 + B's 292.50; D3: B's 357.50 (not 322.58 / 322.58 / 354.84, the 1,000 over 10, 10 and 11 days).
    const tens = [['2026-03-D1', '318.18'], ['2026-03-D2', '324.32'], ['2026-03-D3', '357.50']];
    expect(await cells({ period: '2026-03', grain: 'TEN_DAYS', personId: mover.id })).toEqual(tens);
    expect(await cells({ period: '2026-03', grain: 'TEN_DAYS', unitId: area })).toEqual(tens);
    // Half months: A's 350 and B's 130 in the first, B's 520 in the second.
    expect(await cells({ period: '2026-03', grain: 'HALF_MONTH', personId: mover.id })).toEqual([['2026-03-H1', '480.00'], ['2026-03-H2', '520.00']]);
    // Year to date on 15 March: January, February, A's 350 and B's 130.
    expect(await cells({ period: '2026-03-15', grain: 'YEAR_TO_DATE', personId: mover.id })).toEqual([[expect.any(String), '2480.00']]);
    expect(await cells({ period: '2026-03-15', grain: 'YEAR_TO_DATE', unitId: area })).toEqual([[expect.any(String), '2480.00']]);
  });

  it('a plan made as if the mover stayed (only team A has a stretch line for March, for the whole month): each team counts its days’ share, never the whole month twice', async () => {
    // Team A's stretch plan gives the mover 1,000 in January, February and March, nothing after; team B has no stretch plan.
    const a = await draft(teamA, 'STRETCH', 'SALES_AMOUNT', (o, p, e) => (o === mover.id ? (p.key <= '2026-03' ? 1000 : 0) : e ? 1200 : 0));
    await publish(a.view.plan.id, a.view.plan.revision);
    const stretch = async (vars: Record<string, string>) =>
      (await gqlOk(ACH, vars, t.manager)).achievement.rows.find((r: any) => r.ownerId === mover.id)?.cells.map((c: any) => [c.periodKey, c.stretch]);
    // March: 11 of 31 days on A (354.84), 20 on B (645.16); the mover's own and the area's whole 1,000.
    expect(await stretch({ period: '2026-03', grain: 'MONTH', unitId: teamA })).toEqual([['2026-03', '354.84']]);
    expect(await stretch({ period: '2026-03', grain: 'MONTH', unitId: teamB })).toEqual([['2026-03', '645.16']]);
    expect(await stretch({ period: '2026-03', grain: 'MONTH', personId: mover.id })).toEqual([['2026-03', '1000.00']]);
    expect(await stretch({ period: '2026-03', grain: 'MONTH', unitId: area })).toEqual([['2026-03', '1000.00']]);
    // The quarter moves with its month: A has January, February and its March share; B its March share only.
    expect(await stretch({ period: '2026-Q1', grain: 'QUARTER', unitId: teamA })).toEqual([['2026-Q1', '2354.84']]);
    expect(await stretch({ period: '2026-Q1', grain: 'QUARTER', unitId: teamB })).toEqual([['2026-Q1', '645.16']]);
    // Ten-day blocks: each share over its team's days; together what the mover's own view has over the month's days.
    expect(await stretch({ period: '2026-03', grain: 'TEN_DAYS', unitId: teamA })).toEqual([['2026-03-D1', '322.58'], ['2026-03-D2', '32.26'], ['2026-03-D3', '0.00']]);
    expect(await stretch({ period: '2026-03', grain: 'TEN_DAYS', unitId: teamB })).toEqual([['2026-03-D1', '0.00'], ['2026-03-D2', '290.32'], ['2026-03-D3', '354.84']]);
    expect(await stretch({ period: '2026-03', grain: 'TEN_DAYS', personId: mover.id })).toEqual([['2026-03-D1', '322.58'], ['2026-03-D2', '322.58'], ['2026-03-D3', '354.84']]);
  });

  it('a transfer dated back over sales already imported moves them to the new team from its day on, with the monthly sums; earlier sales stay', async () => {
    const p = s.db.prisma;
    const late = await p.person.findFirstOrThrow({ where: { id: { not: mover.id }, position: 'SALES_REP', status: 'ACTIVE', hireDate: { lt: new Date('2026-01-01') }, leaveDate: null, assignments: { some: { unitId: teamA, validTo: null } }, user: null } });
    await gqlOk('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', {
      r: [
        { externalId: 'LATE-1', employeeNo: late.employeeNo, date: '2026-06-05', amount: '111.00' },
        { externalId: 'LATE-2', employeeNo: late.employeeNo, date: '2026-06-20', amount: '222.00' },
        { externalId: 'LATE-3', employeeNo: late.employeeNo, date: '2026-07-02', amount: '333.00' },
      ],
    }, t.finance);
    const actual = async (unitId: string, period: string) =>
      (await gqlOk(ACH, { period, grain: 'MONTH', unitId }, t.manager)).achievement.rows.find((r: any) => r.ownerId === late.id)?.cells[0]?.actual ?? null;
    expect([await actual(teamA, '2026-06'), await actual(teamA, '2026-07')]).toEqual(['333.00', '333.00']);
    const version = (await gqlOk('query($id: ID!) { person(id: $id) { version } }', { id: late.id }, t.admin)).person.version;
    // Entered today, effective 15 June.
    await gqlOk('mutation($id: ID!, $v: Int!, $u: ID!) { transferPerson(id: $id, version: $v, unitId: $u, effectiveDate: "2026-06-15") { id } }', { id: late.id, v: version, u: teamB }, t.admin);
    expect([await actual(teamA, '2026-06'), await actual(teamB, '2026-06'), await actual(teamB, '2026-07')]).toEqual(['111.00', '222.00', '333.00']);
    expect(await actual(teamA, '2026-07')).toBeNull();
    expect((await p.salesRecord.findMany({ where: { externalId: { in: ['LATE-1', 'LATE-2', 'LATE-3'] } }, orderBy: { externalId: 'asc' } })).map((x) => x.unitId)).toEqual([teamA, teamB, teamB]);
    const audit = await p.auditEvent.findFirstOrThrow({ where: { entityType: 'Person', entityId: late.id, action: 'transfer' }, orderBy: { at: 'desc' } });
    expect(JSON.parse(audit.after!)).toMatchObject({ unitId: teamB, effectiveDate: '2026-06-15', salesMoved: 2, salesMovedIds: ['LATE-2', 'LATE-3'], openFlagsCleared: 0, flagsRaised: 0 });
  });
});
