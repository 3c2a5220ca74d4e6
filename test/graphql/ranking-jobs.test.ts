/**
 * Publishing a ranking as a job (issue 12 §2), on both databases: the
 * mutation returns the job at once; it ends with the next version published
 * exactly as publishRanking publishes it, its summary naming the version;
 * refused at once for a unit the viewer may not publish for; watched only
 * by its requester, directors and admins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { finishedJob } from '../support/jobs.ts';

const START = 'mutation($u: ID!, $p: String!) { startRankingPublication(unitId: $u, period: $p, basis: AMOUNT) { id kind status } }';
const JOB = 'query($id: ID!) { job(id: $id) { status done total summary { name value isNumber } error { reason } } }';
const PUBLISHED = 'query($u: ID!, $p: String!) { publishedRankings(unitId: $u, period: $p, basis: AMOUNT) { version rows { ownerId rank actual } } }';
const TABLE = 'query($u: ID!, $p: String!) { leagueTable(unitId: $u, period: $p, basis: AMOUNT) { rows { ownerId rank actual } } }';

describe.each(testProviders)('ranking publication as a job on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'manager' | 'director' | 'finance' | 'rep', string>;
  let area: string;
  let otherArea: string;

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['manager', 'director', 'finance', 'rep'] as const) t[u] = await s.login(u);
    const mgr = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const a = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    area = a.id;
    otherArea = (await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'AREA', id: { not: area } } })).id;
    const seller = await s.db.prisma.person.findFirstOrThrow({ where: { id: { not: mgr.personId! }, leaveDate: null, hireDate: { lt: new Date('2026-01-01') }, assignments: { some: { validTo: null, unit: { path: { startsWith: a.path } } } } }, orderBy: { employeeNo: 'asc' } });
    const r = await s.gql('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', { r: [{ externalId: 'RJ-1', employeeNo: seller.employeeNo, date: '2026-03-05', amount: '800.00' }] }, t.finance);
    expect(r.errors).toBeUndefined();
  });
  afterAll(() => s.close());


  it('publishes the next version as publishRanking does, naming it in the summary', async () => {
    const live = (await s.gql(TABLE, { u: area, p: '2026-03' }, t.manager)).data.leagueTable.rows;
    const started = await s.gql(START, { u: area, p: '2026-03' }, t.manager);
    expect(started.errors).toBeUndefined();
    expect(started.data.startRankingPublication).toMatchObject({ kind: 'ranking.publish' });
    const job = await finishedJob(s, JOB, started.data.startRankingPublication.id, t.manager);
    expect(job.status).toBe('SUCCEEDED');
    const summary = Object.fromEntries(job.summary.map((v: { name: string; value: string }) => [v.name, v.value]));
    expect(summary).toMatchObject({ version: '1', periodKey: '2026-03', ranked: String(live.length) });
    expect(job.summary.find((v: { name: string }) => v.name === 'version').isNumber).toBe(true);
    const published = (await s.gql(PUBLISHED, { u: area, p: '2026-03' }, t.manager)).data.publishedRankings;
    expect(published.map((p: { version: number }) => p.version)).toEqual([1]);
    expect(published[0].rows).toEqual(live);
    // Directors watch every publication; a manager of another area, a rep or finance do not see it.
    expect((await s.gql(JOB, { id: started.data.startRankingPublication.id }, t.director)).data.job.status).toBe('SUCCEEDED');
    for (const who of ['finance', 'rep'] as const) expect(codeOf(await s.gql(JOB, { id: started.data.startRankingPublication.id }, t[who]))).toBe('NOT_FOUND');
    expect(await s.db.prisma.auditEvent.count({ where: { entityType: 'RankingSnapshot', action: 'publish' } })).toBe(1);
  });

  it('gives each requester their own job: a manager asking while a director’s is queued watches their own, not a job they cannot see', async () => {
    const [director, manager] = await Promise.all([s.gql(START, { u: area, p: '2026-02' }, t.director), s.gql(START, { u: area, p: '2026-02' }, t.manager)]);
    const [theirs, mine] = [director.data.startRankingPublication.id, manager.data.startRankingPublication.id];
    expect(mine).not.toBe(theirs);
    expect((await finishedJob(s, JOB, mine, t.manager)).status).toBe('SUCCEEDED');
    await finishedJob(s, JOB, theirs, t.director);
  });

  it('refuses at once, queuing nothing, a unit the manager may not publish for, and a bad period', async () => {
    const other = await s.refused(START, { u: otherArea, p: '2026-03' }, t.manager);
    expect(other.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ORG_UNIT_NOT_FOUND' });
    expect(codeOf(await s.refused(START, { u: area, p: 'not-a-period' }, t.manager))).toBe('BAD_USER_INPUT');
    expect(codeOf(await s.refused(START, { u: area, p: '2026-03' }, t.rep))).toBe('FORBIDDEN');
  });
});
