/**
 * League tables and published rankings (issue 10 §3) through the API: a
 * ten-day ranking by amount with a tie (1, 2, 2, 4), top and bottom places,
 * movement since the block before; a published ranking frozen against late
 * sales, republished as a new version showing what moved; refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

const ROWS = 'rows { ownerId code rank top bottom moved actual base achievement }';
const TABLE = `query($u: ID!, $p: String!, $basis: RankingBasis, $top: Int) { leagueTable(unitId: $u, period: $p, basis: $basis, top: $top) { periodKey previousPeriodKey ${ROWS} } }`;
const PUBLISH = `mutation($u: ID!, $p: String!) { publishRanking(unitId: $u, period: $p, basis: AMOUNT) { version periodKey ${ROWS} } }`;
const PUBLISHED = `query($u: ID!, $p: String!) { publishedRankings(unitId: $u, period: $p, basis: AMOUNT) { version ${ROWS} } }`;

describe.each(testProviders)('rankings on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'manager' | 'rep' | 'director', string>;
  let area: string;
  let otherArea: string;
  let people: { id: string; employeeNo: string }[];

  const gql = async (q: string, vars: Record<string, unknown>, token = t.manager) => {
    const r = await s.gql(q, vars, token);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data;
  };
  const sell = (records: [number, string, string][], tag: string) =>
    gql('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', { r: records.map(([i, date, amount], n) => ({ externalId: `${tag}-${n}`, employeeNo: people[i]!.employeeNo, date, amount })) }, t.finance);

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'manager', 'rep', 'director'] as const) t[u] = await s.login(u);
    const p = s.db.prisma;
    const mgr = await p.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const a = await p.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    area = a.id;
    otherArea = (await p.orgUnit.findFirstOrThrow({ where: { kind: 'AREA', id: { not: area } } })).id;
    // Sellers in the area all year, by employee number; the manager is not one of them.
    people = await p.person.findMany({
      where: { id: { not: mgr.personId! }, hireDate: { lt: new Date('2026-01-01') }, leaveDate: null, assignments: { some: { validTo: null, unit: { path: { startsWith: a.path } } } } },
      orderBy: { employeeNo: 'asc' },
      select: { id: true, employeeNo: true },
    });
    expect(people.length).toBeGreaterThanOrEqual(6);
    await sell(
      [
        [0, '2026-03-12', '500.00'],
        [1, '2026-03-13', '300.00'],
        [2, '2026-03-14', '200.00'],
        [2, '2026-03-20', '100.00'],
        [3, '2026-03-15', '100.00'],
        [3, '2026-03-02', '1000.00'],
      ],
      'R',
    );
  });
  afterAll(() => s.close());

  it('ranks a ten-day block by amount: ties share a place, the next place skips, top and bottom flagged', async () => {
    const table = (await gql(TABLE, { u: area, p: '2026-03-D2', basis: 'AMOUNT' })).leagueTable;
    expect(table).toMatchObject({ periodKey: '2026-03-D2', previousPeriodKey: '2026-03-D1' });
    const row = (i: number) => table.rows.find((r: any) => r.ownerId === people[i]!.id);
    expect([0, 1, 2, 3].map((i) => [row(i).rank, row(i).actual, row(i).top, row(i).bottom])).toEqual([
      [1, '500.00', true, false],
      [2, '300.00', true, false],
      [2, '300.00', true, false],
      [4, '100.00', false, table.rows.length - 4 < 3],
    ]);
    // Inside the tie, by employee number; everyone else shares the last place and is flagged at the bottom.
    expect(table.rows.slice(0, 4).map((r: any) => r.ownerId)).toEqual([0, 1, 2, 3].map((i) => people[i]!.id));
    expect(table.rows.slice(4).every((r: any) => r.rank === 5 && r.actual === '0.00' && r.bottom)).toBe(true);
    // People[3] led the first block alone and is fourth now.
    expect(row(3).moved).toBe(-3);
    // Tied second (at 0.00) in the first block, first now.
    expect(row(0).moved).toBe(1);
  });

  it('never flags one row both top and bottom: with places for five, the tied fifth (who sold nothing) are not among the best, so they are the bottom', async () => {
    const table = (await gql(TABLE, { u: area, p: '2026-03-D2', basis: 'AMOUNT', top: 5 })).leagueTable;
    const fifth = table.rows.filter((r: any) => r.rank === 5);
    expect(fifth.length).toBeGreaterThan(0);
    expect(fifth.every((r: any) => r.actual === '0.00' && !r.top && r.bottom)).toBe(true);
    expect(table.rows.filter((r: any) => r.rank !== null && r.rank < 5).every((r: any) => r.top)).toBe(true);
    expect(table.rows.filter((r: any) => r.top && r.bottom)).toEqual([]);
  });

  it('flags the bottom three when the last tie sits within the top three’s ranks: one seller, everyone else tied second on nothing is the bottom', async () => {
    await sell([[5, '2026-04-15', '80.00']], 'ONE');
    const table = (await gql(TABLE, { u: area, p: '2026-04-D2', basis: 'AMOUNT' })).leagueTable;
    expect(table.rows[0]).toMatchObject({ ownerId: people[5]!.id, rank: 1, top: true, bottom: false });
    const rest = table.rows.slice(1);
    expect(rest.length).toBeGreaterThanOrEqual(3);
    expect(rest.map((r: any) => [r.rank, r.actual, r.top, r.bottom])).toEqual(rest.map(() => [2, '0.00', false, true]));
  });

  it('leaves people without a target unranked when ranking by achievement', async () => {
    const table = (await gql(TABLE, { u: area, p: '2026-03', basis: 'ACHIEVEMENT' })).leagueTable;
    expect(table.rows.every((r: any) => r.rank === null && r.base === null && !r.top && !r.bottom)).toBe(true);
  });

  it('publishes a frozen ranking that late sales do not change, and a new version that shows what moved', async () => {
    const v1 = (await gql(PUBLISH, { u: area, p: '2026-03-D2' })).publishRanking;
    expect(v1.version).toBe(1);
    expect(v1.rows.every((r: any) => r.moved === null)).toBe(true);
    await sell([[4, '2026-03-18', '900.00']], 'LATE');
    const frozen = (await gql(PUBLISHED, { u: area, p: '2026-03-D2' })).publishedRankings;
    expect(frozen).toHaveLength(1);
    expect(frozen[0].rows).toEqual(v1.rows);
    const live = (await gql(TABLE, { u: area, p: '2026-03-D2', basis: 'AMOUNT' })).leagueTable;
    expect(live.rows[0]).toMatchObject({ ownerId: people[4]!.id, rank: 1, actual: '900.00' });
    const v2 = (await gql(PUBLISH, { u: area, p: '2026-03-D2' }, t.director)).publishRanking;
    expect(v2.version).toBe(2);
    const moved = (i: number) => v2.rows.find((r: any) => r.ownerId === people[i]!.id).moved;
    expect([moved(4), moved(0), moved(1), moved(3)]).toEqual([4, -1, -1, -1]);
    expect((await gql(PUBLISHED, { u: area, p: '2026-03-D2' })).publishedRankings.map((p: any) => p.version)).toEqual([2, 1]);
    const audit = await s.db.prisma.auditEvent.count({ where: { entityType: 'RankingSnapshot', action: 'publish' } });
    expect(audit).toBe(2);

    // A rep reads their own place in the newest version, and nobody else's figures.
    const repPerson = (await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' } })).personId!;
    const repRow = v2.rows.find((r: any) => r.ownerId === repPerson);
    expect(repRow, 'the demo rep sells in the manager’s area').toBeDefined();
    const answer = await s.gql('query($p: String) { myRankings(period: $p) { unitId periodKey version of row { ownerId rank top bottom moved actual } } }', { p: '2026-03-D2' }, t.rep);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.myRankings).toEqual([
      { unitId: area, periodKey: '2026-03-D2', version: 2, of: v2.rows.filter((r: any) => r.rank !== null).length, row: { ownerId: repPerson, rank: repRow.rank, top: repRow.top, bottom: repRow.bottom, moved: repRow.moved, actual: repRow.actual } },
    ]);
    const others = v2.rows.filter((r: any) => r.ownerId !== repPerson).map((r: any) => r.ownerId as string);
    expect(others.some((id: string) => JSON.stringify(answer.data).includes(id))).toBe(false);
    // Someone who is in no published ranking has none.
    expect((await s.gql('{ myRankings { periodKey } }', {}, t.admin)).data.myRankings).toEqual([]);
  });

  it('refuses a locked period, a period rankings do not use, a unit outside the viewer’s scope, and reps', async () => {
    expect((await s.gql('mutation { lockPeriod(periodKey: "2026-02", reason: "结账") { periodKey } }', {}, t.admin)).errors).toBeUndefined();
    const locked = await s.refused(PUBLISH, { u: area, p: '2026-02-D1' }, t.manager);
    expect(locked.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_LOCKED', params: { period: '2026-02' } });
    for (const p of ['2026-03-12', '2026-W11', '2026-3']) {
      const r = await s.refused(TABLE, { u: area, p }, t.manager);
      expect(r.errors![0]!.extensions!).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(['RANKING_PERIOD', 'NOT_A_PERIOD']).toContain((r.errors![0]!.extensions as any).reason);
    }
    expect(codeOf(await s.refused(TABLE, { u: otherArea, p: '2026-03' }, t.manager))).toBe('NOT_FOUND');
    expect(codeOf(await s.refused(PUBLISH, { u: otherArea, p: '2026-03' }, t.manager))).toBe('NOT_FOUND');
    expect(codeOf(await s.refused(TABLE, { u: area, p: '2026-03' }, t.rep))).toBe('FORBIDDEN');
    expect(codeOf(await s.refused(PUBLISH, { u: area, p: '2026-03' }, t.finance))).toBe('FORBIDDEN');
  });
});
